// Moments over two independent normal numbers by a Gauss–Hermite product rule.
//
// `\operatorname{Var}(X + Y) = 2.04` for two standard normals was estimated from a thousand draws,
// whose five standard errors are several percent: it passed. The adaptive quadrature of
// densityQuadrature.ts knows its error but nests badly (tens of thousands of evaluations for two
// numbers). Against a normal density, the n-point Gauss–Hermite rule is exact for polynomials of
// degree below 2n, and converges fast for any smooth body: the body at 20 × 20 nodes and at 28 × 28
// is a moment whose two values agree to far below the tolerance for the polynomials moments are
// made of (E[X²Y²], Var(X − Y/2)), and disagree for a kink or a jump (max, an event), which the
// draws then estimate as before. The difference of the two rules is the error the comparison
// allows for.

/** Nodes and weights for ∫ e^{−x²} f(x) dx, by Newton's method on the Hermite recurrence. */
export function hermiteRule(n: number): { x: number[]; w: number[] } {
  const x = new Array<number>(n).fill(0);
  const w = new Array<number>(n).fill(0);
  const PIM4 = Math.PI ** -0.25;
  let z = 0;
  for (let i = 1; i <= (n + 1) >> 1; i++) {
    // Initial guesses for the largest roots first (the usual asymptotic ones).
    if (i === 1) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 2) z -= (1.14 * n ** 0.426) / z;
    else if (i === 3) z = 1.86 * z - 0.86 * x[0];
    else if (i === 4) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 3];
    let pp = 0;
    for (let its = 0; its < 100; its++) {
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i - 1] = z;
    x[n - i] = -z;
    w[i - 1] = 2 / (pp * pp);
    w[n - i] = w[i - 1];
  }
  return { x, w };
}

const RULES = new Map<number, { x: number[]; w: number[] }>();
function rule(n: number): { x: number[]; w: number[] } {
  let r = RULES.get(n);
  if (!r) RULES.set(n, (r = hermiteRule(n)));
  return r;
}

/** The two orders compared. */
export const HERMITE_ORDERS = [20, 28] as const;

/**
 * ∫∫ N(x; m₁, v₁) N(y; m₂, v₂) body(x, y) dx dy at one order: each entry of the body's vector
 * summed against the product weights.
 */
export function normalProduct(
  order: number,
  laws: readonly { mean: number; variance: number }[],
  body: (xs: number[]) => Float64Array,
  length: number,
): Float64Array {
  const { x, w } = rule(order);
  const out = new Float64Array(length);
  const scale = 1 / Math.PI;
  const [a, b] = laws;
  const sa = Math.sqrt(2 * a.variance);
  const sb = Math.sqrt(2 * b.variance);
  for (let i = 0; i < order; i++)
    for (let j = 0; j < order; j++) {
      const f = body([a.mean + sa * x[i], b.mean + sb * x[j]]);
      const weight = w[i] * w[j] * scale;
      for (let k = 0; k < length; k++) out[k] += weight * f[k];
    }
  return out;
}
