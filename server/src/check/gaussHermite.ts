// Moments over two to four independent normal numbers by a Gauss–Hermite product rule.
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

/**
 * The two orders compared, by how many normal numbers the rule spans. The product rule takes
 * order^count evaluations: three numbers at 12 and 16 nodes (about 5,800 in all) and four at 6 and
 * 8 (about 5,400) cost what two do at 20 and 28, and are still exact for the polynomials moments
 * are made of (degree below 24, below 12, in each number): `E[X^2 Y^2 Z^2] = 1.02` for three
 * standard normals was a draw estimate whose 5σ passed it.
 */
export const HERMITE_ORDERS: Readonly<Record<number, readonly [number, number]>> = {
  2: [20, 28],
  3: [12, 16],
  4: [6, 8],
};

/**
 * ∫ ∏ N(x_k; m_k, v_k) body(x) dx at one order: each entry of the body's vector summed against the
 * product weights, every combination of nodes (the first number's varying fastest).
 */
export function normalProduct(
  order: number,
  laws: readonly { mean: number; variance: number }[],
  body: (xs: number[]) => Float64Array,
  length: number,
): Float64Array {
  const { x, w } = rule(order);
  const out = new Float64Array(length);
  const scale = Math.PI ** (-laws.length / 2);
  const spread = laws.map((l) => Math.sqrt(2 * l.variance));
  const digits = new Array<number>(laws.length).fill(0);
  for (;;) {
    const f = body(laws.map((l, k) => l.mean + spread[k] * x[digits[k]]));
    let weight = scale;
    for (const d of digits) weight *= w[d];
    for (let k = 0; k < length; k++) out[k] += weight * f[k];
    let k = 0;
    while (k < digits.length && ++digits[k] === order) digits[k++] = 0;
    if (k === digits.length) return out;
  }
}
