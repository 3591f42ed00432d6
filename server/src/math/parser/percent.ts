// `5\%` is five hundredths. Read as `5 \times 10^{-2}`, so that a rounded percentage (`6.14\%`) keeps
// the precision of its digits, as scientific notation does (check/claim/rounding.ts).
import type { Token } from '../tokens';
import type { Node } from '../tree';

export function percentOf(node: Node, t: Token): Node {
  const at = { start: t.start, end: t.end };
  const hundredth: Node = {
    kind: 'pow',
    base: { kind: 'num', value: 10, text: '10', ...at },
    exponent: { kind: 'neg', operand: { kind: 'num', value: 2, text: '2', ...at }, ...at },
    ...at,
  };
  return { kind: 'bin', op: 'times', left: node, right: hundredth, start: node.start, end: t.end };
}
