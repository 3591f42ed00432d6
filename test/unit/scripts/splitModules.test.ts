// The module-splitting codemod (scripts/split-modules.mjs) on a toy reader: planned methods become
// functions of the instance in their modules, a call across modules goes through a forwarding member,
// code the plan does not name stays or falls back without a cycle, and the result typechecks and
// reads the same as the original.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
// @ts-expect-error -- a plain .mjs script without type declarations
import { splitModules } from '../../../scripts/split-modules.mjs';

const TOY = `// A toy reader of words.
import { upper } from './dep';

export interface Options {
  loud?: boolean;
}

const LIMIT = 3;

export function read(text: string, options: Options = {}): string[] {
  return new Reader(text.split(''), options).all();
}

export function giveUp(why: string) {
  const base = { trials: 0 };
  return [
    { ...base, verdict: 'unchecked', code: 'unchecked', message: \`unchecked: \${why}\` },
    { verdict: 'unchecked', code: 'unchecked', message: why, trials: 1 },
    { verdict: 'refuted', code: 'unchecked', message: why },
  ];
}

function isSpace(c: string): boolean {
  return c === ' ';
}

function shout(s: string): string {
  return upper(s);
}

class Reader {
  private i = 0;

  constructor(
    private readonly chars: string[],
    private readonly options: Options,
  ) {}

  all(): string[] {
    const out: string[] = [];
    while (this.i < this.chars.length && out.length < this.limit()) out.push(this.word());
    return out;
  }

  /** One word, after the spaces before it. */
  private word(): string {
    this.skipSpaces();
    let w = '';
    while (this.i < this.chars.length && !isSpace(this.chars[this.i])) w += this.chars[this.i++];
    return this.options.loud ? shout(w) : w;
  }

  private skipSpaces(): void {
    while (isSpace(this.chars[this.i] ?? '')) this.i++;
  }

  /** The same reading of other characters. */
  private again(chars: string[]): string[] {
    return new Reader(chars, this.options).all();
  }

  private limit(): number {
    return LIMIT + this.again([]).length;
  }
}
`;

const PLAN = {
  file: 'src/toy.ts',
  className: 'Reader',
  self: ['p'],
  fallback: 'src/toy/shared.ts',
  keep: ['giveUp'],
  constructors: [
    {
      name: 'uncheckedOutcome',
      module: 'src/toy/verdicts.ts',
      fixed: { verdict: 'unchecked', code: 'unchecked' },
      argument: 'message',
      source: [
        'export function uncheckedOutcome<T extends object>(message: string, fields?: T) {',
        "  return { ...(fields as T), verdict: 'unchecked' as const, code: 'unchecked' as const, message };",
        '}',
        '',
      ].join('\n'),
    },
  ],
  modules: {
    'src/toy/chars.ts': { about: 'What a character is.', declarations: ['isSpace'] },
    'src/toy/words.ts': { about: 'Words.', members: ['word', 'again'] },
    'src/toy/spaces.ts': { about: 'Spaces.', members: ['skipSpaces'] },
  },
};

function toyTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'split-modules-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/toy.ts'), TOY);
  writeFileSync(join(root, 'src/dep.ts'), 'export const upper = (s: string) => s.toUpperCase();\n');
  return root;
}

function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

test('planned methods become functions of the instance in their modules, no run-time cycle', async () => {
  const root = toyTree();
  const original = await import(join(root, 'src/toy.ts'));
  const before = [original.read('ab cd ef gh'), original.read('ab cd', { loud: true }), original.giveUp('x')];
  const warnings: string[] = [];
  const written = splitModules(root, [PLAN], { format: false, log: (w: string) => warnings.push(w) });
  const text = (f: string) => readFileSync(join(root, f), 'utf8');

  assert.deepEqual([...written.keys()].map((f) => f.slice(root.length + 1)).sort(), [
    'src/toy.ts',
    'src/toy/chars.ts',
    'src/toy/shared.ts',
    'src/toy/spaces.ts',
    'src/toy/verdicts.ts',
    'src/toy/words.ts',
  ]);
  // Outcome literals become the named constructor; one with another verdict stays a literal.
  const toy = text('src/toy.ts');
  assert.match(toy, /uncheckedOutcome\(`unchecked: \$\{why\}`, base\)/);
  assert.match(toy, /uncheckedOutcome\(why, \{ trials: 1 \}\)/);
  assert.match(toy, /\{ verdict: 'refuted', code: 'unchecked', message: why \}/);
  assert.match(toy, /import \{ uncheckedOutcome \} from '\.\/toy\/verdicts';/);
  // The class calls the moved method directly, the instance first.
  assert.match(text('src/toy.ts'), /out\.push\(word\(this\)\)/);
  // A moved method's module knows the class only as a type, and constructs it through the instance.
  const words = text('src/toy/words.ts');
  assert.match(words, /^\/\/ Words\.\n/);
  assert.match(words, /\nimport type \{ Reader \} from '\.\.\/toy';\n/);
  assert.match(
    words,
    /\/\*\* One word, after the spaces before it\. \*\/\nexport function word\(p: Reader\): string/,
  );
  assert.match(words, /p\.create\(chars, p\.options\)\.all\(\)/);
  // A call into another function module goes through the forwarding member.
  assert.match(words, /p\.skipSpaces\(\);/);
  assert.match(text('src/toy.ts'), /skipSpaces\(\): void \{\s*return skipSpaces\(this\);\s*\}/);
  // What the functions read is no longer private; what they do not read keeps its modifier.
  assert.match(text('src/toy.ts'), /\n {2}i = 0;/);
  assert.match(text('src/toy.ts'), /readonly chars: string\[\]/);
  assert.match(text('src/toy.ts'), /private limit\(\): number/);
  // Unplanned: `limit` stays in the class; `shout`, read by a moved method, falls back to its module.
  assert.ok(warnings.some((w) => /Reader\.limit is not in the plan/.test(w)));
  assert.ok(warnings.some((w) => /shout goes to src\/toy\/shared\.ts/.test(w)));
  assert.match(text('src/toy/shared.ts'), /import \{ upper \} from '\.\.\/dep';\n\nexport function shout/);

  assert.deepEqual(typeErrors([...written.keys()]), []);
  const split = await import(`${join(root, 'src/toy.ts')}?split`);
  assert.deepEqual(
    [split.read('ab cd ef gh'), split.read('ab cd', { loud: true }), split.giveUp('x')],
    before,
  );
});

test('a tree already split is left as it is', () => {
  const root = toyTree();
  splitModules(root, [PLAN], { format: false, log: () => {} });
  const before = readFileSync(join(root, 'src/toy.ts'), 'utf8');
  const warnings: string[] = [];
  const again = splitModules(root, [PLAN], { format: false, log: (w: string) => warnings.push(w) });
  assert.equal(again.size, 0);
  assert.equal(readFileSync(join(root, 'src/toy.ts'), 'utf8'), before);
  assert.ok(warnings.some((w) => /already split/.test(w)));
});

test('a plan that would make an import cycle stops and names it, writing nothing', () => {
  const root = toyTree();
  // `read` constructs the class at run time, so it cannot leave the class's module.
  const plan = {
    ...PLAN,
    modules: { ...PLAN.modules, 'src/toy/entry.ts': { about: 'x', declarations: ['read'] } },
  };
  assert.throws(() => splitModules(root, [plan], { format: false, log: () => {} }), /import cycle: src\/toy/);
  assert.equal(readFileSync(join(root, 'src/toy.ts'), 'utf8'), TOY);
});

// Mutually recursive functions (an evaluator whose sums hold any expression): split by a plan with
// `dispatch`, a call into a registering module from another goes through the table.
const RECURSIVE = `// A toy evaluator.
export type Term = { kind: 'num'; value: number } | { kind: 'sum'; items: Term[] } | { kind: 'neg'; of: Term };

export const SCALE = 2;

export function evaluate(n: Term): number {
  switch (n.kind) {
    case 'num':
      return n.value * SCALE;
    case 'sum':
      return evalSum(n);
    case 'neg':
      return evalNeg(n);
  }
}

// ---- sums ----------------------------------------------------------------------------------

/** The items added. */
function evalSum(n: Extract<Term, { kind: 'sum' }>): number {
  return n.items.reduce((total, x) => total + twice(x), 0) / 2;
}

function evalNeg(n: Extract<Term, { kind: 'neg' }>): number {
  return -evaluate(n.of) + emptySum();
}

function emptySum(): number {
  const pick = { evalSum };
  return pick.evalSum({ kind: 'sum', items: [] });
}

function twice(x: Term): number {
  return 2 * evaluate(x);
}
`;

const TABLE = `export interface Compilers {}
export const compilers = {} as Compilers;
export function registerCompilers(functions: Partial<Compilers>): void {
  Object.assign(compilers, functions);
}
`;

const RECURSIVE_PLAN = {
  file: 'src/calc.ts',
  about: 'The entry point.',
  fallback: 'src/calc/other.ts',
  unplacedToFallback: true,
  dispatch: {
    table: 'src/calc/table.ts',
    object: 'compilers',
    register: 'registerCompilers',
    type: 'Compilers',
  },
  modules: {
    'src/calc/core.ts': { about: 'The dispatcher.', declarations: ['Term', 'SCALE', 'evaluate'] },
    'src/calc/sums.ts': { about: 'Sums.', registers: true, declarations: ['evalSum'] },
    'src/calc/negation.ts': { about: 'Negation.', registers: true, declarations: ['evalNeg', 'emptySum'] },
    'src/calc/other.ts': { about: 'Not placed yet.', registers: true, declarations: [] },
  },
};

function recursiveTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'split-dispatch-'));
  mkdirSync(join(root, 'src/calc'), { recursive: true });
  writeFileSync(join(root, 'src/calc.ts'), RECURSIVE);
  writeFileSync(join(root, 'src/calc/table.ts'), TABLE);
  return root;
}

const TERM = {
  kind: 'sum',
  items: [
    { kind: 'num', value: 3 },
    { kind: 'neg', of: { kind: 'num', value: 1 } },
  ],
};

test('mutually recursive functions split through the dispatch table, imports one way', async () => {
  const root = recursiveTree();
  const before = (await import(join(root, 'src/calc.ts'))).evaluate(TERM);
  const warnings: string[] = [];
  const written = splitModules(root, [RECURSIVE_PLAN], {
    format: false,
    log: (w: string) => warnings.push(w),
  });
  const text = (f: string) => readFileSync(join(root, f), 'utf8');
  assert.deepEqual([...written.keys()].map((f) => f.slice(root.length + 1)).sort(), [
    'src/calc.ts',
    'src/calc/core.ts',
    'src/calc/negation.ts',
    'src/calc/other.ts',
    'src/calc/sums.ts',
  ]);
  // The core reaches the notation modules through the table only; they import the core.
  const core = text('src/calc/core.ts');
  assert.match(core, /return compilers\.evalSum\(n\);/);
  assert.match(core, /return compilers\.evalNeg\(n\);/);
  assert.doesNotMatch(core, /from '\.\/(sums|negation|other)'/);
  assert.match(text('src/calc/sums.ts'), /import \{ compilers, registerCompilers \} from '\.\/table';/);
  // Within a module a call stays direct; across modules, a shorthand property too goes through the table.
  const negation = text('src/calc/negation.ts');
  assert.match(negation, /-evaluate\(n\.of\) \+ emptySum\(\)/);
  assert.match(negation, /const pick = \{ evalSum: compilers\.evalSum \};/);
  assert.match(negation, /import \{ evaluate, type Term \} from '\.\/core';/);
  // Each registering module declares its functions to the table's type and registers them at its end.
  assert.match(
    negation,
    /declare module '\.\/table' \{\n {2}interface Compilers \{\n {4}evalNeg: typeof evalNeg;\n {2}\}\n\}\n\nregisterCompilers\(\{ evalNeg \}\);\n$/,
  );
  // Unplanned, `twice` goes to the fallback module, which registers it; the section banner stays behind.
  assert.ok(warnings.some((w) => /twice is not in the plan; it goes to src\/calc\/other\.ts/.test(w)));
  assert.match(text('src/calc/sums.ts'), /compilers\.twice\(x\)/);
  assert.match(text('src/calc/other.ts'), /registerCompilers\(\{ twice \}\);/);
  assert.doesNotMatch(text('src/calc/sums.ts'), /---- sums/);
  assert.match(text('src/calc/sums.ts'), /\/\*\* The items added\. \*\/\nfunction evalSum/);
  // The facade loads every registering module and keeps the file's exports.
  const facade = text('src/calc.ts');
  for (const m of ['negation', 'other', 'sums']) assert.match(facade, new RegExp(`import '\\./calc/${m}';`));
  assert.match(facade, /export \{ SCALE, evaluate, type Term \} from '\.\/calc\/core';/);

  assert.deepEqual(typeErrors([...written.keys(), join(root, 'src/calc/table.ts')]), []);
  const split = await import(`${join(root, 'src/calc.ts')}?split`);
  assert.equal(split.evaluate(TERM), before);
});

test('a dispatch table named like a declaration of the file stops the split', () => {
  const root = recursiveTree();
  const plan = { ...RECURSIVE_PLAN, dispatch: { ...RECURSIVE_PLAN.dispatch, object: 'twice' } };
  assert.throws(() => splitModules(root, [plan], { format: false, log: () => {} }), /twice is the dispatch/);
  assert.equal(readFileSync(join(root, 'src/calc.ts'), 'utf8'), RECURSIVE);
});
