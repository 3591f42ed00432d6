// A single op may not allocate more than this many elements. A derivation that writes a 10⁴×10⁴
// matrix product would otherwise freeze the language server instead of reporting "too big".
import { BudgetError } from './errors';

const DEFAULT_ELEMENT_BUDGET = 1e6;
let elementBudget = DEFAULT_ELEMENT_BUDGET;

export function setElementBudget(n: number): void {
  if (!(n > 0)) throw new RangeError(`element budget must be positive, got ${n}`);
  elementBudget = n;
}

export function getElementBudget(): number {
  return elementBudget;
}

/** Runs `fn` under a temporary budget and restores the previous one even if it throws. */
export function withElementBudget<T>(n: number, fn: () => T): T {
  const previous = elementBudget;
  setElementBudget(n);
  try {
    return fn();
  } finally {
    elementBudget = previous;
  }
}

/** The one place result storage is created, so every op is covered by the budget. */
export function allocate(size: number, what: string | (() => string)): Float64Array {
  if (size > elementBudget) {
    // The description is built only when it is needed: formatting it showed up in profiles.
    throw new BudgetError(
      `${typeof what === 'function' ? what() : what} would create ${size} elements, over the ` +
        `budget of ${elementBudget}`,
    );
  }
  return new Float64Array(size);
}
