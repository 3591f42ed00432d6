// One run of a bundle through the code cache, in a process of its own (codeCache.test.ts): V8 keeps
// what it compiled per source text in a process and would not read a cache for a text compiled there
// already. Usage: codeCacheRun.ts BUNDLE CACHE-DIR|- [warm]; prints {"used":…,"runs":…}.
import { codeWarm, runWithCodeCache } from '../../../server/src/workers/codeCache';

const [file, directory, warm] = process.argv.slice(2);
const used = runWithCodeCache(file, directory === '-' ? null : directory);
if (warm === 'warm') codeWarm();
const runs = (globalThis as { __codeCacheRuns?: number }).__codeCacheRuns ?? 0;
process.stdout.write(JSON.stringify({ used, runs }));
