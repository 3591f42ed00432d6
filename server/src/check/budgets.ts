// The budgets one claim is checked under, shared by the command line and the editor so both give
// the same verdicts. The work budget decides; the time limit is only a guard (see claim.ts).

/**
 * Operations one check of a claim may count: elements created, multiply-adds in matrix products,
 * factorisations and convolutions, and evaluation steps. About a quarter of a second of work on
 * an ordinary machine; every claim of the samples fits with room to spare.
 */
export const DEFAULT_WORK_BUDGET = 50_000_000;

/** The most a setting or option may ask for (a thousand times the default). */
export const MAX_WORK_BUDGET = 50_000_000_000;

/** The wall-clock guard per claim: far above what the work budget takes, so it fires only on work
 * the count misses. */
export const DEFAULT_TIME_LIMIT_MS = 30_000;
