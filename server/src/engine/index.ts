// The engine's public API. The engine depends on nothing else in the project, so it can be
// tested, benchmarked and reused on its own.
export * from './errors';
export {
  setElementBudget,
  getElementBudget,
  withElementBudget,
  WorkExhausted,
  chargeWork,
  workCounted,
  meterWork,
  formatWork,
} from './budget';
export { Tensor } from './tensor';
export type { Nested } from './tensor';
export { shapeSize, sameShape } from './shape';
export { broadcastShapes, broadcastTo, binaryKernel, unaryKernel } from './broadcast';
export type { UnaryFn, BinaryFn } from './broadcast';
export * from './elementwise';
export * from './special';
export * from './distributions';
export { matmul, transpose, matrixDims } from './matmul';
export { det, logdet, inv, solve, trace, luFactor, SINGULAR_RELATIVE_PIVOT, choleskySucceeds } from './lu';
export type { LUFactors } from './lu';
export * from './svd';
export * from './structure';
export * from './norms';
export * from './reductions';
export * from './softmax';
export * from './conv';
export * from './indexing';
export * from './rational';
export * from './polynomial';
export * from './random';
export * from './dual';
export { integrate } from './quadrature';
export { expm } from './matrixExponential';
export { cross } from './cross';
export type { QuadratureOptions, QuadratureResult } from './quadrature';
