import type { Token } from './tokens';

const PAIRS: Record<string, string> = { '(': ')', '[': ']' };

/**
 * Computer-algebra printers wrap a function's bracketed argument in braces:
 * sympy writes `\sin{\left(x \right)}^{2}`, which TeX sets as sin(x)², the square of the value.
 * When the braced group at `i` holds exactly one bracket pair, return the index of the bracket
 * (so the caller reads it as `\sin(x)`) and of the closing brace; otherwise null — `\sin{x}^{2}`
 * is set as sin x², and the script stays on the argument.
 */
export function bracedBracket(tokens: Token[], i: number): { open: number; closeBrace: number } | null {
  if (tokens[i]?.text !== '{') return null;
  const open = i + 1;
  const closer = PAIRS[tokens[open]?.text ?? ''];
  if (!closer) return null;
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const v = tokens[j].text;
    if (tokens[j].type === 'eof') return null;
    if (v === '(' || v === '[' || v === '{') depth++;
    else if (v === ')' || v === ']' || v === '}') {
      depth--;
      if (depth === 0) {
        if (v !== closer) return null;
        return tokens[j + 1]?.text === '}' ? { open, closeBrace: j + 1 } : null;
      }
    }
  }
  return null;
}
