// A claim that could not be evaluated: the error it raised, as an unchecked outcome that names the
// place and what the author can do.
import type { Claim } from '../../model/types';
import type { Node, Span } from '../../math/tree';
import { isNumericLiteral, walk } from '../../model/names';
import { relevantNames } from '../relevant';
import { printNode } from '../../math/print';
import type { Outcome } from '../claim';
import { snippet } from './generic';
import {
  OverBudget,
  ShapeMismatch,
  UnknownName,
  UnsizedBasis,
  Unsupported,
  VectorsSideBySide,
} from '../errors';
import { UnknownInClaim } from '../hints';
import { EngineError } from '../../engine';
import { shapeDoubtMessage, shapeDoubts } from '../shapeDoubts';
import { identityNamedOwn, identityNamedOwnMessage } from '../identityLetter';
import { uncheckedOutcome } from './outcomes';
import { PHYSICAL_UNIT } from '../../model/siUnits';

export function usesStar(claim: Claim): boolean {
  let found = false;
  const visit = (n: Node) =>
    walk(n, (x) => {
      if (x.kind === 'bin' && x.op === 'ast') found = true;
    });
  visit(claim.lhs);
  visit(claim.rhs);
  return found;
}

/** `\operatorname{span}` or a declared operator derivcheck has no function for. */
function unknownOperators(names: string[]): string {
  const one = names.length === 1;
  return (
    `unknown function${one ? '' : 's'} ${names.join(', ')}: ` +
    `no function of ${one ? 'that name' : 'those names'} is known ` +
    `(docs/language.md lists the functions derivcheck evaluates); define ${one ? 'it' : 'them'} ` +
    `(<!-- derive: \\operatorname{${names[0]}}(x) := … -->) or leave the claim unchecked`
  );
}

/** `19.62\ \text{m}`: the unit after a number, which no claim of numbers can compare. */
function unitsMessage(names: string[]): string {
  const one = names.length === 1;
  return (
    `${names.join(', ')} ${one ? 'reads as a unit' : 'read as units'}: derivcheck compares numbers, not ` +
    `units (a prefix such as k or m would change the number); write the unit in the words after the ` +
    `math ($19.62$ m) to have the number checked`
  );
}

/** Whether one of the names is applied to an argument in the claim (`\text{span}(x)`), as a function is. */
function appliedIn(claim: Claim, names: Node[]): boolean {
  const at = new Set(names.map((n) => n.start));
  let applied = false;
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (x.kind === 'apply' && at.has(x.f.start)) applied = true;
    });
  return applied;
}

export function failure(err: unknown, source: string, claim: Claim): Outcome {
  const none = { trials: 0, maxError: 0, details: [] as string[] };
  // Name the place when the trouble is outside the claim's own text (in a definition).
  const where = (e: Span) =>
    (e.start < claim.start || e.end > claim.end) && e.end > e.start
      ? ` (in \`${snippet(source.slice(e.start, e.end))}\`)`
      : '';
  if (err instanceof UnknownName) {
    const shown =
      err.names.length > 8 ? [...err.names.slice(0, 8), `… (${err.names.length - 8} more)`] : err.names;
    const decl = err.names
      .slice(0, 8)
      .map((n) => `${n} \\in \\mathbb{R}`)
      .join('; ');
    const operators = err.names.map((n) => /^\\text\{([A-Za-z]+)\}$/.exec(n)?.[1]);
    if (operators.every((o) => o !== undefined && PHYSICAL_UNIT.test(o)))
      return uncheckedOutcome(`unchecked: ${unitsMessage(operators as string[])}`, { ...none, details: [] });
    // `4/SE` after an ended question's `SE = \sigma/\sqrt{n}`: a word not applied to anything is an
    // unknown name (which an ended passage may have defined: check/claim/endedValues.ts), not a function.
    if (
      operators.every((o) => o !== undefined) &&
      !(err instanceof UnknownInClaim && !appliedIn(claim, err.nodes))
    )
      return uncheckedOutcome(`unchecked: ${unknownOperators(operators as string[])}`, {
        ...none,
        details: [],
      });
    const message = err.names.length > 8 ? `unknown names ${shown.join(', ')}` : err.message;
    return uncheckedOutcome(`unchecked: ${message}`, {
      ...none,
      unknown: err instanceof UnknownInClaim ? err.nodes : undefined,
      ...(err instanceof UnsizedBasis ? { unsizedBasis: true as const } : {}),
      details: [
        `Declare ${err.names.length > 1 ? 'them' : 'it'} or define ` +
          `${err.names.length > 1 ? 'them' : 'it'} before this line, e.g. <!-- derive: ${decl} -->`,
      ],
    });
  }
  if (err instanceof Unsupported) return uncheckedOutcome(`unchecked: ${err.message}${where(err)}`, none);
  if (err instanceof EngineError && err.code === 'budget')
    return uncheckedOutcome(`unchecked: over budget (${err.message})`, none);
  if (err instanceof OverBudget) return uncheckedOutcome(`unchecked: over budget (${err.message})`, none);
  if (err instanceof ShapeMismatch) {
    const doubt = readingDoubt(err, source, claim);
    if (doubt) return uncheckedOutcome(doubt, none);
  }
  // `(A^\top A)^{-1} \neq A^{-1}(A^\top)^{-1}` for a tall A: the author says the sides differ, and a
  // side that cannot be formed does differ; refuting would cry wolf, verifying would judge a
  // side that has no value.
  if (err instanceof ShapeMismatch && claim.op === '\\neq')
    return uncheckedOutcome(
      `unchecked: a side of this ≠ cannot be formed (${err.message}${where(err)}), so there are no two ` +
        'values to compare; a side with no value does differ from the other, as the claim says',
      none,
    );
  if (err instanceof ShapeMismatch && identityNamedOwn(claim, err.message))
    return uncheckedOutcome(identityNamedOwnMessage(`${err.message}${where(err)}`), none);
  const openSizes = err instanceof ShapeMismatch ? sizesLeftOpen(source, claim.start) : null;
  if (err instanceof ShapeMismatch && openSizes)
    return uncheckedOutcome(
      `unchecked: ${err.message}${where(err)}, with the sizes the text declared; but the text states ` +
        `it for any sizes that fit (“${openSizes}”): declare the letters anew to have it checked`,
      none,
    );
  if (err instanceof ShapeMismatch && shapeDoubts(claim).length > 0)
    return uncheckedOutcome(shapeDoubtMessage(`${err.message}${where(err)}`, shapeDoubts(claim)), none);
  if (err instanceof ShapeMismatch)
    return {
      ...none,
      verdict: 'refuted',
      code: 'shape',
      message: `shape error: ${err.message}${where(err)}`,
      ...(err instanceof VectorsSideBySide ? { sideBySide: true } : {}),
    };
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return uncheckedOutcome(
      'unchecked: over budget (the expression or its definitions nest too deeply to evaluate)',
      none,
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return uncheckedOutcome(`unchecked: internal error (${message})`, none);
}

/**
 * A shape error that says more about the reading than about the claim: one inside a condition the
 * passage set ("for $Z = XW$" with W declared earlier at another width: the letter names a new
 * matrix there), or one where a letter the text uses as a size (`X \in \mathbb{R}^{B \times n}`)
 * meets the identity or a matrix as an operand (`(I + A)(I + B)`): B names a matrix there.
 */
/**
 * "Properties (compatible sizes):", "whenever the products are defined", "(tailles compatibles)":
 * words that state what follows for any sizes that fit, reusing letters declared with other sizes
 * (a list of Kronecker identities after `A \in \mathbb{R}^{m \times n}`). A shape error is then the
 * reading's, not the author's.
 */
const COMPATIBLE_SIZES =
  /\b(?:(?:compatible|conformable|conforming|appropriate|suitable|matching)\s+(?:sizes?|dimensions?|shapes?)|(?:sizes?|dimensions?|shapes?)\s+(?:are\s+|being\s+)?(?:compatible|conformable)|whenever\s+(?:the\s+)?(?:products?|sums?|expressions?|operations?|inverses?)\s+(?:are\s+|is\s+|make\s+sense|exist)|(?:tailles?|dimensions?)\s+compatibles?)\b/i;

/** A Markdown list item's first line: `- …`, `* …`, `1. …`, `2) …`. */
const LIST_LINE = /^\s*(?:[-*+]|\d+[.)])\s/;

/**
 * The words of the claim's own paragraph before it — and, in a list, of the list before it and of
 * the sentence that opens the list — that leave the sizes open, or null.
 */
function sizesLeftOpen(source: string, at: number): string | null {
  const lines = source.slice(Math.max(0, at - 1500), at).split('\n');
  let k = lines.length - 1;
  let inList = false;
  // The claim's own line and the list items before it (a blank line inside a list keeps it going).
  while (k > 0) {
    const line = lines[k - 1];
    if (LIST_LINE.test(lines[k]) || LIST_LINE.test(line)) inList = true;
    if (/^\s*#|\\(?:sub)*section\b/.test(line)) break;
    if (line.trim() === '' && !(inList && LIST_LINE.test(lines[k]))) break;
    k--;
  }
  // The paragraph that opens the list, when one does.
  if (inList && k > 0 && lines[k - 1].trim() === '') {
    let j = k - 1;
    while (j > 0 && lines[j - 1].trim() !== '' && !/^\s*#/.test(lines[j - 1])) j--;
    k = j;
  }
  return COMPATIBLE_SIZES.exec(lines.slice(k).join(' '))?.[0].trim() ?? null;
}

function readingDoubt(err: ShapeMismatch, source: string, claim: Claim): string | null {
  const conditions = [...claim.assumptions, ...(claim.constraints ?? [])];
  const inCondition = conditions.find((c) => err.start >= c.start && err.end <= c.end && c.end > c.start);
  if (inCondition) {
    const written = snippet(source.slice(inCondition.start, inCondition.end));
    return (
      `unchecked: the shapes do not fit in \`${written}\`, ` +
      `the condition this claim is read under (${err.message}): a letter there likely names another ` +
      `object than its earlier declaration; declare it again before the condition to have this checked`
    );
  }
  const twoMeanings = numberElsewhere(claim);
  if (twoMeanings)
    return (
      `unchecked: the shapes do not fit (${err.message}), but ${twoMeanings.name} was the number ` +
      `\`${snippet(twoMeanings.text)}\` in an earlier passage and is another object here (a vector ` +
      `or a formula): the claim likely reads the letter where the text means the number; declare or ` +
      `define it again here to have this checked`
    );
  const size = sizeOperand(err, claim);
  if (!size) return null;
  return (
    `unchecked: the shapes do not fit (${err.message}), but ${size} is a size elsewhere in the text ` +
    `(it appears in a declared shape) and here stands where a matrix or vector is expected: if ${size} ` +
    `names another object here, declare it (e.g. ${size} \\in \\mathbb{R}^{n \\times n})`
  );
}

/**
 * A letter the claim reaches (through definitions too) that an ended passage gave a plain number
 * (`p = 2`, the padding of a conv worked example) and that lives on as a formula's value (`p =
 * \mathrm{softmax}(z)`): a shape error there is about which meaning a formula takes.
 */
function numberElsewhere(claim: Claim): { name: string; text: string } | null {
  for (const name of relevantNames(claim)) {
    const live = claim.env.lookup(name, claim.block);
    // A declared shape is the author's word on the object (a scalar example of an N×N matrix A is
    // its 1×1 case): only a formula's value, whose shape the reader infers, is in doubt.
    if (live?.kind !== 'def' || live.params || isNumericLiteral(live.expr)) continue;
    const number = claim.env
      .endedValues(name, claim.block)
      .find((e) => e.kind === 'def' && !e.params && !e.indices && isNumericLiteral(e.expr));
    if (number?.kind === 'def') return { name, text: number.text ?? printNode(number.expr) };
  }
  return null;
}

/** The size name that is a direct operand of the operation the shape error names, if any. */
function sizeOperand(err: ShapeMismatch, claim: Claim): string | null {
  let found: string | null = null;
  const unwrap = (n: Node): Node => (n.kind === 'group' && n.items.length === 1 ? unwrap(n.items[0]) : n);
  const isSize = (n: Node) =>
    n.kind === 'sym' &&
    claim.env.isDimension(n.name) &&
    (claim.env.lookup(n.name, claim.block) === null || claim.env.lookup(n.name, claim.block)?.kind === 'dim');
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (found || x.kind !== 'bin' || x.start !== err.start || x.end !== err.end) return;
      for (const operand of [unwrap(x.left), unwrap(x.right)])
        if (!found && isSize(operand)) found = (operand as Extract<Node, { kind: 'sym' }>).name;
    });
  return found;
}
