// An integral does not see its integrand at a single point. Where the integrand has no value at a
// quadrature node but has a limit there (sin(πf)/(πf) at f = 0, a removable singularity), the limit
// stands in for it. Where it has no limit (1/x at 0, a jump), the integral is not valued: the claim
// is unchecked, never refuted for an "undefined" side. An integrand undefined all around the point
// is undefined on a stretch of the interval, and stays so.
import { Tensor } from '../engine';
import type { Node } from '../math/tree';
import { Resample, Unsupported } from './errors';
import { formatNumber } from './format';
import type { Dual } from './values';

/** The integrand's limit at `x`, from both sides at two distances; throws Unsupported without one. */
export function limitAt(x: number, f: (x: number) => Dual, cause: Resample, where: Node, name: string): Dual {
  const h = 1e-5 * Math.max(1, Math.abs(x));
  const noLimit = () =>
    new Unsupported(
      `the integrand is undefined at ${name} = ${formatNumber(x, 6)} inside the interval ` +
        `(${cause.message}) ` +
        'and has no limit there: split the integral at that point, or write the integrand in a form ' +
        'defined there',
      where.start,
      where.end,
    );
  let outer: [Dual, Dual];
  let inner: [Dual, Dual];
  try {
    outer = [f(x - h), f(x + h)];
    inner = [f(x - h / 1000), f(x + h / 1000)];
  } catch (e) {
    // Undefined around the point too (log(x − a) with a beyond the interval): not a single point,
    // the side is undefined there as before.
    if (e instanceof Resample) throw cause;
    throw e;
  }
  const size = inner[0].v.size;
  if ([...outer, ...inner].some((d) => d.v.size !== size)) throw noLimit();
  for (let i = 0; i < size; i++) {
    const a = (outer[0].v.data[i] + outer[1].v.data[i]) / 2;
    const b = (inner[0].v.data[i] + inner[1].v.data[i]) / 2;
    const scale = Math.max(1, Math.abs(a), Math.abs(b));
    // Both sides approach one value, and the two distances agree on it.
    const spread = Math.abs(inner[0].v.data[i] - inner[1].v.data[i]);
    if (!(Math.abs(a - b) <= 1e-6 * scale && spread <= 1e-4 * scale)) throw noLimit();
  }
  const mean = (p: Tensor | null, q: Tensor | null): Tensor | null => {
    if (!p || !q) return p ?? q;
    const out = new Float64Array(p.size);
    for (let i = 0; i < p.size; i++) out[i] = (p.data[i] + q.data[i]) / 2;
    return Tensor.from([...p.shape], out);
  };
  return { v: mean(inner[0].v, inner[1].v)!, d: mean(inner[0].d, inner[1].d) };
}
