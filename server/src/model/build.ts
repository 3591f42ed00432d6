// Reads relations in document order and sorts each into declaration, random variable,
// definition, case or claim (the language reference, §4), threading the environment along.
import { functionSubscript, withPartialSubscripts } from './functionSubscripts';
import { entryRuleHead, withEntryFunctions } from './entryFunctions';
import { withVectorOperators } from './vectorOperators';
import { withLaplaceTransforms } from './laplaceTransform';
import { decimalCommaOf } from './decimalComma';
import { asymptoticBound, asymptoticReason } from './asymptotic';
import {
  isLoneSize,
  isMatrixLetter,
  isShapeSize,
  SHAPE_END,
  SQUARE_OF_SIZE,
  shapeWordsBetween,
  tupleShape,
  vectorLengthWords,
} from './shapeWords';
import { type SpectrumWords, spectrumWords } from './spectrumWords';
import type { DocItem, MathSpan, ReadResult } from '../document/types';
import type { ParseCache } from '../math/cache';
import { parseMath } from '../math/parser';
import { printNode } from '../math/print';
import { bracketMember } from '../math/parser/nodes';
import { FUNCTION_SYMBOLS } from '../math/vocabulary';
import { writesSignLabels } from './signLabels';
import { writesDeltaAlone } from './deltaChanges';
import { documentAcronyms } from './acronyms';
import { documentReadings } from './documentReadings';
import { repeatedSummedExcept } from './repeatedIndices';
import { statesSummationConvention } from './summationConvention';
import { NORMAL_DENSITY, type Node, type Span, type Statement, type SymNode } from '../math/tree';
import { documentMacros } from './macros';
import { writtenEntries, writtenSequence } from './sequences';
import { namesOfWrittenFactors } from './writtenFactors';
import {
  declaresWholeNumber,
  familyKey,
  isInitialIndex,
  memberOf,
  parameterSubscript,
  readRecurrence,
  wholeIndex,
  writesFamily,
} from './recurrences';
import { type StandIn, standInOf, standInsWritten } from './standIns';
import { type DeclResult, isIndexRange, readDeclaration, readDistribution } from './sets';
import type { Constraint } from './constraint';
import { appliedLaw } from './appliedLaws';
import { lawSaidAfter, namedLawReason, namesFamilyOf } from './lawWords';
import {
  CONDITIONAL_LAW,
  conditionalLawReason,
  conditionedBefore,
  conditioningBefore,
  namesLaw,
  replacedLaw,
  unsampledLaw,
} from './unsampledLaws';
import { numberOf, readSignConstraint, squaredName, squaredValue } from './signConstraints';
import { readEntryProperty } from './entryProperties';
import {
  type LawParameter,
  lawParameters,
  momentParameters,
  safetyEpsilons,
  unsampledLawParameters,
} from './lawParameters';
import { isSquareShape, readSymmetry } from './symmetry';
import { readConstructed } from './constructed';
import { constantsApplied } from './appliedConstants';
import { keyOfAtoms, pointAtoms, tableKey, writtenNumber } from './pointValues';
import { countsOfLoneSets, countsSets } from './setCounts';
import { saysSquare } from './squareWords';
import {
  type MatrixKind,
  matrixKindAfter,
  matrixKindAfterPreposition,
  matrixKindBefore,
  NAME_JOINER,
  unsampledKindIn,
  VECTOR_KINDS,
} from './matrixWords';
import { withTableValues } from './tableValues';
import { opensDefiningClause, ruleWithClause, substituted, writesName } from './whereAfter';
import { givenGradient, linearLoss, usedBeyondGradient } from './upstreamGradient';
import { GENERIC_CONDITION, type TableCell, tableCellAt } from './tableConditions';
import { lineStartAt } from './lineBreaks';
import { entrywisePartnerShape } from './maskShape';
import { inCoherentUnit, PRODUCTS, physicalUnit, unitExpr, valueInUnit, writtenUnitOf } from './siUnits';
import { withScaleLetters, writesPhysicalUnits } from './scaleLetters';
import {
  SCALE_WORDS,
  scaleAfter,
  unitAfter,
  withGivenUnit,
  withScaledLastNumber,
  withUnitOnLastNumber,
} from './scaleWords';
import { withScientificDivisors } from './scientificQuotient';
import { keepsPrimesAsNames, transposePrimes } from './primeTranspose';
import { powersOfScalars } from './scalarPowers';
import { superscriptedNamesApplied } from './superscriptedNames';
import { criticalLevelsRead, isSignificanceLevel } from './criticalLevels';
import { cellLettersAt, jointCellsAt } from './jointCells';
import { listedData } from './listedData';
import { gridValues } from './tableGrid';
import {
  freeSymbols,
  isLabelledIndex,
  isConstantFormula,
  isIntegerArithmetic,
  isOptimumName,
  isLiteralValue,
  literalShape,
  isFractionLabel,
  isNumericFormula,
  NUMERIC_KINDS,
  isNumericLiteral,
  walk,
  walkFree,
  children,
  someNode,
} from './names';
import { PROBLEM_CONSTRAINT, prose, proseContexts, type ProseContext } from './prose';
import { type Layout, statedLayout } from './layout';
import { conventionalLogBase, statedLogBase } from './logBase';
import { statedAngleUnit } from './angleUnit';
import { SettingWords } from './settingWords';
import { makeSym } from '../math/parser/nodes';
import {
  differentiatedUnknowns,
  type FirstOrderEquation,
  readFirstOrderEquation,
  stepNames,
  timeGrid,
} from './initialValueProblem';
import { shapeProductReading } from './shapeProducts';
import {
  isMatrixSize,
  NAMES_THEN_SIZE,
  NAMES_THEN_THE_SIZE,
  FULL_COLUMN_RANK_AFTER_NOUN,
  QUANTIFIED,
  SIZE_NOUN,
  SIZE_THEN_NAMES,
  UNNAMED_SIZE_LEAD,
} from './sizeWords';
import { matrixAdjectiveAfter, sizelessNoun, WORDS_SIZE } from './sizelessWords';
import { plusMinusPair } from './signs';
import {
  conditionalSentence,
  copiesLead,
  independentAlone,
  lawNamedAfter,
  momentLead,
  nounMomentLead,
  type SaidIndependent,
  momentNumbersInWords,
  thenVariance,
} from './momentWords';
import {
  freeMoment,
  isFreeMoment,
  momentFactOf,
  momentSettingReason,
  varianceFromSecond,
  RANDOM_LETTER,
  type MomentFacts,
} from './momentFacts';
import { jointLawReason, lawContinues, proseLawLead, rateLaw, textLaw } from './proseLaws';
import { continuedByConnective, PROPOSITION_CHECKED, propositions } from './logical';
import {
  type BuildInputs,
  type BuildRecord,
  type Lists,
  type ModelCache,
  type RecordedState,
  firstDifference,
  resumePoint,
  recordAt,
  sameItemThrough,
} from './resume';
import {
  type Counters,
  isRenumbering,
  NO_RENUMBERING,
  type Renumbering,
  renumberingBetween,
  sameContextRenumbered,
  sameNumber,
  thenRenumbering,
  withCounters,
} from './renumber';
import {
  type Edit,
  editsBetween,
  equalTail,
  MAX_CARRIED_EDITS,
  mapOffset,
  countedThrough,
  movedClaim,
  sameEnvThrough,
  sameThrough,
} from './splice';
import type { DocumentMacros } from './macros';
import { keptContexts } from './proseKept';
import { keptEntries, keptMembers } from './keptEntries';
import {
  Env,
  kindOfNumber,
  type Binding,
  type DeclSpec,
  type Distribution,
  type Claim,
  type DocumentModel,
  type Entry,
  type Layer,
  type ModelProblem,
  type RecurrenceSpec,
  type SetKind,
  type Settings,
} from './types';

export const DEFAULT_SETTINGS: Settings = {
  trials: 20,
  tolerance: 1e-9,
  seed: 0,
  star: 'convolution',
  starChosen: false,
};

/** `\sqrt{a^2 + b^2} = 5`: a formula (not a lone name or number) worked out to a written number. */
function worksOutLink(lhs: Node, rhs: Node, op: string): boolean {
  if (op !== '=' && op !== '\\approx') return false;
  if (lhs.kind === 'sym' || lhs.kind === 'num') return false;
  return isNumericLiteral(rhs);
}

/**
 * `$21.4 / 1.12 \approx 19.1$ trillion`: a computation in written numbers that leads to the scaled
 * number reads the scale word as its unit, so the other sides may be in trillions too; a number
 * alone or given to a name (`$N = 1.21$B`) is scaled.
 */
function scaledOrWorded(read: Statement[], scale: number, mathEnd: number, source: string): Statement[] {
  const worded = withUnitOnLastNumber(read, SCALE_WORDS[scale], mathEnd, source);
  return worded !== read ? worded : withScaledLastNumber(read, scale, mathEnd, source);
}

interface Relation {
  lhs: Node;
  rhs: Node;
  op: Statement['ops'][number] /** The left side comes from an earlier display. */;
  carried?: boolean;
  /** Set for a side of ⟺ or ⟹ (model/logical.ts): a proposition, never a definition. */
  proposition?: string;
  /** `A = LU` before the factors are written out (model/writtenFactors.ts): a claim, never a definition. */
  factorisation?: boolean;
  /**
   * A later link of a chain that works a formula out to a written number (`c = \sqrt{a^2 + b^2} = 5`
   * after "with $a = 3$, $b = 4$ and"): the author's computation, a claim even inside a condition.
   */
  worksOut?: boolean;
  /**
   * `r = 6371 + 400 = 6771\,\mathrm{km}`: the unit on the last side of the chain the relation opens,
   * which the value of its first link is in too.
   */
  chainUnit?: Node;
}

/**
 * A value written as a number: literally, or in a prefixed unit (`m = 10.0` g, `R = 10\,\mathrm{k\Omega}`),
 * whose value is the number times the unit's factor.
 */
function givenNumber(entry: Extract<Entry, { kind: 'def' }>): boolean {
  return isLiteralValue(entry.expr) || (entry.unit !== undefined && isLiteralValue(entry.unit.written));
}

/** A number ending inline math, a unit symbol alone in the words, and the next span opening. */
const QUANTITY_IN_WORDS =
  /((?:^|[=<>$]|\\approx|\\le|\\ge|\\leq|\\geq)\s*)(\d+(?:\.\d+)?(?:\s*\\(?:times|cdot)\s*10\^\{?-?\d+\}?)?)[ \t]*(?:\$|\\\))[ \t~]*([A-Za-zµμΩ]+(?:\/[A-Za-z]+)?[²³]?)[ \t~]*(?:\$|\\\()[ \t]*$/;

/** The end of the math, then a unit symbol first in the words (`$ kJ`, `$~MPa`). */
const UNIT_AFTER_SPAN = /^\s*(?:\$|\\\))[ \t~]*([A-Za-zµμΩ]+(?:\/[A-Za-z]+)?[²³]?)(?![\w$\\])/;

/** A unit symbol from the words as upright TeX (`m²` → `m^2`, `kΩ` → `k\Omega`, `µF` → `uF`). */
function unitText(word: string): string {
  return word.replace(/²/g, '^2').replace(/³/g, '^3').replace(/Ω/g, '\\Omega').replace(/[µμ]/g, 'u');
}

export function buildModel(
  read: ReadResult,
  written: string,
  base: Partial<Settings> = {},
  parses?: ParseCache,
  kept?: ModelCache,
  /** Keep the previous model after the edit too (splice.ts); its moved claims are then pending. */
  splice = false,
): DocumentModel {
  // The prose is read with its line breaks as \n alone: a CRLF file's blank line (\r\n\r\n) ends a
  // paragraph as an LF file's does. Carriage returns become spaces, so every offset stays the same.
  const source = written.includes('\r') ? written.replace(/\r/g, ' ') : written;
  // Kept from the last build with a cache (documentReadings.ts): an edit pays for what it changed.
  const readings = kept
    ? documentReadings(read.items, source, kept.readings, writesWordProductsIn)
    : undefined;
  if (kept && readings) kept.readings = readings.record;
  const writtenDecimalComma = decimalCommaOf(read.items, source);
  const conventionalBase = conventionalLogBase(source);
  const settings = {
    ...DEFAULT_SETTINGS,
    ...(conventionalBase !== null ? { logBase: conventionalBase } : {}),
    ...base,
    ...((readings ? readings.indexSums : statesSummationConvention(source)) ? { indexSums: true } : {}),
    ...((readings ? readings.physicalUnits : writesPhysicalUnits(source)) ? { physicalUnits: true } : {}),
    // A setting, not builder state: a resumed build whose text now counts sets (or no longer does)
    // has other settings, so it is built again from the top, as a fresh build reads it.
    ...(countsSets(source) ? { countedSets: true } : {}),
    ...(writtenDecimalComma ? { decimalComma: writtenDecimalComma } : {}),
  };
  const decimalComma = settings.decimalComma ?? false;
  const words = readings ? readings.words : writesWordProducts(read);
  const signLabels = readings ? readings.signLabels : writesSignLabels(read);
  const deltaFactor = readings ? readings.deltaFactor : writesDeltaAlone(read);
  const acronyms = readings ? readings.acronyms : documentAcronyms(read);
  let contexts: ProseContext[];
  if (kept) {
    const r = keptContexts(read.items, source, read.kind, kept.prose);
    kept.prose = r.record;
    contexts = r.contexts;
  } else contexts = proseContexts(read.items, source, read.kind);
  // Table rows that give a symbol a number (tableValues.ts): new objects only for those cells, so
  // kept contexts elsewhere stay the same objects.
  contexts = withTableValues(contexts, read.items, source);
  const macros = documentMacros(read, source);
  const inputs: BuildInputs = {
    kind: read.kind,
    source,
    base: settings,
    words,
    signLabels,
    deltaFactor,
    acronyms,
    items: read.items,
    contexts,
    macros: macros.book.definitions,
    unreadMacros: [...macros.problems],
  };
  const cache = kept as ModelCache<BuilderState> | undefined;
  const from = cache ? resumePoint(cache.record, inputs) : undefined;
  const b = new Builder(source, settings);
  b.words = words;
  b.signLabels = signLabels;
  b.deltaFactor = deltaFactor;
  b.acronyms = acronyms;
  if (from && cache?.record) {
    b.restore(from.state, cache.record.lists);
    for (const p of cache.record.macroProblems.slice(cache.record.unreadMacros.length, from.macroProblems))
      macros.report(p);
    cache.resumed++;
  }
  const record = cache?.record;
  const states: BuildRecord<BuilderState>['states'] = from && record ? record.states : [];
  let kept_ = from ? states.filter((s) => s.item <= from.item) : [];
  let lastState = from ? from.item : -Infinity;
  // Only a resumed build shares the entries' marks and the environment with the previous one.
  const splicer = splice && from && record ? new Splicer(record, inputs, from) : undefined;
  let spliced = false;
  // Where the prose read for a stated layout starts: the end of the items before (unchanged when
  // a build resumes, since they lie before the edit).
  let proseFrom = from ? from.proseFrom : 0;
  // Where the sentence being read for a stated base of \log starts (see LOG_BASE_WINDOW).
  let logFrom = 0;
  const settingWords = new SettingWords(source);
  /** A math span parsed as the build parses it, inline or as a display. */
  const parseSpan = (it: MathSpan, display: boolean) =>
    macros.parse(
      it.text,
      it.start,
      { display, words: b.words && isPlainText(it.text), signLabels, deltaFactor, acronyms, decimalComma },
      parses,
    );
  /**
   * "… $k(x, x') = \sigma^2 \exp(-r^2/(2\ell^2))$ with $r = \|x - x'\|$": the spans after the one at
   * k, after "where" or "with" alone (then commas, "and"), that define by a formula a letter the span
   * at k writes and nothing gives a meaning yet (model/whereAfter.ts). Not a value (`where $r = 2$ is
   * the radius`), a condition (`with $r < 1$`) or a known name (a clause that restates a claim). The
   * statements of k read with the clause in place inside a function's rule in the clause's variables.
   */
  const definingClauseAfter = (k: number, statements: Statement[]) => {
    const item = read.items[k];
    if (item.kind !== 'math') return null;
    const parsedAt = (j: number) => {
      const at = read.items[j];
      if (at?.kind !== 'math' || at.display) return null;
      return parseSpan(at, false).statements;
    };
    const defs: { name: SymNode; expr: Node; op: Statement['ops'][number]; span: number }[] = [];
    // "… where $\tilde h = h b / q$, $b \sim \mathrm{Bernoulli}(q)$": a law the clause gives a letter.
    const laws: { statements: Statement[]; span: number }[] = [];
    // Letters the clause gives that are not read ahead: a formula read ahead must not use them.
    const others: string[] = [];
    for (let j = k + 1; j < read.items.length; j++) {
      const at = read.items[j];
      const prev = read.items[j - 1];
      if (at.kind !== 'math' || prev.kind !== 'math') break;
      const between = prose(source.slice(prev.outerEnd, at.outerStart), read.kind);
      if (!(j === k + 1 ? opensDefiningClause(between) : CLAUSE_GOES_ON.test(between))) break;
      const clause = parsedAt(j);
      if (!clause) break;
      const [name, expr] = clause[0]?.sides ?? [];
      const op = clause[0]?.ops[0];
      if (name?.kind === 'sym' && op) others.push(name.name);
      const defines =
        clause.length === 1 &&
        clause[0].ops.length === 1 &&
        (op?.op === '=' || op?.op === ':=') &&
        name.kind === 'sym' &&
        !isLiteralValue(expr) &&
        !isConstantFormula(expr) &&
        !someNode(expr, (n) => n.kind === 'sym' && n.name === name.name) &&
        !b.knows(name.name, item.block) &&
        writesName(statements, name.name) &&
        // "Let $P \in \mathbb{R}^{n \times n}$ with $P = \operatorname{diag}(x > 0)$": the clause gives
        // the object just declared its value; it is not a letter the declaration uses.
        !statements.some(
          (st) => st.sides[0]?.kind === 'sym' && st.sides[0].name === name.name && st.ops[0]?.op === '\\in',
        );
      const law =
        clause.length === 1 &&
        clause[0].ops.length === 1 &&
        op?.op === '\\sim' &&
        name?.kind === 'sym' &&
        readDistribution(expr, source.slice(expr.start, expr.end)) !== null &&
        !b.knows(name.name, item.block) &&
        (writesName(statements, name.name) || defs.some((d) => usesName(d.expr, name.name))) &&
        // "Write $X = \sum_i X_i$ where $X_i \sim \mathrm{Bernoulli}(p)$" for a binomial X: a random
        // variable written in terms of others is a representation, not a claim on independent draws.
        !statements.some((st) =>
          st.sides.some((side) => someNode(side, (n) => n.kind === 'sym' && b.isRandom(n.name, item.block))),
        );
      if (law) {
        others.pop();
        laws.push({ statements: clause, span: at.outerStart });
        continue;
      }
      // Only the clause's first spans, one after another: "where $s = …$ and $w = …$".
      if (!defines || defs.length < j - k - 1 - laws.length || !op || name.kind !== 'sym') continue;
      others.pop();
      defs.push({ name, expr, op, span: at.outerStart });
    }
    if (defs.length === 0 && laws.length === 0) return null;
    // "with $\alpha = (K + \lambda I)^{-1} y$, $K = XX^\top$": the clause goes on giving a letter its
    // formula uses, which the formula's K would miss read ahead alone (it may name an older K).
    if (defs.some((d) => others.some((name) => usesName(d.expr, name)))) return null;
    let withClause = statements;
    for (const d of defs) withClause = withClause.map((st) => ruleWithClause(st, d.name.name, d.expr));
    return { defs, laws, statements: withClause };
  };
  /**
   * "$$\operatorname{tr}(H) = \sum_j \frac{s_j^2}{s_j^2 + \lambda},$$ where $s_j$ are the singular values
   * of $X$": the spectrum the clause after the span at k names (model/spectrumWords.ts), defined
   * before the span is read, as a defining clause is (definingClauseAfter).
   */
  const spectrumClauseAfter = (k: number) => {
    const [at, names, matrix] = [read.items[k], read.items[k + 1], read.items[k + 2]];
    if (at?.kind !== 'math' || names?.kind !== 'math' || names.display) return;
    if (matrix?.kind !== 'math' || matrix.display) return;
    // The words' regular expression first: rarely met, it spares the clause's prose on every span.
    const words = spectrumWords('', source.slice(names.outerEnd, matrix.outerStart));
    if (!words || !opensDefiningClause(prose(source.slice(at.outerEnd, names.outerStart), read.kind))) return;
    const listed = spectrumNames(parseSpan(names, false).statements);
    const of = listed ? parseSpan(matrix, false).statements : [];
    if (!listed || of.length !== 1 || of[0].ops.length !== 0) return;
    const text = source.slice(names.outerStart, matrix.outerEnd).replace(/\s+/g, ' ');
    b.spectrumInWords([listed], of[0].sides[0], words, text, at.block);
  };
  for (let k = from ? from.item : 0; k < read.items.length; k++) {
    const item = read.items[k];
    splicer?.reaching(k, b.counters());
    // States before the items a later edit may resume from: each passage's first, and every 8th.
    if (cache && k > lastState && (k - lastState >= 8 || contexts[k].passage !== contexts[k - 1]?.passage)) {
      const state = b.snapshot();
      const now = { item: k, state, macroProblems: macros.problems.length, proseFrom };
      // Which claims still open here this item drops before any span can replace them: the same in
      // both builds, as the text and the contexts from here on are (Splicer.sameState).
      const drops = (): OpenDropped => {
        const openedAt = item.kind === 'math' ? item.outerStart : item.start;
        const words = source.slice(proseFrom, Math.max(proseFrom, openedAt));
        const prev = state.context;
        return {
          displays: dropsDisplayClaims(words, item.kind === 'math' && item.display),
          where: contexts[k].section !== prev.section || contexts[k].passage !== prev.passage,
        };
      };
      const rest = splicer?.keep(now, b, macros, drops);
      kept_.push(now);
      lastState = k;
      if (rest) {
        kept_ = kept_.concat(rest);
        spliced = true;
        break;
      }
    }
    b.enter(contexts[k]);
    const openedAt = item.kind === 'math' ? item.outerStart : item.start;
    b.proseRead(source.slice(proseFrom, Math.max(proseFrom, openedAt)), item.kind === 'math' && item.display);
    // A sentence that names the layout ("we use the numerator layout") sets it from there on.
    const itemStart = item.kind === 'math' ? item.outerStart : item.start;
    const wordsBefore = source.slice(proseFrom, Math.max(proseFrom, itemStart));
    if (itemStart > proseFrom) {
      const words = prose(source.slice(proseFrom, itemStart), read.kind);
      b.stateLayout(statedLayout(words));
    }
    // "Throughout, $\log$ is base $2$" (model/logBase.ts), from here on. The sentence holds math
    // spans, so it is read from the source since the last sentence that ended, not from the gap.
    const logWindow = Math.max(logFrom, itemStart - LOG_BASE_WINDOW);
    if (itemStart > logFrom && settingWords.within(logWindow, itemStart)) {
      const from = logWindow;
      const text = prose(source.slice(from, itemStart), read.kind);
      b.stateLogBase(statedLogBase(text));
      b.stateAngleUnit(statedAngleUnit(text));
      const ended = lastSentenceEnd(text);
      if (ended >= 0 && text.length === itemStart - from) logFrom = from + ended;
    }
    proseFrom = Math.max(proseFrom, itemEndOf(item));
    if (item.kind === 'math') {
      b.spans++;
      const parsed = parseSpan(item, item.display);
      for (const p of parsed.problems)
        b.problems.push({ start: p.start, end: p.end, code: 'syntax', message: p.message });
      const after = item.display ? '' : source.slice(item.outerEnd, item.outerEnd + 12);
      const scale = scaleAfter(after);
      const unit = unitAfter(after);
      const read = withScientificDivisors(
        withScaleLetters(parsed.statements, settings.physicalUnits === true),
      );
      let statements =
        scale !== null
          ? scaledOrWorded(read, scale, item.end, source)
          : unit !== null
            ? withUnitOnLastNumber(read, unit, item.end, source)
            : settings.physicalUnits === true && !item.display
              ? withGivenUnit(read, source.slice(item.outerEnd, item.outerEnd + 16), item.end, source)
              : read;
      const ctx = contexts[k];
      // The clause "with $r = \|x - x'\|$" was read with the formula before it (definedAhead).
      if (b.aheadSpans.includes(item.outerStart)) continue;
      spectrumClauseAfter(k);
      const ahead = definingClauseAfter(k, statements);
      if (ahead) {
        b.aheadSpans = [];
        for (const law of ahead.laws) b.lawAhead(law.statements, item.block, law.span);
        const readAhead = ahead.defs.filter((d) => b.definedAhead(d.name, d.expr, d.op, item.block, d.span));
        // A function's rule takes the clause in place only when every letter of it was read ahead.
        if (readAhead.length === ahead.defs.length) statements = ahead.statements;
      }
      if (ctx.cellValue !== undefined && ctx.cellValueAt !== undefined)
        b.tableValue(statements, ctx.cellValue, ctx.cellValueAt);
      if (ctx.scalarWords) b.scalarInWords(statements, ctx.scalarWords);
      const before = b.claims.length;
      b.statements(statements, item.block, parsed.tag, item.display, false, parsed.problems);
      if (item.display) b.displayRead(before);
      else {
        // "where $U$ and $V$ are orthogonal", "an orthogonal matrix $Q$" (model/matrixWords.ts).
        const next = inputs.items[k + 1];
        const nextStart = next ? (next.kind === 'math' ? next.outerStart : next.start) : source.length;
        const wordsAfter = source.slice(item.outerEnd, Math.min(nextStart, item.outerEnd + 120));
        const after = matrixKindAfter(wordsAfter, ctx.rowCondition || ctx.role === 'hypothesis');
        const declares = statements.some((st) => st.ops.length === 1 && st.ops[0].op === '\\in');
        // "for orthogonal $U$ and $V$", "for any square $A$, $B$": the words before the first name
        // of a list of names joined by commas or "and" are said of each of them.
        const listedBefore = wordsBeforeList(inputs.items, k, source) ?? wordsBefore;
        const before = matrixKindBefore(listedBefore, declares);
        const prepositional = (after ?? before) ? null : matrixKindAfterPreposition(listedBefore);
        const kind = after ?? before ?? prepositional;
        if (kind) {
          const names = subjectNames(statements);
          // The names joined to this one by "and" or commas share what the words say of it.
          for (let j = k - 1; after && j >= 0; j--) {
            const prev = inputs.items[j];
            const following = inputs.items[j + 1];
            if (prev.kind !== 'math' || prev.display || following.kind !== 'math') break;
            if (!NAME_JOINER.test(source.slice(prev.outerEnd, following.outerStart))) break;
            // "$V \in …$, $V^\top V = I$, and $\Sigma \in …$ diagonal": a relation ends the list.
            const joined = subjectNames(parseSpan(prev, false).statements);
            if (joined.length === 0) break;
            names.push(...joined);
          }
          const words = (after ? wordsAfter : wordsBefore).trim().slice(0, 60);
          if (ctx.rowCondition) b.qualifyAwaitingKind(names, kind, words);
          else {
            b.matrixInWords(names, kind, words, item.block, prepositional !== null);
            // "$… = 2Ax$ if $A$ is symmetric", "… is right for symmetric $A$": the claim before the
            // condition holds under it too.
            if (ctx.role === 'hypothesis' || !after) b.qualifyAwaitingKind(names, kind, words);
          }
        } else if (ctx.rowCondition && GENERIC_CONDITION.test(wordsAfter)) {
          b.qualifyAwaitingKind(subjectNames(statements), null, '');
        }
        // "$p, q$ are distributions on $\{1, \dots, K\}$": probability vectors of length K.
        const support =
          next?.kind === 'math' && !next.display && DISTRIBUTIONS_ON.test(wordsAfter)
            ? finiteSupportSize(parseSpan(next, false).statements)
            : null;
        if (support && next?.kind === 'math') {
          const words = source.slice(item.outerStart, next.outerEnd).replace(/\s+/g, ' ');
          b.distributionsInWords(subjectNames(statements), support, words, item.block);
        }
        // "$X$ is invertible", "for a nonsingular $X$": an m×n X is square (model/squareWords.ts).
        const square = saysSquare(wordsBefore, wordsAfter);
        if (square) b.squareInWords(subjectNames(statements), item.block, square === 'qualified');
        // "Let $A$ be an invertible matrix and $u, v$ vectors": no size given (sizelessWords.ts).
        const noun = sizelessNoun(listedBefore.slice(-60), wordsAfter);
        if (noun) {
          const quantified = QUANTIFIED.test(wordsBefore.slice(-40));
          const words =
            source.slice(item.outerStart, item.outerEnd) + wordsAfter.replace(/\s+/g, ' ').slice(0, 30);
          const names = subjectNames(statements);
          // "if $A$ and $B$ are square": the names joined to this one share the adjective after it.
          for (let j = k - 1; matrixAdjectiveAfter(wordsAfter) && j >= 0; j--) {
            const prev = inputs.items[j];
            const following = inputs.items[j + 1];
            if (prev.kind !== 'math' || prev.display || following.kind !== 'math') break;
            if (!NAME_JOINER.test(source.slice(prev.outerEnd, following.outerStart))) break;
            names.unshift(...subjectNames(parseSpan(prev, false).statements));
          }
          const adjectiveOnly =
            !sizelessNoun(listedBefore.slice(-60), '') && matrixAdjectiveAfter(wordsAfter);
          // "… whenever $A$ is symmetric": the words quantify the claim before them, for their sentence.
          const reach = quantified || adjectiveOnly;
          b.sizelessInWords(names, noun, words.trim(), reach, item.block, adjectiveOnly);
        }
        // "Let $A, B$ be $n \times n$ matrices", "for any $n \times n$ matrices $A$ and $B$" (sizeWords.ts).
        const size =
          statements.length === 1 && statements[0].ops.length === 0 ? statements[0].sides[0] : null;
        if (size && isMatrixSize(size) && SIZE_NOUN.test(wordsAfter)) {
          const namesOf = (j: number, capitals = false): SymNode[] => {
            const it = inputs.items[j];
            if (it?.kind !== 'math' || (it.display && !capitals)) return [];
            const read = parseSpan(it, it.display).statements;
            return capitals
              ? read.filter((st) => st.ops.length > 0).flatMap(matrixLetters)
              : subjectNames(read);
          };
          const gap = (j: number) => {
            const [x, y] = [inputs.items[j], inputs.items[j + 1]];
            return x && y ? source.slice(itemEndOf(x), y.kind === 'math' ? y.outerStart : y.start) : '';
          };
          const names: SymNode[] = [];
          if (k > 0 && NAMES_THEN_SIZE.test(gap(k - 1))) {
            for (let j = k - 1; j >= 0 && (j === k - 1 || NAME_JOINER.test(gap(j))); j--) {
              const found = namesOf(j);
              if (found.length === 0) break;
              names.push(...found);
            }
            // "$X$ is the $n \times p$ design matrix": "the" declares only a name with no meaning yet.
            if (NAMES_THEN_THE_SIZE.test(gap(k - 1)))
              names.splice(0, names.length, ...names.filter((x) => !b.env.lookup(x.name, item.block)));
          } else if (SIZE_THEN_NAMES.test(gap(k)))
            for (
              let j = k + 1;
              j < inputs.items.length && (j === k + 1 || NAME_JOINER.test(gap(j - 1)));
              j++
            ) {
              const found = namesOf(j);
              if (found.length === 0) break;
              names.push(...found);
            }
          const quantified = QUANTIFIED.test(wordsBefore.slice(-40));
          const words =
            source.slice(item.outerStart, item.outerEnd) + wordsAfter.replace(/\s+/g, ' ').slice(0, 20);
          if (names.length > 0) {
            b.matrixSizeInWords(
              names,
              size,
              words.trim(),
              quantified ? 'sentence' : 'on',
              item.block,
              FULL_COLUMN_RANK_AFTER_NOUN.test(wordsAfter),
            );
            b.declaredAfterUse(names, item.block);
          } else if (UNNAMED_SIZE_LEAD.test(wordsAfter)) {
            // "For $n \times n$ matrices:" then a list, or ", $\det(AB) = …$": the capitals of the
            // claims it leads are such matrices, through the list or for the sentence.
            const here = contexts[k];
            const letters = new Map<string, SymNode>();
            let listed = false;
            for (let j = k + 1; j < inputs.items.length; j++) {
              const cj = contexts[j];
              const inList = cj.listLead === here.passage && cj.passage !== here.passage;
              if (!inList && cj.passage !== here.passage) break;
              if (!inList && cj.sentence !== here.sentence) continue;
              listed ||= inList;
              for (const st of namesOf(j, true)) letters.set(st.name, st);
            }
            b.matrixSizeInWords(
              [...letters.values()],
              size,
              words.trim(),
              listed ? 'passage' : 'sentence',
              item.block,
            );
          }
        }
        // "The minibatch $X$ is $N \times D$", "$b$ is a vector of length $C$" (model/shapeWords.ts).
        const lone =
          statements.length === 1 && statements[0].ops.length === 0 ? statements[0].sides[0] : null;
        const prevItem = inputs.items[k - 1];
        if (lone && prevItem?.kind === 'math' && !prevItem.display && !SIZE_NOUN.test(wordsAfter)) {
          const between = source.slice(itemEndOf(prevItem), item.outerStart);
          const tuple = tupleShape(lone);
          // At most 60 characters back: a search to the document's start per span was quadratic.
          const near = Math.max(0, prevItem.outerStart - 60);
          const back = source.slice(near, prevItem.outerStart + 2);
          const at = prevItem.outerStart - near;
          const sentenceStart = Math.max(
            near + back.lastIndexOf('.', at),
            near + back.lastIndexOf('\n\n', at),
            prevItem.outerStart - 60,
          );
          const words_ = shapeWordsBetween(
            between,
            wordsAfter,
            lone,
            source.slice(sentenceStart, prevItem.outerStart),
          );
          // "$X$ carrée de taille $n$", "$X$ square of size $n$": a square matrix, n × n.
          const square = SQUARE_OF_SIZE.test(between) && SHAPE_END.test(wordsAfter) && isLoneSize(lone);
          const squared: Node | null = square
            ? { kind: 'bin', op: 'times', left: lone, right: lone, start: lone.start, end: lone.end }
            : null;
          const shape = squared
            ? 'shape'
            : isShapeSize(lone)
              ? words_
              : tuple && words_ === 'shape'
                ? words_
                : null;
          const length = !square && isLoneSize(lone) ? vectorLengthWords(between, wordsAfter) : false;
          if (shape || length) {
            const opts = {
              display: false,
              words: b.words && isPlainText(prevItem.text),
              signLabels,
              deltaFactor,
              decimalComma,
            };
            const names = subjectNames(
              macros.parse(prevItem.text, prevItem.start, opts, parses).statements,
            ).filter((n) => shape !== 'capital' || isMatrixLetter(n));
            const words = source.slice(prevItem.outerStart, item.outerEnd).replace(/\s+/g, ' ');
            b.shapeInWords(
              names,
              squared ?? (shape && tuple ? tuple : lone),
              words,
              shape === 'capital',
              item.block,
            );
          }
        }
        // "where $s_j$ are the singular values of $X$", "the eigenvalues $\lambda_i$ of $A$"
        // (model/spectrumWords.ts).
        if (lone && prevItem?.kind === 'math' && !prevItem.display) {
          const between = source.slice(itemEndOf(prevItem), item.outerStart);
          const before = source.slice(Math.max(0, prevItem.outerStart - 80), prevItem.outerStart);
          const spectrum = spectrumWords(before, between);
          if (spectrum) {
            const names: { names: SymNode[]; order: SpectrumOrder }[] = [];
            for (let j = k - 1; j >= 0; j--) {
              const span = inputs.items[j];
              if (span.kind !== 'math' || span.display) break;
              const listed = spectrumNames(parseSpan(span, false).statements);
              if (!listed) break;
              names.unshift(listed);
              const joiner = inputs.items[j - 1];
              if (
                joiner?.kind !== 'math' ||
                !NAME_JOINER.test(source.slice(itemEndOf(joiner), span.outerStart))
              )
                break;
            }
            const words = source.slice(prevItem.outerStart, item.outerEnd).replace(/\s+/g, ' ');
            b.spectrumInWords(names, lone, spectrum, words, item.block);
          }
        }
        // "Let $X_1, \dots, X_n$ be i.i.d. with mean $\mu$ and variance $\sigma^2$" (model/momentWords.ts).
        const copyOf = copiesLead(wordsAfter) ? inputs.items[k + 1] : undefined;
        if (copyOf?.kind === 'math' && !copyOf.display) {
          const of = memberNames(parseSpan(copyOf, false).statements);
          const words = source.slice(item.outerStart, copyOf.outerEnd).replace(/\s+/g, ' ');
          if (of.length === 1) b.copiesInWords(memberNames(statements), of[0], words, item.block);
        }
        // "Let $X, Y$ be independent Uniform(0,1)", "… i.i.d. $\text{Exp}(\lambda)$" (model/proseLaws.ts).
        // The names listed up to this span, joined by commas or "and" ("$X$, $Y$ and $Z$ are …"), or
        // each after its noun ("the weights $w_j$ and the inputs $x_j$ are independent",
        // NAME_THEN_NOUN) — the order noun clauses giving moments next follow (nounMomentLead).
        const joinedUpTo = (joiner: RegExp): SymNode[] => {
          const names: SymNode[] = [];
          for (let j = k - 1; j >= 0; j--) {
            const [prev, following] = [inputs.items[j], inputs.items[j + 1]];
            if (prev.kind !== 'math' || prev.display || following.kind !== 'math') break;
            if (!joiner.test(source.slice(prev.outerEnd, following.outerStart))) break;
            const found = memberNames(parseSpan(prev, false).statements);
            if (found.length === 0) break;
            names.unshift(...found);
          }
          names.push(...memberNames(statements));
          return names;
        };
        const lawLead = memberNames(statements).length > 0 ? proseLawLead(wordsAfter) : null;
        // "If $X$ and $Y$ are independent, then …": independent, of laws the text does not give.
        // "Events $A$ and $B$ are independent" speaks of events, not of random variables.
        const independentOnly = () =>
          /\bevents?\s*$/i.test(listedBefore)
            ? undefined
            : b.independentInWords(
                joinedUpTo(NAME_JOINER),
                source.slice(item.outerStart, item.outerEnd + 40),
                item.block,
              );
        // The sentence's noun clauses may give these names moments next (nounMomentLead below).
        const independentHere = () => {
          independentOnly();
          b.saidIndependent = { sentence: ctx.sentence, names: joinedUpTo(NAME_THEN_NOUN), given: 0 };
        };
        if (!lawLead && memberNames(statements).length > 0 && independentAlone(wordsAfter)) independentHere();
        if (lawLead) {
          const names = joinedUpTo(NAME_JOINER);
          const restAt = item.outerEnd + wordsAfter.length - lawLead.rest.length;
          const lawSpan = next?.kind === 'math' && !next.display ? next : null;
          const side = lawSpan ? parseSpan(lawSpan, false).statements : [];
          const lone = side.length === 1 && side[0].ops.length === 0 ? side[0].sides[0] : null;
          let law: { dist: Distribution; text: string; end: number } | null = null;
          if (lone && lawSpan && lawLead.rest.trim() === '' && restAt === nextStart) {
            const written = source.slice(lone.start, lone.end);
            const known = (name: string) => {
              const e = b.env.lookup(name, item.block);
              return e?.kind === 'fn' || (e?.kind === 'def' && e.params !== null);
            };
            const applied = appliedLaw(lone, written, contexts[k + 1]?.geometricCount, known);
            const dist = readDistribution(lone, written) ?? (applied?.ok ? applied.dist : null);
            if (dist) law = { dist, text: written, end: lawSpan.outerEnd };
          } else {
            // "exponential with rate $\mu$": the span after the words is the law's parameter.
            const rate =
              lone && lawSpan && restAt + lawLead.rest.length === nextStart
                ? rateLaw(lawLead.rest, lone)
                : null;
            const found = rate ? null : textLaw(lawLead.rest, restAt);
            if (rate && lone && lawSpan)
              law = {
                dist: rate,
                text: `${lawLead.rest.trim()} ${source.slice(lone.start, lone.end)}`,
                end: lawSpan.outerEnd,
              };
            else if (found) law = { ...found, end: restAt + found.text.length };
          }
          if (law && !lawContinues(source.slice(law.end, law.end + 80))) {
            const words = source.slice(item.outerStart, law.end).replace(/\s+/g, ' ');
            b.lawInWords(names, law.dist, law.text, lawLead.independent, words, item.block);
          } else if (!law && independentAlone(wordsAfter)) independentHere();
        }
        const said = b.saidIndependent?.sentence === ctx.sentence ? b.saidIndependent : null;
        const stemOf = (n: SymNode) => (n.sub === null ? n.name : n.stem);
        // "the $w_i$ and $x_i$ are mutually independent, the $w_i$ have mean …": the sentence said it.
        const saidOf = (names: SymNode[]) =>
          said !== null && names.every((n) => said.names.some((m) => stemOf(m) === stemOf(n)));
        const wordsLead = conditionalSentence(wordsBefore) ? null : momentLead(wordsAfter);
        const lead =
          wordsLead && !wordsLead.independent && saidOf(memberNames(statements))
            ? { ...wordsLead, independent: true }
            : wordsLead;
        // "Let $Z_1, Z_2$ be i.i.d. with mean 2 and variance 3": both moments in plain words.
        const numbers = lead || conditionalSentence(wordsBefore) ? null : momentNumbersInWords(wordsAfter);
        if (numbers && memberNames(statements).length > 0) {
          const at = item.outerEnd;
          const num = (value: number): Node => ({
            kind: 'num',
            value,
            text: String(value),
            start: at,
            end: at,
          });
          const words = source.slice(item.outerStart, at + numbers.length).replace(/\s+/g, ' ');
          const names = memberNames(statements);
          b.momentsInWords(names, num(numbers.mean), num(numbers.variance), numbers.lead, words, item.block);
        }
        if (lead) {
          const spanAt = (j: number): Node | null => {
            const it = inputs.items[j];
            if (it?.kind !== 'math' || it.display) return null;
            const st = parseSpan(it, false).statements;
            if (st.length !== 1) return null;
            // "with mean $\mu = 2$": the name's value is the moment (the span defines the name too).
            const named = st[0].ops.length === 1 && st[0].ops[0].op === '=' && st[0].sides[0].kind !== 'num';
            return st[0].ops.length === 0 || named ? st[0].sides[st[0].sides.length - 1] : null;
          };
          const gapAfter = (j: number) => {
            const [x, y] = [inputs.items[j], inputs.items[j + 1]];
            if (!x) return '';
            const end = y ? (y.kind === 'math' ? y.outerStart : y.start) : source.length;
            return source.slice(itemEndOf(x), Math.min(end, itemEndOf(x) + 80));
          };
          const zero: Node = { kind: 'num', value: 0, text: '0', start: item.end, end: item.end };
          const mean = lead.zeroMean ? zero : spanAt(k + 1);
          const last = lead.zeroMean ? k + 1 : k + 2;
          const variance = lead.zeroMean || thenVariance(gapAfter(k + 1)) ? spanAt(last) : null;
          const lastItem = inputs.items[last];
          if (mean && variance && lastItem?.kind === 'math' && !lawNamedAfter(gapAfter(last))) {
            const words = source.slice(item.outerStart, lastItem.outerEnd).replace(/\s+/g, ' ');
            // "$q, k \in \mathbb{R}^{d}$ have independent entries with mean …", "the entries of $W \in
            // \mathbb{R}^{m \times n}$ are i.i.d. with mean …": the law is of each entry of declared tensors.
            // "the entries of a query $q \in …$ and a key $k \in …$ are independent with …": the
            // declarations joined before the one the words follow are read with it.
            let first = k;
            while (first > 0) {
              const [prev, following] = [inputs.items[first - 1], inputs.items[first]];
              if (prev.kind !== 'math' || prev.display || following.kind !== 'math') break;
              if (!DECLARATION_JOINER.test(source.slice(prev.outerEnd, following.outerStart))) break;
              if (declaredNames(parseSpan(prev, false).statements).length === 0) break;
              first--;
            }
            const firstAt = (inputs.items[first] as { outerStart: number }).outerStart;
            const entriesOf = ENTRIES_OF.test(source.slice(Math.max(0, firstAt - 60), firstAt));
            const entries = lead.entries || entriesOf;
            const joined = entriesOf && first < k ? inputs.items.slice(first, k) : [];
            const declaredHere = [
              ...joined.flatMap((it) =>
                it.kind === 'math' ? declaredNames(parseSpan(it, false).statements) : [],
              ),
              ...declaredNames(statements),
            ];
            // "the entries of $W$ are i.i.d. with …" for a W declared earlier: the bare name is it.
            const names = entries && declaredHere.length > 0 ? declaredHere : memberNames(statements);
            b.momentsInWords(names, mean, variance, { ...lead, entries }, words, item.block);
          }
        }
        // "…, the weights have mean zero and variance $2/n$, and the inputs have mean zero and variance
        // $v$": each noun clause after the names the sentence said independent is the next name's.
        const nounLead = said && said.given < said.names.length ? nounMomentLead(wordsBefore) : null;
        const loneOf = (st: typeof statements) =>
          st.length === 1 && st[0].ops.length === 0 ? st[0].sides[0] : null;
        const nounMean = nounLead?.zeroMean === false ? loneOf(statements) : null;
        const varianceItem = nounLead?.zeroMean ? item : nounMean ? next : null;
        const varianceSide =
          varianceItem?.kind === 'math' &&
          !varianceItem.display &&
          (nounLead?.zeroMean || thenVariance(wordsAfter))
            ? loneOf(parseSpan(varianceItem, false).statements)
            : null;
        if (said && nounLead && varianceItem?.kind === 'math' && varianceSide) {
          const mean: Node = nounMean ?? {
            kind: 'num',
            value: 0,
            text: '0',
            start: item.start,
            end: item.start,
          };
          const name = said.names[said.given];
          b.saidIndependent = { ...said, given: said.given + 1 };
          const words = source.slice(item.outerStart - wordsBefore.length, varianceItem.outerEnd);
          const lead = { independent: true, entries: false };
          b.momentsInWords([name], mean, varianceSide, lead, words.replace(/\s+/g, ' '), item.block);
        }
      }
    } else {
      b.directive(item.text, item.start, item.block);
    }
  }
  if (cache) {
    cache.itemsBuilt += (spliced ? lastState : read.items.length) - (from ? from.item : 0);
    if (spliced) cache.spliced++;
    cache.record = {
      ...inputs,
      macroProblems: [...macros.problems],
      states: kept_,
      lists: b.lists(),
      final: { env: b.env, spans: b.spans },
    };
  }
  const problems: ModelProblem[] = read.problems.map((p) => ({
    start: p.start,
    end: p.end,
    code: p.code,
    message: p.message,
  }));
  problems.push(...b.problems);
  for (const p of macros.problems) problems.push({ ...p, code: 'definition' });
  return { claims: b.claims, problems, bindings: b.bindings, spans: b.spans, env: b.env };
}

/**
 * How far back a stated base of \log is looked for before each span: a sentence's length, so that
 * text without full stops is not read again at every span. A build that resumes after an edit reads
 * this much again, which states nothing the restored settings do not already hold.
 */
const LOG_BASE_WINDOW = 2000;
/** A decimal of three significant digits or more (`1.773`, `0.6268`): a result written rounded. */
function isRoundedDecimal(n: Node): boolean {
  const x = n.kind === 'neg' ? n.operand : n;
  return (
    x.kind === 'num' && /^\d*\.\d+$/.test(x.text) && x.text.replace('.', '').replace(/^0+/, '').length >= 3
  );
}

/** How far recall follows an ended formula's names to the values it uses (E = ½mv², then m and v). */
const RECALL_DEPTH = 3;

/** The offset just after the last full stop (or ; ! ?) that ends a sentence in `text`, or -1. */
function lastSentenceEnd(text: string): number {
  let end = -1;
  for (const m of text.matchAll(/[.!?;](?=\s)/g)) end = (m.index ?? 0) + 1;
  return end;
}

/** `(2, 0)`, `(1, -1, 3)`: a tuple of two or more plain numbers. */
function isNumberTuple(n: Node): boolean {
  const items = n.kind === 'group' && n.open === '(' ? n.items : n.kind === 'list' ? n.items : null;
  return items !== null && items.length >= 2 && items.every((x) => isNumericLiteral(x));
}

/** Words that draw what follows from what came before. */
/** "Then $v(s_2) = 4/7$": the sentence draws what follows from before. */
const THEN_BEFORE = /\bthen\b[^.]*$/i;
/** Words after `p(k) = 0` that set it for every point not listed ("for any other k", "otherwise"). */
const OTHERWISE = /^[^.;]*?\b(?:other|otherwise|elsewhere|else)\b/i;

/** How a list of entries (`x_1, \dots, x_n`) introduces its vector: the reader's, of any values. */
const LISTED_ENTRIES = 'any vector of the listed entries';
/** Between two names of a list, each perhaps after its noun: ", ", " and ", " and the inputs ". */
const NAME_THEN_NOUN = /^\s*(?:,|and|,\s*and)\s*(?:the\s+[a-z]+\s*)?$/i;
/** CONSEQUENCE without "give": words that draw a result rather than hand over data. */
const DRAWN = /\b(?:so|thus|hence|therefore|i\.e\.|that\s+is|we\s+get|giving|yields?)\b/i;
const CONSEQUENCE = /\b(?:so|thus|hence|therefore|i\.e\.|that\s+is|we\s+get|gives?|giving|yields?)\b/i;
/** "At $\gamma = 0$ it reduces to cross-entropy, …": what a rule becomes in a special case. */
const REDUCES_TO =
  /\b(?:(?:reduces?|simplif(?:ies|y)|collapses?|specialises?|specializes?|boils?\s+down)\s+to|becomes?|recovers?)\b/i;

/** The words before an item as proseRead reads them: a comment after a display (`<!-- … -->`) is not read. */
function wordsRead(words: string): string {
  return words.replace(/<!--[\s\S]*?-->/g, '');
}

/** The layers a claim's walk for upstream gradients reads (check/upstreamLoss.ts MAX_LAYERS), and more. */
const UPSTREAM_LAYERS = 2100;

/**
 * Whether a formula with a derivative lies among the layers just above `env`: a claim's walk over its
 * nearest layers, whatever their names (check/upstreamLoss.ts, MAX_LAYERS), reads such formulas, and
 * layers passed over by a splice would move its reach by as many for the claims below.
 */
function derivativeNear(env: Env): boolean {
  let at: Env | null = env;
  for (let k = 0; at && k < UPSTREAM_LAYERS; k++, at = at.parent) {
    const e = at.entry;
    if (e?.kind === 'def' && e.params === null && someNode(e.expr, (x) => x.kind === 'deriv')) return true;
  }
  return false;
}

/** The fields of a tree that hold a name: a symbol's key, stem and base letter, a function's, an index's. */
const WRITTEN_KEYS = new Set(['name', 'stem', 'base', 'fn']);

/** The names an item's math writes as the builder parses it, by its text (Splicer.unwritten). */
const writtenCache = new Map<string, readonly string[]>();

function writtenNames(
  item: DocItem,
  words: boolean,
  options: { signLabels: boolean; deltaFactor: boolean; acronyms: readonly string[] },
): readonly string[] {
  let text = item.text;
  let display = false;
  if (item.kind === 'directive') {
    // Only `assume` reads math; the other directives name settings.
    const m = /^\s*assume\b\s*([\s\S]*)$/.exec(item.text);
    if (!m) return [];
    text = m[1];
  } else display = item.display;
  const plainWords = item.kind === 'math' && words && isPlainText(text);
  const key = `${display ? 'd' : 'i'}${plainWords ? 'w' : ''}${options.signLabels ? 's' : ''}${
    options.deltaFactor ? 'D' : ''
  }${options.acronyms.join(',')}\u0001${text}`;
  const held = writtenCache.get(key);
  if (held) return held;
  const parsed = parseMath(text, 0, {
    display,
    words: plainWords,
    signLabels: options.signLabels,
    deltaFactor: options.deltaFactor,
    acronyms: options.acronyms,
  });
  const out = new Set<string>();
  const visit = (x: unknown, depth: number): void => {
    if (depth > 400 || typeof x !== 'object' || x === null) return;
    if (Array.isArray(x)) {
      for (const y of x) visit(y, depth + 1);
      return;
    }
    for (const [k, v] of Object.entries(x)) {
      if (typeof v === 'string' && WRITTEN_KEYS.has(k)) out.add(v);
      else visit(v, depth + 1);
    }
  };
  visit(parsed.statements, 0);
  const names = [...out];
  if (writtenCache.size >= 20_000) writtenCache.clear();
  writtenCache.set(key, names);
  return names;
}

/**
 * Claims still open at a recorded boundary that the next item drops before any span can replace them
 * (Builder.enter, proseRead): `displays`, the claims of the displays above, when the words before the
 * item are no "where" clause (and the item is no display right after them); `where`, the claims a
 * "where" clause spoke of, when the item starts another passage or section.
 */
interface OpenDropped {
  displays: boolean;
  where: boolean;
}

/**
 * Whether the words before an item (a display or not) drop the claims of the displays above without
 * handing them to a "where" clause (Builder.proseRead): those claims are then final, nothing after
 * replaces them.
 */
function dropsDisplayClaims(words: string, display: boolean): boolean {
  const read = wordsRead(words);
  return !WHERE_CLAUSE.test(read) && !(display && read.trim() === '');
}

/** The words of a passage that opens with "where" (a comma may come first): it speaks of the display above. */
const WHERE_CLAUSE = /^[\s,]*where\b/i;
/** The words between two definitions of one clause: a comma, "and". */
const CLAUSE_GOES_ON = /^[\s,;]*(?:and\s*)?$/i;

/**
 * The scopes running text's values live in: the current sentence, passage and section, and the
 * passage whose colon introduced the list being read (`lead`, its prose number `leadPassage`),
 * kept open through that list's items.
 */
interface Scopes {
  sentence: number;
  passage: number;
  section: number;
  lead: number | null;
  leadPassage: number | null;
  /**
   * The scope of the values this passage's sentences chose ("Take $p = \pi/4$."), while it is read;
   * `passageClaimed`, whether the passage has made a claim; `setups`, the scopes of such values kept
   * past a passage that made no claim, each with the section it lasts to (enter(), keepSetup()).
   */
  setup: number | null;
  passageClaimed: boolean;
  setups: readonly (readonly [number, number])[];
  /** Whether the section being read has made a claim before this passage (keepSectionGivens). */
  sectionClaimed: boolean;
}

/** How a splice compares each field of the builder's state (see Splicer); a new field must say. */
/** The letters notes use for densities, also with a parameter subscript (`p_\theta`, `q_\phi`). */
const DENSITY_LETTER = /^[pq](?:_|$)/;

const STATE_FIELDS = {
  env: 'env',
  // A count of the spans read, never read by the builder: the spliced model's moves with it.
  spans: 'output',
  assumptions: 'same',
  // Counters (renumber.ts withCounters) and the lists that hold their numbers, by position.
  at: 'relation',
  settings: 'same',
  lastDisplaySide: 'same',
  lastDisplayBroken: 'same',
  cellSides: 'same',
  context: 'context',
  scopes: 'scopes',
  nextScope: 'scope',
  scoped: 'scope@0',
  conditions: 'same',
  currentText: 'same',
  currentBlock: 'block',
  inDisplay: 'same',
  writingSequence: 'same',
  // Sentence ids the builder compares only with the current sentence's: any other is spent (the
  // current sentence's id is always new), and all spent ones read alike.
  valueSentence: 'sentence',
  unnamedValues: 'same',
  momentFacts: 'same',
  saidIndependent: 'same',
  caseEpoch: 'same',
  // The texts of decimals claims computed and rounded (reusedRoundedResults): a later claim reads them.
  roundedResults: 'same',
  // Computations of numbers earlier claims gave rounded decimals (./standIns.ts).
  standIns: 'same',
  declaredInSentence: 'sentence@1',
  // Indices of claims a later span may still replace: a splice needs none open.
  qualifiedClaims: 'none',
  awaitingQualifier: 'none',
  displayClaims: 'none',
  pendingKinds: 'sentence@2',
  openingFacts: 'same',
  // [name, the scope id of the section it was last used in] (declaredInEndedSection).
  sectionUses: 'scope@1',
  ruleIndices: 'sentence@1',
  selfEquations: 'sentence@1',
  wordsSizeSentence: 'sentence',
  aheadSpans: 'same',
  whereClaims: 'none',
  // Claims of this sentence that used a name meaning nothing yet: words later in it may declare it.
  unknownInSentence: 'none',
  openClaims: 'none',
  // Lengths of what the build produced, not read by it.
  claims: 'output',
  problems: 'output',
  bindings: 'output',
  constraints: 'constraints',
} satisfies Record<keyof BuilderState, FieldComparison>;

type FieldComparison =
  | 'env'
  | 'same'
  | 'context'
  | 'scopes'
  | 'block'
  | 'none'
  | 'output'
  | 'constraints'
  | 'scope'
  | 'relation'
  | 'sentence'
  | `scope@${number}`
  | `sentence@${number}`;

/**
 * Splice attempts per build: an edit that changed what every later item reads (a setting until the
 * next directive, a condition) builds to the end once past them.
 */
const SPLICE_ATTEMPTS = 64;
/** Environment layers compared per attempt (walking back to where the two builds share layers). */
const ENV_LAYERS_COMPARED = 4096;

/**
 * After a build resumed before an edit (resume.ts), the previous build's model from the first
 * recorded item boundary where the builder's state equals the recorded one through the edit
 * (splice.ts): the items from there on, their prose contexts, the text the builder reads from
 * there on and the macros all equal the previous build's through the edit too.
 */
class Splicer {
  /** The change's edits, in order (splice.ts editsBetween), and their end in the old text and shift. */
  private readonly edits: readonly Edit[];
  private readonly oldEnd: number;
  private readonly shift: number;
  private readonly itemShift: number;
  private readonly tailFrom: number;
  private readonly textFrom: number;
  /** Blocks and passages the edit renumbered (renumber.ts): a paragraph added, removed or split. */
  private readonly numbers: Renumbering;
  private readonly comparable: boolean;
  private attempts = 0;
  /** Names only the edited items write (unwritten()), computed once; null when there are none to pass over. */
  private unwrittenNames: ReadonlySet<string> | null | undefined;
  /** The layers of those names this build made before the splice point, newest first (sameState). */
  private skipped: Layer[] = [];
  private readonly now: BuildInputs;
  /** The first item after the edit in this build, and the builder's counters before it. */
  private readonly firstAfter: number;
  private after: Counters | undefined;

  constructor(
    private readonly record: BuildRecord<BuilderState>,
    now: BuildInputs,
    private readonly resumed: RecordedState<BuilderState>,
  ) {
    this.now = now;
    this.edits = editsBetween(record.source, now.source, firstDifference(record.source, now.source));
    const last = this.edits[this.edits.length - 1];
    this.shift = now.source.length - record.source.length;
    // An unchanged text (checked again) has no edited range: all of it is the old text.
    const unchanged = this.edits.length === 1 && last.cut === last.oldEnd && last.shift === 0;
    // The last edit's range in the old text: the edits before it moved it by the rest of the shift.
    this.oldEnd = unchanged ? 0 : last.oldEnd - (this.shift - last.shift);
    this.itemShift = now.items.length - record.items.length;
    // The new text from here to its end is the old text after the last edited range, moved.
    this.textFrom = unchanged ? 0 : last.oldEnd + last.shift;
    const numbers = unchanged
      ? NO_RENUMBERING
      : renumberingBetween(
          record.items,
          record.contexts,
          now.items,
          now.contexts,
          this.edits[0].cut,
          this.oldEnd,
          this.itemShift,
        );
    this.numbers = numbers;
    const firstOld = unchanged ? -1 : record.items.findIndex((item) => itemStartOf(item) >= this.oldEnd);
    this.firstAfter = firstOld < 0 ? -1 : firstOld + this.itemShift;
    this.tailFrom = equalTail(
      record.items,
      record.contexts,
      now.items,
      now.contexts,
      this.edits,
      (a, b, edits) => sameItemThrough(a, b, edits, numbers),
      (a, b) => sameContextRenumbered(a, b, numbers),
    );
    const edits = this.edits;
    this.comparable =
      sameThrough(now.macros, record.macros, edits) &&
      sameThrough(now.unreadMacros, record.unreadMacros, edits);
  }

  /** Before item `k` of this build: the counters the renumbering of the builder's counters starts from. */
  reaching(k: number, counters: Counters): void {
    if (k === this.firstAfter) this.after = counters;
  }

  /**
   * At a recorded boundary of this build: when the previous build's model can be kept from here,
   * adds it to the builder and the macro problems and returns the previous build's recorded
   * states after this one (moved); otherwise undefined.
   */
  keep(
    now: RecordedState<BuilderState>,
    b: Builder,
    macros: DocumentMacros,
    drops: () => OpenDropped,
  ): RecordedState<BuilderState>[] | undefined {
    if (!this.comparable || this.attempts >= SPLICE_ATTEMPTS) return undefined;
    if (now.item < this.tailFrom || now.proseFrom < this.textFrom) return undefined;
    const old = this.recordedAt(now.item - this.itemShift);
    if (!old || (old.edits && old.edits.length >= MAX_CARRIED_EDITS)) return undefined;
    this.attempts++;
    const edits = [...(old.edits ?? []), ...this.edits];
    const carried = thenRenumbering(old.numbers, this.numbers);
    const counted = (s: BuilderState, r: Renumbering): Counters => ({
      scope: countedThrough(r, 'scope', s.nextScope),
      relation: countedThrough(r, 'relation', s.at + 1),
    });
    const numbers = withCounters(
      carried,
      counted(now.state, NO_RENUMBERING),
      counted(old.state, carried),
      this.after,
    );
    if (!numbers) return undefined;
    if (mapOffset(edits, old.proseFrom) !== now.proseFrom) return undefined;
    if (!this.sameState(now.state, old.state, edits, numbers, b.lists(), drops, b)) return undefined;
    // This edit's renumbering with the counters', for the states kept after here.
    const own: Renumbering = {
      ...this.numbers,
      scope: numbers.scope.slice(carried.scope.length),
      relation: numbers.relation.slice(carried.relation.length),
    };
    const lists = this.record.lists;
    const { shift, oldEnd } = this;
    // What the previous build made from here: every offset lies after the edited range.
    const after = (x: { start: number; end: number }) => x.start >= oldEnd && x.end >= oldEnd;
    const moved = <T extends { start: number; end: number }>(x: T): T =>
      shift === 0 ? x : { ...x, start: x.start + shift, end: x.end + shift };
    const claims = lists.claims.slice(old.state.claims);
    const problems = lists.problems.slice(old.state.problems);
    const bindings = lists.bindings.slice(old.state.bindings);
    const macroProblems = this.record.macroProblems.slice(old.macroProblems);
    if (![claims, problems, bindings, macroProblems].every((list) => list.every(after))) return undefined;
    const counts = {
      claims: now.state.claims - old.state.claims,
      problems: now.state.problems - old.state.problems,
      bindings: now.state.bindings - old.state.bindings,
      spans: now.state.spans - old.state.spans,
      macroProblems: now.macroProblems - old.macroProblems,
    };
    // Nothing moved (a digit changed): the slices themselves, not a copy of each per edit.
    b.adopt({
      claims: shift === 0 ? claims : claims.map((c) => movedClaim(c, shift)),
      problems: shift === 0 ? problems : problems.map(moved),
      bindings: shift === 0 ? bindings : bindings.map(moved),
      constraints: lists.constraints.slice(old.state.constraints),
      // The layers passed over (a value given in passing) end the environment, as nothing else
      // reads their names: a lookup by those names finds them as a fresh build's would.
      env: this.skipped.reduceRight((env, layer) => env.with(layer), this.record.final.env),
      spans: this.record.final.spans + counts.spans,
    });
    for (const p of macroProblems) macros.report(moved(p));
    const rest: RecordedState<BuilderState>[] = [];
    // An edit that moved nothing after it (a digit changed) leaves the recorded states as they
    // were: the same objects, rather than a copy of each per edit.
    // A renumbering edit moves too: its states hold the old numbers, so none may be resumed from.
    const renumbers = isRenumbering(own);
    const moves = renumbers || this.edits.some((e) => e.shift !== 0);
    const unmoved =
      !moves &&
      this.itemShift === 0 &&
      !counts.claims &&
      !counts.problems &&
      !counts.bindings &&
      !counts.spans &&
      !counts.macroProblems;
    for (const s of this.record.states) {
      if (s.item <= old.item) continue;
      if (unmoved) {
        rest.push(s);
        continue;
      }
      const carried = moves ? [...(s.edits ?? []), ...this.edits] : s.edits;
      if (carried && carried.length > MAX_CARRIED_EDITS) continue;
      rest.push({
        item: s.item + this.itemShift,
        state: movedState(s.state, counts),
        macroProblems: s.macroProblems + counts.macroProblems,
        proseFrom: s.proseFrom,
        ...(carried ? { edits: carried } : {}),
        ...(renumbers || s.numbers ? { numbers: thenRenumbering(s.numbers, own) } : {}),
      });
    }
    return rest;
  }

  /**
   * The names the edited items write (the edit's range, in the old text and the new) that no other
   * item of the document writes — read as the builder reads them, every name and stem of their trees
   * — or null when there are none or this cannot be known (macros: an expansion may write any name).
   * Layers of such names are read only by those names (Env lookups, the claim key), so nothing below
   * reads them: a splice may pass them over in both environments — unless a claim's walk over its
   * nearest layers whatever their names reaches past them (derivativeNear).
   */
  private unwritten(b: Builder): ReadonlySet<string> | null {
    if (this.unwrittenNames !== undefined) return this.unwrittenNames;
    this.unwrittenNames = null;
    const now = this.now;
    if (now.macros.length > 0 || this.record.macros.length > 0 || now.unreadMacros.length > 0) return null;
    const cut = this.edits[0].cut;
    const last = this.edits[this.edits.length - 1];
    const newEnd = last.oldEnd + last.shift;
    const within = (item: DocItem, from: number, to: number) => {
      const lo = item.kind === 'math' ? Math.min(item.start, item.outerStart) : item.start;
      const hi = item.kind === 'math' ? Math.max(item.end, item.outerEnd) : item.end;
      return hi >= from && lo <= to;
    };
    const options = { signLabels: b.signLabels, deltaFactor: b.deltaFactor, acronyms: b.acronyms };
    const written = (item: DocItem) => writtenNames(item, b.words, options);
    const names = new Set<string>();
    for (const item of this.record.items)
      if (within(item, cut, this.oldEnd)) for (const n of written(item)) names.add(n);
    const others: DocItem[] = [];
    for (const item of now.items) {
      if (within(item, cut, newEnd)) for (const n of written(item)) names.add(n);
      else others.push(item);
    }
    if (names.size === 0) return null;
    for (const item of others) for (const n of written(item)) if (names.has(n)) return null;
    this.unwrittenNames = names;
    return names;
  }

  private recordedAt(item: number): RecordedState<BuilderState> | undefined {
    return recordAt(this.record.states, item);
  }

  private sameState(
    now: BuilderState,
    old: BuilderState,
    edits: readonly Edit[],
    numbers: Renumbering,
    mine: Lists,
    drops: () => OpenDropped,
    b: Builder,
  ): boolean {
    const lists = this.record.lists;
    const fields = Object.entries(STATE_FIELDS) as [keyof BuilderState, FieldComparison][];
    // Claims open only for a "where" clause that the next item shows does not come (OpenDropped) are
    // final in both builds: nothing replaces them. Claims open for any other reason (a condition in
    // the next span may qualify them) still keep the model from being spliced here.
    let dropped = false;
    if (now.openClaims.length > 0 || old.openClaims.length > 0) {
      const d = drops();
      const closed = (s: BuilderState) =>
        s.qualifiedClaims.length + s.awaitingQualifier.length === 0 &&
        (d.displays || s.displayClaims.length === 0) &&
        (d.where || s.whereClaims.length + s.unknownInSentence.length === 0);
      dropped = closed(now) && closed(old);
    }
    for (const [field, how] of fields) {
      if (
        dropped &&
        (field === 'displayClaims' ||
          field === 'whereClaims' ||
          field === 'unknownInSentence' ||
          field === 'openClaims')
      )
        continue;
      if (how === 'same' && !sameThrough(now[field], old[field], edits, numbers)) return false;
      if (how === 'scope' && !sameNumber(now[field], old[field], numbers, how)) return false;
      // The relations read so far: the number the next one takes is what moves.
      if (how === 'relation' && !sameNumber(now.at + 1, old.at + 1, numbers, how)) return false;
      if (how.startsWith('scope@') && !sameTuples(now[field], old[field], Number(how.slice(6)), numbers))
        return false;
      if (how === 'sentence' && (now[field] === now.scopes.sentence) !== (old[field] === old.scopes.sentence))
        return false;
      if (how.startsWith('sentence@') && !sameLiveTuples(now, old, field, Number(how.slice(9)))) return false;
      if (how === 'context' && !sameContextRenumbered(now.context, old.context, numbers)) return false;
      if (how === 'scopes' && !sameScopes(now.scopes, old.scopes, edits, numbers)) return false;
      if (how === 'block' && now.currentBlock !== countedThrough(numbers, 'block', old.currentBlock))
        return false;
      if (how === 'none' && ((now[field] as unknown[]).length || (old[field] as unknown[]).length))
        return false;
    }
    if (now.constraints !== old.constraints) return false;
    // Both lists share what came before the build resumed.
    for (let i = this.resumed.state.constraints; i < now.constraints; i++)
      if (!sameThrough(mine.constraints[i], lists.constraints[i], edits, numbers)) return false;
    // Last, as it costs the most. Layers never leave a chain: once a layer differs (or the chains'
    // lengths do), every later boundary differs there too, and the build stops trying.
    this.skipped = [];
    if (sameEnvThrough(now.env, old.env, edits, lists, ENV_LAYERS_COMPARED, numbers)) return true;
    // A value given in passing ("Here $a = 2$.") adds layers that nothing below reads when no other
    // item of the document writes its names: passed over on both sides (see unwritten()).
    const names = this.unwritten(b);
    const skip = names && !derivativeNear(now.env) ? { names, skipped: [] as Layer[] } : undefined;
    if (skip && sameEnvThrough(now.env, old.env, edits, lists, ENV_LAYERS_COMPARED, numbers, skip)) {
      this.skipped = skip.skipped;
      return true;
    }
    this.attempts = SPLICE_ATTEMPTS;
    return false;
  }
}

/**
 * The scopes through a splice: scope ids through the renumbering of the builder's counters (a
 * section's id is negative, below every counted one, and stays), the passage of the list's lead a
 * passage number (renumber.ts), the rest strictly equal.
 */
function sameScopes(now: Scopes, old: Scopes, edits: readonly Edit[], numbers: Renumbering): boolean {
  if (!sameNumber(now.leadPassage, old.leadPassage, numbers, 'passage')) return false;
  for (const key of SCOPE_IDS) if (!sameNumber(now[key], old[key], numbers, 'scope')) return false;
  // A setup's scope and the scope of the section it lasts to (a section's: below 0).
  if (!sameTuples(now.setups, old.setups, [0, 1], numbers)) return false;
  const rest = (s: Scopes) => ({ ...s, ...SCOPES_COMPARED });
  return sameThrough(rest(now), rest(old), edits);
}

const SCOPE_IDS = ['sentence', 'passage', 'section', 'lead', 'setup'] as const;
/** The fields sameScopes compares itself, blanked for the strict comparison of the rest. */
const SCOPES_COMPARED = {
  sentence: 0,
  passage: 0,
  section: 0,
  lead: null,
  setup: null,
  leadPassage: null,
  setups: [],
};

/**
 * Lists of tuples whose element `at` is a sentence's scope id, of which only the current sentence's
 * are read (see STATE_FIELDS): those, in order, the others strictly equal. (The current sentences
 * themselves are compared through the renumbering by sameScopes.)
 */
function sameLiveTuples(
  now: BuilderState,
  old: BuilderState,
  field: keyof BuilderState,
  at: number,
): boolean {
  const live = (s: BuilderState) =>
    (s[field] as readonly (readonly unknown[])[]).filter((t) => t[at] === s.scopes.sentence);
  const a = live(now);
  const b = live(old);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].length !== b[i].length) return false;
    for (let j = 0; j < a[i].length; j++) if (j !== at && !sameThrough(a[i][j], b[i][j], [])) return false;
  }
  return true;
}

/**
 * Lists of tuples whose element `at` (or each element of `at`) is a scope id (`[name, sentence]`,
 * `[id, names]`, `[setup, section]`): those elements through the renumbering of the builder's counters
 * and of sections, the others strictly equal.
 */
function sameTuples(
  now: unknown,
  old: unknown,
  at: number | readonly number[],
  numbers: Renumbering,
): boolean {
  if (!Array.isArray(now) || !Array.isArray(old) || now.length !== old.length) return false;
  const counted = (j: number) => (typeof at === 'number' ? j === at : at.includes(j));
  for (let i = 0; i < now.length; i++) {
    const a: unknown = now[i];
    const b: unknown = old[i];
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let j = 0; j < a.length; j++) {
      if (counted(j) ? !sameNumber(a[j], b[j], numbers, 'scope') : !sameThrough(a[j], b[j], [])) return false;
    }
  }
  return true;
}

/** A recorded state of the previous build, its list lengths moved to the spliced lists. */
function movedState(
  s: BuilderState,
  counts: { claims: number; problems: number; bindings: number; spans: number },
): BuilderState {
  if (!counts.claims && !counts.problems && !counts.bindings && !counts.spans) return s;
  const at = (i: number) => i + counts.claims;
  return {
    ...s,
    spans: s.spans + counts.spans,
    claims: s.claims + counts.claims,
    problems: s.problems + counts.problems,
    bindings: s.bindings + counts.bindings,
    qualifiedClaims: s.qualifiedClaims.map(at),
    awaitingQualifier: s.awaitingQualifier.map(at),
    displayClaims: s.displayClaims.map(at),
    whereClaims: s.whereClaims.map(at),
    unknownInSentence: s.unknownInSentence.map(at),
    openClaims: s.openClaims.map(([i, c]) => [at(i), c] as const),
  };
}

/**
 * A document that writes a product of words with `*` in a plain-text formula
 * (`force = mass * accel`) means words as names in all its plain-text formulas.
 */
export function writesWordProducts(read: ReadResult): boolean {
  return read.items.some((item) => writesWordProductsIn(item.text));
}

/** Whether one span's text may write a product of words (writesWordProducts over every span). */
export function writesWordProductsIn(text: string): boolean {
  return isPlainText(text) && mayWriteWordProducts(text);
}

/** Whether some text may write a product of words: true for every text whose math writes one. */
export function mayWriteWordProducts(text: string): boolean {
  // The lookbehind starts a word only at its first letter: without it a long run of letters is
  // scanned again from each of its letters (quadratic).
  return /(?<![A-Za-z])[A-Za-z]{2,}\s*\*\s*[A-Za-z(]|[A-Za-z)]\s*\*\s*[A-Za-z]{2,}/.test(text);
}

/** No TeX command: a formula typed as plain text. */
export function isPlainText(text: string): boolean {
  return !text.includes('\\');
}

/** The last side of a table cell's math, and where the cell stands (tableConditions.ts). */
interface CellSide {
  row: number;
  cell: number;
  side: Node;
}

/** The builder's state between two items (see Builder.snapshot). */
interface BuilderState {
  env: Env;
  spans: number;
  assumptions: Node[];
  at: number;
  settings: Settings;
  lastDisplaySide: Node | null;
  lastDisplayBroken: boolean;
  cellSides: readonly CellSide[];
  context: ProseContext;
  scopes: Scopes;
  nextScope: number;
  scoped: (readonly [number, string[]])[];
  conditions: Node[];
  currentText: string;
  currentBlock: number;
  inDisplay: boolean;
  writingSequence: boolean;
  valueSentence: number;
  unnamedValues: { passage: number; text: string } | null;
  momentFacts: MomentFacts | null;
  saidIndependent: SaidIndependent | null;
  caseEpoch: number;
  roundedResults: readonly string[];
  standIns: readonly StandIn[];
  declaredInSentence: (readonly [string, number])[];
  qualifiedClaims: number[];
  awaitingQualifier: number[];
  displayClaims: number[];
  whereClaims: number[];
  unknownInSentence: number[];
  pendingKinds: (readonly [string, MatrixKind, number, string])[];
  openingFacts: string[];
  sectionUses: (readonly [string, number])[];
  ruleIndices: (readonly [string, number])[];
  selfEquations: (readonly [string, number])[];
  wordsSizeSentence: number;
  aheadSpans: number[];
  /** The claims a later condition may still qualify, as they are now (qualifyAwaiting replaces them). */
  openClaims: (readonly [number, Claim])[];
  claims: number;
  problems: number;
  bindings: number;
  constraints: number;
}

class Builder {
  env: Env = Env.empty;

  /**
   * Whether a name the words condition on ("given $Y = 1$") is a random variable: its entry is
   * random, or clauses like this one (`Y = 0`, then `Y = 1`) set it over the random variable it was.
   */
  randomGiven(name: string, block: number): boolean {
    for (const e of this.env.lookupShadowed(name, block, 8)) {
      if (e.kind === 'random') return true;
      if (e.kind !== 'def' || e.expr.kind !== 'num') return false;
    }
    return false;
  }
  words = false;
  signLabels = false;
  /** Whether the document writes Δ alone (deltaChanges.ts): Δ before a letter is then a factor. */
  deltaFactor = false;
  /** Runs of capitals the document defines as names (acronyms.ts), read in every span. */
  acronyms: readonly string[] = [];
  claims: Claim[] = [];
  problems: ModelProblem[] = [];
  bindings: Binding[] = [];
  spans = 0;
  private assumptions: Node[] = [];
  private at = 0;

  constructor(
    private readonly source: string,
    private settings: Settings,
  ) {}

  /**
   * Everything the builder carries from one item to the next (model/resume.ts): a build resumed
   * from it reads the rest of the document as this one would. Lists are kept as their lengths.
   */
  snapshot(): BuilderState {
    const last = this.lastState;
    this.lastState = {
      env: this.env,
      spans: this.spans,
      assumptions: this.assumptions,
      at: this.at,
      settings: this.settings,
      lastDisplaySide: this.lastDisplaySide,
      lastDisplayBroken: this.lastDisplayBroken,
      cellSides: this.cellSides,
      context: this.context,
      scopes: { ...this.scopes },
      nextScope: this.nextScope,
      scoped: keptEntries(this.scoped, last?.scoped, keptMembers),
      conditions: [...this.conditions],
      currentText: this.currentText,
      currentBlock: this.currentBlock,
      inDisplay: this.inDisplay,
      writingSequence: this.writingSequence,
      valueSentence: this.valueSentence,
      unnamedValues: this.unnamedValues,
      momentFacts: this.momentFacts,
      saidIndependent: this.saidIndependent,
      caseEpoch: this.caseEpoch,
      roundedResults: this.roundedResults,
      standIns: this.standIns,
      declaredInSentence: keptEntries(this.declaredInSentence, last?.declaredInSentence),
      qualifiedClaims: [...this.qualifiedClaims],
      awaitingQualifier: [...this.awaitingQualifier],
      displayClaims: [...this.displayClaims],
      pendingKinds: [...this.pendingKinds],
      openingFacts: [...this.openingFacts],
      sectionUses: keptEntries(this.sectionUses, last?.sectionUses),
      ruleIndices: [...this.ruleIndices],
      selfEquations: [...this.selfEquations],
      wordsSizeSentence: this.wordsSizeSentence,
      aheadSpans: [...this.aheadSpans],
      whereClaims: [...this.whereClaims],
      unknownInSentence: [...this.unknownInSentence],
      openClaims: [
        ...this.qualifiedClaims,
        ...this.awaitingQualifier,
        ...this.displayClaims,
        ...this.whereClaims,
        ...this.unknownInSentence,
      ].map((i) => [i, this.claims[i]] as const),
      claims: this.claims.length,
      problems: this.problems.length,
      bindings: this.bindings.length,
      constraints: this.constraints.length,
    };
    return this.lastState;
  }

  /** The state taken or restored last, whose lists the next state shares where nothing changed. */
  private lastState: BuilderState | undefined;

  /** The builder's counters (renumber.ts Counters): the next scope id and relation number it gives. */
  counters(): Counters {
    return { scope: this.nextScope, relation: this.at + 1 };
  }

  restore(s: BuilderState, lists: Lists): void {
    this.lastState = s;
    this.env = s.env;
    this.spans = s.spans;
    this.assumptions = s.assumptions;
    this.at = s.at;
    this.settings = s.settings;
    this.lastDisplaySide = s.lastDisplaySide;
    this.lastDisplayBroken = s.lastDisplayBroken;
    this.cellSides = s.cellSides;
    this.context = s.context;
    this.scopes = { ...s.scopes };
    this.nextScope = s.nextScope;
    this.scoped = new Map(s.scoped.map(([id, names]) => [id, new Set(names)]));
    this.conditions = [...s.conditions];
    this.currentText = s.currentText;
    this.currentBlock = s.currentBlock;
    this.inDisplay = s.inDisplay;
    this.writingSequence = s.writingSequence;
    this.valueSentence = s.valueSentence;
    this.unnamedValues = s.unnamedValues;
    this.momentFacts = s.momentFacts;
    this.saidIndependent = s.saidIndependent;
    this.caseEpoch = s.caseEpoch;
    this.roundedResults = s.roundedResults;
    this.standIns = s.standIns;
    this.declaredInSentence.clear();
    for (const [name, sentence] of s.declaredInSentence) this.declaredInSentence.set(name, sentence);
    this.claims = lists.claims.slice(0, s.claims);
    for (const [i, claim] of s.openClaims) this.claims[i] = claim;
    this.qualifiedClaims = [...s.qualifiedClaims];
    this.awaitingQualifier = [...s.awaitingQualifier];
    this.displayClaims = [...s.displayClaims];
    this.pendingKinds = [...s.pendingKinds];
    this.openingFacts = [...s.openingFacts];
    this.sectionUses = new Map(s.sectionUses);
    this.ruleIndices = [...s.ruleIndices];
    this.selfEquations = [...s.selfEquations];
    this.wordsSizeSentence = s.wordsSizeSentence;
    this.aheadSpans = [...s.aheadSpans];
    this.whereClaims = [...s.whereClaims];
    this.unknownInSentence = [...s.unknownInSentence];
    this.problems = lists.problems.slice(0, s.problems);
    this.bindings = lists.bindings.slice(0, s.bindings);
    this.constraints = lists.constraints.slice(0, s.constraints);
    this.blockOf = lists.blockOf;
    this.passageOf = lists.passageOf;
    this.inlineEntries = lists.inlineEntries;
  }

  /** The previous build's model after a splice point (Splicer): the build ends with it. */
  adopt(tail: {
    claims: Claim[];
    problems: ModelProblem[];
    bindings: Binding[];
    constraints: Constraint[];
    env: Env;
    spans: number;
  }): void {
    this.claims = this.claims.concat(tail.claims);
    this.problems = this.problems.concat(tail.problems);
    this.bindings = this.bindings.concat(tail.bindings);
    this.constraints = this.constraints.concat(tail.constraints);
    this.env = tail.env;
    this.spans = tail.spans;
  }

  lists(): Lists {
    const { claims, problems, bindings, constraints, blockOf, passageOf, inlineEntries } = this;
    return { claims, problems, bindings, constraints, blockOf, passageOf, inlineEntries };
  }

  directive(text: string, start: number, block: number): void {
    const t = text.trim();
    const m = /^(trials|tolerance|seed|assume|star|layout)\b\s*(.*)$/s.exec(t);
    if (m) {
      const [, key, value] = m;
      const end = start + text.length;
      if (key === 'assume') {
        // Only the condition is math, not the keyword.
        const off = text.indexOf(value);
        const cond = parseMath(value, start + off);
        for (const p of cond.problems)
          this.problems.push({ start: p.start, end: p.end, code: 'syntax', message: p.message });
        for (const st of cond.statements) {
          if (st.sides.length === 2 && st.ops.length === 1) {
            this.assumptions = [
              ...this.assumptions,
              {
                kind: 'cmp',
                op: st.ops[0].op,
                left: st.sides[0],
                right: st.sides[1],
                start: st.start,
                end: st.end,
              },
            ];
          } else {
            this.problems.push({
              start: st.start,
              end: st.end,
              code: 'directive',
              message: 'assume needs one condition such as `assume s \\mid n - k`',
            });
          }
        }
        return;
      }
      /** The directive's value when it is one of `allowed`; otherwise a problem naming them. */
      const choice = <T extends string>(allowed: readonly [T, T]): T | null => {
        const v = value.trim();
        if ((allowed as readonly string[]).includes(v)) return v as T;
        this.problems.push({
          start,
          end,
          code: 'directive',
          message: `${key} takes '${allowed[0]}' or '${allowed[1]}', not '${v}'`,
        });
        return null;
      };
      if (key === 'layout') {
        const v = choice(['numerator', 'denominator'] as const);
        if (v) this.stateLayout(v);
        return;
      }
      if (key === 'star') {
        const v = choice(['convolution', 'correlation'] as const);
        if (v) this.settings = { ...this.settings, star: v, starChosen: true };
        return;
      }
      const num = Number(value.trim());
      const ok =
        value.trim() !== '' &&
        Number.isFinite(num) &&
        (key === 'tolerance'
          ? num > 0 && num < 1
          : Number.isInteger(num) &&
            num >= (key === 'seed' ? 0 : 1) &&
            num <= (key === 'trials' ? 10000 : 2 ** 31));
      if (!ok) {
        this.problems.push({
          start,
          end,
          code: 'directive',
          message: `${key} needs ` + `${SETTING_EXPECTS[key] ?? 'a whole number'}, found '${value.trim()}'`,
        });
        return;
      }
      this.settings = { ...this.settings, [key]: num };
      return;
    }
    const parsed = parseMath(text, start, {
      words: this.words && isPlainText(text),
      signLabels: this.signLabels,
      deltaFactor: this.deltaFactor,
      acronyms: this.acronyms,
      decimalComma: this.settings.decimalComma,
    });
    for (const p of parsed.problems)
      this.problems.push({ start: p.start, end: p.end, code: 'syntax', message: p.message });
    if (parsed.statements.length === 0 && parsed.problems.length === 0) {
      this.problems.push({
        start,
        end: start + text.length,
        code: 'directive',
        message:
          `directive '${t}' is not a declaration, definition, claim or setting (trials N, ` +
          `tolerance X, seed N, assume C, skip, off, on)`,
      });
    }
    // A directive is an annotation written to be checked: its relations read like a display's.
    this.statements(parsed.statements, block, null, false, true);
  }

  /** The last side of the previous display: a display that opens with `=` continues it. */
  private lastDisplaySide: Node | null = null;
  /** The last side of the math in each cell of the table row read and the row above it. */
  private cellSides: readonly CellSide[] = [];
  /** Part of the previous display could not be read after its last relation. */
  private lastDisplayBroken = false;

  /** What the prose says about the span being read (see prose.ts). */
  private context: ProseContext = {
    section: 0,
    sectionPath: '0',
    passage: 0,
    sentence: 0,
    role: 'plain',
    why: '',
    fresh: false,
  };
  /** Scope ids of the current sentence, passage and section, and the names defined in each. */
  private scopes: Scopes = {
    sentence: 1,
    passage: 2,
    section: sectionScope(0),
    lead: null,
    leadPassage: null,
    setup: null,
    passageClaimed: false,
    setups: [],
    sectionClaimed: false,
  };
  private nextScope = 4;
  private scoped = new Map<number, Set<string>>();
  /** Conditions written earlier in this sentence ("for $q < 1/3$ …"): its claims hold under them. */
  private conditions: Node[] = [];
  /** Claims of this span, and of the span before, that the next span qualifies (`… for $x > 0$`). */
  private qualifiedClaims: number[] = [];
  private awaitingQualifier: number[] = [];
  /** Names the opening passage being read stated as facts, numbers of names new there (keepGivens). */
  private openingFacts: string[] = [];
  /** The section (its scope id) each name was last used in by a relation read (declaredInEndedSection). */
  private sectionUses = new Map<string, number>();
  /** Kinds the words gave names not declared yet: [name, kind, sentence, words] (matrixInWords). */
  private pendingKinds: (readonly [string, MatrixKind, number, string])[] = [];
  /** The index letters of recurrence rules, with the sentence each rule was written in. */
  private ruleIndices: (readonly [string, number])[] = [];
  /**
   * Names running text set equal to a formula in themselves ("the fixed point of $p = q + a^2 p - …$"),
   * with the sentence: a number for the name later in it is that equation's solution (valuedHere).
   */
  private selfEquations: (readonly [string, number])[] = [];
  /** The sentence whose words last made a matrix of no size (sizelessInWords). */
  private wordsSizeSentence = -1;
  /** Where the spans of the clause read ahead of the formula before it start (definedAhead). */
  aheadSpans: number[] = [];

  /** Whether a name means nothing here yet (no entry, not a size). */
  isRandom(name: string, block: number): boolean {
    return this.env.lookup(name, block)?.kind === 'random';
  }

  knows(name: string, block: number): boolean {
    return this.env.lookup(name, block) !== null || this.env.isDimension(name);
  }

  /**
   * "$k(x, x') = \sigma^2 \exp(-r^2/(2\ell^2))$ with $r = \|x - x'\|$" (model/whereAfter.ts): the
   * clause's definition, read before the formula it serves as if written there (a formula in running
   * text lasts to the end of its section); the clause's span is then not read again. False when the
   * clause does not define the letter after all (it is then read in its turn).
   */
  definedAhead(
    name: SymNode,
    expr: Node,
    op: Statement['ops'][number],
    block: number,
    span: number,
  ): boolean {
    const display = this.inDisplay;
    this.inDisplay = false;
    this.currentText = this.source.slice(name.start, expr.end);
    const defined = this.tryPlainDefinition({ lhs: name, rhs: expr, op }, block, false);
    this.inDisplay = display;
    if (defined) this.aheadSpans.push(span);
    return defined;
  }

  /** A law a clause after the claim gives (`where … $b \sim \mathrm{Bernoulli}(q)$`), read first. */
  lawAhead(statements: Statement[], block: number, span: number): void {
    const display = this.inDisplay;
    this.statements(statements, block, null, false, false, []);
    this.inDisplay = display;
    this.aheadSpans.push(span);
  }

  /**
   * "For $A$ above, $\operatorname{tr} A = 5$", "with $E$ from Problem 3" (model/prose.ts RECALLED_AFTER):
   * the words name the value that ended with its problem or passage, so it serves this passage again,
   * and so do the ended values its formula uses (E = ½mv² and its m and v). Nothing when the name has
   * a value here (the words then point at it) or none ended.
   */
  private recall(name: string, block: number, depth = 0): void {
    const live = this.env.lookup(name, block);
    // A formula that still lasts (a display's `\delta = \frac{5wL^4}{384EI}`): the words mean its
    // value where it was worked out, so the ended values it uses serve again.
    if (live?.kind === 'def' && depth < RECALL_DEPTH && !isLiteralValue(live.expr)) {
      const own = new Set([...(live.params ?? []).map((p) => p.name), ...(live.indices ?? [])]);
      for (const n of this.references(live.expr, block))
        if (!own.has(n) && n !== name) this.recall(n, block, depth + 1);
      return;
    }
    if (live && live.kind !== 'decl') return;
    const e = this.env.endedValues(name, block, true)[0];
    if (!e || (e.kind !== 'def' && e.kind !== 'case')) return;
    if (e.kind === 'def' && (e.params || e.indices) && e.example) return;
    const scope = this.scopes.passage;
    // `s = 1.773` brought back: a result written rounded, known to its digits (rounding.ts measuredValues),
    // as the author may go on with the unrounded value. A short decimal (`r = 0.05`) is a given, exact.
    const rounded = e.kind === 'def' && isRoundedDecimal(e.expr) ? { measured: true as const } : {};
    const again: Entry = { ...e, scope, ...rounded };
    this.env = this.env.with(again);
    this.recalledEntries.add(again);
    let names = this.scoped.get(scope);
    if (!names) {
      names = new Set();
      this.scoped.set(scope, names);
    }
    names.add(name);
    if (depth >= RECALL_DEPTH || e.kind !== 'def') return;
    const own = new Set([...(e.params ?? []).map((p) => p.name), ...(e.indices ?? [])]);
    for (const n of this.references(e.expr, block))
      if (!own.has(n) && n !== name) this.recall(n, block, depth + 1);
  }

  /**
   * "Using the matrix of Example 2, $A^2 = …$" (model/prose.ts RECALLS_UNIT): the names the relation
   * uses whose values ended serve again. Not a lone name on the left of `=`, which the relation may
   * give a new value.
   */
  private recallUsed(st: Statement, block: number): void {
    const defined = st.sides.length === 2 && st.sides[0].kind === 'sym' && st.ops[0]?.op === '=';
    // The names as written: `v_0` is not its stem v, which another problem may have given a value.
    const names = new Set<string>();
    for (const [i, side] of st.sides.entries())
      if (i > 0 || !defined)
        walk(side, (x) => {
          if (x.kind === 'sym') names.add(x.name);
          if (x.kind === 'apply') names.add(x.f.name);
        });
    for (const n of names) this.recall(n, block);
  }

  /**
   * "$$n = \frac{m}{M} = \frac{10.0}{44.10} = 0.2268 \text{ mol}$$": a chain that defines a name by a
   * formula and ends in a decimal of three significant digits or more states the name's value
   * rounded; the entry keeps that decimal (check/claim/endedValues.ts heldByStatedValues).
   */
  private statedValue(st: Statement, block: number): void {
    const head = st.sides[0];
    if (head?.kind !== 'sym' || st.ops.length < 2 || !st.ops.every((o) => o.op === '=')) return;
    let last = st.sides[st.sides.length - 1];
    // A unit after it (`0.2268 \text{ mol}`) is no part of the number.
    const unit = (n: Node) => n.kind === 'text' || (n.kind === 'sym' && /^\\(?:text|mathrm)\{/.test(n.name));
    while (last.kind === 'bin' && (last.op === 'juxt' || last.op === 'times') && unit(last.right))
      last = last.left;
    if (!isRoundedDecimal(last)) return;
    const e = this.env.lookup(head.name, block);
    if (e?.kind !== 'def' || e.params !== null || e.indices !== null || isLiteralValue(e.expr)) return;
    this.env = this.env.with({ ...e, stated: last });
  }

  /** The entries recall brought back, for the messages of the claims that use them. */
  private recalledEntries = new WeakSet<Entry>();

  /**
   * "Ignoring $\varepsilon$, $\sum_i \hat x_i^2 = d$" (model/prose.ts NEGLECT_BEFORE): the name set
   * aside is 0 for the claims of its passage, as "with $\varepsilon = 0$" would make it.
   */
  private neglect(side: Node, block: number): void {
    if (side.kind !== 'sym') return;
    const zero: Node = { kind: 'num', value: 0, text: '0', start: side.end, end: side.end };
    const r: Relation = { lhs: side, rhs: zero, op: { op: '=', start: side.end, end: side.end } };
    const context = this.context;
    this.context = { ...context, role: 'setting', why: 'it follows “with”', keyword: 'with' };
    const given = this.tryPlainDefinition(r, block, false);
    this.context = context;
    if (!given)
      this.constraints.push({ passage: context.passage, node: cmpOf(r), sentence: this.scopes.sentence });
  }

  /**
   * "$O = AV$ … so $O \in \mathbb{R}^{n \times d_v}$", "$$O = AV,$$ where $O \in \mathbb{R}^{n \times
   * d_v}$": an array shape given in running text to a name the text defined by a formula describes
   * that name; it does not declare it afresh (which dropped the formula, and with it every derivative
   * through O), when every name of the formula is known. "Let", "for any", "consider" and other
   * setting words still start a new object.
   */
  private describesDefinedShape(name: string, spec: DeclSpec, block: number): boolean {
    if (this.inDisplay || spec.shape.length === 0) return false;
    const { role, keyword, fresh } = this.context;
    if (fresh || (role !== 'plain' && keyword !== 'where' && keyword !== 'with')) return false;
    const known = this.env.lookup(name, block);
    return (
      known?.kind === 'def' &&
      known.params === null &&
      known.indices === null &&
      !known.sequence &&
      !known.recurrence &&
      !known.modelled &&
      !isLiteralValue(known.expr) &&
      // A formula in names the text has not given yet (`y = X\beta + u` before β and u, a model's
      // equation; "with $U = \Phi$" before Φ) is no definition the shape could describe.
      [...this.references(known.expr, block, false)].every(
        (n) => CONSTANT_NAMES.has(n) || this.knows(n, block),
      )
    );
  }

  /** Claims of the display just read, while no prose has followed it (a "where" clause may). */
  private displayClaims: number[] = [];
  /** Claims of the display that this passage's "where" clause speaks of (whereClause). */
  private whereClaims: number[] = [];
  /** Claims of this sentence's running text that use a name meaning nothing yet (declaredAfterUse). */
  private unknownInSentence: number[] = [];

  /**
   * Around a display: `$$ y = p^2 + 1 = 10 $$ where $p = 3$`. A passage opening with "where" right
   * after a display gives the values that display uses: its claims are read with them (and under
   * its conditions, "where $s > 0$"). Only the display just above; the next one is read as usual.
   */
  displayRead(from: number): void {
    for (let i = from; i < this.claims.length; i++) this.displayClaims.push(i);
  }

  /** The words before the next item; `display` when that item is a display. */
  proseRead(words: string, display: boolean): void {
    const read = wordsRead(words);
    if (this.displayClaims.length > 0 && WHERE_CLAUSE.test(read)) this.whereClaims = this.displayClaims;
    // Displays written one after another, no words between, are one display for the clause after them.
    if (!(display && read.trim() === '')) this.displayClaims = [];
  }

  /**
   * A value or formula the "where" clause gives: the display's claims that reach the name use it. A
   * formula (`where $\kappa = L/\mu$`) serves only claims to which the name meant nothing.
   */
  private whereValue(made: Entry): void {
    const formula = made.kind === 'def' && !isLiteralValue(made.expr);
    if (formula && made.indices) return;
    for (const i of this.whereClaims) {
      const c = this.claims[i];
      if (!this.reach([c.lhs, c.rhs], c.block).has(made.name)) continue;
      if (formula && c.env.lookup(made.name, c.block)) continue;
      this.claims[i] = { ...c, env: c.env.with({ ...made, scope: undefined }) };
    }
  }

  /** A condition the "where" clause states (`where $s > 0$`): the display's claims on it hold under it. */
  private whereCondition(cond: Node, block: number): void {
    const names = [...this.references(cond, block)];
    for (const i of this.whereClaims) {
      const c = this.claims[i];
      const reached = this.reach([c.lhs, c.rhs], c.block);
      if (!names.some((n) => reached.has(n))) continue;
      const { condition: _framed, ...plain } = c;
      this.claims[i] = { ...plain, assumptions: [...c.assumptions, cond] };
    }
  }

  /** The derivative layout from here on (check/layout.ts). */
  stateLayout(layout: Layout | null): void {
    if (layout) this.settings = { ...this.settings, layout };
  }

  /** The unit of bare angles, from here on (check/angleUnit.ts). */
  stateAngleUnit(unit: 'degrees' | 'radians' | null): void {
    if (unit) this.settings = { ...this.settings, angleUnit: unit };
  }

  /** The base of `\log` written without one, from here on (check/logBase.ts). */
  stateLogBase(base: number | null): void {
    if (base !== null) this.settings = { ...this.settings, logBase: base };
  }

  /** Moves to the next span: what the running text gave for a sentence, passage or section ends. */
  enter(ctx: ProseContext): void {
    const prev = this.context;
    // "$2^n > n^2$ for every integer $n$ with $n \ge 5$": the quantifier's names span between the
    // claim and its condition leaves the claim waiting for the condition, in the same sentence.
    const carried =
      prev.sentence === ctx.sentence &&
      ctx.role !== 'plain' &&
      /^(?:for|every|all|each)\b/.test(prev.scalarWords ?? '')
        ? this.awaitingQualifier
        : [];
    this.awaitingQualifier = [...carried, ...this.qualifiedClaims];
    this.qualifiedClaims = [];
    if (ctx.sentence !== prev.sentence) this.unknownInSentence = [];
    const ends: number[] = [];
    const section = this.scopes.section;
    if (ctx.section !== prev.section) {
      // The sections this span is no longer in end; the ones around it go on (a subsection
      // keeps what its section's own text defined).
      const open = new Set(ctx.sectionPath.split('.'));
      for (const id of prev.sectionPath.split('.')) if (!open.has(id)) ends.push(sectionScope(Number(id)));
      const setups = this.scopes.setups;
      ends.push(...setups.filter(([, section]) => ends.includes(section)).map(([id]) => id));
      this.scopes.setups = setups.filter(([, section]) => !ends.includes(section));
      this.scopes.section = sectionScope(ctx.section);
      this.lastDisplaySide = null;
      this.lastDisplayBroken = false;
    }
    if (ctx.section !== prev.section || ctx.passage !== prev.passage) {
      this.whereClaims = [];
      // A problem's own statement ("### Problem 2 / Projectile launched at $v = 30$ m/s … $$R = …$$")
      // gives the problem's data even when its passage goes on to work with them: the parts after it
      // use the same v (problemScope). Elsewhere a passage that claims is a worked example.
      const problemOpening =
        prev.problemDepth !== undefined && prev.problemDepth === prev.sectionPath.split('.').length - 1;
      const givens =
        prev.sectionOpening === true &&
        !this.scopes.sectionClaimed &&
        (!this.scopes.passageClaimed || problemOpening);
      this.scopes.sectionClaimed =
        ctx.section === prev.section && (this.scopes.sectionClaimed || this.scopes.passageClaimed);
      this.keepSetup(ends, section);
      const lead = ctx.section === prev.section ? ctx.listLead : undefined;
      if (prev.opening && this.claims.length === 0 && !(lead !== undefined && lead === prev.passage))
        this.keepGivens(this.scopes.passage);
      const leads = lead !== undefined && lead === prev.passage && this.scopes.lead === null;
      const kept =
        givens &&
        !leads &&
        (prev.dataSection
          ? this.keepDataGivens(prev.sectionPath, this.scopes.passage)
          : this.keepSectionGivens(ends, section, this.scopes.passage));
      this.openingFacts = [];
      if (leads) {
        // "Numbers to remember, $\beta_1 = 0.9$:" — the list after it goes on with its values.
        this.scopes.lead = this.scopes.passage;
        this.scopes.leadPassage = lead;
      } else {
        if (!kept) ends.push(this.scopes.passage);
        if (this.scopes.lead !== null && lead !== this.scopes.leadPassage) {
          ends.push(this.scopes.lead);
          this.scopes.lead = null;
          this.scopes.leadPassage = null;
        }
      }
      this.scopes.passage = this.nextScope++;
      this.passageFrom = this.at;
    }
    if (ends.length > 0 || ctx.sentence !== prev.sentence) {
      ends.push(this.scopes.sentence);
      this.scopes.sentence = this.nextScope++;
      this.conditions = [];
    }
    for (const id of ends) {
      for (const name of this.scoped.get(id) ?? [])
        this.env = this.env.with({ kind: 'end', name, closes: id, at: this.at });
      this.scoped.delete(id);
    }
    this.context = ctx;
  }

  /**
   * "Take $p = \pi/4$." then the worked example in the paragraphs after it: a passage that only
   * chooses values for declared scalars, making no claim of its own, sets up what follows, and its
   * values last to the end of its section (another value for the name replaces them). A passage that
   * works its example itself ("Take $p = 1/2$. Then $2p = 1$.") is the example, and its values end with it.
   */
  private keepSetup(ends: number[], section: number): void {
    const setup = this.scopes.setup;
    this.scopes.setup = null;
    if (setup !== null) {
      if (this.scopes.passageClaimed || ends.includes(section)) ends.push(setup);
      else this.scopes.setups = [...this.scopes.setups, [setup, section]];
    }
    this.scopes.passageClaimed = false;
  }

  /**
   * "The control group had $n_A = 10{,}000$ visitors …": a passage of the document's opening (before
   * any heading but a title) that gives numbers and makes no claim, with no claim before it, sets up
   * the document's givens, which every later section works with: they last until redefined. A
   * passage with a claim of its own is a worked example, a paragraph that introduces a list with a
   * colon serves that list (its scope is the lead's), and a declared name's case stays a case.
   */
  private keepGivens(passage: number): void {
    const names = this.scoped.get(passage);
    if (!names) return;
    for (const name of this.openingFacts) {
      const e = this.env.lookup(name, this.currentBlock);
      if (e?.kind === 'def' && e.scope === passage) names.delete(name);
    }
  }

  /**
   * "## Problem 1 / A layer has weights $W = …$ and input $x = (1, -1)^\top$. / ### (a) …": a passage
   * of a section's own text, before the section's first claim and making none, that states numbers
   * for names new there gives the section's givens, which its parts work with: they last to the end
   * of the section (its subsections included), as the document's givens last for the document. The
   * passage's other names end now; true when the passage's scope is kept.
   */
  private keepSectionGivens(ends: number[], section: number, passage: number): boolean {
    if (ends.includes(section)) return false;
    return this.keepPassageFacts(passage, section);
  }

  /**
   * The passage's opening facts (numbers for names new there) last to the end of scope `until`; its
   * other names end now. False when the passage has no such facts.
   */
  private keepPassageFacts(passage: number, until: number): boolean {
    const names = this.scoped.get(passage);
    if (!names) return false;
    const facts = new Set(
      this.openingFacts.filter((name) => {
        const e = this.env.lookup(name, this.currentBlock);
        return e?.kind === 'def' && e.scope === passage && names.has(name);
      }),
    );
    if (facts.size === 0) return false;
    for (const name of names)
      if (!facts.has(name)) this.env = this.env.with({ kind: 'end', name, closes: passage, at: this.at });
    this.scoped.set(passage, facts);
    this.scopes.setups = [...this.scopes.setups, [passage, until]];
    return true;
  }

  /**
   * "## 1. Given data / - Span: $L = 6$ m" then "## 5. Deflection / … $\delta = \frac{5wL^4}{384EI}$":
   * a section whose heading names data states the givens of the section around it — the document,
   * or the part whose "### Data" it is — so they last to that section's end, the sibling sections
   * after it included, as a section's givens last for its subsections (keepSectionGivens). The
   * passage's other names end now; true when the passage's scope is kept.
   */
  private keepDataGivens(path: string, passage: number): boolean {
    const ids = path.split('.');
    if (ids.length < 2) return false;
    return this.keepPassageFacts(passage, sectionScope(Number(ids[ids.length - 2])));
  }

  /**
   * A number stated as a fact ("the control group had $n_A = 10{,}000$ visitors"), not set up with
   * "take / let / with / for" as an example's value is, in the document's opening before any claim.
   */
  private openingFact(entry: Entry): boolean {
    // A section's givens are numbers of names new there, before any claim of the section; a
    // problem's statement sets them up in words as often as it states them ("Consider an MDP with
    // $\gamma = 0.9$"), which in a passage that claims nothing sets up what the parts work with.
    const opening =
      this.context.opening === true
        ? this.claims.length === 0 && this.context.role === 'plain'
        : this.context.sectionOpening === true &&
          this.context.role !== 'hypothesis' &&
          !this.scopes.sectionClaimed &&
          !this.scopes.passageClaimed &&
          !this.context.locatesPoint &&
          !this.knows(entry.name, this.currentBlock);
    return (
      opening &&
      entry.kind === 'def' &&
      entry.params === null &&
      entry.indices === null &&
      !this.workedCase &&
      givenNumber(entry)
    );
  }

  /** A statement's first relation, whose left side is not in the math, as an unchecked claim. */
  private oneSidedClaim(st: Statement, block: number, tag: string | null, skipReason: string): void {
    const op = st.ops[0];
    const side = st.sides[0];
    this.claims.push({
      opStart: op.start,
      opEnd: op.end,
      start: op.start,
      end: Math.max(side.end, op.end),
      op: op.op,
      lhs: side,
      rhs: side,
      env: this.env,
      block,
      settings: this.settings,
      assumptions: this.assumptions,
      tag,
      skipReason,
    });
  }

  statements(
    list: Statement[],
    block: number,
    tag: string | null,
    display = false,
    directive = false,
    problems: readonly Span[] = [],
  ): void {
    this.inDisplay = display || directive;
    // `|A| = 30` in a text that counts sets: the number of A's elements (./setCounts.ts).
    if (this.settings.countedSets) list = countsOfLoneSets(list, (s) => this.meansNothingYet(s.name, block));
    if (!directive) this.constantsAppliedAsFunctions(list, block);
    if (!directive) this.noteEquationUnknowns(list, block);
    if (!this.inDisplay) this.listedEntries(list, block);
    const cell = display || directive ? null : tableCellAt(this.source, list[0]?.start ?? -1);
    if (!this.inDisplay) this.gridOfValues(list, block);
    let previousLast: Node | null = display ? this.lastDisplaySide : this.cellAbove(list[0], cell);
    let broken = display && this.lastDisplayBroken;
    let carried = previousLast !== null;
    let readFrom = -Infinity;
    // Where the claims of the statement before begin, for a qualifier after it (`\text{for } j > i`).
    let previousFrom = this.claims.length;
    const displayFrom = this.claims.length;
    for (const [i, st] of list.entries()) {
      if (st.qualifies && st.ops.length > 0) {
        this.qualifyDisplayed(st, previousFrom, block);
        continue;
      }
      previousFrom = this.claims.length;
      if (st.ops.length === 0 && !this.inDisplay && this.context.neglected) this.neglect(st.sides[0], block);
      if (st.ops.length === 0 && !directive && this.context.recalled && st.sides[0].kind === 'sym')
        this.recall(st.sides[0].name, block);
      if (st.ops.length > 0 && !directive && this.context.recallsUnit) this.recallUsed(st, block);
      // "for any $x$", "a matrix $A$": a fresh object; earlier values of the letter do not apply.
      if (st.ops.length === 0 && !this.inDisplay && this.context.fresh) {
        this.quantifiedForAwaiting(nameList(st.sides[0]) ?? []);
        for (const n of nameList(st.sides[0]) ?? []) {
          // "for every real $x$": the words just declared it afresh, for this sentence.
          if (this.quantifiedHere(n.name, block)) continue;
          this.env = this.env.with({ kind: 'fresh', name: n.name, at: this.at });
          // "Given $z$" conditions on z; it gives z no other law.
          const before = this.source.slice(Math.max(0, n.start - 24), n.start);
          if (!/\bgiven(?:\s+an?|\s+any)?[\s$\\(]*$/i.test(before)) this.lawReplacedInWords(n.name, block);
        }
      }
      // "for any $\alpha > 2/L$", "every $n \ge 3$": the quantifier introduces the letter the
      // condition bounds afresh, so it ranges over the condition's values, not an earlier number.
      const bounded = this.context.fresh && this.context.role !== 'plain' ? quantifiedBound(st) : null;
      if (bounded && !this.inDisplay && !this.quantifiedHere(bounded.name, block)) {
        this.quantifiedForAwaiting([bounded]);
        this.env = this.env.with({ kind: 'fresh', name: bounded.name, at: this.at });
      }
      // "A square input has side $I$": the letter of the identity named alone in running text that
      // does not call it the identity is a quantity of the author's (check/identityLetter.ts).
      // Named again as the identity, it is the identity from there on.
      if (st.ops.length === 0 && !this.inDisplay)
        for (const n of nameList(st.sides[0]) ?? [])
          if (n.name === 'I' && n.font === undefined)
            this.env = this.env.with({
              kind: 'fresh',
              name: n.name,
              at: this.at,
              ...(this.callsIdentity(n) ? {} : { ownLetter: true as const }),
            });
      if (st.ops.length === 0 && !this.inDisplay && isNumberTuple(st.sides[0]))
        this.unnamedValues = {
          passage: this.context.passage,
          text: this.source.slice(st.sides[0].start, st.sides[0].end),
        };
      // "If instead $x$ is exponential with rate 2": the words give x another law from here on.
      if (st.ops.length === 0 && !this.inDisplay)
        for (const n of nameList(st.sides[0]) ?? []) this.lawSaidInWords(n.name, n.end, block);
      // Something between the relation before and this line could not be read.
      if (problems.some((p) => p.start >= readFrom && p.start < st.start)) broken = true;
      if (st.continued && broken) {
        this.scopes.passageClaimed = true;
        this.oneSidedClaim(
          st,
          block,
          tag,
          `this line continues a relation that could not be read (the math just before ` +
            `it has a syntax problem); fix that line, or write both sides here`,
        );
        for (let k = 1; k < st.ops.length && k < st.sides.length; k++)
          this.relation({ lhs: st.sides[k - 1], rhs: st.sides[k], op: st.ops[k] }, block, tag);
      } else {
        // `$K = \frac12 m v^2 = 300000$ J $= 300$ kJ`: a relation that opens the math right after a
        // unit symbol that followed the number ending the math before goes on from that quantity.
        const quantityBefore =
          st.continued && !previousLast && !display ? this.quantityInWordsBefore(st) : null;
        const sides: Node[] =
          st.continued && (previousLast || quantityBefore)
            ? [(previousLast ?? quantityBefore)!, ...st.sides]
            : st.sides;
        // A leading relation with nothing to continue has no left side: the relations start at the
        // next one (`$> 2 \cdot 20 = 40$` claims only 2·20 = 40).
        const orphan = st.continued && !previousLast && !quantityBefore;
        // A copy: a labelled row may read its first `=` as a definition (below); the parse is shared.
        const ops = orphan ? st.ops.slice(1) : st.ops.slice();
        const wordsBefore = orphan && !display ? this.leftSideInWords(st.ops[0].start) : null;
        if (wordsBefore !== null && st.sides.length > 0) {
          // "the posterior sd $\approx 0.935$", "0.5 hr $= 30$ min": the left side is in the words.
          this.oneSidedClaim(
            st,
            block,
            tag,
            `its left side is in the words before it (“${wordsBefore}”); write that side in math ` +
              'to have it checked',
          );
        } else if (orphan) {
          this.problems.push({
            start: st.ops[0].start,
            end: st.ops[0].end,
            code: 'syntax',
            message:
              `this line starts with '${st.ops[0].op}' but there is no previous line to ` +
              `continue${display ? '' : ' (inline math never continues another span)'}`,
          });
        }
        // A row whose next row starts with ⟺ (`3x - 7 &= 2 \\ \iff 3x &= 9`) ends in a side of it.
        const props = propositions(
          ops.map((o) => o.op),
          continuedByConnective(list[i + 1]),
        );
        this.entriesRanged = false;
        const range =
          this.intervalDeclaration(sides, ops, block) || this.orderedNames(sides, ops, block)
            ? -1
            : this.rangeLink(sides, ops, block);
        const factorised = this.nameWrittenFactors(sides, ops, block);
        const labelled = st.label !== undefined && !st.continued ? labelledNames(sides[0]) : null;
        // `\text{a} &: p_{nb} = 0.45` after `\varnothing: (p_b, p_{nb}) = (0.3, 0)`: the label's own value.
        if (
          labelled &&
          ops[0]?.op === '=' &&
          labelled.every((n) => this.labelOf.has(n) && this.labelOf.get(n) !== st.label)
        )
          ops[0] = { ...ops[0], op: ':=' };
        const bounds: [number, Relation][] = [];
        for (let k = 0; k < ops.length && k + 1 < sides.length; k++) {
          // A range's links bound its letter; `=` links after them work the bound out (rangeLink).
          // A chain read as a declaration (range -1) makes no claim.
          if (range === -1) {
            // Entries drawn from their range meet it: it binds no claim as a constraint.
            if (ops[k].op !== '=' && !this.entriesRanged)
              this.rangeBound({ lhs: sides[k], rhs: sides[k + 1], op: ops[k] });
            continue;
          }
          if (range !== null && k !== range && ops[k].op !== '=') {
            const bound = { lhs: sides[k], rhs: sides[k + 1], op: ops[k] };
            bounds.push([this.rangeBound(bound), bound]);
            continue;
          }
          const carry = carried && st.continued && !orphan && k === 0;
          const proposition = props[k] ? { proposition: props[k] as string } : {};
          const rhs =
            sharedValue(sides, ops, display || directive, (xs) => this.mayTakeValue(xs, block)) ??
            sides[k + 1];
          const factorisation = factorised.has(k) ? { factorisation: true } : {};
          const worksOut =
            k > 0 && ops[k - 1].op === '=' && worksOutLink(sides[k], sides[k + 1], ops[k].op)
              ? { worksOut: true }
              : {};
          const last = sides[sides.length - 1];
          const unit =
            k === 0 && sides.length > 2 && ops.every((o) => o.op === '=' || o.op === '\\approx')
              ? writtenUnitOf(last)
              : null;
          const chainUnit = unit && !writtenUnitOf(rhs) ? { chainUnit: unit.node } : {};
          this.relation(
            {
              lhs: sides[k],
              rhs,
              op: ops[k],
              carried: carry,
              ...proposition,
              ...factorisation,
              ...worksOut,
              ...chainUnit,
            },
            block,
            tag,
          );
        }
        if (range !== null && range !== -1)
          this.boundsLastWithDeclaration(
            { lhs: sides[range], rhs: sides[range + 1], op: ops[range] },
            bounds,
            block,
          );
      }
      if (st.label !== undefined && !st.continued)
        for (const n of labelledNames(st.sides[0]) ?? [])
          if (this.env.lookup(n, block)?.kind === 'def') this.labelOf.set(n, st.label);
      carried = false;
      broken = false;
      readFrom = st.start;
      previousLast = st.sides[st.sides.length - 1] ?? null;
    }
    if (!directive) for (const st of list) this.statedValue(st, block);
    for (const { f, atoms, value } of this.pointValues.splice(0)) this.listPoint(f, atoms, value, block);
    if (!directive) this.initialValueProblem(list, block);
    if (cell) this.cellSideRead(cell, previousLast);
    if (display) {
      this.lastDisplaySide = list.length > 0 ? previousLast : null;
      this.lastDisplayBroken = problems.some((p) => p.start >= readFrom);
      this.definedLaterInDisplay(displayFrom, block);
    }
  }

  /**
   * The side a table cell that opens with a relation goes on from. A row's value column goes on
   * with the math of an earlier cell of its row (`| $D(p \| q) = …$ | $\approx 0.223$ |`); a row
   * whose earlier cells are empty goes on with the same column of the row above, as a worked
   * table breaks a long chain over rows (`| $-0.5 \log 0.8 - 0.5 \log 0.2$ |` then `| $\approx 0.916$ |`).
   * Only the last side of a formula: a number is a row's input.
   * Only a cell whose text begins with the span: words before the relation (`| sd $\approx 0.9$ |`)
   * are its left side.
   */
  private cellAbove(first: Statement | undefined, cell: TableCell | null): Node | null {
    if (!first?.continued || !cell) return null;
    const pipe = this.source.lastIndexOf('|', first.start);
    if (!/^\s*(?:\$+|\\\()?\s*$/.test(this.source.slice(pipe + 1, first.start))) return null;
    const inRow = this.cellSides.filter((c) => c.row === cell.row && c.cell < cell.cell);
    if (inRow.length > 0) {
      // A number or a tuple of numbers before it is the row's input (`| $(4, 0, -4)$ | $\approx 0.982$ |`,
      // `| $n = 10$ | $\approx 0.5$ |`), which the value describes, not equals.
      const side = inRow[inRow.length - 1].side;
      return isNumericLiteral(side) || isNumberTuple(side) ? null : side;
    }
    // Words or numbers earlier in the row (`| 3 | 2.094551 | $\approx 0$ |`) make it a row of its own.
    const before = this.source.slice(cell.row, pipe).replace(/^[ \t]*(?:>[ \t]?)*/, '');
    if (!/^[\s|]*$/.test(before)) return null;
    const above = this.rowAbove(cell);
    return this.cellSides.find((c) => c.row === above && c.cell === cell.cell)?.side ?? null;
  }

  private rowAbove(cell: TableCell): number {
    return cell.row > 0 ? lineStartAt(this.source, cell.row - 1) : -1;
  }

  /** Keeps the last side of a cell's math for the cells after it and below it. */
  private cellSideRead(cell: TableCell, side: Node | null): void {
    const above = this.rowAbove(cell);
    const kept = this.cellSides.filter(
      (c) => (c.row === cell.row && c.cell !== cell.cell) || c.row === above,
    );
    this.cellSides = side ? [...kept, { row: cell.row, cell: cell.cell, side }] : kept;
  }

  /**
   * The words an inline span starting with a relation continues ("the posterior sd", "0.5 hr",
   * "is negative ("): its left side, said in words. Null when no word ends right before the span.
   */
  /**
   * `… = 300000$ J $= 300$ kJ`: the number that ends the math before, with the SI unit symbol that is
   * all the words between the two spans, as one quantity (`300000\,\mathrm{J}`), or null.
   */
  private quantityInWordsBefore(st: Statement): Node | null {
    const opStart = st.ops[0].start;
    const from = Math.max(0, opStart - 60);
    const m = QUANTITY_IN_WORDS.exec(this.source.slice(from, opStart));
    // A symbol (`kJ`, `mol`) or a unit spelled out (`hours`, `kilometres`).
    if (!m || (m[3].length > 6 && !physicalUnit(m[3]))) return null;
    const at = from + (m.index ?? 0) + m[1].length;
    const parsed = parseMath(`${m[2]}\\,\\mathrm{${unitText(m[3])}}`, at).statements;
    const side = parsed.length === 1 && parsed[0].ops.length === 0 ? parsed[0].sides[0] : null;
    const unit = side?.kind === 'bin' ? unitExpr(side.right) : null;
    if (!side || !unit?.dims) return null;
    // `3.992$ mol $= 3.992 \times 18.02 = 71.9$ g` converts to another quantity ("which is"): only a
    // relation whose math ends in a unit of the same kind (`$= 300$ kJ`, `$> … = 40$ kHz`) goes on.
    const last = st.sides[st.sides.length - 1];
    const after = UNIT_AFTER_SPAN.exec(this.source.slice(last.end, last.end + 40));
    const next = after ? parseMath(`1\\,\\mathrm{${unitText(after[1])}}`).statements[0]?.sides[0] : null;
    const nextUnit = next?.kind === 'bin' ? unitExpr(next.right) : null;
    if (!nextUnit?.dims || nextUnit.dims.some((d, k) => d !== unit.dims![k])) return null;
    return { ...side, end: at + m[2].length };
  }

  private leftSideInWords(opStart: number): string | null {
    const before = this.source.slice(Math.max(0, opStart - 60), opStart);
    const m = /((?:[A-Za-z][\w'-]*|\d[\d.,]*)(?:\s+[A-Za-z][\w'-]*)?)\s*\(?\s*(?:\$|\\\()\s*$/.exec(before);
    return m ? m[1] : null;
  }

  /** Values of functions at written arguments, read in the statement being read (./pointValues). */
  private pointValues: { f: string; atoms: string[]; value: Node }[] = [];

  /** The unknowns of the differential equations the current sentence states (./initialValueProblem). */
  private equationUnknowns = { sentence: -1, names: new Set<string>(), any: new Set<string>() };

  /** Where the current passage's entries begin (Entry.at). */
  private passageFrom = 0;

  /**
   * Whether a letter has a meaning an equation written now does not replace: "$y = 5e^{-3t}$", then
   * in a later passage "second one: $y' + 2y = 4$, $y(0) = 0$" poses a new problem in y.
   */
  private meaningBeforeEquation(n: string, block: number): boolean {
    if (CONSTANT_NAMES.has(n) || FUNCTION_SYMBOLS.has(n)) return true;
    const e = this.env.lookup(n, block);
    return e !== null && !(e.kind === 'def' && e.at < this.passageFrom);
  }

  private noteEquationUnknowns(list: Statement[], block: number): void {
    const isKnown = (n: string) => this.meaningBeforeEquation(n, block);
    const names = list.flatMap((st) => differentiatedUnknowns(st, isKnown));
    const any = list.flatMap((st) => differentiatedUnknowns(st, () => false));
    if (any.length === 0) return;
    if (this.equationUnknowns.sentence !== this.scopes.sentence)
      this.equationUnknowns = { sentence: this.scopes.sentence, names: new Set(), any: new Set() };
    for (const n of names) this.equationUnknowns.names.add(n);
    for (const n of any) this.equationUnknowns.any.add(n);
  }

  /**
   * Whether the sentence states a differential equation for f, whose values beside it are given:
   * f has no meaning of its own here, or the value follows "with" ("… solve $y'' - 3y' + 2y = 0$,
   * and find the solution with $y(0) = 1$": the solution sought, not the y checked before).
   */
  private unknownOfEquation(f: string): boolean {
    if (this.equationUnknowns.sentence !== this.scopes.sentence) return false;
    return (
      this.equationUnknowns.names.has(f) ||
      (this.context.role === 'setting' && this.equationUnknowns.any.has(f))
    );
  }

  /** The first-order equation read last, with its passage, until its initial value is met. */
  private firstOrder: { eq: FirstOrderEquation; passage: number } | null = null;
  /** The entries initialValueProblem made: a later problem's equation replaces them. */
  private stepEntries = new WeakSet<Entry>();

  /**
   * `y' = t + y`, then `y(0) = 1` in the same passage: an initial-value problem, whose parts a
   * numerical scheme writes by convention — f(t, y) the right side, t_0 and y_0 the initial point
   * (./initialValueProblem). Each is given so for the section unless the text gave the name a
   * meaning of its own; a later problem's equation gives them anew.
   */
  private initialValueProblem(list: Statement[], block: number): void {
    const isKnown = (n: string) => this.meaningBeforeEquation(n, block);
    for (const st of list) {
      const eq = readFirstOrderEquation(st, isKnown);
      if (eq) this.firstOrder = { eq, passage: this.scopes.passage };
    }
    const held = this.firstOrder;
    if (!held || held.passage !== this.scopes.passage) return;
    const { eq } = held;
    const listing = this.env.lookup(tableKey(eq.y), block);
    const points = listing?.kind === 'def' ? listing.table?.points : undefined;
    if (points?.length !== 1 || points[0].length !== 1 || !Number.isFinite(Number(points[0][0]))) return;
    const valueEntry = this.env.lookup(keyOfAtoms(eq.y, points[0]), block);
    if (valueEntry?.kind !== 'def') return;
    this.firstOrder = null;
    const at: Node = { kind: 'num', value: Number(points[0][0]), text: points[0][0], start: 0, end: 0 };
    const names = stepNames(eq, { at, value: valueEntry.expr });
    const free = (name: string, rule?: SymNode[]) => {
      const e = this.env.lookup(name, block);
      if (!e || this.stepEntries.has(e)) return true;
      // f(t, y) := … of an earlier problem: the same parts of another equation.
      return (
        rule !== undefined &&
        e.kind === 'def' &&
        e.params?.length === rule.length &&
        e.params.every((p, k) => p.name === rule[k].name)
      );
    };
    const plain = { indices: null, diagonal: false, implicit: true, at: this.at };
    const made: Entry[] = [];
    if (free('f', names.f.params))
      made.push({ kind: 'def', name: 'f', expr: names.f.rule, params: names.f.params, ...plain });
    for (const { name, value } of [names.t0, names.y0])
      if (free(name)) made.push({ kind: 'def', name, expr: value, params: null, ...plain });
    for (const e of made) {
      this.define(e, this.scopes.section);
      const defined = this.env.lookup(e.name, block);
      if (defined) this.stepEntries.add(defined);
    }
    this.timeGrid(eq.variable, names.t0.name, block);
  }

  /**
   * The scheme's grid t_{n+1} = t_n + h from the problem's t_0 (./initialValueProblem timeGrid), for
   * the section, when the text gives the family t no rule and no member of its own: "$y_2 = y_1 +
   * h(t_1 + y_1)$" after "$y' = t + y$, $y(0) = 0$, $h = 0.5$" steps at t_1 = 0.5.
   */
  private timeGrid(variable: string, t0: string, block: number): void {
    const start = this.env.lookup(t0, block);
    if (start?.kind !== 'def' || !this.stepEntries.has(start)) return;
    const key = familyKey(variable);
    const earlier = this.env.lookup(key, block);
    if ((earlier?.kind === 'def' && !earlier.recurrence?.byConvention) || this.env.lookupPattern(variable))
      return;
    for (let k = 1; k <= 10; k++) if (this.env.lookup(`${variable}_{${k}}`, block)) return;
    const grid = timeGrid(variable, this.at);
    const rule = grid && readRecurrence(grid.lhs, grid.rhs);
    if (!grid || !rule) return;
    const initial = [{ index: 0, value: start.expr, passage: this.context.passage }];
    const plain = { params: null, indices: null, diagonal: false, implicit: true, at: this.at };
    const recurrence = { ...rule, initial, section: this.context.section, byConvention: true as const };
    this.define({ kind: 'def', name: key, expr: grid.rhs, ...plain, recurrence }, this.scopes.section);
  }

  /**
   * The atoms of a point a function is given a value at (`(3, R)`), or null: numbers, and labels —
   * letters the document gives no meaning (`A`, `s_1`) that the value does not use (`f(x) = x^2` is
   * a rule in x, not a value at a point named x).
   */
  private tablePoint(args: readonly Node[], value: Node, block: number): string[] | null {
    const used = freeSymbols(value);
    return pointAtoms(
      args,
      (s) =>
        (!used.has(s.name) || this.listsLabel(value, s.name, block)) &&
        !CONSTANT_NAMES.has(s.name) &&
        this.env.lookup(s.name, block) === null &&
        !this.env.isDimension(s.name) &&
        !(s.subText !== null && (this.env.lookup(s.stem, block) || this.env.lookupPattern(s.stem))),
    );
  }

  /**
   * Whether a formula applies a tabled function at a point the table lists with this label: `C` in
   * `V(C) = \max_a Q(C, a)` after `Q(C, L) = 3.5` names the state, not a parameter of a rule.
   */
  private listsLabel(n: Node, label: string, block: number): boolean {
    let found = false;
    walk(n, (x) => {
      if (found || x.kind !== 'apply') return;
      const index = this.env.lookup(tableKey(x.f.name), block);
      if (index?.kind !== 'def' || !index.table) return;
      x.args.forEach((a, k) => {
        if (a.kind === 'sym' && a.name === label && index.table!.points.some((p) => p[k] === label))
          found = true;
      });
    });
    return found;
  }

  /**
   * "$p(0) = 0.2$, $p(1) = 0.8$ and $p(k) = 0$ for any other $k$" (or "otherwise", "elsewhere"): the
   * table's function is 0 at every point it does not list, so a sum past the listed points is
   * checked. The relation is reported, with nothing to check.
   */
  private zeroOutsideTable(r: Relation, block: number, tag: string | null): boolean {
    if (r.lhs.kind !== 'apply' || writtenNumber(r.rhs) !== 0) return false;
    if (!r.lhs.args.some((a) => a.kind === 'sym')) return false;
    const listing = this.env.lookup(tableKey(r.lhs.f.name), block);
    if (listing?.kind !== 'def' || !listing.table) return false;
    if (!OTHERWISE.test(this.source.slice(r.rhs.end, r.rhs.end + 60))) return false;
    const table = { points: listing.table.points, zeroOutside: true as const };
    this.define({ ...listing, table, at: this.at }, listing.scope ?? null);
    const f = this.source.slice(r.lhs.f.start, r.lhs.f.end);
    this.claim(
      r,
      block,
      tag,
      `it sets ${f} to 0 at every point its listed values leave out: nothing to check`,
    );
    return true;
  }

  /** Whether the table of f lists a number at this point, or a formula of numbers alone. */
  private holdsListedNumber(f: string, atoms: readonly string[], block: number): boolean {
    const entry = this.env.lookup(keyOfAtoms(f, atoms), block);
    return entry?.kind === 'def' && this.fromNumbers(entry.expr, block);
  }

  /** Whether the table of f lists this number at this point. */
  private sameListedValue(f: string, atoms: readonly string[], value: Node, block: number): boolean {
    if (this.zeroThere(f, atoms, block)) return writtenNumber(value) === 0;
    const entry = this.env.lookup(keyOfAtoms(f, atoms), block);
    if (entry?.kind !== 'def') return false;
    const a = writtenNumber(entry.expr);
    const b = writtenNumber(value);
    return a !== null && b !== null && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  }

  /**
   * `| $p(x,y)$ | $y = 0$ | $y = 1$ |` heading a table whose rows start `| $x = 0$ |` and hold numbers:
   * the values of p at those points (./tableGrid), listed as if written `p(0, 0) = 1/4`.
   */
  private gridOfValues(list: Statement[], block: number): void {
    const side = list.length === 1 && list[0].ops.length === 0 ? list[0].sides[0] : null;
    if (side?.kind !== 'apply' || side.args.length !== 2 || side.given !== undefined) return;
    const [a, b] = side.args;
    if (a.kind !== 'sym' || b.kind !== 'sym' || a.name === b.name) return;
    if (this.env.lookup(side.f.name, block) !== null) return;
    const grid = gridValues(this.source, side.start, side.end, a.name, b.name);
    for (const { atoms, value } of grid ?? []) {
      const num: Node = { kind: 'num', value, text: String(value), start: side.start, end: side.end };
      this.pointValues.push({ f: side.f.name, atoms, value: num });
    }
  }

  /** Whether the table of f lists this point (./pointValues). */
  private pointListed(f: string, atoms: readonly string[], block: number): boolean {
    return this.env.lookup(keyOfAtoms(f, atoms), block)?.kind === 'def' || this.zeroThere(f, atoms, block);
  }

  /** Whether f's table is 0 everywhere else and this point, written in numbers, is not listed. */
  private zeroThere(f: string, atoms: readonly string[], block: number): boolean {
    const listing = this.env.lookup(tableKey(f), block);
    return (
      listing?.kind === 'def' &&
      listing.table?.zeroOutside === true &&
      atoms.every((a) => Number.isFinite(Number(a))) &&
      this.env.lookup(keyOfAtoms(f, atoms), block) === null
    );
  }

  /**
   * Whether a function's rule applies a function the text gives neither a rule nor values, nor the
   * checker knows (`\pi(a \mid s)`, `r(s, a)` in a Bellman equation): it cannot be evaluated.
   */
  private ruleNeedsUnknown(rule: Entry & { kind: 'def' }, block: number, seen = new Set<Entry>()): boolean {
    seen.add(rule);
    const params = new Set((rule.params ?? []).map((p) => p.name));
    let found = false;
    walk(rule.expr, (x) => {
      if (found || x.kind !== 'apply' || params.has(x.f.name) || FUNCTION_SYMBOLS.has(x.f.name)) return;
      const e = this.env.lookup(x.f.name, block);
      // A rule that uses such a rule (`\sum_a \pi(a \mid s) Q^\pi(s, a)`) cannot be evaluated either;
      // a name held as a value (the policy π declared as an object) is no rule.
      if (e?.kind === 'def' && e.params !== null)
        found = !seen.has(e) && this.ruleNeedsUnknown(e, block, seen);
      else if (e?.kind !== 'def' && this.env.lookup(tableKey(x.f.name), block) === null) found = true;
    });
    return found;
  }

  /**
   * Whether a function's rule can be computed from what the text has given: every letter it writes
   * besides its parameters is a constant, a declared name, a value (one that has ended too), or a
   * function whose rule can be.
   */
  private computable(rule: Entry & { kind: 'def' }, block: number, seen = new Set<Entry>()): boolean {
    seen.add(rule);
    const params = new Set((rule.params ?? []).map((p) => p.name));
    for (const name of letterNames(rule.expr)) {
      if (params.has(name) || CONSTANT_NAMES.has(name) || FUNCTION_SYMBOLS.has(name)) continue;
      const e = this.env.lookup(name, block);
      if (!e) {
        // A value given for a sentence ("with $k = \ln 2/3$") that has ended still was given.
        if (this.env.isDimension(name) || this.env.endedValues(name, block, true).length > 0) continue;
        return false;
      }
      if (e.kind === 'def' && e.params !== null && !seen.has(e) && !this.computable(e, block, seen))
        return false;
    }
    return true;
  }

  /** Whether a formula applies a function given by a table of values (./pointValues). */
  private usesTable(n: Node, block: number): boolean {
    let found = false;
    walk(n, (x) => {
      if (!found && x.kind === 'apply' && this.env.lookup(tableKey(x.f.name), block)?.kind === 'def')
        found = true;
    });
    return found;
  }

  /**
   * `p(0) = 0.2`: the value at the point, and the point added to the function's table. A table is
   * an object its section works with, as a sequence written out is: it lasts to the section's end
   * (to the sentence's end when an "if" gives it).
   */
  private listPoint(f: string, atoms: string[], value: Node, block: number): void {
    const scope = this.context.role === 'hypothesis' ? this.scopes.sentence : this.scopes.section;
    const plain = { params: null, indices: null, diagonal: false, implicit: true };
    this.define({ kind: 'def', name: keyOfAtoms(f, atoms), expr: value, ...plain, at: this.at }, scope);
    const index = this.env.lookup(tableKey(f), block);
    const before = index?.kind === 'def' ? index.table : undefined;
    const same = (p: string[]) => p.length === atoms.length && p.every((a, k) => a === atoms[k]);
    const points = before?.points.some(same) ? before.points : [...(before?.points ?? []), atoms];
    const table = before?.zeroOutside ? { points, zeroOutside: true as const } : { points };
    const expr = makeSym(tableKey(f), value.start, value.end);
    this.define({ kind: 'def', name: tableKey(f), expr, ...plain, at: this.at, table }, scope);
  }

  /** `e(0) = 0.2`, `\pi(a \mid s)`: a constant's letter applied as a function is the document's (./appliedConstants). */
  private constantsAppliedAsFunctions(list: Statement[], block: number): void {
    for (const x of constantsApplied(
      list.flatMap((st) => st.sides),
      this.source,
    )) {
      if (this.env.lookup(x.f.name, block)) continue;
      const applied = this.source.slice(x.start, x.end);
      this.define({ kind: 'fn', name: x.f.name, domain: null, codomain: null, at: this.at, applied });
    }
  }

  /**
   * `X^\top S X, \quad S = \operatorname{diag}(…)`, `B^\top = A + A^\top, \text{ where } B = …`: a
   * name a display's claim uses before the display defines or declares it is the one defined there,
   * as a reader takes it; the claim is checked with that entry.
   */
  private definedLaterInDisplay(from: number, block: number): void {
    for (let i = from; i < this.claims.length; i++) {
      const c = this.claims[i];
      if (c.skipReason) continue;
      let env = c.env;
      const used = this.references(c.lhs, c.block);
      for (const n of this.references(c.rhs, c.block)) used.add(n);
      for (const name of used) {
        if (c.env.lookup(name, c.block) || c.env.isDimension(name)) continue;
        const later = this.env.lookup(name, block);
        if (later?.kind !== 'def' && later?.kind !== 'decl') continue;
        env = env.with(later);
      }
      if (env !== c.env) this.claims[i] = { ...c, env };
    }
  }

  /** The source of the relation being read, stored on the entries it makes. */
  private currentText = '';

  /** The block each entry was made in (weak: a resumed build shares it with the one it resumed). */
  private blockOf = new WeakMap<Entry, number>();
  /** The passage each entry made in running text was made in. */
  private passageOf = new WeakMap<Entry, number>();
  private currentBlock = -1;
  private inDisplay = false;
  /**
   * "With $r = 0.5$, $K = 1000$, $h = 100$:" — a number listed among values for a name its passage
   * gave a formula: a new setting for the example or a slip, which the reader cannot tell apart.
   */
  private listedNumber = false;
  /** The right side of the last `\parallel` of a chain, which the next link starts from. */
  private parallelRight: Node | null = null;

  /**
   * `1\,\mathrm{k\Omega} \parallel 1\,\mathrm{k\Omega} = 2\,\mathrm{k\Omega}`: the author
   * equates the parallel combination, not ∥'s right side, with what follows.
   */
  private afterParallel(r: Relation): string | undefined {
    if (this.parallelRight === null || r.lhs !== this.parallelRight) return undefined;
    return (
      'the ∥ before it may combine resistances (or springs) in parallel, which is not evaluated, so ' +
      'what it equals is not checked; write the combination out, as R_1 R_2/(R_1 + R_2)'
    );
  }
  /** The row label (`\varnothing:`) under which each name was last given a value (labelledNames). */
  private labelOf = new Map<string, string>();
  /** Set while a written-out sequence and its entries are defined (they last to the end of the section). */
  private writingSequence = false;
  /** Entries made in running text (inline math), as opposed to displays and directives. */
  private inlineEntries = new WeakSet<Entry>();

  /** `scopeGiven`: the scope the entry ends with; null for none (as a display's definitions). */
  private define(given: Entry, scopeGiven?: number | null): void {
    // A recurrence's letter is its index, bound by the rule: never a repeated index to sum over.
    const entry = given.kind === 'def' && given.recurrence ? given : this.withRepeatedIndicesSummed(given);
    if (!this.inDisplay && (entry.kind === 'case' || (entry.kind === 'def' && isLiteralValue(entry.expr))))
      this.valueSentence = this.scopes.sentence;
    const scope = scopeGiven === null ? undefined : (scopeGiven ?? this.scopeOf(entry));
    // "For example, with $D = 3$": an example's number, which an earlier setting's may stand behind
    // (check/claim/endedValues.ts).
    const example = this.context.example && !this.inDisplay ? { example: true as const } : {};
    // "With $u = 1$ we have $u^3 = u$": a value in words that frame their sentence ("with", "for"),
    // not chosen ("take"), gives the point that sentence is about (atExample).
    const framed =
      !this.inDisplay && !this.context.setsUp && (entry.kind === 'case' || entry.kind === 'def')
        ? { framedIn: this.scopes.sentence }
        : {};
    // "We measured $\theta_2 = 25.0^\circ$": a reading, known to the digits written (rounding.ts).
    const measured = this.context.measured && !this.inDisplay ? { measured: true as const } : {};
    const made: Entry =
      scope === undefined
        ? { ...entry, text: this.currentText, ...example, ...framed, ...measured }
        : { ...entry, text: this.currentText, scope, ...example, ...framed, ...measured };
    this.env = this.env.with(made);
    // "$V \in \mathbb{R}^{d \times d}$ orthogonal": words after a declaration declare the name anew
    // in the same sentence, and an equation lasting with it goes on lasting with the new one.
    if (made.kind === 'decl' && this.declaredInSentence.get(made.name) === this.scopes.sentence)
      this.lastsWithDeclaration(made.name, this.currentBlock, false);
    if (scope !== undefined) {
      let names = this.scoped.get(scope);
      if (!names) {
        names = new Set();
        this.scoped.set(scope, names);
      }
      names.add(entry.name);
    }
    this.blockOf.set(made, this.currentBlock);
    if (made.kind === 'def') this.usedInSection([made.expr], this.currentBlock);
    if (
      !this.inDisplay &&
      this.whereClaims.length > 0 &&
      (made.kind === 'case' || (made.kind === 'def' && made.params === null))
    )
      this.whereValue(made);
    if (!this.inDisplay) {
      this.inlineEntries.add(made);
      this.passageOf.set(made, this.context.passage);
    }
  }

  /**
   * A definition's formula with each index letter written twice in a term, and not an index of the
   * defined name, summed (`y_i = W_{ik} x_k + b_i`, `L = \frac12 y_i y_i`): such a letter has no
   * value of its own, so index notation's sum is the only reading (model/repeatedIndices.ts).
   */
  private withRepeatedIndicesSummed(entry: Entry): Entry {
    if (entry.kind !== 'def' || entry.params !== null) return entry;
    const isIndex = (name: string) =>
      this.env.lookup(name, this.currentBlock) === null && !this.env.isDimension(name);
    // The letters the defined name is written with stay free, also where the subscript makes it a
    // name of its own (`P_k = P_{k-1} - k_k \varphi_k^\top P_{k-1}`: step k, not a sum over k).
    const own = [
      ...(entry.name
        .split('_')
        .slice(1)
        .join('_')
        .match(/(?<![\\a-zA-Z])[a-z](?![a-zA-Z])/g) ?? []),
    ];
    const summed = repeatedSummedExcept(entry.expr, new Set([...(entry.indices ?? []), ...own]), isIndex);
    return summed ? { ...entry, expr: summed.node } : entry;
  }

  /**
   * How long a value or definition written in running text lasts: one given under "if" or
   * "when" to the end of its sentence; a number (a worked example's value) to the end of its
   * passage; a formula to the end of its section. Displays, directives and declarations last.
   */
  /**
   * "**Q2.** … $$P = \frac{50}{1.04} + … = 1027.75$$ … **Q3.** … $$C - P = S - K e^{-rT}$$": a value or
   * formula a display gives inside a problem of its own (a numbered question, a heading that names
   * one problem, an example or exercise unit) is that problem's data, and ends with the problem, its
   * parts and subsections included — as running text's formulas end with their section. After it, it
   * serves only a claim that holds with it. Elsewhere a display's definitions last.
   */
  private problemScope(entry: Entry): number | undefined {
    const depth = this.context.problemDepth;
    if (depth === undefined || (entry.kind !== 'def' && entry.kind !== 'case')) return undefined;
    // A function's rule, a member's rule or a recurrence (`T(n) = 2T(n/2) + n` of Problem 1, which
    // Problem 5's recursion tree goes on with) lasts: a rule in a later problem replaces it there
    // (nextSection), and a claim that applies it means it.
    if (
      entry.kind === 'def' &&
      (entry.params !== null || entry.indices !== null || entry.recurrence || entry.sequence)
    )
      return undefined;
    const id = this.context.sectionPath.split('.')[depth];
    return id === undefined ? undefined : sectionScope(Number(id));
  }

  /** The tag of the relation being read (relation()), for a claim a definition also makes. */
  private currentTag: string | null = null;

  /** Set only while a declared name's worked case is defined (tryDefinition): it lasts for its passage. */
  private workedCase = false;

  private scopeOf(entry: Entry): number | undefined {
    if (this.inDisplay) return this.problemScope(entry);
    // "Let $x > 0$", "for $B \in \mathbb{R}^{n \times m}$" inside a theorem or its proof: the
    // result's hypotheses, not the document's (the next result may take x negative, B square).
    if (entry.kind === 'decl' && this.context.statement) return this.scopes.section;
    if (entry.kind !== 'def' && entry.kind !== 'case') return undefined;
    // "test $H_0\colon p = 0.5$ at level $\alpha = 0.10$": the level is the test's setting, which the
    // critical values and the decision after it use until the text gives another, not a value the
    // hypothesis supposes nor a worked example's number that ends with its paragraph.
    if (isSignificanceLevel(entry.name, literalValue(entry.expr)) && !this.inDisplay)
      return this.scopes.section;
    if (this.context.role === 'hypothesis') return this.scopes.sentence;
    // A sequence written out is an object the section works with, not a worked example's value.
    if (this.writingSequence) return this.scopes.section;
    const value =
      this.workedCase ||
      entry.kind === 'case' ||
      (entry.params === null &&
        entry.indices === null &&
        (isLiteralValue(entry.expr) ||
          (isConstantFormula(entry.expr) && this.reGiven(entry.name)) ||
          // `m = 10.0` g in a data section: a given like a plain number (keepDataGivens); elsewhere
          // a value in a prefixed unit keeps a formula's scope.
          (this.context.dataSection === true && givenNumber(entry) && this.openingFact(entry))));
    if (value) {
      // "Let $n = 50$ be the sample size throughout": the words make it the setting of what follows.
      if (this.context.lasting && !this.workedCase) return this.scopes.section;
      // "with equality at $x = 0$": that point, for its sentence (model/prose.ts, LOCATES_POINT).
      if (this.context.locatesPoint && !this.workedCase) return this.scopes.sentence;
      // "Take $p = \pi/4$." / "We take $\eta = 0.1$, $H = 4$.": a name the text knew given a number
      // by a sentence that chooses it may set up the worked example that follows (keepSetup); a
      // value under "with", "for", "where" serves its own passage only.
      // A number, not a vector or matrix written out: "Take $x = (1, 2)^\top$." stays its passage's.
      const chosen =
        entry.kind === 'case' ||
        (entry.params === null &&
          this.env.lookup(entry.name, this.currentBlock) !== null &&
          (isNumericLiteral(entry.expr) || this.isConstantNumber(entry.expr, this.currentBlock)));
      if (chosen && this.context.setsUp && !this.workedCase) {
        this.scopes.setup ??= this.nextScope++;
        return this.scopes.setup;
      }
      if (this.openingFact(entry)) this.openingFacts.push(entry.name);
      // "… of height $h = 5$ m … For example, with $h = 1.25$ m …" in the same passage: the name's
      // value there is the example's now, which is no given of the section.
      else if (this.openingFacts.includes(entry.name))
        this.openingFacts = this.openingFacts.filter((n) => n !== entry.name);
      // `x^\star = 1`, `p^* = 1/2`: the optimum of the problem the section works, a fact about that
      // problem rather than one case of a variable; slides give it in one bullet and use it in the next.
      if (entry.kind === 'def' && isOptimumName(entry.name)) return this.scopes.section;
      return this.scopes.passage;
    }
    // "the two branches meet at $t = w$": the variable of a function the text defined (η(t) = …)
    // is named at one point, not made that point for the section, unless words define it ("let").
    // A number worked out (`t = 2 \times 5730`) is a worked example's value, as above.
    if (
      entry.kind === 'def' &&
      entry.params === null &&
      entry.indices === null &&
      this.namesAPoint(entry.name) &&
      [...this.references(entry.expr, this.currentBlock)].some((n) => !CONSTANT_NAMES.has(n))
    )
      return this.scopes.sentence;
    return this.resultDefinitionScope(entry) ?? this.scopes.section;
  }

  /**
   * "Lemma 2. Let $\ell(w) = \frac12\|Xw - y\|^2$. Then …": a name the statement of a result defines
   * by a formula is what the result is about, and the text goes on using it after the proof, as a
   * reader does; it lasts as if written just outside the unit (the section around it). Not when its
   * formula uses a name the unit itself set up (a hypothesis's `x > 0`, `\lambda` of "Let
   * $\lambda > 0$"), which ends with the unit, nor in a proof, an example or a problem, whose
   * definitions are their own.
   */
  private resultDefinitionScope(entry: Extract<Entry, { kind: 'def' }>): number | undefined {
    if (!this.context.resultStatement) return undefined;
    const path = this.context.sectionPath.split('.');
    if (path.length < 2) return undefined;
    const params = new Set((entry.params ?? []).map((p) => p.name));
    const around = new Set(path.slice(0, -1).map((id) => sectionScope(Number(id))));
    for (const name of this.references(entry.expr, this.currentBlock)) {
      if (params.has(name)) continue;
      const known = this.env.lookup(name, this.currentBlock);
      if (known?.scope !== undefined && !around.has(known.scope)) return undefined;
    }
    return sectionScope(Number(path[path.length - 2]));
  }

  /**
   * The names of a relation declared in running text of a section that has ended (Claim), which no
   * relation of the sections around it has used yet: "## Problem 3 / … $\mu = \sigma(Xw)$ …" goes on
   * with Problem 1's X, "## Log-determinants / $\frac{\partial}{\partial X}\log\det X = …$" may not.
   */
  private declaredInEndedSection(r: Relation, block: number): string[] {
    const out: string[] = [];
    const open = new Set(this.context.sectionPath.split('.').map((id) => sectionScope(Number(id))));
    for (const name of [...this.references(r.lhs, block), ...this.references(r.rhs, block)]) {
      const e = this.env.lookup(name, block);
      if (e?.kind !== 'decl' || e.spec.shape.length === 0 || !this.sectionEnded(e.section)) continue;
      const used = this.sectionUses.get(name);
      if ((used === undefined || !open.has(used)) && !out.includes(name)) out.push(name);
    }
    return out;
  }

  /**
   * Records that the declared vectors and matrices these sides use were used in the current section
   * (only those: declaredInEndedSection asks about nothing else, and a state that records less is
   * the same through more edits).
   */
  private usedInSection(sides: readonly Node[], block: number): void {
    const section = this.scopes.section;
    for (const side of sides)
      for (const name of this.references(side, block)) {
        const e = this.env.lookup(name, block);
        if (e?.kind === 'decl' && e.spec.shape.length > 0 && this.sectionUses.get(name) !== section)
          this.sectionUses.set(name, section);
      }
  }

  /**
   * The names of a relation that running text gave a formula (not a number) in an earlier passage,
   * or a formula in this one made of such names (`\eta = 1/L` after an earlier `L = \|x\|^2/4`).
   */
  private earlierFormulas(r: Relation, block: number): string[] {
    const formula = (e: Entry | null): e is Extract<Entry, { kind: 'def' }> =>
      e?.kind === 'def' &&
      e.implicit === true &&
      e.params === null &&
      e.indices === null &&
      this.inlineEntries.has(e) &&
      // A vector or matrix written out in numbers (a problem's given `W = \begin{pmatrix} … \end{pmatrix}`)
      // is a value, not a formula.
      !isNumericFormula(e.expr) &&
      !isLiteralValue(e.expr);
    // A formula worked at values this passage gave (`x = (1, 2, 3, 6)` for `\mu = \frac{1}{N}\sum_j
    // x_j`) is this passage's example, not one the name may have left behind.
    const earlier = (e: Entry | null) =>
      formula(e) && this.passageOf.get(e) !== this.context.passage && !this.valuedHere(e.expr, block);
    const out: string[] = [];
    for (const name of [...this.references(r.lhs, block), ...this.references(r.rhs, block)]) {
      const e = this.env.lookup(name, block);
      const through =
        formula(e) && [...this.references(e.expr, block)].some((n) => earlier(this.env.lookup(n, block)));
      if ((earlier(e) || through) && !out.includes(name)) out.push(name);
    }
    return out;
  }

  /**
   * A name that already means something, given a value of constants in running text (`A = B = I_2` in
   * a counterexample, after A was a matrix of the lecture): the value is that example's, as a written
   * number is. A fresh name given one (`\tilde D = \operatorname{diag}(2, 3, 2)`) is defined by it.
   */
  private reGiven(name: string): boolean {
    const known = this.env.lookup(name, this.currentBlock) ?? this.env.lookupGeneric(name, this.currentBlock);
    return known !== null && known.kind !== 'dim';
  }

  /**
   * Running text gives a formula to a letter that a visible function definition takes as its
   * argument, in words that do not define ("at", "for", "with", "where" or none at all).
   */
  private namesAPoint(name: string): boolean {
    const { role, keyword } = this.context;
    if (role === 'setting' && !(keyword && POINT_WORDS.has(keyword))) return false;
    return this.env.isParameter(name);
  }

  /** Whether `r` states a moment this passage's settings left free (momentFact) of one of their variables. */
  private statesFreeMoment(r: Relation, block: number): boolean {
    const fact = momentFactOf(r.lhs, r.rhs);
    if (!fact || r.op.op !== '=' || this.momentFacts?.passage !== this.context.passage) return false;
    // "Then $\operatorname{Var}(Y) = 4$", "so …": a result the author draws is a claim.
    const lead = this.source.slice(Math.max(0, r.lhs.start - 80), r.lhs.start);
    if (this.followsFromBefore(r.lhs.start) || THEN_BEFORE.test(lead.slice(lastSentenceEnd(lead) + 1)))
      return false;
    if (!this.momentFacts.names.includes(fact.key)) return false;
    const entry = fact.family ? this.env.lookupPattern(fact.key) : this.env.lookup(fact.key, block);
    if (entry?.kind !== 'random' || entry.dist.kind !== 'Law' || entry.dist.law !== 'Moments') return false;
    return isFreeMoment(fact.moment === 'mean' ? entry.dist.a : (entry.dist.b ?? entry.dist.a));
  }

  /**
   * "with $\mathbb{E}[X] = 2$, $\operatorname{Var}(X) = 1$": a moment of a variable this passage's
   * settings give moments to (momentFact), or of one nothing describes yet, goes on the list.
   */
  private listsMoment(written: Relation, block: number): boolean {
    const fact = momentFactOf(written.lhs, written.rhs);
    if (!fact) return false;
    const name = fact.key;
    const facts = this.momentFacts?.passage === this.context.passage ? this.momentFacts : null;
    return (facts?.names.includes(name) ?? false) || this.meansNothingYet(name, block);
  }

  private relation(written: Relation, block: number, tag: string | null): void {
    // "The roots are $x_{1,2} = \frac{5 \pm \sqrt{5}}{2}$": x_1 with +, x_2 with −, each as if written so.
    // An entry of a matrix the text has (`A_{1,2}`) is not such a pair.
    const pair =
      written.op.op === '=' && written.lhs.kind === 'sym' && this.meansNothingYet(written.lhs.stem, block)
        ? plusMinusPair(written.lhs, written.rhs)
        : null;
    if (pair) {
      for (const [lhs, rhs] of pair) this.relation({ ...written, lhs, rhs }, block, tag);
      return;
    }
    // "with $\tau = 2$, $p_1 = \sigma(1)$": a list goes on under "with" only while it gives declared
    // names values (model/prose.ts, substitutionGoesOn); a defined quantity's value is the claim. A
    // random variable given a number there ("with $u = 1$, $z = 0$") is one outcome, as after "for".
    const listed = this.context.listedValue;
    const listedKind =
      written.lhs.kind === 'sym' ? this.env.lookup(written.lhs.name, block)?.kind : undefined;
    if (
      listed &&
      listedKind !== 'decl' &&
      !(listedKind === 'random' && isLiteralValue(written.rhs)) &&
      !this.constrainsSentenceDeclaration(written) &&
      !this.relatesSentenceSizes(written, block) &&
      !this.listsMoment(written, block)
    ) {
      const { listedValue: _listed, keyword: _keyword, ...plain } = this.context;
      this.context = { ...plain, role: 'plain', why: '' };
      this.listedNumber = written.lhs.kind === 'sym' && isNumericLiteral(written.rhs);
      try {
        this.relation(written, block, tag);
      } finally {
        this.context = { ...plain, listedValue: listed };
        this.listedNumber = false;
      }
      return;
    }
    this.at++;
    this.currentTag = tag;
    const r = asMembership(
      this.withSuperscriptedNames(
        this.withScalarPowers(
          this.withPrimesTransposed(
            this.withOperatorsWrittenOut(
              this.withPartialSubscripts(
                this.withCriticalLevels(this.withEntryFunctions(written, block), block),
                block,
              ),
              block,
            ),
            block,
          ),
          block,
        ),
        block,
      ),
    );
    this.stemsAsVectors(r, block);
    this.currentText = this.source.slice(r.lhs.start, r.rhs.end);
    this.currentBlock = block;
    if (this.context.role === 'hypothesis' && (r.op.op === '=' || r.op.op === ':=')) this.nullValue(r, block);
    const { lhs, rhs, op } = r;
    const text = this.source.slice(lhs.start, rhs.end);
    this.countsOfSentence(r, block, text);
    // A side the parser could not read defines nothing; the claim says why it is unchecked.
    if (lhs.kind === 'error' || rhs.kind === 'error') {
      this.claim(r, block, tag);
      return;
    }
    if (r.proposition) {
      this.claim(r, block, tag, PROPOSITION_CHECKED.has(op.op) ? undefined : r.proposition);
      return;
    }
    // A display the words before it quote as a mistake ("a student wrote:") defines nothing and
    // claims nothing, as quoted inline math.
    // Struck-through math (`~~$…$~~`, `\sout{…}`) is what the author took back: no claim, and the
    // values it gives are not given.
    if (this.context.struck) {
      this.claim(r, block, tag, STRUCK_OUT);
      return;
    }
    if (this.inDisplay && this.context.quoted) {
      this.claim(r, block, tag, quotedReason(this.context.why));
      return;
    }
    // "The authors claim that $\lambda_{\max}(H) = \operatorname{tr}(H)$": a rule someone else states
    // for a function the text already has (the checker's, or one it defined) is what the text
    // reports, not the function it goes on with; a reported rule for a new name still defines it.
    if (
      this.context.attributed &&
      !this.inDisplay &&
      r.op.op === '=' &&
      r.lhs.kind === 'apply' &&
      (FUNCTION_SYMBOLS.has(r.lhs.f.name) || this.env.lookup(r.lhs.f.name, block) !== null)
    ) {
      this.claim(r, block, tag);
      return;
    }
    // Before sign constraints: `W_{ij} \ge 0` speaks of W's entries, not of a new letter `W_{ij}`.
    if (!this.inDisplay && this.entriesOfDeclaration(r, block, text)) return;
    if (this.boundOfRuleIndex(r, block)) return;
    if (!this.inDisplay && this.signConstraint(r, block, text)) return;
    if (!this.inDisplay && this.symmetryOfDeclaration(r, block, text)) return;
    if (!this.inDisplay && this.constructedByDeclaration(r, block, tag)) return;
    if (op.op === '\\in') this.rangeEndsAsSizes(lhs, rhs, block);
    if (op.op === '\\in') {
      // `x_1, \dots, x_n \in \mathbb{R}`, `\in \{0, 1\}`: a vector of n entries of that set, as the list
      // alone names one (n the author's size); members that are vectors themselves, or not counted
      // from 1 to a letter, declare the family x_i.
      const elided = elidedMembers(lhs);
      const scalar = readDeclaration(rhs);
      if (
        elided &&
        scalar.ok &&
        scalar.spec.shape.length === 0 &&
        !scalar.spec.symmetric &&
        this.listedVector(elided.first, elided.last, block, true, scalar.spec)
      )
        return;
      const names = nameList(lhs) ?? (elided ? [elided.pattern] : null);
      if (names) {
        const read = readDeclaration(rhs);
        const spec = read.ok && this.context.oneHot && !this.inDisplay ? oneHotSpec(read) : read;
        if (spec.ok) {
          for (const n of names) {
            const pattern = isPatternName(n);
            const name = pattern ? n.stem : n.name;
            if (!pattern && this.describesDefinedShape(name, spec.spec, block)) {
              this.bindings.push({ name, kind: 'declaration', start: n.start, end: rhs.end, text });
              continue;
            }
            const index = pattern && n.sub?.length === 1 && n.sub[0].kind === 'sym' ? n.sub[0].name : null;
            const member = index !== null ? { memberIndex: index } : {};
            this.define({
              kind: 'decl',
              name,
              pattern,
              spec: spec.spec,
              at: this.at,
              ...fontOf(n),
              ...member,
              ...(this.inDisplay || this.context.section === undefined
                ? {}
                : { section: this.context.section }),
            });
            this.declaredInSentence.set(name, this.scopes.sentence);
            this.lastsWithDeclaration(name, block);
            this.bindings.push({ name, kind: 'declaration', start: n.start, end: rhs.end, text });
          }
          this.pendingKindsOf(names, block);
          for (const d of dimensionNames(spec.spec.shape)) {
            // A size whose value came from running text is still a size once that value ends.
            const known = this.env.lookup(d, block);
            // A size first met as the count of a list (`x_1, \dots, x_n`) is the author's once a
            // declaration uses it.
            const listed = this.env.dimensionEntry(d)?.inferred !== undefined;
            if ((!this.env.isDimension(d) && (!known || known.scope !== undefined)) || listed)
              this.define({ kind: 'dim', name: d, at: this.at });
          }
          // After the sizes: "… for all $x \in \mathbb{R}^n$" gives the claim before it n too.
          if (!this.inDisplay) this.declaredForAwaiting(names, block);
          // "$\|QA\|_2 = \|A\|_2$ for orthogonal $Q \in \mathbb{R}^{n \times n}$ and $A \in …$".
          this.declaredAfterUse(names, block);
          return;
        }
        // A set we cannot sample (e.g. a data space): not an error, just nothing to check.
        if (spec.reason)
          this.problems.push({ start: rhs.start, end: rhs.end, code: 'declaration', message: spec.reason });
        return;
      }
      return;
    }
    if (op.op === ':' && this.signature(lhs, rhs, text)) return;
    const bound = asymptoticBound(cmpOf(r), (name) => this.env.lookup(name, block) !== null);
    if (bound && op.op !== ':=') {
      this.claim(r, block, tag, asymptoticReason(bound));
      return;
    }
    if (op.op === '\\sim' && conditionedBefore(this.source, lhs.start)) {
      // `\theta \mid h \sim \mathrm{Beta}(…)`, `t \mid w \sim \mathcal{N}(\Phi w, …)`: the law of what
      // stands before the bar given h, which says nothing of the law of h itself.
      this.claim(r, block, tag, CONDITIONAL_LAW);
      return;
    }
    if (op.op === '=' || op.op === ':=') this.densityParametersOf([lhs, rhs], block, text);
    // `\hat x_i = (x_i - \mu_B) / \sqrt{\sigma_B^2 + \epsilon}`: ε keeps the root safe, a positive number.
    if (/epsilon|\u03b5|\u03f5/.test(this.source.slice(lhs.start, rhs.end)))
      for (const eps of safetyEpsilons([lhs, rhs]))
        this.declareLawParameters([{ sym: eps, spec: { set: 'positive', shape: [] } }], block, text);
    if (op.op === '\\sim') {
      // `X_1, \dots, X_n \sim …`: the members listed with dots declare the family `X_i`, each member
      // of that law and independent of the others, as `X_i \sim …` does; n is the sample's size.
      const elided = elidedMembers(lhs);
      const names = nameList(lhs) ?? elementPatternNames(lhs) ?? (elided ? [elided.pattern] : null);
      if (elided) this.sampleSize(elided.last, block);
      // `X = 3 + 2Z`, then `X \sim N(3, 4)`: the law of a name defined from random variables is a
      // consequence stated, not a fresh draw (which would make X independent of Z); X keeps its rule.
      const derived = names?.length === 1 ? this.definedFromRandom(names[0].name, block) : null;
      if (derived) {
        this.claim(r, block, tag, derivedLawReason(names![0].name, derived));
        return;
      }
      const written = this.source.slice(rhs.start, rhs.end);
      const applied = appliedLaw(rhs, written, this.context.geometricCount, (name) => {
        // A function the document defines (`U(x) = …`, `U: \mathbb{R}^2 \to \mathbb{R}`) is applied;
        // a value, a matrix or a random variable cannot take a pair of parameters after `\sim`.
        const e = this.env.lookup(name, block);
        return e?.kind === 'fn' || (e?.kind === 'def' && e.params !== null);
      });
      const dist = readDistribution(rhs, written) ?? (applied?.ok ? applied.dist : null);
      if (names && applied && !applied.ok) {
        // `\mathrm{Geom}(p)` without words saying what it counts: a law, its support not given.
        this.declareLawParameters(unsampledLawParameters(rhs), block, text);
        for (const n of names) {
          const law = { ...unsampledLaw(n.name, applied.law), why: applied.why };
          this.define({ kind: 'random', name: n.name, pattern: false, dist: law, at: this.at });
          this.bindings.push({ name: n.name, kind: 'random', start: n.start, end: rhs.end, text });
        }
        return;
      }
      const given = names && dist ? conditioningBefore(this.source, lhs.start, written) : null;
      if (names && given && this.randomGiven(given.variable, block)) {
        // The law of Y given P = p: Y's own law is a mixture over P, which nothing here samples.
        // Its parameters still are what the law says (n a whole number, p a probability).
        if (dist) this.lawParametersOf(dist, block, text);
        for (const n of names) {
          const law = {
            ...unsampledLaw(n.name, written),
            why: conditionalLawReason(given.variable, given.value),
          };
          this.define({ kind: 'random', name: n.name, pattern: false, dist: law, at: this.at });
          this.bindings.push({ name: n.name, kind: 'random', start: n.start, end: rhs.end, text });
        }
        return;
      }
      if (names && dist) {
        this.lawParametersOf(dist, block, text);
        for (const n of names) {
          const pattern = isPatternName(n) || (n.sub?.every((x) => x.kind === 'sym') ?? false);
          const name = pattern ? n.stem : n.name;
          this.define({ kind: 'random', name, pattern, dist, at: this.at });
          this.bindings.push({ name, kind: 'random', start: n.start, end: rhs.end, text });
          if (pattern) this.maskOfDraws(name, block, this.passageFormulas());
        }
        return;
      }
      // A law the checker does not sample, or another law for a random variable: the name is
      // random from here on, and its earlier law no longer describes it.
      const rhsText = this.source.slice(rhs.start, rhs.end);
      const lawNames = nameList(lhs);
      if (
        lawNames &&
        (namesLaw(rhsText) || lawNames.some((n) => this.env.lookup(n.name, block)?.kind === 'random'))
      ) {
        this.declareLawParameters(unsampledLawParameters(rhs), block, text);
        for (const n of lawNames) {
          const law = unsampledLaw(n.name, rhsText);
          this.define({ kind: 'random', name: n.name, pattern: false, dist: law, at: this.at });
          this.bindings.push({ name: n.name, kind: 'random', start: n.start, end: rhs.end, text });
        }
        return;
      }
      this.claim(
        r,
        block,
        tag,
        'a `\\sim` relation is read as "distributed as", with a name on the left and Bernoulli(p), ' +
          '\\mathcal{N}(μ, σ²) or Uniform(a, b) on the right; asymptotic equivalence (H_n \\sim \\ln n) ' +
          'and the equivalence of matrices in row reduction are not checked',
      );
      return;
    }
    if (op.op === '=' && this.upstreamGradient(r, block)) return;
    if (op.op === '=' && this.context.model && this.modelDefinition(r, block)) return;
    if (op.op === '=' && this.squaredCase(r, block)) return;
    if ((op.op === '=' || op.op === ':=') && this.squaredDefinition(r, block)) return;
    if ((op.op === '=' || op.op === ':=') && this.logDefinition(r, block)) return;
    if (op.op === '=' && !this.inDisplay && this.restrictedRule(r, block, tag)) return;
    if (op.op === ':=' || op.op === '=') {
      if (!r.factorisation && this.tryDefinition(r, block, op.op === ':=')) return;
      if (op.op === ':=') {
        this.problems.push({
          start: lhs.start,
          end: lhs.end,
          code: 'definition',
          message: 'the left side of := must be a name, a function f(x), or an element A_{ij}',
        });
        return;
      }
    }
    if (op.op === '=' && isRangeList(rhs)) return; // `i = 1, …, m`: a range, not a claim.
    // `E[…] =: \mathcal{L}(q)`: the right side is named by the left, as `\mathcal{L}(q) := E[…]`.
    if (op.op === '\\other' && this.source.slice(op.start, op.end) === '=:') {
      const named = { ...r, lhs: rhs, rhs: lhs, op: { ...op, op: ':=' as const } };
      if (this.tryDefinition(named, block, true)) return;
      this.claim(
        r,
        block,
        tag,
        'the right side of =: must be a name or a function f(x) that the left side defines',
      );
      return;
    }
    const unsupported: Record<string, string> = {
      '\\mid': 'divisibility is checked only inside `assume`',
      '\\propto': 'proportionality is not checked',
      '\\to': 'limits and maps are not checked',
      '\\mapsto': 'maps are not checked',
      '\\iff': 'logical relations are not checked',
      '\\equiv':
        '≡ is checked as a congruence when its line ends with the modulus (\\pmod{n}); for an ' +
        'identity write =',
      '\\other': 'this relation is not checked',
      '\\notin': 'set membership is not checked',
      '\\gg': '≫ (much greater than) states no margin, so it is not checked; write > to check the order',
      '\\ll': '≪ (much less than) states no margin, so it is not checked; write < to check the order',
      '\\leftrightarrow': '↔ (a correspondence) is not checked',
      ':':
        'a colon is read only in a signature such as f: \\mathbb{R}^n \\to \\mathbb{R}; to give ' +
        'a shape, write W \\in \\mathbb{R}^{m \\times n}',
    };
    const reason = op.modulus
      ? undefined
      : op.op === '\\other'
        ? otherRelation(this.source.slice(op.start, op.end).trim())
        : op.op === '\\nequiv'
          ? unsupported['\\equiv']
          : unsupported[op.op];
    this.claim(r, block, tag, reason);
  }

  /**
   * The sides of a chain of running text that may take its value (`A = B = I_2` in a counterexample):
   * each a free name or a member of a recurrence (takesSharedValue), or, beside one such, a name that
   * holds a value or a formula (the chain gives the free name a value, and a reader does not read it
   * as a claim on the other's formula). Between names that all hold formulas (`\mu = \bar{x} =
   * 2.5`) the chain is a claim, as before.
   */
  private mayTakeValue(sides: Node[], block: number): boolean {
    if (!sides.some((x) => this.takesSharedValue(x, block))) return false;
    return sides.every((side) => {
      if (this.takesSharedValue(side, block)) return true;
      const entry = side.kind === 'sym' ? this.env.lookup(side.name, block) : null;
      return (
        entry?.kind === 'case' || (entry?.kind === 'def' && entry.params === null && entry.indices === null)
      );
    });
  }

  /**
   * A side of `x = y = 0` that takes the shared value: a free name, or a member at a whole index of
   * a recurrence or of a function nothing defines yet (`C(0) = C(1) = 0` gives both the value 0,
   * initial values of the rule stated next).
   */
  private takesSharedValue(side: Node, block: number): boolean {
    if (side.kind === 'sym' && this.isFreeName(side.name, block)) return true;
    // `q(a) = q(b) = q(c) = 1/3`: points of a function given by its values (./pointValues).
    if (side.kind === 'apply') {
      const known = this.env.lookup(side.f.name, block);
      const none: Node = { kind: 'num', value: 0, text: '0', start: side.start, end: side.start };
      if (
        known === null
          ? this.tablePoint(side.args, none, block)
          : known.kind === 'fn' && pointAtoms(side.args)
      )
        return true;
    }
    const member = memberOf(side);
    if (member === null || wholeIndex(member.index) === null) return false;
    if (this.env.lookup(familyKey(member.stem), block)?.kind === 'def') return true;
    return side.kind === 'apply' && this.env.lookup(member.stem, block) === null;
  }

  /** A name the text leaves free here: nothing yet, declared (sampled) or a size, not given a value. */
  private isFreeName(name: string, block: number): boolean {
    const entry = this.env.lookup(name, block) ?? this.env.lookupPattern(name);
    // `f_1` of a family the text defined (`f_i = P_i = 1/E`) has a value.
    const stem = name.includes('_') ? this.env.lookup(name.slice(0, name.indexOf('_')), block) : null;
    const family = stem !== null && stem.kind !== 'decl' && stem.kind !== 'dim';
    return !family && (!entry || entry.kind === 'decl' || entry.kind === 'dim');
  }

  /**
   * "Suppose instead that $x$ is uniform on $[0, 1]$", "let $x$ be exponential": a random variable
   * introduced afresh in running text may be given another law in words, which the checker cannot
   * read; its declared law no longer applies (claims about it are unchecked, saying so).
   */
  private lawReplacedInWords(name: string, block: number): void {
    const entry = this.env.lookup(name, block);
    if (entry?.kind !== 'random' || entry.dist.kind === 'Unsampled') return;
    const previous = entry.text ?? name;
    this.define({ kind: 'random', name, pattern: false, dist: replacedLaw(name, previous), at: this.at });
  }

  /**
   * "$x$ is exponential with rate 2" after `x \sim \mathcal{N}(0, 1)`: the words give x a law of
   * another family, which the checker cannot read from them; its declared law no longer applies.
   * The same family ("$x$ is standard normal") restates the declaration.
   */
  private lawSaidInWords(name: string, end: number, block: number): void {
    const word = lawSaidAfter(this.source.slice(end, end + 80));
    const entry = word ? this.env.lookup(name, block) : null;
    if (!word || entry?.kind !== 'random' || namesFamilyOf(word, entry.dist)) return;
    this.lawReplacedInWords(name, block);
  }

  /**
   * "$\varphi(p) = p - 1$ for a prime $p$": a rule for a function stated only for the arguments the
   * words after it name defines nothing, since those words cannot be checked; a claim that used it
   * at another argument (φ(9)) would be refuted wrongly. Unchecked, saying so.
   */
  private restrictedRule(r: Relation, block: number, tag: string | null): boolean {
    const restricted = this.context.restrictedTo;
    if (!restricted || r.lhs.kind !== 'apply' || this.env.lookup(r.lhs.f.name, block)) return false;
    if (!r.lhs.args.some((a) => a.kind === 'sym' && a.name === restricted)) return false;
    const f = this.source.slice(r.lhs.f.start, r.lhs.f.end);
    // "$p(0) = 0.2$, $p(1) = 0.8$ and $p(k) = 0$ for any other $k$": the table's function is 0 at
    // every point it does not list, so sums past the listed points are checked (./pointValues).
    if (this.zeroOutsideTable(r, block, tag)) return true;
    this.claim(
      r,
      block,
      tag,
      `a rule for ${f} stated only for the values of ${restricted} that the words after it name, so ` +
        `it defines nothing; to use ${f}, define it for every argument (${f}(${restricted}) := …)`,
    );
    return true;
  }

  /**
   * `\log p(y) = -\frac12\log(2\pi s) - \frac{y^2}{2s}`, `\log L(\lambda) = n\log\lambda - \lambda
   * \sum_i x_i`, `\log p(x \mid \mu) = …`: a function nothing has given a meaning, applied to names and
   * defined through its logarithm by a formula, is the exponential of that formula (a density, a
   * likelihood), a function of every name in its brackets (the bar's too), so `\frac{\partial}{\partial
   * \mu} \log p(x \mid \mu)` differentiates the formula. A logarithm given a bare number (`\log f(2) =
   * 1`) defines nothing.
   */
  private logDefinition(r: Relation, block: number): boolean {
    const { lhs } = r;
    if (lhs.kind !== 'call' || lhs.fn !== 'log' || lhs.args.length !== 1 || lhs.sub !== null) return false;
    if (lhs.sup !== null) return false;
    const applied = lhs.args[0];
    if (applied.kind !== 'apply' || applied.f.primes !== 0 || isLiteralValue(r.rhs)) return false;
    const f = applied.f;
    // A function the checker knows (`\log\sigma(z) = …`) keeps its rule: the relation is a claim.
    if (
      !this.meansNothingYet(f.name, block) ||
      this.env.lookupPattern(f.stem) ||
      FUNCTION_SYMBOLS.has(f.name)
    )
      return false;
    const params = applied.args;
    const bare = (a: Node): a is SymNode => a.kind === 'sym' && a.primes === 0 && a.sub === null;
    if (params.length === 0 || !params.every(bare)) return false;
    if (new Set(params.map((a) => a.name)).size !== params.length) return false;
    if (this.references(r.rhs, block).has(f.name)) return false;
    // A formula through another density nothing defines (`\log p_X(x) = \log p_Z(f(x)) + …`, the change
    // of variables) relates the two; it gives neither a rule.
    const unknownApplied = (x: Node) =>
      x.kind === 'apply' && !FUNCTION_SYMBOLS.has(x.f.name) && this.meansNothingYet(x.f.name, block);
    if (someNode(r.rhs, unknownApplied)) return false;
    const base = lhs.natural ? undefined : this.settings.logBase;
    const at = { start: r.rhs.start, end: r.rhs.end };
    const value: Node =
      base === undefined || base === Math.E
        ? { kind: 'call', fn: 'exp', args: [r.rhs], sub: null, sup: null, paren: true, ...at }
        : {
            kind: 'pow',
            base: { kind: 'num', value: base, text: String(base), ...at },
            exponent: r.rhs,
            ...at,
          };
    const { given: _given, ...plain } = applied;
    return this.tryDefinition({ ...r, lhs: plain, rhs: value }, block, r.op.op === ':=');
  }

  /**
   * `\sigma_B^2 = \frac{1}{N}\sum_i (x_i - \mu_B)^2`: a letter nothing has given a meaning, defined
   * through its square by a formula of the document's quantities, is the nonnegative root of that
   * formula (a standard deviation, a norm). A square given a bare number (`x^2 = 4`, an equation
   * to solve) defines nothing.
   */
  private squaredDefinition(r: Relation, block: number): boolean {
    const sym = squaredName(r.lhs);
    if (!sym || this.env.isDimension(sym.name)) return false;
    const known = this.env.lookup(sym.name, block);
    // "Hence He initialisation takes $\sigma_w^2 = 2/n$" after "variance $\sigma_w^2$": a scalar
    // the text declared and samples (a law's scale), given through its square a formula of other
    // names in running text, is a choice of its value, as `\sigma_w = \sqrt{2/n}` would be: no
    // identity between free parameters holds at every sample. A formula reaching something random
    // (`\sigma^2 = \mathbb{E}[X^2] - \mu^2`) is a claim about the law.
    const chosen =
      known?.kind === 'decl' &&
      known.spec.shape.length === 0 &&
      !known.inferred &&
      !this.inDisplay &&
      !someNode(
        r.rhs,
        (n) =>
          n.kind === 'expect' || n.kind === 'indicator' || (n.kind === 'sym' && this.isRandom(n.name, block)),
      );
    if (known && !chosen) return false;
    if (CONSTANT_NAMES.has(sym.name) || isLiteralValue(r.rhs)) return false;
    const uses = this.references(r.rhs, block);
    // A variance worked from the data in running text (`\sigma_B^2 = \frac14(4 + 0 + 0 + 4)`) is a
    // computation like a formula of the data's names, not an equation to solve.
    const worked = !this.inDisplay && uses.size === 0 && isNumericFormula(r.rhs);
    const knownUse = (n: string) => this.env.lookup(n, block) !== null || (chosen && this.env.isDimension(n));
    if (uses.has(sym.name) || (!worked && ![...uses].some(knownUse))) return false;
    const root: Node = { kind: 'sqrt', radicand: r.rhs, degree: null, start: r.rhs.start, end: r.rhs.end };
    return this.tryDefinition({ ...r, lhs: sym, rhs: root }, block, r.op.op === ':=');
  }

  /**
   * "$\sigma^2 = 0.5$" in running text that gives values, σ a declared scalar or a letter with no
   * meaning yet: the case σ = √0.5 (see squaredValue). In a display it stays a claim.
   */
  private squaredCase(r: Relation, block: number): boolean {
    // Only where the sentence gives values: after "with", "let", "set" …, or in a list of values
    // ("$K = 2$, $\sigma^2 = 0.5$"). "In general $a^2 = 9$" stays a claim.
    // Or where its sentence solved an equation for the letter by its square ("$1/\tau^2 = 1.25$, so
    // $\tau^2 = 0.8$", chosenForBound): the solution is the letter's value from there on.
    const solution = this.solvedSquares.some((at) => r.lhs.start >= at && r.lhs.start <= at + 3);
    const givingValues =
      this.context.role === 'setting' || this.valueSentence === this.scopes.sentence || solution;
    if (this.inDisplay || !givingValues) return false;
    // "$\mu = 0$, $\sigma^2 = e$": a square given arithmetic on numbers and the constants e and π
    // gives the root of that value as a written number does.
    const constant = squaredName(r.lhs) !== null && isNumericFormula(r.rhs) && !isLiteralValue(r.rhs);
    const sq =
      squaredValue(r.lhs, r.rhs) ?? (constant ? { sym: squaredName(r.lhs)!, value: Number.NaN } : null);
    if (!sq) return false;
    const known = this.env.lookup(sq.sym.name, block);
    // "With $\mu = 1$, $\sigma^2 = 4$, $n = 4$": a letter nothing has given a meaning, given its
    // square among values, is that value's nonnegative root too (a scale: σ, s, τ).
    const fresh =
      known === null &&
      !this.env.isDimension(sq.sym.name) &&
      !CONSTANT_NAMES.has(sq.sym.name) &&
      !this.env.lookupPattern(sq.sym.name);
    const root: Node = Number.isNaN(sq.value)
      ? { kind: 'sqrt', radicand: r.rhs, degree: null, start: r.rhs.start, end: r.rhs.end }
      : { kind: 'num', value: sq.value, text: String(sq.value), start: r.rhs.start, end: r.rhs.end };
    // A scalar the passage gave a number through its square, given another square ("$\lambda^2 = 1/4$"
    // at one point, "$\lambda^2 = 1/16$" at the next): the worked example's next case. After a value
    // of the scalar itself ("$a = 3$, so $a^2 = 10$") the square is a claim about that value.
    const declared = known?.kind === 'decl' && known.spec.shape.length === 0;
    // So is a square after a value of the scalar an earlier passage gave ("(a) With $\sigma = 1$ …
    // (c) $\mu = 0$, $\sigma^2 = e$"): the next part's value, as a plain number there would be.
    const earlier = known !== null && this.passageOf.get(known) !== this.context.passage;
    const heldNumber =
      earlier &&
      known.kind === 'def' &&
      known.params === null &&
      known.indices === null &&
      isLiteralValue(known.expr) &&
      numberOf(known.expr) !== sq.value;
    const nextSquare =
      (known?.kind === 'case' && (known.squared === true || earlier) && this.nextCase(known, root, block)) ||
      heldNumber;
    if (!fresh && !declared && !nextSquare) return false;
    this.squaredCaseNow = true;
    try {
      return this.tryDefinition({ ...r, lhs: sq.sym, rhs: root }, block, false);
    } finally {
      this.squaredCaseNow = false;
    }
  }

  /** Where a sentence gives the solution of an equation as a letter's square (chosenForBound). */
  private readonly solvedSquares: number[] = [];

  /** Set only while squaredCase defines a case (it marks the case as given through its square). */
  private squaredCaseNow = false;

  /** The last sentence of running text that gave a name a number. */
  private valueSentence = 0;

  /**
   * "For two logits $(2, 0)$: …": numbers running text gives without naming what they are the values
   * of, and the passage they were written in.
   */
  private unnamedValues: { passage: number; text: string } | null = null;
  /** The random variables a setting of this passage gave moments in math (momentFact). */
  private momentFacts: MomentFacts | null = null;
  /** The names the current sentence said are independent, and how many noun clauses gave moments since. */
  saidIndependent: SaidIndependent | null = null;

  /**
   * Counts the worked cases running text has started: it grows when a letter that held a number is
   * given another ("$T = 0.5$: … $T = 1$: …"). A value computed from numbers alone belongs to the
   * case it was written in (see `caseValueEnded`).
   */
  private caseEpoch = 0;
  /** Decimals claims computed and rounded, newest last (reusedRoundedResults); replaced, never changed. */
  private roundedResults: readonly string[] = [];
  /** Computations of numbers earlier claims gave rounded decimals, newest last (./standIns.ts). */
  private standIns: readonly StandIn[] = [];

  /** The sentence each name was last declared in, for a sign constraint that completes it. */
  private readonly declaredInSentence = new Map<string, number>();

  /**
   * A sign constraint in running text outside "if …" (`\tau > 0`, `s_1, s_2 > 0`) declares
   * the names no one has given a meaning as positive reals, and restricts a real declaration made
   * earlier in the same sentence ("$\sigma \in \mathbb{R}$ with $\sigma > 0$") to its positive
   * part. A name with any other meaning, or declared in an earlier sentence, keeps it: the
   * relation is then read as before (a claim, or a condition on its sentence).
   */
  /**
   * `$0 \le \pi_t \le 1$` in running text, on a letter with no meaning yet: the whole chain says
   * what kind of number the letter is (a range), as `\pi_t \ge 0` alone does. The link that is a
   * sign constraint declares it (its index is returned); the other links bound it for the passage
   * and are not claims. A chain may go on to work its bound out (`0 \le V_1 \le \frac{1}{1-\gamma}
   * = 10`): those trailing `=` links, on names with a meaning, are claims as usual. A chain on a known
   * name, or in a display, or under "if", reads as before.
   */
  private rangeLink(sides: Node[], ops: Statement['ops'], block: number): number | null {
    if (this.inDisplay || this.context.role === 'hypothesis') return null;
    let order = ops.length;
    while (order > 0 && ops[order - 1].op === '=') order--;
    if (order < 2 || !ops.slice(0, order).every((o) => ORDER_OPS.has(o.op))) return null;
    const worked = sides.slice(order + 1);
    if (worked.some((side) => [...freeSymbols(side)].some((name) => this.meansNothingYet(name, block))))
      return null;
    for (let k = 0; k < order && k + 1 < sides.length; k++) {
      const sign = readSignConstraint(ops[k].op, sides[k], sides[k + 1]);
      if (!sign) continue;
      if (
        sign.names.every(
          ({ sym }) => this.meansNothingYet(sym.name, block) && !this.entryOfFamily(sym, block),
        )
      )
        return k;
    }
    return null;
  }

  /**
   * `$0 \le \pi_t \le 1$`, `$-1 < \rho < 1$` in running text, on a letter with no meaning yet,
   * between two written numbers: the letter is declared a real of that interval, for as long as a
   * declaration lasts. True when the chain was read so (no link of it is then a claim).
   */
  private intervalDeclaration(sides: Node[], ops: Statement['ops'], block: number): boolean {
    if (this.inDisplay || this.context.role === 'hypothesis' || ops.length !== 2 || sides.length !== 3)
      return false;
    const up = ops.every((o) => o.op === '<' || o.op === '\\le');
    const down = ops.every((o) => o.op === '>' || o.op === '\\ge');
    const mid = sides[1];
    if ((!up && !down) || mid.kind !== 'sym') return false;
    const [a, b] = [numberOf(sides[0]), numberOf(sides[2])];
    if (a === null || b === null) return false;
    const [lo, hi] = up ? [a, b] : [b, a];
    if (!(lo < hi)) return false;
    if (!this.meansNothingYet(mid.name, block)) return false;
    // `0 \le x_i \le 1`, `0 \le h_{ii} \le 1` speak of the entries of a known x or h, never of a new
    // name: in the sentence that declares x as real numbers, the range is part of the declaration
    // (each entry is drawn from it); otherwise the chain reads as relations about the entries.
    if (this.entriesInInterval(mid, lo, hi, block, this.source.slice(sides[0].start, sides[2].end)))
      return true;
    if (this.entryOfFamily(mid, block) || this.entryOfArray(mid, block)) return false;
    this.at++;
    const entry = this.declarationOf(mid, { set: 'interval', shape: [], lo, hi });
    this.define(entry);
    const text = this.source.slice(sides[0].start, sides[2].end);
    this.bindings.push({
      name: entry.name,
      kind: 'declaration',
      start: sides[0].start,
      end: sides[2].end,
      text,
    });
    return true;
  }

  /** Set when the chain being read declared the range of an array's entries (entriesInInterval). */
  private entriesRanged = false;

  /**
   * `h_{ii}` after `h_{ii} = x_i^\top (X^\top X)^{-1} x_i`: an entry of a family the text defined
   * entrywise. A sign or a range on it is a relation about the defined entries (a claim, or a
   * condition), never the declaration of a new name `h_{ii}` free to take any value in the range.
   */
  private entryOfFamily(sym: SymNode, block: number): boolean {
    if (sym.subText === null || sym.stem === sym.name) return false;
    const known = this.env.lookup(sym.stem, block);
    return known?.kind === 'def' && known.indices !== null;
  }

  /** `x_i` of a declared vector or matrix x: a range on it never declares a name of its own. */
  private entryOfArray(sym: SymNode, block: number): boolean {
    if (sym.subText === null || sym.stem === sym.name) return false;
    const known = this.env.lookup(sym.stem, block);
    return known?.kind === 'decl' && known.spec.shape.length > 0;
  }

  /**
   * "$x \in \mathbb{R}^n$ with $0 \le x_i \le 1$": entries of an array the same sentence declared as
   * real numbers are drawn from the interval (as `x_i > 0` draws them positive, entryProperties.ts).
   * True when the chain was read so; an array declared earlier, or of another set, is left as it is.
   */
  private entriesInInterval(sym: SymNode, lo: number, hi: number, block: number, text: string): boolean {
    // "Let $x \in \mathbb{R}^n$. Assume $0 \le x_i \le 1$." sets the range in a later sentence.
    const setting = this.context.role === 'setting';
    if (this.declaredInSentence.get(sym.stem) !== this.scopes.sentence && !setting) return false;
    const known = this.env.lookup(sym.stem, block);
    if (known?.kind !== 'decl' || known.spec.shape.length === 0 || known.pattern) return false;
    const { spec } = known;
    if (spec.set !== 'real' && !(spec.set === 'positive' && lo >= 0)) return false;
    if (spec.symmetric || spec.orthogonal || spec.oneHot || spec.zeroDiagonal) return false;
    this.at++;
    this.define({ ...known, spec: { ...spec, set: 'interval', lo, hi }, at: this.at });
    this.entriesRanged = true;
    this.bindings.push({ name: sym.stem, kind: 'declaration', start: sym.start, end: sym.end, text });
    return true;
  }

  /**
   * "eigenvalues $0 < \mu = \lambda_{\min} \le \lambda_{\max} = L$": a chain in
   * running text from 0 through letters with no meaning yet, linked by <, ≤ and = (or its mirror down
   * to 0), names positive numbers in order. Each letter is declared positive, and one written after
   * `=` is the letter before it under a second name; the order links bound them for the passage.
   * No link is a claim. True when the chain was read so.
   */
  private orderedNames(sides: Node[], ops: Statement['ops'], block: number): boolean {
    if (this.inDisplay || this.context.role === 'hypothesis') return false;
    if (ops.length < 2 || sides.length !== ops.length + 1) return false;
    const up = ops.every((o) => o.op === '<' || o.op === '\\le' || o.op === '=');
    const down = ops.every((o) => o.op === '>' || o.op === '\\ge' || o.op === '=');
    if (!up && !down) return false;
    const chain = up ? sides : [...sides].reverse();
    const links = up ? ops : [...ops].reverse();
    if (links[0].op === '=' || !this.chainFloor(chain, links)) return false;
    const names = chain.slice(1);
    const fresh = new Set<string>();
    for (const n of names) {
      if (n.kind !== 'sym' || isPatternName(n) || fresh.has(n.name) || !this.meansNothingYet(n.name, block))
        return false;
      // `W_{ij} = W_{ji} \ge 0` speaks of the entries of a W already declared (entryProperties.ts).
      if (n.subText !== null && !this.meansNothingYet(n.stem, block)) return false;
      fresh.add(n.name);
    }
    const text = this.source.slice(sides[0].start, sides[sides.length - 1].end);
    // "For all $0 \le k \le n$, …" quantifies its sentence: the letters above the first are bound
    // there only (the first keeps the lasting sign reading of "for $k \ge 0$"), so a later sum to n
    // still counts to a whole n.
    const quantifies = !links.some((o) => o.op === '=') && this.context.keyword?.startsWith('for');
    names.forEach((n, k) => {
      if (n.kind !== 'sym') return;
      this.at++;
      const before = names[k - 1];
      const plain = { params: null, indices: null, diagonal: false, at: this.at };
      const entry: Entry =
        links[k].op === '=' && before
          ? { kind: 'def', name: n.name, expr: before, ...plain, ...fontOf(n) }
          : this.declarationOf(n, { set: 'positive', shape: [] });
      this.define(entry, quantifies && k > 0 ? this.scopes.sentence : undefined);
      this.bindings.push({
        name: n.name,
        kind: entry.kind === 'def' ? 'definition' : 'declaration',
        start: sides[0].start,
        end: sides[sides.length - 1].end,
        text,
      });
    });
    return true;
  }

  /**
   * The floor an ordered chain of new letters stands on: "$0 < \mu = \lambda_{\min}$" names one
   * number twice from 0; without `=`, "$0 \le x \le n$", "$1 \le k \le n$", "$0 < a < b < c$"
   * order letters above a written number that is not negative, so every one of them is at least
   * that number — positive, as `\tau \ge 0` declares — and not only the first. A floor below 0
   * says nothing of the later letters' signs.
   */
  private chainFloor(chain: Node[], links: Statement['ops']): boolean {
    const floor = numberOf(chain[0]);
    if (links.some((o) => o.op === '=')) return floor === 0;
    return floor !== null && floor >= 0;
  }

  /** A letter nothing has given a meaning: no entry, not a dimension, not a constant. */
  /**
   * `t \in \{1, \dots, T\}` (or `t = 1, \dots, T`) where T means nothing yet: T counts what t
   * runs over, a size of its own (drawn as sizes are), so t is sampled from a range of that size.
   */
  private rangeEndsAsSizes(lhs: Node, rhs: Node, block: number): void {
    if (lhs.kind !== 'sym' || lhs.sub !== null || rhs.kind !== 'group' || rhs.open !== '\\{') return;
    if (!isRangeList(rhs) || !this.meansNothingYet(lhs.name, block)) return;
    // Only a range that ends at a letter (`1, \dots, T`) counts to it; in `0, \dots, s - 1` the
    // letter may be anything the passage discusses (a stride), so it is left as it is.
    const end = rhs.items[rhs.items.length - 1];
    if (end?.kind !== 'sym' || end.sub !== null || !/^[A-Za-z]$/.test(end.name) || end.name === lhs.name)
      return;
    if (this.meansNothingYet(end.name, block)) this.define({ kind: 'dim', name: end.name, at: this.at });
  }

  private meansNothingYet(name: string, block: number): boolean {
    return !this.env.lookup(name, block) && !this.env.isDimension(name) && !CONSTANT_NAMES.has(name);
  }

  /** The declaration of a letter (a pattern name `x_i` declares its stem) from running text, here. */
  private declarationOf(sym: SymNode, spec: DeclSpec): Entry {
    const pattern = isPatternName(sym);
    return { kind: 'decl', name: pattern ? sym.stem : sym.name, pattern, spec, at: this.at, ...fontOf(sym) };
  }

  /**
   * `p(x) = \mathcal{N}(x; \mu, \sigma^2)`: the parameters of a normal density written at a point
   * are a law's parameters too, declared as those after `\sim` are.
   */
  private densityParametersOf(sides: Node[], block: number, text: string): void {
    // Every relation passes here: only one written with a semicolon can hold a density at a point.
    if (!this.source.slice(sides[0].start, sides[sides.length - 1].end).includes(';')) return;
    for (const side of sides)
      walk(side, (x) => {
        if (x.kind === 'call' && x.fn === NORMAL_DENSITY && x.args.length === 3)
          this.lawParametersOf({ kind: 'Normal', mean: x.args[1], variance: x.args[2] }, block, text);
      });
  }

  /**
   * Names the words give a law only by its moments (model/momentWords.ts): a member with a subscript
   * (`X_1`, `w_{ij}`) makes its family random, each member independent of the others, which only
   * words of independence ("i.i.d.", "independent") allow; a lone name needs none. Letters the moments
   * introduce are declared as a law's parameters are.
   */
  /**
   * "If $X$ and $Y$ are independent, then …": capital letters nothing else describes, said to be
   * independent with no law, are independent random variables of any laws — each of a law by its
   * moments, both free (momentFact), so that moments a setting states next complete them.
   */
  independentInWords(names: SymNode[], words: string, block: number): void {
    const lone = names.filter((n) => n.primes === 0 && RANDOM_LETTER.test(n.name));
    if (lone.length < 2 || lone.length !== names.length) return;
    if (!lone.every((n) => this.meansNothingYet(n.name, block))) return;
    this.at++;
    this.currentText = words;
    const { passage } = this.context;
    for (const n of lone)
      this.momentLaw(n, n.name, false, freeMoment(n, 'mean'), freeMoment(n, 'variance'), block);
    this.momentFacts = { passage, names: lone.map((n) => n.name), independent: true };
  }

  /**
   * A setting's `\mathbb{E}[X] = \mu` or `\operatorname{Var}(X) = 4` (momentFacts.ts) on a random
   * variable nothing else describes gives X a law by its moments, the moment not given free; a second
   * fact in the passage completes it. Variables given moments in one passage are sampled independently
   * only when its words say so; otherwise they may be joined in any way, and are not sampled. Whether
   * the relation was so read (the law then holds it: it constrains nothing).
   */
  private momentFact(r: Relation, block: number): boolean {
    const fact = momentFactOf(r.lhs, r.rhs);
    if (!fact) return false;
    const { variable } = fact;
    const name = fact.key;
    const { passage } = this.context;
    const facts = this.momentFacts?.passage === passage ? this.momentFacts : null;
    const prior = fact.family ? this.env.lookupPattern(name) : this.env.lookup(name, block);
    const mine = (facts?.names.includes(name) ?? false) && prior?.kind === 'random';
    // "Let $X$ and $Y$ be independent with …" after an earlier X: introduced afresh, its old law
    // set aside (lawReplacedInWords), X is the variable these moments describe.
    const afresh = prior?.kind === 'random' && prior.dist.kind === 'Unsampled' && prior.dist.law === null;
    if (!mine && !afresh && !this.meansNothingYet(name, block)) return false;
    if (this.references(fact.value, block).has(name)) return false;
    // "Suppose $\mathbb{E}[Y] = 5$ and $\mathbb{E}[Y^2] = 29$": a second moment gives the variance only
    // beside a mean the passage stated; otherwise it stays a condition.
    const stated = mine && prior?.kind === 'random' && prior.dist.kind === 'Law' ? prior.dist : null;
    if (fact.moment === 'second' && (!stated || isFreeMoment(stated.a))) return false;
    const adding = !facts?.names.includes(name);
    const names = adding ? [...(facts?.names ?? []), name] : (facts?.names ?? [name]);
    // Independent of the others only when the sentence that brings a variable in says so ("Let $Y$ be
    // independent of $X$ with …"); a word said of other names in another sentence does not carry.
    const before = !facts || facts.names.length < 2 || facts.independent;
    const independent = adding ? this.context.independence === true && before : (facts?.independent ?? false);
    // A family's members may depend on each other unless the words say they are independent.
    if (fact.family && !independent) return false;
    this.momentFacts = { passage, names, independent };
    this.at++;
    if (names.length > 1 && !independent) {
      const why = jointLawReason(names);
      for (const n of names) {
        const dist = { ...unsampledLaw(n, 'a law given by its moments'), why };
        this.define({ kind: 'random', name: n, pattern: false, dist, at: this.at });
      }
      return true;
    }
    const mean = fact.moment === 'mean' ? fact.value : (stated?.a ?? freeMoment(variable, 'mean'));
    const variance =
      fact.moment === 'variance'
        ? fact.value
        : fact.moment === 'second' && stated
          ? varianceFromSecond(fact.value, stated.a)
          : (stated?.b ?? freeMoment(variable, 'variance'));
    this.momentLaw(variable, name, fact.family, mean, variance, block);
    return true;
  }

  /** `name` (written `sym`) a random variable of any law with this mean and variance, their letters declared. */
  private momentLaw(sym: SymNode, name: string, pattern: boolean, mean: Node, variance: Node, block: number) {
    for (const p of momentParameters(mean, variance))
      if (this.meansNothingYet(p.sym.name, block))
        this.define({
          kind: 'decl',
          name: p.sym.name,
          pattern: false,
          spec: p.spec,
          at: this.at,
          ...fontOf(p.sym),
        });
    const dist: Distribution = { kind: 'Law', law: 'Moments', a: mean, b: variance };
    this.define({ kind: 'random', name, pattern, dist, at: this.at });
    this.bindings.push({ name, kind: 'random', start: sym.start, end: sym.end, text: this.currentText });
  }

  momentsInWords(
    names: SymNode[],
    mean: Node,
    variance: Node,
    lead: { independent: boolean; entries: boolean },
    words: string,
    block: number,
  ): void {
    const { independent } = lead;
    const families = names.filter((n) => n.sub !== null && n.primes === 0);
    const lone = names.filter((n) => n.sub === null && n.primes === 0);
    if (families.length + lone.length !== names.length || names.length === 0) return;
    if (!independent && (families.length > 0 || lone.length > 1)) return;
    // Entries of declared vectors or matrices: each entry drawn independently, the tensor keeping
    // its declared shape (a random pattern over the name, as a mask's entries are).
    const tensor = (n: SymNode) => {
      const e = this.env.lookup(n.name, block);
      return n.sub === null && e?.kind === 'decl' && e.spec.shape.length > 0 && !e.inferred;
    };
    if (lead.entries !== names.every(tensor)) return;
    const dist: Distribution = { kind: 'Law', law: 'Moments', a: mean, b: variance };
    this.at++;
    this.currentText = words;
    for (const { sym, spec } of momentParameters(mean, variance)) {
      if (!this.meansNothingYet(sym.name, block)) continue;
      this.define({ kind: 'decl', name: sym.name, pattern: false, spec, at: this.at, ...fontOf(sym) });
      this.bindings.push({
        name: sym.name,
        kind: 'declaration',
        start: sym.start,
        end: sym.end,
        text: words,
      });
    }
    const done = new Set<string>();
    for (const n of names) {
      const name = n.sub === null ? n.name : n.stem;
      if (done.has(name)) continue;
      done.add(name);
      // `X_1, \dots, X_n` listed a vector and its size for the reader to guess; said to be an
      // i.i.d. sample, they are the author's: the sample of any size n, its members X_1 … X_n.
      const listed = this.env.lookup(name, block);
      if (listed?.kind === 'decl' && listed.inferred) {
        const { inferred: _guess, ...spec } = listed;
        this.define({ ...spec, at: this.at });
        for (const d of dimensionNames(listed.spec.shape))
          if (this.env.dimensionEntry(d)?.inferred) this.define({ kind: 'dim', name: d, at: this.at });
      }
      this.define({ kind: 'random', name, pattern: n.sub !== null || lead.entries, dist, at: this.at });
      this.bindings.push({ name, kind: 'random', start: n.start, end: n.end, text: words });
    }
    if (families.length > 1) this.sampleMean(families[families.length - 1], block);
  }

  /**
   * "Let $X, Y$ be independent Uniform(0,1)": each listed name (a member `X_1` declares its family) is
   * a random variable of the law the words give, independent of the others. Several names the words
   * do not call independent may depend on each other in any way: their law is not sampled, saying so.
   */
  lawInWords(
    names: SymNode[],
    dist: Distribution,
    lawText: string,
    independent: boolean,
    words: string,
    block: number,
  ): void {
    if (names.length === 0 || names.some((n) => n.primes > 0)) return;
    this.at++;
    this.currentText = words;
    const stems = [...new Set(names.map((n) => (n.sub === null ? n.name : n.stem)))];
    const several = names.length > 1 || names.some((n) => n.sub !== null && isPatternName(n));
    if (several && !independent) {
      const why = jointLawReason(names.map((n) => n.name));
      for (const n of names) {
        const law = { ...unsampledLaw(n.name, lawText), why };
        this.define({ kind: 'random', name: n.name, pattern: false, dist: law, at: this.at });
        this.bindings.push({ name: n.name, kind: 'random', start: n.start, end: n.end, text: words });
      }
      return;
    }
    this.lawParametersOf(dist, block, words);
    const members = names.filter((n) => n.sub !== null);
    if (members.length > 1) this.sampleSize(members[members.length - 1], block);
    for (const name of stems) {
      const pattern = names.some((n) => n.sub !== null && n.stem === name);
      this.define({ kind: 'random', name, pattern, dist, at: this.at });
      const n = names.find((x) => (x.sub === null ? x.name : x.stem) === name)!;
      this.bindings.push({ name, kind: 'random', start: n.start, end: n.end, text: words });
    }
  }

  /**
   * "Let $X_1, \dots, X_n$ be i.i.d. copies of $X$": the family of X_1's stem has X's law, each
   * member independent of the others (and of X itself, a copy, not X).
   */
  copiesInWords(names: SymNode[], of: SymNode, words: string, block: number): void {
    const law = this.env.lookup(of.name, block);
    if (law?.kind !== 'random' || names.length === 0 || names.some((n) => n.sub === null || n.primes > 0))
      return;
    this.at++;
    this.currentText = words;
    // The sample's size (`X_n`) is the author's, any whole number, as a declared list's is.
    if (names.length > 1) this.sampleSize(names[names.length - 1], block);
    for (const stem of new Set(names.map((n) => n.stem))) {
      this.define({ kind: 'random', name: stem, pattern: true, dist: law.dist, at: this.at });
      this.bindings.push({ name: stem, kind: 'random', start: names[0].start, end: of.end, text: words });
    }
  }

  /**
   * The random variables a name's rule (`X = 3 + 2Z`) is written in, or null when the name has no such
   * rule: a law stated for it afterwards describes that rule's value.
   */
  private definedFromRandom(name: string, block: number): string[] | null {
    const e = this.env.lookup(name, block);
    if (e?.kind !== 'def' || e.params !== null || e.indices) return null;
    const found = new Set<string>();
    walk(e.expr, (x) => {
      if (x.kind === 'sym' && this.env.lookup(x.name, block)?.kind === 'random') found.add(x.name);
    });
    return found.size > 0 ? [...found] : null;
  }

  /** The size of a listed sample (`X_n` of `X_1, \dots, X_n`): the author's, any whole number. */
  private sampleSize(last: SymNode, block: number): void {
    const sub = last.sub;
    const size = sub?.length === 1 && sub[0].kind === 'sym' ? sub[0].name : null;
    if (size && (this.meansNothingYet(size, block) || this.env.dimensionEntry(size)?.inferred !== undefined))
      this.define({ kind: 'dim', name: size, at: this.at });
    this.sampleMean(last, block);
  }

  /**
   * `\bar X` beside a listed random sample `X_1, \dots, X_n` the text gives no formula for is its
   * sample mean, as every statistics text writes it: `\frac{1}{n}\sum_{i=1}^{n} X_i`. Made as prose
   * makes a value (implicit), so a formula the text writes for it later is a definition still.
   */
  private sampleMean(last: SymNode, block: number): void {
    const sub = last.sub;
    if (sub?.length !== 1 || (sub[0].kind !== 'sym' && sub[0].kind !== 'num') || last.primes > 0) return;
    if (!/^[A-Z]$/.test(last.stem)) return;
    const name = `\\bar{${last.stem}}`;
    if (!this.meansNothingYet(name, block)) return;
    const size = sub[0].kind === 'sym' ? sub[0].name : String(sub[0].value);
    const index = size === 'i' ? 'j' : 'i';
    const text = `\\frac{1}{${size}}\\sum_{${index}=1}^{${size}} ${last.stem}_{${index}}`;
    const expr = parseMath(text, last.start).statements[0]?.sides[0];
    if (!expr || expr.kind === 'error') return;
    const plain = { params: null, indices: null, diagonal: false, implicit: true };
    // Positions kept on the member written, so a message about the mean points at the sample.
    const placed = JSON.parse(JSON.stringify(expr), (key, value) =>
      key === 'start' || key === 'end' ? Math.min(Math.max(value, last.start), last.end) : value,
    ) as Node;
    this.define({ kind: 'def', name, expr: placed, ...plain, at: this.at });
  }

  /** Letters that first appear as a law's parameters (model/lawParameters.ts) are declared so. */
  private lawParametersOf(dist: Distribution, block: number, text: string): void {
    this.declareLawParameters(lawParameters(dist), block, text);
  }

  private declareLawParameters(parameters: LawParameter[], block: number, text: string): void {
    for (const { sym, spec } of parameters) {
      if (isPatternName(sym) || !this.meansNothingYet(sym.name, block)) continue;
      this.define(this.declarationOf(sym, spec));
      this.bindings.push({ name: sym.name, kind: 'declaration', start: sym.start, end: sym.end, text });
    }
  }

  /**
   * `A = LU = (…)(…)`: letters the text has not met name the factors written out next
   * (model/writtenFactors.ts), defined here; the indices k whose relation `sides[k] = LU` is then a
   * claim about a known left side, checked by multiplying the written factors.
   */
  private nameWrittenFactors(sides: Node[], ops: Statement['ops'], block: number): Set<number> {
    const out = new Set<number>();
    for (let k = 0; k + 2 < sides.length && k + 1 < ops.length; k++) {
      if (ops[k].op !== '=' || ops[k + 1].op !== '=') continue;
      const names = namesOfWrittenFactors(sides[k + 1], sides[k + 2], (n) => this.meansNothingYet(n, block));
      if (!names) continue;
      const text = this.source.slice(sides[k + 1].start, sides[k + 2].end);
      for (const { sym, value } of names) {
        const plain = { params: null, indices: null, diagonal: false, at: this.at };
        this.define({ kind: 'def', name: sym.name, expr: value, ...plain, ...fontOf(sym) });
        this.bindings.push({
          name: sym.name,
          kind: 'definition',
          start: sym.start,
          end: sides[k + 2].end,
          text,
        });
      }
      const left = sides[k];
      if (left.kind !== 'sym' || !this.meansNothingYet(left.name, block)) out.add(k);
    }
    return out;
  }

  /** A bound of a range (`\pi_t \le 1` of `0 \le \pi_t \le 1`): a constraint of its passage. */
  private rangeBound(r: Relation): number {
    this.at++;
    return this.constraints.push({ passage: this.context.passage, node: cmpOf(r) }) - 1;
  }

  /**
   * A range's bounds were stated with the declaration its sign link made (`0 \le V_1 \le
   * \frac{1}{1-\gamma}`): they are part of what the letter is, and last as long as that declaration
   * does, as a constraint written with a declaration does ("that is $\|\psi\| = 1$"). Constraints are
   * replaced, not changed, so a build resumed after them reads the same ones.
   */
  private boundsLastWithDeclaration(
    sign: Relation | null,
    bounds: [number, Relation][],
    block: number,
  ): void {
    const declared = sign ? readSignConstraint(sign.op.op, sign.lhs, sign.rhs) : null;
    if (!declared) return;
    const lasting: { name: string; at: number }[] = [];
    for (const { sym } of declared.names) {
      const name = isPatternName(sym) ? sym.stem : sym.name;
      const entry = this.env.lookup(name, block);
      if (entry?.kind === 'decl') lasting.push({ name, at: entry.at });
    }
    if (lasting.length === 0) return;
    for (const [i, r] of bounds) {
      const reached = this.references(cmpOf(r), block);
      if (lasting.some(({ name }) => reached.has(name)))
        this.constraints[i] = { ...this.constraints[i], lasting };
    }
  }

  /**
   * "$a_{n+1} = 2a_n + 1$ for $n \ge 0$", "$b_n = b_{n-1} + 4$ for $n \ge 2$": a bound on the index
   * letter of a recurrence rule written earlier in the same sentence says from which index the rule
   * holds. It is a condition, not a claim, and it declares nothing: the letter stays the rule's
   * index, a whole number (a sign constraint would make it a positive real).
   */
  private boundOfRuleIndex(r: Relation, block: number): boolean {
    if (!ORDER_OPS.has(r.op.op) || this.ruleIndices.length === 0) return false;
    const sentence = this.scopes.sentence;
    const index = (n: Node) =>
      n.kind === 'sym' && !n.sub && this.ruleIndices.some(([i, s]) => i === n.name && s === sentence);
    const bounded = (index(r.lhs) && numberOf(r.rhs) !== null) || (index(r.rhs) && numberOf(r.lhs) !== null);
    if (!bounded) return false;
    this.claim(
      r,
      block,
      null,
      'a condition, not a claim: it says from which index the recurrence before it holds',
    );
    return true;
  }

  private signConstraint(r: Relation, block: number, text: string): boolean {
    if (this.context.role === 'hypothesis') return false;
    // "min $c^\top x$ s.t. $Ax = b$, $x \ge 0$": a constraint of the problem says where its variable
    // may go (entrywise, for a vector), not what kind of number the letter is.
    if (this.context.keyword && PROBLEM_CONSTRAINT.has(this.context.keyword)) return false;
    const sign = readSignConstraint(r.op.op, r.lhs, r.rhs);
    if (!sign) return false;
    const updates: Entry[] = [];
    let restated = 0;
    for (const { sym, squared } of sign.names) {
      const known = this.env.lookup(sym.name, block);
      // "Let … $\lambda > 0$" after a family `\lambda_j = \sigma_j^2/(n-1)`: "let" introduces a fresh
      // number, and the letter alone never was that family's value.
      const freshOverFamily =
        known?.kind === 'def' &&
        known.indices !== null &&
        !sym.sub &&
        (this.context.fresh || this.context.keyword === 'let');
      if (
        (!known && this.meansNothingYet(sym.name, block) && !this.entryOfFamily(sym, block)) ||
        freshOverFamily
      ) {
        const declared = this.declarationOf(sym, { set: 'positive', shape: [] });
        // "Since $x_1, x_2 > 0$": a fact about letters the text has, not a choice of any such number.
        const entry: Entry =
          this.context.fact && declared.kind === 'decl'
            ? { ...declared, particular: this.context.fact }
            : declared;
        updates.push(entry);
        this.declaredInSentence.set(entry.name, this.scopes.sentence);
        continue;
      }
      // "for $x, y > 0$" with x declared positive before: the list declares y; x stays as it is.
      if (
        !squared &&
        known?.kind === 'decl' &&
        known.spec.set === 'positive' &&
        known.spec.shape.length === 0
      ) {
        // Declared so by an earlier sentence or by the reading (an ε under a root), not by this one's
        // own words, which "i.e. $m \ge 0$" goes on to claim of.
        if (this.declaredInSentence.get(sym.name) !== this.scopes.sentence) restated++;
        // "for $x > 0$" after "since $x > 0$": the letter is now any such number, no particular one.
        if (known.particular && !this.context.fact) {
          const { particular: _fact, ...general } = known;
          updates.push({ ...general, at: this.at });
        }
        continue;
      }
      const sameSentence = this.declaredInSentence.get(sym.name) === this.scopes.sentence;
      if (squared || !sameSentence || known?.kind !== 'decl' || known.spec.set !== 'real') return false;
      updates.push({ ...known, spec: { ...known.spec, set: 'positive' }, at: this.at });
    }
    // "$\hat x = x / \sqrt{\sigma^2 + \epsilon}$ with $\epsilon > 0$", where the reading already made ε
    // positive: a setting's words restate the declaration; they claim nothing.
    if (updates.length === 0) return restated === sign.names.length && this.context.role === 'setting';
    // "$\log(xy) = \log x + \log y$ — only for $x, y > 0$": a sign written after a claim it qualifies
    // is that claim's condition, not what kind of number the letters are from here on: it lasts for
    // its sentence only, so a later `\log(x^2) = 2\log x` about the same letters is not verified by
    // the condition of another claim. Inside a stated result it is the result's, to its unit's end.
    const qualifying =
      !this.inDisplay &&
      !this.context.statement &&
      sign.names.some(({ sym }) => this.awaitedBy(isPatternName(sym) ? sym.stem : sym.name));
    for (const entry of updates) {
      this.define(entry, qualifying ? this.scopes.sentence : undefined);
      this.bindings.push({ name: entry.name, kind: 'declaration', start: r.lhs.start, end: r.rhs.end, text });
    }
    // "$\frac{d}{dx} \ln x = 1/x$ for $x > 0$": the sign declares the letter for the claim before it too.
    // A letter the claim counts with (a sum's bound, a binomial's argument) keeps the whole-number
    // reading the checker gives it: a positive real n has no \binom{2n}{n}.
    if (!this.inDisplay)
      this.declaredForAwaiting(
        sign.names.map((n) => n.sym),
        block,
        countsWith,
      );
    return true;
  }

  /**
   * "for all $n \ge 0$, $\sum_{k=1}^{n} k = n(n+1)/2 \le n^2$": a letter a sign constraint of this
   * sentence declared, which the sentence then uses as the bound of a sum or product, counts
   * terms — a whole number, not a positive real (at n = 0.4 the last link fails). It is read as
   * one from this relation on, for as long as the declaration lasts.
   */
  private countsOfSentence(r: Relation, block: number, text: string): void {
    const bounds = new Set<string>();
    for (const side of [r.lhs, r.rhs])
      walk(side, (x) => {
        if (x.kind === 'bigop' && x.index?.to?.kind === 'sym') bounds.add(x.index.to.name);
      });
    for (const name of bounds) {
      const known = this.env.lookup(name, block);
      if (known?.kind !== 'decl' || known.spec.set !== 'positive' || known.spec.shape.length > 0) continue;
      if (this.declaredInSentence.get(name) !== this.scopes.sentence) continue;
      this.define({ ...known, spec: { set: 'natural', shape: [] }, at: this.at });
      this.bindings.push({ name, kind: 'declaration', start: r.lhs.start, end: r.rhs.end, text });
    }
  }

  /**
   * "a mini-batch $x_1, \dots, x_m$": entries listed from 1 to a letter name a vector of that many
   * entries, when the letter before the subscripts means nothing yet — `x \in \mathbb{R}^m`, m a
   * size — so `\frac{1}{m}\sum_i x_i` can be checked.
   */
  private listedEntries(list: Statement[], block: number): void {
    const bare = (st: Statement | undefined) =>
      st && st.ops.length === 0 && st.sides.length === 1 ? st.sides[0] : null;
    const lists: (Node | null)[][] = [];
    for (let i = 0; i + 2 < list.length; i++)
      lists.push([bare(list[i]), bare(list[i + 1]), bare(list[i + 2])]);
    // `\boldsymbol{\delta} = (\delta_1, \dots, \delta_n)`: the vector named with its listed entries.
    for (const st of list) {
      const [name, value] = st.sides;
      if (st.ops.length !== 1 || st.ops[0].op !== '=' || name?.kind !== 'sym' || name.sub !== null) continue;
      if (value?.kind !== 'group' || value.items.length !== 3 || (value.open !== '(' && value.open !== '['))
        continue;
      if (value.items[0].kind === 'sym' && value.items[0].stem === name.name) lists.push(value.items);
    }
    for (const [first, dots, last] of lists)
      if (first?.kind === 'sym' && dots?.kind === 'dots' && last?.kind === 'sym')
        this.listedVector(first, last, block);
  }

  /**
   * `x_1, \dots, x_n` with x meaning nothing yet: x is a vector of n entries (n a size when it
   * means nothing either); false when the list is not of that form.
   */
  private listedVector(
    first: SymNode,
    last: SymNode,
    block: number,
    declared = false,
    member: DeclSpec = { set: 'real', shape: [] },
  ): boolean {
    if (first.stem !== last.stem || first.sub?.length !== 1 || last.sub?.length !== 1) return false;
    const [from, to] = [first.sub[0], last.sub[0]];
    if (from.kind !== 'num' || from.text !== '1' || to.kind !== 'sym' || !isVariable(to) || to.sub)
      return false;
    const stem = first.stem;
    if (stem === to.name || this.env.lookup(stem, block) || this.env.lookupPattern(stem)) return false;
    if (!this.meansNothingYet(stem, block)) return false;
    const known = this.env.lookup(to.name, block);
    if (known && !this.env.isDimension(to.name)) return false;
    const text = this.source.slice(first.start, last.end);
    this.currentText = text;
    // Declared (`x_1, \dots, x_n \in \mathbb{R}`), the vector and its size are the author's; only
    // listed, they are the reader's, and a claim that fails for them is not refuted.
    if (!known && !this.env.isDimension(to.name))
      this.define({
        kind: 'dim',
        name: to.name,
        at: this.at,
        ...(declared
          ? {}
          : {
              inferred: {
                how: `as the number of listed entries (\`${text}\`)`,
                kind: 'any size',
                declare: `${to.name} = …`,
              },
            }),
      });
    else if (declared && this.env.dimensionEntry(to.name)?.inferred !== undefined)
      this.define({ kind: 'dim', name: to.name, at: this.at });
    this.define({
      kind: 'decl',
      name: stem,
      pattern: false,
      spec: { ...member, shape: [to] },
      at: this.at,
      ...(declared
        ? {}
        : {
            inferred: {
              how: `by listing its entries (\`${text}\`)`,
              kind: LISTED_ENTRIES,
              declare: `${stem} \\in \\mathbb{R}^{${to.name}}`,
            },
          }),
    });
    this.bindings.push({ name: stem, kind: 'declaration', start: first.start, end: last.end, text });
    return true;
  }

  /**
   * `| model width | $d$ | 2048 |`: a table row giving a symbol that means nothing yet a number
   * declares that value; like a display's definition it lasts until the document redefines it.
   */
  tableValue(list: Statement[], text: string, start: number): void {
    const only = list.length === 1 && list[0].ops.length === 0 ? list[0].sides[0] : null;
    if (only?.kind !== 'sym' || !this.meansNothingYet(only.name, -1)) return;
    const end = start + text.length;
    const expr: Node = { kind: 'num', value: Number(text), text, start, end };
    const wasDisplay = this.inDisplay;
    this.inDisplay = true;
    this.at++;
    this.currentText = this.source.slice(only.start, end);
    this.define({
      kind: 'def',
      name: only.name,
      expr,
      params: null,
      indices: null,
      diagonal: false,
      at: this.at,
    });
    this.inDisplay = wasDisplay;
    this.bindings.push({
      name: only.name,
      kind: 'definition',
      start: only.start,
      end,
      text: this.currentText,
    });
  }

  /**
   * "a multiplicative constant $\gamma$", "for all real $a, b$": each letter that means nothing yet,
   * introduced by words that name a real number, is a real number the reader can sample, as
   * `\gamma \in \mathbb{R}`.
   */
  scalarInWords(list: Statement[], words: string): void {
    // `a, b` may be read as one list or as two statements: either way bare names; or names under a
    // bound, "for every integer $n \ge 5$" (the bound itself is read as the condition it is).
    const bounded = list.some((st) => st.ops.length > 0);
    const names = list.map((st) =>
      st.ops.length === 0 && st.sides.length === 1
        ? nameList(st.sides[0])
        : st.ops.every((op) => ORDER_OPS.has(op.op) || op.op === '\\neq')
          ? nameList(st.sides[0])
          : null,
    );
    if (names.some((n) => n === null)) return;
    for (const only of names.flat()) if (only) this.scalarNameInWords(only, words, bounded);
  }

  /** Whether a claim waiting for its qualifier (awaitingQualifier) uses the letter. */
  private awaitedBy(name: string): boolean {
    return this.awaitingQualifier.some((i) => {
      const c = this.claims[i];
      return this.references(c.lhs, c.block).has(name) || this.references(c.rhs, c.block).has(name);
    });
  }

  /** A letter the words before this span quantified ("for every real $x$"), for its sentence. */
  private quantifiedHere(name: string, block: number): boolean {
    const known = this.env.lookup(name, block);
    return (
      known?.kind === 'decl' &&
      known.scope === this.scopes.sentence &&
      this.context.scalarWords !== undefined &&
      known.inferred?.how === `in words (“${this.context.scalarWords}”)`
    );
  }

  private scalarNameInWords(only: SymNode, words: string, bounded = false): void {
    // "for all real $a, b$ we have …" quantifies the letters of its sentence only, whatever they
    // meant before ("Let $x > 0$. … For every real $x$, …" is about every real x); "a constant
    // $\gamma$" introduces an object the text goes on with, so only a letter that means nothing yet.
    // ", where $n$ is an integer" after a claim on n quantifies that claim the same way.
    const quantified = /^(?:for|every|all|each)\b/.test(words) || this.awaitedBy(only.name);
    if (only.primes !== 0 || (!quantified && !this.meansNothingYet(only.name, -1))) return;
    if (this.env.lookupPattern(only.stem)) return;
    this.at++;
    this.currentText = `${words} ${this.source.slice(only.start, only.end)}`;
    const whole = numberSetInWords(words);
    this.define(
      {
        kind: 'decl',
        name: only.name,
        pattern: false,
        spec: { set: whole.set, shape: [] },
        at: this.at,
        inferred: {
          how: `in words (“${words}”)`,
          kind: whole.kind,
          declare: `${only.name} \\in ${whole.declare}`,
        },
      },
      quantified ? this.scopes.sentence : undefined,
    );
    const text = this.source.slice(only.start, only.end);
    this.bindings.push({ name: only.name, kind: 'declaration', start: only.start, end: only.end, text });
    // Kinds no sample is drawn as ("every odd integer") do not reach the claim before them.
    if (!UNSAMPLED_NUMBER_KIND.test(words)) this.declaredAfterUse([only], -1);
    // "$\sin(k\pi) = 0$ for integer $k$": the kind reaches the claim before it too, and the claim is
    // then about every whole number of that kind, as stated: a failure at one refutes it.
    // "$x^2 > x$ for every real $x > 1$": a bound after the kind is a condition the claim is checked
    // under (qualifyAwaiting), so the letter reaches the claim whatever its kind.
    if (!this.inDisplay && (whole.set === 'integer' || whole.set === 'natural' || bounded))
      this.declaredForAwaiting([only], -1, undefined, true);
  }

  /**
   * Words that make names square matrices or vectors with no size (model/sizelessWords.ts): declared
   * in ℝ^{n×n} and ℝⁿ for one size of their own, from here on or, after "for any", for the sentence.
   * Only names that mean nothing yet: a capital letter for a matrix, a small one for a vector.
   */
  sizelessInWords(
    names: SymNode[],
    noun: 'matrix' | 'vector',
    words: string,
    quantified: boolean,
    block: number,
    onlyAwaited = false,
  ): void {
    const fresh = names.filter(
      (n) =>
        n.primes === 0 &&
        n.sub === null &&
        (noun === 'matrix' ? /^(?:[A-Z]|\\[A-Z][a-z]+)$/ : /^(?:[a-z]|\\[a-z]+)$/).test(n.stem) &&
        this.meansNothingYet(n.name, block) &&
        // "whenever $A$ is symmetric": the adjective alone makes a matrix only of a name a claim
        // before it in the sentence used; elsewhere a declaration may still follow in the sentence.
        (!onlyAwaited || this.usedUnknownInSentence(n.name)),
    );
    if (fresh.length === 0) return;
    // Vectors take the size only beside a matrix the same sentence made so (`A` invertible, `u, v`
    // vectors): alone, their length is any, and another declaration's (`A \in \mathbb{R}^{m \times n}`)
    // may be the one meant.
    if (noun === 'vector' && this.wordsSizeSentence !== this.scopes.sentence) return;
    if (noun === 'matrix') this.wordsSizeSentence = this.scopes.sentence;
    const at = fresh[0].start;
    const size = makeSym(WORDS_SIZE, at, at);
    const shape: Node =
      noun === 'matrix' ? { kind: 'bin', op: 'times', left: size, right: size, start: at, end: at } : size;
    this.matrixSizeInWords(fresh, shape, words, quantified ? 'sentence' : 'on', block);
    for (const n of fresh) this.declaredInSentence.set(n.name, this.scopes.sentence);
    this.pendingKindsOf(fresh, block);
    this.declaredAfterUse(fresh, block);
  }

  /**
   * A shape or a vector's length given in words without the noun "matrix" (model/shapeWords.ts):
   * declares the names that mean nothing yet, from here on. A name the text already gave a meaning
   * (`$Y$ is $n \times d_v$` after `Y = AV`) is described, not declared again.
   */
  shapeInWords(names: SymNode[], size: Node, words: string, bareIs: boolean, block: number): void {
    // Shape words ("of size", "de taille") give a declared real array its new shape ("$A$ de taille
    // $n \times m$" after `A \in \mathbb{R}^{n \times n}`), as a new declaration would; a bare "is" only
    // describes a name the text gave.
    const redeclared = (name: string) => {
      const e = this.env.lookup(name, block);
      return !bareIs && e?.kind === 'decl' && !e.inferred && e.spec.shape.length > 0;
    };
    const fresh = names.filter(
      (n) => n.primes === 0 && (this.meansNothingYet(n.name, block) || redeclared(n.name)),
    );
    if (fresh.length === 0) return;
    this.matrixSizeInWords(fresh, size, words, 'on', block);
    if (!bareIs) return;
    for (const n of fresh) {
      const e = this.env.lookup(n.name, block);
      if (e?.kind === 'decl') this.define({ ...e, shapeFromIs: true });
    }
  }

  /**
   * Words naming a matrix's spectrum (model/spectrumWords.ts): a name said to be the largest or
   * smallest eigenvalue or singular value is defined as that extreme; a family (`s_j`,
   * `\lambda_1, \dots, \lambda_n`) as the j-th in the order the text states (a chain `\sigma_1 \ge
   * \dots`) — decreasing for singular values, and for eigenvalues either order, as the second
   * reading decides (claim/readings.ts). Only names that mean nothing yet; from here on.
   */
  spectrumInWords(
    lists: { names: SymNode[]; order: SpectrumOrder }[],
    matrix: Node,
    words: SpectrumWords,
    text: string,
    block: number,
  ): void {
    const at = { start: matrix.start, end: matrix.end };
    const names = lists.flatMap((l) => l.names.map((name) => ({ name, order: l.order })));
    // "The eigenvalues $\mu_1, \dots, \mu_m$ of $Q$": the list made μ a vector of its entries a moment
    // ago; the words after it say which.
    const listedOnly = (name: string) => {
      const e = this.env.lookup(name, block);
      return e?.kind === 'decl' && e.inferred?.kind === LISTED_ENTRIES;
    };
    const define = (name: string, expr: Node, indices: string[] | null) => {
      if (!this.meansNothingYet(name, block) && !listedOnly(name)) return;
      this.at++;
      this.currentText = text;
      this.define({
        kind: 'def',
        name,
        expr,
        params: null,
        indices,
        diagonal: false,
        at: this.at,
        modelled: true,
      });
    };
    const call = (fn: string, args: Node[]): Node => ({
      kind: 'call',
      fn,
      args,
      sub: null,
      sup: null,
      paren: true,
      ...at,
    });
    if (words.extremes) {
      // "λ_max and λ_min are the largest and smallest eigenvalues": one extreme per name, in order.
      if (words.extremes.length !== names.length && words.extremes.length !== 1) return;
      names.forEach(({ name }, k) => {
        const extreme = words.extremes![Math.min(k, words.extremes!.length - 1)];
        const fn = `${words.kind === 'eigen' ? 'lambda' : 'sigma'}${extreme === 'largest' ? 'max' : 'min'}`;
        if (names.length === 1 || words.extremes!.length > 1) define(name.name, call(fn, [matrix]), null);
      });
      return;
    }
    const stems = new Set(names.map(({ name }) => name.stem));
    if (stems.size !== 1 || names.some(({ name }) => name.sub === null || name.sub.length !== 1)) return;
    const order = names[0].order;
    const index = names
      .map(({ name }) => name.sub![0])
      .find((x) => x.kind === 'sym' && /^[a-z]$/.test(x.name));
    const letter = index?.kind === 'sym' && this.meansNothingYet(index.name, block) ? index.name : 'k';
    const fn =
      `${words.kind === 'eigen' ? 'eigenvalues' : 'singularvalues'}` +
      (words.kind === 'singular' && order === 'unstated' ? 'decreasing' : order === 'unstated' ? '' : order);
    // The k-th entry of the spectrum: the family's index ranges over its length.
    const entry: Node = {
      kind: 'subscript',
      base: call(fn, [matrix]),
      indices: [makeSym(letter, at.start, at.start)],
      ...at,
    };
    define(names[0].name.stem, entry, [letter]);
  }

  /**
   * "$p, q$ are distributions on $\{1, \dots, K\}$": each name that means nothing yet is a
   * probability vector of length K (entries ≥ 0 summing to 1), as "$p, q \in \mathbb{R}^K$ are
   * probability vectors" would declare it.
   */
  distributionsInWords(names: SymNode[], size: Node, words: string, block: number): void {
    const lone = names.filter((n) => n.primes === 0 && n.sub === null);
    const fresh = lone.filter((n) => this.meansNothingYet(n.name, block));
    if (fresh.length > 0) this.matrixSizeInWords(fresh, size, words, 'on', block);
    // A vector the text declared keeps its length and takes the kind, as "a probability vector" gives it.
    this.matrixInWords(lone, 'probability', words, block);
  }

  /**
   * Words that give names the shape of a matrix (model/sizeWords.ts), or a vector's (sizelessInWords):
   * declared as
   * `\mathbb{R}^{size}` would declare them, from here on or, after "for any", for their sentence.
   */
  matrixSizeInWords(
    names: SymNode[],
    size: Node,
    words: string,
    reach: 'sentence' | 'passage' | 'on',
    block: number,
    fullColumnRank = false,
  ): void {
    const real = makeSym('\\mathbb{R}', size.start, size.start);
    const read = readDeclaration({
      kind: 'pow',
      base: real,
      exponent: size,
      start: size.start,
      end: size.end,
    });
    if (!read.ok) return;
    for (const n of names) {
      if (n.primes !== 0) continue;
      this.at++;
      this.currentText = words;
      const entry = {
        kind: 'decl' as const,
        name: n.name,
        pattern: false,
        spec: fullColumnRank ? { ...read.spec, fullColumnRank: true } : read.spec,
        at: this.at,
        ...fontOf(n),
      };
      this.define(
        entry,
        reach === 'on' ? undefined : reach === 'sentence' ? this.scopes.sentence : this.scopes.passage,
      );
      this.bindings.push({ name: n.name, kind: 'declaration', start: n.start, end: n.end, text: words });
    }
    for (const d of dimensionNames(read.spec.shape)) {
      const known = this.env.lookup(d, block);
      if (!this.env.isDimension(d) && (!known || known.scope !== undefined))
        this.define({ kind: 'dim', name: d, at: this.at });
    }
  }

  /**
   * Words that say what kind of matrix declared names are (model/matrixWords.ts): they are sampled
   * as such from here on — orthonormal columns (QR of a Gaussian matrix), symmetric, or symmetric
   * positive definite. A name that is not a declared real matrix, or a square property of a matrix
   * that is not square, is left as it is.
   */
  /**
   * "$X$ is invertible" after `X` was declared m×n with two size letters: an invertible matrix is
   * square, so X is m×m from here on (for its sentence when the words are a hypothesis or stand
   * before the name, "for square $X$", "an invertible $X$"). A shape
   * with a written number, or already square, is left as declared.
   */
  squareInWords(names: SymNode[], block: number, qualified: boolean): void {
    // "for square $X$", "if $Z$ is nonsingular": the words qualify their sentence, not the text.
    const scope = qualified || this.context.role === 'hypothesis' ? this.scopes.sentence : undefined;
    for (const n of names) {
      const known = this.env.lookup(n.name, block);
      if (known?.kind !== 'decl' || known.inferred || known.spec.shape.length !== 2) continue;
      const [rows, cols] = known.spec.shape;
      if (rows.kind !== 'sym' || cols.kind !== 'sym' || rows.name === cols.name) continue;
      if (!this.env.isDimension(rows.name) || !this.env.isDimension(cols.name)) continue;
      this.at++;
      this.currentText = `${known.text ?? n.name} (square: said invertible)`;
      this.define({ ...known, spec: { ...known.spec, shape: [rows, rows] }, at: this.at }, scope);
    }
  }

  matrixInWords(names: SymNode[], kind: MatrixKind, words: string, block: number, qualifying = false): void {
    // "If $A$ is symmetric, …": a kind the text assumes holds for its sentence, or for the stated
    // result it opens; what the text says next is about any matrix again.
    const scope =
      this.context.role === 'hypothesis' || qualifying
        ? this.context.statement
          ? this.scopes.section
          : this.scopes.sentence
        : undefined;
    for (const n of names) {
      const known = this.env.lookup(n.name, block);
      // "where $U$ and $V$ are orthogonal, with $U, V \in \mathbb{R}^{n \times n}$": the sentence
      // declares them after the words; the kind waits for that declaration.
      if (!known && !this.env.isDimension(n.name)) {
        this.pendingKinds.push([n.name, kind, this.scopes.sentence, words]);
        continue;
      }
      if (known?.kind !== 'decl') continue;
      const spec = specOfKind(known, kind, words);
      if (!spec) continue;
      this.at++;
      this.currentText = `${known.text ?? n.name} (${words})`;
      this.define({ ...known, spec, at: this.at }, scope);
      // "… for orthogonal $Q \in \mathbb{R}^{n \times n}$": the claim the declaration reached back to
      // takes the kind its words give too.
      for (const i of this.unknownInSentence) {
        const c = this.claims[i];
        const had = c.env.lookup(n.name, c.block);
        if (had?.kind === 'decl' && had.at === known.at)
          this.claims[i] = { ...c, env: c.env.with({ ...known, spec, at: this.at, scope: undefined }) };
      }
    }
  }

  /**
   * "$\operatorname{tr}(A^\top Y) = \operatorname{vec}(A)^\top\operatorname{vec}(Y)$ for any $Y \in
   * \mathbb{R}^{m \times n}$": a declaration after the claim it quantifies, in the words that qualify
   * it, gives the claim's names their sets (a name declared before is declared anew); the claim is
   * then about every such name. `stated` when words declared them as the claim's quantifier.
   */
  private declaredForAwaiting(
    names: SymNode[],
    block: number,
    keeps: (c: Claim, name: string) => boolean = () => false,
    stated = false,
  ): void {
    for (const i of this.awaitingQualifier) {
      const c = this.claims[i];
      const used = this.references(c.lhs, c.block);
      for (const n of this.references(c.rhs, c.block)) used.add(n);
      let env = c.env;
      for (const n of names) {
        const name = isPatternName(n) ? n.stem : n.name;
        const entry = this.env.lookup(name, block);
        if (!used.has(name) || entry?.kind !== 'decl' || keeps(c, name)) continue;
        // `stated`: words that quantify the claim ("for every integer $m$") say all it is about.
        const { inferred: _reading, ...declared } = entry;
        // "… for all $x \in \mathbb{R}^n$": the sizes the declaration names come with it.
        env = this.withSizes(env.with(stated ? declared : entry), entry, block);
      }
      if (env !== c.env) this.claims[i] = { ...this.qualifiedNow(c, env), declaredAfter: true };
    }
  }

  /**
   * `q_y = 1/V` in running text, a passage after q's declaration: a formula of known names that
   * uses neither q nor the index letters gives every entry of the declared vector that value.
   */
  private entryCase(lhs: SymNode, rhs: Node, block: number): boolean {
    if (this.inDisplay || this.context.role !== 'plain' || isLiteralValue(rhs)) return false;
    const stem = this.env.lookup(lhs.stem, block);
    if (stem?.kind !== 'decl' || stem.pattern || this.passageOf.get(stem) === this.context.passage)
      return false;
    const used = this.references(rhs, block);
    if (used.has(lhs.stem) || (lhs.sub ?? []).some((x) => x.kind === 'sym' && used.has(x.name))) return false;
    return this.formulaOfKnownNames(rhs, block);
  }

  /** Whether the words of the sentence before `at` draw a consequence ("so", "thus", "we get"). */
  /**
   * followsFromBefore without "give": "the TA gives the Q-table: $Q(3, L) = 1.2$" hands over data,
   * while "so", "thus", "we get" draw a result.
   */
  private drawnAsResult(at: number): boolean {
    const lead = this.source.slice(Math.max(0, at - 80), at);
    return DRAWN.test(lead.slice(lastSentenceEnd(lead) + 1));
  }

  /**
   * "At $\gamma = 0$ it reduces to cross-entropy, $\mathrm{FL}(p) = -\log p$": the words say the
   * rule is what the earlier one becomes in a special case — a claim about it, not a new rule.
   */
  private reducedFrom(at: number): boolean {
    const lead = this.source.slice(Math.max(0, at - 80), at);
    return REDUCES_TO.test(lead.slice(lastSentenceEnd(lead) + 1));
  }

  private followsFromBefore(at: number): boolean {
    const lead = this.source.slice(Math.max(0, at - 80), at);
    return CONSEQUENCE.test(lead.slice(lastSentenceEnd(lead) + 1));
  }

  /**
   * "$u(v + 1) = uv + u$ for all $u, v$": bare names after "for all" (every, each, any) restrict
   * nothing — the claim before is about every value of them, a claim (read as before) rather than a
   * setting waiting for its condition.
   */
  private quantifiedForAwaiting(names: SymNode[]): void {
    if (names.length === 0) return;
    for (const i of this.awaitingQualifier) {
      const c = this.claims[i];
      const used = this.references(c.lhs, c.block);
      for (const n of this.references(c.rhs, c.block)) used.add(n);
      if (!names.some((n) => used.has(n.name))) continue;
      this.claims[i] = this.qualifiedNow(c, c.env);
    }
  }

  /**
   * A claim that waited for its qualifier, a claim now: no longer a setting, checked with `env`, and
   * under the constraints of its passage ("If $Q$ satisfies $Q^\top Q = I$, then $\|Qx\| = \|x\|$
   * for every $x$") as a claim of its own would be.
   */
  private qualifiedNow(c: Claim, env: Env): Claim {
    const { condition: _framed, awaitsWords: _words, ...plain } = c;
    if (c.constraints) return { ...plain, env };
    const found = this.constraintsFor({ lhs: c.lhs, rhs: c.rhs } as Relation, c.block);
    // As a setting the claim was its passage's constraint; it does not constrain itself.
    const nodes = found.nodes.filter((n) => !(n.kind === 'cmp' && n.left === c.lhs && n.right === c.rhs));
    const { solvable } = found;
    // The sentence's hypotheses ("If $Q$ satisfies $Q^\top Q = I$, then …") hold for it too.
    const reached = this.reach([c.lhs, c.rhs], c.block);
    // As a setting the claim was a condition of its sentence too; it is not assumed for itself.
    const itself = (x: Node) => x.kind === 'cmp' && x.left === c.lhs && x.right === c.rhs;
    const under = this.conditions.filter(
      (x) => !c.assumptions.includes(x) && !itself(x) && this.binds(x, reached, c.block),
    );
    return {
      ...plain,
      env,
      assumptions: [...c.assumptions, ...under],
      ...(nodes.length > 0 ? { constraints: nodes } : {}),
      ...(solvable.length > 0 ? { solvable } : {}),
    };
  }

  /**
   * A kind named in the condition after a claim — "$… = 2Ax$ if $A$ is symmetric", or a table row's
   * condition cell (model/tableConditions.ts): the claims awaiting it are checked with its names of
   * that kind — `kind` null for words every sample meets ("invertible") — and are then claims, no
   * longer settings never refuted. Other claims keep the names as declared.
   */
  qualifyAwaitingKind(names: SymNode[], kind: MatrixKind | null, words: string): void {
    for (const i of this.awaitingQualifier) {
      const c = this.claims[i];
      const reached = this.reach([c.lhs, c.rhs], c.block);
      let env = c.env;
      let met = false;
      for (const n of names) {
        const known = env.lookup(n.name, c.block);
        if (known?.kind !== 'decl' || !reached.has(n.name)) continue;
        const spec = kind === null ? known.spec : specOfKind(known, kind, words);
        if (!spec) {
          met = false;
          break;
        }
        if (kind !== null) env = env.with({ ...known, spec, text: `${known.text ?? n.name} (${words})` });
        met = true;
      }
      if (!met) continue;
      this.claims[i] = this.qualifiedNow(c, env);
    }
  }

  /** Names this relation declared that words earlier in its sentence gave a kind of matrix. */
  private pendingKindsOf(names: SymNode[], block: number): void {
    if (this.pendingKinds.length === 0) return;
    const sentence = this.scopes.sentence;
    this.pendingKinds = this.pendingKinds.filter(([, , s]) => s === sentence);
    for (const n of names) {
      const pending = this.pendingKinds.find(([name]) => name === n.name);
      if (!pending) continue;
      this.pendingKinds = this.pendingKinds.filter((x) => x !== pending);
      const text = this.currentText;
      this.matrixInWords([n], pending[1], pending[3], block);
      this.currentText = text;
    }
  }

  /** `A = A^\top` in the sentence that declares A a square matrix: A is sampled symmetric (model/symmetry.ts). */
  private symmetryOfDeclaration(r: Relation, block: number, text: string): boolean {
    if (this.context.role === 'hypothesis') return false;
    const sym = readSymmetry(r.op.op, r.lhs, r.rhs);
    if (!sym || this.declaredInSentence.get(sym.name) !== this.scopes.sentence) return false;
    const known = this.env.lookup(sym.name, block);
    if (known?.kind !== 'decl' || !isSquareShape(known.spec.shape)) return false;
    this.define({ ...known, spec: { ...known.spec, symmetric: true }, at: this.at });
    this.bindings.push({ name: sym.name, kind: 'declaration', start: r.lhs.start, end: r.rhs.end, text });
    return true;
  }

  /** `W_{ij} = W_{ji}`, `W_{ii} = 0`, `W_{ij} \ge 0` in the sentence that declares W (model/entryProperties.ts). */
  private entriesOfDeclaration(r: Relation, block: number, text: string): boolean {
    if (this.context.role === 'hypothesis') return false;
    const read = readEntryProperty(r.op.op, r.lhs, r.rhs);
    if (!read || this.declaredInSentence.get(read.stem) !== this.scopes.sentence) return false;
    const known = this.env.lookup(read.stem, block);
    if (known?.kind !== 'decl' || known.spec.shape.length === 0) return false;
    const { spec } = known;
    let next: DeclSpec;
    if (read.property === 'positive') {
      if (spec.set !== 'real' && spec.set !== 'positive') return false;
      next = { ...spec, set: 'positive' };
    } else {
      if (!isSquareShape(spec.shape) || spec.orthogonal || spec.oneHot) return false;
      next = read.property === 'symmetric' ? { ...spec, symmetric: true } : { ...spec, zeroDiagonal: true };
    }
    this.define({ ...known, spec: next, at: this.at });
    this.bindings.push({ name: read.stem, kind: 'declaration', start: r.lhs.start, end: r.rhs.end, text });
    return true;
  }

  /** `Q^\top Q = I` on a Q its sentence declares: a constraint samples can meet (model/constructed.ts). */
  /**
   * "with $x_1 \in \mathbb{R}^p$ and $x_2 \in \mathbb{R}^q$, $p + q = n$": a relation on sizes alone,
   * listed after declarations of objects of those sizes, says which shapes the author means — the
   * sizes are the author's choice, so it is part of the setting, as an order on them is (sizedHere).
   */
  private relatesSentenceSizes(r: Relation, block: number): boolean {
    if (r.op.op !== '=' && !ORDER_OPS.has(r.op.op)) return false;
    return this.sizedHere(r, block).length > 0;
  }

  private constrainsSentenceDeclaration(r: Relation): boolean {
    const made = readConstructed(r.op.op, r.lhs, r.rhs);
    return made !== null && this.declaredInSentence.get(made.name.name) === this.scopes.sentence;
  }

  /**
   * "Let $\psi \in \mathbb{R}^n$ be a unit vector, that is $\|\psi\| = 1$", "$Q$ with $Q^\top Q =
   * I$": a constraint set with the name's declaration, in a form samples can meet by construction
   * (model/constructed.ts), makes the name sampled as such for as long as the declaration lasts; the
   * relation is then part of the declaration, not a claim. A constraint on a name declared before
   * (a worked case of its passage) or under "if" stays a constraint of its passage.
   */
  private constructedByDeclaration(r: Relation, block: number, tag: string | null): boolean {
    if (this.context.role !== 'setting' || this.context.quoted) return false;
    const made = readConstructed(r.op.op, r.lhs, r.rhs);
    if (!made || this.declaredInSentence.get(made.name.name) !== this.scopes.sentence) return false;
    const known = this.env.lookup(made.name.name, block);
    if (known?.kind !== 'decl' || this.env.freshSince(made.name.name, known)) return false;
    const spec = specOfKind(known, made.kind);
    if (!spec) return false;
    this.define({ ...known, spec, at: this.at });
    // Still a condition, not a claim: the samples meet it because they are drawn to.
    const reason =
      `a condition, not a claim (${this.context.why}); ${made.name.name} is sampled to meet it ` +
      `(${KIND_WORDS[made.kind]})`;
    this.claim(r, block, tag, reason);
    return true;
  }

  /**
   * `f: \mathbb{R}^n \to \mathbb{R}^m`, also for a comma list of names: each is a function from
   * here on, whatever the letter meant before, so `f(x) = …` defines it and `f (x + 1)` applies it.
   */
  private signature(lhs: Node, rhs: Node, text: string): boolean {
    const names = nameList(lhs);
    if (!names || rhs.kind !== 'cmp') return false;
    // `f: x \mapsto x^2` defines f by its rule.
    const params =
      rhs.op === '\\mapsto'
        ? nameList(rhs.left.kind === 'group' ? ({ ...rhs.left, kind: 'list' } as Node) : rhs.left)
        : null;
    if (params && names.length === 1) {
      this.define({
        kind: 'def',
        name: names[0].name,
        expr: rhs.right,
        params,
        indices: null,
        diagonal: false,
        at: this.at,
      });
      this.bindings.push({
        name: names[0].name,
        kind: 'definition',
        start: names[0].start,
        end: rhs.end,
        text,
      });
      return true;
    }
    if (rhs.op !== '\\to') return false;
    const dom = readDeclaration(rhs.left);
    const cod = readDeclaration(rhs.right);
    for (const n of names) {
      this.define({
        kind: 'fn',
        name: n.name,
        domain: dom.ok ? dom.spec : null,
        codomain: cod.ok ? cod.spec : null,
        at: this.at,
      });
      this.bindings.push({ name: n.name, kind: 'declaration', start: n.start, end: rhs.end, text });
    }
    for (const spec of [dom, cod]) {
      if (!spec.ok) continue;
      for (const d of dimensionNames(spec.spec.shape)) {
        if (!this.env.isDimension(d) && !this.env.lookup(d, this.currentBlock))
          this.define({ kind: 'dim', name: d, at: this.at });
      }
    }
    return true;
  }

  private claim(r: Relation, block: number, tag: string | null, stated?: string): void {
    let skipReason =
      stated ?? this.afterParallel(r) ?? this.jointCell(r, block) ?? this.beyondGivenGradient(r, block);
    this.parallelRight = this.source.slice(r.op.start, r.op.end).trim() === '\\parallel' ? r.rhs : null;
    let assumptions = this.assumptions;
    let condition: string | undefined = skipReason ? undefined : r.proposition;
    // The claims of a passage that gave numbers without naming them are about those numbers: a
    // failure at sampled values says nothing.
    if (
      !skipReason &&
      !condition &&
      this.unnamedValues?.passage === this.context.passage &&
      [...this.reach([r.lhs, r.rhs], block)].some((name) => this.env.lookup(name, block)?.kind === 'decl')
    )
      condition =
        `the passage gives the values ${this.unnamedValues.text} without naming what they are ` +
        `the values of; name them (as x = ${this.unnamedValues.text}) to have it checked`;
    // "With $a = 3$, $b = 4$ and $c = \sqrt{a^2 + b^2} = 5$": the clause gives c its formula; the
    // link after it works that formula out from the values in play, which is the author's claim.
    const worksOut = r.worksOut && this.context.role === 'setting' && this.determinedByValues(r.lhs, block);
    const role = this.inDisplay || skipReason || worksOut ? 'plain' : this.context.role;
    // "…with $\mathbb{E}[X] = 2$. Its variance is $\operatorname{Var}(X) = 1$.": a moment the passage
    // left free, stated next, is given, not claimed — drawn freely, it would refute the text's value.
    if (role === 'plain' && !skipReason && !this.inDisplay && this.statesFreeMoment(r, block)) {
      this.momentFact(r, block);
      skipReason = momentSettingReason(r);
    }
    if (role !== 'plain') {
      // Inside "if …" the author states no fact; inside "for $q < 1/3$", "with …", "let …" a
      // relation may restate the setting (checked when it holds) or constrain it (never
      // refuted). Either way, what the sentence says next holds under it.
      const reason = this.context.quoted
        ? quotedReason(this.context.why)
        : `a condition, not a claim (${this.context.why}); to have it checked, state it ` +
          `on its own or in a display`;
      if (role === 'hypothesis' || r.op.op === '\\neq') skipReason = reason;
      else condition = reason;
      // "Suppose $\mathbb{E}[X] = \mu$": the law it gives X holds it, so it constrains nothing, and
      // it is the setting of what follows, no claim (checked, it would hold by construction).
      const absorbed = !this.context.quoted && r.op.op === '=' && this.momentFact(r, block);
      if (absorbed) {
        skipReason = momentSettingReason(r);
        condition = undefined;
      }
      // "Assume $q > 1$. Then $q^2 > q$.": a setting's inequality binds its passage as its equation
      // does, so the next sentence is not refuted by samples outside it.
      // Inside a stated result the setting is the result's hypothesis ("Let $a, b > 0$ with
      // $a + b = 1$. Prove …"): it binds the proof's passages too. A relation the words after it
      // qualify ("Show $X \ge Y$ for $a > 0$") is the goal, which the proof may not assume.
      if (!absorbed && role === 'setting' && (r.op.op === '=' || ORDER_OPS.has(r.op.op))) {
        const hypothesis = this.context.statement && !this.context.qualifiedByNext;
        const lasting = hypothesis
          ? []
          : r.op.op === '='
            ? this.declaredHere(r, block)
            : this.sizedHere(r, block);
        this.constraints.push({
          passage: this.context.passage,
          node: cmpOf(r),
          ...(hypothesis ? { unit: this.context.section } : {}),
          ...(lasting.length > 0 ? { lasting } : {}),
          ...(hypothesis || r.op.op !== '=' ? {} : { sentence: this.scopes.sentence }),
        });
      }
      // An equation restating a setting may hold only to rounding: it constrains the samples
      // only when it is a hypothesis ("if $A = B$").
      // "for $j \ne i$, $\partial p_i / \partial z_j = -p_i p_j$": an inequation after "for",
      // "with", "where" excludes cases, as after "if"; only an equation may restate a setting.
      // A mistake the text quotes is no condition: "a student wrote $\det L = 1$, but …, so
      // $\det L = 0$" states the second in the author's voice, not under the first.
      if (
        !this.context.quoted &&
        (ORDER_OPS.has(r.op.op) ||
          r.op.op === '\\neq' ||
          (role === 'hypothesis' && r.op.op === '=' && !absorbed))
      ) {
        // "when $x, y > 0$": a bound on a list of letters bounds each of them.
        const conds = listedConditions(r);
        this.conditions.push(...conds);
        let qualifies = false;
        if (ORDER_OPS.has(r.op.op) || r.op.op === '\\neq')
          for (const one of conds) qualifies = this.qualifyAwaiting(one, block) || qualifies;
        // "$\sqrt{x^2} = x$ for $x \ge 0$" with x declared: the relation limits the claim before it;
        // that its samples meet it (the declaration entails it) is no claim of the author's.
        if (qualifies && role === 'setting' && !skipReason) {
          skipReason =
            `a condition, not a claim: it limits the claim before it, which is checked under it; ` +
            `to have it checked itself, state it on its own or in a display`;
          condition = undefined;
        }
        if (ORDER_OPS.has(r.op.op)) for (const one of conds) this.whereCondition(one, block);
      }
    } else if (!this.inDisplay && this.conditions.length > 0) {
      // Only conditions on what the claim depends on: "when $t > 0$, $2x = x + x$" needs no t.
      const reached = this.reach([r.lhs, r.rhs], block);
      const relevant = this.conditions.filter((c) => this.binds(c, reached, block));
      if (relevant.length > 0) assumptions = [...this.assumptions, ...relevant];
    }
    const entry = role === 'plain' && !this.inDisplay && !skipReason ? this.entryGivenNumber(r, block) : null;
    if (entry) {
      // "We observe $x_1 = 2$": a worked example's entry of a sampled vector or matrix. Its value is
      // not carried into the claims after it, so it binds its passage like a constraint: a claim
      // there that needs it is unchecked, not refuted by samples that ignore it.
      condition =
        `this gives an entry of ${entry} a value, which later claims do not use; define ${entry} with ` +
        `its entries to have this and what follows checked`;
    }
    // "$n \ge (1.96\sigma/2)^2 = 138.3$, so $n = 139$": the bound is what the chosen number must meet.
    const chosen =
      !skipReason && !entry && (role === 'plain' || REQUIREMENT_ROLE.test(this.context.why ?? ''))
        ? this.chosenForBound(r, block)
        : null;
    if (chosen) {
      r = { ...r, lhs: chosen.lhs, rhs: chosen.rhs };
      condition = undefined;
    }
    const free =
      role === 'plain' && !skipReason && !entry && !chosen ? this.freeNamesRelated(r, block) : null;
    if (free) {
      const them = free.includes(',') ? 'them' : 'it';
      if (r.op.op === '\\neq') {
        // Never checked, displayed or not: `x \neq y` holds at almost every sample and still is
        // not a fact about free x and y.
        skipReason =
          `${free} ${them === 'them' ? 'are' : 'is'} free (sampled), so no sample can show that ` +
          `this holds; in running text it states what is assumed of ${them}: give ${free} values to ` +
          `have it checked`;
      } else if (!this.inDisplay) {
        // Verified only when every sample meets it — the declarations entail it (`y > 0` for a
        // positive y) — and never refuted.
        condition =
          `a condition on ${free}, not a claim: the document leaves ${them} free, so this relation ` +
          `states what is assumed of ${them}; to have it checked, give ${free} values or state it ` +
          `in a display`;
      }
    }
    // A worked value is one in a display too: "$$\mu_1 = \frac{1 + 3 + 5 + 7}{4}$$" under a
    // definition of \mu_c from data given only in a table is worked at values the checker lacks.
    const worked =
      role === 'plain' && !skipReason && !entry && !free && condition === undefined
        ? (this.workedValueOfSampled(r, block) ?? this.countAtUngivenSizes(r, block))
        : null;
    if (worked && 'count' in worked)
      condition =
        `${worked.name} is a formula in the sizes ${worked.sampled} alone, which the passage gives no ` +
        `value as math, so this number is its value at sizes the text does not give; give ` +
        `${worked.sampled} values to have it checked`;
    else if (worked)
      condition =
        `${worked.name} is computed from ${worked.sampled}, sampled here (the passage gives ` +
        `${worked.sampled} no value as math), so this number is a worked value at values the text ` +
        `does not give; give ${worked.sampled} values to have it checked`;
    // "If the model has an intercept you even get $h_{ii} \ge 1/n$": the supposition is words that no
    // sample is made to meet, so a sample that fails may fail the supposition, not the claim.
    if (role === 'plain' && !skipReason && !entry && condition === undefined && this.context.supposedInWords)
      condition =
        `it is said under a supposition written in words (“${this.context.supposedInWords}”), which the ` +
        `samples are not made to meet; write the supposition as math to have this checked`;
    // "There you use running stats, so $\partial\mu/\partial x_i = 0$": a derivative the words make
    // zero by holding a quantity fixed is that choice, not a derivative of the quantity's formula.
    if (
      role === 'plain' &&
      !skipReason &&
      condition === undefined &&
      this.context.heldFixed &&
      r.rhs.kind === 'num' &&
      r.rhs.value === 0 &&
      someNode(r.lhs, (x) => x.kind === 'deriv')
    )
      condition =
        `the words hold a quantity fixed (“${this.context.heldFixed}”), so this derivative is zero by ` +
        `that choice, not through the quantity's formula; define the fixed quantity anew (:=) to ` +
        `have it checked`;
    if (!skipReason && this.context.lawsNamed) skipReason = this.namedLawSkip(r, block);
    // "$v = b / \|b\|$ for $b \in \mathbb{R}^d$": the declaration after it introduces the new names.
    const newFormula =
      (role === 'plain' || this.context.qualifiedByNext) &&
      !skipReason &&
      !entry &&
      this.givesNewFormula(r, block);
    if (newFormula)
      skipReason =
        `${this.source.slice(r.lhs.start, r.lhs.end)} was declared before and is given here a formula ` +
        `in names the text introduces only now: a new meaning, not a claim (the claims of this ` +
        `passage on it are checked under it); define it with := to have what follows checked`;
    const { nodes: constraints, solvable } =
      role === 'plain' && !skipReason ? this.constraintsFor(r, block) : { nodes: [], solvable: [] };
    if (entry || newFormula) this.constraints.push({ passage: this.context.passage, node: cmpOf(r) });
    // "Take $g(t) = t^3$ …: $g(t) = 9$": running text contradicting what its own passage set
    // up is an error, not a new setting.
    // `g''(x) = 5x` after "Let $g(x) = x^3$": a derivative of the function its passage set up.
    // `\sigma^2 = 2` restates a σ defined through its square, as check/claim/judge.ts reads it.
    const head =
      r.lhs.kind === 'sym'
        ? r.lhs.name
        : r.lhs.kind === 'apply'
          ? r.lhs.f.name
          : r.lhs.kind === 'prime'
            ? r.lhs.f.name.replace(/'+$/, '')
            : r.lhs.kind === 'pow' && r.lhs.base.kind === 'sym'
              ? r.lhs.base.name
              : null;
    const headEntry = head && !this.inDisplay ? this.env.lookup(head, block) : null;
    if (head && headEntry?.kind === 'def' && this.references(r.rhs, block).has(head))
      this.selfEquations = [
        ...this.selfEquations.filter(([, at]) => at === this.scopes.sentence),
        [head, this.scopes.sentence],
      ];
    const solvedHere = this.selfEquations.some(([n, at]) => n === head && at === this.scopes.sentence);
    const sameSetting =
      headEntry !== null &&
      !(headEntry.kind === 'def' && headEntry.nextPart) &&
      (this.passageOf.get(headEntry) === this.context.passage ||
        // A number against the formula, worked at values this sentence gives: a step, not a new setting
        // (an equation in the name itself, "the fixed point of $p = q + a^2 p - …$", stays one).
        (headEntry.kind === 'def' &&
          headEntry.params === null &&
          (isNumericFormula(r.rhs) || isLiteralValue(r.rhs)) &&
          !solvedHere &&
          this.valuedHere(headEntry.expr, block)) ||
        // "At $k = 1$ it simplifies to $g(x) = …$": the earlier rule in a special case, not a new one.
        (headEntry.kind === 'def' && headEntry.params !== null && this.reducedFrom(r.lhs.start))) &&
      !this.listedNumber;
    const earlierFormulas = this.earlierFormulas(r, block);
    const declaredInEndedSection = this.declaredInEndedSection(r, block);
    this.usedInSection([r.lhs, r.rhs], block);
    const awaitsWords = role === 'setting' && this.context.qualifiedByNext && !skipReason;
    if (awaitsWords) this.qualifiedClaims.push(this.claims.length);
    const before = this.claims[this.claims.length - 1];
    const chainedFrom = before && before.rhs === r.lhs && before.lhs !== r.lhs ? before.lhs : undefined;
    // "We always have $E_n \le 1/(1 - \beta) = 1000$": the general words are about the chain's
    // statement; a later link that ends in a bare number works it out at the values in play.
    const workedLink = chainedFrom !== undefined && isNumericLiteral(r.rhs);
    const general =
      (role === 'plain' || this.context.qualifiedByNext) &&
      !skipReason &&
      !workedLink &&
      this.context.universal;
    const env = general ? this.generalEnv(r, block) : this.env;
    const atExample =
      role === 'plain' && !general && !skipReason && condition === undefined
        ? this.atExample(r, block)
        : undefined;
    if (!atExample) this.chainComputesAtExample(r);
    this.scopes.passageClaimed = true;
    const carriedDecimals = skipReason ? [] : reusedRoundedResults(this.roundedResults, r.lhs, r.rhs);
    const shapes = skipReason ? null : shapeProductReading(r.lhs, r.rhs);
    const result =
      skipReason || (r.op.op !== '=' && r.op.op !== '\\approx') ? null : roundedResultOf(r.lhs, r.rhs);
    if (result !== null)
      this.roundedResults = [...this.roundedResults.filter((t) => t !== result), result].slice(-REUSE_WINDOW);
    const isName = (name: string) => (this.env.lookup(name, block) ?? null) !== null;
    const standIns = skipReason ? [] : standInsWritten(this.standIns, r.lhs, r.rhs, isName);
    const standIn = skipReason ? null : standInOf(r.lhs, r.rhs, r.op.op, isName);
    if (standIn)
      this.standIns = [...this.standIns.filter((t) => t.key !== standIn.key), standIn].slice(-REUSE_WINDOW);
    const liveFunctions = skipReason ? [] : this.liveFunctionsWrittenBare([r.lhs, r.rhs], block);
    const recalled = skipReason ? [] : this.recalledIn(r, env, block);
    this.claims.push({
      opStart: r.op.start,
      opEnd: r.op.end,
      start: r.carried ? r.op.start : Math.min(r.lhs.start, r.op.start),
      end: Math.max(r.rhs.end, r.op.end),
      op: r.op.op,
      lhs: r.lhs,
      rhs: r.rhs,
      env,
      block,
      settings: this.settings,
      assumptions,
      tag,
      skipReason,
      ...(condition ? { condition } : {}),
      ...(worked && condition ? { workedValue: worked.side } : {}),
      ...(condition && this.context.solvedAt ? { solvedAt: this.context.solvedAt } : {}),
      ...(this.context.pointOfSentence ? { pointOfSentence: this.context.pointOfSentence } : {}),
      ...(sameSetting ? { sameSetting } : {}),
      ...(earlierFormulas.length > 0 ? { earlierFormulas } : {}),
      ...(liveFunctions.length > 0 ? { liveFunctions } : {}),
      ...(declaredInEndedSection.length > 0 ? { declaredInEndedSection } : {}),
      ...(constraints.length > 0 ? { constraints } : {}),
      ...(solvable.length > 0 ? { solvable } : {}),
      ...(r.op.modulus ? { modulus: r.op.modulus } : {}),
      ...(chainedFrom ? { chainedFrom } : {}),
      ...(chainedFrom && before.op === '=' ? { chainedByEquals: true } : {}),
      ...(this.context.roundedWords ? { roundedNumbers: true } : {}),
      ...(this.context.otherSummation ? { otherSummation: true } : {}),
      ...(this.context.modulus !== undefined
        ? { arithmeticModulus: { n: this.context.modulus, reach: this.context.modulusReach ?? 'section' } }
        : {}),
      ...(atExample ? { atExample } : {}),
      ...(chosen ? { chosen: chosen.text } : {}),
      ...(carriedDecimals.length > 0 ? { carriedDecimals } : {}),
      ...(standIns.length > 0 ? { standIns } : {}),
      ...(this.context.denied && !this.inDisplay && !skipReason ? { denied: this.context.denied } : {}),
      ...(this.context.attributed && !skipReason ? { attributed: this.context.attributed } : {}),
      ...(this.context.askedWhether && !skipReason ? { askedWhether: this.context.askedWhether } : {}),
      ...(shapes && r.op.op === '=' ? { shapes } : {}),
      ...(recalled.length > 0 ? { recalled } : {}),
      ...(awaitsWords && condition !== undefined ? { awaitsWords: true as const } : {}),
      ...(this.context.contradiction && !skipReason ? { contradiction: this.context.contradiction } : {}),
      ...(this.context.kindInWords && !skipReason ? { kindInWords: this.context.kindInWords } : {}),
    });
    // Only the author's claims: a setting or condition in names meaning nothing is none of them.
    const claimed = (role === 'plain' && condition === undefined) || awaitsWords;
    if (!this.inDisplay && !skipReason && claimed && (awaitsWords || this.usesUnknown([r.lhs, r.rhs], block)))
      this.unknownInSentence.push(this.claims.length - 1);
  }

  /** Whether a claim of this sentence used the name while it meant nothing (unknownInSentence). */
  private usedUnknownInSentence(name: string): boolean {
    return this.unknownInSentence.some((i) => {
      const c = this.claims[i];
      return !c.env.lookup(name, c.block) && this.reach([c.lhs, c.rhs], c.block).has(name);
    });
  }

  /** Whether the sides use a name that means nothing yet. */
  private usesUnknown(sides: Node[], block: number): boolean {
    return sides.some((side) =>
      [...this.references(side, block)].some((n) => this.meansNothingYet(n, block)),
    );
  }

  /**
   * "$\det(cA) = c^n \det A$ for a scalar $c$", "$\lambda x^2 \ge 0$, where $\lambda$ is a positive
   * constant", "$(AB)^\top = A^\top B^\top$ for any square $A$, $B$": words later in the sentence
   * that declare names a claim of it used while they meant nothing give the claim those declarations
   * (with the sizes they name), as a definition right after a formula does. A claim that waited for
   * the words as its qualifier is a claim again, about every such name.
   */
  declaredAfterUse(names: SymNode[], block: number): void {
    if (this.inDisplay || this.unknownInSentence.length === 0) return;
    for (const i of this.unknownInSentence) {
      const c = this.claims[i];
      const reached = this.reach([c.lhs, c.rhs], c.block);
      if (!names.some((n) => reached.has(n.name))) continue;
      // Only once every name the claim used while it meant nothing is declared: a claim left with
      // one unknown name ("$y = (y_1, y_2)$ with $y_1 \in \mathbb{R}^k$") stays as it was.
      const unknown = [...this.references(c.lhs, c.block), ...this.references(c.rhs, c.block)].filter(
        (n) => !c.env.lookup(n, c.block) && !c.env.isDimension(n) && !CHECKER_NAMES.test(n),
      );
      if (unknown.some((n) => this.env.lookup(n, block)?.kind !== 'decl')) continue;
      let env = c.env;
      const given = new Set(unknown);
      // A name the claim had a meaning for keeps it, unless the words after the claim already
      // declared its other names ("for orthogonal $Q \in …$ and $A \in …$" declares A anew).
      if (c.declaredAfter) for (const n of names) if (reached.has(n.name)) given.add(n.name);
      for (const name of given) {
        const entry = this.env.lookup(name, block);
        if (entry?.kind !== 'decl') continue;
        env = this.withSizes(env.with({ ...entry, scope: undefined }), entry, block);
      }
      if (env === c.env) continue;
      const now = c.awaitsWords ? this.qualifiedNow(c, env) : { ...c, env };
      this.claims[i] = { ...now, declaredAfter: true };
    }
  }

  /** `env` with the sizes the declaration names (`n` of `x \in \mathbb{R}^n`) that it lacks. */
  private withSizes(env: Env, entry: Entry, block: number): Env {
    if (entry.kind !== 'decl') return env;
    let out = env;
    for (const d of dimensionNames(entry.spec.shape)) {
      if (out.isDimension(d) || out.lookup(d, block)) continue;
      const size = this.env.dimensionEntry(d);
      if (size) out = out.with(size);
    }
    return out;
  }

  /** The values the words brought back (recall) that the relation uses, as written. */
  private recalledIn(r: Relation, env: Env, block: number): string[] {
    const out: string[] = [];
    for (const n of new Set([...this.references(r.lhs, block), ...this.references(r.rhs, block)])) {
      const e = env.lookup(n, block);
      if (e && this.recalledEntries.has(e)) out.push(e.text ?? n);
    }
    return out;
  }

  /**
   * A bound on a name alone (`n \ge (1.96\sigma/2)^2 = 138.3`, `\eta \le 2/L`) whose sentence goes
   * on to choose a number for that name ("so $n = 139$", "hence we take $\eta = 0.1$"): the name is
   * the unknown being solved for, whatever number it had before, and the bound is what the chosen
   * number must meet. The side with the name, replaced by that number, and the choice as written.
   */
  private chosenForBound(r: Relation, block: number): { lhs: Node; rhs: Node; text: string } | null {
    const equation = r.op.op === '=';
    if (!ORDER_OPS.has(r.op.op) && !(equation && onlyArithmetic(r.lhs) && onlyArithmetic(r.rhs))) return null;
    // The rest of the relation's math, the words up to the next math, and that math. An equation's
    // sentence may go on through the same equation rearranged ("$5p - 2 = 1 - 2p$, i.e. $7p = 3$ and
    // $p^* = 3/7$") before it gives the number.
    let from = r.rhs.end;
    const between: string[] = [];
    let choice: RegExpExecArray | null = null;
    let named = '';
    let bare = '';
    let squared = false;
    let choiceAt = 0;
    // The letter as the relation writes it: the bounded name, alone or inside a side (`1/\sqrt{N}`).
    let letter: string | null = null;
    for (let hop = 0; hop < 3 && letter === null; hop++) {
      const rest = this.source.slice(from, from + 400);
      const after = CHOSEN_AFTER.exec(rest);
      if (!after || !CHOSEN_WORDS.test(after[1].replace(/\s+/g, ' '))) return null;
      // A blank line ends the paragraph, and with it the sentence that solves the equation.
      if (equation && /\n[^\S\n]*\n/.test(after[1])) return null;
      choice = (equation ? SOLVED_VALUE : CHOSEN_VALUE).exec(after[2]);
      choiceAt = from + after[0].lastIndexOf(after[2]);
      if (choice) {
        named = choice[1].replace(/\s+/g, '');
        // An equation solved for a letter may name the solution with a star (`p^* = 3/7` for p).
        bare = equation ? named.replace(/\^(?:\*|\{\*\}|\\star|\{\\star\})$/, '') : named;
        // Or by its square, as a variance is (`1/\tau^2 = 1.25`, so `\tau^2 = 0.8`): the letter is
        // the nonnegative root.
        const root = equation ? /^(.+?)\^(?:2|\{2\})$/.exec(bare)?.[1] : undefined;
        for (const side of [r.lhs, r.rhs])
          walk(side, (x) => {
            const text = x.kind === 'sym' ? this.source.slice(x.start, x.end).replace(/\s+/g, '') : null;
            if (text === bare || (root !== undefined && text === root)) {
              letter = (x as SymNode).name;
              squared = text !== bare;
            }
          });
      }
      if (letter !== null || !equation || !/=/.test(after[2]) || /[<>]|\\[lg]e|\\neq/.test(after[2])) break;
      between.push(after[2]);
      from += after[0].lastIndexOf(after[2]);
    }
    if (!choice) return null;
    // An equation is solved for a letter that has no value yet (nothing defines it, or only a
    // declaration gives its set): `m_h = 3` and `m_h = 4` after `m_h = m / 2` are two claims.
    // It is written inside the arithmetic, not as a whole side: `b_m = \frac{3 + 1/m^2}{1 - 2/m^2}`
    // states b_m's value, which a later `b_m = 3` does not solve.
    if (equation && letter !== null) {
      const known = this.env.lookup(letter, block);
      if (known !== null && known.kind !== 'decl') return null;
      const alone = (n: Node) => n.kind === 'sym' && n.name === letter;
      // `p = 2(1 - p)` writes the letter on both sides: an equation in it, not its value.
      const writes = (n: Node) => {
        let found = false;
        walk(n, (x) => {
          if (x.kind === 'sym' && x.name === letter) found = true;
        });
        return found;
      };
      if ((alone(r.lhs) && !writes(r.rhs)) || (alone(r.rhs) && !writes(r.lhs))) return null;
    }
    // The equations passed over on the way are the same one rearranged: each writes the letter.
    if (letter === null || between.some((m) => !m.replace(/\s+/g, '').includes(bare))) return null;
    const solved = solvedNumber(choice[2]);
    if (solved === null) return null;
    if (squared) this.solvedSquares.push(choiceAt);
    const value = squared
      ? (start: number, end: number): Node => ({
          kind: 'sqrt',
          radicand: solved(start, end),
          degree: null,
          start,
          end,
        })
      : solved;
    const number = (at: Node): Node => value(at.start, at.end);
    const put = (side: Node) =>
      side.kind === 'sym' && side.name === letter ? number(side) : substituted(side, letter!, number(side));
    return { lhs: put(r.lhs), rhs: put(r.rhs), text: `${named} = ${choice[2].trim()}` };
  }

  /**
   * The environment of a claim whose sentence says it holds generally ("In general, $\tanh'(x) =
   * 1 - x^2$" after "Take $x = 0$"): the worked example's numbers that the claim reaches give way to
   * any object of their kind, for this claim only; what the passage goes on with is unchanged.
   */
  private generalEnv(r: Relation, block: number): Env {
    let env = this.env;
    const quantified = this.context.universal;
    const named = (name: string) =>
      quantified === true || (quantified?.includes(name.replace(/[\s{}]/g, '')) ?? false);
    // The names it writes, not those its definitions reach: "with $\alpha = 0.5$ …, in general
    // $h_k = 2(1 - 0.5^k)$" is general in k, the setting's α stays.
    for (const name of [...this.references(r.lhs, block), ...this.references(r.rhs, block)]) {
      if (!named(name)) continue;
      const e = this.env.lookup(name, block);
      // "In general, for any $x$, …": the quantifier already hid the example's number.
      if (e === null && this.env.lookupGeneric(name, block)) {
        env = env.with({ kind: 'fresh', name, at: this.at, universal: true });
        continue;
      }
      if (this.isWorkedNumber(e)) env = env.with({ kind: 'fresh', name, at: this.at, universal: true });
    }
    return env;
  }

  /**
   * A worked example's number: one running text gave for a passage or a set-up. One said to hold
   * "throughout" (the section's scope) is the setting, which neither general words nor a formula
   * take back; a value whose kind of number is not known (a vector, a formula) would leave the
   * name unknown if read as any object of its kind.
   */
  private isWorkedNumber(e: Entry | null): e is Extract<Entry, { kind: 'def' | 'case' }> {
    return (
      e !== null &&
      e.scope !== undefined &&
      e.scope !== this.scopes.section &&
      (e.kind === 'case' ||
        (e.kind === 'def' && e.params === null && e.indices === null && isLiteralValue(e.expr))) &&
      kindOfNumber(e.expr) !== null
    );
  }

  /**
   * "Take $x = 0$. … Its derivative is $\tanh'(x) = 1 - x^2$": a claim that writes a worked example's
   * name on both sides is a formula in that name, which holds at the example perhaps by chance; one
   * that computes at the example (`x^2 + 1 = 5`, a chain ending in a number) writes it on one side.
   * The names so written, and the environment reading them as any number of their kind.
   */
  private atExample(r: Relation, block: number): Claim['atExample'] {
    const lhs = this.references(r.lhs, block);
    // "With $u = 1$ we have $u^3 = u$", "For $p = 2$, the bound gives $p^2 = 2p$": the sentence says
    // where its claim is evaluated, a statement at that point.
    const worked = (e: Entry | null) => this.isWorkedNumber(e) && e.framedIn !== this.scopes.sentence;
    const names = [...this.references(r.rhs, block)].filter(
      (name) => lhs.has(name) && worked(this.env.lookup(name, block)),
    );
    if (names.length === 0) return undefined;
    let env = this.env;
    for (const name of names) env = env.with({ kind: 'fresh', name, at: this.at, universal: true });
    // `\tanh'(x) = …`, `f(x) = …`: a side that is a function or a derivative at the name states
    // that function's formula, what "the derivative is" says.
    const at = (n: Node) =>
      (n.kind === 'apply' || n.kind === 'prime') &&
      n.args.some((a) => a.kind === 'sym' && names.includes(a.name));
    const formula = at(r.lhs) || at(r.rhs) || r.lhs.kind === 'deriv' || r.rhs.kind === 'deriv';
    return { env, names, formula };
  }

  /**
   * `f'(x) = 2x + 3 = 3` after "take $x = 0$": a chain that ends computing at the example (its last
   * link writes the name on one side only) is the example worked out, every link of it.
   */
  private chainComputesAtExample(r: Relation): void {
    let side = r.lhs;
    for (let i = this.claims.length - 1; i >= 0 && this.claims[i].rhs === side; i--) {
      delete this.claims[i].atExample;
      side = this.claims[i].lhs;
    }
  }

  /**
   * "For the Laplace law, $E[x^2] = 2$": the sentence says which law its claim is about. A random
   * variable of the claim declared with another family would have the claim judged about a law
   * the words set aside (a wrong verdict either way), so it is unchecked, naming both laws.
   */
  private namedLawSkip(r: Relation, block: number): string | undefined {
    const words = (this.context.lawsNamed ?? '').split(', ');
    for (const name of this.reach([r.lhs, r.rhs], block)) {
      const entry = this.env.lookup(name, block);
      if (entry?.kind !== 'random') continue;
      for (const word of words) {
        const reason = namedLawReason(word, name, entry.dist, entry.text ?? name);
        if (reason) return reason;
      }
    }
    return undefined;
  }

  /** `x_1 = 2` in running text, x a declared vector or matrix the document samples: x, else null. */
  private entryGivenNumber(r: Relation, block: number): string | null {
    if (r.op.op !== '=' || !isNumericLiteral(r.rhs) || r.lhs.kind !== 'sym' || r.lhs.subText === null)
      return null;
    if (this.env.lookup(r.lhs.name, block) || r.lhs.sub?.some(isWordLabel)) return null;
    const tensor = this.env.lookup(r.lhs.stem, block);
    if (tensor?.kind === 'decl' && tensor.inferred) return null;
    return tensor?.kind === 'decl' && tensor.spec.shape.length > 0 ? r.lhs.stem : null;
  }

  /** Whether the text gave one of the first members of `stem` a number, as a worked example does (`\beta_2 = 0.2`). */
  private namedMembersGiven(stem: string, block: number): boolean {
    for (let k = 0; k <= 9; k++) {
      // Given here, or in an earlier passage the claim may carry on (check/claim/endedValues.ts).
      const e = this.env.lookup(`${stem}_{${k}}`, block) ?? this.env.endedValue(`${stem}_{${k}}`, block);
      if (e?.kind === 'case' || (e?.kind === 'def' && isLiteralValue(e.expr))) return true;
    }
    return false;
  }

  /**
   * `$k \neq d$`, `$n > m$`, `$x \ge 0$`, `$m = n$` in running text, each side a bare name the
   * document leaves free (declared or a size, sampled, not given by a formula) or a number: no
   * sampling can make such a relation hold everywhere, so the author is stating an assumption —
   * in whatever words ("lorsque", "falls") — not a fact to check. The free names, or null.
   */
  /**
   * "By (2), $\lambda_1 = 16/8 = 2$" where `\lambda_j = \sigma_j^2/(n-1)` and the exercise gave the
   * singular values only in words: running text that gives a defined quantity a number, when the
   * quantity is computed from sampled names the passage gave no values, works an example at values
   * the checker does not have. It is verified when every sample agrees, and refuted only when the
   * quantity takes one value at every sample (check/claim.ts): then no example can make it hold.
   */
  private workedValueOfSampled(
    r: Relation,
    block: number,
  ): { name: string; sampled: string; side: 'lhs' | 'rhs' } | null {
    if (r.op.op !== '=' && r.op.op !== '\\approx') return null;
    const constantSide = (n: Node) => isConstantFormula(n) && n.kind !== 'sym';
    const side = constantSide(r.rhs) ? r.lhs : constantSide(r.lhs) ? r.rhs : null;
    // A variance is worked by its square (`\sigma_1^2 = \frac{9 + 1 + 1 + 9}{4}`): the name is the base.
    const named = side?.kind === 'pow' && isConstantFormula(side.exponent) ? side.base : side;
    // An estimate's accent names a value too: a problem set's `\hat\beta_2 = 0.84` beside
    // `\hat\beta = (X^\top X)^{-1}X^\top y`.
    if (!side || named?.kind !== 'sym' || !(isVariable(named) || isAccentedVariable(named))) return null;
    const byName = this.env.lookup(named.name, block);
    const own = byName ?? this.env.lookup(named.stem, block);
    if (own?.kind !== 'def') return null;
    // A member at letter indices (`U_{ij} = 0`) states something of every member, not one worked
    // value: only a definite member (`\lambda_1`, `\mu_1`) or a name of its own is worked.
    if (
      !byName &&
      named.sub?.some((i) => someNode(i, (x) => x.kind === 'sym' && !this.numberGiven(x as SymNode, block)))
    )
      return null;
    const reached = [...this.reach([named], block)];
    // A whole-number variable (`m \in \{3, 4, 5\}`) ranges over its cases, each of them claimed.
    const whole = new Set<SetKind>(['integer', 'natural', 'finite', 'bits']);
    const sampledAs = (x: string) => {
      const stem = x.replace(/_(?:\{.*\}|.)$/, '');
      const e =
        this.env.lookup(x, block) ??
        (stem !== x ? (this.env.lookupPattern(stem) ?? this.env.lookup(stem, block)) : null);
      // A listed vector whose members the text gives numbers is read by those members (check/compile).
      if (e?.kind === 'decl' && e.inferred && this.namedMembersGiven(e.name, block)) return null;
      return e?.kind === 'decl' ? e : null;
    };
    if (
      reached.some((x) => {
        const e = sampledAs(x);
        return e !== null && whole.has(e.spec.set);
      })
    )
      return null;
    // A size a worked value fixed (`x = (1, 2, 3, 6)` of an x in ℝ^N gives N = 4) is not sampled.
    const sized = (x: string) => {
      const e = this.env.lookup(x, block);
      return e?.kind === 'def' || e?.kind === 'case';
    };
    const sampled = reached.filter((x) => sampledAs(x) !== null || (this.env.isDimension(x) && !sized(x)));
    if (sampled.length === 0) return null;
    // Values an earlier passage gave for all of them are the example carried on, which
    // check/claim/endedValues.ts weighs.
    if (sampled.every((x) => this.env.endedValue(x, block))) return null;
    const which = side === r.lhs ? 'lhs' : 'rhs';
    // The message names the ones no passage gave a value (N and L carried on from the set-up are not).
    const missing = sampled.filter((x) => !this.env.endedValue(x, block));
    return { name: this.source.slice(side.start, side.end), sampled: missing.join(', '), side: which };
  }

  /**
   * "Per adapted matrix, $2r(d_{in}+d_{out}) = 262{,}144$" after $B \in \mathbb{R}^{d_{out} \times r}$,
   * $A \in \mathbb{R}^{r \times d_{in}}$: a formula in sizes alone set equal to a number is the count
   * at the document's sizes, not an identity in every size — no author claims a count that grows
   * with the sizes equals one number. When the passage gives those sizes no value, the number is a
   * worked value at sizes the checker does not have: verified when every sample agrees, refuted only
   * when the formula takes one value at every sample (`r - r + 5 = 6` is refuted).
   */
  private countAtUngivenSizes(
    r: Relation,
    block: number,
  ): { name: string; sampled: string; side: 'lhs' | 'rhs'; count: true } | null {
    if (r.op.op !== '=' && r.op.op !== '\\approx') return null;
    const formula = this.numberHere(r.rhs, block) ? r.lhs : this.numberHere(r.lhs, block) ? r.rhs : null;
    if (!formula || isConstantFormula(formula)) return null;
    // The names as written (`d_{in}`), not the letters of their subscripts (`i`, `n`).
    const written = new Set<string>();
    const subscripts = new Set<string>();
    const inSubscripts = new Set<Node>();
    walk(formula, (x) => {
      if (x.kind === 'sym') for (const i of x.sub ?? []) walk(i, (y) => inSubscripts.add(y));
      if (x.kind === 'sym') (inSubscripts.has(x) ? subscripts : written).add(x.name);
      if (x.kind === 'sym' && x.subText !== null && x.stem !== x.name) subscripts.add(x.stem);
    });
    const reached = [...this.reach([formula], block)].filter((x) => written.has(x) || !subscripts.has(x));
    const sizes = reached.filter((x) => this.env.isDimension(x) && !this.env.lookup(x, block));
    if (sizes.length === 0 || sizes.length !== reached.length) return null;
    // Numbers an earlier passage gave the sizes are the example carried on (check/claim/endedValues.ts);
    // a formula a hypothesis equated a size to ("unless $p = n$") is no example.
    const example = (x: string) => {
      const e = this.env.endedValue(x, block);
      return e?.kind === 'def' && isNumericFormula(e.expr);
    };
    if (sizes.every(example)) return null;
    // A count of listed entries (`c_1, \dots, c_N`) is the reader's size, with its own rule.
    if (sizes.some((x) => this.env.dimensionEntry(x)?.inferred)) return null;
    const side = formula === r.lhs ? 'lhs' : 'rhs';
    return {
      name: this.source.slice(formula.start, formula.end),
      sampled: sizes.join(', '),
      side,
      count: true,
    };
  }

  /**
   * Whether the words around a lone `$I$` say it is the identity ("where $I$ is the identity",
   * "the unit matrix $I$"): the sentence's words, up to a blank line.
   */
  private callsIdentity(n: SymNode): boolean {
    const before =
      this.source
        .slice(Math.max(0, n.start - 160), n.start)
        .split(/\n\s*\n/)
        .pop() ?? '';
    const after = this.source.slice(n.end, n.end + 160).split(/\n\s*\n/)[0];
    const sentence = `${before.split(/[.!?](?=\s)/).pop() ?? ''}${after.split(/[.!?](?=\s)/)[0]}`;
    return /identit|unit\s+matri|\beye\b/i.test(sentence);
  }

  /** A letter the text has given a number as math here (`c` after `c = 1`). */
  private numberGiven(x: SymNode, block: number): boolean {
    const e = this.env.lookup(x.name, block);
    return e?.kind === 'def' && !e.params && !e.indices && isConstantFormula(e.expr);
  }

  /**
   * A side that is a number here: written in numbers, or made only of names running text gave a
   * number (`\sigma_w^2` after "$\sigma_w = 1/\sqrt{4096} = 0.015625$").
   */
  private numberHere(side: Node, block: number): boolean {
    if (isNumericLiteral(side)) return true;
    if (isConstantFormula(side)) return false;
    let names = 0;
    let numbers = true;
    const inSubscripts = new Set<Node>();
    walk(side, (x) => {
      if (x.kind === 'sym') for (const i of x.sub ?? []) walk(i, (y) => inSubscripts.add(y));
      if (x.kind !== 'sym' || inSubscripts.has(x) || !numbers) return;
      names++;
      const e = this.env.lookup(x.name, block);
      if (e?.kind !== 'def' || e.params || e.indices || !isConstantFormula(e.expr)) numbers = false;
    });
    return numbers && names > 0;
  }

  private freeNamesRelated(r: Relation, block: number): string | null {
    if (r.op.op !== '=' && r.op.op !== '\\neq' && !ORDER_OPS.has(r.op.op)) return null;
    const names: string[] = [];
    for (const written of [r.lhs, r.rhs]) {
      if (isNumericLiteral(written)) {
        if (r.op.op === '=') return null;
        continue;
      }
      // `\lvert y\rvert \le 1` in a table of domains: a bound on the size of a free name is as much
      // an assumption about it as `y < 0` (an order only: `|y| = 1` stays a claim).
      const side =
        ORDER_OPS.has(r.op.op) && (written.kind === 'abs' || written.kind === 'norm')
          ? written.operand
          : written;
      if (side.kind !== 'sym' || !isVariable(side)) return null;
      const entry = this.env.lookup(side.name, block);
      const free =
        (entry?.kind === 'decl' && (entry.spec.shape.length === 0 || side !== written)) ||
        entry?.kind === 'dim' ||
        (!entry && this.env.isDimension(side.name));
      if (!free) return null;
      names.push(side.name);
    }
    if (names.length === 0 || (names.length === 2 && names[0] === names[1])) return null;
    return names.join(', ');
  }

  /**
   * `$\frac{d}{dx}\ln x = \frac{1}{x}$ for $x > 0$` (or the condition in the next cell of a table
   * row): the claim before the condition is checked under it, as its reader reads it — no longer
   * a setting that is never refuted — when the condition is about something the claim depends on.
   * True when it qualified one.
   */
  private qualifyAwaiting(cond: Node, block: number): boolean {
    let qualified = false;
    for (const i of this.awaitingQualifier) {
      const c = this.claims[i];
      const reached = this.reach([c.lhs, c.rhs], c.block);
      if (!this.binds(cond, reached, block) && !this.onFreeIndices(cond, [c.lhs, c.rhs], c.block)) continue;
      const { condition: _framed, ...plain } = c;
      this.claims[i] = { ...plain, assumptions: [...c.assumptions, cond] };
      qualified = true;
    }
    return qualified;
  }

  /**
   * `A_{ij} = 0 \quad \text{for } j > i`, `D_{ij} = 0 \text{ for all } i \ne j`: the relations after
   * the words limit the claims of the statement before them — checked under them, as the inline
   * "$…$ for $j > i$" is — and claim nothing themselves.
   */
  private qualifyDisplayed(st: Statement, from: number, block: number): void {
    for (let k = 1; k < st.sides.length; k++) {
      const op = st.ops[k - 1];
      if (op.op !== '=' && op.op !== '\\neq' && !ORDER_OPS.has(op.op)) continue;
      const [left, right] = [st.sides[k - 1], st.sides[k]];
      const cond: Node = { kind: 'cmp', op: op.op, left, right, start: left.start, end: right.end };
      // A condition on letters nothing gave a meaning (`\text{for } n \neq 0` with n read as any
      // number) is left to the checker's reading of those letters, as before.
      const known = [...this.references(cond, block)].every((n) => !this.meansNothingYet(n, block));
      for (let i = from; i < this.claims.length; i++) {
        const c = this.claims[i];
        if (c.skipReason) continue;
        const bound =
          (known && this.binds(cond, this.reach([c.lhs, c.rhs], c.block), block)) ||
          this.onFreeIndices(cond, [c.lhs, c.rhs], c.block);
        if (bound) this.claims[i] = { ...c, assumptions: [...c.assumptions, cond] };
      }
    }
  }

  /**
   * "$A_{ij} = 0$ for $j > i$": a condition whose every name is a letter the claim writes as an
   * index and the document does not give a meaning. The checker ranges such letters over the
   * indices of what they index, so the condition picks the index values the claim is about.
   */
  private onFreeIndices(cond: Node, sides: Node[], block: number): boolean {
    const indices = new Set<string>();
    for (const side of sides)
      walk(side, (x) => {
        if (x.kind === 'sym' && x.sub)
          for (const s of x.sub) for (const name of freeSymbols(s)) indices.add(name);
      });
    const names = [...freeSymbols(cond)];
    return (
      names.length > 0 &&
      names.every(
        (n) =>
          indices.has(n) &&
          this.env.lookup(n, block) === null &&
          !this.env.isDimension(n) &&
          !CONSTANT_NAMES.has(n),
      )
    );
  }

  /**
   * Equations set as constraints earlier in this passage ("that is $\|u\| = 1$"). `lasting`: the
   * names its passage declared, with the relation numbers of those declarations — a constraint
   * stated with a name's declaration lasts as long as that declaration.
   */
  private constraints: Constraint[] = [];

  /**
   * "Let $\psi \in \mathbb{R}^3$ be a unit vector, that is $\|\psi\| = 1$": the names of a setting's
   * equation that this sentence declared. The constraint is part of what the name is, so it lasts
   * as long as the declaration does; on a name declared before, it is a worked case of the passage
   * ("suppose $\|v\| = 1$") and ends with it, as does a condition ("for $s > 0$").
   */
  /**
   * "Let $A \in \mathbb{R}^{m \times n}$ with $m > n$": an order on sizes only, in the sentence that
   * declared objects of those sizes, says what shape they are (A is tall); it lasts as long as those
   * declarations do, past its passage, as an equation on a name declared with it does.
   */
  private sizedHere(r: Relation, block: number): { name: string; at: number }[] {
    const sizes = [...this.references(cmpOf(r), block)];
    if (sizes.length === 0 || !sizes.every((n) => this.env.isDimension(n))) return [];
    const out: { name: string; at: number }[] = [];
    for (const [name, sentence] of this.declaredInSentence) {
      if (sentence !== this.scopes.sentence) continue;
      const entry = this.env.lookup(name, block);
      if (entry?.kind !== 'decl' || this.env.freshSince(name, entry)) continue;
      if (dimensionNames(entry.spec.shape).some((d) => sizes.includes(d))) out.push({ name, at: entry.at });
    }
    return out;
  }

  private declaredHere(r: Relation, block: number): { name: string; at: number }[] {
    const out: { name: string; at: number }[] = [];
    for (const name of this.references(cmpOf(r), block)) {
      const entry = this.env.lookup(name, block);
      if (entry?.kind !== 'decl' || this.declaredInSentence.get(name) !== this.scopes.sentence) continue;
      if (this.env.freshSince(name, entry)) continue;
      out.push({ name, at: entry.at });
    }
    return out;
  }

  /**
   * "We write its SVD as $X = U\Sigma V^\top$ with $U \in \mathbb{R}^{n \times d}$, …": the names the
   * rest of the sentence declares are the ones the equation was stated with, so it lasts as long as
   * their declarations do, as if they had come first. Constraints are replaced, not changed, so a
   * build resumed after them reads the same ones. `join: false` only renews a name already there.
   */
  private lastsWithDeclaration(name: string, block: number, join = true): void {
    const entry = this.env.lookup(name, block);
    if (entry?.kind !== 'decl') return;
    for (let i = this.constraints.length - 1; i >= 0; i--) {
      const c = this.constraints[i];
      if (c.sentence !== this.scopes.sentence) break;
      if (!this.references(c.node, block).has(name)) continue;
      if (!join && !c.lasting?.some((x) => x.name === name)) continue;
      // Only a declared name written as a formula of the new ones, which is then solved for, as with
      // "let $X$ have the SVD $X = U S V^\top$" (its factors make it): `\Omega^{-1} = C'C` "for some
      // $C$" says what C is made of, read where it stands.
      const left = c.node.kind === 'cmp' && c.node.left.kind === 'sym' ? c.node.left.name : null;
      const solved = left !== null && left !== name ? this.env.lookup(left, block) : null;
      if (solved?.kind !== 'decl') continue;
      const others = (c.lasting ?? []).filter((x) => x.name !== name);
      const made = join && !others.some((x) => x.name === left) ? [{ name: left!, at: solved.at }] : [];
      this.constraints[i] = { ...c, lasting: [...others, ...made, { name, at: entry.at }] };
    }
  }

  /** Whether every name a lasting constraint was stated with still has that declaration here. */
  private stillDeclared(lasting: Constraint['lasting'], block: number): boolean {
    if (!lasting) return false;
    return lasting.every(({ name, at }) => {
      const entry = this.env.lookup(name, block);
      return entry?.kind === 'decl' && entry.at === at && !this.env.freshSince(name, entry);
    });
  }

  /**
   * The constraints of the claim's passage, and of the stated result it is in, on names the claim
   * reaches, inline or displayed.
   */
  private constraintsFor(r: Relation, block: number): { nodes: Node[]; solvable: string[] } {
    const { passage, section, statement } = this.context;
    const here = (c: Constraint) => c.passage === passage || (statement && c.unit === section);
    const mine = this.constraints.filter((c) => here(c) || this.stillDeclared(c.lasting, block));
    if (mine.length === 0) return { nodes: [], solvable: [] };
    const reached = this.reach([r.lhs, r.rhs], block);
    // Past its passage a constraint lasts for the names declared with it, not for the others it
    // mentions: "$\Omega^{-1} = C'C$ for some $C$" still describes Ω, and says nothing new of C.
    const lastsFor = (c: Constraint) => here(c) || (c.lasting ?? []).some(({ name }) => reached.has(name));
    const binding = mine.filter(
      (c) =>
        lastsFor(c) &&
        (this.binds(c.node, reached, block) || this.bindsShapes(c.node, reached, block)) &&
        this.bindsSolved(c.node, reached, block),
    );
    // Only a name declared with its constraint is what the constraint says it is; "for $Z = XW$" on
    // a Z declared before may be another setting (check/solvedConstraints.ts).
    const solvable = [...new Set(binding.flatMap((c) => (c.lasting ?? []).map(({ name }) => name)))];
    return { nodes: binding.map((c) => c.node), solvable };
  }

  /**
   * "We normalise the embeddings, $u = a / \|a\|$ for $a \in \mathbb{R}^d$": in running text, a
   * name declared (sampled) before, given a formula in names the text has not introduced yet. No
   * sample of the old u meets it, and a reader takes u to be that formula from here on, so the claims
   * of its passage on u (`\|u - v\|^2 = 2 - 2u^\top v`) must hold under it: checked again under it
   * and, as random samples do not meet it, unchecked rather than refuted by a free u.
   */
  private givesNewFormula(r: Relation, block: number): boolean {
    if (this.inDisplay || r.op.op !== '=' || r.lhs.kind !== 'sym') return false;
    const { name, stem } = r.lhs;
    if (this.env.lookup(name, block)?.kind !== 'decl') return false;
    // `\boldsymbol{\delta} = (\delta_1, \ldots, \delta_n)`: its own entries are no new names.
    const own = (n: string) => n === name || n.split('_')[0] === name || n.split('_')[0] === stem;
    return [...this.references(r.rhs, block)].some(
      (n) =>
        !own(n) &&
        !CONSTANT_NAMES.has(n) &&
        !this.env.isDimension(n) &&
        this.env.lookup(n, block) === null &&
        this.env.lookupPattern(n.split('_')[0]) === null,
    );
  }

  /**
   * "with $m > n$" on the sizes of a declared $A \in \mathbb{R}^{m \times n}$: an order on sizes alone
   * binds a claim on A (`A^+ A = I`) though the claim does not write m or n — it says what shape A is.
   */
  private bindsShapes(cond: Node, reached: Set<string>, block: number): boolean {
    if (cond.kind !== 'cmp' || !ORDER_OPS.has(cond.op)) return false;
    const sizes = [...this.references(cond, block)];
    if (sizes.length === 0 || !sizes.every((n) => this.env.isDimension(n))) return false;
    for (const name of reached) {
      const entry = this.env.lookup(name, block);
      if (entry?.kind === 'decl' && dimensionNames(entry.spec.shape).some((d) => sizes.includes(d)))
        return true;
    }
    return false;
  }

  /**
   * "Applying (3) with $A = \sigma^2 I_N$": a constraint that gives a declared name, absent from its
   * right side, a value says what that name is, and any σ and N can be met by choosing it — so it
   * binds only the claims that reach the name, not every claim that shares σ.
   */
  private bindsSolved(cond: Node, reached: Set<string>, block: number): boolean {
    if (cond.kind !== 'cmp' || cond.op !== '=' || cond.left.kind !== 'sym') return true;
    const name = cond.left.name;
    if (this.env.lookup(name, block)?.kind !== 'decl') return true;
    if (this.references(cond.right, block).has(name)) return true;
    return reached.has(name);
  }

  /**
   * Whether a condition of the passage binds a claim that reaches `reached`: it names something the
   * claim depends on. "For $t \le w$" says nothing of $\eta(2w)$ when the text gave w a value and t
   * is only the variable of η, which the claim does not use: the condition restricts t, not w.
   */
  private binds(cond: Node, reached: Set<string>, block: number): boolean {
    const names = [...this.references(cond, block)];
    const shared = names.filter((n) => reached.has(n));
    if (shared.length === 0) return false;
    const valued = (n: string) => {
      const e = this.env.lookup(n, block);
      return e !== null && (e.kind === 'case' || (e.kind === 'def' && !e.params && isLiteralValue(e.expr)));
    };
    const unknown = (n: string) =>
      !reached.has(n) &&
      !CONSTANT_NAMES.has(n) &&
      !this.env.isDimension(n) &&
      this.env.lookup(n, block) === null &&
      this.env.lookupPattern(n.split('_')[0]) === null;
    return !(shared.every(valued) && names.some(unknown));
  }

  /**
   * "$\tau = 1$ gives …, and $\tau = 0.5$ gives …": in running text, a scalar that running text
   * gave one number and now gives another is the next case of the worked example, not a claim
   * that the two numbers agree. The same number again is a restatement, checked as a claim.
   */
  private nextCase(known: Entry | null, rhs: Node, block: number): boolean {
    if (this.inDisplay || known?.kind !== 'case' || known.block !== -1) return false;
    const before = numberOf(known.expr);
    const now = numberOf(rhs);
    if (before !== null && now !== null) return before !== now;
    // `p = \pi/4`, then `p = \pi/3`: values made of constants are compared as written.
    const constant = (n: Node) => isNumericLiteral(n) || this.isConstantNumber(n, block);
    return constant(known.expr) && constant(rhs) && printNode(known.expr) !== printNode(rhs);
  }

  /**
   * A number written with the constants π and e (`\pi/4`, `\sqrt{2}/2`, `e^{-1}`), while the document
   * has not given those letters a meaning of its own: a worked example's value as a written number is.
   */
  private isConstantNumber(n: Node, block: number): boolean {
    if (!isNumericFormula(n)) return false;
    // `x = \pm 1` names two points, not one value.
    let twoValued = false;
    walk(n, (x) => {
      if (x.kind === 'bin' && x.op === 'pm') twoValued = true;
    });
    if (twoValued) return false;
    return [...this.references(n, block)].every((name) => this.env.lookup(name, block) === null);
  }

  /**
   * `q(x_t \mid x_{t-1}) = \mathcal{N}(x_t; …)` then `q(x_t \mid x_0) = \mathcal{N}(x_t; …)`, or
   * `p(x) = …` then `p(z) = …`: a density letter is named by the variables it is the density of, so
   * a rule for p or q in other variables is another density of the same letter, not the first rule
   * applied to them. The same variables again restate the rule, and a claim.
   */
  private densityOfOtherVariables(known: Entry | null, params: readonly SymNode[]): boolean {
    if (known?.kind !== 'def' || known.params === null || known.params.length !== params.length) return false;
    if (!DENSITY_LETTER.test(known.name)) return false;
    return known.params.some((p, i) => p.name !== params[i].name);
  }

  /**
   * "the planar flow with $h = \\tanh$": a new name given a function's name alone is that function,
   * `h(u) = \\tanh u`, so `h(w^\\top z + b)` and `h'(…)` are read.
   */
  private functionNamed(lhs: SymNode, rhs: Node, block: number, explicit: boolean): boolean {
    if (rhs.kind !== 'call' || rhs.args.length > 0 || rhs.paren) return false;
    if (!explicit && this.env.lookup(lhs.name, block) !== null) return false;
    const u: SymNode = {
      ...lhs,
      kind: 'sym',
      name: 'u',
      stem: 'u',
      base: 'u',
      sub: null,
      subText: null,
      primes: 0,
    };
    this.define({
      kind: 'def',
      name: lhs.name,
      expr: { ...rhs, args: [u], paren: true },
      params: [u],
      indices: null,
      diagonal: false,
      at: this.at,
      implicit: !explicit,
    });
    return true;
  }

  /**
   * "Someone asked about $f = xy$ on $x + y = 10$" after `f(x, y) = x^2 + 2y^2` in an earlier passage:
   * a function's bare name given a formula in its own parameters is its rule written without the
   * arguments, `f(x, y) = xy`, and in running text a later passage states a function's rule anew for
   * the next example, as `restatedFunction` reads `f(x) = …` (tryPlainDefinition). The rule written
   * again unchanged stays a claim.
   */
  private restatesRuleBare(
    known: Entry | null,
    rhs: Node,
    block: number,
  ): known is Extract<Entry, { kind: 'def' }> {
    if (this.inDisplay || known?.kind !== 'def' || known.implicit !== true || !known.params?.length)
      return false;
    if (
      !this.inlineEntries.has(known) ||
      this.blockOf.get(known) === block ||
      known.text === this.currentText
    )
      return false;
    if (known.params.some((p) => p.kind !== 'sym') || this.dependsOn(rhs, known.name, block)) return false;
    const params = new Set(known.params.map((p) => p.name));
    const used = [...freeSymbols(rhs)].filter((n) => !CONSTANT_NAMES.has(n));
    if (used.length === 0 || used.some((n) => !params.has(n))) return false;
    return printNode(known.expr) !== printNode(rhs);
  }

  /** A letter that held one number in running text is given another: the next worked case starts. */
  private countNextCase(known: Entry | null, rhs: Node): void {
    if (this.inDisplay || !known || (known.kind !== 'case' && known.kind !== 'def')) return;
    const before = numberOf(known.expr);
    const now = numberOf(rhs);
    if (before !== null && now !== null && before !== now) this.caseEpoch++;
  }

  /**
   * "softmax, $T = 0.5$: $p_1 = \frac{e^2}{e^2 + 1}$ … $T = 1$: $p_1 = \sigma(1)$": a value running
   * text computed from numbers alone, while a letter held a number, is that case's value; once the
   * letter is given another number the case has ended, and a new value for the name is the next
   * case's, not a claim that the two agree. A value that uses the letter (`p_1 = \sigma(2/T)`) is
   * not tied to one case: it is evaluated anew and a restatement of it is checked.
   */
  private caseValueEnded(known: Entry | null, block: number): boolean {
    return (
      !this.inDisplay &&
      known?.kind === 'def' &&
      known.implicit === true &&
      known.params === null &&
      known.indices === null &&
      known.caseEpoch !== undefined &&
      known.caseEpoch !== this.caseEpoch &&
      this.inlineEntries.has(known) &&
      [...this.references(known.expr, block)].every((n) => CONSTANT_NAMES.has(n))
    );
  }

  /**
   * "Take the path on three vertices, $W = \begin{pmatrix} … \end{pmatrix}$" for a declared
   * $W \in \mathbb{R}^{n \times n}$: the written value fixes the sizes its declaration names, for as
   * long as the value lasts — n is 3 there, so `d_i = \sum_j W_{ij}` and the n of every other
   * declaration agree with it. Sizes the value contradicts (a 3×2 value for n × n) fix nothing.
   */
  private sizesOfValue(shape: readonly Node[], value: Node, block: number): void {
    const sizes = literalShape(value);
    if (!sizes || sizes.length !== shape.length) return;
    const fixed = new Map<string, number>();
    for (const [i, axis] of shape.entries()) {
      if (axis.kind === 'num') {
        if (axis.value !== sizes[i]) return;
        continue;
      }
      if (axis.kind !== 'sym' || !this.env.isDimension(axis.name)) return;
      const before = fixed.get(axis.name);
      if (before !== undefined && before !== sizes[i]) return;
      fixed.set(axis.name, sizes[i]);
    }
    for (const [name, size] of fixed) {
      const known = this.env.lookup(name, block);
      // A size an earlier worked value fixed is fixed again by the next ("for $h = (3, 4)$ …, for
      // $h = (1, 1, 1, 1)$ …" in one passage): each example's list has its own length.
      if (known && known.kind !== 'dim' && !(known.kind === 'def' && known.sizeOfValue)) continue;
      const expr: Node = { kind: 'num', value: size, text: String(size), start: value.start, end: value.end };
      this.define({
        kind: 'def',
        name,
        expr,
        params: null,
        indices: null,
        diagonal: false,
        at: this.at,
        implicit: true,
        sizeOfValue: true,
      });
    }
  }

  /**
   * "Let $b = 2a$. … Take $a = 3$. Then $b = 7$.": a formula whose names all hold values here (given
   * numbers, or formulas of such) has a value, so a number given to its name is a worked step to
   * check, not a new setting of the letter (`restated`).
   */
  private determinedByValues(expr: Node, block: number, depth = 0, indices: readonly string[] = []): boolean {
    if (depth > 8) return false;
    // Letters a sum or an elementwise definition binds (`d_i = \sum_j W_{ij}`) are not inputs.
    const bound = new Set(indices);
    walk(expr, (x) => {
      if (x.kind === 'bigop' && x.index) bound.add(x.index.name);
    });
    const names = new Set<string>();
    walk(expr, (x) => {
      // π, e, `\mathbf 1`, I: constants, which every case shares.
      if (x.kind !== 'sym' || bound.has(x.name) || (isConstantFormula(x) && !this.env.lookup(x.name, block)))
        return;
      names.add(x.subText !== null && !this.env.lookup(x.name, block) ? x.stem : x.name);
    });
    if (names.size === 0) return false;
    for (const name of names) {
      const e = this.env.lookup(name, block);
      if (e?.kind === 'case') continue;
      if (
        e?.kind === 'def' &&
        e.params === null &&
        (isLiteralValue(e.expr) || this.determinedByValues(e.expr, block, depth + 1, e.indices ?? []))
      )
        continue;
      return false;
    }
    return true;
  }

  /**
   * "for $x = (1, 2, 3, 6)$ we get $\mu = 3.5$" with μ a formula of x from an earlier passage: some
   * name the formula reaches, through formulas, was given its value in this very sentence, so the
   * example the formula is worked at is the sentence's own, and a number against it is no new
   * setting. (A value given in an earlier sentence may belong to an example the author left.)
   */
  private valuedHere(expr: Node, block: number, depth = 0): boolean {
    if (depth > 8) return false;
    for (const name of this.references(expr, block)) {
      const e = this.env.lookup(name, block);
      if (!e || (e.kind !== 'case' && e.kind !== 'def')) continue;
      const sentence = e.kind === 'case' ? e.framedIn : isLiteralValue(e.expr) ? e.sentence : undefined;
      if (sentence === this.scopes.sentence) return true;
      if (e.kind === 'def' && e.params === null && this.valuedHere(e.expr, block, depth + 1)) return true;
    }
    return false;
  }

  /**
   * A recurrence (recurrenceRule) whose initial values are known defines its family here. Until
   * they are, the rule is also read as before (a definition of `c_t` in terms of `c_{t-1}`, as an
   * LSTM's cell state, differentiated in it; or a claim), and the family is recorded after that.
   */
  /**
   * "We observe $y \in \mathbb{R}^n$ … with the model $y = X\beta + \varepsilon$": a model says how a
   * declared (sampled) name is made, so from here on the name is its formula — for as long as its
   * declaration would have lasted, as a display's definition does. Any identity in a free y holds for
   * y = Xβ + ε too (ε is free), and the claims the model implies (β̂ − β = (XᵀX)⁻¹Xᵀε) become checkable.
   */
  private modelDefinition(r: Relation, block: number): boolean {
    const { lhs, rhs } = r;
    if (lhs.kind !== 'sym' || isLiteralValue(rhs)) return false;
    const known = this.env.lookup(lhs.name, block);
    if (known?.kind !== 'decl' || known.pattern || this.references(rhs, block).has(lhs.name)) return false;
    const declared = known.spec.shape.length > 0 ? { declared: known.spec } : {};
    this.define(
      {
        kind: 'def',
        name: lhs.name,
        expr: rhs,
        params: null,
        indices: null,
        diagonal: false,
        at: this.at,
        modelled: true,
        ...declared,
        ...fontOf(lhs),
      },
      null,
    );
    this.bindings.push({
      name: lhs.name,
      kind: 'definition',
      start: lhs.start,
      end: rhs.end,
      text: this.currentText,
    });
    return true;
  }

  /**
   * "$L \approx 0.41$", a second derivative, or a derivative in another parameter of a loss given only
   * by its gradient (upstreamGradient): the text fixed its first derivatives in what its quantity depends
   * on and nothing else, so such a claim is unchecked, saying why; undefined when the relation writes no
   * such loss so.
   */
  private beyondGivenGradient(r: Relation, block: number): string | undefined {
    const upstream = (name: string) => {
      const e = this.env.lookup(name, block);
      return e?.kind === 'def' && e.upstream ? e.upstream : null;
    };
    // ∂L/∂x fixed by the gradient: x is a quantity given or one they depend on (an entry of either too).
    const reaches = (loss: string, wrt: Node) => {
      if (wrt.kind !== 'sym') return false;
      const quantities = upstream(loss) ?? [];
      const reached = this.reach(
        quantities.map((q) => makeSym(q, wrt.start, wrt.end)),
        block,
      );
      return [wrt.name, wrt.stem].some((n) => quantities.includes(n) || reached.has(n));
    };
    const loss = usedBeyondGradient([r.lhs, r.rhs], (n) => upstream(n) !== null, reaches);
    if (!loss) return undefined;
    return (
      `the text gives ${loss} only by its gradient in ${upstream(loss)!.join(' and ')}, which fixes its ` +
      'first derivatives in what that depends on, not its value, its second derivatives or its ' +
      `derivatives in anything else; define ${loss} to have this checked`
    );
  }

  /**
   * "Backward, with upstream $\partial L/\partial y = (1, 0, 0, 0)$": a loss nothing defines, given by
   * its gradient in numbers, is the linear function of y with that gradient (model/upstreamGradient.ts).
   * A gradient given next in a quantity unrelated to y adds a term (a loss of two outputs); in
   * one y depends on, it is the author's chain rule, a claim; in y itself or downstream of it, the
   * loss starts anew.
   */
  private upstreamGradient(r: Relation, block: number): boolean {
    const given = givenGradient(r.lhs, r.op, r.rhs);
    if (!given || r.proposition !== undefined) return false;
    const { loss, of } = given;
    const quantity = this.env.lookup(of.name, block);
    if (quantity?.kind !== 'decl' && quantity?.kind !== 'def') return false;
    if (quantity.kind === 'def' && quantity.params !== null) return false;
    const known = this.env.lookup(loss.name, block);
    let upstream = [of.name];
    let plus: Node | null = null;
    if (known) {
      if (known.kind !== 'def' || !known.upstream) return false;
      const ofReaches = this.reach([of], block);
      const earlier = known.upstream.filter((q) => q !== of.name);
      const feeds = earlier.filter((q) => this.reach([makeSym(q, of.start, of.end)], block).has(of.name));
      if (feeds.length > 0) return false;
      const apart = earlier.filter((q) => !ofReaches.has(q));
      if (apart.length === earlier.length && earlier.length > 0 && !known.upstream.includes(of.name)) {
        upstream = [...earlier, of.name];
        plus = known.expr;
      }
    } else if (this.env.lookupPattern(loss.stem)) return false;
    const expr = linearLoss(given, plus);
    if (!expr) return false;
    const plain = { params: null, indices: null, diagonal: false, at: this.at };
    this.define({ kind: 'def', name: loss.name, expr, ...plain, upstream, ...fontOf(loss) });
    this.bindings.push({
      name: loss.name,
      kind: 'definition',
      start: r.lhs.start,
      end: r.rhs.end,
      text: this.source.slice(r.lhs.start, r.rhs.end),
    });
    return true;
  }

  /**
   * "The posterior precision is $S_N^{-1} = \alpha I + \beta X^\top X$": a name the text has not
   * given, written inverted on the left of an equation whose right side does not use it, is defined
   * by its inverse — S_N is the inverse of the right side, as a precision names its covariance.
   */
  private definedByInverse(r: Relation, block: number): Relation | null {
    const { lhs, rhs } = r;
    if (r.op.op !== '=' || lhs.kind !== 'post' || lhs.op !== 'inv' || lhs.operand.kind !== 'sym') return null;
    const name = lhs.operand;
    if (name.primes > 0 || CONSTANT_NAMES.has(name.name) || this.env.isDimension(name.name)) return null;
    if (this.env.lookup(name.name, block) !== null || this.env.lookupPattern(name.stem) !== null) return null;
    // A matrix an ended passage or example gave ("If $A = …$ then …", then `A^{-1} = …`) is the
    // author's to invert: the relation is a claim about it, checked with that value carried on.
    if (this.env.endedValues(name.name, block, true).length > 0) return null;
    if (this.references(rhs, block, false).has(name.name)) return null;
    const inverted: Node = { kind: 'post', op: 'inv', operand: rhs, start: rhs.start, end: rhs.end };
    return { ...r, lhs: name, rhs: inverted };
  }

  private tryDefinition(r: Relation, block: number, explicit: boolean): boolean {
    const rule = r.proposition === undefined ? this.recurrenceRule(r.lhs, r.rhs, block) : null;
    // A new rule for a family already worked from initial values (Newton's iterates, then a
    // fixed-point iteration's) replaces it, though its own start comes later. A rule with no start
    // yet, specialised (`x_{k+1} = x_k - \frac{x_k^2 - 3}{2x_k}` after the general step) in the
    // general step's section, is a claim that it follows, as before.
    const earlier = rule ? this.env.lookup(familyKey(rule.stem), block) : null;
    const worked = earlier?.kind === 'def' && (earlier.recurrence?.initial.length ?? 0) > 0;
    if (rule && (rule.initial.length > 0 || worked)) {
      this.defineRecurrence(rule, r);
      return true;
    }
    // A rule whose section has ended (heavy-ball momentum in one subsection, plain gradient descent
    // for the same iterates in the next) is replaced too, and so is its reading as a definition of
    // the name it writes (`w_{t+1}` in terms of `w_t`, made when it had no start).
    if (rule && earlier?.kind === 'def' && this.sectionEnded(earlier.recurrence?.section)) {
      const named = r.lhs.kind === 'sym' ? this.env.lookup(r.lhs.name, block) : null;
      if (r.lhs.kind === 'sym' && named?.kind === 'def' && named.params === null && named.indices === null) {
        const plain = { params: null, indices: null, diagonal: false, at: this.at };
        this.define({ kind: 'def', name: r.lhs.name, expr: r.rhs, ...plain });
      }
      this.defineRecurrence(rule, r);
      return true;
    }
    const defined = this.tryPlainDefinition(r, block, explicit);
    if (rule) this.defineRecurrence(rule, r);
    return defined;
  }

  /**
   * "Test $H_0: \\mu = 50$ … $t = (\\bar x - \\mu_0)/(s/\\sqrt{n})$": the null hypothesis states no fact,
   * but it names the value the test is run at, which statistics writes with the subscript 0. A null
   * hypothesis (labelled `H_0:` or after "the null hypothesis") that sets a plain letter equal to a
   * written number gives that letter with subscript 0 the number, for the section, when nothing
   * gave `\\mu_0` a meaning before. The hypothesis itself stays unchecked and gives μ no value.
   */
  private nullValue(r: Relation, block: number): void {
    if (!/H_\s*\{?\s*0|\bnull\b/.test(this.context.why ?? '')) return;
    if (r.lhs.kind !== 'sym' || r.lhs.sub !== null || r.lhs.primes !== 0) return;
    const value = r.rhs.kind === 'neg' ? r.rhs.operand : r.rhs;
    if (value.kind !== 'num') return;
    const name = `${r.lhs.name}_{0}`;
    // A later test's null hypothesis in the same section ("test $H_0: \\mu = 60$") names its own value;
    // a value the text gave `\\mu_0` itself (its relation writes the subscript) stands.
    const earlier = this.env.lookup(name, block);
    const byHypothesis = earlier?.kind === 'def' && earlier.text !== undefined && !earlier.text.includes('_');
    if (earlier !== null && !byHypothesis) return;
    const plain = { params: null, indices: null, diagonal: false, at: this.at };
    this.define({ kind: 'def', name, expr: r.rhs, ...plain }, this.scopes.section);
  }

  private tryPlainDefinition(r: Relation, block: number, explicit: boolean): boolean {
    const inverse = this.definedByInverse(r, block);
    if (inverse) return this.tryPlainDefinition(inverse, block, explicit);
    const { lhs } = r;
    // `R_1 = 4\,\mathrm{\Omega}`: the name stands for the number, in the coherent unit written; the
    // unit is no name the value refers to (`V = 230\,\mathrm{V}` is not V in terms of itself).

    // `r = 6371 + 400 = 6771\,\mathrm{km}`: the first link's value is in the unit the chain ends in,
    // and as `r = 6771\,\mathrm{km}` it is given the number only in a coherent SI unit.
    // Only arithmetic on written numbers is in the chain's unit: a formula (`E = m c^2 = 90\,\mathrm{PJ}`)
    // is in its letters' units.
    const chained =
      lhs.kind === 'sym' && r.chainUnit && isNumericFormula(r.rhs) && !(unitExpr(r.chainUnit)?.factor === 1);
    const withUnit: Node = chained
      ? {
          kind: 'bin',
          op: 'juxt',
          left: r.rhs,
          right: r.chainUnit!,
          start: r.rhs.start,
          end: r.chainUnit!.end,
        }
      : r.rhs;
    // A value in a prefixed unit (`R = 10\,\mathrm{k\Omega}`) stands for its number in the coherent
    // unit (10⁴), as one in a coherent unit does; the unit is kept with the definition, since the
    // author may go on in the unit written (check/unitLetters.ts).
    const inUnit = lhs.kind === 'sym' ? valueInUnit(withUnit, !this.env.lookup('\\Omega', block)) : null;
    const rhs: Node = inUnit ? inCoherentUnit(inUnit.number, inUnit.unit) : withUnit;
    const unitOfValue = inUnit
      ? { unit: { word: inUnit.unit.word, kind: inUnit.unit.kind, written: inUnit.number } }
      : {};
    const text = this.source.slice(lhs.start, r.rhs.end);
    const bind = (name: string, kind: Binding['kind'], node: Node) =>
      this.bindings.push({ name, kind, start: node.start, end: r.rhs.end, text });
    /** `lhs` (a name) takes the value `rhs` from here on. */
    /** `lhs` (a name) is defined as `rhs`; `implicit` when prose made it (a later restatement may reset it). */
    const defineName = (implicit?: boolean, restates?: Node, nextPart?: boolean) => {
      if (lhs.kind !== 'sym') return;
      const known = this.env.lookup(lhs.name, block);
      // A declared tensor given numbers keeps the declared layout (an N×1 matrix stays one).
      const declared =
        known?.kind === 'decl' && known.spec.shape.length > 0
          ? { declared: known.spec }
          : known?.kind === 'def' && known.declared && isLiteralValue(rhs)
            ? { declared: known.declared }
            : {};
      const epoch = this.inDisplay ? {} : { caseEpoch: this.caseEpoch, sentence: this.scopes.sentence };
      const section = this.context.section === undefined ? {} : { section: this.context.section };
      const def = {
        params: null,
        indices: null,
        diagonal: false,
        at: this.at,
        ...declared,
        ...epoch,
        ...section,
      };
      // "coins $a = (5, 1, 2, 10, 6)$, indexed from $0$": the tuple's first entry is a_0, as in a
      // sequence written out by its entries (nothing is known before its first or after its last).
      const fromZero =
        this.context.fromZero && !this.inDisplay && !('declared' in declared) && isTupleOfNumbers(rhs)
          ? { sequence: { origin: 0, zeroBefore: false, zeroAfter: false, tuple: true as const } }
          : {};
      this.define({
        kind: 'def',
        name: lhs.name,
        expr: rhs,
        ...def,
        ...fromZero,
        ...unitOfValue,
        ...fontOf(lhs),
        ...(implicit === undefined ? {} : { implicit }),
        ...(restates ? { restates } : {}),
        ...(nextPart ? { nextPart: true as const } : {}),
      });
    };
    const defineValue = (implicit?: boolean, restates?: Node, nextPart?: boolean) => {
      defineName(implicit, restates, nextPart);
      if (lhs.kind === 'sym') bind(lhs.name, 'definition', lhs);
    };
    // `h_0[i] = x[i]`: an index in brackets on the left defines a new name elementwise, as
    // `A_{ij} = …` does.
    if (lhs.kind === 'subscript' && lhs.bracket) {
      const element = bracketElement(lhs);
      // A family a recurrence defines (`dp[i] = dp[i-1] + dp[i-2]`) is kept under its family key: a
      // closed form after it (`dp[n] = F_{n+1}`) is its member's, read as `dp_n = …` would be.
      const ruled = lhs.base.kind === 'sym' && this.env.lookup(familyKey(lhs.base.name), block);
      if (
        element &&
        !ruled &&
        (this.isElementDefinition(element, rhs, block, explicit, true) ||
          this.redefinesSampledEntries(element, rhs, block))
      )
        return this.elementDefinition(element, rhs, bind);
      // `x[0] = 1`, `y[n] = \sum_k h[k] x[n-k]` of a name that means nothing of its own: the member
      // `x_{0}`, the family `y_n`, as written with a subscript.
      // An index that is a formula (`a[n-1] = 5`) names a member the claim computes: no definition.
      const named = lhs.indices.every((x) => x.kind === 'num' || x.kind === 'sym' || wholeNegative(x));
      const known = lhs.base.kind === 'sym' && this.env.lookup(lhs.base.name, block);
      const written = named && (!known || ruled) ? bracketMember(lhs) : null;
      // `dp[i] = dp[i-1] + dp[i-2]`: the members the rule refers to are read as the one it defines
      // is, so the rule is a recurrence as `a_i = a_{i-1} + a_{i-2}` is.
      const own = written && lhs.base.kind === 'sym' ? bracketMembersOf(rhs, lhs.base.name) : rhs;
      return written ? this.tryDefinition({ ...r, lhs: written, rhs: own }, block, explicit) : false;
    }
    const member = this.recurrenceMember(lhs, rhs, block, bind);
    if (member !== null) return member;
    // `\pi = 3.14`: a constant given a number is a claim about the constant, not its definition
    // (an RL policy `\pi = \arg\max …` still defines π; `:=` always defines).
    if (!explicit && isConstantGivenNumber(lhs, rhs, this.env, block)) return false;
    if (this.sequenceDefinition(lhs, rhs, block, bind)) return true;
    if (lhs.kind === 'sym' && this.functionNamed(lhs, rhs, block, explicit)) {
      bind(lhs.name, 'definition', lhs);
      return true;
    }
    if (lhs.kind === 'sym') {
      // A constant's letter the text only applied (`\pi(a \mid s)`, ./appliedConstants) is free for
      // a value: "$\pi = \operatorname{softmax}(\theta)$" defines π as it would have before.
      const looked = this.env.lookup(lhs.name, block);
      const known = looked?.kind === 'fn' && looked.applied ? null : looked;
      const dim = this.env.isDimension(lhs.name);
      const refersToItself = this.references(rhs, block, false).has(lhs.name);
      // "where $\mu_j$ are the singular values of $X$. With $\mu_1 = 2$, $\mu_2 = 1$ …": numbers for
      // the members of a family the words described are the example's, as for a modelled name: for
      // the passage the family takes them at their indices (the words' meaning elsewhere).
      const family = !explicit && !known && lhs.subText !== null ? this.env.lookup(lhs.stem, block) : null;
      const at = lhs.sub?.length === 1 && lhs.sub[0].kind === 'num' ? lhs.sub[0] : null;
      if (
        family?.kind === 'def' &&
        family.indices?.length === 1 &&
        family.modelled &&
        at &&
        isNumericLiteral(rhs)
      ) {
        const index = makeSym(family.indices[0], at.start, at.start);
        const cond: Node = { kind: 'cmp', op: '=', left: index, right: at, start: at.start, end: at.end };
        const rows = [
          { value: rhs, cond },
          { value: family.expr, cond: null },
        ];
        this.at++;
        this.currentText = this.source.slice(lhs.start, rhs.end);
        const expr: Node = { kind: 'cases', rows, start: rhs.start, end: rhs.end };
        this.define({ ...family, expr, at: this.at }, this.inDisplay ? undefined : this.scopes.passage);
        bind(lhs.name, 'definition', lhs);
        return true;
      }
      // "a scalar $a$ … scale it by $a = \sqrt{1/n}$": a number the words introduced is the reader's
      // inference, not a declaration, so a value the text then gives it defines it.
      if (
        !explicit &&
        known?.kind === 'decl' &&
        known.inferred &&
        !known.spec.shape.length &&
        !refersToItself
      ) {
        defineValue(true);
        return true;
      }
      // "For $y = (5, 2, 7)$" after the model $y = X\beta + \varepsilon$: numbers for the observations
      // are a worked example, as they were for the declared y; the model returns after its passage.
      if (!explicit && known?.kind === 'def' && known.modelled && isLiteralValue(rhs)) {
        defineValue(true);
        return true;
      }
      // Case: a declared scalar (or a dimension) given a number, for the rest of the block.
      if (
        !explicit &&
        (dim ||
          (known && known.kind === 'decl' && known.spec.shape.length === 0) ||
          this.nextCase(known, rhs, block)) &&
        (isNumericLiteral(rhs) || this.isConstantNumber(rhs, block))
      ) {
        // In running text the value lasts for its passage (the displays after the paragraph too):
        // the passage's end closes it. In a display it holds within that display.
        const caseBlock = dim || !this.inDisplay ? -1 : block;
        const squared = this.squaredCaseNow ? { squared: true as const } : {};
        this.countNextCase(known, rhs);
        this.define({ kind: 'case', name: lhs.name, expr: rhs, block: caseBlock, at: this.at, ...squared });
        if (dim) defineName();
        bind(lhs.name, 'case', lhs);
        return true;
      }
      // "set $b = 0$", "for $k = 3$": running text gives a known name a value for a setting.
      if (
        !explicit &&
        known &&
        !this.inDisplay &&
        (this.context.role === 'setting' || (this.context.evaluatedAt && known.kind === 'random')) &&
        isLiteralValue(rhs) &&
        !refersToItself
      ) {
        defineValue(true);
        // The declared shape, also through an earlier example's value (which keeps it as `declared`).
        const shape =
          known.kind === 'decl' ? known.spec.shape : known.kind === 'def' ? known.declared?.shape : undefined;
        if (shape && shape.length > 0) this.sizesOfValue(shape, rhs, block);
        return true;
      }
      // "Let $\rho$ be a density matrix …", then in a later passage "the pure state is $\rho =
      // \psi\psi^\top$": no formula of other names equals a sampled name, so running text giving a
      // declared name one sets up a worked case; it holds for its passage, as a number would. Under
      // "if", "with", "let" the relation is a hypothesis or a setting, and between two bare names
      // (`a = b`) a condition on free names: those are read as before. A formula of names the text
      // introduces only now ("we normalise, $u = a / \|a\|$ and $v = b / \|b\|$ for $a, b \in …$") gives
      // the name its new meaning too, also when the words after it introduce those names.
      if (
        !explicit &&
        !this.inDisplay &&
        (this.context.role === 'plain' || (this.context.qualifiedByNext && this.givesNewFormula(r, block))) &&
        rhs.kind !== 'sym' &&
        known?.kind === 'decl' &&
        !known.inferred &&
        !isLiteralValue(rhs) &&
        !refersToItself &&
        this.passageOf.get(known) !== this.context.passage &&
        (known.font ?? '') === (fontOf(lhs).font ?? '') &&
        (this.formulaOfKnownNames(rhs, block) || this.givesNewFormula(r, block))
      ) {
        this.workedCase = true;
        defineValue(true);
        this.workedCase = false;
        return true;
      }
      // A declared (sampled) tensor given numbers: from here on it has those values.
      if (
        !explicit &&
        known &&
        known.kind === 'decl' &&
        known.spec.shape.length > 0 &&
        isLiteralValue(rhs) &&
        !isNumericLiteral(rhs)
      ) {
        defineValue();
        this.sizesOfValue(known.spec.shape, rhs, block);
        return true;
      }
      // "**Example 6.2.** $$A = \operatorname{diag}(3, -1, 2)$$" in a display, A a square matrix the
      // text declared and an earlier example gave another value: a matrix built from numbers alone (no
      // letter in it) is the next example's value, not a claim about every A of the declaration.
      if (
        !explicit &&
        this.inDisplay &&
        this.context.problemDepth !== undefined &&
        known?.kind === 'decl' &&
        known.spec.shape.length === 2 &&
        !isNumericLiteral(rhs) &&
        this.references(rhs, block).size === 0 &&
        this.env.endedValue(lhs.name, block) !== null
      ) {
        defineValue();
        return true;
      }
      // "Initially $b = 0$" in running text, b a declared vector: every entry takes that value, in the
      // declaration's section ("with a single training point, $K = 2$" under the section that
      // declared the kernel matrix K). Once that section has ended, a number other than 0 reuses the
      // letter for a number, for its passage, as a declared scalar's number: "kernel $k = 5$" in a
      // problem after the one with $q, k \in \mathbb{R}^d$ is no vector of fives.
      // "With $\bm{g} = \mathbf{1}$, …" for a declared gain vector: the all-ones vector of its size.
      const allOnes = rhs.kind === 'sym' && rhs.name === '\\mathbf{1}' && !rhs.sub;
      if (
        !explicit &&
        !this.inDisplay &&
        known &&
        known.kind === 'decl' &&
        known.spec.shape.length > 0 &&
        (isNumericLiteral(rhs) || allOnes)
      ) {
        const reused = !allOnes && literalValue(rhs) !== 0 && this.sectionEnded(known.section);
        const fill = reused ? {} : { fill: known.spec };
        this.define({
          kind: 'case',
          name: lhs.name,
          expr: allOnes ? { kind: 'num', value: 1, text: '1', start: rhs.start, end: rhs.end } : rhs,
          block: fill.fill ? block : -1,
          at: this.at,
          ...fill,
        });
        bind(lhs.name, 'case', lhs);
        return true;
      }
      // `b_i = 0` for a declared tensor: every entry takes that value (an initialisation). A word in
      // the subscript (`x_{\text{max}} = 100`) is a label, not an index: a name of its own.
      // "A uniform model has $q_y = 1/V$" in a later passage than q's declaration: a formula of
      // other known names for every entry sets up a worked case, as a formula for the whole name does.
      if (
        !explicit &&
        !known &&
        lhs.sub?.every((x) => x.kind === 'sym' && x.sub === null && !isWordLabel(x)) &&
        (isNumericLiteral(rhs) || this.entryCase(lhs, rhs, block))
      ) {
        const stem = this.env.lookup(lhs.stem, block);
        if (stem && stem.kind === 'decl' && stem.spec.shape.length > 0) {
          this.define({ kind: 'case', name: lhs.stem, expr: rhs, block, at: this.at, fill: stem.spec });
          bind(lhs.stem, 'case', lhs);
          return true;
        }
      }
      // "Take $X_0 = \begin{pmatrix} 2 & 1 \\ 0 & 1 \end{pmatrix}$" with X a declared matrix: one index
      // cannot pick an entry of a matrix, and the text gives the name a matrix of numbers — a worked
      // example's particular matrix, a name of its own.
      if (
        !known &&
        lhs.sub?.length === 1 &&
        isLiteralValue(rhs) &&
        !isNumericLiteral(rhs) &&
        this.env.lookup(lhs.stem, block)?.kind === 'decl'
      ) {
        const stem = this.env.lookup(lhs.stem, block) as Extract<Entry, { kind: 'decl' }>;
        if (stem.spec.shape.length >= 2) {
          defineValue();
          return true;
        }
      }
      // "Let $R \in \mathbb{S}^m_{++}$ … the gain $K = P H^\top S^{-1}$": K's definition used a name
      // declared again since as another kind of object (a scalar R became a matrix), so it belongs
      // to the earlier setting and this states K anew.
      if (!explicit && known?.kind === 'def' && !refersToItself && this.usesRedeclared(known, block)) {
        defineValue(true);
        return true;
      }
      if (!explicit && !refersToItself && this.restatesRuleBare(known, rhs, block)) {
        this.define({ ...known, expr: rhs, at: this.at, section: this.context.section });
        bind(lhs.name, 'definition', lhs);
        return true;
      }
      // A name that held a plain number given another number or a formula: a new setting, not
      // a claim (authors reuse K, P, S across the parts of a problem; "for k odd, k = 2n + 1").
      const heldNumber =
        known &&
        known.kind === 'def' &&
        known.params === null &&
        known.indices === null &&
        isLiteralValue(known.expr) &&
        (known.implicit || isLiteralValue(rhs));
      // "After two layers $r = 1 + 2 + 2 = 5$. After three of them $r = 7$.": a value computed from
      // numbers alone, given a plain number in a later sentence, is the next case's, as a held number's
      // is. In its own sentence ("$m = 2 + 3 = 5$, so $m = 6$"), or drawn as a consequence ("Thus
      // $n = 27$."), the number is a claim about it.
      // A plain value running text gave by `=` (not a function, not entrywise), outside a display.
      const inlineValue =
        known?.kind === 'def' &&
        known.implicit === true &&
        known.params === null &&
        known.indices === null &&
        !this.inDisplay;
      const computedThenNumber =
        inlineValue &&
        known.sentence !== undefined &&
        known.sentence !== this.scopes.sentence &&
        this.fromNumbers(known.expr, block) &&
        isNumericLiteral(rhs) &&
        !this.followsFromBefore(lhs.start);
      // "At $t = 500$: $\eta = 3 \times 10^{-4} \cdot 0.5$. At $t = 10000$: $\eta = \frac{3 \times
      // 10^{-4}}{2}(1 + \cos \pi)$": a worked case's value computed from numbers, then the next case's.
      // `C = 1 - h(0.11)`, the document's function at a number, is computed from numbers as well.
      const nextComputedCase =
        inlineValue &&
        this.inlineEntries.has(known) &&
        this.fromNumbers(known.expr, block) &&
        this.fromNumbers(rhs, block) &&
        !isNumericLiteral(rhs);
      // "described by $s = 1$, $k$ and $p = k - 1$": in running text a quantity introduced by an
      // earlier `p = …` is stated anew for a new setting. In a display it is a claim.
      const restated =
        known &&
        known.kind === 'def' &&
        known.implicit &&
        known.params === null &&
        known.indices === null &&
        !this.inDisplay &&
        this.inlineEntries.has(known) &&
        this.blockOf.get(known) !== block &&
        known.text !== this.currentText &&
        !this.dependsOn(rhs, lhs.name, block);
      const ownCaseEnded = !explicit && !refersToItself && this.caseValueEnded(known, block);
      // "## Part A … $$p = \frac{2 \cdot 360 + 480}{2000} = 0.6$$", then "## Part B … $p =
      // \frac{2(50) + 30}{200}$": a value computed from numbers alone, once the section it was given in
      // has ended, is given anew by another value from numbers — the next part's, in a display as in
      // running text (as a function's rule is, `nextSection` below). So is a formula whose inputs
      // ended with that section ("## Part A … $$n = (1.96\sigma/E)^2 = 138.3$$" with σ and E given in
      // words, then "## Part B … width $n = 256$"): nothing here gives it a value to hold the number to.
      const nextSectionValue =
        known?.kind === 'def' &&
        known.implicit === true &&
        known.params === null &&
        known.indices === null &&
        !known.sequence &&
        !known.recurrence &&
        this.sectionEnded(known.section) &&
        (this.fromNumbers(known.expr, block) || this.inputsEnded(known.expr, block)) &&
        this.fromNumbers(rhs, block);
      if (
        !explicit &&
        (heldNumber ||
          computedThenNumber ||
          restated ||
          nextComputedCase ||
          ownCaseEnded ||
          nextSectionValue) &&
        !refersToItself
      ) {
        if (heldNumber || computedThenNumber) this.countNextCase(known, rhs);
        // "Let $b = 2a$. … Take $a = 3$. Then $b = 7$.": when the earlier formula's names all hold
        // values here, it has a value too, and the restatement is also a worked step to check
        // against it (a failure says the letter may be set anew; the new value is taken either way).
        const determined =
          restated &&
          !heldNumber &&
          !computedThenNumber &&
          !nextSectionValue &&
          this.determinedByValues(known.expr, block);
        if (determined) this.claim(r, block, this.currentTag);
        // A value taken as the next part's only because its section changed: another value for the name
        // in its own passage ("old $\eta = …$, new … $\eta \approx …$") may be another quantity still.
        const nextPart = nextSectionValue && !heldNumber && !computedThenNumber && !restated;
        defineValue(true, determined ? known.expr : undefined, nextPart);
        return true;
      }
      // `k = 2n + 1` for a size: a choice of sizes, from here on (the dimension follows it).
      if (!explicit && dim && (!known || known.kind === 'case') && !refersToItself) {
        defineValue(true);
        return true;
      }
      if (
        this.isElementDefinition(lhs, rhs, block, explicit) ||
        this.redefinesSampledEntries(lhs, rhs, block)
      )
        return this.elementDefinition(lhs, rhs, bind);
      if (explicit || (!known && !dim && !refersToItself && !this.stemIsTensor(lhs, block))) {
        if (refersToItself && explicit && !known) {
          this.problems.push({
            start: lhs.start,
            end: rhs.end,
            code: 'definition',
            message: `${lhs.name} is defined in terms of itself`,
          });
          return true;
        }
        defineValue(!explicit);
        return true;
      }
      return false;
    }
    if (lhs.kind === 'apply') {
      const f = lhs.f;
      const known = this.env.lookup(f.name, block);
      // `\hat\rho(1) = 0.6`, `V(A) = 0` in running text, for a function without a rule: its value
      // there (./pointValues), taken after this relation, which stays the claim it was.
      // A function declared with a signature (`f \colon [a, b] \to \mathbb{R}`) takes numbers: `f(r) = 0`
      // says what r is (a root), and only a point written in numbers is a value of its table.
      // A rule the checker cannot evaluate, as it applies functions the text never gives
      // (`V^\pi(s) = \sum_a \pi(a \mid s) …`), leaves the values given at points the data.
      const point =
        known === null ||
        (known.kind === 'def' && known.params !== null && this.ruleNeedsUnknown(known, block)) ||
        // "$y' + 2y = 4$, $y(0) = 0$" after an earlier problem's y: the new problem's initial value.
        (known.kind === 'def' && this.unknownOfEquation(f.name))
          ? this.tablePoint(lhs.args, rhs, block)
          : known.kind === 'fn'
            ? pointAtoms(lhs.args)
            : null;
      if (point && !explicit && !this.inDisplay && r.op.op === '=') {
        if (this.zeroOutsideTable(r, block, this.currentTag)) return true;
        // `V(C) = \max_a Q(C, a)`, `Q(C, L) = r + \gamma V(B)`: a point not yet listed, given by a
        // formula of listed values, is worked out from the table and defines the value there.
        const listed = this.pointListed(f.name, point, block);
        const worked = !listed && !isNumericLiteral(rhs) && this.usesTable(rhs, block);
        // "Then $v(s_2) = 4/7$": a number drawn as a consequence at a named point is a result, a
        // claim (a point written in numbers, `\hat\rho(1) = 0.6`, is given wherever it is written).
        const labelled = lhs.args.some((a) => writtenNumber(a) === null);
        const given =
          isNumericLiteral(rhs) &&
          !(
            labelled &&
            (this.drawnAsResult(lhs.start) ||
              THEN_BEFORE.test(this.source.slice(Math.max(0, lhs.start - 40), lhs.start)))
          );
        // "new $V(A) = 0.5 + 0.1 \cdot 0.4$", "so $V(C) = 0.5 \cdot 2 = 1$": a listed number given a
        // formula of numbers alone is updated (value iteration, a TD step), as a name that held a
        // number is given the next one; the arithmetic after it is checked.
        const updated =
          listed &&
          !isNumericLiteral(rhs) &&
          this.fromNumbers(rhs, block) &&
          this.holdsListedNumber(f.name, point, block);
        if (worked || updated) {
          this.pointValues.push({ f: f.name, atoms: point, value: rhs });
          return true;
        }
        // The same number again restates a listed value, a claim checked against it; another
        // number is a new case's value ("now suppose $V(B) = 7$"), given as the first was.
        if (given && !(listed && this.sameListedValue(f.name, point, rhs, block))) {
          // A function the checker or an ended passage knows (σ, e, a rule of an earlier part) is
          // checked with what it knows, and its values are claims, not a table.
          const knownElsewhere =
            !this.unknownOfEquation(f.name) &&
            (FUNCTION_SYMBOLS.has(f.name) ||
              CONSTANT_NAMES.has(f.name) ||
              this.env
                .endedValues(f.name, block, true)
                .some((e) => !(e.kind === 'def' && e.params !== null && this.ruleNeedsUnknown(e, block))));
          if (knownElsewhere) return false;
          this.pointValues.push({ f: f.name, atoms: point, value: rhs });
          // A value drawn as a consequence ("so $\varphi(9) = 6$") is listed and stays a claim.
          if (this.drawnAsResult(lhs.start)) return false;
          const where = this.source.slice(lhs.start, lhs.end);
          // Reported, but the passage still claims nothing: a problem's data sets up its parts
          // ("$\gamma = 0.5$. We know $V(s_1) = 2$." gives the givens of what follows).
          const claimed = this.scopes.passageClaimed;
          this.claim(
            r,
            block,
            this.currentTag,
            `it gives the value of ${where}, one entry of a function given by its values at listed ` +
              'points: nothing to check',
          );
          this.scopes.passageClaimed = claimed;
          return true;
        }
      }
      // `V^\pi(s_1) = 0.5\, Q^\pi(s_1, a_1) + …` at a listed point, in running text or a display: a
      // claim about the value there, not a rule in s_1 (the letter names a listed point).
      if (point && !explicit && this.pointListed(f.name, point, block)) return false;
      const params = lhs.args.every((a) => a.kind === 'sym') ? (lhs.args as SymNode[]) : null;
      // `f(x) = x^2` defines f for every x; `P(\text{rain}) = 0.3`, `g(2) = 8` and `h(x) = 1`
      // give one value at one argument and say nothing about the others: they define nothing —
      // unless a signature (`f: \mathbb{R} \to \mathbb{R}`) announced the definition.
      const used = freeSymbols(rhs);
      // `L(w) = -\sum_i y_i \log p_i` with `p = \sigma(Xw)` for a declared w: the rule reaches its
      // argument through the quantities the text defined from it.
      const reached = (p: SymNode) =>
        this.env.lookup(p.name, block)?.kind === 'decl' && this.dependsOn(rhs, p.name, block);
      const general = params?.every(
        (p) => (isVariable(p) || isAccentedVariable(p)) && (used.has(p.name) || reached(p)),
      );
      const announced = known?.kind === 'fn';
      // "Take $f(x) = x^3$ …" then, in a later passage, "with $f(x) = x^4$ …": in running text a
      // function introduced by an earlier `f(x) = …` is stated anew for the next example, as a
      // quantity is (`restated` below). Within its own passage, or in a display, it is a claim.
      const restatedFunction =
        !explicit &&
        general === true &&
        known !== null &&
        known.kind === 'def' &&
        known.implicit === true &&
        known.params !== null &&
        known.params.length === params!.length &&
        !this.inDisplay &&
        this.inlineEntries.has(known) &&
        this.blockOf.get(known) !== block &&
        known.text !== this.currentText &&
        !this.dependsOn(rhs, f.name, block) &&
        !this.reducedFrom(lhs.start);
      // `\phi(x) = (x_1^2, \sqrt{2} x_1 x_2, x_2^2)` after `\phi \in (0, 1)`: nobody writes a product
      // with one letter in brackets, so a rule in the argument for a name that held a value (a
      // declared number, vector or matrix, or a formula without parameters) introduces a function.
      const heldValue =
        known !== null &&
        known.kind !== 'fn' &&
        !(known.kind === 'def' && known.params) &&
        lhs.given === undefined;
      // `\ell(\mu, v) = …` in question 3 after `\ell(\lambda) = …` in question 1: a rule in another
      // number of arguments cannot restate the function, so it is a new one of that name.
      const otherArity =
        known?.kind === 'def' &&
        known.params !== null &&
        params !== null &&
        known.params.length !== params.length;
      // `\sigma(v) = 1 - \sigma(-v)`, `C(x) = 1 + x C(x)^2`: an equation the function satisfies,
      // not its rule.
      const byItself = mentions(rhs, f.name);
      // "## Exponential model … $S(t) = e^{-\lambda t}$", then "## Weibull model … $S(t) =
      // \exp\{-(\lambda t)^k\}$": a rule for the function in a later section, once the section of
      // its earlier rule has ended, is the next model's, in a display as in running text.
      const nextSection =
        !explicit &&
        general === true &&
        known?.kind === 'def' &&
        known.implicit === true &&
        known.params !== null &&
        known.params.length === params!.length &&
        this.sectionEnded(known.section) &&
        // The same rule written again is checked against the earlier one, as before.
        !(
          printNode(known.expr) === printNode(rhs) && known.params.every((p, k) => p.name === params![k].name)
        );
      // "**Logistic model.** $P(t) = \frac{K}{1 + A e^{-rt}}$" after `P(t) = P_0 e^{kt}`: a rule
      // that brings letters nothing has given a meaning yet (K, A, r) is the next model's, not a claim
      // about the earlier rule, which no reader could check it against. A letter the earlier rule
      // wrote too (the warmup w of both branches of a schedule) is the same unnamed constant.
      // (Only a rule in the same variables: `\mathcal{L}(\mathbf{w})` for ridge regression between
      // two rules of `\mathcal{L}(\check{\mathbf{w}})` is a passing remark, stated as a claim.)
      const sameVariables =
        known?.kind === 'def' &&
        known.params !== null &&
        params !== null &&
        known.params.length === params.length &&
        known.params.every((p, k) => p.name === params[k].name);
      // And only after a rule the text gave everything to compute (P_0 and k had numbers): a closed
      // form after `\gamma(h) = \operatorname{Cov}[X_t, X_{t+h}]` of an unspecified process is the
      // derivation's result, a claim, whatever letters it brings.
      const earlier =
        sameVariables && known.params !== null && this.computable(known, block)
          ? letterNames(known.expr)
          : null;
      const freshLetters =
        earlier !== null &&
        general === true &&
        [...letterNames(rhs)].some(
          (name) =>
            !params!.some((p) => p.name === name) && !earlier.has(name) && this.meansNothingYet(name, block),
        );
      const otherDensity = general === true && this.densityOfOtherVariables(known, params!);
      if (
        params &&
        (explicit ||
          announced ||
          (general &&
            !byItself &&
            (!known || heldValue || otherArity || otherDensity || nextSection || freshLetters)) ||
          restatedFunction)
      ) {
        const indirect = params.some((p) => !used.has(p.name) && reached(p));
        this.define({
          kind: 'def',
          name: f.name,
          expr: rhs,
          params,
          indices: null,
          diagonal: false,
          at: this.at,
          implicit: !explicit,
          section: this.context.section,
          ...(indirect ? { throughDefinitions: true as const } : {}),
        });
        bind(f.name, 'definition', lhs);
        return true;
      }
      return false;
    }
    // `y_1, \dots, y_6 = 3, 5, 4, 6, 2, 4`: the data as the vector y, as `y = (3, 5, …)` gives it, an
    // object its section works with as a sequence written out is.
    const listed = listedData(lhs, rhs);
    if (listed && !this.env.lookup(listed.name, block)) {
      const plain = { params: null, indices: null, diagonal: false };
      this.define(
        { kind: 'def', name: listed.name, expr: listed.expr, ...plain, at: this.at },
        this.scopes.section,
      );
      bind(listed.name, 'definition', lhs);
      return true;
    }
    // `(x_0, x_1, x_2) = (1, 2, 3)`, `a, b, c = 3, 5, 4`: one definition per position, for names not yet
    // known. Bare lists with dots say what letters run over (`i, j, k = 1, \dots, n`), not values.
    const bareLists = lhs.kind === 'list' && rhs.kind === 'list';
    if (
      ((lhs.kind === 'group' && rhs.kind === 'group') ||
        (bareLists && ![...lhs.items, ...rhs.items].some((x) => x.kind === 'dots'))) &&
      lhs.items.length === rhs.items.length &&
      lhs.items.length > 1
    ) {
      let any = false;
      lhs.items.forEach((item, k) => {
        const value = rhs.items[k];
        if (
          item.kind === 'sym' &&
          value.kind !== 'dots' &&
          !this.env.lookup(item.name, block) &&
          !isConstantGivenNumber(item, value, this.env, block)
        ) {
          this.define({
            kind: 'def',
            name: item.name,
            expr: value,
            params: null,
            indices: null,
            diagonal: false,
            at: this.at,
          });
          bind(item.name, 'definition', item);
          any = true;
        }
      });
      return any;
    }
    return false;
  }

  /**
   * `a_n = 2a_{n-1} + 1`, `T(n) = 2T(n/2) + n`: a rule for a family by its earlier members defines
   * the family (model/recurrences.ts). Values the text already gave its members at whole indices
   * (`F_0 = 0, F_1 = 1` before `F_{n+1} = F_n + F_{n-1}`) are its initial values. A name the text
   * already gave another meaning keeps it: `\sigma(v) = 1 - \sigma(-v)` is no recurrence anyway,
   * and a function `f` given a rule stays that function.
   */
  private recurrenceRule(lhs: Node, rhs: Node, block: number): RecurrenceSpec | null {
    const rule = readRecurrence(lhs, rhs);
    if (!rule) return null;
    const stem = rule.stem;
    const known = this.env.lookup(familyKey(stem), block);
    // A name the text gave a meaning of its own (a function, a value) keeps it.
    const taken = this.env.lookup(stem, block);
    if (taken && taken.kind !== 'decl') return null;
    // A family the text declared (`P_k \in \mathbb{R}^{n \times n}`) is sampled as declared.
    if (this.env.lookupPattern(stem)) return null;
    // The initial values belong to the rule they were given with: the same rule restated keeps
    // them, another rule for the family (Newton's iterates, then a fixed-point iteration's) starts
    // from the values written with it.
    const sameRule = known?.kind === 'def' && known.recurrence && printNode(known.expr) === printNode(rhs);
    const initial =
      sameRule && known.recurrence ? known.recurrence.initial : this.writtenMembers(stem, block);
    return { ...rule, initial };
  }

  /**
   * Whether every name a formula uses had a value that has ended and means nothing here now (σ and E
   * of `n = (1.96\sigma/E)^2` given in an ended part's words); a declared letter is not one.
   */
  private inputsEnded(expr: Node, block: number): boolean {
    const names = [...this.references(expr, block)].filter((n) => !CONSTANT_NAMES.has(n));
    return (
      names.length > 0 &&
      names.every((n) => this.env.lookup(n, block) === null && this.env.endedValue(n, block) !== null)
    );
  }

  /** Whether the section with this id is no longer around the text being read. */
  /**
   * The functions written bare in `sides` whose rule was given in a section that still lasts: the
   * bare `a` of a later section's `\frac{d}{dx}(ax^2) = 2ax` is a constant, not the `a(w, x, y, z)`
   * of a chain-rule example three sections up.
   */
  private liveFunctionsWrittenBare(sides: Node[], block: number): string[] {
    const out = new Set<string>();
    const applied = new Set<Node>();
    for (const side of sides)
      walk(side, (x) => {
        if (x.kind === 'apply' || x.kind === 'prime') applied.add(x.f);
        if (x.kind !== 'sym' || applied.has(x) || x.subText !== null || out.has(x.name)) return;
        const e = this.env.lookup(x.name, block);
        if (e?.kind === 'def' && e.params !== null && !e.indices && !this.sectionEnded(e.section))
          out.add(x.name);
      });
    return [...out];
  }

  private sectionEnded(section: number | undefined): boolean {
    return section !== undefined && !this.context.sectionPath.split('.').includes(String(section));
  }

  private defineRecurrence(given: RecurrenceSpec, r: Relation): void {
    const plain = { params: null, indices: null, diagonal: false, at: this.at };
    const rule = { ...given, section: this.context.section };
    this.define({ kind: 'def', name: familyKey(rule.stem), expr: r.rhs, ...plain, recurrence: rule });
    const sentence = this.scopes.sentence;
    this.ruleIndices = [...this.ruleIndices.filter(([, s]) => s === sentence), [rule.index, sentence]];
    const text = this.source.slice(r.lhs.start, r.rhs.end);
    this.bindings.push({ name: rule.stem, kind: 'definition', start: r.lhs.start, end: r.rhs.end, text });
  }

  /**
   * Members at small whole indices the text gave a number before stating the rule: `a_{k}` defined,
   * or `C(0) = 0` written as a claim of an unknown function just before ("with $C(0) = C(1) = 0$").
   */
  private writtenMembers(stem: string, block: number): RecurrenceSpec['initial'] {
    const out: RecurrenceSpec['initial'] = [];
    for (let k = -2; k <= 10; k++) {
      const e = this.env.lookup(`${stem}_{${k}}`, block);
      if (e?.kind === 'def' && e.params === null && isLiteralValue(e.expr))
        out.push({ index: k, value: e.expr, passage: this.passageOf.get(e) ?? this.context.passage });
    }
    for (const c of this.claims.slice(-12)) {
      const member = c.op === '=' && c.lhs.kind === 'apply' ? memberOf(c.lhs) : null;
      const k = member?.stem === stem ? wholeIndex(member.index) : null;
      if (k !== null && isLiteralValue(c.rhs) && !out.some((g) => g.index === k))
        out.push({ index: k, value: c.rhs, passage: this.context.passage });
    }
    return out;
  }

  /** Whether the text declares a letter a whole number (`\tau \in \mathbb{N}`): it may write a step. */
  private declaresStep(letter: string, block: number): boolean {
    const e = this.env.lookup(letter, block);
    return e?.kind === 'decl' && declaresWholeNumber(e.spec);
  }

  /**
   * `a_0 = 0`, `T(1) = 1` after a recurrence: an initial value when the rule would reach before the
   * first index the text gives (true: defined here); `a_3 = 7`, `T(8) = 32`, `a_n = 2^n - 1`: a
   * claim about a member the rule computes (false). Null when lhs is no member of a recurrence.
   */
  private recurrenceMember(
    lhs: Node,
    rhs: Node,
    block: number,
    bind: (name: string, kind: Binding['kind'], node: Node) => void,
  ): boolean | null {
    const member = memberOf(lhs);
    if (!member) return null;
    const known = this.env.lookup(familyKey(member.stem), block);
    if (known?.kind !== 'def' || !known.recurrence) return null;
    // A grid the reader supplied by convention (timeGrid) yields to the times the text writes.
    if (known.recurrence.byConvention) return null;
    const rule = known.recurrence;
    // `w_\lambda = \frac{1}{1 + \lambda}` beside the iterates `w_t`: a name of its own, not a member.
    if (parameterSubscript(lhs, (x) => x === rule.index || this.declaresStep(x, block))) return null;
    const k = wholeIndex(member.index);
    // "scalar check: $h_{t-1} = 0.8$ gives $h_t = …$": a number for the member at a letter index is
    // the worked step's given state, which the rule cannot fix without the index — no claim about it.
    if (k === null && !this.inDisplay && isLiteralValue(rhs)) return null;
    if (k === null || writesFamily(rhs, member.stem)) return false;
    // `From $x_0 = 1$` in a later example, after another example started at x_0 = 2: a new start
    // of the same iteration, as a reader takes it, not a claim about the first example's x_0. Only
    // another number at the first index starts afresh: `F_1 = 1` in a later proof restates F_1.
    const first = Math.min(...rule.initial.map((g) => g.index));
    const given = rule.initial.find((g) => g.index === k);
    const restart =
      given !== undefined &&
      k === first &&
      given.passage !== this.context.passage &&
      isLiteralValue(rhs) &&
      printNode(given.value) !== printNode(rhs);
    if (!restart && (rule.initial.some((g) => g.index === k) || !isInitialIndex(rule, k))) return false;
    const kept = restart ? [] : rule.initial;
    const updated = { ...rule, initial: [...kept, { index: k, value: rhs, passage: this.context.passage }] };
    // The initial values belong to the rule: they last as long as it does.
    this.define({ ...known, recurrence: updated }, known.scope ?? null);
    bind(member.stem, 'definition', lhs);
    return true;
  }

  /**
   * `x = (\dots, x_0, x_1, \dots)` names the entries of a sequence (it claims nothing);
   * `(\dots, x_0, x_1, \dots) = (\dots, 1, 2, \dots)` gives their values and defines the
   * sequence x, indexed by integers (model/sequences.ts).
   */
  private sequenceDefinition(
    lhs: Node,
    rhs: Node,
    block: number,
    bind: (name: string, kind: Binding['kind'], node: Node) => void,
  ): boolean {
    if (lhs.kind === 'sym' && writtenEntries(rhs)?.stem === lhs.name) {
      const known = this.env.lookup(lhs.name, block);
      return !known || (known.kind === 'def' && known.sequence !== undefined);
    }
    const written = writtenSequence(lhs, rhs);
    if (!written || this.env.lookup(written.stem, block)) return false;
    const { stem, entries, values, spec } = written;
    const plain = { params: null, indices: null, diagonal: false, at: this.at };
    this.writingSequence = true;
    entries.forEach((entry, k) => {
      if (this.env.lookup(entry.name, block)) return;
      this.define({ kind: 'def', name: entry.name, expr: values[k], ...plain });
      bind(entry.name, 'definition', entry);
    });
    const list: Node = {
      kind: 'group',
      open: '(',
      close: ')',
      items: values,
      start: rhs.start,
      end: rhs.end,
    };
    this.define({ kind: 'def', name: stem, expr: list, ...plain, sequence: spec });
    this.writingSequence = false;
    bind(stem, 'definition', lhs);
    return true;
  }

  /**
   * `A_{ij} := e`, `D_{ii} = e`: the subscript is made of index letters that the right side
   * uses, and the stem is new (or the definition is explicit).
   */
  private isElementDefinition(
    lhs: SymNode,
    rhs: Node,
    block: number,
    explicit: boolean,
    brackets = false,
  ): boolean {
    // In brackets an index may carry a word (`L[n_{\text{out}}]`), as notes that name axes write it.
    const isIndex = (x: Node) =>
      (x.kind === 'sym' && x.sub === null && x.primes === 0) || (brackets && isLabelledIndex(x));
    if (!lhs.sub || lhs.sub.length === 0 || !lhs.sub.every(isIndex)) return false;
    const letters = lhs.sub.map((x) => (x as SymNode).name);
    // "for each $i \in \{1, \dots, n\}$ write $d_i = …$": a letter declared to run over a range of
    // whole numbers is the index of the members it defines, not one sampled member.
    const known = (l: string) => this.env.lookup(l, block);
    if (letters.some((l) => (known(l) && !isRangeIndex(known(l))) || this.env.isDimension(l))) return false;
    // `\sigma_B = f(\mu_B)`: an unbound capital letter in a subscript is a label (the batch's), as
    // the evaluator reads it, not an index the formula runs over.
    if (!explicit && letters.some((l) => /^[A-Z]$/.test(l))) return false;
    const used = freeSymbols(rhs);
    if (!letters.some((l) => used.has(l) && !(/^[A-Z]$/.test(l) && this.onlyLabelIn(l, rhs, block))))
      return false;
    // `d_h = d / h` (the head width from the model width): a formula of the whole `d` cannot give
    // d's entries, so the subscript is a label and `d_h` a name of its own.
    if (used.has(lhs.stem)) return false;
    if (this.env.lookup(lhs.name, block)) return false;
    // `\mathbf{h}_i` for i = 1, …, h: the letter is the count of what it would index, not a family.
    if (this.env.isDimension(lhs.stem) && !this.env.lookup(lhs.stem, block)) return false;
    return explicit || (!this.env.lookup(lhs.stem, block) && !this.env.lookupPattern(lhs.stem));
  }

  /**
   * `\sigma_B := \sqrt{\mu_B^2 + 1}`: the capital letter occurs in the formula only in the subscript of
   * names known whole (`\mu_B`, the batch's mean), so there it is their label, not an index the
   * formula runs over.
   */
  private onlyLabelIn(letter: string, rhs: Node, block: number): boolean {
    let all = 0;
    let labels = 0;
    walk(rhs, (x) => {
      if (x.kind !== 'sym') return;
      if (x.name === letter) all++;
      if (x.sub && x.subText !== null && this.env.lookup(x.name, block))
        labels += x.sub.filter((y) => y.kind === 'sym' && y.name === letter).length;
    });
    return all > 0 && all === labels;
  }

  /**
   * `x[n] = a^n`, `x_n = 2^n` for a declared (sampled) x: every entry given by a formula of its
   * index. A sampled tensor is arbitrary, so no author claims its entries follow a formula that
   * does not use it; this gives the sequence its general term, as `b_i = 0` gives every entry a
   * number. A formula that uses x itself (`x_i = e_i^\top x`) stays a claim. Running text may also
   * give a sequence that an earlier passage gave a general term another one: a new setting.
   */
  private redefinesSampledEntries(lhs: SymNode, rhs: Node, block: number): boolean {
    const stem = this.env.lookup(lhs.stem, block);
    if (!stem || !lhs.sub) return false;
    // Running text that gave the sequence a general term in an earlier passage may give another.
    const restated =
      stem.kind === 'def' &&
      stem.indices?.length === lhs.sub.length &&
      !this.inDisplay &&
      this.inlineEntries.has(stem) &&
      this.blockOf.get(stem) !== block;
    if (!restated && (stem.kind !== 'decl' || stem.spec.shape.length !== lhs.sub.length)) return false;
    if (this.env.lookup(lhs.name, block)) return false;
    const letters = lhs.sub.map((x) =>
      x.kind === 'sym' && x.sub === null && x.primes === 0 ? x.name : null,
    );
    if (letters.some((l) => l === null || this.env.lookup(l, block) || this.env.isDimension(l))) return false;
    const used = freeSymbols(rhs);
    // Every other name the formula uses must be known: `x_i = p[i]` with p unknown stays a claim.
    const known = (n: string) =>
      letters.includes(n) ||
      CONSTANT_NAMES.has(n) ||
      this.env.isDimension(n) ||
      this.env.lookup(n, block) !== null ||
      this.env.lookupPattern(n) !== null;
    return (
      letters.every((l) => used.has(l as string)) &&
      [...this.references(rhs, block)].every(known) &&
      !this.dependsOn(rhs, lhs.stem, block)
    );
  }

  private elementDefinition(
    lhs: SymNode,
    rhs: Node,
    bind: (name: string, kind: Binding['kind'], node: Node) => void,
  ): boolean {
    const idx = lhs.sub!.map((x) => (x as SymNode).name);
    const diagonal = idx.length === 2 && idx[0] === idx[1];
    this.define({
      kind: 'def',
      name: lhs.stem,
      expr: rhs,
      params: null,
      indices: diagonal ? [idx[0]] : idx,
      diagonal,
      at: this.at,
    });
    bind(lhs.stem, 'definition', lhs);
    return true;
  }

  /** Every name the nodes refer to, directly or through the definitions in effect. */
  private reach(nodes: Node[], block: number): Set<string> {
    const seen = new Set<string>();
    const queue = nodes.flatMap((n) => [...this.references(n, block)]);
    while (queue.length) {
      const x = queue.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      const e = this.env.lookup(x, block);
      if (!e || (e.kind !== 'def' && e.kind !== 'case')) continue;
      // A function's own variable (t in η(t) = …) is bound there: η(2w) does not reach t.
      const bound = e.kind === 'def' && e.params ? new Set(e.params.map((p) => p.name)) : null;
      for (const y of this.references(e.expr, block)) if (!bound?.has(y)) queue.push(y);
    }
    return seen;
  }

  /** True when a definition reaches a name declared before it and since again, as another kind. */
  private usesRedeclared(def: Entry & { kind: 'def' }, block: number): boolean {
    for (const x of this.reach([def.expr], block)) if (this.env.redeclaredAround(x, def.at)) return true;
    return false;
  }

  /** True when `n` reaches `name` through the definitions in effect (a redefinition would loop). */
  /**
   * A value computed from numbers alone: arithmetic on numbers (`2 \cdot 3`), also through a function
   * the document defined, applied at numbers (`1 - h(0.11)` after `h(p) = …`).
   */
  private fromNumbers(n: Node, block: number): boolean {
    if (isNumericFormula(n)) return true;
    const at = (x: Node): boolean => {
      switch (x.kind) {
        case 'apply': {
          const f = this.env.lookup(x.f.name, block);
          return f?.kind === 'def' && f.params !== null && x.args.every(isNumericFormula);
        }
        case 'bin':
          return at(x.left) && at(x.right);
        case 'neg':
        case 'abs':
          return at(x.operand);
        case 'frac':
          return at(x.numerator) && at(x.denominator);
        case 'pow':
          return at(x.base) && at(x.exponent);
        case 'group':
          return x.items.length === 1 && at(x.items[0]);
        default:
          return isNumericFormula(x);
      }
    };
    return at(n);
  }

  private dependsOn(n: Node, name: string, block: number): boolean {
    const seen = new Set<string>();
    const queue = [...this.references(n, block)];
    while (queue.length) {
      const x = queue.pop()!;
      if (x === name) return true;
      if (seen.has(x)) continue;
      seen.add(x);
      const e = this.env.lookup(x, block);
      if (e && (e.kind === 'def' || e.kind === 'case')) queue.push(...this.references(e.expr, block));
    }
    return false;
  }

  /** Names a right side refers to: `x_1` is its own name when declared, else an entry of x. */
  /**
   * A formula of names the document has given a meaning (`\psi\psi^\top`): not `\pm 1`, which names
   * nothing, nor `o + \epsilon` with a name the text never introduced.
   */
  private formulaOfKnownNames(n: Node, block: number): boolean {
    const functions = new Set<SymNode>();
    walk(n, (x) => {
      if (x.kind === 'apply') functions.add(x.f);
    });
    let names = 0;
    let unknown = false;
    walk(n, (x) => {
      if (x.kind !== 'sym' || functions.has(x)) return;
      names++;
      const known =
        this.env.lookup(x.name, block) !== null ||
        this.env.isDimension(x.name) ||
        (x.subText !== null &&
          (this.env.lookup(x.stem, block) !== null || this.env.lookupPattern(x.stem) !== null));
      if (!known) unknown = true;
    });
    return names > 0 && !unknown;
  }

  /**
   * The names a tree uses. Without `subscripts`, the letters in a name's subscript are where a
   * member sits or a label (`W_Q`, the query weights), not uses of those letters: `Q = X W_Q` does
   * not define Q in terms of itself.
   */
  private references(n: Node, block: number, subscripts = true): Set<string> {
    const out = new Set<string>();
    const skipped = new Set<Node>();
    walk(n, (x) => {
      if (skipped.has(x)) {
        for (const c of children(x)) skipped.add(c);
        return;
      }
      if (!subscripts && x.kind === 'sym' && x.sub !== null) for (const c of x.sub) skipped.add(c);
      if (x.kind === 'sym') {
        out.add(x.name);
        if (x.subText !== null && !this.env.lookup(x.name, block) && !this.env.lookupPattern(x.stem))
          out.add(x.stem);
      }
      if (x.kind === 'apply') out.add(x.f.name);
    });
    return out;
  }

  /**
   * "labels $y_i \in \{0, 1\}$ for $i = 1, \dots, n$", then `X^\top (p - y)`: a document that declares
   * only the members of a family and writes its bare stem beside vectors and matrices means the
   * vector of the members, (y_1, …, y_n); its entries are the members. Not when the stem means
   * something of its own, nor in a relation that defines it or uses no vector or matrix (a scalar y).
   */
  /**
   * `m_i \sim \mathrm{Bernoulli}(1 - p)` beside `m \odot h` with h a declared array (maskShape.ts): the
   * bare m is the array of those draws, shaped like h. The reader's inference, so a claim on it that
   * fails is unchecked. `formulas`: where the bare m may be written (the passage's formulas, or the
   * relation just read when the law came first).
   */
  private maskOfDraws(stem: string, block: number, formulas: readonly Node[]): void {
    const family = this.env.lookupPattern(stem);
    if (family?.kind !== 'random') return;
    const known = this.env.lookup(stem, block);
    // A new law for the entries makes a new mask: the one read from the old law gives way.
    if (known?.kind === 'decl' && known.inferred?.kind === MASK_KIND)
      this.env = this.env.with({ kind: 'fresh', name: stem, at: this.at });
    else if (known || this.env.isDimension(stem)) return;
    const shapeOf = (name: string) => {
      const e = this.env.lookup(name, block);
      return e?.kind === 'decl' && e.spec.shape.length > 0 ? e.spec.shape : null;
    };
    for (const expr of formulas) {
      const shape = entrywisePartnerShape(expr, stem, shapeOf);
      if (!shape) continue;
      this.define(
        {
          kind: 'decl',
          name: stem,
          pattern: false,
          spec: { set: 'real', shape: [...shape] },
          at: this.at,
          inferred: {
            how: `from the law of its entries and its entrywise product (\`${stem} \\odot …\`)`,
            kind: MASK_KIND,
            declare: `${stem} \\in \\{0, 1\\}^{…}`,
          },
          // For the section, as a declaration in words; a new law for the entries replaces it (above).
        },
        this.scopes.section,
      );
      return;
    }
  }

  /**
   * `P(X = 0, Y = 0) = 0.1` among cells whose probabilities add up to 1 (model/jointCells.ts): the
   * first cell gives X and Y the joint law of them all, each cell is that law's setting, not a
   * claim. The reason it is no claim, or undefined when the relation is no such cell.
   */
  private jointCell(r: Relation, block: number): string | undefined {
    if (r.op.op !== '=' || this.context.quoted) return undefined;
    const start = r.lhs.start;
    const names = cellLettersAt(this.source, start);
    if (!names) return undefined;
    const given = this.env.lookup(names[0], block);
    const within =
      given?.kind === 'random' &&
      given.dist.kind === 'Joint' &&
      given.dist.start <= start &&
      r.rhs.end <= given.dist.end;
    if (!within) {
      const table = jointCellsAt(this.source, start);
      if (!table) return undefined;
      this.at++;
      for (const coordinate of [0, 1] as const) {
        const name = table.names[coordinate];
        const dist: Distribution = {
          kind: 'Joint',
          names: table.names,
          coordinate,
          cells: table.cells,
          start,
          end: table.end,
        };
        this.define({ kind: 'random', name, pattern: false, dist, at: this.at });
        this.bindings.push({ name, kind: 'random', start, end: table.end, text: this.currentText });
      }
    }
    return (
      `a cell of the joint pmf of ${names.join(' and ')} the text gives cell by cell: the law what ` +
      'follows is checked under, not a claim'
    );
  }

  /** The formulas the current passage has given so far, newest first (at most a few dozen). */
  private passageFormulas(): Node[] {
    const out: Node[] = [];
    let seen = 0;
    for (const layer of this.env.entries()) {
      if (++seen > 64) break;
      if (layer.kind !== 'def') continue;
      if (this.passageOf.get(layer) !== this.context.passage) break;
      out.push(layer.expr);
    }
    return out;
  }

  private stemsAsVectors(r: Relation, block: number): void {
    const defined = r.lhs.kind === 'sym' && (r.op.op === '=' || r.op.op === ':=') ? r.lhs.name : null;
    const names = new Set([...this.references(r.lhs, block, false), ...this.references(r.rhs, block, false)]);
    if (![...names].some((n) => this.holdsArray(n, block))) return;
    for (const stem of names) {
      if (
        stem === defined ||
        /[_^']/.test(stem) ||
        this.env.lookup(stem, block) ||
        this.env.isDimension(stem)
      )
        continue;
      const family = this.env.lookupPattern(stem);
      if (family?.kind === 'random') {
        this.maskOfDraws(stem, block, [r.lhs, r.rhs]);
        continue;
      }
      if (family?.kind !== 'decl' || family.spec.shape.length > 0 || !family.memberIndex) continue;
      const range = this.env.lookup(family.memberIndex, block);
      if (range?.kind !== 'decl' || !isIndexRange(range.spec)) continue;
      const values = range.spec.values ?? [];
      const first = values[0];
      const last = values[values.length - 1];
      if (
        first?.kind !== 'num' ||
        first.value !== 1 ||
        last?.kind !== 'sym' ||
        !this.env.isDimension(last.name)
      )
        continue;
      this.define({
        kind: 'decl',
        name: stem,
        pattern: false,
        spec: { ...family.spec, shape: [last] },
        at: this.at,
      });
    }
  }

  /** Whether `name` is a declared vector or matrix, or a definition made of one. */
  private holdsArray(name: string, block: number, depth = 0): boolean {
    const e = this.env.lookup(name, block);
    if (e?.kind === 'decl') return e.spec.shape.length > 0;
    if (e?.kind !== 'def' || e.params !== null || depth > 2) return false;
    return [...this.references(e.expr, block, false)].some(
      (n) => n !== name && this.holdsArray(n, block, depth + 1),
    );
  }

  /** The relation with `0.5^\tau`, `\gamma^T` read as powers where τ, T and the base are numbers (./scalarPowers). */
  private withScalarPowers(r: Relation, block: number): Relation {
    const ctx = { isNumber: (name: string) => this.holdsNumber(name, block) };
    return { ...r, lhs: powersOfScalars(r.lhs, ctx), rhs: powersOfScalars(r.rhs, ctx) };
  }

  /**
   * The relation with `\sigma(z)_j` read as a member of the family `\sigma(z)` its rule defined entry by
   * entry, and a rule's own head `\sigma(z)_i = …` read so when σ is new (./entryFunctions).
   */
  private withEntryFunctions(r: Relation, block: number): Relation {
    const isFamily = (stem: string) => {
      const e = this.env.lookup(stem, block);
      return e?.kind === 'def' && e.indices !== null;
    };
    const head =
      r.op.op === '=' || r.op.op === ':='
        ? entryRuleHead(r.lhs, r.rhs, (name) => this.env.lookup(name, block) !== null)
        : null;
    if (head) this.entryRuleArguments(head.member, head.args, r.rhs, block);
    const lhs = head?.member ?? withEntryFunctions(r.lhs, isFamily);
    return { ...r, lhs, rhs: withEntryFunctions(r.rhs, isFamily) };
  }

  /**
   * The arguments of an entry rule (`\sigma(z)_i = e^{z_i} / \sum_j e^{z_j}`) that mean nothing yet and
   * whose entries the rule uses: each is a vector of any size, the reader's (a claim that fails for
   * it is not refuted), as a listed `z_1, \dots, z_n` is.
   */
  private entryRuleArguments(head: SymNode, args: SymNode[], rhs: Node, block: number): void {
    for (const a of args) {
      if (!this.meansNothingYet(a.name, block) || this.env.lookupPattern(a.name)) continue;
      if (!someNode(rhs, (x) => x.kind === 'sym' && x.stem === a.name && x.sub !== null)) continue;
      const size = makeSym(`n_{${a.name}}`, a.start, a.end);
      if (this.env.lookup(size.name, block) || this.env.isDimension(size.name)) continue;
      const how = `as the argument of \`${printNode(head)}\`, whose rule uses its entries`;
      this.define({
        kind: 'dim',
        name: size.name,
        at: this.at,
        inferred: { how, kind: 'any size', declare: `${a.name} \\in \\mathbb{R}^{n}` },
      });
      this.define({
        kind: 'decl',
        name: a.name,
        pattern: false,
        spec: { set: 'real', shape: [size] },
        at: this.at,
        inferred: { how, kind: 'any vector', declare: `${a.name} \\in \\mathbb{R}^{n}` },
      });
    }
  }

  /** The relation with `f_x`, `u_{xx}` read as the partial derivatives they name (./functionSubscripts). */
  private withPartialSubscripts(r: Relation, block: number): Relation {
    const lookup = (stem: string) => this.env.lookup(stem, block);
    return { ...r, lhs: withPartialSubscripts(r.lhs, lookup), rhs: withPartialSubscripts(r.rhs, lookup) };
  }

  /** The relation with `z_{\alpha/2}` read as the critical value at the α the text gave (./criticalLevels). */
  private withCriticalLevels(r: Relation, block: number): Relation {
    const ctx = {
      numberOf: (name: string) => {
        const e = this.env.lookup(name, block);
        const given = e?.kind === 'case' || (e?.kind === 'def' && !e.params && !e.indices);
        return given ? literalValue(e.expr) : null;
      },
    };
    return { ...r, lhs: criticalLevelsRead(r.lhs, ctx), rhs: criticalLevelsRead(r.rhs, ctx) };
  }

  /**
   * The relation with `\nabla \cdot (x^2, xy, z)` written as partial derivatives (./vectorOperators)
   * and `\mathcal{L}\{e^{at}\}` as its integral (./laplaceTransform).
   */
  private withOperatorsWrittenOut(r: Relation, block: number): Relation {
    const lookup = (name: string) => this.env.lookup(name, block);
    const read = (side: Node) => withLaplaceTransforms(withVectorOperators(side, lookup), lookup);
    return { ...r, lhs: read(r.lhs), rhs: read(r.rhs) };
  }

  /** The relation with `V^\pi(s)` read as the superscripted name applied (./superscriptedNames). */
  private withSuperscriptedNames(r: Relation, block: number): Relation {
    const ctx = {
      isKnown: (name: string) => this.env.lookup(name, block) !== null || this.env.isDimension(name),
      isFunction: (name: string) => {
        const e = this.env.lookup(name, block) ?? this.env.lookup(tableKey(name), block);
        return e?.kind === 'fn' || (e?.kind === 'def' && (e.params !== null || e.table !== undefined));
      },
    };
    return { ...r, lhs: superscriptedNamesApplied(r.lhs, ctx), rhs: superscriptedNamesApplied(r.rhs, ctx) };
  }

  /** Whether the document holds `name` as one number: a size, a declared scalar, a number given it. */
  private holdsNumber(name: string, block: number): boolean {
    if (this.env.isDimension(name)) return true;
    const e = this.env.lookup(name, block);
    if (e?.kind === 'decl') return e.spec.shape.length === 0 && !e.pattern;
    if (e?.kind === 'case') return e.fill === undefined;
    return e?.kind === 'def' && e.params === null && e.indices === null && isNumericFormula(e.expr);
  }

  /** The relation with `X'` read as `X^\top` where the prime is a transpose (./primeTranspose). */
  private withPrimesTransposed(r: Relation, block: number): Relation {
    if (keepsPrimesAsNames(r.lhs, r.rhs)) return r;
    const ctx = {
      isKnown: (name: string) => this.env.lookup(name, block) !== null,
      mayBeTensor: (name: string) => {
        const e = this.env.lookup(name, block);
        if (e?.kind === 'decl') return e.spec.shape.length > 0;
        return e?.kind === 'def' && e.params === null && !isNumericFormula(e.expr);
      },
    };
    return { ...r, lhs: transposePrimes(r.lhs, ctx), rhs: transposePrimes(r.rhs, ctx) };
  }

  /**
   * A letter that is a quantity of the document and never an index: nowhere up to here does a sum, product,
   * range or quantifier let it run (`\sum_w`, `w = 1, \dots`, `w \in \{1, …\}`, "for each $w$",
   * "for every row $i$"), and the text gave it a value that is no whole number (`x = 1.3`) or, giving
   * it none, writes it as an object with subscripts of its own (`w_k` in `\sum_k x_k w_k`).
   */
  private namesQuantity(x: SymNode, block: number): boolean {
    if (x.sub !== null || x.primes !== 0 || !/^(?:[a-zA-Z]|\\[a-z]+)$/.test(x.name)) return false;
    if (this.env.isDimension(x.name) || this.letsRun(x)) return false;
    const letter = x.name.replace(/\\/g, '\\\\');
    // The text up to the name only: what comes after an item never changes its reading (model/resume.ts).
    const before = this.source.slice(0, x.end);
    const live = this.env.lookup(x.name, block);
    const values = live ? [live] : this.env.endedValues(x.name, block);
    const number = (e: Entry) => e.kind === 'def' && !e.params && !e.indices;
    if (values.some((e) => number(e) && !isIntegerArithmetic((e as { expr: Node }).expr))) return true;
    // `\hat\beta_\lambda` after "for $\lambda > 0$": a letter declared a real number (positive, or
    // of an interval) takes values no entry sits at, so it names whose value it is (the ridge
    // estimate at λ); one declared whole (`k \in \mathbb{N}`) may index.
    const real = (e: Entry) =>
      e.kind === 'decl' &&
      !e.pattern &&
      e.spec.shape.length === 0 &&
      (e.spec.set === 'real' || e.spec.set === 'positive' || e.spec.set === 'interval');
    if (live && real(live)) return true;
    if (values.length > 0) return false;
    // "Position $i$", "row $i$" write an index alone too: without a value, only an object with
    // members or labels of its own (`w_k`, `x_{\min}`) is a quantity.
    return new RegExp(`(?<![a-zA-Z\\\\])${letter}_`).test(before);
  }

  /** Up to the letter, a sum, product, range or quantifier lets it run (`\sum_w`, `w = 1, \dots`, "for each $w$"). */
  private letsRun(x: SymNode): boolean {
    const letter = x.name.replace(/\\/g, '\\\\');
    const bound = `\\\\(?:sum|prod)(?:\\\\(?:no)?limits)?_\\{?\\s*${letter}(?![a-zA-Z])`;
    const range =
      `(?<![a-zA-Z\\\\])${letter}\\s*` +
      `(?:=\\s*[01]\\s*,\\s*(?:[23]|\\\\[lc]?dots)|\\\\in\\s*\\\\\\{\\s*[01]\\b)`;
    const math = (m: string) => `(?:\\$|\\\\\\()\\s*${m}\\s*(?:\\$|\\\\\\))`;
    const quantified = `\\b(?:each|every|all|any)\\s+(?:[a-z]+\\s+)?${math(letter)}`;
    return new RegExp(`${bound}|${range}|${quantified}`).test(this.source.slice(0, x.end));
  }

  private holdsWhole(x: SymNode, block: number): boolean {
    const e = this.env.lookup(x.name, block);
    return this.env.isDimension(x.name) || (e?.kind === 'def' && !e.params && isIntegerArithmetic(e.expr));
  }

  /** A single value the text gave as a number, or as arithmetic on names that hold numbers. */
  private givesNumber(e: Entry, block: number, depth: number): boolean {
    if (e.kind !== 'def' || e.params || e.indices || e.sequence) return false;
    if (isNumericLiteral(e.expr)) return true;
    if (depth > 3) return false;
    const names = new Set<string>();
    const inSubscripts = new Set<Node>();
    let arithmetic = true;
    walk(e.expr, (x) => {
      if (inSubscripts.has(x)) return;
      if (!SCALAR_FORMULA_KINDS.has(x.kind) || (x.kind === 'group' && x.items.length !== 1))
        arithmetic = false;
      if (x.kind === 'bin' && !SCALAR_OPS.has(x.op)) arithmetic = false;
      if (x.kind !== 'sym') return;
      names.add(x.name);
      for (const c of x.sub ?? []) walk(c, (y) => void inSubscripts.add(y));
    });
    return (
      arithmetic &&
      [...names].every((name) => {
        if (name === '\\pi' || name === 'e' || this.holdsNumber(name, block)) return true;
        // A value that has ended still says what a formula made of it is (a number, not an array).
        const inner = this.env.lookup(name, block) ?? this.env.endedValue(name, block);
        return !!inner && inner !== e && this.givesNumber(inner, block, depth + 1);
      })
    );
  }

  /**
   * Whether an entry's value is one number: a number in running text, or a formula of numbers, π, e
   * and names that hold numbers themselves (live, or given in an ended passage), with no tuple.
   */
  private valueIsNumber(e: Entry, block: number, depth: number): boolean {
    if (e.kind === 'case') return !e.fill;
    if (e.kind !== 'def' || e.params || e.indices || e.sequence || e.recurrence || depth > 3) return false;
    let number = true;
    walk(e.expr, (x) => {
      if (!number) return;
      // A ± names two numbers (`\lambda = \frac{4 \pm 2}{2}`: `\lambda_1`, `\lambda_2` are its roots).
      if (
        (x.kind === 'group' && x.items.length !== 1) ||
        (x.kind === 'bin' && (x.op === 'pm' || x.op === 'setminus'))
      )
        number = false;
      else if (x.kind === 'sym') {
        if (x.name === '\\pi' || x.name === 'e') return;
        const live = this.env.lookup(x.name, block);
        const values = live ? [live] : this.env.endedValues(x.name, block);
        if (values.length === 0 || !values.every((v) => this.valueIsNumber(v, block, depth + 1)))
          number = false;
      } else if (!SCALAR_FORMULA_KINDS.has(x.kind)) number = false;
    });
    return number;
  }

  private stemIsTensor(sym: SymNode, block: number): boolean {
    if (sym.sub === null) return false;
    // `K_y` with y a declared vector or matrix: a tensor cannot be an index, so the subscript is a
    // label and `K_y` a name of its own.
    const labelledByTensor = sym.sub.some((x) => {
      const entry = x.kind === 'sym' ? this.env.lookup(x.name, block) : null;
      return entry?.kind === 'decl' && entry.spec.shape.length > 0;
    });
    // `x_{\text{max}}`, `\lambda_{\min}`: a word is a label, and a scalar has no entries.
    if (labelledByTensor || sym.sub.some(isWordLabel)) return false;
    const e = this.env.lookup(sym.stem, block);
    // `\hat\beta_{IV}`, `\hat\beta_{GLS}`, `b_{2SLS}` beside a defined `\hat\beta`: capitals written
    // together are an acronym (the estimator's name), not indices — a formula's value has no
    // declared entries to index, and a declared tensor has fewer axes than the letters.
    if (
      isAcronym(sym.sub) &&
      ((e?.kind === 'def' && !e.indices) || (e?.kind === 'decl' && sym.sub.length > e.spec.shape.length))
    )
      return false;
    // `P_m = 55` beside the inverse demand `P(Q) = 100 - 2Q`: a function has no entries, so the
    // subscript names a quantity of its own, unless its letters are the function's parameters
    // (`f_x = 2xy`, a claim about the partial derivative).
    const onFunction = functionSubscript(e ?? undefined, sym);
    if (onFunction) return onFunction.kind === 'partial';
    // `x_0 = 1, x_1 = 1.5` after `x \in \mathbb{R}`: numbered names of their own (iterates), while
    // `x_{k+1} = …` stays a recurrence, not a definition.
    if (e?.kind === 'decl' && e.spec.shape.length === 0 && sym.sub.every((x) => x.kind === 'num'))
      return false;
    // `\mu_0`, `\mu_n` beside a random number `\mu \sim \mathcal{N}(\mu_0, 1/\tau_0)`: a number has no
    // entries, so these are the prior's and the posterior's means, names of their own.
    if (e?.kind === 'random' && !e.pattern) return false;
    // A vector inferred from a list ("predictions $\hat{y}_1, \dots, \hat{y}_L$") is the reader's
    // guess, not the author's declaration: an entry the text then gives a formula is defined by it.
    if (e?.kind === 'decl' && e.inferred) return false;
    // `d_{ff} = 14336`, `d_{head} = 4096 / 32`, `n_{kv}`, `m_h` after `d = 4096`, `n = 32`, `m = 6`: a
    // plain number has no entries, so the letters under it are a label and the name one of its own.
    // So does a number computed from numbers (`M = 3 \cdot 5 \cdot 7`, then `M_1 = 35`) or from names
    // holding numbers (`L = \rho/(1 - \rho)` with ρ = λ/μ and λ = 8, μ = 10, then `L_q = …`).
    const plainNumber =
      (e?.kind === 'case' && !e.fill) ||
      (e?.kind === 'def' && !e.params && !e.indices && !e.sequence && isNumericLiteral(e.expr)) ||
      // (letters a sum or range lets run may still index: `u_{ij}` beside `\sum_i \sum_j`)
      (e !== null &&
        this.valueIsNumber(e, block, 0) &&
        !sym.sub.some((x) => x.kind === 'sym' && this.letsRun(x)));
    // So is a word under a formula of such numbers (`v = \sqrt{G M / r}` after G, M and r were given
    // numbers): `v_{esc}`, `v_{circ}` name speeds of their own. Letters that run or hold a whole
    // number may still index (`m_{ij}` under a sum), and a single letter is left as it was read.
    const word =
      sym.sub.length >= 2 &&
      sym.sub.every(
        (x) => x.kind === 'sym' && x.sub === null && !this.letsRun(x) && !this.holdsWhole(x, block),
      );
    if (word && e && this.givesNumber(e, block, 0)) return false;
    // Numbered too: `n_1 = 12`, `n_2 = 15` after `n = 64`, `T_1 = 44 - 80` after `T = 150`: a number
    // has no entries, so a numbered name is one of its own.
    const label = (x: Node) =>
      (x.kind === 'sym' && x.sub === null) || (x.kind === 'num' && /^\d+$/.test(x.text));
    if (plainNumber && sym.sub.every(label)) return false;
    const array = (e?.kind === 'decl' && e.spec.shape.length > 0) || (e?.kind === 'def' && !!e.indices);
    if (isFractionLabel(sym.sub, array)) return false;
    // `s_x = 0.03`, `z_w = 0` beside the scale `s = (x_{\max} - x_{\min})/255`: under a value of
    // its own (no declared array, no family of members) a letter the text names as a quantity and
    // never lets range is whose scale it is, a label; `x_i`, `W_{ij}` and a sum's `a_n` stay indices.
    const single = e?.kind === 'def' && !e.params && !e.indices && !e.sequence;
    if (single && sym.sub.every((x) => x.kind === 'sym' && this.namesQuantity(x, block))) return false;
    return !!e && (e.kind === 'decl' || e.kind === 'def' || e.kind === 'random');
  }
}

/** Node kinds of a formula of numbers (its names aside): arithmetic, roots, absolute values, calls. */
const SCALAR_FORMULA_KINDS: ReadonlySet<string> = new Set([...NUMERIC_KINDS, 'sym']);

/** `h_0[i]` as the element `h_0` indexed by `i`, for an elementwise definition; null unless a name. */
/** `-1`: a negative whole number written as an index. */
const usesName = (e: Node, name: string) => someNode(e, (n) => n.kind === 'sym' && n.name === name);

const SCALAR_OPS = new Set(['+', '-', 'juxt', 'cdot', 'times', '/']);

/** `(5, 1, 2, 10, 6)`: a list of two or more numbers in round or square brackets. */
function isTupleOfNumbers(n: Node): boolean {
  return (
    n.kind === 'group' &&
    (n.open === '(' || n.open === '[') &&
    n.items.length >= 2 &&
    n.items.every((x) => isNumericLiteral(x) || (x.kind === 'neg' && isNumericLiteral(x.operand)))
  );
}

/** `n` with each bracket on the letter `name` (`dp[i-1]`) read as the member, `dp_{i-1}`. */
function bracketMembersOf(n: Node, name: string): Node {
  if (n.kind === 'subscript' && n.bracket && n.base.kind === 'sym' && n.base.name === name) {
    const member = bracketMember(n);
    if (member) return member;
  }
  const out: Record<string, unknown> = {};
  let changed = false;
  for (const [key, value] of Object.entries(n)) {
    const mapped = mapChild(value, name);
    if (mapped !== value) changed = true;
    out[key] = mapped;
  }
  return changed ? (out as unknown as Node) : n;
}

function mapChild(value: unknown, name: string): unknown {
  if (Array.isArray(value)) {
    const mapped = value.map((v) => mapChild(v, name));
    return mapped.some((v, i) => v !== value[i]) ? mapped : value;
  }
  if (value !== null && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string')
    return bracketMembersOf(value as Node, name);
  return value;
}

function wholeNegative(x: Node): boolean {
  return x.kind === 'neg' && x.operand.kind === 'num';
}

function bracketElement(n: Extract<Node, { kind: 'subscript' }>): SymNode | null {
  if (n.base.kind !== 'sym') return null;
  const text = n.indices.map((x) => (x.kind === 'sym' ? x.name : '?')).join(',');
  return {
    ...n.base,
    stem: n.base.name,
    name: `${n.base.name}[${text}]`,
    sub: n.indices,
    subText: text,
    end: n.end,
  };
}

const ORDER_OPS = new Set(['<', '>', '\\le', '\\ge']);

/** How many of the latest computed and rounded decimals a later claim may reuse (reusedRoundedResults). */
const REUSE_WINDOW = 64;

/**
 * `\angle Z = \arctan(6/8) = 36.87^\circ`, then `P = 1440\cos 36.87^\circ = 1152`: a decimal of three
 * or more significant digits that an earlier claim wrote as the rounded value of a computation (a lone
 * decimal, or one in degrees, against a side that computes; or a whole number of three or more digits
 * rounded from decimals, roundedResultOf) stands for that value when a later claim writes it again,
 * and keeps its rounding there. The texts of such decimals the claim writes, other
 * than its own result.
 */
function reusedRoundedResults(results: readonly string[], lhs: Node, rhs: Node): string[] {
  if (results.length === 0) return [];
  const own = loneDecimal(rhs);
  const out: string[] = [];
  for (const side of [lhs, rhs])
    walk(side, (x) => {
      if (x.kind === 'num' && x !== own && results.includes(x.text) && !out.includes(x.text))
        out.push(x.text);
    });
  return out;
}

/**
 * The text of a claim's result when it is a computed value rounded to a decimal of three or more
 * digits, or to a whole number of three or more digits computed from decimals, a root or π, its unit
 * after it or not (`\frac{7800 \times 460 \times 0.00333}{50} = 239\ \mathrm{s}`: a measured result
 * rounded to units, as check/claim/rounding.ts roundedWholeNumber reads it).
 */
function roundedResultOf(lhs: Node, rhs: Node): string | null {
  const result = loneDecimal(rhs);
  if (result) return loneDecimal(lhs) === null && significantDigits(result.text) >= 3 ? result.text : null;
  const whole =
    rhs.kind === 'bin' && PRODUCTS.has(rhs.op) && rhs.left.kind === 'num' && isUnitFactor(rhs.right)
      ? rhs.left
      : rhs;
  return whole.kind === 'num' && /^[1-9]\d{2,}$/.test(whole.text) && inexactNumbers(lhs) ? whole.text : null;
}

/** Arithmetic of numbers alone with a decimal, a root or π in it: a value no whole number writes exactly. */
function inexactNumbers(n: Node): boolean {
  let inexact = false;
  let other = false;
  walk(n, (x) => {
    if ((x.kind === 'num' && x.text.includes('.')) || x.kind === 'sqrt') inexact = true;
    else if (x.kind === 'sym') {
      if (x.name === '\\pi') inexact = true;
      else other = true;
    } else if (x.kind === 'apply' || x.kind === 'call') other = true;
  });
  return inexact && !other && n.kind !== 'num';
}

/**
 * A side that is one decimal, signed, in degrees (`36.87^\circ`, read as 36.87π/180) or followed by
 * its unit (`48.2\,\Omega`): that number.
 */
function loneDecimal(n: Node): Extract<Node, { kind: 'num' }> | null {
  if (n.kind === 'neg') return loneDecimal(n.operand);
  if (n.kind === 'bin' && PRODUCTS.has(n.op) && n.left.kind === 'num' && isUnitFactor(n.right))
    return loneDecimal(n.left);
  if (n.kind === 'num') return n.text.includes('.') ? n : null;
  if (
    n.kind === 'frac' &&
    n.denominator.kind === 'num' &&
    n.denominator.value === 180 &&
    n.numerator.kind === 'bin' &&
    n.numerator.right.kind === 'sym' &&
    n.numerator.right.name === '\\pi'
  )
    return loneDecimal(n.numerator.left);
  return null;
}

/** A unit written after a number: an SI unit, or the plain Ω circuit notes write for the ohm. */
function isUnitFactor(n: Node): boolean {
  if (n.kind === 'sym' && n.name === '\\Omega' && n.sub === null) return true;
  return unitExpr(n)?.dims !== undefined;
}

const significantDigits = (text: string) => text.replace('-', '').replace('.', '').replace(/^0+/, '').length;
/** The rest of a relation's math, then the words up to the next math and that math (chosenForBound). */
const CHOSEN_AFTER =
  /^[^$]*?(?:\$\$|\$|\\\)|\\\])([^$\\]{1,80}?)(?:\$\$|\$|\\\(|\\\[)([^$]{1,60}?)(?:\$\$|\$|\\\)|\\\])/;
/**
 * Words that go on from a bound to the number chosen to meet it, in the same sentence: "so", "hence
 * we take", "i.e. at least", "rounding up,", or that name what the number is ("so the correlation
 * is", "hence the sample standard deviation is"). A full stop ends the sentence, and so the choice.
 */
const CHOSEN_WORDS =
  /^[\s,;:]*(?:(?:and|so|hence|thus|therefore|i\.\s?e\.|that\s+is|which\s+gives|giving|rounding\s+up|round\s+up|to|we|take|choose|pick|use|need|set|get|at\s+least|the\s+smallest\s+(?:such\s+)?(?:[a-z]+\s+)?is|the\s+(?:[a-z]+\s+){1,3}is)(?![a-z])[\s,;:]*){1,5}$/i;
/** `n = 139`, `N = 1{,}068`, `\eta = 0.1`: a name and a number, as the chosen value is written. */
const CHOSEN_VALUE = /^\s*([^=<>]+?)\s*=\s*(\d+(?:\{,\}\d{3}|,\d{3})*(?:\.\d+)?)\s*[.,;]?\s*$/;
/**
 * `p^* = 3/7`, `q = \frac{1}{3}`, `x = -2`, `n = 1{,}068`: the number an equation's sentence solves
 * it for — a whole number, a decimal or a fraction of whole numbers, with a sign.
 */
const SOLVED_VALUE =
  /^\s*([^=<>]+?)\s*=\s*(-?\s*(?:\\[dt]?frac\{\d+\}\{\d+\}|\d+(?:\{,\}\d{3}|,\d{3})*(?:\.\d+)?(?:\s*\/\s*\d+)?))\s*[.,;]?\s*$/;

/** The node of such a number at a place, or null when it is none. */
function solvedNumber(text: string): ((start: number, end: number) => Node) | null {
  const t = text.replace(/\s+/g, '');
  const negative = t.startsWith('-');
  const body = negative ? t.slice(1) : t;
  const parts = /^\\[dt]?frac\{(\d+)\}\{(\d+)\}$/.exec(body) ?? /^(\d+)\/(\d+)$/.exec(body);
  const whole = parts ? null : Number(body.replace(/\{,\}|,/g, ''));
  if (whole !== null && !Number.isFinite(whole)) return null;
  if (parts && Number(parts[2]) === 0) return null;
  return (start, end) => {
    const num = (v: number, written: string): Node => ({ kind: 'num', value: v, text: written, start, end });
    const magnitude: Node = parts
      ? {
          kind: 'group',
          open: '(',
          close: ')',
          items: [
            {
              kind: 'frac',
              numerator: num(Number(parts[1]), parts[1]),
              denominator: num(Number(parts[2]), parts[2]),
              start,
              end,
            },
          ],
          start,
          end,
        }
      : num(whole as number, body);
    return negative
      ? {
          kind: 'group',
          open: '(',
          close: ')',
          items: [{ kind: 'neg', operand: magnitude, start, end }],
          start,
          end,
        }
      : magnitude;
  };
}

/**
 * A side of plain arithmetic — numbers and names under + − × ÷, powers, roots and brackets — as an
 * equation solved for one of its letters is written; a function, derivative, sum or law is not.
 */
function onlyArithmetic(n: Node): boolean {
  let plain = true;
  walk(n, (x) => {
    if (!ARITHMETIC_KINDS.has(x.kind) || (x.kind === 'bin' && (x.apply || !ARITHMETIC_OPS.has(x.op))))
      plain = false;
  });
  return plain;
}

const ARITHMETIC_KINDS = new Set(['num', 'sym', 'neg', 'bin', 'pow', 'frac', 'sqrt', 'group', 'subscript']);
const ARITHMETIC_OPS = new Set(['+', '-', 'juxt', 'cdot', 'times', '/']);
/**
 * The why of a requirement's role ("we need $n \ge …$"), or of an equation the words name one to
 * solve ("$q$ solves $2q = 1 - q$"): a bound the sentence may go on to meet, an equation whose
 * solution it may go on to give ("giving $q = 1/3$"), checked at that number.
 */
const REQUIREMENT_ROLE = /condition to meet|an equation to solve/;
/**
 * A declaration the words call one-hot (`$y \in \mathbb{R}^K$ is a one-hot label`): a real vector,
 * or a real matrix whose rows are the batch's labels, sampled one-hot (check/trial.ts).
 */
/**
 * A declared real object sampled as the kind says, or null when it cannot be one: a vector kind on
 * a vector, a matrix kind on a matrix, and a square one (symmetric, positive definite, stochastic)
 * on a square matrix. An inferred object keeps its reading: the words describe the author's.
 */
const KIND_WORDS: Record<MatrixKind, string> = {
  orthogonal: 'orthonormal columns',
  symmetric: 'symmetric',
  spd: 'symmetric positive definite',
  diagonal: 'diagonal',
  stochastic: 'rows of nonnegative entries summing to 1',
  unit: 'a unit vector',
  probability: 'nonnegative entries summing to 1',
  unsampled: 'a kind no sample is drawn as',
};

/**
 * Sets whose entries are drawn one by one: a matrix of them is made symmetric by mirroring its upper
 * triangle (check/trial.ts), which keeps every entry in the set — an adjacency matrix in
 * $\{0,1\}^{n \times n}$ the words call symmetric is sampled as one.
 */
const ENTRYWISE_SETS: ReadonlySet<string> = new Set([
  'real',
  'bits',
  'integer',
  'natural',
  'positive',
  'interval',
]);

function specOfKind(known: Extract<Entry, { kind: 'decl' }>, kind: MatrixKind, words = ''): DeclSpec | null {
  if (known.inferred) return null;
  if (known.spec.set !== 'real' && !(kind === 'symmetric' && ENTRYWISE_SETS.has(known.spec.set))) return null;
  const axes = known.spec.shape.length;
  if (axes !== (VECTOR_KINDS.has(kind) ? 1 : 2)) return null;
  // A kind no sample is drawn as: the matrix stays general, and the words say what it is.
  if (kind === 'unsampled') return { ...known.spec, unsampled: unsampledKindIn(words) ?? 'a special kind' };
  // Rows that sum to one are a property of each row: attention weights are n × m.
  const anyShape = kind === 'orthogonal' || kind === 'diagonal' || kind === 'stochastic';
  if (!anyShape && axes === 2 && !isSquareShape(known.spec.shape)) return null;
  switch (kind) {
    case 'orthogonal':
      return { ...known.spec, orthogonal: true };
    case 'symmetric':
      return { ...known.spec, symmetric: true };
    case 'spd':
      return { ...known.spec, set: 'spd' };
    default:
      return { ...known.spec, made: kind };
  }
}

function oneHotSpec(read: DeclResult): DeclResult {
  if (!read.ok || read.spec.set !== 'real' || read.spec.shape.length < 1 || read.spec.shape.length > 2)
    return read;
  return { ok: true, spec: { ...read.spec, oneHot: true } };
}

/** Words before a span that name where something is evaluated rather than define a letter. */
const POINT_WORDS = new Set(['for', 'with', 'where']);
/** "The entries of $W$ …", "the components of a query $q$ …": words before a span about its entries. */
/** "are distributions on", "be probability distributions over": the span after is the support. */
const DISTRIBUTIONS_ON =
  /^\s*,?\s*(?:be|are|is|denote)\s+(?:an?\s+)?(?:(?:two|discrete|probability)\s+)*distributions?\s+(?:on|over)\s*$/i;

/** The size of a finite support written `\{1, \dots, K\}` or `[K]`: K; null for any other span. */
function finiteSupportSize(list: Statement[]): Node | null {
  if (list.length !== 1 || list[0].ops.length !== 0) return null;
  const set = list[0].sides[0];
  if (set.kind !== 'group') return null;
  const [a, b, c] = set.items;
  if (set.open === '[' && set.items.length === 1 && a.kind === 'sym' && a.sub === null) return a;
  const one = a?.kind === 'num' && a.value === 1;
  if (set.open === '\\{' && set.items.length === 3 && one && b.kind === 'dots' && c.kind === 'sym') return c;
  return null;
}

/** Between two declarations the law's words cover together: "and", ", and a key", "and the". */
const DECLARATION_JOINER = /^\s*(?:,\s*and\b|,|and\b)\s*(?:(?:an?|the|each)\s+[a-z-]+\s*)?$/i;
const ENTRIES_OF =
  /\b(?:entries|components|coordinates|elements)\s+of\s+(?:(?:an?|the|each)\s+[a-z-]+\s*)?$/i;

/** A word in a script (`x_{\text{max}}`, `\lambda_{\min}`): a label, never an index. */
/** A subscript of capitals written together, maybe after a digit: `IV`, `GLS`, `2SLS`, `MLE`. */
function isAcronym(sub: Node[]): boolean {
  const letters = sub[0]?.kind === 'num' ? sub.slice(1) : sub;
  return (
    letters.length >= 2 && letters.every((x) => x.kind === 'sym' && x.sub === null && /^[A-Z]$/.test(x.name))
  );
}

function isWordLabel(x: Node): boolean {
  return x.kind === 'sym' && /^\\text\{[A-Za-z]+\}$/.test(x.name);
}
const CONSTANT_NAMES = new Set(['e', '\\pi']);
/** Names the checker evaluates itself (check/compile/names.ts builtinSymbol): e, π, I, I_n, 1, 0, ∞. */
const CHECKER_NAMES = /^(?:e|\\pi|I|Id|\\text\{Id\}|\\mathbb\{I\}|\\mathbf\{[01]\}|\\infty)(?:_.+)?$/;

/** A letter that can stand for any value (`x`, `\theta_1`), not a word such as `\text{rain}`. */
function isVariable(n: SymNode): boolean {
  return (
    /^(?:[A-Za-z]|\\[A-Za-z]+)$/.test(n.base) &&
    !/^\\(?:text|mathrm|operatorname|textrm|textit|mathit|mathsf|texttt)/.test(n.base)
  );
}

/** `\hat{\beta}`, `\bar{x}`, `\tilde{\mathbf{w}}` read as names: a letter under accents. */
function isAccentedVariable(n: SymNode): boolean {
  const m = /^\\(?:hat|bar|tilde|check|breve|dot|ddot|widehat|widetilde|overline)\{(.*)\}$/.exec(n.base);
  return m !== null && /^(?:[A-Za-z]|\\[A-Za-z]+|\\(?:hat|bar|tilde|check)\{.*\})$/.test(m[1]);
}

/**
 * "Take $\alpha = \beta = 1$": in running text a chain of names ending in a written number gives each
 * name that number (the chain says no more than that), rather than stating α = β as a condition.
 */
function sharedValue(
  sides: Node[],
  ops: Statement['ops'],
  display: boolean,
  free: (sides: Node[]) => boolean,
): Node | null {
  if (display || sides.length < 3 || ops.length !== sides.length - 1) return null;
  if (!ops.every((o) => o.op === '=')) return null;
  const last = sides[sides.length - 1];
  if (numberOf(last, true) === null && !(isConstantFormula(last) && last.kind !== 'num')) return null;
  return free(sides.slice(0, -1)) ? last : null;
}

/** The names a span introduces or declares: `$U$`, `$U, V$`, `$Q \in \mathbb{R}^{n \times n}$`. */
function subjectNames(list: Statement[]): SymNode[] {
  return list.flatMap((st) =>
    st.ops.length === 0 || (st.ops.length === 1 && st.ops[0].op === '\\in')
      ? (nameList(st.sides[0]) ?? [])
      : [],
  );
}

/** The single capital letters a relation uses, the identity I aside: the matrices a size lead speaks of. */
function matrixLetters(st: Statement): SymNode[] {
  const out: SymNode[] = [];
  for (const side of st.sides)
    walk(side, (n) => {
      if (n.kind === 'sym' && /^[A-HJ-Z]$/.test(n.name) && n.primes === 0) out.push(n);
    });
  return out;
}

/** The names a span lists, dots aside (`X_1, \dots, X_n`, `w_{ij}`, `X`), or [] when it is not a list of names. */
function memberNames(list: Statement[]): SymNode[] {
  if (list.some((st) => st.ops.length !== 0)) return [];
  const items = list.flatMap((st) => (st.sides[0].kind === 'list' ? st.sides[0].items : [st.sides[0]]));
  if (!items.every((x) => x.kind === 'sym' || x.kind === 'dots')) return [];
  return items.filter((x): x is SymNode => x.kind === 'sym');
}

/** `q, k \in \mathbb{R}^{d}`: the names a span declares, or none. */
function declaredNames(list: Statement[]): SymNode[] {
  if (list.length !== 1 || list[0].ops.length !== 1 || list[0].ops[0].op !== '\\in') return [];
  return nameList(list[0].sides[0]) ?? [];
}

/** `W_1`, `W_1, W_2`: the names of a declaration's left side. */
function nameList(n: Node): SymNode[] | null {
  if (n.kind === 'sym') return [n];
  if (n.kind === 'list' && n.items.every((x) => x.kind === 'sym')) return n.items as SymNode[];
  return null;
}

/**
 * `x_1, \dots, x_n` (or `x_1, x_2, \ldots, x_n`): members of one family written with dots, declared
 * as the family (the pattern `x_i`), as `x_i \in \mathbb{R}` declares it.
 */
function elidedMembers(n: Node): { first: SymNode; last: SymNode; pattern: SymNode } | null {
  if (n.kind !== 'list' || !n.items.some((x) => x.kind === 'dots')) return null;
  const members = n.items.filter((x): x is SymNode => x.kind === 'sym');
  if (members.length < 2 || members.length + 1 !== n.items.length) return null;
  const first = members[0];
  if (first.sub === null || members.some((m) => m.stem !== first.stem || m.sub?.length !== 1 || m.primes > 0))
    return null;
  const last = members[members.length - 1];
  return { first, last, pattern: { ...first, name: `${first.stem}_{i}`, sub: [], subText: 'i' } };
}

/** How a mask read from its entries' law is described (maskOfDraws), and known again. */
const MASK_KIND = 'a mask of independent draws shaped like its partner';

/** Why a law stated for a name defined from random variables is not read as a declaration. */
function derivedLawReason(name: string, from: string[]): string {
  return (
    `${name} is defined from the random variable${from.length > 1 ? 's' : ''} ${from.join(', ')}, so this ` +
    `states the law of its value, which derivcheck does not derive; ${name} keeps its rule (claims about ` +
    `its moments are checked through it)`
  );
}

/** `R_{ij} \sim …` declares every element of R. */

function elementPatternNames(n: Node): SymNode[] | null {
  return nameList(n);
}

/** `W_i`: a subscript that is a lone letter declares every `W_<anything>`. */
function isPatternName(n: SymNode): boolean {
  return n.subText !== null && /^[a-zA-Z]$|^\\ell$/.test(n.subText);
}

/** Names that mean a mathematical constant until the document defines them, with their values. */
const CONSTANTS = new Map([
  ['\\pi', Math.PI],
  ['e', Math.E],
]);

/**
 * `\pi = 3.14`, `e = 2.718`, `\pi = \frac{22}{7}`: a constant not yet defined here, given a
 * number within 1% of its value, is a claim about the constant. Another number (`\pi = 0.5`, a
 * policy) is the document's own use of the letter, a definition.
 */
function isConstantGivenNumber(lhs: Node, rhs: Node, env: Env, block: number): boolean {
  const constant = lhs.kind === 'sym' ? CONSTANTS.get(lhs.name) : undefined;
  if (constant === undefined || lhs.kind !== 'sym' || env.lookup(lhs.name, block)) return false;
  const value = literalValue(rhs);
  return value !== null && Math.abs(value - constant) <= 0.01 * constant;
}

/** The value of a written number or a fraction of two, else null. */
function literalValue(n: Node): number | null {
  if (n.kind === 'num') return n.value;
  if (n.kind === 'frac' && n.numerator.kind === 'num' && n.denominator.kind === 'num')
    return n.numerator.value / n.denominator.value;
  return null;
}

/** A letter declared in a range of whole numbers written with dots, `i \in \{1, \dots, n\}`. */
function isRangeIndex(e: Entry | null): boolean {
  return e?.kind === 'decl' && isIndexRange(e.spec);
}

/**
 * `t = 1, \dots, T`, a letter with no subscript equal to a bare comma list with dots, says what t
 * runs over, not what t is: read as `t \in \{1, \dots, T\}`.
 */
function asMembership(r: Relation): Relation {
  const { lhs, rhs, op } = r;
  if (op.op !== '=' || lhs.kind !== 'sym' || lhs.sub !== null || rhs.kind !== 'list' || !isRangeList(rhs))
    return r;
  const range: Node = {
    kind: 'group',
    open: '\\{',
    close: '\\}',
    items: rhs.items,
    start: rhs.start,
    end: rhs.end,
  };
  return { ...r, op: { ...op, op: '\\in' }, rhs: range };
}

function isRangeList(n: Node): boolean {
  if (n.kind === 'list') return n.items.some((x) => x.kind === 'dots');
  if (n.kind === 'group' && n.open === '\\{') return n.items.some((x) => x.kind === 'dots');
  return false;
}

function dimensionNames(shape: Node[]): string[] {
  const out: string[] = [];
  for (const d of shape) for (const s of freeSymbols(d)) out.push(s);
  return out;
}

/** What a setting directive expects, for its message. */
const SETTING_EXPECTS: Record<string, string> = {
  tolerance: 'a number between 0 and 1',
  trials: 'a whole number from 1 to 10000',
};

/** Why a relation derivcheck reads but does not evaluate is left unchecked, and what to write instead. */
function otherRelation(command: string): string {
  if (command === '\\leftarrow' || command === '\\gets' || command === '←')
    return (
      'an update (←) assigns a new value in an algorithm and states no equality; to check a step, ' +
      'name the new value: v_{k+1} = v_k - \\lambda g'
    );
  if (command === '\\perp' || command === '⊥')
    return 'orthogonality (⊥) is not checked; to have it checked, write the inner product: u^\\top v = 0';
  if (/^\\(?:subset|subseteq|supset)$/.test(command)) return 'set inclusion is not checked';
  return `the relation ${command} is not checked`;
}

/** The font a declared or defined name was written in, kept on its entry (only when not ordinary). */
function fontOf(n: SymNode): { font?: string } {
  return n.font ? { font: n.font } : {};
}

/** A relation as a comparison node, to be evaluated as a condition. */
/** The name an order relation bounds (`\alpha > 2/L`, `0 < t`), when one side is a lone name. */
function quantifiedBound(st: Statement): SymNode | null {
  if (st.ops.length === 0 || !ORDER_OPS.has(st.ops[0].op)) return null;
  const [a, b] = st.sides;
  if (a?.kind === 'sym' && b?.kind !== 'sym') return a;
  return b?.kind === 'sym' && a?.kind !== 'sym' ? b : null;
}

function cmpOf(r: Relation): Node {
  return { kind: 'cmp', op: r.op.op, left: r.lhs, right: r.rhs, start: r.lhs.start, end: r.rhs.end };
}

/** Where an item starts in the source, its delimiters included. */
function itemStartOf(item: ReadResult['items'][number]): number {
  return item.kind === 'math' ? Math.min(item.start, item.outerStart) : item.start;
}

/** Where an item ends in the source, its delimiters included. */
/**
 * For a name joined to names before it ("$A$, $B$", "$U$ and $V$"), the words before the first of
 * them, or null when the item follows no such list. Read from the text alone (no state carried
 * from item to item, so an edit's build reads it as a fresh one does).
 */
function wordsBeforeList(
  items: readonly ReadResult['items'][number][],
  k: number,
  source: string,
): string | null {
  const bareName = (it: ReadResult['items'][number] | undefined) =>
    it?.kind === 'math' && !it.display && /^\s*(?:[A-Za-z]|\\[A-Za-z]+)(?:_\{?\w+\}?)?\s*$/.test(it.text);
  const gapBefore = (j: number) =>
    source.slice(j > 0 ? itemEndOf(items[j - 1]) : 0, (items[j] as { outerStart: number }).outerStart);
  if (!bareName(items[k])) return null;
  let j = k;
  for (let steps = 0; j > 0 && steps < 6 && bareName(items[j - 1]) && NAME_JOINER.test(gapBefore(j)); steps++)
    j--;
  return j === k ? null : gapBefore(j);
}

function itemEndOf(item: ReadResult['items'][number]): number {
  return item.kind === 'math' ? item.outerEnd : item.end;
}

/**
 * The scope id of a section (prose.ts numbers them): negative, apart from the sentence and
 * passage scopes the builder counts, so that an enclosing section's scope is known without state.
 */
function sectionScope(section: number): number {
  return -(section + 1);
}

/** Whether `n` writes the name itself (`C(x)`, `T(n - 1)`, `f'(0)`); `N_0` is another name than N. */
function mentions(n: Node, name: string): boolean {
  let found = false;
  walk(n, (x) => {
    if (
      (x.kind === 'sym' && x.name === name) ||
      ((x.kind === 'apply' || x.kind === 'prime') && x.f.name.replace(/'+$/, '') === name)
    )
      found = true;
  });
  return found;
}

/** Why math the text quotes as someone's mistake is not checked. */
const STRUCK_OUT =
  'not a claim: the text strikes it out, taking it back; remove the strike-through to have it checked';

function quotedReason(why: string): string {
  return (
    `not a claim: ${why.replace(/^the text/, 'the text around it')}; to have it ` +
    'checked as your own claim, state it outside that sentence'
  );
}

/**
 * The names a labelled row gives values (`\varnothing: (p_b, p_{nb}) = (0.3, 0)`, `\text{a}: p_{nb} =
 * …`): a name, or a tuple of names, on the left; null for anything else.
 */
function labelledNames(side: Node | undefined): string[] | null {
  if (!side) return null;
  if (side.kind === 'sym') return [side.name];
  if (
    side.kind === 'group' &&
    side.open === '(' &&
    side.items.length > 1 &&
    side.items.every((x) => x.kind === 'sym')
  )
    return side.items.map((x) => (x as { name: string }).name);
  return null;
}

/**
 * The set the words of scalarInWords name: "every integer" the integers, "each natural number" and
 * "all positive integers" the naturals, any other noun the reals. A claim about whole numbers is
 * sampled at whole numbers only: `\cos(2\pi n) = 1` holds for them and fails between them.
 */
/** Words naming numbers of a kind no sample is drawn as: "an odd integer", "a prime". */
const UNSAMPLED_NUMBER_KIND = /\b(?:odd|even|prime|composite|multiples?)\b/i;

function numberSetInWords(words: string): { set: SetKind; kind: string; declare: string } {
  if (/\b(?:natural|whole)\s+numbers?$|\b(?:positive|non-?negative|nonnegative)\s+integers?$/.test(words))
    return { set: 'natural', kind: 'any natural number', declare: '\\mathbb{N}' };
  if (/\bintegers?$/.test(words)) return { set: 'integer', kind: 'any integer', declare: '\\mathbb{Z}' };
  // "a positive constant", "where $\lambda$ is a positive scalar": a positive real number.
  if (/\bpositive\s+(?:real\s+)?(?:constants?|scalars?|(?:real\s+)?numbers?|reals?)$/.test(words))
    return { set: 'positive', kind: 'any positive number', declare: '\\mathbb{R}_{>0}' };
  return { set: 'real', kind: 'any real number', declare: '\\mathbb{R}' };
}

/** Whether a claim counts with the letter: it bounds a sum or product, or is in a binomial's arguments. */
function countsWith(c: Claim, name: string): boolean {
  let counts = false;
  const mentions = (n: Node | null | undefined) => {
    let found = false;
    if (n) walk(n, (x) => void (found ||= x.kind === 'sym' && x.name === name));
    return found;
  };
  for (const side of [c.lhs, c.rhs])
    walk(side, (x) => {
      if (x.kind === 'bigop' && mentions(x.index?.to)) counts = true;
      if (x.kind === 'binom' && (mentions(x.n) || mentions(x.r))) counts = true;
    });
  return counts;
}

/**
 * A relation as the conditions it states: `x, y > 0` (a list of letters on one side, one bound on the
 * other) bounds each letter, as `x > 0` and `y > 0`; anything else is the one condition it is.
 */
function listedConditions(r: Relation): Node[] {
  const one = (left: Node, right: Node): Node => ({
    kind: 'cmp',
    op: r.op.op,
    left,
    right,
    start: left.start,
    end: right.end,
  });
  const names = (n: Node) => n.kind === 'list' && n.items.every((x) => x.kind === 'sym');
  if (names(r.lhs) && r.rhs.kind !== 'list' && r.lhs.kind === 'list')
    return r.lhs.items.map((x) => one(x, r.rhs));
  if (names(r.rhs) && r.lhs.kind !== 'list' && r.rhs.kind === 'list')
    return r.rhs.items.map((x) => one(r.lhs, x));
  return [one(r.lhs, r.rhs)];
}

/** The names a formula writes as whole letters (`\eta_{\max}`, not its stem or its subscript). */
function letterNames(n: Node): Set<string> {
  const out = new Set<string>();
  const inner = new Set<Node>();
  walkFree(n, (x) => {
    if (x.kind !== 'sym' || inner.has(x)) return;
    out.add(x.name);
    for (const y of x.sub ?? []) walk(y, (z) => inner.add(z));
  });
  return out;
}

/** How a span of names orders them: a chain `\sigma_1 \ge \dots \ge \sigma_r` states it. */
type SpectrumOrder = 'unstated' | 'decreasing' | 'increasing';

/** The names a span lists for a spectrum (`s_j`, `\lambda_1, \dots, \lambda_n`, a chain with ≥ or ≤), or null. */
function spectrumNames(list: Statement[]): { names: SymNode[]; order: SpectrumOrder } | null {
  const listed = memberNames(list);
  if (listed.length > 0) return { names: listed, order: 'unstated' };
  if (list.length !== 1) return null;
  const { ops, sides } = list[0];
  const down = ops.every((o) => o.op === '\\ge' || o.op === '>');
  const up = ops.every((o) => o.op === '\\le' || o.op === '<');
  if (ops.length === 0 || !(down || up)) return null;
  if (!sides.every((x) => x.kind === 'sym' || x.kind === 'dots')) return null;
  return {
    names: sides.filter((x): x is SymNode => x.kind === 'sym'),
    order: down ? 'decreasing' : 'increasing',
  };
}
