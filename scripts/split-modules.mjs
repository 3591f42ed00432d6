// Splits the long source files into modules of one concern each, from a declarative plan, with the
// TypeScript compiler: every top-level declaration and every method of the file's class that the plan
// names moves to its module; imports and exports are computed, never written by hand. Re-runnable on a
// tree where others added or changed code: whatever the plan does not name stays where it was (the
// file's own module, or its class), with a printed warning, so a merge never blocks on the plan.
//
// How a method leaves its class without an import cycle: it becomes a function of the instance,
// `tryDerivative(p: Parser, t: Token)`, `this` read as `p`. The class's module imports the function
// modules and calls them directly (`this.tryDerivative(t)` → `tryDerivative(this, t)`); a function
// module never imports the class at run time (only its type), so a call from one function module
// into another goes through the instance (`p.parseNorm()`), and the class keeps a one-line member
// that forwards to the function — also kept for public members and for references that are not
// calls. Code outside the class that constructs it (`new Parser(…)`) calls the generated `create`
// member instead. Members the moved code reads lose `private` (the functions are the class's own
// code, in other files). Exports the file had stay available from it (re-exported), so no importer
// changes.
//
// Mutually recursive top-level functions (check/evaluate.ts's compile functions) split with a plan's
// `dispatch`: a function of a registering module read from another module is read through a
// hand-written table that each registering module fills, so imports point one way (see
// dispatchAcrossModules).
//
// Usage: node scripts/split-modules.mjs   (then `npm run typecheck && npm run lint`)
import ts from 'typescript';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The plan: per source file, its class (whose unnamed members stay in it), the name a moved method
 * calls the instance, and the new modules, each with a one-line description, the top-level
 * declarations (`declarations`) and class methods (`members`) it receives. `fallback` is where a
 * top-level declaration nobody placed goes if leaving it in the class's module would make a cycle.
 */
export const PLANS = [
  {
    file: 'server/src/math/parser.ts',
    about:
      'The entry point (parseMath) and the grammar core, the class Parser: the token cursor, the ' +
      'loop over statements with its recovery, and the precedence chain from expressions down to atoms.',
    className: 'Parser',
    self: ['p', 'parser'],
    fallback: 'server/src/math/parser/shared.ts',
    /** The grammar's core: the token cursor, statements' loop, and the precedence chain. */
    keep: [
      'ParseOptions',
      'parseMath',
      'atEnd',
      'at',
      'next',
      'expect',
      'problem',
      'parseAll',
      'recover',
      'parseExpr',
      'parseSum',
      'parseSignedTerm',
      'signedOperand',
      'parseValue',
      'endsExpression',
      'parseTerm',
      'parseTightTerm',
      'parseModulo',
      'parseOperand',
      'parseFactor',
      'parsePostfix',
      'parseAtom',
      'subParse',
      'rawGroup',
      'skipRawGroup',
      'sourceBetween',
    ],
    modules: {
      'server/src/math/parser/parseError.ts': {
        about:
          'The error a reading throws inside the parser; parseAll turns it into a problem with its range.',
        declarations: ['ParseError'],
      },
      'server/src/math/parser/tokenSets.ts': {
        about:
          'The token classes the grammar tests against: relation symbols, product operators, brackets, ' +
          'dots, distribution and expectation words, placeholders, and the nesting limit.',
        declarations: [
          'RELATION_SYMBOLS',
          'PRODUCT_OPS',
          'LOOSE_PRODUCT_OPS',
          'OPENERS',
          'CLOSERS',
          'DOTS',
          'DISTRIBUTIONS',
          'LONGEST_WORD',
          'MAX_DEPTH',
          'PLACEHOLDERS',
          'QUANTIFIER',
          'EXPECT_WORDS',
        ],
      },
      'server/src/math/parser/nodes.ts': {
        about:
          'Small constructors of tree nodes shared by the grammar and its forms: ranges, symbols, ' +
          'subscripts.',
        declarations: [
          'span',
          'makeSym',
          'renameSym',
          'withSubscript',
          'flattenJuxtLetters',
          'bracketIndexed',
        ],
      },
      'server/src/math/parser/prepare.ts': {
        about:
          'Token preparation before the grammar reads: environments written as arrays, thousands joined, ' +
          'doubled bars, and the brace groups skipped or read as text.',
        declarations: [
          'prepare',
          'INTERTEXT',
          'joinThousands',
          'doubledBars',
          'skipGroup',
          'groupText',
          'envName',
          'bracketedArray',
        ],
      },
      'server/src/math/parser/statements.ts': {
        about:
          'Rows and statements: equation tags, relations and their chains, separators, qualifiers, and how ' +
          'the pieces of a row become statements.',
        declarations: ['isConnective', 'isListContinuation'],
        members: [
          'leadingTag',
          'isRowEnd',
          'relationAt',
          'colonIsSignature',
          'takeRelation',
          'isSeparator',
          'parseRow',
          'skipQualifier',
          'readTag',
          'piecesToStatements',
          'runTogether',
        ],
      },
      'server/src/math/parser/scripts.ts': {
        about:
          'Superscripts and subscripts: exponents, primes and labels, script arguments, index items ' +
          'and ranges.',
        declarations: ['isLabelText', 'joinTokens'],
        members: ['applySuperscript', 'signedExponent', 'scriptRaw', 'parseScriptArg', 'parseIndexItem'],
      },
      'server/src/math/parser/letters.ts': {
        about: 'Letters and symbols: runs of letters split into names, and the symbol atoms.',
        members: ['parseLetters', 'parseSymbolAtom'],
      },
      'server/src/math/parser/calls.ts': {
        about:
          'Function application: arguments in parentheses with their conditions, bare arguments, and ' +
          'when a name followed by a bracket is a call.',
        members: ['parseParenArgs', 'conditionsAt', 'maybeApply', 'finishCall', 'continuesBareArgument'],
      },
      'server/src/math/parser/commands.ts': {
        about:
          'Backslash commands: groups and arguments, fractions, fonts, blackboard letters and word commands.',
        declarations: ['unknownCommand'],
        members: [
          'parseGroup',
          'parseCommand',
          'parseArg',
          'parseArgAtom',
          'parseFrac',
          'parseFont',
          'parseBlackboard',
          'parseWordCommand',
          'wordAtom',
        ],
      },
      'server/src/math/parser/bars.ts': {
        about: 'Bars and norms: |…| and ‖…‖, and a bar that closes nothing.',
        members: ['parseNorm', 'unpairedBar'],
      },
      'server/src/math/parser/derivatives.ts': {
        about: 'Derivatives: Leibniz fractions (mixed partials included), slash derivatives and ∇.',
        declarations: ['differentialStarts', 'mixedPartials'],
        members: ['tryDerivative', 'parseSlashDerivative', 'parseNabla'],
      },
      'server/src/math/parser/bigOperators.ts': {
        about: 'Sums, products and integrals: their bounds, their index and where their body ends.',
        declarations: ['readBigOpIndex', 'usesIndex', 'mentions', 'indexLetters'],
        members: ['parseBigOp', 'parseIntegral'],
      },
      'server/src/math/parser/expectation.ts': {
        about: 'Expectations, variances and probabilities: E[…], Var(…), and when a letter starts one.',
        members: ['parseExpectation', 'expectationFollows'],
      },
      'server/src/math/parser/environments.ts': {
        about: 'Environments: \\begin…\\end, matrices, cases and the conditions of a case.',
        declarations: ['rowEnd'],
        members: ['parseEnvironment', 'parseEnd', 'parseMatrix', 'parseCases', 'parseCondition'],
      },
    },
  },
  {
    file: 'server/src/check/claim.ts',
    about:
      'The entry point (checkClaim): a claim tried under each reading of its notation, decided ' +
      'exactly or by trials, and the class Runner that runs the trials.',
    className: 'Runner',
    self: ['r', 'runner'],
    fallback: 'server/src/check/claim/shared.ts',
    constructors: [
      {
        name: 'uncheckedOutcome',
        module: 'server/src/check/claim/outcomes.ts',
        fixed: { verdict: 'unchecked', code: 'unchecked' },
        argument: 'message',
        source: [
          '// Outcomes named for their verdict: a claim left unchecked is written once, here, with the',
          '// message that says why and what the author can do.',
          '',
          "type Unchecked = { verdict: 'unchecked'; code: 'unchecked'; message: string };",
          '',
          '/** `fields` (trials, details, the sample…) as an unchecked outcome with this message. */',
          'export function uncheckedOutcome<T extends object = Record<never, never>>(',
          '  message: string,',
          '  fields?: T,',
          '): Omit<T, keyof Unchecked> & Unchecked {',
          "  return { ...(fields as T), verdict: 'unchecked', code: 'unchecked', message };",
          '}',
          '',
        ].join('\n'),
      },
    ],
    keep: [
      'ClaimOptions',
      'Outcome',
      'checkClaim',
      'underSecondReading',
      'withIntermediatesHeld',
      'attempt',
      'attemptOnce',
      'decide',
      'run',
    ],
    modules: {
      'server/src/check/claim/readings.ts': {
        about:
          'Notation with two standard readings (|A| of a square matrix, softmax of a matrix): how to ' +
          'switch between them and what the verdict says about each.',
        declarations: ['SecondReading', 'DETERMINANT_BARS', 'SOFTMAX_ROWS'],
      },
      'server/src/check/claim/intermediates.ts': {
        about: 'A claim checked again with its intermediate definitions held fixed.',
        declarations: ['heldDefinitions'],
      },
      'server/src/check/claim/failures.ts': {
        about:
          'A claim that could not be evaluated: the error it raised, as an unchecked outcome that names ' +
          'the place and what the author can do.',
        declarations: ['usesStar', 'unknownOperators', 'failure'],
      },
      'server/src/check/claim/generic.ts': {
        about: 'Claims on generic objects, and the names and snippets messages quote.',
        declarations: ['generically', 'isOutOfBudget', 'snippet', 'displayName', 'RELATION_TEXT'],
      },
      'server/src/check/claim/exactly.ts': {
        about: 'Claims between numbers decided exactly, in rational arithmetic, before any trial.',
        declarations: ['decideExactly'],
      },
      'server/src/check/claim/results.ts': {
        about: 'What a trial gives: both sides, their high-precision values and the undefined ones.',
        declarations: ['TrialResult', 'HighPrecision', 'HighPrecisionOutcome', 'SideValues', 'Undefined'],
      },
      'server/src/check/claim/rounding.ts': {
        about: 'Decimals written in the claim: the rounding they state, and whether the other side fits it.',
        declarations: [
          'Literal',
          'MAX_ROUNDED_ENTRIES',
          'decimalLiterals',
          'roundedResults',
          'roundedResult',
        ],
        members: ['decimalFits', 'fitsWithinRounding'],
      },
      'server/src/check/claim/precision.ts': {
        about:
          'High precision: a close call evaluated again with more digits, and the notes on estimated ' +
          'values (quadrature, Monte Carlo) with their tolerance.',
        declarations: [
          'ESTIMATE_SAFETY',
          'METHOD_NAMES',
          'estimateNotes',
          'DEFAULT_TOLERANCE',
          'Decimal_max',
        ],
        members: ['highPrecision', 'highPrecisionTolerance'],
      },
      'server/src/check/claim/trials.ts': {
        about:
          'One trial: both sides evaluated at a sample (over the indices of an index claim), classified, ' +
          'and the sample a hover shows.',
        members: ['classify', 'evaluateOverIndices', 'withHoverSample', 'recordAt'],
      },
      'server/src/check/claim/judge.ts': {
        about: 'The verdict from the trials: verified, refuted with a counterexample, or unchecked with why.',
        declarations: [
          'MONTE_CARLO_TRIALS',
          'SHRINK_ADVICE',
          'HINT_WORK_BUDGET',
          'MIN_VERIFYING_TRIALS',
          'monteCarloMargin',
        ],
        members: ['judge', 'otherReading'],
      },
      'server/src/check/claim/messages.ts': {
        about:
          'The counterexample as text: the sample, the inputs the claim reads, the values of both sides.',
        members: ['undefinedCounterexample', 'whereText', 'sampleLines', 'ownInputs', 'valueLines'],
      },
      'server/src/check/claim/compare.ts': {
        about: 'Both sides compared at one sample: equality within tolerance, orders, the Loewner order.',
        members: ['compare', 'loewner'],
      },
      'server/src/check/claim/values.ts': {
        about: 'Small readings of values and trees used by the verdict: samples, finiteness, shapes, names.',
        declarations: [
          'samplesOf',
          'zeros',
          'finite',
          'namesIn',
          'onlyNumbers',
          'isNumericLiteralNode',
          'isOrder',
          'inputSize',
          'percent',
          'normalizeShape',
          'sameShape',
          'triedHigher',
          'NOT_EVALUABLE',
          'largestDifference',
        ],
      },
    },
  },
  {
    file: 'server/src/check/evaluate.ts',
    about:
      'The entry point of compilation (compile, newCompileEnv and the readings): it loads the notation ' +
      'modules, which compile each notation in one place and call one another through a table.',
    fallback: 'server/src/check/compile/unplaced.ts',
    unplacedToFallback: true,
    dispatch: {
      table: 'server/src/check/compile/table.ts',
      object: 'compilers',
      register: 'registerCompilers',
      type: 'Compilers',
    },
    keep: [],
    modules: {
      'server/src/check/compile/context.ts': {
        about:
          'What compiling one claim carries: the compiled function type, the names bound and the index ' +
          'scopes, the step limit, and the definitions already built, shared by every use.',
        declarations: [
          'Fn',
          'IndexSource',
          'IndexScope',
          'CompileEnv',
          'COMPILE_STEP_LIMIT',
          'newCompileEnv',
          'sharedBuild',
          'lookupWithScope',
          'findScope',
          'openFreeIndex',
        ],
      },
      'server/src/check/compile/readings.ts': {
        about:
          'The reading an ambiguous notation gets in the current check, and the held reading: how deep ' +
          'definitions are evaluated inside one another, and below which depth they lose their tangents.',
        declarations: ['readings', 'definitionDepth', 'holdBelow', 'nested', 'holdingDefinitionsBelow'],
      },
      'server/src/check/compile/core.ts': {
        about:
          'The dispatcher over node kinds (compile) and the notation that needs no module of its own: ' +
          'numbers, arithmetic, powers and roots, groups and vectors, bars, norms, matrices, comparisons.',
        declarations: [
          'SQRT',
          'CEIL',
          'DET',
          'isSquareMatrix',
          'builtinFunction',
          'compile',
          'compileNode',
          'compileBinary',
          'compileInnerProduct',
          'ELIDED_HINT',
        ],
      },
      'server/src/check/compile/indexing.ts': {
        about:
          'Indexing in brackets, x[i] and W[i, I], and the products that contract a named axis; when a ' +
          'bracket is an index and when a product.',
        registers: true,
        declarations: [
          'axisIndex',
          'isValueName',
          'isIndexLike',
          'hasDots',
          'isDeclaredScalar',
          'compileBracket',
          'compileContraction',
        ],
      },
      'server/src/check/compile/elided.ts': {
        about:
          'Elided patterns: x_1 + \\dots + x_n as the sum it abbreviates, (x_1, \\ldots, x_n) as a vector.',
        registers: true,
        declarations: ['elidedSum', 'compileElidedGroup', 'compileElidedSum'],
      },
      'server/src/check/compile/names.ts': {
        about:
          'Names: locals, declarations, definitions (elementwise and indexed families), random ' +
          'variables and their laws, built-in symbols, and free indices.',
        registers: true,
        declarations: [
          'compileSym',
          'singleIndex',
          'builtinSymbol',
          'compileEntry',
          'compilePatternValue',
          'memberName',
          'DistFns',
          'distributionFns',
          'compileFamilyMember',
          'compileIndex',
          'collectLetters',
          'compileElementwiseDef',
        ],
      },
      'server/src/check/compile/functions.ts': {
        about:
          'Function application: calls of the registry and of defined functions, inverse functions, ' +
          'max and min over an index, and what makes a name a function.',
        registers: true,
        declarations: [
          'INVERSE_FUNCTION',
          'isMinusOne',
          'compileCall',
          'compileReduction',
          'isFunctionName',
          'callFirst',
          'compileApply',
          'compileSymbolFunction',
        ],
      },
      'server/src/check/compile/derivatives.ts': {
        about:
          'Derivatives: Leibniz and partial derivatives, at a point, of a definition with its ' +
          "intermediates held, and primes (f'(x)).",
        registers: true,
        declarations: [
          'compilePrime',
          'compileDeriv',
          'definitionUsesDirectly',
          'functionAtItsParameters',
          'compileDerivativeAt',
        ],
      },
      'server/src/check/compile/sums.ts': {
        about: 'Sums and products over an index (\\sum, \\prod), their bounds and index sets.',
        registers: true,
        declarations: ['compileBigOp'],
      },
      'server/src/check/compile/cases.ts': {
        about: 'Cases and conditions: a value by cases, and the condition each case states.',
        registers: true,
        declarations: ['compileCases', 'compileCondition'],
      },
      'server/src/check/compile/expectation.ts': {
        about:
          'Expectations and probabilities: E over the random variables a subscript names, and P(…) of ' +
          'an event read from the laws of the variables.',
        registers: true,
        declarations: [
          'compileExpectation',
          'Distribution',
          'subscriptVariables',
          'probabilityReading',
          'lawOf',
          'readDist',
          'randomNamesIn',
        ],
      },
      'server/src/check/compile/unplaced.ts': {
        about:
          'Declarations of check/evaluate.ts that the plan of scripts/split-modules.mjs does not place ' +
          'yet (written only when there are some): add them to the plan.',
        registers: true,
        declarations: [],
      },
    },
  },
];

const LINE = 100;

function wrapComment(text) {
  const words = text.split(/\s+/);
  const lines = [];
  let line = '//';
  for (const w of words) {
    if (line.length + 1 + w.length > LINE && line !== '//') {
      lines.push(line);
      line = '//';
    }
    line += ` ${w}`;
  }
  lines.push(line);
  return lines.join('\n');
}

const withoutExtension = (p) => p.replace(/\.ts$/, '');

function importPath(fromFile, toFile) {
  let r = withoutExtension(relative(dirname(fromFile), toFile));
  if (!r.startsWith('.')) r = `./${r}`;
  return r;
}

/** Whether an identifier stands in a type (erased at run time). */
function inTypePosition(node) {
  for (let n = node; n.parent; n = n.parent) {
    const parent = n.parent;
    if (ts.isExpressionWithTypeArguments(parent) && ts.isHeritageClause(parent.parent))
      return parent.parent.token === ts.SyntaxKind.ImplementsKeyword;
    if (ts.isTypeNode(n) && !ts.isExpressionWithTypeArguments(n)) return true;
    if (ts.isInterfaceDeclaration(parent) || ts.isTypeAliasDeclaration(parent)) return true;
    if (ts.isStatement(parent) || ts.isClassElement(parent)) return false;
  }
  return false;
}

function namesOf(statement) {
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((d) =>
      ts.isIdentifier(d.name) ? [d.name.text] : [],
    );
  if (statement.name && ts.isIdentifier(statement.name)) return [statement.name.text];
  return [];
}

const isExported = (s) => Boolean(ts.getCombinedModifierFlags(s) & ts.ModifierFlags.Export);
const isTypeDeclaration = (s) => ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s);

/** Text of [start, end) with edits applied; edits are {start, end, text}, insertions before replacements. */
function applyEdits(source, start, end, edits) {
  const inside = edits
    .filter((e) => e.start >= start && e.end <= end)
    .sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start) || a.order - b.order);
  let out = '';
  let at = start;
  for (const e of inside) {
    if (e.start < at) continue; // covered by an earlier replacement
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at, end);
}

/** Leading comments of a node (its doc), without the blank lines before them. */
function leadingComments(text, node) {
  // A section banner (`// ---- names ----`) divided the file it was in; it does not travel.
  const trivia = text
    .slice(node.getFullStart(), node.getStart())
    .replace(/^[ \t]*\/\/ -{4}.*-{4}[ \t]*$/gm, '');
  const first = trivia.search(/\/[/*]/);
  return first < 0 ? '' : trivia.slice(first).trimEnd();
}

/**
 * Runs the plans under `root`. Returns the files written. `format` runs biome on them; `log` receives
 * the warnings (members and declarations the plan does not name).
 */
export function splitModules(root, plans, { format = true, log = console.warn, write = true } = {}) {
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const sourcesPaths = plans.map((p) => join(root, p.file));
  const program = ts.createProgram(sourcesPaths, options);
  const checker = program.getTypeChecker();
  const outputs = new Map(); // absolute path → text
  for (const plan of plans) {
    const file = join(root, plan.file);
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${plan.file}: not found`);
    const split = splitOne(root, plan, source, checker, log);
    for (const [path, text] of withConstructors(root, plan, split)) outputs.set(path, text);
  }
  if (!write) return outputs;
  for (const [path, text] of outputs) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  if (format && outputs.size > 0) {
    const biome = join(root, 'node_modules/.bin/biome');
    execFileSync(
      existsSync(biome) ? biome : 'npx',
      [...(existsSync(biome) ? [] : ['biome']), 'format', '--write', ...outputs.keys()],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  }
  return outputs;
}

function splitOne(root, plan, source, checker, log) {
  const text = source.text;
  const origin = join(root, plan.file);
  const classDecl = source.statements.find(
    (s) => ts.isClassDeclaration(s) && s.name?.text === plan.className,
  );
  if (plan.className && !classDecl) throw new Error(`${plan.file}: no class ${plan.className}`);
  const className = plan.className;

  // Where each named thing goes.
  const declarationModule = new Map();
  const memberModule = new Map();
  for (const [module, spec] of Object.entries(plan.modules)) {
    const path = join(root, module);
    for (const d of spec.declarations ?? []) declarationModule.set(d, path);
    for (const m of spec.members ?? []) memberModule.set(m, path);
  }

  // Top-level units: imports stay descriptors; everything else is placed.
  const imports = new Map(); // local name → {spec, imported ('default' | '*' | name)}
  const sideEffects = [];
  const units = [];
  let header = '';
  source.statements.forEach((s, index) => {
    if (index === 0) {
      const trivia = text.slice(s.getFullStart(), s.getStart());
      if (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) header = trivia.trim();
    }
    if (ts.isImportDeclaration(s)) {
      const spec = s.moduleSpecifier.text;
      const clause = s.importClause;
      if (!clause) {
        sideEffects.push(spec);
        return;
      }
      if (clause.name) imports.set(clause.name.text, { spec, imported: 'default' });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings))
        imports.set(bindings.name.text, { spec, imported: '*' });
      if (bindings && ts.isNamedImports(bindings))
        for (const e of bindings.elements)
          imports.set(e.name.text, { spec, imported: (e.propertyName ?? e.name).text });
      return;
    }
    const names = namesOf(s);
    let module = origin;
    const placed = names.find((n) => declarationModule.has(n));
    if (placed) module = declarationModule.get(placed);
    const kept = names.some((n) => plan.keep?.includes(n));
    if (!placed && !kept && names.length && s !== classDecl && plan.unplacedToFallback) {
      module = join(root, plan.fallback);
      log(`${plan.file}: ${names.join(', ')} is not in the plan; it goes to ${plan.fallback}`);
    } else if (!placed && !kept && names.length && s !== classDecl)
      log(`${plan.file}: ${names.join(', ')} is not in the plan; it stays in ${plan.file}`);
    units.push({ node: s, names, module, defaulted: !placed && !kept, exported: isExported(s) });
  });
  // Names the plan has and the file has not: said only when the file is not already split.
  const missing = [];
  for (const name of memberModule.keys()) {
    if (!classDecl?.members.some((m) => m.name?.getText(source) === name))
      missing.push(`${plan.file}: the plan names ${className}.${name}, which does not exist (skipped)`);
  }
  for (const name of declarationModule.keys())
    if (!units.some((u) => u.names.includes(name)))
      missing.push(`${plan.file}: the plan names ${name}, which does not exist (skipped)`);

  // Methods that move: name → {module, nodes (overloads + implementation), usesThis}.
  const moved = new Map();
  if (classDecl) {
    for (const m of classDecl.members) {
      const name = m.name && ts.isIdentifier(m.name) ? m.name.text : null;
      if (!name) continue;
      const target = memberModule.get(name);
      const isStatic = ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static;
      if (!target) {
        if (ts.isMethodDeclaration(m) && !isStatic && !plan.keep?.includes(name))
          log(`${plan.file}: ${className}.${name} is not in the plan; it stays in the class`);
        continue;
      }
      // A member named like an import is the forwarding member an earlier run left: it stays.
      if (imports.has(name)) continue;
      if (!ts.isMethodDeclaration(m) || isStatic) {
        log(`${plan.file}: ${className}.${name} is not an instance method; it stays in the class`);
        continue;
      }
      const entry = moved.get(name) ?? { name, module: target, nodes: [], usesThis: false, public: false };
      entry.nodes.push(m);
      entry.public ||= !(
        ts.getCombinedModifierFlags(m) &
        (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)
      );
      moved.set(name, entry);
    }
    for (const entry of moved.values())
      entry.usesThis = entry.nodes.some((n) => {
        let found = false;
        n.forEachChild(function visit(c) {
          if (c.kind === ts.SyntaxKind.ThisKeyword) found = true;
          else c.forEachChild(visit);
        });
        return found;
      });
  }
  // A tree already split has nothing the plan names left here: running again changes nothing.
  if (moved.size === 0 && !units.some((u) => u.names.some((n) => declarationModule.has(n)))) {
    log(`${plan.file}: nothing the plan names is left in it (already split); unchanged`);
    return new Map();
  }
  for (const warning of missing) log(warning);
  const topLevelNames = new Set([...units.flatMap((u) => u.names), ...imports.keys()]);
  for (const name of moved.keys())
    if (topLevelNames.has(name))
      throw new Error(
        `${plan.file}: ${className}.${name} would become a function with the name of a top-level ` +
          'declaration or import; rename one',
      );

  const memberOf = (symbol) => {
    const d = symbol?.declarations?.[0];
    if (!d || !classDecl) return null;
    const owner = ts.isParameter(d) ? d.parent.parent : d.parent;
    return owner === classDecl ? (d.name?.getText(source) ?? null) : null;
  };
  const topLevelOf = new Map();
  for (const u of units) for (const n of u.names) topLevelOf.set(n, u);

  // What each piece of code needs and how it is rewritten; run per unit or per moved method.
  const edits = [];
  let order = 0;
  const edit = (start, end, text) => edits.push({ start, end, text, order: order++ });
  const delegated = new Set([...moved.values()].filter((m) => m.public).map((m) => m.name));
  const unprivate = new Set();
  let needsCreate = false;

  /** Reads `root`'s code that will live in `module` (`self` names the instance in moved methods). */
  function scan(rootNode, module, self) {
    const needs = []; // {name, typeOnly, from: unit | import | moved}
    const visit = (node) => {
      if (node !== rootNode && movedNodes.has(node)) return;
      if (node.kind === ts.SyntaxKind.ThisKeyword && self) {
        edit(node.getStart(), node.end, self);
        return;
      }
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) {
        const member = memberOf(checker.getSymbolAtLocation(node.name));
        if (member !== null) {
          const target = moved.get(member);
          const call = node.parent;
          const isCallee =
            call && ts.isCallExpression(call) && call.expression === node && !call.questionDotToken;
          if (
            target &&
            isCallee &&
            !node.questionDotToken &&
            (target.module === module || module === origin)
          ) {
            const typeArgs = call.typeArguments
              ? `<${call.typeArguments.map((t) => t.getText(source)).join(', ')}>`
              : '';
            if (target.usesThis) {
              edit(node.expression.getStart(), node.expression.getStart(), `${member}${typeArgs}(`);
              edit(node.expression.end, call.arguments.pos, call.arguments.length ? ', ' : '');
              visit(node.expression);
            } else edit(node.expression.getStart(), call.arguments.pos, `${member}${typeArgs}(`);
            needs.push({ name: member, typeOnly: false, from: { moved: target } });
            for (const a of call.arguments) visit(a);
            return;
          }
          if (target) delegated.add(member);
          if (module !== origin) unprivate.add(member);
        }
      }
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === className
      ) {
        if (module !== origin && self) {
          needsCreate = true;
          edit(node.getStart(), node.expression.end, `${self}.create`);
          for (const a of node.arguments ?? []) visit(a);
          return;
        }
      }
      if (ts.isIdentifier(node)) {
        const parent = node.parent;
        const isName =
          (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
          (ts.isPropertyAssignment(parent) && parent.name === node) ||
          (ts.isQualifiedName(parent) && parent.right === node) ||
          ((ts.isMethodDeclaration(parent) ||
            ts.isPropertyDeclaration(parent) ||
            ts.isPropertySignature(parent) ||
            ts.isMethodSignature(parent) ||
            ts.isGetAccessor(parent) ||
            ts.isSetAccessor(parent)) &&
            parent.name === node);
        if (!isName) {
          const symbol = ts.isShorthandPropertyAssignment(parent)
            ? checker.getShorthandAssignmentValueSymbol(parent)
            : ts.isExportSpecifier(parent) && !parent.parent.parent.moduleSpecifier
              ? (parent.propertyName ?? parent.name) === node
                ? checker.getExportSpecifierLocalTargetSymbol(parent)
                : undefined
              : checker.getSymbolAtLocation(node);
          const declaration = symbol?.declarations?.[0];
          if (declaration) {
            const typeOnly = inTypePosition(node);
            if (
              ts.isImportSpecifier(declaration) ||
              ts.isImportClause(declaration) ||
              ts.isNamespaceImport(declaration)
            ) {
              if (declaration.getSourceFile() === source && imports.has(node.text))
                needs.push({ name: node.text, typeOnly, from: { import: imports.get(node.text) } });
            } else if (declaration.getSourceFile() === source) {
              const top = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
              const unit = top.parent === source ? units.find((u) => u.node === top) : undefined;
              if (unit?.names.includes(node.text) && unit.node !== rootNode)
                needs.push({ name: node.text, typeOnly, from: { unit }, node });
            }
          }
        }
      }
      node.forEachChild(visit);
    };
    visit(rootNode);
    return needs;
  }

  const movedNodes = new Set([...moved.values()].flatMap((m) => m.nodes));
  const selfName = (entry) => {
    const used = new Set();
    for (const n of entry.nodes)
      n.forEachChild(function visit(c) {
        if (ts.isIdentifier(c)) used.add(c.text);
        c.forEachChild(visit);
      });
    return (plan.self ?? ['p', 'self']).find((s) => !used.has(s)) ?? '_self';
  };

  // Moved methods → function texts.
  const functions = new Map(); // module → [{name, text, needs, position}]
  for (const entry of moved.values()) {
    const self = entry.usesThis ? selfName(entry) : null;
    const needs = [];
    const parts = [];
    for (const m of entry.nodes) {
      needs.push(...scan(m, entry.module, self));
      // Head: modifiers and `*` → `export function`, the instance first among the parameters.
      const async = m.modifiers?.some((x) => x.kind === ts.SyntaxKind.AsyncKeyword) ? 'async ' : '';
      const star = m.asteriskToken ? '*' : '';
      edit(m.getStart(), m.name.getStart(), `export ${async}function${star} `);
      if (self)
        edit(m.parameters.pos, m.parameters.pos, `${self}: ${className}${m.parameters.length ? ', ' : ''}`);
      const doc = leadingComments(text, m);
      parts.push(`${doc ? `${doc}\n` : ''}${applyEdits(text, m.getStart(), m.end, edits)}`);
    }
    if (self)
      needs.push({
        name: className,
        typeOnly: true,
        from: { unit: units.find((u) => u.node === classDecl) },
      });
    const list = functions.get(entry.module) ?? [];
    list.push({ name: entry.name, text: parts.join('\n'), needs, position: entry.nodes[0].getStart() });
    functions.set(entry.module, list);
  }

  // Top-level units → texts (the class rewritten), in their modules.
  const scanned = units.map((u) => ({ unit: u, needs: scan(u.node, u.module, null) }));

  // Defaulted declarations read at run time from a function module would make a cycle: fallback.
  const runtimeReaders = new Map();
  const noteReader = (module, need) => {
    if (need.typeOnly || !need.from.unit) return;
    const set = runtimeReaders.get(need.from.unit) ?? new Set();
    set.add(module);
    runtimeReaders.set(need.from.unit, set);
  };
  for (const [module, list] of functions)
    for (const f of list) for (const n of f.needs) noteReader(module, n);
  for (const { unit, needs } of scanned) for (const n of needs) noteReader(unit.module, n);
  let changed = true;
  while (changed) {
    changed = false;
    for (const u of units) {
      if (u.module !== origin || !u.defaulted || u.node === classDecl || !plan.fallback) continue;
      const readers = runtimeReaders.get(u);
      if ([...(readers ?? [])].some((m) => m !== origin)) {
        u.module = join(root, plan.fallback);
        log(`${plan.file}: ${u.names.join(', ')} goes to ${plan.fallback} (read by the split-off modules)`);
        for (const { unit, needs } of scanned) if (unit === u) for (const n of needs) noteReader(u.module, n);
        changed = true;
      }
    }
  }

  const registered = dispatchAcrossModules(root, plan, origin, units, scanned, edit);

  // The class: moved members out, delegates in, `private` off what the functions read.
  const classText = () => {
    const memberEdits = [];
    for (const m of classDecl.members) {
      const name = m.name && ts.isIdentifier(m.name) ? m.name.text : null;
      const entry = name ? moved.get(name) : null;
      const start = m.getFullStart();
      if (entry) {
        const implementation = entry.nodes.find((n) => n.body);
        if (m !== implementation && !m.body) {
          memberEdits.push({ start, end: m.end, text: '', order: order++ });
          continue;
        }
        let replacement = '';
        if (delegated.has(name)) {
          const params = m.parameters.map((p, i) => {
            const rest = p.dotDotDotToken ? '...' : '';
            const optional = p.questionToken || p.initializer ? '?' : '';
            const type = p.type
              ? p.type.getText(source)
              : `Parameters<typeof ${name}>[${entry.usesThis ? i + 1 : i}]`;
            return {
              declaration: `${rest}${p.name.getText(source)}${optional}: ${type}`,
              use: `${rest}${p.name.getText(source)}`,
            };
          });
          const typeParams = m.typeParameters
            ? `<${m.typeParameters.map((t) => t.getText(source)).join(', ')}>`
            : '';
          const typeArgs = m.typeParameters ? `<${m.typeParameters.map((t) => t.name.text).join(', ')}>` : '';
          const result = m.type ? `: ${m.type.getText(source)}` : '';
          const args = [...(entry.usesThis ? ['this'] : []), ...params.map((p) => p.use)].join(', ');
          const modifiers = (m.modifiers ?? [])
            .filter((x) => x.kind !== ts.SyntaxKind.AsyncKeyword && x.kind !== ts.SyntaxKind.PrivateKeyword)
            .map((x) => `${x.getText(source)} `)
            .join('');
          replacement = `\n\n  /** Forwards to ${name} (${importPath(origin, entry.module)}) for the modules that cannot import it. */\n  ${modifiers}${name}${typeParams}(${params
            .map((p) => p.declaration)
            .join(', ')})${result} {\n    return ${name}${typeArgs}(${args});\n  }`;
          for (const p of m.parameters) if (p.type) memberNeeds.push(...scan(p.type, origin, null));
          if (m.type) memberNeeds.push(...scan(m.type, origin, null));
          memberNeeds.push({ name, typeOnly: false, from: { moved: entry } });
        }
        memberEdits.push({ start, end: m.end, text: replacement, order: order++ });
        continue;
      }
      const privateModifier = (m.modifiers ?? []).find((x) => x.kind === ts.SyntaxKind.PrivateKeyword);
      if (name && privateModifier && unprivate.has(name))
        memberEdits.push({
          start: privateModifier.getStart(),
          end: privateModifier.end + 1,
          text: '',
          order: order++,
        });
      if (ts.isConstructorDeclaration(m))
        for (const p of m.parameters) {
          const pm = (p.modifiers ?? []).find((x) => x.kind === ts.SyntaxKind.PrivateKeyword);
          if (pm && unprivate.has(p.name.getText(source)))
            memberEdits.push({ start: pm.getStart(), end: pm.end + 1, text: '', order: order++ });
        }
    }
    if (needsCreate) {
      const ctor = classDecl.members.find(ts.isConstructorDeclaration);
      const at = ctor ? ctor.end : classDecl.members.pos;
      memberEdits.push({
        start: at,
        end: at,
        text: [
          '',
          '',
          `  /** A ${className} like this one, for code outside the class (which cannot import it). */`,
          `  create(...args: ConstructorParameters<typeof ${className}>): ${className} {`,
          `    return new ${className}(...args);`,
          '  }',
        ].join('\n'),
        order: order++,
      });
    }
    const exportPrefix = isExported(classDecl) ? '' : 'export ';
    return exportPrefix + applyEdits(text, classDecl.getStart(), classDecl.end, [...edits, ...memberEdits]);
  };
  const memberNeeds = [];

  // Assemble the modules.
  const modules = new Map(); // path → {pieces: [{position, text}], needs: []}
  const moduleOf = (path) => {
    if (!modules.has(path)) modules.set(path, { pieces: [], needs: [] });
    return modules.get(path);
  };
  moduleOf(origin);
  for (const [path, list] of functions)
    for (const f of list) {
      const m = moduleOf(path);
      m.pieces.push({ position: f.position, text: f.text, names: [f.name] });
      m.needs.push(...f.needs);
    }
  const exportedFrom = new Map(); // unit → needs export
  const markExport = (module, need) => {
    if (need.from.unit && need.from.unit.module !== module) exportedFrom.set(need.from.unit, true);
  };
  for (const [path, m] of modules) for (const n of m.needs) markExport(path, n);
  for (const { unit, needs } of scanned) for (const n of needs) markExport(unit.module, n);
  const rewrittenClass = classDecl ? classText() : '';
  for (const n of memberNeeds) markExport(origin, n);
  for (const { unit, needs } of scanned) {
    const m = moduleOf(unit.module);
    let body =
      unit.node === classDecl ? rewrittenClass : applyEdits(text, unit.node.getStart(), unit.node.end, edits);
    if (unit.node === classDecl) needs.push(...memberNeeds);
    if ((exportedFrom.get(unit) || unit.exported) && !isExported(unit.node) && unit.node !== classDecl)
      body = `export ${body}`;
    const doc = leadingComments(text, unit.node);
    m.pieces.push({
      position: unit.node.getStart(),
      text: `${doc ? `${doc}\n` : ''}${body}`,
      names: unit.names,
    });
    m.needs.push(...needs);
  }

  for (const [path, names] of registered) {
    const m = moduleOf(path);
    m.pieces.push({
      position: Number.POSITIVE_INFINITY,
      text: registration(root, plan, path, names),
      names: [],
    });
    m.needs.push(tableNeed(root, plan, origin, plan.dispatch.register));
  }

  const outputs = new Map();
  for (const [path, m] of modules) {
    const lines = [];
    const spec = plan.modules[relative(root, path)];
    if (path === origin) {
      if (header) lines.push(header);
    } else lines.push(wrapComment(spec?.about ?? `Split from ${plan.file}.`));
    // Imports grouped by module specifier, in first-use order.
    const groups = new Map(); // spec → {default, namespace, names: Map(name → {imported, typeOnly})}
    const group = (s) => {
      if (!groups.has(s)) groups.set(s, { names: new Map() });
      return groups.get(s);
    };
    const local = new Set(m.pieces.flatMap((p) => p.names));
    for (const n of m.needs) {
      if (local.has(n.name)) continue;
      let s;
      let imported = n.name;
      if (n.from.import) {
        s = n.from.import.spec;
        if (s.startsWith('.')) s = importPath(path, resolve(dirname(origin), s));
        imported = n.from.import.imported;
      } else if (n.from.unit) {
        if (n.from.unit.module === path) continue;
        s = importPath(path, n.from.unit.module);
      } else if (n.from.moved) {
        if (n.from.moved.module === path) continue;
        s = importPath(path, n.from.moved.module);
      }
      const g = group(s);
      if (imported === '*')
        g.namespace = { name: n.name, typeOnly: (g.namespace?.typeOnly ?? true) && n.typeOnly };
      else if (imported === 'default')
        g.default = { name: n.name, typeOnly: (g.default?.typeOnly ?? true) && n.typeOnly };
      else {
        const prior = g.names.get(n.name);
        g.names.set(n.name, { imported, typeOnly: (prior?.typeOnly ?? true) && n.typeOnly });
      }
    }
    const ordered = [...groups].sort(([a], [b]) =>
      a.startsWith('.') === b.startsWith('.') ? 0 : a.startsWith('.') ? 1 : -1,
    );
    for (const s of path === origin ? sideEffects : []) lines.push(`import '${s}';`);
    // The facade loads every module that fills the table, before anything compiles through it.
    if (path === origin)
      for (const module of [...registered.keys()].sort())
        lines.push(`import '${importPath(origin, module)}';`);
    for (const [s, g] of ordered) {
      if (g.namespace)
        lines.push(`import ${g.namespace.typeOnly ? 'type ' : ''}* as ${g.namespace.name} from '${s}';`);
      const named = [...g.names].sort(([a], [b]) => a.localeCompare(b));
      const allTypes = named.every(([, v]) => v.typeOnly);
      const list = named
        .map(
          ([name, v]) =>
            (v.typeOnly && !allTypes ? 'type ' : '') +
            (v.imported === name ? name : `${v.imported} as ${name}`),
        )
        .join(', ');
      // A default import on its own line: `import type D, { A }` is not TypeScript.
      if (g.default) lines.push(`import ${g.default.typeOnly ? 'type ' : ''}${g.default.name} from '${s}';`);
      if (named.length) lines.push(`import ${allTypes ? 'type ' : ''}{ ${list} } from '${s}';`);
    }
    // The file's former exports, now elsewhere, stay available from it.
    if (path === origin) {
      const reexports = new Map();
      for (const u of units)
        if (u.exported && u.module !== origin) {
          const list = reexports.get(u.module) ?? [];
          list.push(...u.names.map((n) => (isTypeDeclaration(u.node) ? `type ${n}` : n)));
          reexports.set(u.module, list);
        }
      for (const [module, names] of reexports) {
        const allTypes = names.every((n) => n.startsWith('type '));
        const list = names.sort().map((n) => (allTypes ? n.slice('type '.length) : n));
        lines.push(
          `export ${allTypes ? 'type ' : ''}{ ${list.join(', ')} } from '${importPath(origin, module)}';`,
        );
      }
    }
    lines.push('');
    for (const piece of m.pieces.sort((a, b) => a.position - b.position)) lines.push(piece.text, '');
    outputs.set(
      path,
      `${lines
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trimEnd()}\n`,
    );
  }

  // No run-time cycle among the modules written.
  const edgesOf = (path) => {
    const out = new Set(path === origin ? units.filter((u) => u.exported).map((u) => u.module) : []);
    out.delete(path);
    for (const n of modules.get(path).needs) {
      if (n.typeOnly) continue;
      const to = n.from.unit?.module ?? n.from.moved?.module;
      if (to && to !== path) out.add(to);
    }
    return out;
  };
  /** What `from` reads from `to` at run time, for the message that names a cycle. */
  const namesRead = (from, to) => {
    const names = new Set();
    for (const n of modules.get(from).needs)
      if (!n.typeOnly && (n.from.unit?.module ?? n.from.moved?.module) === to) names.add(n.name);
    if (from === origin)
      for (const u of units) if (u.exported && u.module === to) u.names.forEach((x) => names.add(x));
    return [...names].sort();
  };
  const state = new Map();
  const stack = [];
  const visitModule = (p) => {
    state.set(p, 'open');
    stack.push(p);
    for (const q of edgesOf(p)) {
      if (state.get(q) === 'open') {
        const path = [...stack.slice(stack.indexOf(q)), q];
        const cycle = path
          .slice(0, -1)
          .map((x, i) => `${relative(root, x)} (${namesRead(x, path[i + 1]).join(', ')})`)
          .concat(relative(root, q))
          .join(' → ');
        throw new Error(`${plan.file}: the plan makes an import cycle: ${cycle}; move a declaration`);
      }
      if (!state.has(q)) visitModule(q);
    }
    stack.pop();
    state.set(p, 'done');
  };
  for (const p of modules.keys()) if (!state.has(p)) visitModule(p);
  return outputs;
}

/**
 * Mutually recursive functions split over modules (a sum's body is any expression, and any expression
 * may hold a sum) would import one another back. A plan with `dispatch` breaks the recursion: a
 * function that a module marked `registers` declares, when code in another module reads it, is read
 * through the table (`compileSym(n, c)` → `compilers.compileSym(n, c)`), a hand-written module
 * (`dispatch.table`) that each registering module fills when it is loaded (`registerCompilers({ … })`,
 * typed by a module augmentation of the table's interface). Imports then point one way: the
 * registering modules import the core and the table, the core imports the table, and the file's own
 * module (the facade) loads the registering modules. Everything else (types, constants, functions of
 * modules that do not register) is imported directly. Returns the names each module registers.
 */
function dispatchAcrossModules(root, plan, origin, units, scanned, edit) {
  const registered = new Map(); // module path → names, in the order of the source
  const dispatch = plan.dispatch;
  if (!dispatch) return registered;
  if (plan.className) throw new Error(`${plan.file}: a plan with dispatch splits no class`);
  const registering = new Set(
    Object.entries(plan.modules)
      .filter(([, spec]) => spec.registers)
      .map(([module]) => join(root, module)),
  );
  const taken = units.flatMap((u) => u.names).find((n) => n === dispatch.object || n === dispatch.register);
  if (taken) throw new Error(`${plan.file}: ${taken} is the dispatch table's name; rename one`);
  for (const { unit, needs } of scanned)
    for (const [i, need] of needs.entries()) {
      const target = need.from.unit;
      if (!target || need.typeOnly || !need.node) continue;
      if (!registering.has(target.module) || target.module === unit.module) continue;
      if (!ts.isFunctionDeclaration(target.node)) continue;
      const shorthand = ts.isShorthandPropertyAssignment(need.node.parent);
      const via = `${dispatch.object}.${need.name}`;
      edit(need.node.getStart(), need.node.end, shorthand ? `${need.name}: ${via}` : via);
      needs[i] = tableNeed(root, plan, origin, dispatch.object);
      const names = registered.get(target.module) ?? new Set();
      names.add(target);
      registered.set(target.module, names);
    }
  return new Map(
    [...registered].map(([module, targets]) => [
      module,
      [...targets].sort((a, b) => a.node.getStart() - b.node.getStart()).flatMap((u) => u.names),
    ]),
  );
}

/** A need of one of the table's exports, written as an import of the file's own module would be. */
function tableNeed(root, plan, origin, name) {
  return {
    name,
    typeOnly: false,
    from: { import: { spec: importPath(origin, join(root, plan.dispatch.table)), imported: name } },
  };
}

/** The end of a registering module: the table's type learns its functions, and the table gets them. */
function registration(root, plan, path, names) {
  const { table, type, register } = plan.dispatch;
  return [
    `declare module '${importPath(path, join(root, table))}' {`,
    `  interface ${type} {`,
    ...names.map((n) => `    ${n}: typeof ${n};`),
    '  }',
    '}',
    '',
    `${register}({ ${names.join(', ')} });`,
  ].join('\n');
}

/**
 * Object literals that spell an outcome out (`{ ...none, verdict: 'unchecked', code: 'unchecked',
 * message: m, details: [] }`) become calls of the plan's named constructor (`uncheckedOutcome(m,
 * { ...none, details: [] })`) in the files the plan wrote, and the constructor's module is written if
 * the tree has none. The constructor writes the fixed fields after the others, as the literals did.
 */
function withConstructors(root, plan, files) {
  const out = new Map(files);
  for (const c of plan.constructors ?? []) {
    const home = join(root, c.module);
    let used = false;
    for (const [path, text] of out) {
      const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
      const edits = [];
      const nameOf = (p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : null);
      const matches = (node) => {
        const names = node.properties.map(nameOf).filter(Boolean);
        if (new Set(names).size !== names.length) return false;
        const fixed = Object.entries(c.fixed).every(([field, value]) =>
          node.properties.some(
            (p) =>
              ts.isPropertyAssignment(p) &&
              nameOf(p) === field &&
              ts.isStringLiteral(p.initializer) &&
              p.initializer.text === value,
          ),
        );
        return fixed && node.properties.some((p) => nameOf(p) === c.argument && !ts.isMethodDeclaration(p));
      };
      const visit = (node) => {
        if (ts.isObjectLiteralExpression(node) && matches(node)) {
          const argument = node.properties.find((p) => nameOf(p) === c.argument);
          const rest = node.properties.filter((p) => p !== argument && !(nameOf(p) in c.fixed));
          const value = ts.isPropertyAssignment(argument)
            ? argument.initializer.getText(source)
            : argument.name.text;
          const fields =
            rest.length === 0
              ? ''
              : rest.length === 1 && ts.isSpreadAssignment(rest[0])
                ? `, ${rest[0].expression.getText(source)}`
                : `, { ${rest.map((p) => p.getText(source)).join(', ')} }`;
          edits.push({ start: node.getStart(source), end: node.end, text: `${c.name}(${value}${fields})` });
          return;
        }
        node.forEachChild(visit);
      };
      visit(source);
      if (edits.length === 0) continue;
      used = true;
      let next = text;
      for (const e of edits.sort((a, b) => b.start - a.start))
        next = next.slice(0, e.start) + e.text + next.slice(e.end);
      if (path !== home) {
        const imports = source.statements.filter(ts.isImportDeclaration);
        const at = imports.length ? imports[imports.length - 1].end : 0;
        const line = `import { ${c.name} } from '${importPath(path, home)}';`;
        next = at ? `${next.slice(0, at)}\n${line}${next.slice(at)}` : `${line}\n${next}`;
      }
      out.set(path, next);
    }
    if (used && !out.has(home) && !existsSync(home)) out.set(home, c.source);
  }
  return out;
}

const MAP_BEGIN = '<!-- split-modules: begin (written by scripts/split-modules.mjs from its plan) -->';
const MAP_END = '<!-- split-modules: end -->';

/** Words filled into lines of at most LINE columns, the first after `first`, the others after `rest`. */
function fill(text, first, rest) {
  const lines = [];
  let line = first;
  for (const w of text.split(/\s+/)) {
    const empty = line === first || line === rest;
    if (line.length + 1 + w.length > LINE && !empty) {
      lines.push(line);
      line = rest;
    }
    line += line === first || line === rest ? w : ` ${w}`;
  }
  return [...lines, line].join('\n');
}

/** The plan as a module map, for docs/architecture.md. */
export function moduleMap(plans) {
  const lines = [];
  for (const plan of plans) {
    lines.push(fill(`\`${plan.file}\`: ${plan.about}`, '- ', '  '));
    for (const [module, spec] of Object.entries(plan.modules))
      lines.push(fill(`\`${relative(dirname(plan.file), module)}\`: ${spec.about}`, '  - ', '    '));
  }
  return lines.join('\n');
}

/** Rewrites the region between the markers of `doc` with the module map; false when it has none. */
export function writeModuleMap(doc, plans) {
  const text = readFileSync(doc, 'utf8');
  const begin = text.indexOf(MAP_BEGIN);
  const end = text.indexOf(MAP_END);
  if (begin < 0 || end < begin) return false;
  writeFileSync(
    doc,
    `${text.slice(0, begin + MAP_BEGIN.length)}\n\n${moduleMap(plans)}\n\n${text.slice(end)}`,
  );
  return true;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const written = splitModules(root, PLANS);
  const doc = join(root, 'docs/architecture.md');
  const mapped = writeModuleMap(doc, PLANS);
  if (!mapped) console.warn(`docs/architecture.md has no ${MAP_BEGIN}: the module map is not written`);
  console.log(`wrote ${written.size} files${mapped ? ' and the module map in docs/architecture.md' : ''}`);
}
