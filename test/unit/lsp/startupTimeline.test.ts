// The start-up log lines (server and editor halves): each step is kept at its first time, the
// line is written once, and its shape is the one the workbench suite reads
// (test/e2e/vscode/startup.mjs), which is checked here on the lines themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StartupTimeline } from '../../../server/src/lsp/startupTimeline';
// @ts-expect-error: a plain .mjs module of the e2e runner, without type declarations
import { derivcheckShare, describeStartup } from '../../e2e/vscode/startup.mjs';
import { StartupLog } from '../../../client/src/startupLog';

test('the server line lists each step at its first time, in order, once the first check is done', () => {
  let now = 0;
  const t = new StartupTimeline(() => now);
  now = 120.4;
  t.mark('loaded');
  now = 300;
  t.mark('initialize');
  now = 310;
  t.mark('opened');
  now = 290; // marks sort by time, whatever the order of the calls
  t.mark('worker ready');
  now = 900;
  t.mark('first diagnostics');
  now = 950;
  t.mark('opened'); // a second document: the first one's time stays
  assert.equal(t.report(), null, 'nothing before the first whole check');
  now = 1500;
  t.mark('checked');
  assert.equal(
    t.report(),
    'start-up (server): loaded 120, worker ready 290, initialize 300, opened 310, first diagnostics 900, ' +
      'checked 1500 (ms since the server process began)',
  );
  assert.equal(t.report(), null, 'written once');
});

test("the workbench suite's breakdown reads both lines and separates the workbench's time", () => {
  const clicked = Date.parse('2026-12-02T01:00:00.000');
  const log = {
    file: 'derivcheck.log',
    hostUptimeS: 4.2,
    editor: { activated: 30, 'server started': 700, 'first diagnostics': 1800 },
    editorAt: clicked + 2500 + 1800,
    server: { loaded: 150, initialize: 300, 'first diagnostics': 1000 },
  };
  const text = describeStartup(clicked, clicked + 4500, log);
  assert.match(text, /^workbench until activation 2\.5 s \(its extension host up 4\.2 s then\)/);
  assert.match(
    text,
    /first diagnostics 1800 ms after activation; status bar 0\.2 s after the first diagnostics/,
  );
  assert.match(text, /server: loaded 150, initialize 300, first diagnostics 1000/);
  assert.match(describeStartup(clicked, clicked + 1, null), /no start-up lines/);
});

test('the editor line is written when the first document is checked whole, with its first problems', () => {
  let now = 1000;
  const lines: string[] = [];
  const log = new StartupLog(
    4.2,
    (l) => lines.push(l),
    () => now,
  );
  now = 1030;
  log.activated();
  now = 1700;
  log.serverStarted();
  now = 2500;
  log.diagnostics(0); // a first screen with every claim verified: nothing to show yet
  now = 3100;
  log.diagnostics(4);
  now = 3200;
  log.diagnostics(5); // later publishes do not move the steps
  assert.deepEqual(lines, [], 'nothing before the first whole check');
  now = 3300;
  log.checked();
  log.checked();
  assert.deepEqual(lines, [
    'start-up (editor): extension host up 4.2 s when activation began; activated 30, server started 700, ' +
      'first diagnostics 1500, first problems 2100, checked 2300 (ms since activation began)',
  ]);
  // The workbench suite reads that line: the workbench's time ends where activation began.
  const clicked = Date.parse('2026-12-02T01:00:00.000');
  const e = {
    activated: 30,
    'server started': 700,
    'first diagnostics': 1500,
    'first problems': 2100,
    checked: 2300,
  };
  const text = describeStartup(clicked, clicked + 2000 + 2100 + 400, {
    file: 'derivcheck.log',
    hostUptimeS: 4.2,
    editor: e,
    editorAt: clicked + 2000 + 2300,
    server: {},
  });
  assert.match(text, /^workbench until activation 2\.0 s/);
  assert.match(text, /first problems 2100 ms; checked 2300 ms; status bar 0\.4 s after the first problems/);
  assert.deepEqual(derivcheckShare({ editor: e }), {
    firstDiagnostics: 1500,
    firstProblems: 2100,
    checked: 2300,
  });
});
