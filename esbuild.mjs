// One build script for the three entry points: the VS Code client, the language server and the CLI.
// Everything is bundled to CommonJS so that the extension host, `node dist/server.js --stdio` and
// `node dist/cli.js` run without node_modules at run time.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
/** Options every bundle of the project uses (bench/build.mjs reuses them). */
export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  // Minified bundles parse and compile in about half the time, and the server's start-up waits on
  // that parse on the cores the editor is starting on (issue #11: initialize 340 → 245 ms, first
  // diagnostics 650 → 450 ms with the workbench's Node). Names are kept for stack traces; the
  // source maps name every module. `DERIVCHECK_MINIFY=0` builds readable bundles (CPU profiles).
  minify: process.env.DERIVCHECK_MINIFY !== '0',
  keepNames: true,
};

// Only build when run as a script, not when imported for `common`.
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href)
  await main();

/**
 * The server's main thread answers the editor and hands every check to a worker: its bundle leaves
 * out the checker, which it loads (dist/inProcessCheck.js) only if it has no worker script. Less
 * to load before the server can answer `initialize` (issue #11, start-up).
 */
function checkerOutside() {
  return {
    name: 'checker-outside-the-server',
    setup(build) {
      build.onResolve({ filter: /^\.\/inProcessCheck$/ }, (args) => ({ path: args.path, external: true }));
    },
  };
}

async function main() {
  const entries = [
    { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
    { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [checkerOutside()] },
    { entryPoints: ['server/src/lsp/inProcessCheck.ts'], outfile: 'dist/inProcessCheck.js' },
    // The worker's entry compiles the checker's bundle with V8's code cache (workers/codeCache.ts).
    { entryPoints: ['server/src/workers/cachedEntry.ts'], outfile: 'dist/check-worker.js' },
    { entryPoints: ['server/src/lsp/check-worker.ts'], outfile: 'dist/checker-core.js' },
    { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  ];

  const builds = entries.map((e) => ({ ...common, ...e }));

  if (watch) {
    for (const b of builds) (await esbuild.context(b)).watch();
  } else {
    await Promise.all(builds.map((b) => esbuild.build(b)));
  }
}
