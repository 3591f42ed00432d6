// The checker worker's entry (bundled as dist/check-worker.js): runs the checker's bundle
// (dist/checker-core.js, from lsp/check-worker.ts) compiled with V8's code cache (codeCache.ts).
import { join } from 'node:path';
import { codeCacheDirectory, runWithCodeCache } from './codeCache';

runWithCodeCache(join(__dirname, 'checker-core.js'), codeCacheDirectory());
