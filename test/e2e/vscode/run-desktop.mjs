// Runs the extension-host suite (test/e2e/vscode/suite) in VS Code desktop through
// @vscode/test-electron: `npm run test:desktop`. It downloads a VS Code build into .vscode-test/
// on first use, so it needs internet (it cannot run on the offline CI machines; there
// `npm run test:e2e` runs the same suite in code-server). Set VSCODE_EXECUTABLE to use a local
// VS Code build instead, and VSCODE_VERSION to pick a version (default: stable).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../../..');
const work = mkdtempSync(join(tmpdir(), 'derivcheck-desktop-'));
const workspace = join(work, 'workspace');
cpSync(join(here, 'workspace'), workspace, { recursive: true });

let code = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(here, 'suite'),
    launchArgs: [
      workspace,
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-gpu',
    ],
  });
} catch (err) {
  console.error(`test:desktop failed: ${err?.message ? err.message : err}`);
  console.error('(test:desktop downloads VS Code and needs internet; offline, use `npm run test:e2e`.)');
  code = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);
