// Engine failures carry a machine-readable code so the checker can tell "this claim is wrong-shaped"
// from "this trial hit a singular matrix, try another sample" without parsing messages.

export type EngineErrorCode = 'shape' | 'singular' | 'domain' | 'budget';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'EngineError';
  }
}

export class ShapeError extends EngineError {
  constructor(message: string) {
    super('shape', message);
    this.name = 'ShapeError';
  }
}

export class SingularError extends EngineError {
  constructor(message: string) {
    super('singular', message);
    this.name = 'SingularError';
  }
}

export class DomainError extends EngineError {
  constructor(message: string) {
    super('domain', message);
    this.name = 'DomainError';
  }
}

export class BudgetError extends EngineError {
  constructor(message: string) {
    super('budget', message);
    this.name = 'BudgetError';
  }
}

/** Shapes as a reader writes them: `3×4`, a vector as `3`, rank 0 as `scalar`. */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join('×');
}
