// Neovim 0.7 (Debian's `neovim`) as a real LSP client of the server bundle; see neovim/test.lua.
// Skips, saying why, when nvim is not installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, SERVER } from '../protocol/lspSession';

const here = dirname(fileURLToPath(import.meta.url));
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing =
  nvim.error || nvim.status !== 0 ? 'nvim is not installed (apt-get install -y neovim)' : undefined;
if (missing) console.log(`# skipping the Neovim test: ${missing}`);

before(() => {
  if (!missing) ensureBuilt();
});

test('Neovim: diagnostics, hover, code lenses and an edit', { skip: missing, timeout: 90_000 }, () => {
  const r = spawnSync(
    'nvim',
    ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(here, 'neovim', 'test.lua')}`],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        DERIVCHECK_SERVER: SERVER,
        DERIVCHECK_SAMPLE: join(here, 'neovim', 'sample.md'),
      },
    },
  );
  const output = `${r.stdout}\n${r.stderr}`;
  // The client's own report, closing with its 'N passed, N failed' line.
  for (const line of r.stdout.trim().split('\n')) console.log(line);
  assert.equal(r.status, 0, `nvim exited with ${r.status} (${r.signal ?? 'no signal'}):\n${output}`);
  assert.match(r.stdout, /derivcheck neovim: ok/, output);
  assert.match(r.stdout, /diagnostics ok: refuted/);
  assert.match(r.stdout, /^4 passed, 0 failed$/m);
});

test('Neovim: a Quarto document (.qmd) gets diagnostics and hover', {
  skip: missing,
  timeout: 90_000,
}, () => {
  const r = spawnSync(
    'nvim',
    ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(here, 'neovim', 'quarto.lua')}`],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        DERIVCHECK_SERVER: SERVER,
        DERIVCHECK_SAMPLE: join(here, 'neovim', 'sample.qmd'),
      },
    },
  );
  for (const line of r.stdout.trim().split('\n')) console.log(line);
  assert.equal(
    r.status,
    0,
    `nvim exited with ${r.status} (${r.signal ?? 'no signal'}):\n${r.stdout}\n${r.stderr}`,
  );
  assert.match(r.stdout, /quarto diagnostics ok: refuted/);
  assert.match(r.stdout, /^2 passed, 0 failed$/m);
});
