// `\lim_{x \to a} f(x)` by the values of f as x approaches a: at a ± 1.37·2^-k (a at infinity:
// 1.37·2^k, whole numbers for a letter that counts), k = 2 … 45, each beside a jittered point
// (x·1.29; n + 1, n + 2, n + 3) that an oscillation cannot agree with. Where the differences from
// level to level shrink for ten levels by 30× or more, the value where they stop shrinking (rounding
// takes over beyond it) is the limit, with four times the differences around it as its estimated
// error (the comparison allows ten times more, claim/precision.ts). Slow convergence (1/ln x),
// oscillation, rounding noise that swamps the approach, or sides that disagree leave the claim
// unchecked, saying which — never a verdict from a limit the values do not show.
import { Tensor } from '../engine';
import type { Node } from '../math/tree';
import { Resample, Unsupported } from './errors';
import type { CompileEnv, Fn } from './evaluate';
import { formatNumber } from './format';
import { compileBound } from './integral';
import * as V from './values';
import type { Dual } from './values';

type Limit = Extract<Node, { kind: 'limit' }>;

const LEVELS = 44;
/** Levels of steady shrinking that show convergence, and the shrink they must add up to. */
const RUN = 10;
const RUN_SHRINK = 0.03;
/** An estimate is used only when its error is this small beside the value. */
const DECIDING_ERROR = 1e-6;
/** Letters that count (n → ∞ through whole numbers). */
const COUNTING = /^(?:n|m|k|N|M|K|j|l|i)$/;

export function compileLimit(n: Limit, c: CompileEnv, compile: (n: Node, c: CompileEnv) => Fn): Fn {
  const name = n.variable.name;
  const to = compileBound(n.to, c, compile);
  const body = compile(n.body, { ...c, locals: new Set([...c.locals, name]) });
  return (t) => {
    const target = to(t);
    const a = typeof target === 'number' ? target : target.v.data[0];
    const at = (x: number): Dual => {
      t.tick(n);
      t.bind(name, V.scalar(x));
      try {
        const y = V.dualOf(body(t), n);
        if (y.v.size !== 1)
          throw new Unsupported(
            `limits of a ${V.describeShape(y.v.shape)} are not evaluated: take the limit of each entry`,
            n.start,
            n.end,
          );
        return y;
      } finally {
        t.unbind(name);
      }
    };
    // Rounding inside the approach is what the estimate measures, not a lost precision of the claim.
    const saved = t.precision;
    V.setPrecisionLog(null);
    const recorder = t.recorder;
    t.recorder = null;
    try {
      const sides = !Number.isFinite(a)
        ? [Math.sign(a)]
        : n.side === '+'
          ? [1]
          : n.side === '-'
            ? [-1]
            : [1, -1];
      const found = sides.map((s) => approach(n, at, a, s, !Number.isFinite(a) && COUNTING.test(name)));
      if (found.length === 2) {
        const [r, l] = found;
        const allowed = 10 * (r.error + l.error) + 1e-12 * Math.max(1, Math.abs(r.value.v.data[0]));
        if (Math.abs(r.value.v.data[0] - l.value.v.data[0]) > allowed)
          throw new Unsupported(
            `the limits from the right (${formatNumber(r.value.v.data[0], 6)}) and from the left ` +
              `(${formatNumber(l.value.v.data[0], 6)}) differ: write a one-sided limit, x \\to a^+`,
            n.start,
            n.end,
          );
      }
      const best = found.reduce((p, q) => (q.error > p.error ? q : p));
      t.estimate('limit', best.error, best.value.v);
      t.observe(best.value.v);
      return best.value;
    } finally {
      V.setPrecisionLog(saved);
      t.recorder = recorder;
    }
  };
}

/** The limit from one side (s = ±1), or Unsupported saying why the values do not show one. */
function approach(
  n: Limit,
  at: (x: number) => Dual,
  a: number,
  s: number,
  counting: boolean,
): { value: Dual; error: number } {
  const points = (k: number): number[] => {
    if (!Number.isFinite(a)) {
      const x = 1.37 * 2 ** k;
      if (counting) {
        const m = Math.round(x);
        return [m, m + 1, m + 2, m + 3].map((v) => s * v);
      }
      return [s * x, s * x * 1.29];
    }
    const h = 1.37 * 2 ** -k * Math.max(1, Math.abs(a));
    return [a + s * h, a + s * h * 1.29];
  };
  const main: (Dual | null)[] = [];
  const spread: number[] = [];
  for (let k = 2; k < 2 + LEVELS; k++) {
    let values: Dual[];
    try {
      values = points(k).map(at);
    } catch (e) {
      if (!(e instanceof Resample)) throw e;
      main.push(null);
      spread.push(Infinity);
      continue;
    }
    const xs = values.map((d) => d.v.data[0]);
    const ok = xs.every(Number.isFinite);
    main.push(ok ? values[0] : null);
    spread.push(ok ? Math.max(...xs.map((x) => Math.abs(x - xs[0]))) : Infinity);
  }
  const diff: number[] = [];
  for (let k = 0; k + 1 < main.length; k++) {
    const p = main[k];
    const q = main[k + 1];
    diff.push(p && q ? Math.max(Math.abs(q.v.data[0] - p.v.data[0]), spread[k], spread[k + 1]) : Infinity);
  }
  if (diff.every((d) => d === 0)) return { value: main[0]!, error: 0 };
  // The approach ends where the differences stop shrinking after a run of shrinking (the first
  // levels may be before it starts): beyond, rounding or an oscillation moves the values, whatever
  // smaller differences it happens to give later.
  let start = 0;
  let best = 0;
  for (; best + 1 < diff.length; best++) {
    if (diff[best + 1] < diff[best]) continue;
    if (best - start >= RUN || (diff[best] === 0 && best - start >= 4)) break;
    start = best + 1;
  }
  const value = main[best];
  const run = best - start;
  // A run that ends in values equal to the last digit has converged faster than any power
  // (x e^{-x}): a shorter one shows it, if it fell by far.
  const steady =
    (run >= RUN && diff[best] <= RUN_SHRINK * diff[best - RUN]) ||
    (diff[best] === 0 && run >= 4 && diff[best - 1] <= 1e-6 * diff[start]);
  const near = [diff[best - 1], diff[best], diff[best + 1]].filter(
    (d) => d !== undefined && Number.isFinite(d),
  );
  const error = 4 * Math.max(...near);
  const size = value ? Math.abs(value.v.data[0]) : 0;
  if (!value || !steady || !(error <= DECIDING_ERROR * Math.max(1, size)))
    throw new Unsupported(
      `the limit is not evaluated: the values as ${n.variable.name} approaches ` +
        `${Number.isFinite(a) ? formatNumber(a, 6) : a > 0 ? '∞' : '−∞'} do not settle to a precision ` +
        'that decides (they oscillate, converge too slowly, or are lost to rounding)',
      n.start,
      n.end,
    );
  return { value: { v: Tensor.from([], [value.v.data[0]]), d: value.d }, error };
}
