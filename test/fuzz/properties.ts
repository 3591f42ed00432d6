// Property-based robustness checks shared by the bounded run (test/unit/hardening/fuzz.test.ts,
// part of `npm test`) and the long run (test/fuzz/*.test.ts, `npm run fuzz`, FUZZ_RUNS=N).
//
// Whatever a document says, the reader, the parser, the model and the checker must not throw,
// must terminate within their budgets, must keep every offset inside the text, and printing a
// parsed tree then re-parsing it must be stable.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { checkText } from '../../server/src/check/index';
import { readDocument } from '../../server/src/document/index';
import type { DocumentKind } from '../../server/src/document/types';
import { buildModel } from '../../server/src/model/build';
import { parseMath } from '../../server/src/math/parser';
import { printNode } from '../../server/src/math/print';
import type { Node } from '../../server/src/math/tree';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');

/** Number of runs: FUZZ_RUNS if set, else the given default. */
export function runs(fallback: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** fast-check parameters; FUZZ_SEED replays a failure. */
let chosenSeed: number | undefined;

/**
 * The seed of a long run, chosen now and written down before any run (unless FUZZ_SEED gives
 * one): a run that hangs reports nothing, so the seed has to be known before it starts for the
 * hang to be replayed. The test runner shows a file's output only when the file ends, so the seed
 * also goes to test-results/fuzz-seed.txt.
 */
export function recordedSeed(): number {
  if (chosenSeed !== undefined) return chosenSeed;
  const given = Number(process.env.FUZZ_SEED);
  chosenSeed = Number.isInteger(given) ? given : (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0;
  const line = `fuzz seed ${chosenSeed} (FUZZ_SEED=${chosenSeed} replays this run)\n`;
  process.stderr.write(line);
  mkdirSync(resolve(repoRoot, 'test-results'), { recursive: true });
  writeFileSync(resolve(repoRoot, 'test-results', 'fuzz-seed.txt'), line);
  return chosenSeed;
}

// ---------------------------------------------------------------------------------------------
// Seed documents: the samples and the fixtures.

export interface SeedDoc {
  name: string;
  kind: DocumentKind;
  text: string;
}

export function seedDocuments(): SeedDoc[] {
  const out: SeedDoc[] = [];
  for (const dir of ['samples', 'test/fixtures']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(repoRoot, dir)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const kind: DocumentKind | null = name.endsWith('.md')
        ? 'markdown'
        : name.endsWith('.tex')
          ? 'latex'
          : null;
      if (!kind) continue;
      out.push({ name: `${dir}/${name}`, kind, text: readFileSync(join(repoRoot, dir, name), 'utf8') });
    }
  }
  return out;
}

/** Split a document into pieces of at most `max` characters at paragraph breaks (keeps runs fast). */
export function chunks(doc: SeedDoc, max = 1500): SeedDoc[] {
  const paras = doc.text.split(/(?<=\n\n)/);
  const out: SeedDoc[] = [];
  let cur = '';
  for (const p of paras) {
    if (cur.length + p.length > max && cur) {
      out.push({ ...doc, name: `${doc.name}#${out.length}`, text: cur });
      cur = '';
    }
    cur += p;
  }
  if (cur) out.push({ ...doc, name: `${doc.name}#${out.length}`, text: cur });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Generators.

const MATH_PIECES = [
  'x',
  'y',
  'n',
  'i',
  'k',
  'A',
  'B',
  'W',
  '\\mathbf{x}',
  '\\mathbf{A}',
  'W_1',
  'x_i',
  'A_{ij}',
  'f(x)',
  '\\alpha',
  '\\sigma',
  '\\theta',
  '0',
  '1',
  '2',
  '3.5',
  '10^9',
  '1e5',
  '0.1',
  '999999999999999999999',
  '+',
  '-',
  '=',
  ':=',
  '<',
  '>',
  '\\le',
  '\\ge',
  '\\neq',
  '\\approx',
  '\\in',
  '\\sim',
  '\\cdot',
  '\\times',
  '/',
  '!',
  ',',
  ';',
  '&',
  '\\\\',
  '|',
  '\\|',
  '^',
  '_',
  '^{\\top}',
  '^T',
  '^{-1}',
  "'",
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '\\{',
  '\\}',
  '\\left(',
  '\\right)',
  '\\left.',
  '\\right|',
  '\\frac{',
  '\\frac{1}{2}',
  '\\sqrt{',
  '\\sqrt[3]{',
  '\\sum_{i=1}^{n}',
  '\\sum_i',
  '\\prod_{k=1}^{3}',
  '\\sum_{i=1}^{10^9}',
  '\\binom{',
  '\\exp',
  '\\log',
  '\\max',
  '\\det',
  '\\operatorname{tr}',
  '\\operatorname{softmax}',
  '\\mathbb{R}',
  '\\mathbb{R}^{n \\times n}',
  '\\mathbb{E}',
  '\\mathcal{N}(0, 1)',
  '\\nabla_x',
  '\\partial',
  '\\frac{\\partial f}{\\partial x}',
  '\\frac{d}{dx}',
  '\\lfloor',
  '\\rfloor',
  '\\begin{pmatrix}',
  '\\end{pmatrix}',
  '\\begin{cases}',
  '\\end{cases}',
  '\\begin{aligned}',
  '\\end{aligned}',
  '\\text{ if }',
  '\\quad',
  '\\tag{1}',
  '\\label{eq}',
  '\\foo',
  '\\undefinedcommand{',
  '\\',
  '\\\\',
  '%',
  '#',
  '~',
  ' ',
  ' ',
  ' ',
  '\n',
  '\t',
  '$',
  '\u00a0',
  '∑',
  'α',
  '≤',
  '\u200b',
  '😀',
  '\ud800',
];

/** Random math text built from LaTeX fragments (balanced or not). */
export const mathText = fc.array(fc.constantFrom(...MATH_PIECES), { maxLength: 30 }).map((a) => a.join(''));

/** A math text that is mostly well-formed: a relation between two small expressions. */
const atom = fc.constantFrom(
  'x',
  'y',
  'n',
  '2',
  '3',
  '\\alpha',
  'A',
  'B',
  '\\mathbf{x}',
  '0.5',
  'x_i',
  '\\pi',
  'e',
);
const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc
      .tuple(tie('e'), fc.constantFrom(' + ', ' - ', ' \\cdot ', ' ', ' / ', ' \\times '), tie('e'))
      .map(([a, op, b]) => `${a}${op}${b}`),
    tie('e').map((a) => `(${a})`),
    tie('e').map((a) => `{${a}}^{2}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `\\frac{${a}}{${b}}`),
    tie('e').map((a) => `\\sqrt{${a}}`),
    tie('e').map((a) => `\\exp(${a})`),
    tie('e').map((a) => `\\sum_{i=1}^{3} ${a}`),
    tie('e').map((a) => `-${a}`),
    tie('e').map((a) => `|${a}|`),
  ),
})).e as fc.Arbitrary<string>;
export const wellFormedMath = fc
  .tuple(expr, fc.constantFrom(' = ', ' < ', ' \\le ', ' \\approx '), expr)
  .map(([a, op, b]) => `${a}${op}${b}`);

const DOC_PIECES = [
  'Some prose. ',
  'Let ',
  'We have ',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\t',
  '# Heading\n',
  '- item ',
  '> quote ',
  '1. ',
  '| a | b |\n|---|---|\n| $x$ | y |\n',
  '```\ncode $x$\n```\n',
  '`$x = 1$`',
  '<!-- derive: x \\in \\mathbb{R} -->',
  '<!-- derive: A \\in \\mathbb{R}^{3 \\times 3}; n \\in \\mathbb{N} -->',
  '<!-- derive: trials 3 -->',
  '<!-- derive: skip -->',
  '<!--',
  '-->',
  '$',
  '$$',
  '\\(',
  '\\)',
  '\\[',
  '\\]',
  '\\$',
  '{',
  '}',
  '\\',
  '\\begin{align}',
  '\\end{align}',
  '\\begin{equation}',
  '\\end{equation}',
  '%',
  '% derive: x \\in \\mathbb{R}\n',
  '\\section{A}',
  '\\label{x}',
  ':eqlabel:`a`',
  '\ufeff',
  '\u0000',
  '\ud800',
  '😀',
  'é',
];

/** A random document: prose and structure around random and well-formed math. */
export const documentText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...DOC_PIECES),
      mathText.map((m) => `$${m}$`),
      wellFormedMath.map((m) => `$${m}$`),
      wellFormedMath.map((m) => `\n\n$$\n${m}\n$$\n\n`),
      mathText.map((m) => `\\[${m}\\]`),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 25 },
  )
  .map((a) => a.join(''));

const INSERTS = [
  '$',
  '$$',
  '{',
  '}',
  '\\',
  '\\\\',
  '\\frac',
  '\\begin{',
  '\\end{pmatrix}',
  '\\left(',
  '\\right)',
  '^',
  '_',
  '&',
  '=',
  '\n',
  '\r\n',
  '\n\n',
  '<!--',
  '-->',
  '%',
  '\\sum_{i=1}^{10^9}',
  '\\foo{',
  '\ufeff',
  '\u0000',
];

type Edit =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; s: string }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'swapLines'; a: number; b: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    s: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 3 })),
  }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
);

export function applyEdits(text: string, edits: Edit[]): string {
  let t = text;
  for (const e of edits) {
    const n = t.length;
    if (e.op === 'swapLines') {
      const lines = t.split('\n');
      const a = e.a % lines.length;
      const b = e.b % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      t = lines.join('\n');
      continue;
    }
    const at = n === 0 ? 0 : e.at % (n + 1);
    if (e.op === 'delete') t = t.slice(0, at) + t.slice(at + e.len);
    else if (e.op === 'insert') t = t.slice(0, at) + e.s + t.slice(at);
    else t = t.slice(0, at) + t.slice(at, at + e.len) + t.slice(at);
  }
  return t;
}

/** A seed document (a chunk of a sample or fixture) with a few random edits. */
export function mutatedDocument(seeds: SeedDoc[]): fc.Arbitrary<SeedDoc> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 8 }))
    .map(([d, edits]) => ({
      name: `${d.name} + ${JSON.stringify(edits)}`,
      kind: d.kind,
      text: applyEdits(d.text, edits),
    }));
}

// ---------------------------------------------------------------------------------------------
// Invariants.

function inside(label: string, text: string, s: number, e: number): void {
  assert.ok(Number.isInteger(s) && Number.isInteger(e), `${label}: integer offsets (${s}, ${e})`);
  assert.ok(
    0 <= s && s <= e && e <= text.length,
    `${label}: range ${s}..${e} inside the text of length ${text.length}`,
  );
}

export function checkReader(text: string, kind: DocumentKind): void {
  const r = readDocument(text, kind);
  let last = -1;
  for (const item of r.items) {
    inside('reader item', text, item.start, item.end);
    assert.equal(item.text.length, item.end - item.start, 'item text has the length of its range');
    for (let i = 0; i < item.text.length; i++) {
      if (item.text[i] !== text[item.start + i])
        assert.equal(
          item.text[i],
          ' ',
          `only structural characters may be blanked (offset ${item.start + i})`,
        );
    }
    const at = item.kind === 'math' ? item.outerStart : item.start;
    assert.ok(at >= last, 'items in document order');
    last = at;
    if (item.kind === 'math') {
      assert.ok(
        item.outerStart <= item.start && item.end <= item.outerEnd,
        'outer range encloses the content',
      );
      inside('math outer range', text, item.outerStart, item.outerEnd);
    }
  }
  for (const p of r.problems) inside(`reader problem '${p.message}'`, text, p.start, p.end);
}

function walkNode(n: Node, visit: (n: Node) => void): void {
  visit(n);
  for (const v of Object.values(n)) {
    if (v && typeof v === 'object') {
      if (Array.isArray(v)) {
        for (const x of v) {
          if (x && typeof x === 'object' && 'kind' in x) walkNode(x as Node, visit);
          else if (x && typeof x === 'object' && 'value' in x && (x as { value: Node }).value?.kind)
            walkNode((x as { value: Node }).value, visit);
        }
      } else if ('kind' in v && 'start' in v) walkNode(v as Node, visit);
    }
  }
}

export function checkParser(math: string, base = 0, display = false): void {
  const parsed = parseMath(math, base, { display });
  assert.ok(Array.isArray(parsed.statements) && Array.isArray(parsed.problems));
  const lo = base;
  const hi = base + math.length;
  for (const p of parsed.problems) {
    assert.ok(
      lo <= p.start && p.start <= p.end && p.end <= hi,
      `parser problem '${p.message}' at ${p.start}..${p.end} inside ${lo}..${hi}`,
    );
  }
  for (const st of parsed.statements) {
    assert.ok(
      lo <= st.start && st.start <= st.end && st.end <= hi,
      `statement ${st.start}..${st.end} inside ${lo}..${hi}`,
    );
    for (const side of st.sides)
      walkNode(side, (n) =>
        assert.ok(
          lo <= n.start && n.start <= n.end && n.end <= hi,
          `node ${n.kind} ${n.start}..${n.end} inside ${lo}..${hi}`,
        ),
      );
  }
}

/**
 * print ∘ parse is stable: for a statement side that parsed without problems, printing it,
 * parsing the print and printing again gives the same text.
 */
export function checkPrintStable(math: string): void {
  // Inline mode: in display mode a leading `(2)` is read as an equation number, which a printed
  // side such as `(0.5)^{2}` would trip over (that heuristic is tested on its own).
  const parsed = parseMath(math, 0, { display: false });
  if (parsed.problems.length) return;
  for (const st of parsed.statements) {
    for (const side of st.sides) {
      let hasError = false;
      walkNode(side, (n) => {
        if (n.kind === 'error') hasError = true;
      });
      if (hasError) continue;
      const once = printNode(side);
      const re = parseMath(once, 0, { display: false });
      assert.deepEqual(
        re.problems.map((p) => p.message),
        [],
        `the print of '${math}' re-parses without problems: ${once}`,
      );
      assert.equal(re.statements.length, 1, `the print of a side is one statement: ${once}`);
      assert.equal(re.statements[0].sides.length, 1, `the print of a side has no relation: ${once}`);
      const twice = printNode(re.statements[0].sides[0]);
      assert.equal(twice, once, `print/parse/print is stable for '${math}'`);
    }
  }
}

export function checkModel(text: string, kind: DocumentKind): void {
  const model = buildModel(readDocument(text, kind), text);
  for (const c of model.claims) inside('claim', text, c.start, c.end);
  for (const p of model.problems) inside(`model problem '${p.message}'`, text, p.start, p.end);
}

export interface CheckLimits {
  timeBudgetMs: number;
  trials: number;
}

/** Runs the whole pipeline; returns the time taken. Asserts invariants and a time bound. */
export function checkDocument(
  text: string,
  kind: DocumentKind,
  limits: CheckLimits = { timeBudgetMs: 40, trials: 3 },
): number {
  const t0 = performance.now();
  const r = checkText(text, kind, { timeBudgetMs: limits.timeBudgetMs, trials: limits.trials });
  const ms = performance.now() - t0;
  const count = { verified: 0, refuted: 0, unchecked: 0 };
  for (const c of r.claims) {
    assert.ok(
      c.verdict === 'verified' || c.verdict === 'refuted' || c.verdict === 'unchecked',
      `verdict ${c.verdict}`,
    );
    inside('claim result', text, c.start, c.end);
    inside('claim relation', text, c.opStart, c.opEnd);
    assert.equal(c.text, text.slice(c.start, c.end), 'claim text is its source range');
    assert.equal(typeof c.message, 'string');
    assert.ok(!/internal error/.test(c.message), `no internal error for claim '${c.text}': ${c.message}`);
    count[c.verdict]++;
  }
  assert.deepEqual(r.summary, count, 'summary counts the verdicts');
  for (const p of r.problems) inside(`problem '${p.message}'`, text, p.start, p.end);
  // Each claim may use its time budget (a few times over for the per-op overshoot), plus a fixed
  // allowance for reading and parsing.
  const bound = 2000 + r.claims.length * limits.timeBudgetMs * 4;
  assert.ok(ms < bound, `checked in ${Math.round(ms)} ms, bound ${bound} ms (${r.claims.length} claims)`);
  return ms;
}

/** Every stage, on one document. */
export function checkEverything(text: string, kind: DocumentKind, limits?: CheckLimits): void {
  checkReader(text, kind);
  checkModel(text, kind);
  checkDocument(text, kind, limits);
}

// ---- the input shapes of issue 15: deep nesting, long runs, chains of definitions, huge exponents

const NESTERS: ((inner: string) => string)[] = [
  (x) => `(${x})`,
  (x) => `\\frac{${x}}{2}`,
  (x) => `\\sqrt{${x}}`,
  (x) => `{${x}}`,
  (x) => `x^{${x}}`,
];

const deepNesting = fc
  .tuple(fc.integer({ min: 0, max: NESTERS.length - 1 }), fc.integer({ min: 50, max: 4000 }), fc.boolean())
  .map(([k, depth, quote]) => {
    let m = 'x';
    for (let i = 0; i < depth; i++) m = NESTERS[k](m);
    const body = `$$${m} = 1$$`;
    // Block quotes nested as deep, around the math, or beside it.
    return quote ? `${'>'.repeat(depth)} ${body}\n\n$$1 + 1 = 3$$\n` : `${body}\n\n$$1 + 1 = 3$$\n`;
  });

const longRun = fc
  .tuple(fc.constantFrom('a', 'ab', ',', '1', 'x + ', '\\,', '|'), fc.integer({ min: 1000, max: 40_000 }))
  .chain(([unit, n]) =>
    fc.constantFrom(
      `$$${unit.repeat(n)} = 1$$\n`,
      `$$\\text{${unit.repeat(n)}} = 1$$\n`,
      `$${unit.repeat(n)}$ and $1 + 1 = 3$\n`,
    ),
  );

const definitionChain = fc
  .tuple(fc.constantFrom('=', ':=', 'fn'), fc.integer({ min: 3, max: 30 }))
  .map(([relation, n]) => {
    const lines = ['<!-- derive: x \\in \\mathbb{R}; a_0 \\in \\mathbb{R} -->', '', '$f_0(x) := x$', ''];
    for (let k = 1; k <= n; k++)
      lines.push(
        relation === 'fn'
          ? `$f_{${k}}(x) := f_{${k - 1}}(x) \\cdot f_{${k - 1}}(x)$`
          : `$a_{${k}} ${relation} a_{${k - 1}} \\cdot a_{${k - 1}}$`,
        '',
      );
    lines.push(relation === 'fn' ? `$$f_{${n}}(x) = f_{${n - 1}}(x)^2$$` : `$$a_{${n}} = a_{${n - 1}}^2$$`);
    return `${lines.join('\n')}\n`;
  });

const extremeExponent = fc
  .tuple(
    fc.constantFrom('x', '10', '3', 'e', '(10^{4096})', '(3^{1000})', '0.5'),
    fc.integer({ min: -100_000, max: 100_000 }),
    fc.constantFrom('= 0', '= 1', '+ 1 = 1', '= x^{2}'),
  )
  .map(([base, e, rest]) => `<!-- derive: x \\in \\mathbb{R} -->\n\n$$${base}^{${e}} ${rest}$$\n`);

// Containers opened on one line (quotes, bullets, ordered items, mixed), past the depth limit or not.
const deepContainers = fc
  .tuple(fc.constantFrom('> ', '- ', '1. ', '> - ', '* > '), fc.integer({ min: 50, max: 20_000 }))
  .map(([marker, depth]) => `$$2 + 2 = 4$$\n\n${marker.repeat(depth)}$x = 1$\n\n$$1 + 1 = 3$$\n`);

// The shapes CommonMark's parser is superlinear on: runs of setext or ATX headings, a long
// paragraph of inline math, a long nested list or quote — with or without blank lines (past the
// passage limit, 1 MB, in test/unit/hardening/passages.test.ts: too slow for many runs).
const readingShape = fc
  .tuple(
    fc.constantFrom(
      'Title $a = 1$\n===\n',
      'a\n-\n',
      '# Heading $b$\n',
      '$x$ and ',
      '$x$ and\n',
      '- item $x$\n  - nested $y$\n',
      '> quoted $x$\n',
    ),
    // Up to 120 KB: one paragraph costs the Markdown parser more than in proportion to its length
    // (about 5 s of CPU for 400 KB), which test/unit/hardening/passages.test.ts bounds on its own.
    fc.integer({ min: 1_000, max: 120_000 }),
    fc.boolean(),
  )
  .map(([unit, size, blankLines]) => {
    const n = Math.ceil(size / unit.length);
    const run = blankLines ? Array.from({ length: n }, () => unit).join('\n') : unit.repeat(n);
    return `${run}\n\n$$1 + 1 = 3$$\n`;
  });

/** Documents of the shapes that once hung, exploded or gave verdicts from broken arithmetic. */
export const stressDocument = fc.oneof(
  deepNesting,
  deepContainers,
  readingShape,
  longRun,
  definitionChain,
  extremeExponent,
);

/**
 * The whole pipeline on a stress document: the invariants of checkDocument, under the default
 * work budget (few trials), with a CPU-time hang guard rather than a wall-clock bound.
 */
export function checkStress(text: string, kind: DocumentKind, cpuGuardMs = 60_000): void {
  checkReader(text, kind);
  const c0 = process.cpuUsage();
  const r = checkText(text, kind, { trials: 3 });
  const used = process.cpuUsage(c0);
  for (const c of r.claims) {
    inside('claim result', text, c.start, c.end);
    assert.ok(!/internal error/.test(c.message), `no internal error for claim '${c.text}': ${c.message}`);
    // 1 + 1 = 3 beside the stress stays refuted: the rest of the document is still read.
    if (c.text === '1 + 1 = 3') assert.equal(c.verdict, 'refuted', c.message);
  }
  const cpuMs = (used.user + used.system) / 1000;
  assert.ok(cpuMs < cpuGuardMs, `checked in ${Math.round(cpuMs)} ms of CPU (${r.claims.length} claims)`);
}

// ---- floating-point honesty: claims true in exact arithmetic that double precision cannot carry
// (huge and tiny scales, cancellation, long sums, near-singular matrices, softmax with large
// logits), and near misses false only beyond its last digit. No verdict may come from underflow,
// overflow or lost digits: a true one is never refuted, a false one never verified; unchecked is
// honest when its message says precision was the reason.

export interface PrecisionClaim {
  math: string;
  truth: boolean;
}

const hilbert = (n: number, inverse: boolean): string => {
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => `\\frac{1}{${i + j + 1}}`).join(' & '),
  );
  return `\\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}${inverse ? '^{-1}' : ''}`;
};
const identity = (n: number): string => {
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? '1' : '0')).join(' & '),
  );
  return `\\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}`;
};

/** One treacherous family: the true claim and its near miss, from a scale `k`, a size `n`, `d` digits. */
const PRECISION_FAMILIES: ((k: number, n: number, d: number) => [string, string])[] = [
  (k) => [
    `e^{${10 * k}} \\cdot e^{-${10 * k}} = 1`,
    `e^{${10 * k}} \\cdot e^{-${10 * k}} = 1 + 10^{-${k + 20}}`,
  ],
  (k) => [`(1 + 10^{-${k}} p) - 1 = 10^{-${k}} p`, `(1 + 10^{-${k}} p) - 1 = 0`],
  (k) => {
    const big = `10^{${Math.ceil(k / 2)}} p`;
    const root = `\\sqrt{(${big})^2 + 1}`;
    return [`${root} - ${big} = \\frac{1}{${root} + ${big}}`, `${root} - ${big} = 0`];
  },
  (_k, n, d) => [`p^{${10 * n}} p^{-${10 * n}} = 1`, `p^{${10 * n}} p^{-${10 * n}} = 1 + 10^{-${d}}`],
  (k, n) => [`(10^{${k - 150}} p)^{${n}} = 10^{${(k - 150) * n}} p^{${n}}`, `(10^{${k - 150}} p)^{${n}} = 0`],
  (k, _n, d) => {
    const left = `\\frac{e^{${10 * k} p}}{e^{${10 * k} p} + e^{${10 * k} q}}`;
    const right = `\\frac{1}{1 + e^{${10 * k} (q - p)}}`;
    return [`${left} = ${right}`, `${left} = ${right} + 10^{-${d}}`];
  },
  (k) => [`\\log(e^{${10 * k} p}) = ${10 * k} p`, `\\log(1 + 10^{-${k}} p) = 0`],
  (k, n) => [
    `\\sum_{i=1}^{${10 * n}} (p + 10^{-${k}}) = ${10 * n} p + ${10 * n} \\cdot 10^{-${k}}`,
    `\\sum_{i=1}^{${10 * n}} (p + 10^{-${k}}) = ${10 * n} p`,
  ],
  (k) => {
    const m = `\\begin{pmatrix} 1 & 1 \\\\ 1 & 1 + 10^{-${k}} p \\end{pmatrix}`;
    return [`\\det ${m} = 10^{-${k}} p`, `\\det ${m} = 0`];
  },
  (_k, n) => {
    const size = 2 + (n % 7);
    return [
      `${hilbert(size, true)} ${hilbert(size, false)} = ${identity(size)}`,
      `\\det ${hilbert(size, false)} = 0`,
    ];
  },
  (k, _n, d) => [
    `(p + 10^{${k % 40}})^2 - (p - 10^{${k % 40}})^2 = 4 \\cdot 10^{${k % 40}} p`,
    `(p + 10^{${k % 40}})^2 - (p - 10^{${k % 40}})^2 = 4 \\cdot 10^{${k % 40}} p + 10^{-${d}}`,
  ],
  (k) => [`\\cos(10^{-${k}} p) - 1 = -2 \\sin^2(5 \\cdot 10^{-${k + 1}} p)`, `1 - \\cos(10^{-${k}} p) = 0`],
  (k) => [`\\tanh(${k} p) = \\frac{1 - e^{-${2 * k} p}}{1 + e^{-${2 * k} p}}`, `\\tanh(${k} p) = 1`],
];

export const precisionClaim: fc.Arbitrary<PrecisionClaim> = fc
  .tuple(
    fc.integer({ min: 0, max: PRECISION_FAMILIES.length - 1 }),
    fc.integer({ min: 1, max: 300 }),
    fc.integer({ min: 1, max: 200 }),
    fc.integer({ min: 17, max: 60 }),
    fc.boolean(),
  )
  .map(([f, k, n, d, truth]) => ({ math: PRECISION_FAMILIES[f](k, n, d)[truth ? 0 : 1], truth }));

/** What an unchecked verdict must name when precision kept it from a verdict. */
const PRECISION_REASON = /precision|digits|exponent|lost|overflow|underflow|singular|over budget/;

export function checkPrecision(c: PrecisionClaim): void {
  const text = '<!-- derive: p \\in \\mathbb{R}_{>0}; q \\in \\mathbb{R}_{>0} -->\n\n' + `$$${c.math}$$\n`;
  const r = checkText(text, 'markdown', { trials: 8 });
  assert.equal(r.claims.length, 1, `one claim in ${c.math}`);
  const { verdict, message } = r.claims[0];
  const what = `${c.truth ? 'true' : 'false'} claim ${c.math}: ${message}`;
  if (c.truth) assert.notEqual(verdict, 'refuted', what);
  else assert.notEqual(verdict, 'verified', what);
  if (verdict === 'unchecked') assert.match(message, PRECISION_REASON, what);
}
