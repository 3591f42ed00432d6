// The physics package's shorthands, read as what they typeset, so every later reading (derivatives,
// bars, bold names) sees the usual LaTeX: `\dv{f}{x}` is `\frac{\mathrm{d} f}{\mathrm{d} x}`, `\dv{x}`
// the operator d/dx, `\dv[2]{f}{x}` the second derivative, `\pdv` the same with ∂ and
// `\pdv{f}{x}{y}` the mixed partial ∂²f/∂x∂y; `\abs{x}` is |x|, `\norm{x}` ‖x‖, `\vb{x}` bold x,
// `\va{x}` x with an arrow, `\vu{x}` the bold unit vector x̂, and `\dd` the upright differential d.
// A document's own definition of one of these names is expanded before the math is read, so it
// always wins (math/macroExpansion.ts).
import type { Token } from '../tokens';

/** The index just past the braced group that opens at `i` (or `i` when none opens there). */
function groupEnd(tokens: Token[], i: number): number {
  if (tokens[i]?.text !== '{') return i;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (tokens[j].text === '{') depth++;
    else if (tokens[j].text === '}' && --depth === 0) return j + 1;
  }
  return i;
}

/** `[2]` at `i`: its tokens and the index after it, or null. */
function orderAt(tokens: Token[], i: number): { order: Token[]; next: number } | null {
  if (tokens[i]?.text !== '[') return null;
  for (let j = i + 1; j < tokens.length && j < i + 8; j++)
    if (tokens[j].text === ']') return j > i + 1 ? { order: tokens.slice(i + 1, j), next: j + 1 } : null;
  return null;
}

const BARS: Record<string, readonly [string, string]> = {
  '\\abs': ['\\lvert', '\\rvert'],
  '\\norm': ['\\lVert', '\\rVert'],
};

const VECTOR_FONTS: Record<string, string> = { '\\vb': '\\mathbf', '\\va': '\\vec', '\\vu': '\\hat' };

export function physicsShorthands(tokens: Token[]): Token[] {
  if (!tokens.some((t) => t.type === 'cmd' && /^\\(?:p?dv|abs|norm|v[bau]|dd)$/.test(t.text))) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const at = (text: string, type: Token['type'] = 'sym'): Token => ({
      type,
      text,
      start: t.end,
      end: t.end,
    });
    // `\dv*`, `\abs*`, `\vb*`: the star changes only how it is set.
    const star = tokens[i + 1]?.text === '*' ? 1 : 0;
    if (t.type === 'cmd' && (t.text === '\\dv' || t.text === '\\pdv')) {
      const o = orderAt(tokens, i + 1 + star);
      const a = o ? o.next : i + 1 + star;
      const aEnd = groupEnd(tokens, a);
      if (aEnd === a) {
        out.push(t);
        continue;
      }
      const bEnd = groupEnd(tokens, aEnd);
      const cEnd = t.text === '\\pdv' && !o && bEnd > aEnd ? groupEnd(tokens, bEnd) : bEnd;
      const inner = (s: number, e: number) => tokens.slice(s + 1, e - 1);
      const d = (): Token[] =>
        t.text === '\\dv'
          ? [at('\\mathrm', 'cmd'), at('{'), at('d', 'letter'), at('}')]
          : [at('\\partial', 'cmd')];
      const power = (n: Token[]): Token[] => [at('^'), at('{'), ...n, at('}')];
      const variable = (s: number, e: number, n: Token[] | null): Token[] => {
        const v = inner(s, e);
        if (!n) return [...d(), ...v];
        return [...d(), ...(v.length === 1 ? v : [at('{'), ...v, at('}')]), ...power(n)];
      };
      const frac: Token = { ...t, text: '\\frac' };
      if (bEnd === aEnd) {
        // `\dv{x}`: the operator d/dx, applied to what follows.
        const n = o ? o.order : null;
        out.push(
          frac,
          at('{'),
          ...d(),
          ...(n ? power(n) : []),
          at('}'),
          at('{'),
          ...variable(a, aEnd, n),
          at('}'),
        );
        i = aEnd - 1;
        continue;
      }
      if (cEnd > bEnd) {
        // `\pdv{f}{x}{y}`: the mixed partial ∂²f/∂x∂y.
        const two: Token = { type: 'num', text: '2', start: t.end, end: t.end };
        out.push(frac, at('{'), ...d(), ...power([two]), ...inner(a, aEnd), at('}'));
        out.push(at('{'), ...variable(aEnd, bEnd, null), ...variable(bEnd, cEnd, null), at('}'));
        i = cEnd - 1;
        continue;
      }
      const n = o ? o.order : null;
      out.push(frac, at('{'), ...d(), ...(n ? power(n) : []), ...inner(a, aEnd), at('}'));
      out.push(at('{'), ...variable(aEnd, bEnd, n), at('}'));
      i = bEnd - 1;
      continue;
    }
    const bars = t.type === 'cmd' ? BARS[t.text] : undefined;
    if (bars) {
      const a = i + 1 + star;
      const end = groupEnd(tokens, a);
      if (end === a) {
        out.push(t);
        continue;
      }
      const close = tokens[end - 1];
      out.push({ ...t, type: 'cmd', text: bars[0] }, ...tokens.slice(a + 1, end - 1), {
        ...close,
        type: 'cmd',
        text: bars[1],
      });
      i = end - 1;
      continue;
    }
    const font = t.type === 'cmd' ? VECTOR_FONTS[t.text] : undefined;
    if (font) {
      const a = i + 1 + star;
      if (t.text === '\\vu') out.push({ ...t, text: '\\hat' }, at('{'), at('\\mathbf', 'cmd'));
      else out.push({ ...t, text: font });
      i = a - 1;
      if (t.text === '\\vu') {
        const end = groupEnd(tokens, a);
        out.push(...tokens.slice(a, end === a ? a + 1 : end), at('}'));
        i = (end === a ? a + 1 : end) - 1;
      }
      continue;
    }
    if (t.type === 'cmd' && t.text === '\\dd' && tokens[i + 1]?.text !== '[') {
      out.push({ ...t, text: '\\mathrm' }, at('{'), at('d', 'letter'), at('}'));
      // `\dd{x}`: the variable in braces is the variable, `\mathrm{d} x`.
      const end = groupEnd(tokens, i + 1);
      if (end > i + 1) {
        out.push(...tokens.slice(i + 2, end - 1));
        i = end - 1;
      }
      continue;
    }
    out.push(t);
  }
  return out;
}
