// Renames the short field names of the expression tree and the tokens (k, s, e, a, b, t, v, …)
// to names that explain themselves, through the TypeScript language service: every reference the
// type checker can resolve is renamed, object literals and destructuring included, so the result
// is the same program with new names. Re-runnable: fields already renamed are skipped.
// Two passes: the discriminant `k` first, then the other fields, because types written as
// `Extract<Node, { k: 'apply' }>` only resolve again (and so reveal their fields' references)
// once their literal says `kind` — a structural literal is not a reference the service renames.
// Usage: node scripts/rename-tree-fields.mjs
import ts from 'typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Per node kind (the tree's union members), old field → new field; `*` applies to every kind. */
const NODE_FIELDS = {
  '*': { k: 'kind' },
  neg: { a: 'operand' },
  bin: { a: 'left', b: 'right' },
  cmp: { a: 'left', b: 'right' },
  pow: { a: 'base', b: 'exponent' },
  post: { a: 'operand' },
  subscript: { a: 'base', idx: 'indices' },
  frac: { a: 'numerator', b: 'denominator' },
  sqrt: { a: 'radicand', n: 'degree' },
  abs: { a: 'operand' },
  norm: { a: 'operand' },
  floor: { a: 'operand' },
  ceil: { a: 'operand' },
  fact: { a: 'operand' },
};
const RANGE = { s: 'start', e: 'end' };
/** Named interfaces and classes, file → type name → old field → new field. */
const TYPE_FIELDS = {
  'server/src/math/tree.ts': { Span: RANGE },
  'server/src/math/tokens.ts': { Token: { ...RANGE, t: 'type', v: 'text', nl: 'lineBreakBefore' } },
  'server/src/math/parser.ts': { ParseError: RANGE },
  'server/src/check/errors.ts': { UnknownName: RANGE, Unsupported: RANGE, ShapeMismatch: RANGE },
};

/** Declarations to rename: the position of each field's name, its new name and a label. */
function targets(files, pass) {
  const out = [];
  for (const [relative, types] of Object.entries(TYPE_FIELDS)) {
    const file = join(root, relative);
    const source = ts.createSourceFile(file, files.get(file), ts.ScriptTarget.Latest, true);
    const fieldsOf = (node) => {
      if (!node.name || !types[node.name.text]) return;
      const members = ts.isClassDeclaration(node)
        ? node.members.flatMap((m) => (ts.isConstructorDeclaration(m) ? m.parameters : [m]))
        : node.members;
      for (const m of members) {
        const name = m.name && ts.isIdentifier(m.name) ? types[node.name.text][m.name.text] : undefined;
        if (name && pass === 'fields')
          out.push({ file, pos: m.name.getStart(source), name, label: `${node.name.text}.${m.name.text}` });
      }
    };
    ts.forEachChild(source, function visit(node) {
      if (ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) fieldsOf(node);
      ts.forEachChild(node, visit);
    });
  }
  const treeFile = join(root, 'server/src/math/tree.ts');
  const source = ts.createSourceFile(treeFile, files.get(treeFile), ts.ScriptTarget.Latest, true);
  const kindOf = (literal) => {
    for (const m of literal.members)
      if (
        ts.isPropertySignature(m) &&
        ['k', 'kind'].includes(m.name.getText(source)) &&
        m.type &&
        ts.isLiteralTypeNode(m.type)
      )
        return m.type.literal.text;
    return null;
  };
  const nodeFields = (literal, kind) => {
    for (const m of literal.members) {
      if (!ts.isPropertySignature(m) || !ts.isIdentifier(m.name)) continue;
      const old = m.name.text;
      const name = NODE_FIELDS[kind]?.[old] ?? NODE_FIELDS['*'][old];
      if (name && (pass === 'discriminant') === (old === 'k'))
        out.push({ file: treeFile, pos: m.name.getStart(source), name, label: `${kind}.${old}` });
    }
  };
  ts.forEachChild(source, function visit(node) {
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node)) && kindOf(node))
      nodeFields(node, kindOf(node));
    ts.forEachChild(node, visit);
  });
  return out;
}

function renamePass(pass) {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  const files = new Map(config.fileNames.map((f) => [f, readFileSync(f, 'utf8')]));
  const service = ts.createLanguageService({
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => {
      const text = files.get(f) ?? (ts.sys.fileExists(f) ? ts.sys.readFile(f) : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });

  const edits = new Map(); // file → Map(start → {end, text, label})
  let conflicts = 0;
  for (const t of targets(files, pass)) {
    const locations = service.findRenameLocations(t.file, t.pos, false, false, {
      providePrefixAndSuffixTextForRename: true,
    });
    if (!locations) {
      console.error(`cannot rename ${t.label}`);
      process.exitCode = 1;
      continue;
    }
    for (const l of locations) {
      const text = `${l.prefixText ?? ''}${t.name}${l.suffixText ?? ''}`;
      const byStart = edits.get(l.fileName) ?? new Map();
      edits.set(l.fileName, byStart);
      const prior = byStart.get(l.textSpan.start);
      if (prior && prior.text !== text) {
        console.error(
          `${l.fileName}@${l.textSpan.start}: ${prior.label} → ${prior.text} vs ${t.label} → ${text}`,
        );
        conflicts++;
      }
      byStart.set(l.textSpan.start, { end: l.textSpan.start + l.textSpan.length, text, label: t.label });
    }
  }
  if (conflicts) {
    console.error(
      `${conflicts} conflicting renames; nothing written (split the code that handles several kinds)`,
    );
    process.exit(1);
  }
  let count = 0;
  const written = [];
  // Every project file, not only those with renames: a file whose code only names kinds through
  // `Extract<Node, { k: … }>` has no resolvable reference until that literal is renamed.
  for (const file of pass === 'discriminant' ? files.keys() : edits.keys()) {
    const original = files.get(file) ?? readFileSync(file, 'utf8');
    let text = original;
    for (const [start, edit] of [...(edits.get(file) ?? [])].sort((x, y) => y[0] - x[0])) {
      text = text.slice(0, start) + edit.text + text.slice(edit.end);
      count++;
    }
    if (pass === 'discriminant') text = renameStructuralDiscriminants(text);
    if (text === original) continue;
    writeFileSync(file, text);
    written.push(file);
  }
  console.log(`${pass}: ${count} renames in ${written.length} files`);
  return written;
}

/** Type literals that pick a node kind, and `'k' in x` guards: not references, so renamed as text. */
function renameStructuralDiscriminants(text) {
  return text
    .replace(/(Extract<\s*\w+\s*,\s*\{\s*)k(\s*:)/g, '$1kind$2')
    .replace(/'k' in\b/g, "'kind' in")
    .replace(/'s' in\b/g, "'start' in");
}

const touched = new Set([...renamePass('discriminant'), ...renamePass('fields')]);
// Longer names lengthen lines: the formatter wraps them again.
execFileSync('npx', ['biome', 'format', '--write', ...touched], { cwd: root, stdio: 'inherit' });
