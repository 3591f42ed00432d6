// The extension test suite that runs INSIDE a real VS Code extension host: under code-server
// with the smoke-test driver (test/e2e/run-vscode.mjs) or under @vscode/test-electron
// (test/e2e/vscode/run-desktop.mjs). Exports `run()` as both expect; a rejected promise
// fails the run. Plain CommonJS so that no build step is needed.
//
// The workspace is a copy of test/e2e/vscode/workspace (the runners copy it to a temporary
// folder, since the tests edit and save derivation.md).

const fs = require('node:fs');
const vscode = require('vscode');

const EXTENSION_ID = 'derivcheck.derivcheck';
const SOURCE = 'derivcheck';

// ---------------------------------------------------------------------------------------------
// A tiny runner: sequential tests, each with a timeout. Output goes to console (which both hosts
// forward) and, when DERIVCHECK_E2E_LOG is set, to that file too.
const tests = [];
function test(name, fn, timeoutMs = 30000) {
  tests.push({ name, fn, timeoutMs });
}

function log(line) {
  console.log(line);
  const file = process.env.DERIVCHECK_E2E_LOG;
  if (file) {
    try {
      fs.appendFileSync(file, `${line}\n`);
    } catch {
      /* the console still has it */
    }
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value; throws with `describe()` after `timeoutMs`. */
async function waitFor(probe, timeoutMs, describe) {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers over the editor API.
let api;
let mdUri;
let texUri;
let nbUri;
/** When the suite first opened derivation.md: the start of the start-up measurement. */
let openedAt;

const codeOf = (d) => (d.code && typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const severityName = (s) => ['Error', 'Warning', 'Information', 'Hint'][s] ?? String(s);

function describeDiagnostics(uri) {
  const ds = ours(uri);
  if (ds.length === 0) return 'no derivcheck diagnostics';
  return ds
    .map(
      (d) =>
        `${severityName(d.severity)} ${codeOf(d)} ` +
        `@${d.range.start.line}:${d.range.start.character} "${d.message}"`,
    )
    .join('; ');
}

async function openDoc(uri) {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Range of the first occurrence of `needle` in the document. */
function rangeOf(doc, needle) {
  const offset = doc.getText().indexOf(needle);
  assert(offset >= 0, `"${needle}" not found in ${doc.uri.fsPath}`);
  return new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + needle.length));
}

function hoverText(hovers) {
  const parts = [];
  for (const h of hovers || []) {
    for (const c of h.contents) parts.push(typeof c === 'string' ? c : c.value);
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The tests.

test('the workspace holds the fixture files', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert(folder, 'no workspace folder is open');
  mdUri = vscode.Uri.joinPath(folder.uri, 'derivation.md');
  texUri = vscode.Uri.joinPath(folder.uri, 'derivation.tex');
  nbUri = vscode.Uri.joinPath(folder.uri, 'notebook.ipynb');
  for (const uri of [mdUri, texUri, nbUri]) await vscode.workspace.fs.stat(uri);
});

test('opening a Markdown file activates the extension and returns its API', async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  openedAt = Date.now();
  await openDoc(mdUri);
  api = await waitFor(
    async () => (ext.isActive ? ext.exports : null),
    30000,
    () => 'the extension to activate on a Markdown file',
  );
  // activate() also runs when asked; it must return the same API.
  const again = await ext.activate();
  assert(again === api, 'activate() returned a different object');
  for (const name of ['verifyAll', 'verifyFile', 'reseed', 'status']) {
    assert(typeof api[name] === 'function', `API lacks ${name}()`);
  }
  assert(api.client && typeof api.client.sendRequest === 'function', 'API lacks the language client');
  assert(typeof api.activationMs === 'number', 'API lacks activationMs');
  // Reported, not asserted: the 100 ms activation target is a benchmark figure.
  console.log(`activation took ${api.activationMs} ms (the server starts after it)`);
  await api.ready;
}, 45000);

test('a refuted claim gets an Error with code "refuted", exactly on the claim', async () => {
  const doc = await openDoc(mdUri);
  const refuted = await waitFor(
    () => {
      const ds = ours(mdUri).filter((d) => codeOf(d) === 'refuted');
      return ds.length ? ds : null;
    },
    30000,
    () => `a refuted diagnostic on ${mdUri.fsPath} (now: ${describeDiagnostics(mdUri)})`,
  );
  // A measurement, not a test: the UI check measures the same on a sample, as a person sees it.
  log(`  start-up: derivation.md opened → its diagnostics in ${Date.now() - openedAt} ms (extension host)`);
  assertEqual(refuted.length, 1, 'number of refuted diagnostics');
  const d = refuted[0];
  assertEqual(severityName(d.severity), 'Error', 'severity of the refuted claim');
  const expected = rangeOf(doc, '2 + 2 = 5');
  assert(
    d.range.isEqual(expected),
    `refuted range ${rangeText(d.range)} is not the claim's ${rangeText(expected)} ` +
      `(text "${doc.getText(d.range)}")`,
  );
  assert(
    /refuted/.test(d.message) && /4/.test(d.message) && /5/.test(d.message),
    `message does not give the two sides: "${d.message}"`,
  );
});

test(
  'the verified claim has no diagnostic; the unchecked one is Information with code ' + '"unchecked"',
  async () => {
    const doc = await vscode.workspace.openTextDocument(mdUri);
    const verified = rangeOf(doc, '2(3 - 1) + 3 - 2(1) = 5');
    const unchecked = rangeOf(doc, 'x + y = z');
    const ds = ours(mdUri);
    const onVerified = ds.filter((d) => d.range.intersection(verified));
    assertEqual(
      onVerified.map((d) => d.message),
      [],
      'diagnostics on the verified claim',
    );
    const onUnchecked = ds.filter((d) => d.range.isEqual(unchecked));
    assertEqual(onUnchecked.length, 1, `diagnostics on the unchecked claim (${describeDiagnostics(mdUri)})`);
    assertEqual(codeOf(onUnchecked[0]), 'unchecked', 'code of the unchecked claim');
    assertEqual(severityName(onUnchecked[0].severity), 'Information', 'severity of the unchecked claim');
    assertEqual(ds.length, 2, `derivcheck diagnostics in derivation.md (${describeDiagnostics(mdUri)})`);
  },
);

test('the status the server reports for the file counts the claims', async () => {
  const status = await waitFor(
    () => {
      const s = api.status(mdUri);
      return s && s.state === 'done' ? s : null;
    },
    20000,
    () => `status "done" for derivation.md (now ${JSON.stringify(api.status(mdUri))})`,
  );
  assertEqual(
    [status.verified, status.refuted, status.unchecked],
    [1, 1, 1],
    'verified, refuted, unchecked in the status',
  );
});

test('hover on the refuted claim shows the derivcheck verdict', async () => {
  const doc = await vscode.workspace.openTextDocument(mdUri);
  const claim = rangeOf(doc, '2 + 2 = 5');
  const at = claim.start.translate(0, 6); // on the "=" of "2 + 2 = 5"
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', mdUri, at);
  const text = hoverText(hovers);
  assert(/\*\*refuted\*\*/.test(text), `hover lacks the verdict; got: ${JSON.stringify(text)}`);
  assert(/left is 4, right is 5/.test(text), `hover lacks the counterexample; got: ${JSON.stringify(text)}`);
});

test('hover on the verified claim says verified', async () => {
  const doc = await vscode.workspace.openTextDocument(mdUri);
  const claim = rangeOf(doc, '2(3 - 1) + 3 - 2(1) = 5');
  const at = claim.end.translate(0, -1); // on the final "5"
  const text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', mdUri, at));
  assert(/verified/.test(text), `hover lacks "verified"; got: ${JSON.stringify(text)}`);
});

test('a LaTeX file is checked too (no errors, claims verified)', async () => {
  const doc = await openDoc(texUri);
  assert(['latex', 'tex'].includes(doc.languageId), `.tex opened as "${doc.languageId}"`);
  const status = await waitFor(
    () => {
      const s = api.status(texUri);
      return s && s.state === 'done' ? s : null;
    },
    30000,
    () => `status "done" for derivation.tex (now ${JSON.stringify(api.status(texUri))})`,
  );
  assertEqual(
    [status.verified, status.refuted, status.unchecked],
    [2, 0, 0],
    'verified, refuted, unchecked in derivation.tex',
  );
  assertEqual(
    ours(texUri).map((d) => d.message),
    [],
    'derivcheck diagnostics in derivation.tex',
  );
});

test('a notebook: its Markdown cells are checked in cell order, with hover in the cell', async () => {
  // The built-in .ipynb support opens the notebook without a kernel. Cell 1 declares X, w, y
  // and defines L; cell 3 (after a code cell) uses them, so its claims can only be verified or
  // refuted when cell 1 is read first.
  const began = Date.now();
  const notebook = await vscode.workspace.openNotebookDocument(nbUri);
  await vscode.window.showNotebookDocument(notebook);
  log(`  notebook.ipynb open in the notebook editor after ${Date.now() - began} ms`);
  const cells = notebook.getCells();
  assertEqual(
    cells.map((c) => c.kind === vscode.NotebookCellKind.Markup),
    [true, false, true],
    'cell kinds (markdown, code, markdown)',
  );
  const third = cells[2].document;
  const wrong = rangeOf(third, '\\nabla_w L = 2(Xw - y)^\\top X');
  const right = rangeOf(third, '\\nabla_w L = 2X^\\top(Xw - y)');
  const refuted = await waitFor(
    () => ours(third.uri).find((d) => codeOf(d) === 'refuted'),
    90000,
    () => `a refuted diagnostic in cell 3 (now: ${describeDiagnostics(third.uri)})`,
  );
  assert(
    refuted.range.isEqual(wrong),
    `refuted range ${rangeText(refuted.range)} is not the claim's ${rangeText(wrong)}`,
  );
  assert(/transpose/.test(refuted.message), `no transpose diagnosis: "${refuted.message}"`);
  // The verified claim has no diagnostic: an "unknown names" here would mean cell 1 was not read.
  assertEqual(
    ours(third.uri).map((d) => d.message),
    [refuted.message],
    'derivcheck diagnostics in cell 3',
  );
  assert(!ours(third.uri).some((d) => d.range.intersection(right)), 'a diagnostic on the verified claim');
  assertEqual(
    ours(cells[1].document.uri).map((d) => d.message),
    [],
    'diagnostics in the code cell',
  );
  const at = wrong.start.translate(0, 2);
  const text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', third.uri, at));
  assert(/\*\*refuted\*\*/.test(text), `hover in cell 3 lacks the verdict; got: ${JSON.stringify(text)}`);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}, 150000);

test('command derivcheck.verifyAll returns the workspace summary', async () => {
  const summary = await vscode.commands.executeCommand('derivcheck.verifyAll');
  assert(summary && typeof summary === 'object', `verifyAll returned ${JSON.stringify(summary)}`);
  const { files, verified, refuted, unchecked } = summary;
  assertEqual(
    { files, verified, refuted, unchecked },
    // derivation.md, derivation.tex and notebook.ipynb, as `derivcheck .` counts them.
    { files: 3, verified: 4, refuted: 2, unchecked: 1 },
    'Verify All summary',
  );
}, 60000);

test('the client restarts the server when its process dies', async () => {
  const info = () =>
    api.client.sendRequest('workspace/executeCommand', { command: 'derivcheck.serverInfo', arguments: [] });
  const { pid } = await info();
  assert(Number.isInteger(pid), `serverInfo returned ${pid}`);
  process.kill(pid, 'SIGKILL');
  const next = await waitFor(
    async () => {
      try {
        const r = await info();
        return r.pid !== pid ? r.pid : null;
      } catch {
        return null;
      }
    },
    30000,
    () => 'a new server process after the old one was killed',
  );
  assert(next !== pid);
  // The new server checks documents again.
  const summary = await api.verifyFile(mdUri);
  assert(
    summary.refuted === 1 && summary.verified === 1,
    `Verify File after the restart: ${JSON.stringify(summary)}`,
  );
  await waitFor(
    async () => (ours(mdUri).filter((d) => codeOf(d) === 'refuted').length === 1 ? true : null),
    30000,
    () => `the refuted diagnostic after the restart (now: ${describeDiagnostics(mdUri)})`,
  );
}, 70000);

test('the API verifyFile and reseed work', async () => {
  const one = await api.verifyFile(mdUri);
  assertEqual(
    [one.files, one.verified, one.refuted, one.unchecked],
    [1, 1, 1, 1],
    'verifyFile(derivation.md)',
  );
  const { seed } = await api.reseed();
  assert(Number.isInteger(seed), `reseed returned ${JSON.stringify(seed)}`);
  // Exact arithmetic does not depend on the seed: the refuted claim stays refuted.
  await sleep(300);
  await waitFor(
    () => ours(mdUri).some((d) => codeOf(d) === 'refuted'),
    20000,
    () => `the refuted diagnostic after reseed (now: ${describeDiagnostics(mdUri)})`,
  );
}, 45000);

test('fixing the wrong claim with a WorkspaceEdit clears its diagnostic; restoring it brings it ' +
  'back', async () => {
  const doc = await openDoc(mdUri);
  const claim = rangeOf(doc, '2 + 2 = 5');
  const five = new vscode.Range(claim.end.translate(0, -1), claim.end);
  let edit = new vscode.WorkspaceEdit();
  edit.replace(mdUri, five, '4');
  assert(await vscode.workspace.applyEdit(edit), 'applyEdit (fix) failed');
  assertEqual(doc.getText(claim), '2 + 2 = 4', 'the claim after the edit');
  await waitFor(
    () => {
      const ds = ours(mdUri);
      return !ds.some((d) => codeOf(d) === 'refuted') && ds.some((d) => codeOf(d) === 'unchecked');
    },
    30000,
    () => `the refuted diagnostic to go (now: ${describeDiagnostics(mdUri)})`,
  );
  assertEqual(
    ours(mdUri)
      .filter((d) => d.range.intersection(claim))
      .map((d) => d.message),
    [],
    'diagnostics on the fixed claim',
  );

  edit = new vscode.WorkspaceEdit();
  edit.replace(mdUri, five, '5');
  assert(await vscode.workspace.applyEdit(edit), 'applyEdit (restore) failed');
  await waitFor(
    () => ours(mdUri).some((d) => codeOf(d) === 'refuted' && d.range.isEqual(claim)),
    30000,
    () => `the refuted diagnostic to come back (now: ${describeDiagnostics(mdUri)})`,
  );
  await doc.save(); // same text as on disk; leaves nothing dirty behind
}, 75000);

// ---------------------------------------------------------------------------------------------

async function run() {
  const t0 = Date.now();
  log(`derivcheck extension-host suite (VS Code ${vscode.version}, ${process.version})`);
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const start = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
      passed++;
      log(`  ok   ${t.name} (${Date.now() - start} ms)`);
    } catch (err) {
      failed++;
      log(
        `  FAIL ${t.name} (${Date.now() - start} ms)\n       ${String(err?.stack || err)
          .split('\n')
          .slice(0, 4)
          .join('\n       ')}`,
      );
    }
  }
  log(`suite took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} of ${tests.length} extension-host tests failed`);
}

module.exports = { run };

function rangeText(r) {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
