// Why a claim could not be evaluated. Each maps to a verdict: unknown names and unsupported
// notation leave the claim unchecked; a shape error refutes it (code `shape`).

export class UnknownName extends Error {
  constructor(
    readonly names: string[],
    readonly start: number,
    readonly end: number,
  ) {
    super(`unknown ${names.length > 1 ? 'names' : 'name'} ${names.join(', ')}`);
  }
}

/** A basis vector `e_k` its context did not size: an unknown name, unless a context sizes it. */
export class UnsizedBasis extends UnknownName {}

export class Unsupported extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

export class ShapeMismatch extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/**
 * Two vectors of one length written side by side, neither declared a vector: a shape error as a
 * matrix product, but perhaps a product the checker does not know (quaternions as 4-vectors).
 */
export class VectorsSideBySide extends ShapeMismatch {}

/** A trial that must be drawn again (kink, NaN, singular matrix, unmet assumption). */
export class Resample extends Error {
  constructor(
    readonly reason: 'kink' | 'nan' | 'singular' | 'assumption' | 'domain',
    message: string,
  ) {
    super(message);
  }
}

export class OverBudget extends Error {
  constructor(message: string) {
    super(message);
  }
}

/**
 * A derivative met inside the evaluation of another derivative's tangent. Tangents carry one
 * order only, so the outer derivative catches this and differences the inner one instead.
 */
export class NestedDerivative extends Error {
  constructor() {
    super('a derivative inside a derivative');
  }
}

/** The wall-clock guard ended a check: load-dependent, so the verdict may not depend on how far it got. */
export class OutOfTime extends OverBudget {
  constructor() {
    super('out of time');
  }
}
