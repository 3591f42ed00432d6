// The CLI bundled afresh from server/src into a temporary directory, and a runner for it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { buildSync } from 'esbuild';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export class CliSandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'derivcheck-cli-'));
  readonly cli = join(this.dir, 'cli.js');

  constructor() {
    buildSync({
      entryPoints: [join(repo, 'server/src/cli.ts')],
      outfile: this.cli,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'error',
    });
  }

  /** Runs the CLI with a hang guard: a test that needs it has found a bug. */
  run(args: string[], cwd = this.dir, timeout = 300_000): CliRun {
    const r = spawnSync(process.execPath, [this.cli, ...args], { cwd, encoding: 'utf8', timeout });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * One sandbox for the tests of a file: built before them, removed after them. `run` runs the CLI in
 * the repository (where the fixtures are) or in the sandbox's own directory unless told otherwise;
 * `dir()` is that directory, where a test writes the files it makes.
 */
export function sandboxForTheseTests(runIn: 'repo' | 'sandbox'): {
  dir: () => string;
  run: (args: string[], cwd?: string) => CliRun;
} {
  let sandbox: CliSandbox | undefined;
  before(() => {
    sandbox = new CliSandbox();
  });
  after(() => sandbox?.dispose());
  const made = (): CliSandbox => {
    if (!sandbox) throw new Error('the CLI sandbox is made before the tests run: use it inside a test');
    return sandbox;
  };
  return {
    dir: () => made().dir,
    run: (args, cwd) => made().run(args, cwd ?? (runIn === 'repo' ? repo : made().dir)),
  };
}
