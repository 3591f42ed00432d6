// Token preparation before the grammar reads: environments written as arrays, thousands joined,
// doubled bars, and the brace groups skipped or read as text.
import type { Token } from '../tokens';
import {
  FONTS,
  GREEK,
  IGNORED_COMMANDS,
  IGNORED_WITH_ARGUMENT,
  LAYOUT_ENVIRONMENTS,
  UNWRAPPED_COMMANDS,
} from '../vocabulary';
import { CLOSERS, OPENERS } from './tokenSets';
import { joinContinuedRows } from './rowContinuation';
import { typesetting } from './typesetting';
import { diracTokens } from './dirac';
import { physicsShorthands } from './physics';
import { continentalIntervals } from './intervals';
import { combinationScripts } from './combinations';

/** `{name}` as tokens, at the place of the group that follows `\begin` or `\end`. */
function envName(open: Token, name: string): Token[] {
  return [
    { type: 'sym', text: '{', start: open.start, end: open.start },
    ...[...name].map((ch): Token => ({ type: 'letter', text: ch, start: open.start, end: open.start })),
    { type: 'sym', text: '}', start: open.start, end: open.start },
  ];
}

/**
 * When the `\begin{array}` at i comes right after an opening bracket (already in `out`) and its
 * `\end{array}` right before the matching closing one: the index of that `\end` and of the bracket.
 */
function bracketedArray(tokens: Token[], out: Token[], i: number): { end: number; close: number } | null {
  const before = out[out.length - 1]?.text;
  if (before !== '[' && before !== '(') return null;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const name =
      tokens[j].text === '\\begin' || tokens[j].text === '\\end' ? groupText(tokens, j + 1)?.text : null;
    if (name !== 'array') continue;
    depth += tokens[j].text === '\\begin' ? 1 : -1;
    if (depth > 0) continue;
    const after = groupText(tokens, j + 1)!.next;
    let k = after;
    while (tokens[k]?.type === 'cmd' && IGNORED_COMMANDS.has(tokens[k].text)) k++;
    return tokens[k]?.text === (before === '[' ? ']' : ')') ? { end: j, close: k } : null;
  }
  return null;
}

const SIZING = new Set(['\\big', '\\Big', '\\bigg', '\\Bigg', '\\bigr', '\\Bigr', '\\biggr', '\\Biggr']);

/** Whether `_{name = …}` (a name, then `=` outside inner braces) starts at i. */
function substitutionScript(tokens: Token[], i: number): boolean {
  if (tokens[i]?.text !== '_' || tokens[i + 1]?.text !== '{') return false;
  const first = tokens[i + 2];
  if (!first || (first.type !== 'letter' && first.type !== 'cmd')) return false;
  let depth = 0;
  for (let j = i + 1; j < tokens.length; j++) {
    const v = tokens[j].text;
    if (v === '{') depth++;
    else if (v === '}' && --depth === 0) return false;
    else if (v === '=' && depth === 1) return true;
  }
  return false;
}

/** The end of a script that starts at i (`_0`, `_{-1}`, `^{\pi/2}`), or -1. */
function scriptEnd(tokens: Token[], i: number): number {
  const t = tokens[i];
  if (t === undefined) return -1;
  if (t.text !== '{') return t.text === '}' || t.text === '_' || t.text === '^' ? -1 : i + 1;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (tokens[j].text === '{') depth++;
    else if (tokens[j].text === '}' && --depth === 0) return j + 1;
  }
  return -1;
}

/**
 * Whether bounds alone start at i, `_0^1` or `^{b}_{a}`: an evaluation bar or bracket with its
 * variable unwritten (F(b) − F(a), as under a definite integral). A lower script that lists
 * (`_{i,j}`) or runs letters together (`_{ij}`) indexes an entry instead.
 */
function boundsScript(tokens: Token[], i: number): boolean {
  const first = tokens[i]?.text;
  if (first !== '_' && first !== '^') return false;
  const mid = scriptEnd(tokens, i + 1);
  if (mid < 0 || tokens[mid]?.text !== (first === '_' ? '^' : '_') || scriptEnd(tokens, mid + 1) < 0)
    return false;
  const [from, to] = first === '_' ? [i + 1, mid] : [mid + 1, scriptEnd(tokens, mid + 1)];
  const lower = tokens.slice(from, to);
  const letters = lower.filter((t) => t.type === 'letter').length;
  return !lower.some((t) => t.text === ',') && letters <= 1;
}

const SIZED_BRACKET = /^\\(?:big|Big|bigg|Bigg)[lr]?$/;

/**
 * `\left[x e^x\right]_0^1`, `\Big[F\Big]_a^b`, `[x^3 - x^2]_0^2`: a bracket followed by bounds
 * alone is the evaluation bracket, F(b) − F(a); it becomes `\evalopen F \evalbar _0^1`, as the
 * bar does. A bracket followed by anything else (an interval, a group) stays a bracket. A plain
 * bracket is one only beside an integral: elsewhere `[v]_1^2` is an entry squared.
 */
function evaluationBrackets(tokens: Token[]): Token[] {
  const out = [...tokens];
  const integral = out.some((t) => /^\\(?:int|iint|iiint|oint)$/.test(t.text));
  const opens: number[] = [];
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (t.text === '[') {
      const sized = out[i - 1]?.text === '\\left' || SIZED_BRACKET.test(out[i - 1]?.text ?? '');
      opens.push(sized ? i - 1 : i);
    } else if (t.text === ']') {
      const open = opens.pop();
      if (open === undefined || !boundsScript(out, i + 1)) continue;
      if (out[open].text === '[' && !integral) continue;
      const sized = out[i - 1]?.text === '\\right' || SIZED_BRACKET.test(out[i - 1]?.text ?? '');
      const from = sized ? i - 1 : i;
      out.splice(from, i - from + 1, { ...out[from], type: 'cmd', text: '\\evalbar', end: t.end });
      i = from;
      const width = out[open].text === '[' ? 1 : 2;
      out.splice(open, width, {
        ...out[open],
        type: 'cmd',
        text: '\\evalopen',
        end: out[open + width - 1].end,
      });
      i -= width - 1;
    }
  }
  return out;
}

/**
 * The evaluation bar of lecture notes: `\left. f(t) \right|_{t=0}` becomes `\evalopen f(t) \evalbar
 * _{t=0}`, and a bar that closes no absolute value, `f(t) \Big|_{t=0}`, becomes `\evalbar`. A bar
 * whose subscript is not `name = value` stays a bar.
 */
function evaluationBars(tokens: Token[]): Token[] {
  const out = [...tokens];
  const lefts: number[] = [];
  let bars = 0;
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (t.text === '\\left') {
      lefts.push(i);
      i++;
    } else if (t.text === '\\right') {
      const open = lefts.pop();
      const bar = out[i + 1]?.text;
      if (
        open !== undefined &&
        out[open + 1]?.text === '.' &&
        (bar === '|' || bar === '\\vert') &&
        (substitutionScript(out, i + 2) || boundsScript(out, i + 2))
      ) {
        out.splice(open, 2, { ...out[open], type: 'cmd', text: '\\evalopen', end: out[open + 1].end });
        i--;
        out.splice(i, 2, { ...out[i], type: 'cmd', text: '\\evalbar', end: out[i + 1].end });
      }
      i++;
    } else if (t.text === '|' || t.text === '\\vert' || t.text === '\\rvert') {
      const sized = SIZING.has(out[i - 1]?.text ?? '') && out[i - 2]?.text !== '\\left';
      // `\vert`, `\rvert` may close a value (`\lvert x \rvert_i^2`), uncounted: bounds alone after
      // them are its scripts.
      const bounds = t.text === '|' && boundsScript(out, i + 1);
      if (bars % 2 === 0 && (substitutionScript(out, i + 1) || bounds)) {
        const from = sized ? i - 1 : i;
        out.splice(from, i - from + 1, { ...out[from], type: 'cmd', text: '\\evalbar', end: t.end });
        i = from;
      } else if (t.text === '|') bars++;
    }
  }
  return out;
}

/** The mark a one-sided limit's side becomes, after the script under `\lim` (parser/limit.ts). */
export const LIMIT_SIDE = { '+': '\\limfromabove', '-': '\\limfrombelow' } as const;

/**
 * `\lim_{x \to 1^-}`, `\lim_{x \to 0^{+}}`: a sign raised on the point says the side of the
 * approach; a number cannot carry it as a script (`1^-` is no power), so it leaves the script and
 * follows it as a mark.
 */
function limitSides(tokens: Token[]): Token[] {
  const out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    if (out[i].text !== '\\lim' || out[i + 1]?.text !== '_' || out[i + 2]?.text !== '{') continue;
    const close = scriptEnd(out, i + 2) - 1;
    if (close < 0 || !out.slice(i + 3, close).some((t) => t.text === '\\to' || t.text === '\\rightarrow'))
      continue;
    const caret = close - (out[close - 1]?.text === '}' ? 4 : 2);
    const sign = out[close - 1]?.text === '}' ? out[close - 2]?.text : out[close - 1]?.text;
    const braced = out[close - 1]?.text !== '}' || out[close - 3]?.text === '{';
    if (out[caret]?.text !== '^' || (sign !== '+' && sign !== '-') || !braced) continue;
    const mark: Token = { ...out[caret], type: 'cmd', text: LIMIT_SIDE[sign] };
    out.splice(caret, close - caret);
    out.splice(caret + 1, 0, mark);
  }
  return out;
}

/** Plain TeX's font switches and the command that sets a group in that font. */
const OLD_FONT_SWITCHES: Record<string, string> = {
  '\\rm': '\\mathrm',
  '\\bf': '\\mathbf',
  '\\it': '\\mathit',
  '\\sf': '\\mathsf',
  '\\tt': '\\mathtt',
  '\\cal': '\\mathcal',
};

/** The spacing commands an author puts between factors: dropped, but remembered on the next token. */
const SPACES = new Set(['\\,', '\\;', '\\:', '\\ ', '\\>']);

/**
 * `\cos\Delta\, I`, `\sin\theta\, d\theta`: a thin space after a bare function argument sets the
 * next factor apart from it, so the token after a spacing command says so (continuesBareArgument).
 */
function markSpacing(tokens: Token[]): Token[] {
  let spaced = false;
  return tokens.map((t) => {
    if (t.type === 'cmd' && SPACES.has(t.text)) {
      spaced = true;
      return t;
    }
    if (!spaced) return t;
    spaced = false;
    return { ...t, spacedBefore: true };
  });
}

/**
 * `\mathrm dx`, `A^{\mathsf T}`, `\bm \mu`: a font command without braces takes the one token after
 * it, as TeX reads it — `\mathrm{d}x`, `A^{\mathsf{T}}` — so every later reading (a differential,
 * a transpose, a bold name) sees the braced form. A number keeps its own reading (`\mathbf 1`).
 */
function bracedFontArguments(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    out.push(t);
    const next = tokens[i + 1];
    if (t.type !== 'cmd' || !FONTS.has(t.text) || !next) continue;
    if (next.type !== 'letter' && !(next.type === 'cmd' && GREEK.has(next.text.slice(1)))) continue;
    out.push({ type: 'sym', text: '{', start: next.start, end: next.start }, next, {
      type: 'sym',
      text: '}',
      start: next.end,
      end: next.end,
    });
    i++;
  }
  return out;
}

/** Drops typography, records `\tag`, and removes layout-environment wrappers. */
export function prepare(raw: Token[], decimalComma: boolean | 'unbraced' = false): Token[] {
  const tokens = markSpacing(
    limitSides(
      evaluationBrackets(
        evaluationBars(bracedFontArguments(physicsShorthands(combinationScripts(continentalIntervals(raw))))),
      ),
    ),
  );
  const out: Token[] = [];
  // Closing braces of unwrapped commands, and `\end{array}` of bracketed arrays → their `]`.
  const closing = new Set<number>();
  const arrayEnds = new Map<number, number>();
  // Where a label under or over a brace begins: the index after it.
  const labels = new Map<number, number>();
  // The closing braces of groups opened by an old font switch, which close its argument first.
  const fontCloses = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const label = labels.get(i);
    if (label !== undefined) {
      i = label - 1;
      continue;
    }
    // `\underbrace{0.3 \cdot 2}_{\mathbb{E}[\operatorname{Var}(N \mid C)]}`: the label names the
    // braced value, it is not an index of it (nor, over the brace, an exponent).
    if ((t.text === '\\underbrace' || t.text === '\\overbrace') && tokens[i + 1]?.text === '{') {
      const end = skipGroup(tokens, i + 1);
      if (tokens[end]?.text === (t.text === '\\underbrace' ? '_' : '^') && tokens[end + 1])
        labels.set(end, tokens[end + 1].text === '{' ? skipGroup(tokens, end + 1) : end + 2);
      continue;
    }
    // `v_{\rm rot}`: plain TeX's font switch at the start of a group is the group in that font,
    // `v_{\mathrm{rot}}`, as physics notes write labels.
    const font = t.text === '{' ? OLD_FONT_SWITCHES[tokens[i + 1]?.text ?? ''] : undefined;
    if (font && tokens[i + 1]?.type === 'cmd') {
      const close = tokens[skipGroup(tokens, i) - 1];
      if (close?.text === '}') {
        const at = tokens[i + 1];
        out.push(
          t,
          { type: 'cmd', text: font, start: at.start, end: at.end },
          { ...t, start: at.end, end: at.end },
        );
        fontCloses.add(skipGroup(tokens, i) - 1);
        i++;
        continue;
      }
    }
    if (fontCloses.has(i)) out.push({ ...t, start: t.start, end: t.start });
    if (t.type === 'cmd' && IGNORED_COMMANDS.has(t.text)) {
      // `\left.` and `\right.` are invisible delimiters.
      if (
        (t.text === '\\left' || t.text === '\\right' || t.text === '\\middle') &&
        tokens[i + 1]?.text === '.'
      )
        i++;
      // `\left|` and `\right|` say which way a bar faces, so nested bars pair as written
      // (`\left|-\left|x\right|\right|`): they read as `\lvert`, `\rvert` (`\|` as `\lVert`, `\rVert`).
      else if (
        (t.text === '\\left' || t.text === '\\right') &&
        (tokens[i + 1]?.text === '|' || tokens[i + 1]?.text === '\\|')
      ) {
        const bar = tokens[++i];
        const double = bar.text === '\\|';
        out.push({
          ...bar,
          type: 'cmd',
          text: t.text === '\\left' ? (double ? '\\lVert' : '\\lvert') : double ? '\\rVert' : '\\rvert',
        });
      }
      continue;
    }
    // `\\operatorname*{argmax}` reads like `\\operatorname{argmax}`.
    if (t.type === 'cmd' && t.text === '\\operatorname' && tokens[i + 1]?.text === '*') {
      out.push(t);
      i++;
      continue;
    }
    // `X_1, X_2 \\sim_{iid} \\mathcal{N}(0, 1)`, `\\sim_{\\text{i.i.d.}}`: a mark of independence under
    // the tilde, as `\\overset{iid}{\\sim}` writes it over; the relation stands as written.
    if (t.text === '\\sim' && tokens[i + 1]?.text === '_') {
      const mark =
        groupText(tokens, i + 2) ?? (tokens[i + 2] ? { text: tokens[i + 2].text, next: i + 3 } : null);
      if (mark && IID_MARK.test(mark.text)) {
        out.push(t);
        i = mark.next - 1;
        continue;
      }
    }
    // `\\stackrel{\\text{def}}{=}` and `\\overset{def}{=}` define; otherwise the decoration
    // over or under a symbol is dropped and the symbol kept.
    if (t.type === 'cmd' && (t.text === '\\stackrel' || t.text === '\\overset' || t.text === '\\underset')) {
      const first = groupText(tokens, i + 1);
      if (first) {
        const second = groupText(tokens, first.next);
        if (second && second.text === '=' && /def|:|triangle|Delta/.test(first.text)) {
          const eq = tokens[first.next + 1];
          out.push(
            { type: 'sym', text: ':', start: t.start, end: eq.start },
            { type: 'sym', text: '=', start: eq.start, end: eq.end },
          );
          i = second.next - 1;
          continue;
        }
        // `\overset{(a)}{=}`, `\stackrel{\text{Jensen}}{\le}`: the label justifies the relation,
        // which stands as written (a one-token group is unwrapped so it still reads as a relation).
        if (second && second.next === first.next + 3) {
          out.push(tokens[first.next + 1]);
          i = second.next - 1;
          continue;
        }
        i = first.next - 1;
        continue;
      }
    }
    // `\mkern-1.5mu`, `\only<2>{x}`, `\alert{x}`, `\textcolor{red}{x}`: only how it looks.
    const look = typesetting(tokens, i, skipGroup);
    if (look) {
      if (look.unwrapClose !== undefined) closing.add(look.unwrapClose);
      i = look.next - 1;
      continue;
    }
    // `\boxed{a = b}`, `\mathop{\mathrm{argmax}}`: the frame or the spacing class goes, the content stays.
    if (t.type === 'cmd' && UNWRAPPED_COMMANDS.has(t.text) && tokens[i + 1]?.text === '{') {
      closing.add(skipGroup(tokens, i + 1) - 1);
      i++;
      continue;
    }
    if (closing.has(i)) continue;
    // `\intertext{so that}` between the lines of an alignment: words, and a line break.
    if (t.type === 'cmd' && INTERTEXT.has(t.text) && tokens[i + 1]?.text === '{') {
      if (out[out.length - 1]?.text !== '\\\\') out.push({ ...t, text: '\\\\' });
      i = skipGroup(tokens, i + 1) - 1;
      continue;
    }
    // `\sum_{\substack{i = 1 \\ i \ne j}}`: the lines of a stacked subscript are its conditions.
    if (t.type === 'cmd' && t.text === '\\substack' && tokens[i + 1]?.text === '{') {
      const end = skipGroup(tokens, i + 1) - 1;
      for (let j = i + 2; j < end; j++)
        out.push(tokens[j].text === '\\\\' ? { ...tokens[j], type: 'sym', text: ',' } : tokens[j]);
      i = end;
      continue;
    }
    // `\xrightarrow[n \to \infty]{P}`: an arrow with a label over (and under) it is the arrow.
    if (t.type === 'cmd' && (t.text === '\\xrightarrow' || t.text === '\\xleftarrow')) {
      let j = i + 1;
      if (tokens[j]?.text === '[') {
        let depth = 0;
        for (; j < tokens.length; j++) {
          if (tokens[j].text === '[') depth++;
          else if (tokens[j].text === ']' && --depth === 0) break;
        }
        j++;
      }
      if (tokens[j]?.text === '{') j = skipGroup(tokens, j);
      const arrow = t.text === '\\xrightarrow' ? '\\to' : '\\leftarrow';
      out.push({ type: 'cmd', text: arrow, start: t.start, end: tokens[j - 1]?.end ?? t.end });
      i = j - 1;
      continue;
    }
    // `\not=`, `\not\in`, `\not\le`: the negated relation.
    if (t.type === 'cmd' && t.text === '\\not' && tokens[i + 1]) {
      const r = tokens[i + 1];
      const v =
        r.text === '='
          ? '\\neq'
          : r.text === '\\in'
            ? '\\notin'
            : r.text === '\\equiv'
              ? '\\nequiv'
              : '\\notrel';
      out.push({ type: 'cmd', text: v, start: t.start, end: r.end });
      i++;
      continue;
    }
    // `\left[\begin{array}{c} 1 \\ 2 \end{array}\right]`: an array in brackets is a matrix.
    if (t.type === 'cmd' && t.text === '\\begin' && groupText(tokens, i + 1)?.text === 'array') {
      const bracketed = bracketedArray(tokens, out, i);
      if (bracketed) {
        out.pop();
        out.push({ ...t }, ...envName(tokens[i + 1], 'bmatrix'));
        let j = groupText(tokens, i + 1)!.next;
        if (tokens[j]?.text === '{') j = skipGroup(tokens, j);
        arrayEnds.set(bracketed.end, bracketed.close);
        i = j - 1;
        continue;
      }
    }
    // A ruled array outside brackets (`{c|cc}`, `\hline`) is a table of values — a joint pmf with its
    // headers `y = 0`, `y = 1` — not math to read: its cells are neither statements nor one line.
    // So is an optimisation problem laid out as an array (`\text{minimize} & … \\ \text{s.t.} & …`).
    if (t.type === 'cmd' && t.text === '\\begin' && groupText(tokens, i + 1)?.text === 'array') {
      const table = ruledTableEnd(tokens, i);
      if (table !== null) {
        i = table - 1;
        continue;
      }
    }
    if (arrayEnds.has(i)) {
      out.push({ ...t }, ...envName(tokens[i + 1], 'bmatrix'));
      i = arrayEnds.get(i)!;
      continue;
    }
    if (t.type === 'cmd' && t.text === '\\colon') {
      out.push({ type: 'sym', text: ':', start: t.start, end: t.end });
      continue;
    }
    // R bookdown's equation label `(\#eq:fourier)` is a `\label`: it names the equation.
    const bookdownEnd = t.text === '(' ? bookdownLabelEnd(tokens, i) : -1;
    if (bookdownEnd > 0) {
      i = bookdownEnd;
      continue;
    }
    if (t.type === 'cmd' && IGNORED_WITH_ARGUMENT.has(t.text)) {
      i = skipGroup(tokens, i + 1) - 1;
      continue;
    }
    if (t.type === 'cmd' && (t.text === '\\begin' || t.text === '\\end')) {
      const name = groupText(tokens, i + 1);
      if (name && LAYOUT_ENVIRONMENTS.has(name.text)) {
        let j = name.next;
        // `\begin{array}{cc}` and `\begin{alignedat}{2}` carry a column argument.
        if (
          t.text === '\\begin' &&
          (name.text === 'array' ||
            name.text.startsWith('alignedat') ||
            name.text.startsWith('alignat') ||
            name.text.startsWith('IEEEeqnarray')) &&
          tokens[j]?.text === '{'
        )
          j = skipGroup(tokens, j);
        i = j - 1;
        continue;
      }
    }
    out.push(t);
  }
  return diracTokens(divisionColons(joinThousands(joinContinuedRows(out), decimalComma)));
}

/**
 * `7{,}2 : 0{,}8 = 9`, `12 : 4 \cdot 3 = 9`: German and most Continental school texts divide with a
 * colon, which binds as `\cdot` does. A colon between two written numbers, outside any bracket or
 * script and not in a chain (`1 : 2 : 3` is a ratio of three parts), is that division; where a
 * span writes one, a colon between two single letters there is a ratio too (`a : b = 3 : 2`, a/b).
 * A span with any other colon at its top (`P(A) : P(B) = 2 : 1`) is left as it is.
 * Elsewhere a colon stays what it was: a label (`Case 1:`), a slice (`x_{1:T}`), "such that".
 */
function divisionColons(toks: Token[]): Token[] {
  const colons: number[] = [];
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.text in OPENERS || t.text === '\begin' || t.text === '{') depth++;
    else if (CLOSERS.has(t.text) || t.text === '\end' || t.text === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.type === 'sym' && t.text === ':') colons.push(i);
  }
  if (colons.length === 0) return toks;
  const operand = (k: number, kinds: readonly string[]) => {
    const u = toks[k];
    return !!u && kinds.includes(u.type) && !/^[_^.]$/.test(toks[k - 1]?.text ?? '');
  };
  const chained = (i: number) => toks[i - 2]?.text === ':' || toks[i + 2]?.text === ':';
  const between = (i: number, kinds: readonly string[]) =>
    operand(i - 1, kinds) &&
    operand(i + 1, kinds) &&
    !chained(i) &&
    !/^[_^'{]$/.test(toks[i + 2]?.text ?? '');
  const numeric = colons.filter((i) => between(i, ['num']));
  if (numeric.length === 0) return toks;
  const ratios = colons.filter((i) => !numeric.includes(i) && between(i, ['letter', 'num']));
  // `P(A) : P(B) = 2 : 1`: a colon that is neither leaves the span's reading to the colon as it was.
  if (numeric.length + ratios.length < colons.length) return toks;
  const out = toks.slice();
  for (const i of [...numeric, ...ratios]) out[i] = { ...toks[i], type: 'cmd', text: '\\div' };
  return out;
}

/** The index of the `)` closing a bookdown label `(\#eq:name)` that opens at `i`, or -1. */
function bookdownLabelEnd(tokens: Token[], i: number): number {
  if (tokens[i + 1]?.text !== '\\#') return -1;
  for (let j = i + 2; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.text === ')') return j > i + 2 ? j : -1;
    if (t.type !== 'letter' && t.type !== 'num' && !/^[:_.-]$/.test(t.text)) return -1;
  }
  return -1;
}

/**
 * A comma braced between digits, `3{,}14`, is TeX's decimal comma (the braces keep math mode from
 * spacing it as punctuation) when it cannot be a thousands separator — the digits after it are not
 * a group of three, or those before it are a lone 0 (`0{,}135`) — and, in a document that writes
 * such a decimal comma anywhere (`decimalComma`), also before three digits (`2{,}918` is 2.918 where
 * the text writes `0{,}5`). Two or more groups (`1{,}000{,}000`) are thousands in any document.
 */
function decimalCommaAt(toks: Token[], i: number, prev: Token, decimalComma: boolean | 'unbraced'): boolean {
  const after = toks[i + 3];
  if (!after || after.type !== 'num' || !/^\d+$/.test(after.text)) return false;
  if (after.text.length !== 3 || prev.text === '0') return true;
  const comma = (k: number) =>
    toks[k]?.text === '{' && toks[k + 1]?.text === ',' && toks[k + 2]?.text === '}';
  return !!decimalComma && !comma(i + 4) && !comma(i - 4);
}

/** Whether the tokens end with `{digits` (or `{-digits`) opening the exponent of a number or of e. */
function numberExponentOpens(out: Token[]): boolean {
  let k = out.length - 2;
  if (out[k]?.text === '-') k--;
  if (out[k]?.text !== '{' || out[k - 1]?.text !== '^') return false;
  const base = out[k - 2];
  return base?.type === 'num' || (base?.type === 'letter' && base.text === 'e');
}

/**
 * Thousands separators: `30{,}000` (see decimalCommaAt), `30\,000` and `30 000` (only space between
 * groups of three digits), and `30,000` (no spaces, groups of three digits) where a comma cannot
 * separate items — outside brackets, braces of scripts, sets and matrices.
 */
function joinThousands(toks: Token[], decimalComma: boolean | 'unbraced'): Token[] {
  const out: Token[] = [];
  let depth = 0;
  const group = (t: Token | undefined) => !!t && t.type === 'num' && /^\d{3}(\.\d+)?$/.test(t.text);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (
      t.text in OPENERS ||
      t.text === '\\begin' ||
      (t.text === '{' && (toks[i - 1]?.text === '_' || toks[i - 1]?.text === '^' || depth > 0))
    )
      depth++;
    else if (CLOSERS.has(t.text) || t.text === '\\end' || (t.text === '}' && depth > 0))
      depth = Math.max(0, depth - 1);
    const prev = out[out.length - 1];
    const joinable =
      prev &&
      prev.type === 'num' &&
      /^\d+$/.test(prev.text) &&
      prev.text.length <= (prev.thousands ? Infinity : 3) &&
      out[out.length - 2]?.text !== '_' &&
      out[out.length - 2]?.text !== '^' &&
      out[out.length - 2]?.text !== '.';
    const bracedComma = t.text === '{' && toks[i + 1]?.text === ',' && toks[i + 2]?.text === '}';
    if (
      bracedComma &&
      prev?.type === 'num' &&
      /^\d+$/.test(prev.text) &&
      out[out.length - 2]?.text !== '^' &&
      decimalCommaAt(toks, i, prev, decimalComma)
    ) {
      const d = toks[i + 3];
      out[out.length - 1] = { ...prev, text: `${prev.text}.${d.text}`, end: d.end };
      i += 3;
      continue;
    }
    if (
      joinable &&
      t.text === '{' &&
      toks[i + 1]?.text === ',' &&
      toks[i + 2]?.text === '}' &&
      group(toks[i + 3])
    ) {
      const d = toks[i + 3];
      out[out.length - 1] = { ...prev, text: prev.text + d.text, end: d.end, thousands: true };
      i += 3;
      continue;
    }
    // `u_3 = 5,25`, `\pi \approx 3,1416` in a text that writes its decimals so (model/decimalComma.ts):
    // a bare comma between digits, outside brackets and scripts and not in a list, is a decimal comma.
    if (
      decimalComma === 'unbraced' &&
      depth === 0 &&
      t.text === ',' &&
      prev?.type === 'num' &&
      /^\d+$/.test(prev.text) &&
      !prev.thousands &&
      t.start === prev.end &&
      toks[i + 1]?.type === 'num' &&
      /^\d+$/.test(toks[i + 1].text) &&
      toks[i + 1].start === t.end &&
      toks[i + 2]?.text !== ',' &&
      !/^[,_^.]$/.test(out[out.length - 2]?.text ?? '')
    ) {
      const d = toks[i + 1];
      out[out.length - 1] = { ...prev, text: `${prev.text}.${d.text}`, end: d.end };
      i += 1;
      continue;
    }
    // `e^{0,5}`, `10^{-1,5}` in a text that writes decimal commas: an exponent of a number or of e
    // that is one number with a comma (a list has no place there) is a decimal.
    if (
      decimalComma &&
      t.text === ',' &&
      prev?.type === 'num' &&
      /^\d+$/.test(prev.text) &&
      t.start === prev.end &&
      toks[i + 1]?.type === 'num' &&
      /^\d+$/.test(toks[i + 1].text) &&
      toks[i + 1].start === t.end &&
      toks[i + 2]?.text === '}' &&
      numberExponentOpens(out)
    ) {
      const d = toks[i + 1];
      out[out.length - 1] = { ...prev, text: `${prev.text}.${d.text}`, end: d.end };
      i += 1;
      continue;
    }
    if (
      joinable &&
      depth === 0 &&
      t.text === ',' &&
      t.start === prev.end &&
      group(toks[i + 1]) &&
      toks[i + 1].start === t.end
    ) {
      const d = toks[i + 1];
      out[out.length - 1] = { ...prev, text: prev.text + d.text, end: d.end, thousands: true };
      i += 1;
      continue;
    }
    // `4\,194\,304`, `10 000`: digits in groups of three with only space between them (a thin
    // space, as typesetting guides ask) are one number; two numbers side by side are never a product.
    if (joinable && t.start > prev.end && group(t) && t.type === 'num') {
      out[out.length - 1] = { ...prev, text: prev.text + t.text, end: t.end, thousands: true };
      continue;
    }
    // `3.141\,592\,65`: the digits after the point grouped the same way.
    if (
      prev &&
      prev.type === 'num' &&
      /^\d*\.(\d{3})+$/.test(prev.text) &&
      t.type === 'num' &&
      /^\d{1,3}$/.test(t.text) &&
      t.start > prev.end &&
      out[out.length - 2]?.text !== '_' &&
      out[out.length - 2]?.text !== '^'
    ) {
      out[out.length - 1] = { ...prev, text: prev.text + t.text, end: t.end, thousands: true };
      continue;
    }
    out.push(t);
  }
  return doubledBars(out);
}

/**
 * `||U||_F` typed with plain bars is the norm `\|U\|_F` when every bar of the span comes in
 * such adjacent pairs; with a single bar anywhere (`|x||y|`) the bars stay absolute values.
 */
function doubledBars(tokens: Token[]): Token[] {
  const pairs = new Set<number>();
  let singles = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].text !== '|') continue;
    const next = tokens[i + 1];
    if (next?.text === '|' && next.start === tokens[i].end) {
      pairs.add(i);
      i++;
    } else singles++;
  }
  if (singles > 0 || pairs.size < 2 || pairs.size % 2 === 1) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (pairs.has(i)) {
      out.push({ ...tokens[i], type: 'cmd', text: '\\|', end: tokens[i + 1].end });
      i++;
    } else out.push(tokens[i]);
  }
  return out;
}

/**
 * When the `\begin{array}` at i is a ruled table — a `|` in its column specification or an
 * `\hline` among its rows — the index just after its `\end{array}`; otherwise null.
 */
function ruledTableEnd(tokens: Token[], i: number): number | null {
  const name = groupText(tokens, i + 1);
  if (!name) return null;
  const spec = groupText(tokens, name.next);
  let ruled = (!!spec && spec.text.includes('|')) || problemLayout(tokens, spec ? spec.next : name.next);
  let depth = 0;
  for (let j = spec ? spec.next : name.next; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.type === 'eof') return null;
    if (t.type === 'cmd' && t.text === '\\hline') ruled = true;
    if (t.type !== 'cmd' || (t.text !== '\\begin' && t.text !== '\\end')) continue;
    if (groupText(tokens, j + 1)?.text !== 'array') continue;
    if (t.text === '\\begin') depth++;
    else if (depth > 0) depth--;
    else return ruled ? skipGroup(tokens, j + 1) : null;
  }
  return null;
}

const WORD_COMMANDS = new Set(['\\text', '\\mbox', '\\mathrm', '\\textrm', '\\operatorname']);
const OBJECTIVE_WORD = /^(?:minimi[sz]e|maximi[sz]e|min|max|minimum|maximum)$/i;
/**
 * `\begin{array}{ll} \text{minimize} & f_0(x) \\ \text{subject to} & f_i(x) \le 0 \end{array}`: an
 * optimisation problem laid out as a table, its first cell the word of the objective — the rows
 * are the objective and its constraints, not statements.
 */
function problemLayout(tokens: Token[], k: number): boolean {
  if (tokens[k]?.type !== 'cmd' || !WORD_COMMANDS.has(tokens[k].text)) return false;
  const word = groupText(tokens, k + 1);
  return !!word && OBJECTIVE_WORD.test(word.text.trim());
}

export function skipGroup(tokens: Token[], i: number): number {
  if (tokens[i]?.text !== '{') return i + (tokens[i] && tokens[i].type !== 'eof' ? 1 : 0);
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (tokens[j].text === '{') depth++;
    else if (tokens[j].text === '}') {
      depth--;
      if (depth === 0) return j + 1;
    } else if (tokens[j].type === 'eof') return j;
  }
  return tokens.length - 1;
}

/** The mark of independence written on a tilde: `iid`, `\\text{i.i.d.}`, `\\mathrm{iid}`. */
const IID_MARK = /^(?:\\(?:text|mathrm|textrm|rm|mathsf)\{?)?\{?\s*i\.?\s*i\.?\s*d\.?\s*\}*$/i;

function groupText(tokens: Token[], i: number): { text: string; next: number } | null {
  if (tokens[i]?.text !== '{') return null;
  const end = skipGroup(tokens, i);
  const text = tokens
    .slice(i + 1, end - 1)
    .map((t) => t.text)
    .join('');
  return { text, next: end };
}

const INTERTEXT = new Set(['\\intertext', '\\shortintertext']);
