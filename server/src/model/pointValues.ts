// `\hat\rho(1) = 0.6`, `g(2) = 8`, `e(0) = 0.2`: running text that gives a function it never gives a
// rule a number at a written argument has told the reader its value there, and a later
// `\frac{\hat\rho(2) - \hat\rho(1)^2}{1 - \hat\rho(1)^2}` is computed with it. The value is kept
// under a key of its own — the name and the argument's numbers — so nothing else reads it as a name.
import type { Node, SymNode } from '../math/tree';

/** The key of f's value at these written numbers (`g@(2)`), or null when an argument is not a number. */
export function pointKey(f: SymNode, args: readonly Node[]): string | null {
  if (args.length === 0) return null;
  const values = args.map(writtenNumber);
  if (values.some((v) => v === null)) return null;
  return `${f.name}@(${values.join(', ')})`;
}

/** `2`, `-1`, `\frac{1}{2}`, `1/2`: a number written out, else null. */
function writtenNumber(n: Node): number | null {
  if (n.kind === 'num') return n.value;
  if (n.kind === 'neg') {
    const v = writtenNumber(n.operand);
    return v === null ? null : -v;
  }
  const parts =
    n.kind === 'frac'
      ? [n.numerator, n.denominator]
      : n.kind === 'bin' && n.op === '/'
        ? [n.left, n.right]
        : null;
  if (!parts) return null;
  const [a, b] = parts.map(writtenNumber);
  return a === null || b === null || b === 0 ? null : a / b;
}
