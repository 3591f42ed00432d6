// Rows and statements: equation tags, relations and their chains, separators, qualifiers, and how
// the pieces of a row become statements.
import type { Token } from '../tokens';
import { CLOSERS, OPENERS, PRODUCT_OPS, QUANTIFIER, RELATION_SYMBOLS } from './tokenSets';
import { CONNECTIVES, RELATION_COMMANDS } from '../vocabulary';
import type { Parser } from '../parser';
import type { CmpOp, Node, RelationToken, Statement } from '../tree';
import { ParseError } from './parseError';
import { span } from './nodes';
import { atModulus, attachModulus, readModulus } from './modulus';

/** `(3.1)` at the very start of a display is an equation number, not a factor. */
export function leadingTag(p: Parser): void {
  if (!p.options.display) return;
  const t = p.toks;
  const startsTerm = (x: Token | undefined) =>
    !!x &&
    (x.type === 'letter' ||
      (x.type === 'cmd' && !PRODUCT_OPS[x.text] && !RELATION_COMMANDS[x.text] && x.text !== '\\pm'));
  if (
    t[0]?.text === '(' &&
    t[1]?.type === 'num' &&
    t[2]?.text === ')' &&
    startsTerm(t[3]) &&
    t[2].end < t[3].start
  ) {
    p.tag = t[1].text;
    p.i = 3;
  }
}

// ---- rows and statements -------------------------------------------------------------
export function isRowEnd(p: Parser): boolean {
  const v = p.peek.text;
  return p.peek.type === 'eof' || v === '\\\\' || v === '\\newline';
}

export function relationAt(p: Parser): RelationToken | null {
  const t = p.peek;
  // Inside `p(x \mid z)` the bar separates the condition; between integers it is a relation.
  if (t.text === '\\mid' && p.closers.includes('\\mid')) return null;
  // `>>` and `<<` typed for ≫ and ≪.
  if (
    t.type === 'sym' &&
    (t.text === '>' || t.text === '<') &&
    p.toks[p.i + 1]?.text === t.text &&
    p.toks[p.i + 1].start === t.end
  ) {
    return { op: t.text === '>' ? '\\gg' : '\\ll', start: t.start, end: p.toks[p.i + 1].end };
  }
  // `… =: \mathcal{L}(q)`: the right side is defined as the left (the model reads it so).
  const next = p.toks[p.i + 1];
  if (t.type === 'sym' && t.text === '=' && next?.text === ':' && next.start === t.end)
    return { op: '\\other', start: t.start, end: next.end };
  if (t.type === 'sym' && RELATION_SYMBOLS[t.text]) {
    // `:=` arrives as ':' '='.
    return { op: RELATION_SYMBOLS[t.text], start: t.start, end: t.end };
  }
  if (t.type === 'sym' && t.text === ':' && p.toks[p.i + 1]?.text === '=') {
    return { op: ':=', start: t.start, end: p.toks[p.i + 1].end };
  }
  if (t.type === 'sym' && t.text === '!' && p.toks[p.i + 1]?.text === '=' && p.toks[p.i + 1].start === t.end)
    return { op: '\\neq', start: t.start, end: p.toks[p.i + 1].end };
  // `f: \mathbb{R}^n \to \mathbb{R}`: the colon of a signature.
  // Only at the top level: inside brackets a colon is a slice or a set-builder bar.
  if (t.type === 'sym' && t.text === ':' && p.depth <= 1 && colonIsSignature(p, p.i + 1))
    return { op: ':', start: t.start, end: t.end };
  if (t.type === 'cmd' && RELATION_COMMANDS[t.text])
    return { op: RELATION_COMMANDS[t.text] as CmpOp, start: t.start, end: t.end };
  return null;
}

/**
 * True when the colon before token i opens a signature: `\to` or `\mapsto` follows before
 * any other relation or separator. Any other colon at the top level (`ii: W_2 = 4`, a
 * trailing `:`) separates statements, like a comma.
 */
export function colonIsSignature(p: Parser, i: number): boolean {
  let depth = 0;
  for (let j = i; j < p.toks.length; j++) {
    const t = p.toks[j];
    const v = t.text;
    if (t.type === 'eof') return false;
    if (v === '{' || v in OPENERS) {
      depth++;
      continue;
    }
    if (v === '}' || CLOSERS.has(v)) {
      if (depth === 0) return false;
      depth--;
      continue;
    }
    if (depth > 0) continue;
    if (
      v === '\\\\' ||
      v === '\\newline' ||
      v === ',' ||
      v === ';' ||
      v === '&' ||
      v === '\\quad' ||
      v === '\\qquad' ||
      v === ':'
    )
      return false;
    const rel = t.type === 'cmd' ? RELATION_COMMANDS[v] : RELATION_SYMBOLS[v];
    if (rel) return rel === '\\to' || rel === '\\mapsto';
  }
  return false;
}

export function takeRelation(p: Parser): RelationToken | null {
  const r = relationAt(p);
  if (!r) return null;
  if (r.op === ':=' && p.peek.text === ':') p.next();
  else if (r.op === '\\other' && p.peek.text === '=' && p.toks[p.i + 1]?.text === ':') p.next();
  else if (r.op === '\\neq' && p.peek.text === '!') p.next();
  else if ((r.op === '\\gg' || r.op === '\\ll') && p.peek.type === 'sym') p.next();
  p.next();
  // `=:` (rare) and `==`: swallow a doubled `=`.
  if (r.op === '=' && p.at('=')) p.next();
  return r;
}

/** Words in brackets, `(row-wise)`, `(elementwise)`, `[by (2)]`: a remark, never a factor. */
const BRACKETED_REMARK = /^(?:\([^()]*[A-Za-z]{2}[^()]*\)|\[[^[\]]*[A-Za-z]{2}[^[\]]*\])$/;

/** Whether the text of a `\text{…}` is a remark in brackets (BRACKETED_REMARK). */
export function isBracketedRemark(text: string): boolean {
  return BRACKETED_REMARK.test(text.trim());
}

/** SI unit symbols, prefixed or not, each with an optional whole power (`N m^2`, `kg m s^{-2}`). */
const UNIT_RUN =
  /^(?:[pnuµμmckMGT]?(?:m|g|s|A|K|mol|N|J|eV|W|Pa|Hz|C|V|Ω|\\Omega|F|H|T|Wb|L)(?:\^\{?-?\d\}?)?(?:\s+|$))+$/;

/**
 * `8.99\times10^9\,\text{N m}^2/\text{C}^2`: units in text font after a number, spaced apart as SI
 * writes a product of units, are the number's unit, not a remark that separates statements.
 */
export function isUnitTextAfterNumber(p: Parser, at: number, text: string): boolean {
  return p.toks[at - 1]?.type === 'num' && UNIT_RUN.test(text.trim());
}

export function isSeparator(p: Parser): 'sep' | 'connective' | 'tag' | null {
  const t = p.peek;
  if (t.text === ',' || t.text === ';') return 'sep';
  if (t.text === '\\quad' || t.text === '\\qquad') return 'sep';
  // `\because \alpha + \beta = 5`, `… = \frac{24}{25} \therefore \sin 2\theta > 0`: ∵ and ∴ join
  // statements as "since" and "hence" do.
  if (t.text === '\\therefore' || t.text === '\\because') return 'sep';
  if (
    t.type === 'cmd' &&
    (t.text === '\\text' || t.text === '\\mbox' || t.text === '\\textnormal' || t.text === '\\textrm')
  ) {
    const g = p.rawGroup(p.i + 1);
    // Connectives and remarks of several words ("Variance of independent sum") separate, and so
    // does a remark in brackets, even of one word: `P = \mathrm{softmax}(S) \text{ (row-wise)}`.
    const remark = g && (/\s/.test(g.text.trim()) || isBracketedRemark(g.text));
    if (g && (isConnective(g.text) || (remark && !isUnitTextAfterNumber(p, p.i, g.text))))
      return 'connective';
  }
  if (t.text === '\\tag' || t.text === '\\tag*') return 'tag';
  return null;
}

export function parseRow(p: Parser, out: Statement[]): void {
  // Line joins matter only within their row.
  p.lineJoins = [];
  // Pieces separated by `,` `;` `\quad` and connective words; each piece is a chain.
  const pieces: Piece[] = [];
  let cur: Piece = { sides: [], ops: [], continued: false };
  // A label at the start of a row (`\text{a} &: …`) is what every piece of the row is about.
  let rowLabel: string | undefined;
  // `7 \pmod 3 = 1`: a modulus read before the chain's relation waits for it (attachModulus).
  let early: Node | null = null;
  const flush = () => {
    if (early) attachModulus(cur.ops, early);
    early = null;
    if (cur.sides.length || cur.ops.length) pieces.push(cur);
    cur = { sides: [], ops: [], continued: false, ...(rowLabel !== undefined ? { label: rowLabel } : {}) };
  };
  while (!isRowEnd(p)) {
    if (p.at('&')) {
      p.next();
      continue;
    }
    const sep = isSeparator(p);
    if (sep === 'tag') {
      readTag(p);
      continue;
    }
    if (sep === 'connective') {
      const words = p.rawGroup(p.i + 1)?.text.trim() ?? '';
      const quantifier = QUANTIFIER.test(words);
      p.next();
      p.skipRawGroup();
      flush();
      // "for all $i \ne j$" excludes index values; "for all $i \in \{1, …, n\}$" only ranges them.
      if (quantifier && !excludesBeforeEnd(p)) skipQualifier(p);
      else if (QUALIFIER_WORDS.test(words) && pieces.length > 0 && pieces[pieces.length - 1].ops.length > 0)
        cur.qualifies = true;
      continue;
    }
    if (p.at('\\forall') && (cur.ops.length > 0 || pieces.length > 0)) {
      p.next();
      flush();
      skipQualifier(p);
      continue;
    }
    if (sep === 'sep') {
      p.next();
      flush();
      continue;
    }
    if (p.at('.')) {
      p.next();
      continue;
    }
    if (p.at(':') && p.toks[p.i + 1]?.text !== '=' && !colonIsSignature(p, p.i + 1)) {
      // What stands before it alone is a label (`ii:`, `Case 1:`), not part of a list.
      p.next();
      if (cur.ops.length === 0) {
        const only = cur.sides.length === 1 ? cur.sides[0] : null;
        rowLabel = only
          ? p.toks
              .filter((t) => t.start >= only.start && t.end <= only.end)
              .map((t) => t.text)
              .join(' ')
          : undefined;
        cur = {
          sides: [],
          ops: [],
          continued: false,
          ...(rowLabel !== undefined ? { label: rowLabel } : {}),
        };
      } else flush();
      continue;
    }
    if (atModulus(p)) {
      if (cur.ops.length === 0) early = readModulus(p);
      else attachModulus(cur.ops, readModulus(p));
      continue;
    }
    const rel = relationAt(p);
    if (rel) {
      takeRelation(p);
      if (cur.sides.length === 0) cur.continued = true;
      // A relation directly after a relation (`a = \\ = b` typos): keep the structure sane.
      if (cur.sides.length + (cur.continued ? 1 : 0) === cur.ops.length && cur.sides.length > 0) {
        p.problem(`missing expression before '${rel.op}'`, rel.start, rel.end);
      }
      cur.ops.push(rel);
      continue;
    }
    if (cur.sides.length > cur.ops.length) {
      // Two expressions with nothing between them at the top level (e.g. text artefacts).
      const t = p.peek;
      throw new ParseError(`unexpected '${t.text}' after a complete expression`, t.start, t.end);
    }
    p.afterRelation = cur.ops.length > 0;
    cur.sides.push(p.parseExpr());
  }
  if (p.at('\\\\') || p.at('\\newline')) {
    p.next();
    // `\\[2pt]` spacing argument.
    if (p.at('[') && p.toks[p.i + 1]?.type === 'num') {
      while (!p.at(']') && p.peek.type !== 'eof') p.next();
      p.next();
    }
  }
  flush();
  piecesToStatements(p, pieces, out);
}

/**
 * `x_i \\ge 0 \\text{ for all } i \\in \\{1, \\dots, n\\}`: what a relation holds for. A free index is
 * quantified over its range anyway, and a sampled name over its declaration, so the qualifier
 * is read as said and not made into a claim or a list of its own.
 */
type Piece = { sides: Node[]; ops: RelationToken[]; continued: boolean; qualifies?: boolean; label?: string };

/** Words in a display that make the relation after them a condition on the one before. */
const QUALIFIER_WORDS =
  /^(?:for(?:\s+(?:all|every|each|any))?|if|when|whenever|provided(?:\s+that)?|as\s+long\s+as)[\s,:]*$/i;

/** Whether the qualifier ahead writes an inequation or an order (`i \ne j`, `j > i`) before its end. */
function excludesBeforeEnd(p: Parser): boolean {
  for (let k = p.i; k < p.toks.length; k++) {
    const t = p.toks[k];
    if (
      t.type === 'eof' ||
      t.text === '\\\\' ||
      t.text === '&' ||
      t.text === '\\quad' ||
      t.text === '\\qquad'
    )
      return false;
    if (t.text === '\\in' || t.text === '\\text') return false;
    if (/^(?:\\neq?|\\[lg]eq?|\\[lg]eqslant|<|>)$/.test(t.text)) return true;
  }
  return false;
}

export function skipQualifier(p: Parser): void {
  while (!isRowEnd(p) && !p.at('\\quad') && !p.at('\\qquad') && !p.at(';')) {
    if (isSeparator(p) === 'connective') return;
    p.next();
  }
}

export function readTag(p: Parser): void {
  p.next();
  const g = p.rawGroup(p.i);
  if (g) {
    p.tag = g.text;
    p.i = g.next;
  }
}

export function piecesToStatements(parser: Parser, pieces: Piece[], out: Statement[]): void {
  let pendingList: Node[] = [];
  let attached = false;
  // The piece the last statement pushed was made from.
  let pushedFrom = -1;
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k];
    if (p.ops.length === 0) {
      // A trailing `(3)` after `\quad` is an equation number.
      const only = p.sides[0];
      if (
        p.sides.length === 1 &&
        only.kind === 'group' &&
        only.open === '(' &&
        only.items.length === 1 &&
        only.items[0].kind === 'num' &&
        k === pieces.length - 1 &&
        k > 0
      ) {
        parser.tag = (only.items[0] as { text: string }).text;
        continue;
      }
      if (p.sides.length === 1) {
        const prev = out[out.length - 1];
        if (
          k > 0 &&
          prev &&
          (pieces[k - 1].ops.length > 0 || attached) &&
          pendingList.length === 0 &&
          isListContinuation(only)
        ) {
          // `i = 1, \ldots, m`: the list belongs to the previous right side.
          const last = prev.sides[prev.sides.length - 1];
          const list: Node =
            last.kind === 'list'
              ? { ...last, items: [...last.items, only], end: only.end }
              : { kind: 'list', items: [last, only], start: last.start, end: only.end };
          prev.sides[prev.sides.length - 1] = list;
          prev.end = only.end;
          attached = true;
          continue;
        }
        pendingList.push(only);
      }
      continue;
    }
    attached = false;
    // `f: A \to B` is one relation, the signature, not `f : A` and `A \to B`.
    if (
      !p.continued &&
      p.ops.length === 2 &&
      p.ops[0].op === ':' &&
      (p.ops[1].op === '\\to' || p.ops[1].op === '\\mapsto') &&
      p.sides.length === 3
    ) {
      const [dom, cod] = [p.sides[1], p.sides[2]];
      p.sides = [p.sides[0], { kind: 'cmp', op: p.ops[1].op, left: dom, right: cod, ...span(dom, cod) }];
      p.ops = [p.ops[0]];
    }
    arrowsAsConnectives(p.ops);
    if (pendingList.length && !p.continued && p.sides.length > 0) {
      const first = p.sides[0];
      const items = [...pendingList, first];
      p.sides[0] = { kind: 'list', items, start: items[0].start, end: first.end };
    }
    pendingList = [];
    // `a = b \quad\Longrightarrow\quad c = d`: the spacing cut the connective off as a piece of
    // its own; it joins the relations on either side, as it does written without the spacing.
    const next = pieces[k + 1];
    if (
      p.continued &&
      p.sides.length === 0 &&
      p.ops.length === 1 &&
      p.ops[0].op === '\\iff' &&
      pushedFrom === k - 1 &&
      next !== undefined &&
      !next.continued &&
      next.sides.length > next.ops.length
    ) {
      const prev = out.pop()!;
      pieces[k + 1] = {
        ...next,
        sides: [...prev.sides, ...next.sides],
        ops: [...prev.ops, p.ops[0], ...next.ops],
        continued: prev.continued,
      };
      continue;
    }
    if (p.sides.length <= p.ops.length - (p.continued ? 1 : 0)) {
      const r = p.ops[p.ops.length - 1];
      // `the sign $\le$`, `$(\Leftarrow)$`: a relation written alone is named, not stated.
      if (p.sides.length === 0 && p.ops.length === 1) continue;
      // The sign as written (`\supseteq`), not the relation it is read as.
      const written = parser.toks.find((t) => t.start === r.start)?.text ?? r.op;
      parser.problem(`expected an expression after '${written}'`, r.start, r.end);
      continue;
    }
    runTogether(parser, p);
    const s = p.continued ? p.ops[0].start : p.sides[0].start;
    const e = p.sides[p.sides.length - 1].end;
    out.push({
      sides: p.sides,
      ops: p.ops,
      continued: p.continued,
      start: s,
      end: e,
      ...(p.qualifies ? { qualifies: true } : {}),
      ...(p.label !== undefined ? { label: p.label } : {}),
    });
    pushedFrom = k;
  }
  // Expressions without a relation are kept (hovers and inlay hints show their values).
  for (const n of pendingList)
    out.push({ sides: [n], ops: [], continued: false, start: n.start, end: n.end });
}

/**
 * `x = x` ⏎ `y = y + 1` without `\\`: TeX sets both on one line, and read as written the line
 * says `x = x y = y + 1`. A product that joins two lines between two relations is not read:
 * the sides holding it become errors (their claims are unchecked) and a problem says why.
 */
export function runTogether(parser: Parser, p: { sides: Node[]; ops: RelationToken[] }): void {
  for (const j of parser.lineJoins) {
    if (!p.ops.some((o) => o.start < j) || !p.ops.some((o) => o.start > j)) continue;
    const message =
      'two relations run together: TeX sets a line break inside math as a space, so this reads ' +
      'as one line; end the first line with \\\\ (or put each equation in its own display)';
    let found = false;
    p.sides = p.sides.map((x) => {
      if (x.start < j && j < x.end) {
        found = true;
        return { kind: 'error', message, start: x.start, end: x.end };
      }
      return x;
    });
    if (found) parser.problem(message, j, j + 1);
  }
}

export function isConnective(text: string): boolean {
  const w = text
    .trim()
    .toLowerCase()
    .replace(/[,.:;]+$/, '')
    .trim();
  if (w === '') return true;
  if (CONNECTIVES.has(w)) return true;
  // "for all", "and hence", "where we", … : a short phrase made of connectives only.
  const words = w.split(/\s+/);
  return (
    words.length <= 3 &&
    words.every(
      (x) =>
        CONNECTIVES.has(x) ||
        x === 'all' ||
        x === 'we' ||
        x === 'have' ||
        x === 'that' ||
        x === 'some' ||
        x === 'each' ||
        x === 'every' ||
        x === 'any',
    )
  );
}

function isListContinuation(node: Node): boolean {
  // After `i = 1`, a bare `\ldots`, `m` or `2` continues the right side's list.
  return node.kind === 'dots' || node.kind === 'num' || node.kind === 'sym' || node.kind === 'neg';
}

/** Relations that state something of values, which an arrow between two of them joins as steps. */
const STEP_RELATIONS = new Set(['=', '\\approx', '\\neq', '<', '>', '\\le', '\\ge']);

/**
 * `x = 3 \to y = 5`: an arrow between two relations reads "gives", a connective like ⟹, not a
 * map or a limit — the arrow of a map or a limit has a name or a set on each side, not a relation.
 */
function arrowsAsConnectives(ops: RelationToken[]): void {
  for (let k = 1; k + 1 < ops.length; k++)
    if (ops[k].op === '\\to' && STEP_RELATIONS.has(ops[k - 1].op) && STEP_RELATIONS.has(ops[k + 1].op))
      ops[k] = { ...ops[k], op: '\\iff' };
}
