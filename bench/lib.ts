// Entry bundled by bench/build.mjs into bench/.out/lib.cjs: the engine and the checker internals
// the benchmarks call directly (same sources as dist/, bundled the same way).
export * as E from '../server/src/engine';
export { checkText } from '../server/src/check';
export { readDocument } from '../server/src/document';
export { buildModel } from '../server/src/model/build';
export { checkClaim } from '../server/src/check/claim';
export { runCheck } from '../server/src/lsp/runCheck';
export { CheckCache } from '../server/src/check/cache';
export { ReadCache } from '../server/src/document';
export { ParseCache } from '../server/src/math/cache';
export { ModelCache } from '../server/src/model/resume';
export { encodeClaims, decodeClaims } from '../server/src/lsp/resultDiff';
export { encodeRecords, MATH_RANGES, BINDINGS } from '../server/src/lsp/recordDiff';
