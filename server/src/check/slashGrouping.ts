// `x^\top L x / x^\top x`: read left to right, as `1/2 x` must be, the slash divides by xᵀ alone
// and the product cannot be formed (a number over a row). A careful reader then reads the whole
// product written after the slash as the divisor — the Rayleigh quotient. Only a shape error
// prompts this second grouping: between numbers both groupings can be formed, and the usual one
// stands.
import type { Node } from '../math/tree';

/**
 * The side with each slash's divisor extended over the factors juxtaposed after it
 * (`a b / c d` → `(a b)/(c d)`), or null when nothing changes. Explicit products (`\cdot`) end
 * the divisor, and only the side's chain of operators (through brackets and signs) is read.
 */
export function slashOverProduct(n: Node): Node | null {
  switch (n.kind) {
    case 'bin': {
      const left = slashOverProduct(n.left);
      const right = slashOverProduct(n.right);
      const l = left ?? n.left;
      const r = right ?? n.right;
      if (n.op === 'juxt' && !n.apply && l.kind === 'bin' && l.op === '/') {
        const divisor: Node = {
          kind: 'bin',
          op: 'juxt',
          left: l.right,
          right: r,
          start: l.right.start,
          end: r.end,
        };
        return { ...l, right: divisor, end: n.end };
      }
      return left || right ? { ...n, left: l, right: r } : null;
    }
    case 'neg': {
      const operand = slashOverProduct(n.operand);
      return operand ? { ...n, operand } : null;
    }
    case 'group': {
      if (n.items.length !== 1) return null;
      const item = slashOverProduct(n.items[0]);
      return item ? { ...n, items: [item] } : null;
    }
    default:
      return null;
  }
}
