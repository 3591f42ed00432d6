// `\nabla^2 f` of a function of a vector is the Hessian in machine-learning texts and the
// Laplacian (the Hessian's trace) in physics. The claim is checked under both readings: it is
// verified under the one that holds, saying which, and refuted only when both fail, with the
// refutation of the reading whose shape fits the other side.
import { nablaSquared } from './higherDerivatives';

interface Judged {
  verdict: string;
  code: string;
  message: string;
  /** The sample a refutation shows, with both sides. */
  shown?: { left: { shape: readonly number[] }; right: { shape: readonly number[] } };
}

/** Whether a refutation compared sides of one shape (not a mismatch of shapes). */
function shapesAgree(o: Judged): boolean {
  if (!o.shown) return o.code !== 'shape';
  const a = o.shown.left.shape;
  const b = o.shown.right.shape;
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function underNablaSquaredReadings<T extends Judged>(asHessian: T, attempt: () => T): T {
  if (!nablaSquared.met) return asHessian;
  nablaSquared.asLaplacian = true;
  let asLaplacian: T;
  try {
    asLaplacian = attempt();
  } finally {
    nablaSquared.asLaplacian = false;
  }
  // `\nabla^2 T = 12` of T(x, y, z) in letters the reader supplies: the Hessian's failure there is
  // unchecked, not refuted, and the Laplacian that holds is the reading meant. Only a verification
  // replaces such an outcome.
  if (asHessian.verdict === 'unchecked')
    return asLaplacian.verdict === 'verified'
      ? {
          ...asLaplacian,
          message: `${asLaplacian.message} (reading ∇² as the Laplacian, the trace of the Hessian)`,
        }
      : asHessian;
  if (asHessian.verdict === 'verified') {
    const other = asLaplacian.verdict === 'refuted' ? '; as the Laplacian it fails' : '';
    return { ...asHessian, message: `${asHessian.message} (reading ∇² as the Hessian${other})` };
  }
  if (asLaplacian.verdict === 'verified')
    return {
      ...asLaplacian,
      message:
        `${asLaplacian.message} (reading ∇² as the Laplacian, the trace of the Hessian; ` +
        'as the Hessian it fails)',
    };
  if (asLaplacian.verdict === 'refuted') {
    // A scalar on the other side makes the Hessian reading a shape error: the Laplacian's
    // refutation says more.
    const chosen = !shapesAgree(asHessian) && shapesAgree(asLaplacian) ? asLaplacian : asHessian;
    const reading = chosen === asLaplacian ? 'the Laplacian' : 'the Hessian';
    return { ...chosen, message: `${chosen.message} (∇² read as ${reading}; the other reading fails too)` };
  }
  return asHessian;
}
