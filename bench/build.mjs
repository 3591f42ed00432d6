// Bundles bench/lib.ts (engine + checker internals) to bench/.out/lib.cjs with the options
// esbuild.mjs uses for dist/, so the benchmarks run the code users run.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { common } from '../esbuild.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const LIB = join(here, '.out', 'lib.cjs');

export async function buildLib() {
  await esbuild.build({ ...common, entryPoints: [join(here, 'lib.ts')], outfile: LIB });
  return LIB;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildLib();
