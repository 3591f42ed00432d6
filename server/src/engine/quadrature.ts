// Adaptive Gauss–Kronrod quadrature (G7–K15, bisection of the interval with the largest error).
// The integrand returns a vector of numbers; the error is controlled on its first `controlled`
// entries (the value) while the rest (tangents of dual numbers) are integrated on the same nodes,
// so a derivative under the integral sign is the derivative of the quadrature that was accepted.
// Infinite limits are mapped onto finite ones; the nodes never touch an end of the interval, so
// an integrand singular at an end (1/√x at 0) is sampled only inside.

/** Kronrod nodes on [0, 1) of the 15-point rule (symmetric), with the odd ones shared by G7. */
const XK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
const WK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

export interface QuadratureOptions {
  /** How many leading entries of an integrand's result of this length are controlled (the rest ride along). */
  controlled: (length: number) => number;
  relTol: number;
  absTol: number;
  /** Most subintervals before giving up. */
  maxIntervals: number;
}

export interface QuadratureResult {
  value: Float64Array;
  /** Estimated absolute error of the controlled entries (largest over them). */
  error: number;
  converged: boolean;
  /** Why it did not converge, when it did not. */
  reason: string | null;
  evaluations: number;
}

interface Piece {
  a: number;
  b: number;
  value: Float64Array;
  error: number;
  /** ∫|f| over the piece (largest over the controlled entries): the scale rounding is relative to. */
  magnitude: number;
}

/** Rounding in a 15-point sum: no error estimate is finer than this fraction of ∫|f|. */
const ROUNDING = 50 * Number.EPSILON;

/**
 * ∫_a^b f(x) dx for a ≠ b, possibly infinite. `f` may throw; the error propagates to the caller
 * (a budget, an undefined value).
 */
export function integrate(
  f: (x: number) => Float64Array,
  a: number,
  b: number,
  opts: QuadratureOptions,
): QuadratureResult {
  if (a > b) {
    const r = integrate(f, b, a, opts);
    for (let i = 0; i < r.value.length; i++) r.value[i] = -r.value[i];
    return r;
  }
  return adaptive(finiteForm(f, a, b), a === -Infinity || b === Infinity ? mapped(a, b) : [a, b], opts);
}

/** The interval the mapped integrand lives on. */
function mapped(a: number, b: number): [number, number] {
  if (a === -Infinity && b === Infinity) return [-1, 1];
  return [0, 1];
}

/** The integrand on a finite interval: x = t/(1−t²) on ℝ, x = a + t/(1−t) and x = b − (1−t)/t on half-lines. */
function finiteForm(f: (x: number) => Float64Array, a: number, b: number): (t: number) => Float64Array {
  const scaled = (x: number, jac: number) => {
    const y = f(x);
    const out = new Float64Array(y.length);
    // Far out the integrand is 0 and the Jacobian huge: 0 · ∞ must stay 0.
    for (let i = 0; i < y.length; i++) out[i] = y[i] === 0 ? 0 : y[i] * jac;
    return out;
  };
  if (a === -Infinity && b === Infinity)
    return (t) => {
      const u = 1 - t * t;
      return scaled(t / u, (1 + t * t) / (u * u));
    };
  if (b === Infinity) return (t) => scaled(a + t / (1 - t), 1 / ((1 - t) * (1 - t)));
  if (a === -Infinity) return (t) => scaled(b - (1 - t) / t, 1 / (t * t));
  return f;
}

function kronrod(f: (x: number) => Float64Array, a: number, b: number, opts: QuadratureOptions): Piece {
  const c = (a + b) / 2;
  const h = (b - a) / 2;
  let k: Float64Array | null = null;
  let g: Float64Array | null = null;
  let absK: Float64Array | null = null;
  const add = (acc: Float64Array | null, y: Float64Array, w: number) => {
    const out = acc ?? new Float64Array(y.length);
    if (y.length !== out.length) throw new RangeError('the integrand changed its shape');
    for (let i = 0; i < y.length; i++) out[i] += w * y[i];
    return out;
  };
  for (let j = 0; j < XK.length; j++) {
    const pts = XK[j] === 0 ? [c] : [c - h * XK[j], c + h * XK[j]];
    for (const x of pts) {
      const y = f(x);
      k = add(k, y, WK[j]);
      absK = add(absK, y.map(Math.abs), WK[j]);
      // G7 uses the Kronrod nodes 1, 3, 5 and the centre.
      if (j % 2 === 1) g = add(g, y, WG[(j - 1) / 2]);
      else if (j === 7) g = add(g, y, WG[3]);
    }
  }
  const value = k!.map((v) => v * h);
  let error = 0;
  let magnitude = 0;
  const controlled = opts.controlled(value.length);
  for (let i = 0; i < controlled; i++) {
    const m = absK![i] * Math.abs(h);
    const e = Math.max(Math.abs((k![i] - g![i]) * h), ROUNDING * m);
    error = Number.isNaN(e) ? Infinity : Math.max(error, e);
    magnitude = Math.max(magnitude, m);
  }
  return { a, b, value, error, magnitude };
}

function adaptive(
  f: (x: number) => Float64Array,
  [a, b]: [number, number],
  opts: QuadratureOptions,
): QuadratureResult {
  const pieces: Piece[] = [kronrod(f, a, b, opts)];
  let evaluations = 15;
  for (;;) {
    const value = total(pieces);
    // Errors of pieces add up; their sum bounds the whole (pessimistically, as K15 is far better than G7).
    let error = 0;
    let magnitude = 0;
    for (const p of pieces) {
      error += p.error;
      magnitude += p.magnitude;
    }
    let size = 0;
    const controlled = opts.controlled(value.length);
    for (let i = 0; i < controlled; i++) size = Math.max(size, Math.abs(value[i]));
    // An integral that cancels to about 0 (an odd integrand) is judged against ∫|f|, not its value.
    const wanted = Math.max(opts.absTol, opts.relTol * size, 2 * ROUNDING * magnitude);
    const done = (converged: boolean, reason: string | null): QuadratureResult => ({
      value,
      error,
      converged,
      reason,
      evaluations,
    });
    if (!Number.isFinite(error) || value.subarray(0, controlled).some((v) => !Number.isFinite(v)))
      return done(false, 'the integrand is not finite inside the interval');
    if (error <= wanted) return done(true, null);
    if (pieces.length >= opts.maxIntervals)
      return done(false, `${pieces.length} subintervals did not suffice`);
    let worst = 0;
    for (let i = 1; i < pieces.length; i++) if (pieces[i].error > pieces[worst].error) worst = i;
    const p = pieces[worst];
    const m = (p.a + p.b) / 2;
    if (!(m > p.a && m < p.b)) return done(false, 'the subintervals became too small for double precision');
    pieces.splice(worst, 1, kronrod(f, p.a, m, opts), kronrod(f, m, p.b, opts));
    evaluations += 30;
  }
}

function total(pieces: Piece[]): Float64Array {
  const out = new Float64Array(pieces[0].value.length);
  for (const p of pieces) for (let i = 0; i < out.length; i++) out[i] += p.value[i];
  return out;
}
