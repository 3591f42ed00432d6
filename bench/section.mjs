// Runs one benchmark section in its own process (a fresh heap and JIT state per section, and a
// process `--cpu-prof` can profile on its own) and prints its result as JSON on stdout.
// Usage: node bench/section.mjs engine|check|lsp|cli|scaling|incremental|book [--quick]
//        [--server-node-args=…]
// (--server-node-args: extra Node flags for the processes the section spawns: the server, the CLI)
import { runEngine } from './engine.mjs';
import { runCheck } from './check.mjs';
import { runCli } from './cli.mjs';
import { runScalingCheck, SCALING_SIZES } from './scaling.mjs';
import { lspSession, startupSession } from './lsp.mjs';
import { runIncremental } from './incremental.mjs';
import { runBook } from './book.mjs';
import { join } from 'node:path';
import { ROOT } from './common.mjs';

const [name, ...rest] = process.argv.slice(2);
const quick = rest.includes('--quick');
const serverArgs =
  rest
    .find((a) => a.startsWith('--server-node-args='))
    ?.slice('--server-node-args='.length)
    .split(' ')
    .filter(Boolean) ?? [];
const log = (m) => process.stderr.write(`  [${name}] ${m}\n`);

let result;
switch (name) {
  case 'engine':
    result = runEngine({ quick });
    break;
  case 'check':
    result = runCheck({ quick });
    break;
  case 'cli':
    result = runCli({ quick, nodeArgs: serverArgs });
    break;
  case 'lsp':
    result = await lspSession({
      claims: 1000,
      edits: quick ? 8 : 20,
      hovers: quick ? 20 : 50,
      nodeArgs: serverArgs,
    });
    // The sample the workbench suite opens first (test/e2e/run-vscode.mjs), best of three starts.
    result.startup = [];
    for (let k = 0; k < 3; k++)
      result.startup.push(
        await startupSession({
          file: join(ROOT, 'samples', 'residual-upsampling-dropout.md'),
          nodeArgs: serverArgs,
        }),
      );
    break;
  case 'scaling': {
    const check = runScalingCheck({ quick });
    const edits = [];
    for (const claims of SCALING_SIZES) {
      if (claims === 1000 && rest.includes('--skip-1000')) continue;
      log(`edit latency, ${claims} claims`);
      const r = await lspSession({ claims, edits: quick ? 4 : 8, nodeArgs: serverArgs });
      edits.push({
        claims,
        firstDiagnosticsMs: r.firstDiagnosticsMs,
        editP50Ms: r.editP50Ms,
        editP95Ms: r.editP95Ms,
        peakRssMB: r.peakRssMB,
      });
    }
    result = { check, edits };
    break;
  }
  case 'incremental':
    result = await runIncremental({ quick, nodeArgs: serverArgs, log });
    break;
  case 'book':
    result = runBook({ quick, nodeArgs: serverArgs });
    break;
  default:
    process.stderr.write(`unknown section ${name}\n`);
    process.exit(2);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
