// The reading an ambiguous notation gets in the current check, and the held reading: how deep
// definitions are evaluated inside one another, and below which depth they lose their tangents.
import type { Val } from '../values';

/** Which standard reading an ambiguous notation gets in the current check, and whether it was met. */
export const readings = {
  barsAsDeterminant: false,
  metMatrixBars: false,
  barsAsLength: false,
  metVectorBars: false,
  holdIntermediates: false,
  /**
   * `\sigma(1)` where σ is a declared number: σ times 1, or the function the symbol names (the
   * sigmoid) — notes use one letter for both (claim/readings.ts VALUE_OR_FUNCTION).
   */
  metValueCall: false,
  valueCallAsFunction: false,
  /**
   * `H(0.9)` where H is a value: H times 0.9, or a function H at 0.9 that the document names without
   * defining (an entropy, a probability) — notes reuse a letter for both (claim/readings.ts
   * VALUE_AT_NUMBER).
   */
  metValueAtNumber: false,
  valueAtNumberAsFunction: false,
  /**
   * `\lambda_1` where λ was given as `a \pm b` (compile/plusMinusRoots.ts): met, and whether λ_1 is
   * taken as the root with − (the second order) instead of + (the first).
   */
  metPlusMinusRoot: false,
  rootsSwapped: false,
};

/** How many definitions are being evaluated inside one another (for `holdIntermediates`). */
let definitionDepth = 0;

/**
 * Under the held reading, the depth below which definitions lose their tangents: set while a
 * partial derivative of a definition that uses its variable directly is taken, and only then —
 * ∂f/∂x_i of a loss that reaches x_i only through definitions stays the total derivative.
 */
let holdBelow: number | null = null;

/** Evaluates a definition one level deeper (see `holdIntermediates`). */
export function nested(f: () => Val): Val {
  definitionDepth++;
  try {
    const v = f();
    // The partial derivative of a definition with the definitions it uses held fixed
    // (the reading of backpropagation notes, claim.ts): their tangents are dropped.
    if (holdBelow !== null && definitionDepth > holdBelow && !('kind' in v) && v.d)
      return { v: v.v, d: null };
    return v;
  } finally {
    definitionDepth--;
  }
}

/**
 * `f()` with the definitions it evaluates below this depth held (their tangents dropped). The module
 * that owns the depth sets it, so that code elsewhere need not assign another module's variable.
 */
export function holdingDefinitionsBelow(f: () => Val): Val {
  const saved = holdBelow;
  holdBelow = definitionDepth + 1;
  try {
    return f();
  } finally {
    holdBelow = saved;
  }
}
