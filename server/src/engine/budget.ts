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
  chargeAllocation(size, what);
  return new Float64Array(size);
}

/**
 * What `allocate` checks and charges for `size` elements, for a buffer its maker hands over whole
 * (Tensor.adopt): the budget and the work meter see it as the copy they saw before.
 */
export function chargeAllocation(size: number, what: string | (() => string)): void {
  if (size > elementBudget) {
    // The description is built only when it is needed: formatting it showed up in profiles.
    throw new BudgetError(
      `${typeof what === 'function' ? what() : what} would create ${size} elements, over the ` +
        `budget of ${elementBudget}`,
    );
  }
  chargeWork(size + ALLOCATION_OVERHEAD);
}

// ---- the work meter ---------------------------------------------------------------------------
// A check is bounded by the work it does, counted in operations (elements created, multiply-adds
// in the kernels, evaluation steps), not by the clock: the same input then stops at the same place
// on an idle machine and on a loaded one, so the output is the same.

/** Thrown when the work allowed by `meterWork` is used up; the checker judges what finished. */
export class WorkExhausted extends BudgetError {
  constructor(readonly limit: number) {
    super(`more than ${formatWork(limit)} operations`);
    this.name = 'WorkExhausted';
  }
}

/**
 * What creating a tensor costs beyond its elements, in element-equivalents (object, bookkeeping,
 * shape checks): derivations hold many tiny tensors, and counting only elements would let a
 * million 2×2 products pass for cheap.
 */
const ALLOCATION_OVERHEAD = 50;

let workDone = 0;
let workLimit = Number.POSITIVE_INFINITY;
let meterDepth = 0;

/** Counts `units` of work; past the limit of the current `meterWork`, throws WorkExhausted. */
export function chargeWork(units: number): void {
  workDone += units;
  if (workDone > workLimit) throw new WorkExhausted(workLimit);
}

/** Work counted since the outermost `meterWork` began. */
export function workCounted(): number {
  return workDone;
}

/** Runs `fn` with at most `limit` units of work; nested meters share the outer one's remainder. */
export function meterWork<T>(limit: number, fn: () => T): T {
  const previousLimit = workLimit;
  // An inner meter can never allow more than what the outer one has left.
  workLimit = Math.min(workDone + limit, previousLimit);
  meterDepth++;
  try {
    return fn();
  } finally {
    // An outer meter keeps counting what the inner one did; the outermost starts again from 0.
    workLimit = previousLimit;
    if (--meterDepth === 0) workDone = 0;
  }
}

/** "20 million", "1.5 billion": work figures as people read them. */
export function formatWork(n: number): string {
  if (n >= 1e9) return `${+(n / 1e9).toPrecision(3)} billion`;
  if (n >= 1e6) return `${+(n / 1e6).toPrecision(3)} million`;
  return n.toLocaleString('en-US');
}
