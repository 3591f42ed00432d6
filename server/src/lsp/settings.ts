// The `derivcheck.*` settings: their defaults, how client values are validated, and how they
// become the core's CheckOptions.
import type { CheckOptions } from '../check/result';
import { DEFAULT_TIME_LIMIT_MS, DEFAULT_WORK_BUDGET, MAX_WORK_BUDGET } from '../check/budgets';

export type UncheckedSeverity = 'information' | 'hint' | 'off';

export interface Settings {
  /** Trials per claim; null = the checker's default. */
  trials: number | null;
  /** Relative tolerance; null = the checker's default. */
  tolerance: number | null;
  /** Document seed; null = the checker's default. */
  seed: number | null;
  uncheckedSeverity: UncheckedSeverity;
  /** Report claims written in inline math (`$…$`, `\(…\)`). */
  inlineMath: boolean;
  inlayHints: boolean;
  /** Worker threads used for checking (0 = automatic). */
  maxWorkers: number;
  /** work: millions of operations per claim (it decides); timeMs: the wall-clock guard. */
  budgets: { work: number; timeMs: number; elements: number };
}

export const defaultSettings: Settings = {
  trials: null,
  tolerance: null,
  seed: null,
  uncheckedSeverity: 'information',
  inlineMath: true,
  inlayHints: true,
  maxWorkers: 0,
  budgets: { work: DEFAULT_WORK_BUDGET / 1e6, timeMs: DEFAULT_TIME_LIMIT_MS, elements: 1e6 },
};

/** Validate whatever the client sent (possibly partial or malformed) against the defaults. */
/**
 * Upper bounds on what a workspace's settings may ask for: a repository's settings file must not
 * start dozens of threads, make one claim run for minutes, or allocate gigabytes.
 */
export const SETTING_LIMITS = {
  maxWorkers: 8,
  work: MAX_WORK_BUDGET / 1e6,
  timeMs: 60_000,
  elements: 1e8,
  trials: 10_000,
} as const;

export function parseSettings(raw: unknown): Settings {
  const r = isObject(raw) ? raw : {};
  const budgets = isObject(r.budgets) ? r.budgets : {};
  const d = defaultSettings;
  return {
    trials: atMost(positiveInt(r.trials), SETTING_LIMITS.trials) ?? null,
    tolerance: positiveNumber(r.tolerance) ?? null,
    seed: integer(r.seed) ?? null,
    uncheckedSeverity:
      r.uncheckedSeverity === 'hint' || r.uncheckedSeverity === 'off' ? r.uncheckedSeverity : 'information',
    inlineMath: typeof r.inlineMath === 'boolean' ? r.inlineMath : d.inlineMath,
    inlayHints: typeof r.inlayHints === 'boolean' ? r.inlayHints : d.inlayHints,
    maxWorkers: atMost(nonNegativeInt(r.maxWorkers), SETTING_LIMITS.maxWorkers) ?? d.maxWorkers,
    budgets: {
      work: atMost(positiveNumber(budgets.work), SETTING_LIMITS.work) ?? d.budgets.work,
      timeMs: atMost(positiveNumber(budgets.timeMs), SETTING_LIMITS.timeMs) ?? d.budgets.timeMs,
      elements: atMost(positiveInt(budgets.elements), SETTING_LIMITS.elements) ?? d.budgets.elements,
    },
  };
}

/** The core options for one check; `seedOverride` comes from Re-seed. */
export function checkOptions(
  s: Settings,
  seedOverride: number | null,
  collectSamples: boolean,
): CheckOptions {
  const o: CheckOptions = {
    workBudget: Math.round(s.budgets.work * 1e6),
    timeBudgetMs: s.budgets.timeMs,
    elementBudget: s.budgets.elements,
    collectSamples,
  };
  if (s.trials !== null) o.trials = s.trials;
  if (s.tolerance !== null) o.tolerance = s.tolerance;
  const seed = seedOverride ?? s.seed;
  if (seed !== null) o.seed = seed;
  return o;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function integer(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isInteger(x) ? x : undefined;
}
function positiveInt(x: unknown): number | undefined {
  const n = integer(x);
  return n !== undefined && n > 0 ? n : undefined;
}
function nonNegativeInt(x: unknown): number | undefined {
  const n = integer(x);
  return n !== undefined && n >= 0 ? n : undefined;
}
function positiveNumber(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined;
}
function atMost(x: number | undefined, limit: number): number | undefined {
  return x === undefined ? undefined : Math.min(x, limit);
}
