// Expression tree → closure, compiled once per claim and run for every trial (mathjs style).
// Values are dual numbers (value + one tangent direction) so derivatives come from the same
// code path: forward-mode AD through the engine's kernels.
import './compile/cases';
import './compile/derivatives';
import './compile/directionalDerivative';
import './compile/elided';
import './compile/expectation';
import './compile/functions';
import './compile/indexing';
import './compile/names';
import './compile/sums';
import { OverBudget, Resample } from './errors';
export {
  COMPILE_STEP_LIMIT,
  newCompileEnv,
  type CompileEnv,
  type Fn,
  type IndexSource,
} from './compile/context';
export { readings } from './compile/readings';
export { compile } from './compile/core';
export type { DistFns } from './compile/names';
export { isFunctionName } from './compile/functions';

export { OverBudget, Resample };
