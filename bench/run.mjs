#!/usr/bin/env node
// derivcheck benchmarks: `npm run bench` (builds dist/ first) or `node bench/run.mjs`.
//   --quick        fewer repeats, edits and hovers (about a minute)
//   --json         print the results as JSON instead of tables
//   --only=a,b     sections: engine, check, lsp, cli, scaling, incremental, book
//   --profile      run every section (and the language server and its workers) under
//                  `node --cpu-prof`, write bench/profiles/<section>/ and print the top functions
// Each section runs in its own process (bench/section.mjs). Benchmarks report; they never fail:
// the exit status is 0 whatever the figures are.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildLib } from './build.mjs';
import { BENCH, ROOT, fmtMs } from './common.mjs';
import { formatSummary, profileFiles, summarize } from './profile.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const asJson = args.includes('--json');
const profile = args.includes('--profile');
const ALL = ['engine', 'check', 'lsp', 'cli', 'scaling', 'incremental', 'book'];
const only =
  args
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',') ?? ALL;
const say = (m) => process.stderr.write(`${m}\n`);

function runSection(name) {
  const nodeArgs = [];
  const extra = [];
  if (profile) {
    const dir = join(BENCH, 'profiles', name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const prof = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
    nodeArgs.push(...prof);
    extra.push(`--server-node-args=${prof.join(' ')}`);
  }
  if (name === 'scaling' && only.includes('lsp')) extra.push('--skip-1000');
  return new Promise((resolve) => {
    const t = Date.now();
    const child = spawn(
      process.execPath,
      [...nodeArgs, join(BENCH, 'section.mjs'), name, ...(quick ? ['--quick'] : []), ...extra],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '',
      err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => {
      const secs = ((Date.now() - t) / 1000).toFixed(1);
      const last = out.trim().split('\n').pop();
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        say(`  ${name}: done in ${secs} s`);
        resolve({ ok: true, result: JSON.parse(last), seconds: Number(secs) });
      } catch (e) {
        say(`  ${name}: FAILED (${e.message}) after ${secs} s`);
        resolve({
          ok: false,
          error: `${e.message}: ${err.trim().split('\n').slice(-3).join(' | ')}`,
          seconds: Number(secs),
        });
      }
    });
  });
}

// ── figures against targets ──────────────────────────────────────────────────────────────────

const rows = [];
const fig = (section, figure, value, target, pass) =>
  rows.push({ section, figure, value, target, status: pass === null ? 'info' : pass ? 'PASS' : 'MISS' });
const x = (r) => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×` : '—');
const mb = (v) => `${v.toFixed(0)} MB`;

function engineFigures(r) {
  for (const row of r.rows) {
    const { engine, mathjs, numpy } = row.ms;
    if (row.n === 4) {
      fig(
        1,
        `engine vs mathjs, ${row.expr}, n=4 (speed-up)`,
        x(mathjs / engine),
        '≥ 20×',
        mathjs / engine >= 20,
      );
      if (numpy !== undefined)
        fig(
          1,
          `engine vs numpy, ${row.expr}, n=4 (speed-up)`,
          x(numpy / engine),
          '≥ 3×',
          numpy / engine >= 3,
        );
    }
    if (row.n === 256 && numpy !== undefined)
      fig(
        1,
        `engine vs numpy, ${row.expr}, n=256 (engine/numpy time)`,
        x(engine / numpy),
        '≤ 6×',
        engine / numpy <= 6,
      );
  }
  if (!r.numpy.available) fig(1, 'numpy comparisons', `skipped: ${r.numpy.reason}`, '—', null);
  const bad = r.rows.filter((row) => !row.agree);
  if (bad.length)
    fig(
      1,
      'results agree across implementations',
      `NO: ${bad.map((b) => `${b.expr}/${b.n}`).join(', ')}`,
      'all agree',
      false,
    );
}

function checkFigures(r) {
  fig(
    2,
    `per-claim check, ${r.claims} claims of ${r.perDoc.length} documents, median (20 trials)`,
    fmtMs(r.medianMs),
    '≤ 1 ms',
    r.medianMs <= 1,
  );
  fig(2, 'per-claim check, p95', fmtMs(r.p95Ms), '—', null);
  fig(
    2,
    `per-claim check, the ${r.evaluatedClaims} claims evaluated numerically: median / p95`,
    `${fmtMs(r.evaluatedMedianMs)} / ${fmtMs(r.evaluatedP95Ms)}`,
    '—',
    null,
  );
  fig(
    2,
    `64-wide residual Jacobian claim (${r.jacobian.verdict}, ${r.jacobian.trials} trials)`,
    fmtMs(r.jacobian.claimMs),
    '≤ 20 ms',
    r.jacobian.claimMs <= 20,
  );
}

function lspFigures(r) {
  if (r.startup?.length) {
    const best = Math.min(...r.startup.map((x) => x.spawnToFirstDiagnosticsMs));
    fig(
      3,
      'LSP start-up: server spawn → first diagnostics of samples/residual-upsampling-dropout.md (best of 3)',
      fmtMs(best),
      '≤ 3 s (the workbench adds activation)',
      best <= 3000,
    );
  }
  fig(
    3,
    `LSP, ${r.claims} claims: first diagnostics after didOpen`,
    fmtMs(r.firstDiagnosticsMs),
    '≤ 2 s',
    r.firstDiagnosticsMs <= 2000,
  );
  fig(
    3,
    `LSP: edit→diagnostics p50 / p95 end to end (${r.edits} edits)`,
    `${fmtMs(r.editP50Ms)} / ${fmtMs(r.editP95Ms)}`,
    '—',
    null,
  );
  // Edits come a pause apart: none waits for the debounce (a change after a quiet moment starts at once).
  const p95 = r.editP95Ms;
  fig(3, 'LSP: edit→diagnostics p95 of an isolated edit (no debounce)', fmtMs(p95), '≤ 50 ms', p95 <= 50);
  fig(
    3,
    `LSP: hover p50 / p95 (${r.hovers} hovers)`,
    `${fmtMs(r.hoverP50Ms)} / ${fmtMs(r.hoverP95Ms)}`,
    'p95 ≤ 20 ms',
    r.hoverP95Ms <= 20,
  );
  fig(
    3,
    'LSP: peak RSS of the server process (VmHWM, incl. worker threads)',
    `${mb(r.peakRssMB)} (idle server: ${mb(r.idleRssMB)})`,
    '≤ 150 MB',
    r.peakRssMB <= 150,
  );
}

function cliFigures(r) {
  fig(
    4,
    `CLI: node dist/cli.js samples, wall time (median of ${r.runs})`,
    fmtMs(r.medianMs),
    '≤ 1.5 s',
    r.medianMs <= 1500,
  );
}

function scalingFigures(r, lsp) {
  const c = r.check;
  for (const s of c)
    fig(
      5,
      `full check, ${s.claims} claims`,
      `${fmtMs(s.fullCheckMs)} (${s.perClaimUs.toFixed(0)} µs/claim)`,
      '—',
      null,
    );
  const first = c[0],
    last = c[c.length - 1];
  const growth = last.perClaimUs / first.perClaimUs;
  fig(
    5,
    `full check grows linearly: per-claim time at ${last.claims} / at ${first.claims}`,
    x(growth),
    '≤ 1.5×',
    growth <= 1.5,
  );
  const edits = [...r.edits];
  if (lsp && !edits.some((e) => e.claims === 1000))
    edits.push({ claims: 1000, editP50Ms: lsp.editP50Ms, editP95Ms: lsp.editP95Ms });
  edits.sort((a, b) => a.claims - b.claims);
  for (const e of edits)
    fig(
      5,
      `edit→diagnostics p50 / p95, ${e.claims} claims`,
      `${fmtMs(e.editP50Ms)} / ${fmtMs(e.editP95Ms)}`,
      '—',
      null,
    );
  if (edits.length > 1) {
    const flat = edits[edits.length - 1].editP50Ms / edits[0].editP50Ms;
    fig(
      5,
      `edit latency stays flat: p50 at ${edits[edits.length - 1].claims} / at ` + `${edits[0].claims}`,
      x(flat),
      '≤ 1.5×',
      flat <= 1.5,
    );
  }
}

function incrementalFigures(r) {
  const sized = r.filter((s) => s.claims !== null).sort((a, b) => a.claims - b.claims);
  for (const s of r) {
    const what = s.claims === null ? s.name : `held-out style, ${s.claims} claims`;
    fig(
      6,
      `${what} (${(s.bytes / 1024).toFixed(0)} KB): first diagnostics / checked whole / ` +
        `edit→diagnostics p50 / p95 (${s.edits} edits) / server CPU per edit (main thread) / peak RSS`,
      `${fmtMs(s.firstDiagnosticsMs)} / ${fmtMs(s.checkedMs)} / ` +
        `${fmtMs(s.editP50Ms)} / ${fmtMs(s.editP95Ms)} / ` +
        `${fmtMs(s.cpuPerEditMs)} (${fmtMs(s.mainCpuPerEditMs)}) / ${mb(s.peakRssMB)}`,
      '—',
      null,
    );
  }
  for (const s of sized)
    if (s.moving) {
      const m = s.moving;
      const most = m.rechecked.length ? Math.max(...m.rechecked) : NaN;
      fig(
        6,
        `held-out style, ${s.claims} claims, moving edits (a blank line under the title, a word in the ` +
          `first section, typed and removed): edit→diagnostics p50 / p95 / server CPU per edit (main ` +
          `thread) / most claims re-checked by one`,
        `${fmtMs(m.editP50Ms)} / ${fmtMs(m.editP95Ms)} / ${fmtMs(m.cpuPerEditMs)} ` +
          `(${fmtMs(m.mainCpuPerEditMs)}) / ${Number.isNaN(most) ? '—' : most}`,
        're-checks 0',
        Number.isNaN(most) ? null : most === 0,
      );
    }
  const near1000 = sized.find((s) => s.claims >= 900 && s.claims <= 1100);
  if (near1000)
    fig(
      6,
      `edit→diagnostics p95 end to end, ${near1000.claims} claims (an isolated edit: no debounce)`,
      fmtMs(near1000.editP95Ms),
      '≤ 100 ms',
      near1000.editP95Ms <= 100,
    );
  if (sized.length > 1) {
    const a = sized[0];
    const b = sized[sized.length - 1];
    const flat = b.editP50Ms / a.editP50Ms;
    fig(6, `edit latency flat: p50 at ${b.claims} / at ${a.claims} claims`, x(flat), '≤ 1.5×', flat <= 1.5);
    fig(
      6,
      `first diagnostics at ${b.claims} claims (the first screen: the top of the document)`,
      fmtMs(b.firstDiagnosticsMs),
      '≤ 200 ms',
      b.firstDiagnosticsMs <= 200,
    );
    if (b.middle)
      fig(
        6,
        `first diagnostics at ${b.claims} claims, reopened scrolled to the middle (visible lines sent; ` +
          `${b.middle.diagnostics} diagnostics` +
          `${b.middle.withinShown ? ', all in those lines' : ', SOME OUTSIDE THEM'}) / checked whole`,
        `${fmtMs(b.middle.firstMs)} / ${fmtMs(b.middle.checkedMs)}`,
        '—',
        null,
      );
    fig(6, `peak RSS of the server at ${b.claims} claims`, mb(b.peakRssMB), '≤ 150 MB', b.peakRssMB <= 150);
  }
}

function bookFigures(r) {
  if (r.missing) {
    fig(7, 'CLI on a book', `no corpus at ${r.missing} (set DERIVCHECK_CORPUS)`, '—', null);
    return;
  }
  fig(
    7,
    `CLI on ${r.files} chapters (${(r.bytes / 1024).toFixed(0)} KB, ${r.claims} claims), one run`,
    `${fmtMs(r.wholeMs)} (CPU ${fmtMs(r.cpuMs)}): ${r.kbPerSecond.toFixed(0)} KB/s, ` +
      `${r.claimsPerSecond.toFixed(0)} claims/s`,
    '—',
    null,
  );
  if (r.slowestInRun)
    fig(
      7,
      `slowest chapter's check within that run, the CLI's --stats (${r.slowestInRun.path})`,
      fmtMs(r.slowestInRun.ms),
      '—',
      null,
    );
  if (r.slowest)
    fig(
      7,
      `slowest chapter on its own, Node start-up included (${r.slowest.file})`,
      fmtMs(r.slowest.ms),
      '≤ 2 s',
      r.slowest.ms <= 2000,
    );
}

function engineTable(r) {
  const impls = ['engine', 'mathjs', 'loop', 'numpy'];
  const head =
    '| expression | n | derivcheck engine | mathjs | Float64Array loop | numpy | engine/mathjs | ' +
    'engine/loop | engine/numpy |';
  const lines = [head, '|---|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const row of r.rows) {
    const t = impls.map((i) => fmtMs(row.ms[i] ?? NaN));
    const ratio = (p) =>
      row.ms[p] ? (row.ms.engine / row.ms[p]).toFixed(row.ms.engine / row.ms[p] < 0.1 ? 3 : 2) : '—';
    lines.push(
      `| \`${row.latex}\` | ${row.n} | ${t.join(' | ')} | ${ratio('mathjs')} | ${ratio('loop')} | ` +
        `${ratio('numpy')} |`,
    );
  }
  return lines.join('\n');
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────

const machine = {
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGB: +(totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  loadavgStart: loadavg().map((l) => +l.toFixed(2)),
  mode: quick ? 'quick' : 'full',
};
if (!existsSync(join(ROOT, 'dist', 'server.js')) || !existsSync(join(ROOT, 'dist', 'cli.js'))) {
  say('dist/ is missing: run `npm run build` first (or `npm run bench`, which builds).');
}
say(
  `derivcheck bench (${machine.mode}) on ${machine.cpu}, ${machine.cores} cores, Node ` +
    `${machine.node}; load ${machine.loadavgStart.join(' ')}`,
);
await buildLib();
const t0 = Date.now();
const results = {};
for (const name of ALL.filter((s) => only.includes(s))) {
  say(`running ${name}…`);
  results[name] = await runSection(name);
}
machine.loadavgEnd = loadavg().map((l) => +l.toFixed(2));
machine.totalSeconds = Math.round((Date.now() - t0) / 1000);

const ok = (n) => (results[n]?.ok ? results[n].result : null);
for (const [n, r] of Object.entries(results))
  if (!r.ok) fig('-', `${n} section`, `failed: ${r.error}`, '—', null);
if (ok('engine')) engineFigures(ok('engine'));
if (ok('check')) checkFigures(ok('check'));
if (ok('lsp')) lspFigures(ok('lsp'));
if (ok('cli')) cliFigures(ok('cli'));
if (ok('scaling')) scalingFigures(ok('scaling'), ok('lsp'));
if (ok('incremental')) incrementalFigures(ok('incremental'));
if (ok('book')) bookFigures(ok('book'));

const profiles = {};
if (profile) {
  for (const name of Object.keys(results)) {
    const dir = join(BENCH, 'profiles', name);
    if (existsSync(dir)) profiles[name] = profileFiles(dir).map((f) => ({ file: f, ...summarize(f, 12) }));
  }
}

const report = {
  machine,
  figures: rows,
  sections: Object.fromEntries(
    Object.entries(results).map(([k, v]) => [k, v.ok ? v.result : { error: v.error }]),
  ),
  ...(profile ? { profiles } : {}),
};
mkdirSync(join(BENCH, '.out'), { recursive: true });
writeFileSync(join(BENCH, '.out', 'latest.json'), JSON.stringify(report, null, 2));

if (asJson) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const out = [];
  out.push(
    `derivcheck bench — ${machine.date.slice(0, 16).replace('T', ' ')} UTC — ${machine.cpu}, ` +
      `${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node} — ${machine.mode} run, ` +
      `${machine.totalSeconds} s — load avg ${machine.loadavgStart[0]} → ${machine.loadavgEnd[0]}`,
  );
  out.push('');
  out.push('| § | figure | value | target | status |');
  out.push('|---|---|---:|---:|:---:|');
  for (const r of rows) out.push(`| ${r.section} | ${r.figure} | ${r.value} | ${r.target} | ${r.status} |`);
  if (ok('engine')) {
    out.push('');
    out.push(
      `Engine vs peers, median time per evaluation (ratios are derivcheck/peer time; < 1 means ` +
        `derivcheck is faster)${numpyNote(ok('engine').numpy)}:`,
    );
    out.push('');
    out.push(engineTable(ok('engine')));
  }
  if (ok('check')) {
    out.push('');
    out.push('Slowest claims (median of runs):');
    for (const s of ok('check').slowest)
      out.push(
        `  ${fmtMs(s.ms).padStart(9)}  ${s.verdict.padEnd(9)} ${s.trials} trials  ${s.file}: ${s.text}`,
      );
  }
  if (profile) {
    out.push('');
    out.push('CPU profiles (self time, top functions):');
    for (const [_name, list] of Object.entries(profiles))
      for (const p of list) out.push(formatSummary(p.file, p));
  }
  const misses = rows.filter((r) => r.status === 'MISS').length;
  out.push('');
  out.push(
    `${rows.filter((r) => r.status === 'PASS').length} PASS, ${misses} MISS. Full results: ` +
      `bench/.out/latest.json`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}
process.exit(0);

function numpyNote(numpy) {
  if (!numpy.available) return '';
  const [version, python] = numpy.version.split(' ');
  return `; numpy ${version} on Python ${python}`;
}
