// What the running text around each math span says about it, read as a careful reader reads:
// which section, passage and sentence it belongs to, and whether the words before it make it a
// condition ("if $A = B$", "for $q < 1/3$"), a setting ("let", "with", "where") or the
// introduction of a fresh object ("for any $x$", "a matrix $A$"). Only the prose between spans
// is looked at; the reader's structure (blocks) says where paragraphs and list items are.
import type { DocItem, DocumentKind } from '../document/types';
import { isSentenceLabel, labelBefore, labelsQuotation, turnsToRight } from './labels';
import { struckDepthAfter } from './struck';
import {
  FOREIGN_CORRECTION,
  FOREIGN_FRESH,
  FOREIGN_HYPOTHESIS,
  FOREIGN_JOINERS,
  FOREIGN_MISTAKE,
  FOREIGN_QUALIFIER,
  FOREIGN_RESTATES,
  FOREIGN_SETTING,
  FOREIGN_WRONGLY,
  HYPOTHESIS_AFTER,
  isIdeographic,
  MISTAKE_AFTER,
  SETTING_AFTER,
} from './proseLanguages';
import { type GeometricCount, geometricCount, writesGeometric } from './appliedLaws';
import { lawsNamed } from './lawWords';
import { qualifiesItsRow } from './tableConditions';
import { sentenceModulus, statedModulus } from './modularWords';

export interface ProseContext {
  /** The innermost section around the span: a new id at every heading and stated result. */
  section: number;
  /**
   * The sections around the span, outermost first (`0.3.5`): a heading ends the sections of its
   * level and deeper, not the one around it, so what a section's own text defines holds in its
   * subsections. The text before the first heading is section 0.
   */
  sectionPath: string;
  /**
   * Inside a stated result or its proof (a theorem, lemma, problem … up to the end of its proof):
   * what running text declares there lasts to the end of that unit.
   */
  statement?: boolean;
  /**
   * In the statement of a result proper (a theorem, lemma, proposition …) before its proof: a
   * name it defines by a formula serves the rest of the document (build.ts, scopeOf).
   */
  resultStatement?: boolean;
  /**
   * In the document's opening (before any heading but a title, outside any unit): numbers given
   * there before the first claim are the document's givens (build.ts, scopeOf).
   */
  opening?: boolean;
  /**
   * In a section's own text before its first subsection (not the document's opening, outside any
   * unit): numbers given there before the section's first claim are the section's givens (build.ts).
   */
  sectionOpening?: boolean;
  /**
   * In a section whose heading names data ("## 1. Given data", "### Measurements"): the numbers its
   * passages state are the givens of the section around it (build.ts keepDataGivens).
   */
  dataSection?: true;
  /**
   * The depth in `sectionPath` of the innermost section that is a problem of its own — a numbered
   * question, an exam-class `\question`, a heading that names one problem ("### Problem 2",
   * `\section*{Exercise 3}`, "## Example 3.1"), an example, exercise or problem unit: what a display
   * defines there is that problem's data and ends with it (build.ts, scopeOf).
   */
  problemDepth?: number;
  /** A paragraph, list item or table cell together with the displays that follow it. */
  passage: number;
  /**
   * In a list that a paragraph ending with a colon introduces ("Numbers to remember, $\beta_1 = 0.9$:"
   * then "- at $t = 10$: …"): that paragraph's passage, whose values its items go on using.
   */
  listLead?: number;
  /** Counts sentence ends before the span. */
  sentence: number;
  /**
   * How the words before an inline span frame it. `hypothesis`: inside an "if / when /
   * unless …" clause, or followed by "could / would / might"; `setting`: inside a "for / with /
   * where / let / suppose / such that …" clause; `plain` otherwise (and always for displays).
   */
  role: 'plain' | 'hypothesis' | 'setting';
  /** Which words frame it, for messages: `it follows “if”`. */
  why: string;
  /** The solution the next math gives this equation (`$400 - 4x = 0$ gives $x = 100$`): `x = 100`. */
  solvedAt?: string;
  /**
   * The point its sentence puts it at, written before it: "At the point $(1, 2)$ we get $f_x = 16$"
   * gives `(1, 2)` (check/sentencePoint.ts reads a function of two parameters written bare there).
   */
  pointOfSentence?: string;
  /** The keyword of `why` when a word before the span frames it ("for", "let", "where"). */
  keyword?: string;
  /** The words before it introduce a fresh, generic object ("for any", "given", "a matrix"). */
  fresh: boolean;
  /** The next inline span is its condition (`$\ln' x = 1/x$ for $x > 0$`): its claims hold under it. */
  qualifiedByNext?: boolean;
  /**
   * The word right before it that states a fact about what the text already has ("since $x_1, x_2 >
   * 0$", "because $s_1 = 2 > 0$"): the letters it bounds are particular numbers, not any number.
   */
  fact?: string;
  /** It stands in the condition column of a table row and qualifies the row's earlier math. */
  rowCondition?: boolean;
  /**
   * A setting only as the next item of a comma list of values after "with" (`$A = …$, $U = \Phi$`):
   * the builder keeps it one when it gives a declared name a value, and reads it as a claim otherwise.
   */
  listedValue?: boolean;
  /** It gives a lone name a number right after "at" ("check at $x = 1$"): a point evaluated at. */
  evaluatedAt?: boolean;
  /**
   * The name that words after the span restrict it to (`$\varphi(p) = p - 1$ for a prime $p$`):
   * the words before the next inline span, a lone name, qualify it in a way not written as math.
   */
  restrictedTo?: string;
  /**
   * The kind of object the words after the claim, ending its sentence, state it for ("… $\ge 0$ for a
   * valid kernel"), which no declaration gives: a failure may lie outside that kind (check/claim.ts).
   */
  kindInWords?: string;
  /** The words before it quote it as a mistake ("a common slip is to write", "the student wrote"). */
  quoted?: boolean;
  /** The words right before it deny it ("…, not $d + d = d^2$"): the author says it fails. */
  denied?: string;
  /**
   * The words right before it report it as someone else's ("the authors claim", "Lemma 3 of [5]
   * states", "one might guess"): the author need not assert it — a failure is not the author's.
   */
  attributed?: string;
  /** The words before it ask whether it holds ("prove or disprove:", "determine whether"). */
  askedWhether?: string;
  /**
   * A lone name the words set aside ("ignoring $\varepsilon$", "if we neglect $\lambda$", Korean
   * "$\varepsilon$ 을 무시하면"): the passage's claims are stated with it taken as 0 (build.ts).
   */
  neglected?: true;
  /**
   * The sentence opens with a supposition written only in words, and this is its first math ("If the
   * model has an intercept you even get $h_{ii} \ge 1/n$"): the claim holds under words no sample is
   * made to meet.
   */
  supposedInWords?: string;
  /**
   * The sentence's words before the span say some quantity is held fixed for differentiation
   * ("at test time you use running stats, so $\partial\mu/\partial x_i = 0$", "the target is
   * treated as a constant", "stop-gradient"): the words quoted, for a derivative claimed zero.
   */
  heldFixed?: string;
  /**
   * Said after a supposition made to reach a contradiction, in its passage ("Suppose, for
   * contradiction, that …. Then …"): the steps derive consequences of what cannot hold.
   */
  contradiction?: string;
  /**
   * The words right before it name it a model ("with the model $y = X\beta + \varepsilon$", "the
   * linear model is", "model:"): it says how its left side is made, not a fact to check.
   */
  model?: boolean;
  /** The words right before or after it call it one-hot ("one-hot labels $Y \in …$", "$y$ is one-hot"). */
  oneHot?: boolean;
  /**
   * Its sentence says its list counts from 0 ("$a = (5, 1, 2)$, indexed from $0$", "zero-based",
   * "with indices starting at zero"): a tuple given there is a sequence whose first entry is a_0.
   */
  fromZero?: boolean;
  /**
   * The number the next cell of its table row gives it (`| $d$ | 2048 |`, model/tableValues.ts),
   * and where that number starts; set only for a span alone in its cell.
   */
  cellValue?: string;
  cellValueAt?: number;
  /**
   * The words before it name a kind of number ("a multiplicative constant", "some scalar", "the
   * hyperparameter"): the noun phrase, as written, for a span that is a lone letter.
   */
  scalarWords?: string;
  /**
   * The laws the words of its sentence before it name ("for the Laplace law", "if $x$ is
   * exponential"), comma-separated: the sentence's claims are about those laws.
   */
  lawsNamed?: string;
  /**
   * For a span that writes a geometric law: what the words of its sentence (before and after it)
   * say the variable counts, trials or failures before the first success (model/appliedLaws.ts).
   */
  geometricCount?: GeometricCount;
  /**
   * Its sentence says that what it sets holds beyond its passage ("throughout", "from now on", "for
   * the rest of the problem", "in all parts"): a value it gives lasts for the section (build.ts).
   */
  lasting?: boolean;
  /**
   * The sentence says random variables are independent ("independent", "i.i.d."; not "linearly
   * independent", "not independent", "the independent variable"): moments it gives them in math
   * (build.ts momentFact) describe variables sampled independently.
   */
  independence?: boolean;
  /** The words of its sentence before it give an example ("for example, with", "for instance", "e.g."). */
  example?: boolean;
  /**
   * The words just before it locate a point where something holds ("with equality at", "is attained
   * at", "vanishes when", "equals $p$ at") or where an expression is evaluated ("evaluated at"): a
   * value it gives names that point for its sentence only.
   */
  locatesPoint?: boolean;
  /**
   * The words of its sentence say that what it states holds generally: "In general, …", "More
   * generally, …" (`true`: for every name it writes), or "… for all $x$" after it (the names that
   * span quantifies, as written). A worked example's values do not apply to those names (build.ts).
   */
  universal?: true | string[];
  /**
   * The words around it say its numbers are rounded ("(to rounding)", "up to rounding", "Good
   * (rounding)."): every decimal in its claims is rounded on its own (check/claim/rounding.ts).
   */
  roundedWords?: boolean;
  /**
   * Its words say it is a reading of an instrument ("we measured", "the protractor read", "recorded",
   * "timed"), or it writes an uncertainty (`\pm`): a decimal it gives a name is known to its digits
   * only (check/claim/rounding.ts measuredValues).
   */
  measured?: true;
  /** Its words name another summation method (OTHER_SUMMATION): a divergent series' value is that one's. */
  otherSummation?: boolean;
  /**
   * Its sentence opens by choosing values ("Take $p = \pi/4$.", "We take $\eta = 0.1$", "Now set …"):
   * a value it gives a declared scalar sets up the worked example that follows (build.ts, scopeOf).
   */
  setsUp?: boolean;
  /** It stands in struck-through text (`~~…~~`, `<del>`, `\sout{…}`): taken back (model/struck.ts). */
  struck?: true;
  /**
   * A lone name the words say is the earlier one ("For $A$ above", "with $E$ from Problem 3", "the
   * same $x_0$ as in (a)"): its value that ended with its problem or passage serves this passage
   * again (build.ts, recall).
   */
  recalled?: true;
  /**
   * The words of its sentence before it name an earlier problem, example or part as the source of
   * what it uses ("Using the matrix of Example 2, …", "with the data from part (a)"): the names its
   * claims use whose values ended there serve again (build.ts, recall).
   */
  recallsUnit?: true;
  /**
   * The words put its arithmetic modulo this number (model/modularWords.ts): its own sentence ("$G
   * H^\top = 0$ over GF(2)", `modulusReach` 'sentence'), or a sentence earlier in its section or the
   * document's opening ("All arithmetic is over $\mathbb{F}_2$", 'section').
   */
  modulus?: number;
  modulusReach?: 'sentence' | 'section';
}

/**
 * Words that say a claim's numbers are rounded values: "(to rounding)", "up to rounding", "within
 * rounding error", "(rounding)" right after it ("$… \approx 0$. Good (rounding)."), or before it in
 * its sentence ("to rounding, $0.9163 = 0.6931 + 0.2231$").
 */
const ROUNDING_PHRASE =
  String.raw`(?:(?:up\s+)?to|within|modulo|` + String.raw`but\s+for|save\s+for|except\s+for)\s+rounding\b`;
/** Words of a reading in the sentence before a span: "we measured", "the scale read", "was recorded". */
const MEASURED_BEFORE =
  /\b(?:measured|measuring|measurements?|recorded|observed|timed|weighed|(?:scale|meter|gauge|protractor|thermometer|dial|ruler|balance|display|voltmeter|ammeter|caliper|calliper|stopwatch|burette)\s+(?:read|reads|showed|shows|gave|gives))\b[^.;!?]*$/i;
/** How far before a span MEASURED_BEFORE looks (its clause, not the paragraph). */
const MEASURED_REACH = 120;
const ROUNDED_BEFORE = new RegExp(String.raw`\b${ROUNDING_PHRASE}[^.;!?\u0000]*$`);
const ROUNDED_AFTER = new RegExp(
  String.raw`^[^.;!?\u0000]*\b${ROUNDING_PHRASE}|` +
    String.raw`^[\s.,;:!]*(?:[a-z]+[\s,!]+){0,2}\(\s*rounding(?:\s+errors?)?\s*\)`,
);
/** How far after a span its rounding words are read: its own sentence's end, or a short remark. */
const ROUNDED_REACH = 40;

/**
 * Words naming a summation method other than the limit of partial sums ("in the ζ-regularised
 * sense", "(Ramanujan summation)", "Cesàro", "Abel", "by analytic continuation"): a value given a
 * divergent series there is that method's, which the series' divergence does not refute.
 */
const OTHER_SUMMATION =
  /\b(?:regulari[sz](?:ed|ation|ing)|ramanujan|ces[aà]ro|abel(?:ian)?\s+(?:sum|summ|mean)|borel\s+sum|analytic(?:al)?\s+continuation|zeta\s+function\s+regulari)/i;
/** How far before and after a span those words are read: about its sentence. */
const OTHER_SUMMATION_REACH = 120;

/**
 * A sentence that opens with the author choosing values: "Take", "We take", "Now let", "Let us set",
 * "Here we choose". Not "if we take" (a hypothesis), nor "for", "with", "where", which frame the rest
 * of their own sentence only.
 */
const SETS_UP =
  /^[\s\u0000]*(?:(?:now|here|next|first|then|so|instead|again|finally|below)\s*,?\s+)?(?:(?:we|i)\s+(?:now\s+|will\s+|shall\s+|can\s+)?|let(?:'s|\s+us)\s+)?(take|set|put|choose|pick|fix|let)\b/;

/**
 * Words that give the sentence's numbers as an example: "for example", "e.g.", and the example named
 * as such — a label ("Small example:", "Example 2.", "Toy instance —"), "as an example", "in this
 * example", "to illustrate". Not "counterexample", nor "the example above" without a label.
 */
const EXAMPLE_WORDS =
  /\b(?:for\s+(?:example|instance)|e\.\s?g\.|as\s+an?\s+(?:\w+\s+)?(?:example|illustration)|in\s+(?:this|the|our|a|an)\s+(?:\w+\s+)?example\b|to\s+illustrate|(?:example|instance|illustration)(?:\s+\d+)?\s*(?:[:.\u2014\u2013]|-\s))/i;

/**
 * "In general, $\tanh'(x) = 1 - x^2$", "More generally, …", "$… = …$ for all $x$", "… holds for every
 * $n$": the sentence states its claims for every value, not at the example's (build.ts claim).
 * "Identically" only after the claim: before it, it is "identically distributed".
 * "For all $x$" before the span makes x fresh already (FRESH); these words also cover the claims of
 * a sentence that quantifies after them or only says "in general".
 */
const UNIVERSAL_BEFORE =
  /(?:^|[^\p{L}])(?:in\s+general|more\s+generally|generally|in\s+full\s+generality|in\s+all\s+cases|always)(?![\p{L}])/u;
const UNIVERSAL_AFTER =
  /^[\s,]*(?:(?:holds?|is\s+true|is\s+valid|are\s+true)\s+)?(?:(?:everywhere|identically|in\s+general|always)\b|((?:for|on)\s+(?:all|any|every|each|arbitrary)(?:\s+(?:real|complex|positive|integer|natural|[a-z]+s?))?\s*\u0000))/;
/** The names a quantifier's span lists before its relation: `x, y \in \mathbb{R}` gives x and y. */
function quantifiedNames(text: string): string[] {
  const head = text.split(/\\in\b|\\notin\b|\\[lg]eq?\b|\\neq?\b|[=<>]/)[0];
  return head
    .split(',')
    .map((n) => n.replace(/[\s{}]/g, ''))
    .filter((n) => n.length > 0);
}
/**
 * "$\sigma'(x) \le 1/4$, with equality at $x = 0$", "the minimum is attained at $x = 3$", "it vanishes
 * only when $t = 1$", "$p^x(1-p)^{1-x}$ equals $p$ at $x = 1$": the point where a property holds. The
 * value is that point's, in its sentence; the text does not go on at it as in a worked example (the
 * next sentence's `\tanh'(x) = 1 - x^2` is about every x). "Starting at $w_0 = 1$", "At $T = 2$ the
 * logits become …" set up a case, and are not these words.
 */
const LOCATES_POINT = new RegExp(
  String.raw`\b(?:equality|equal(?:s|led)?|max(?:imum|ima|imi[sz]ed|imal)|` +
    String.raw`min(?:imum|ima|imi[sz]ed|imal)|extremum|optimum|peaks?|attained|achieved|reached|` +
    String.raw`vanish(?:es|ing)?|(?:is|are|becomes?)\s+zero|zeros?|roots?|holds?|tight|sharp)` +
    String.raw`(?:\s+\u0000)?(?:\s+(?:only|exactly|precisely|just))?` +
    String.raw`\s+(?:at|when|iff|if\s+and\s+only\s+if)\s*$`,
);

/**
 * "Evaluated at $t = 1$, …", "the gradient, computed at $w = 0$, is …": the point where one expression
 * of its sentence is evaluated, for that sentence; the next sentence is about every t again. "At
 * $t = 1$, …" alone sets up a case, and is not these words; nor is the author's own action ("We
 * compute at $x = 0$: …", "evaluating at"), whose point the next sentence goes on at ("at this
 * point"), nor a sentence that writes no other math ("Everything is evaluated at $t = 1$.").
 */
const EVALUATED_AT = /\b(?:re-?)?(?:evaluat|comput|calculat)ed\b(?:\s+(?!at\b)[\w'’-]+){0,3}\s+at\s*$/i;

/**
 * Words that make a sentence's values the setting of what follows, not a worked case: "Let $n = 50$
 * be the sample size throughout", "From now on $\eta = 0.1$", "for the rest of the problem".
 */
const LASTING =
  /\b(?:throughout|from\s+now\s+on|henceforth|hereafter|for\s+the\s+rest\s+of\s+(?:the|this)\s+(?:problem|exercise|question|section|chapter|assignment|homework|document|notes?|lecture|sheet|worksheet)|(?:in|for)\s+(?:all|every|each)\s+(?:the\s+)?(?:parts|part)\b(?:\s+of\s+this\s+(?:problem|exercise|question))?|in\s+(?:all\s+)?what\s+follows)\b/i;

const HYPOTHESIS = [
  'if and only if',
  'iff',
  // "if moreover $\det X > 0$": a hypothesis added to the one before.
  'if moreover',
  'if furthermore',
  'if in addition',
  'if additionally',
  'if also',
  'if',
  'when',
  'whenever',
  'unless',
  'provided that',
  'provided',
  'as long as',
  'so long as',
  // "the quadratic term dominates once $n > 2d$": from the point where it holds on ("at once" aside).
  'once',
  'as soon as',
  'in case',
  'the case',
  'such that',
  'so that',
];
const SETTING = [
  'for',
  'with',
  'where',
  'let',
  'set',
  'sets',
  'setting',
  'put',
  'initialize',
  'initializes',
  'initialise',
  'initialises',
  'reset',
  'resets',
  'update',
  'updates',
  'choose',
  'chooses',
  'pick',
  'fix',
  'fixes',
  'suppose that',
  'suppose',
  'assume that',
  'assume',
  'assumes that',
  'assumes',
  'we assumed',
  'assuming',
  'given that',
  'given',
  'using the fact that',
  'using that',
  'using',
  'take',
  // "it is wrong, try $A = B = I$": a value to test with.
  'try',
  'consider',
  'satisfying',
  // "we write its thin SVD as $X = U\Sigma V^\top$": the factors a factorisation names, as "let $X$
  // have the SVD $…$" does (FACTORED below).
  ...['', 'thin ', 'compact ', 'reduced ', 'full '].flatMap((kind) => [
    `write its ${kind}svd as`,
    `write the ${kind}svd as`,
    `its ${kind}svd is`,
  ]),
  'subject to',
  's.t.',
  'whereby',
  // "with the convention $0 \log 0 = 0$": a value the text assigns (an undefined expression given
  // one), not a claim that could be false.
  'convention',
  'conventions',
  'convention that',
  'the convention that',
];
/** The words that list an optimisation problem's constraints (see frame). */
export const PROBLEM_CONSTRAINT = new Set(['subject to', 's.t.']);
// Words that may stand between the keyword and the span without ending the clause.
const ENGLISH_JOINERS = 'and|or|all|any|every|each|some|both|either';
// A possessive names whose setting the next span is ("with $n = 784$ and LeCun's $\sigma^2 = 1/n$");
// contractions ("let's", "it's") start a clause of their own.
const POSSESSIVE = String.raw`(?!(?:let|it|that|there|here|what|who|he|she|where)['’]s)\p{L}{2,}['’]s`;
const JOINER_WORDS = String.raw`(?<!\p{L})(?:${ENGLISH_JOINERS}|${FOREIGN_JOINERS}|${POSSESSIVE})(?!\p{L})`;
const JOINERS = new RegExp(String.raw`^(?:\s|\u0000|,?\s*${JOINER_WORDS})*$`, 'u');
// The last item of a list of spans after one keyword: "for $W \in …$, $x \in …$ and $z = Wx$".
const LIST_ITEMS = new RegExp(String.raw`^(?:[\s\u0000,]|${JOINER_WORDS})*$`, 'u');
const LIST_END = /\u0000[\s,]*(?:\b(?:and|or|y|o|e|ou|und|oder|et)\b|且|和|或)\s*$/;
const RESTATE_WORDS = String.raw`that\s+is|i\.\s?e\.|namely|in\s+other\s+words|${FOREIGN_RESTATES}`;
/** The only words since the previous span restate it: "a unit vector $u$, that is $\|u\| = 1$". */
const RESTATES = new RegExp(String.raw`^[\s,]*(?:${RESTATE_WORDS})[\s,:]*$`, 'u');
/**
 * Words that end in "that is" after the object the sentence introduced: "let $u, v$ be unit
 * vectors, that is $\|u\| = 1$" — the words between describe the object, and what follows spells
 * the description out.
 */
/** A description of the object just named, then a comma: "$\psi$ is a unit vector, $…$". */
const DESCRIBED = /^\s*(?:is|are|be)\s+(?:an?\s+|the\s+)?[a-z][a-z -]{0,40}[a-z],\s*$/;
const RESTATES_DESCRIPTION = new RegExp(
  String.raw`^[^.;\u0000]{0,80}(?:[\s,]|^)(?:${RESTATE_WORDS})[\s,:]*$`,
  'u',
);
/**
 * "if $Q \in \mathbb{R}^{n \times n}$ satisfies $Q^\top Q = I$", "let $P$ satisfy $P^2 = P$": the
 * object the clause introduced, then the property it is assumed to have — the clause goes on.
 */
// "let $X$ have the SVD $X = U S V^\top$": a factorisation the object is given is a property too.
const FACTORED =
  String.raw`(?:ha(?:ve|s)|with)\s+(?:the|an?)\s+(?:(?:thin|compact|reduced|full)\s+)?` +
  String.raw`(?:svd|singular\s+value\s+decomposition|` +
  String.raw`(?:(?:qr|lu|eigen|spectral|cholesky)\s+)?(?:de)?(?:composition|factori[sz]ation))`;
const SATISFIES_WORDS = String.raw`satisf(?:y|ies|ying)|obeys?|fulfil(?:l|s|ls)?|${FACTORED}`;
// "if $Q$ satisfies $Q^\top Q = I$ and $\det Q = 1$": every property listed after the word, joined by
// commas or "and".
const SATISFIES_LISTED = String.raw`\s*(?:\u0000[\s,]*(?:(?:and|or)(?!\p{L}))?[\s,]*)*$`;
const SATISFIES = new RegExp(
  String.raw`^(?:[\s,]|${JOINER_WORDS})*\u0000[\s\u0000,]*(?:${SATISFIES_WORDS})${SATISFIES_LISTED}`,
  'u',
);
/**
 * "If $X$ has $E[X] = 3$ and $X \ge 0$, then …": after a supposition ("if", "suppose", "assume",
 * "let") the object has the properties listed, as after "satisfies". After "with" or "for" the
 * object's "has" is the sentence's own verb ("the block with $d = 2048$ has $N = …$ parameters").
 */
const HAS_PROPERTIES = new RegExp(
  String.raw`^(?:[\s,]|${JOINER_WORDS})*\u0000[\s\u0000,]*ha(?:s|ve)${SATISFIES_LISTED}`,
  'u',
);
const SUPPOSING_HAS = new Set(['suppose', 'suppose that', 'assume', 'assume that', 'assuming', 'let']);
/** "and" alone between two spans: a second span of a restated setting is one too. */
const AND_ONLY = /^[\s,]*(?:\b(?:and|y|e|und|et)\b|且|和|并且)\s*$/;
function keywordPattern(word: string): string {
  return word.replace(/[.]/g, '\\.').replace(/ /g, '\\s+');
}
const LATIN_KEYWORDS = [...HYPOTHESIS, ...SETTING, ...FOREIGN_HYPOTHESIS, ...FOREIGN_SETTING].filter(
  (w) => !isIdeographic(w),
);
const IDEOGRAPHIC_KEYWORDS = [...FOREIGN_HYPOTHESIS, ...FOREIGN_SETTING].filter(isIdeographic);
const HYPOTHESIS_WORDS = new Set([...HYPOTHESIS, ...FOREIGN_HYPOTHESIS]);
const FOREIGN_WORDS = new Set([...FOREIGN_HYPOTHESIS, ...FOREIGN_SETTING]);
// Longest first, so "supongamos que" wins over "supongamos" and "对于所有" over "对于".
const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length);
const KEYWORD = new RegExp(
  `(?:^|[^\\p{L}.'\\-])(${byLength(LATIN_KEYWORDS).map(keywordPattern).join('|')})(?!\\p{L})|` +
    `(${byLength(IDEOGRAPHIC_KEYWORDS).join('|')})`,
  'gu',
);
/** "since", "because" right before a span: the words state a fact about letters the text has. */
const FACT_BEFORE = /(?:^|[^\p{L}])(since|because)[\s\u0000]*$/u;
/** A quantifier right before a span: "any $\alpha > 2/L$", "for every $n \ge 3$". */
const QUANTIFIER_BEFORE = /(?:^|[^\p{L}])(any|every|each|all)[\s\u0000]*$/u;
/** A kind of number the words name, as a quantifier's noun: "integer", "positive integers", "reals". */
const NUMBER_KIND =
  String.raw`(?:(?:positive|non-?negative|nonnegative)\s+)?` +
  String.raw`(?:integers?|(?:natural|whole|real)\s+numbers?|reals?)`;
/**
 * "for every integer $n \ge 5$", "for all real $x > 0$", "for integers $k > 1$": a quantifier and a
 * kind of number right before a bound on letters — every letter of that kind within the bound. "For
 * an integer $n \ge 2$" (also "for a positive integer") says the same: the article after "for" picks
 * an arbitrary one, as a statement of a result means it ("for some integer" picks one: not here).
 */
const KIND_QUANTIFIED_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}])((?:for\s+(?:(?:all|every|each|any|an?)\s+)?|(?:all|every|each|any)\s+)` +
    String.raw`${NUMBER_KIND})[\s\u0000]*$`,
  'u',
);
/**
 * The kind and bound listed last under a "for" that opened its clause: "for $x > -1$, $x \neq 0$ and
 * an integer $n \ge 2$, …" quantifies n as "for an integer $n \ge 2$" would.
 */
const KIND_LISTED_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}])for\s[^.;!?]*?\band\s+((?:an?\s+|all\s+|every\s+)?${NUMBER_KIND})[\s\u0000]*$`,
  'u',
);
/** The same words right after a claim, before the bound they quantify ("$2^n > n^2$ for every integer"). */
const KIND_QUALIFIER_AFTER = new RegExp(
  String.raw`^[\s,]*\(?\s*(?:only\s+)?(?:holds?\s+)?` +
    String.raw`(for\s+(?:(?:all|every|each|any|an?)\s+)?${NUMBER_KIND})\s*$`,
  'i',
);
/**
 * "… is right for symmetric $A$", "… holds only for orthogonal $Q$": a kind of matrix said of the
 * name after a claim limits the claim (model/build.ts qualifies it with that kind).
 */
const MATRIX_KIND_QUALIFIER_AFTER = new RegExp(
  String.raw`^[\s,]*\(?\s*(?:(?:which|that|it)\s+)?` +
    String.raw`(?:(?:holds?|is\s+(?:true|valid|right|correct)|works)\s+)?` +
    String.raw`(?:only\s+)?(for\s+(?:(?:all|every|each|any|an?)\s+)?(?:symmetric|orthogonal|diagonal|` +
    String.raw`(?:symmetric\s+)?positive[\s-]+(?:semi-?)?definite))\s*$`,
  'i',
);
/** A span that is one name: `A`, `\Sigma`, `Q_1`. */
const ONE_NAME_SPAN = /^\s*(?:[A-Za-z]|\\[A-Za-z]+)(?:_\{?\w+\}?)?\s*$/;
/** Letters, then an order or ≠ on them first: `n \ge 5`, `a, b > 0`, `x \neq 0` (a bound on letters). */
const NAME_ITEM = String.raw`\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]\}?)?`;
const BOUNDED_NAMES = new RegExp(
  String.raw`^\s*${NAME_ITEM}(?:\s*,\s*${NAME_ITEM})*\s*` +
    String.raw`(?:<|>|\\(?:le|ge|leq|geq|lt|gt|leqslant|geqslant|ne|neq)(?![a-zA-Z]))`,
);
/** The span's first relation is an order (`\alpha > 2/L = 0.2`), not an equation. */
const FIRST_RELATION_ORDERS = /^[^=<>]*?(?:<|>|\\(?:le|ge|leq|geq|lt|gt|leqslant|geqslant)(?![a-zA-Z]))/;
const FRESH = new RegExp(
  [
    String.raw`(?:\b(?:for\s+(?:any|all|every|each|some)|given(?:\s+an?|\s+any)?|let|consider(?:\s+an?)?|`,
    String.raw`take(?:\s+an?)?|fix(?:\s+an?)?|choose|pick|`,
    // "suppose instead that the action $x$ is uniform": the object is described anew.
    String.raw`suppose(?:\s+(?:now|instead))*(?:\s+that)?(?:\s+the(?:\s+[a-z-]+){1,2})?)|`,
    String.raw`\b(?:an?|any|every|each|some)`,
    String.raw`(?:\s+(?!(?:of|to|in|on|at|by|with|for|from|is|as|and|or|the)\b)[a-z-]+){0,2}|`,
    // The step of an induction: "if it holds for $n$", "assume the claim for $n$" — any n.
    String.raw`\b(?:holds?|true|valid|(?:assume|suppose)\s+`,
    String.raw`(?:it|this|that|the\s+(?:claim|statement|identity)))`,
    String.raw`(?:\s+(?:holds?|is\s+true))?\s+for(?:\s+some)?)`,
    String.raw`(?:\s|\u0000|\band\b)*$`,
  ].join(''),
);
/**
 * "the normal equations $X^\top X b = X^\top y$", "the first-order condition $f'(x) = 0$": words that
 * name the math an equation to solve — what the unknowns must satisfy, not an identity in them.
 * An optimisation text names its conditions so too: "stationarity: $2x - \lambda = 0$", "complementary
 * slackness", "write the constraint as $1 - x \le 0$", and a requirement: "we need $k \ge 131$".
 */
const SOLVED_EQUATION =
  /\b((?:normal|estimating|score|moment|likelihood|euler|first[- ]order|second[- ]order|optimality|kkt)\s+(?:equations?|conditions?)(?:\s+(?:are|is|read|reads|become|becomes|give|gives))?|solves|solving|is\s+the\s+(?:root|solution)\s+of|(?:stationarity|(?:primal|dual)\s+feasibility|complementary\s+slackness)(?:\s+(?:conditions?|equations?))?(?:\s+(?:is|are|reads?|becomes?|gives?))?|constraints?(?:\s+(?:is|are|as|reads?|becomes?))?|(?:we\s+|which\s+|this\s+|it\s+)?(?:needs?|requires?)(?:\s+that)?|must\s+satisfy|(?:we|you|i|one)\s+(?:want|wish|seek)(?:\s+(?:that|to\s+have))?|(?:it\s+)?suffices(?:\s+(?:that|to\s+have|to\s+show|to\s+check|to\s+take|to\s+choose))?|(?:it\s+is\s+)?(?:sufficient|enough)\s+(?:that|to\s+have|to\s+take)|in\s+order\s+(?:that|for|to\s+have)|(?:setting|equating)\b[^.;]{0,80}?\bto\s+(?:zero|0)\s+(?:gives|yields|leads\s+to))[\s:,\u0000]*$/;
/**
 * "At the minimum $h'(x) = 0$", "at a stationary point, $\nabla f(w) = 0$", "$f'(w) = 0$ at the
 * optimum", "the maximum is where $g'(t) = 0$": an equation set to zero at an extremum or another
 * special point is the condition that locates it (first-order optimality), an equation to solve for
 * that point, not an identity in the letters. Only math whose last side is zero reads so: "at the
 * minimum the loss is $L = 0.3$" reports a value.
 */
const SPECIAL_POINT =
  String.raw`(?:(?:global|local|unique|interior)\s+)?(?:min(?:imum|ima|imi[sz]ers?)|` +
  String.raw`max(?:imum|ima|imi[sz]ers?)|optim(?:um|a|al\s+(?:point|solution)s?)|extrem(?:um|a)|` +
  String.raw`(?:stationary|critical|saddle|turning|fixed|equilibrium|inflection)\s+points?|` +
  String.raw`equilibri(?:um|a)|steady\s+state)`;
const SPECIAL_POINT_RE = new RegExp(SPECIAL_POINT);
const AT_SPECIAL_POINT_BEFORE = new RegExp(
  String.raw`(?:\b(?:at|for|in)\s+(?:the|a|an|any|each|every|this|that|its|our|such\s+an?)\s+` +
    String.raw`(?:[a-z-]+\s+)?${SPECIAL_POINT}\b[^.;!?]{0,40}|\b(?:the|a|an|its|any)\s+${SPECIAL_POINT}\s+` +
    String.raw`(?:is|are|occurs?|lies|satisf(?:y|ies)|is\s+(?:attained|reached|found))\s*` +
    String.raw`(?:where|when|at\s+which|iff|if)?)\s*[:,]?\s*$`,
);
const AT_SPECIAL_POINT_AFTER = new RegExp(
  String.raw`^[\s,]*(?:holds\s+)?(?:at|for|in)\s+(?:the|a|an|any|each|every|this|that|its|our)\s+` +
    String.raw`(?:[a-z-]+\s+)?${SPECIAL_POINT}\b`,
);
/** The last side of the math is zero (`= 0`, `= \mathbf{0}`, `= \vec 0`). */
const SET_TO_ZERO = /=\s*(?:0|\\(?:mathbf|boldsymbol|vec|bm)\s*\{?\s*0\s*\}?)\s*(?:\\[,;!]\s*)?[,.;]?\s*$/;
/**
 * "$2u - 2 = 0$ yields $u = 1$", "$f'(w) = 0$ gives $w = 3$": an equation whose consequence, in the
 * words right after it, is the value of one of its letters is solved for that letter — it states
 * what that value must satisfy, not an identity in it. The value must be a number and the letter
 * must be inside the equation, not its left side alone: "$E = mc^2$ gives $E = 9 \times 10^{16}$"
 * evaluates a formula.
 */
const SOLVED_BY_NEXT =
  /^[\s,]*(?:which\s+|this\s+|that\s+)?(?:gives|yields|implies|leads\s+to|means)[\s,:]*(?:that\s+)?\u0000$/;
const LETTER_IS_NUMBER =
  /^\s*([A-Za-z]|\\[a-zA-Z]+)(?:_\{?[A-Za-z0-9]\}?)?(?:\^\{?\\star\}?|\^\*|\^\{\*\})?\s*=\s*-?\s*(?:\d+(?:\.\d+)?|\\[dt]?frac\{\d+\}\{\d+\}|\d+\s*\/\s*\d+)\s*[,.;]?\s*$/;

/** The letter the next math gives a number, when the words before it solve this equation for it. */
function solvedFor(text: string, after: string, next: DocItem | undefined): string | null {
  if (next?.kind !== 'math' || !SOLVED_BY_NEXT.test(after) || !/=/.test(text)) return null;
  const m = LETTER_IS_NUMBER.exec(next.text);
  if (!m) return null;
  const letter = m[1];
  const escaped = letter.replace(/\\/g, '\\\\');
  const inside = new RegExp(String.raw`(?<![A-Za-z\\])${escaped}(?![A-Za-z])`);
  const lhsAlone = new RegExp(String.raw`^\s*${escaped}\s*=`);
  return inside.test(text) && !lhsAlone.test(text) ? next.text.trim() : null;
}
/**
 * "Suppose the pre-activation is $z = W_1 x + b_1 = (0.5, -0.2, 1.0, 0.3)$", "assume that the
 * gradient is $g = …$", "say the logits are $…$": a supposition that names a quantity in words and
 * then gives it, a setting as "suppose $…$" is — not a claim that its formula has those numbers for
 * whatever the weights are.
 */
/** Words that say random variables are independent; "linearly", "not" and "the … variable" do not. */
const INDEPENDENCE_SAID =
  /(?<!\blinearly\s)(?<!\bnot\s)(?<!\bnot\s(?:necessarily|mutually)\s)\b(?:(?:mutually\s+)?independent(?!\s+variables?\b)(?:ly)?|i\.\s*i\.\s*d\b\.?|iid)\b/i;

const SUPPOSED_VALUE =
  /\b(suppose|assume|say|imagine)(?:\s+that)?\s+(?:the|our|its|their|this|that)\s+(?:[a-z-]+\s+){1,3}(?:is|are|equals|was|were|comes\s+out\s+as)\s*$/i;
/**
 * "Split $x$ into $x_a = x_{1:d}$ and $x_b = x_{d+1:D}$", "partition the data $X$ into $X_1 = …$": the
 * equations name the parts, as "let" would — settings, not claims (a part read as an entry of x,
 * `x_a` a number beside a slice, was refuted).
 */
const SPLIT_INTO =
  /\b(?:split|splits|splitting|partition|partitions|partitioning|decompose|decomposes|decomposing|divide|divides|dividing|break|breaks|breaking|separate|separates|separating)\s+(?:the\s+)?(?:[a-z-]+\s+)?\u0000\s*(?:\([^)]*\)\s*)?into\s+(?:(?:the\s+)?(?:[a-z-]+\s+)?(?:parts?|blocks?|halves|pieces|groups)\s*:?\s*)?(?:\u0000\s*(?:,|and|,\s*and)\s*)*$/;
/**
 * "Ignoring $\varepsilon$, $\sum_i \hat x_i^2 = d$": words right before a lone name that set it aside,
 * the idealisation a reader makes by taking it as 0 (a stabiliser, a regulariser, a small term).
 * Up to two words that say what kind of term it is may stand between ("neglecting the small constant
 * $\varepsilon$"); "ignoring the sign of $\lambda$" sets aside no name.
 */
const NEGLECT_BEFORE =
  /(?:^|[^\p{L}])(?:ignoring|neglecting|disregarding|dropping|(?:if|when|once)\s+(?:we|one|you)\s+(?:ignore|neglect|disregard|drop)|setting\s+aside|ignorando|despreciando|si\s+(?:ignoramos|despreciamos)|en\s+n[ée]gligeant|en\s+ignorant|忽略|略去)\s+(?:the\s+|el\s+|la\s+|le\s+)?(?:(?:small|tiny|constant|term|stabili[sz]ing|stabili[sz]er|regulari[sz]ation|regulari[sz]er|offset|bias|correction|smoothing|numerical|extra|additive|damping|noise|parameter|factor)\s+){0,2}$|(?:忽略|略去)$/u;
/** The same words after the name: "$\varepsilon$ is neglected", "$\varepsilon$ 을 무시하면". */
const NEGLECT_AFTER =
  /^\s*(?:(?:is|being)\s+)?(?:neglected|ignored|dropped|set\s+aside)(?![\p{L}])|^\s*(?:을|를)?\s*(?:무시|생략)|^\s*(?:を)?\s*無視/u;
/**
 * "(Dropping the $\epsilon$ on the right, $\frac1d\sum_i \hat x_i^2 = 1$, is only approximately
 * true.)": a sentence that calls what follows approximate says the term matters; the claim is the
 * author's approximation, not an identity at 0, so the name is not set aside.
 */
const HEDGED_AFTER = /approximat|roughly|not\s+exact|近似|대략|근사/i;

/** "… at the point", "… at" right before inline math: what follows is where the sentence is. */
const AT_POINT = /(?:^|[^\p{L}])at\s+(?:the\s+)?(?:point\s+)?$/iu;
/**
 * A point of two to four coordinates, each written in numbers (signs, fractions, roots, π):
 * `(1, 2)`, `(\pi/4, 0)`, `(-1, \frac12, 0)`. A letter among them (`(a, b)`) names no point.
 */
function isPointTuple(text: string): boolean {
  const m = /^\s*\((.*)\)\s*$/s.exec(text);
  if (!m) return false;
  const coordinates = m[1].split(',');
  if (coordinates.length < 2 || coordinates.length > 4) return false;
  return coordinates.every((c) => {
    const bare = c.replace(/\\(?:pi|frac|tfrac|dfrac|sqrt|cdot)(?![A-Za-z])/g, '');
    return /\d|\\pi/.test(c) && /^[-+\s\d./{}]*$/.test(bare);
  });
}

/** A problem, example, exercise, question or part named by its number or letter: "Problem 1", "(a)". */
const UNIT_NAMED =
  '(?:(?:problem|example|exercise|question|part|task|step|section|q|ex\\.?|§)\\s*' +
  '\\(?[0-9]{1,3}(?:\\.[0-9]{1,3})?[a-z]?\\)?|' +
  '(?:problem|example|exercise|question|part|task|step)\\s*\\(?[a-h]\\)?(?![\\p{L}])|' +
  '\\([a-h]\\)|(?:the\\s+)?(?:previous|preceding|last|first|earlier|above)\\s+' +
  '(?:problem|example|exercise|question|part|task|step|section|calculation|computation))';
/**
 * Words right after a lone name that say it is the value found or given earlier: "$A$ above", "$E$
 * from Problem 3", "$x_1$ computed in (b)", "$k$ as before", "$P$ of Example 2".
 */
const RECALLED_AFTER = new RegExp(
  '^\\s*(?:(?:that\\s+(?:we\\s+)?|which\\s+(?:we\\s+)?|as\\s+)?(?:computed|found|obtained|derived|given|' +
    'defined|calculated|determined|estimated|measured|worked\\s+out|got|had|used|introduced)\\s+)?' +
    '(?:above|earlier|before|previously|as\\s+(?:above|before|earlier)|' +
    `(?:in|from|of|as\\s+in)\\s+${UNIT_NAMED})` +
    '(?![\\p{L}])',
  'iu',
);
/**
 * Words right before a lone name that say it is the earlier one: "the same $A$", "our earlier $E$",
 * "at the same cost of capital $k$".
 */
const RECALLED_BEFORE =
  /(?:^|[^\p{L}])(?:the|our|this)\s+(?:same|earlier|previous|old)\s+(?:[\p{L}-]+\s+){0,3}$/iu;
/**
 * Words before a claim in its sentence that take what it uses from a problem, example or part named
 * by number or letter: "Using the matrix of Example 2", "with the data from part (a)", or a sentence
 * that opens "From (b), …", "As in Problem 1, …". Not across math ("With $E$ from part (a)" takes E).
 */
const RECALLS_UNIT = new RegExp(
  '(?:(?:^|[^\\p{L}\\u0000])(?:using|use|with|take|taking|reusing|reuse|recall(?:ing)?|applying|' +
    'plugging\\s+in|' +
    'substituting)\\s+(?:the\\s+|our\\s+)?(?:[\\p{L}-]+\\s+){0,4}?(?:from|of|in|found\\s+in|computed\\s+in|' +
    `obtained\\s+in)|^[\\s(]*(?:from|as\\s+in))\\s+${UNIT_NAMED}(?![\\p{L}])`,
  'iu',
);

/** The rest of the sentence after a span, up to its full stop (at most 300 characters). */
function sentenceRest(source: string, end: number): string {
  const rest = source.slice(end, end + 300);
  const stop = /[.!?。](?:\s|$)|\n\s*\n/.exec(rest);
  return stop ? rest.slice(0, stop.index) : rest;
}

/** A span that is one accented name alone: `\bar{x}`, `\hat\beta`. */
const ACCENTED_NAME =
  /^\s*\\(?:bar|hat|tilde|overline|widehat|widetilde|dot)\s*(?:\{\s*\\?[A-Za-z]+\s*\}|\\?[A-Za-z]+)\s*$/;
/** A span that is one name alone: a letter or command, perhaps with a subscript. */
const NEGLECTED_NAME = /^\s*\\?[A-Za-z]+(?:_(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?\s*$/;
/** Of those words, the ones that name a requirement rather than an equation to solve. */
const CONDITION_NAMED =
  /constraint|feasibility|slackness|need|require|must|want|wish|seek|suffic|enough|order/;
/**
 * "a repeated label needs a blank between, hence $T \ge 3$": what a requirement implies, drawn with
 * "hence", "so", "i.e." in the same clause, is required too — not a fact about the values at hand.
 * "We need the identity $…$, so …" names a tool the argument uses, not a requirement.
 */
const REQUIRED_CONSEQUENCE =
  /\b((?:needs?|requires?|must))\b(?!\s+(?:the|a|an|this|that|one)\s+(?:[a-z-]+\s+){0,2}(?:identity|identities|rule|lemma|fact|formula|result|theorem|property|inequality|definition|trick|expansion|observation|step)\b)(?!\s+to\s+(?:show|prove|check|verify|compute|use))[^.;!?\u0000]{0,60}?(?:,\s*|\s+)(?:hence|so|thus|therefore|i\.\s?e\.|that\s+is|equivalently)[\s,:]*$/;
const REQUIREMENT_WHY = /condition to meet/;
/** Only a consequence word since the previous span: "we need $…$, hence $…$". */
const CONSEQUENCE_ONLY =
  /^[\s,]*(?:and\s+)?(?:hence|so|thus|therefore|equivalently|or\s+equivalently)[\s,:]*$/;
/**
 * "with the model $y = X\beta + \varepsilon$", "the linear regression model is", "model:": words right
 * before the math that name it a model — an assumption about how the data are made. After a comma
 * ("under the model, $…$") the math is a consequence, not the model.
 */
const MODEL_EQUATION =
  /\b((?:data[- ]generating\s+process|structural\s+equation|(?:regression\s+|statistical\s+|probability\s+)?model)(?:\s+(?:is|reads|becomes))?)\s*:?\s*$/;
const FOREIGN_FRESH_RE = new RegExp(FOREIGN_FRESH, 'u');
// "one-hot labels $Y \in …$", "$y \in \mathbb{R}^K$ is a one-hot label" (words of its own sentence), and
// the word set right after the declaration as an apposition: "$y \in \mathbb{R}^c$ one-hot", "(one-hot)",
// ", a one-hot label" — not past another word ("$z$ and one-hot $y$" calls y one-hot, not z).
const ONE_HOT_BEFORE = /\bone[- ]?hot(?:[- ]encoded)?\s+(?:[a-z-]+\s+){0,2}$/;
const ONE_HOT_AFTER =
  /^[\s,]*(?:(?:is|are|be|being)\s+(?:an?\s+|the\s+)?(?:[a-z-]+\s+)?|\(\s*|(?:an?\s+))?one[- ]?hot\b/;
/** "indexed from 0", "indices starting at zero", "0-based", "zero-indexed" (math read as its digits). */
const FROM_ZERO =
  /\b(?:(?:indexed|numbered|counted|counting|indices|index|indexing)\s+(?:(?:starting|starts?|begins?|beginning)\s+)?(?:from|at)\s+(?:0|zero)\b|(?:0|zero)[- ](?:based|indexed)\b)/;
const HYPOTHETICAL_AFTER = /^[\s,]*(could|would|might|may)\b/;
/** How far past a span's end its context reads (proseKept.ts keeps contexts by it). */
export const READS_AFTER = 120;
const JUDGMENT =
  String.raw`(?:(?:clearly|obviously|simply|just|definitely|totally|completely|also)\s+)?` +
  String.raw`(wrong|incorrect|false|not\s+(?:true|correct|right)|invalid|a\s+mistake|an\s+error|nope|` +
  String.raw`backwards|the\s+wrong\s+way\s+(?:round|around))`;
/** What may follow a judgment: its end, or words giving its reason or scope ("false for $x < 0$"). */
const JUDGMENT_ENDS = [
  String.raw`$|[.!,;)]|—|–|-\s`,
  String.raw`because\b|since\b|as\b|for\b|when\b|unless\b|if\b|in\s+general\b|here\b`,
].join('|');
// A closing quotation mark may stand between the span and the judgment ('The claim "$…$" is false').
const LEAD = String.raw`^[\s,;:(—–"'”’*_-]*`;
const DENIED = String.raw`(does\s+not\s+hold|doesn['’]t\s+hold|cannot\s+hold|can['’]t\s+hold)`;
/**
 * Words right after a span that judge it wrong: "$… = I$ on the quiz. wrong.", "$…$ (wrong!)",
 * "$…$, which is false", "$…$ is incorrect: …". The judgment must be the span's predicate — a
 * copula right after it, or a short sentence of its own once the span's sentence ends within a few
 * words, in the same paragraph — so "Wrong answers cost a point", "is not wrong", "it is false
 * that …" or a label for the next line ("Wrong: $2^n = n^2$") judge nothing.
 */
const JUDGED_WRONG_AFTER = new RegExp(
  String.raw`${LEAD}(?:(?:which|this|that|it)\s+(?:is|was)\s+|(?:is|was)\s+)?` +
    String.raw`${JUDGMENT}(?=\s*(?:${JUDGMENT_ENDS}|:(?!\s*\u0000)))|` +
    String.raw`${LEAD}(?:which\s+)?${DENIED}(?=\s*(?:${JUDGMENT_ENDS}))|` +
    String.raw`^(?:(?!\n[ \t]*\n)[^.!?\u0000]){0,40}?[.!?](?:[ \t]+|[ \t]*\n[ \t]*)` +
    String.raw`(?:(?:this|that|it)\s+(?:is|was)\s+|(?:this|that|it)['’]s\s+)?` +
    String.raw`${JUDGMENT}(?=\s*(?:${JUDGMENT_ENDS}))|` +
    // "…$; that is off by a factor of ten": the size of its error, in its own paragraph.
    String.raw`^[ \t,;:(—–-]*(?:which|this|that|it)\s+(?:is|was)\s+(off\s+by)\s+(?:an?|one|two|three|ten|\d)`,
  'u',
);

/** The text after a span up to the next math, as far as its context reads, lowercased. */
function textAfter(source: string, end: number, next: DocItem | undefined, kind: DocumentKind): string {
  const stop = next?.kind === 'math' ? next.outerStart : Number.POSITIVE_INFINITY;
  const text = prose(source.slice(end, Math.min(source.length, end + READS_AFTER, stop)), kind)
    .replace(/[*_]+/g, '')
    .toLowerCase();
  // Math right after the words: they lead into it ("Wrong $…$"), so they do not end there.
  return stop <= end + READS_AFTER ? `${text}\u0000` : text;
}

/** The words after a span up to the end of its sentence. */
function sentenceAfter(text: string): string {
  const stop = /[.!?](?:\s|$)/.exec(text);
  return stop ? text.slice(0, stop.index) : text;
}

/**
 * A sentence that asks whether its math holds ("Is $2^{10} = 1000$?", "Does $AB = BA$ here?") or why it
 * is wrong ("Why is my proof that $… = 1$ wrong?") states nothing: its math is asked, not claimed.
 * A question that presupposes its math ("Why is $f'(x) = 2x$?") is the author's, as before, and so
 * is a negative one, which asserts it ("Isn't $\sigma(0.4) = 0.5987$?").
 */
const YES_NO_QUESTION =
  /^[\s\u0000>*_#-]*(?:q\d*[.:)]?\s*|re:\s*)?(?:is|are|was|were|does|do|did|can|could|should|would|will|has|have)\s/;
const WRONG_IN_QUESTION = /\b(?:wrong|incorrect|false|fails?|invalid|a\s+mistake)\b/;

function askedInQuestion(words: string, following: string): string | null {
  // A list item, a blank line or a heading ends the sentence, whatever stop the next one has.
  const after = following.split(/\n[ \t>]*(?:[-*+]|\d+[.)])[ \t]|\n[ \t>]*\n|\n[ \t]*#/)[0];
  const sentence = sentenceAfter(after);
  if (after[sentence.length] !== '?') return null;
  if (YES_NO_QUESTION.test(words.replace(/\u0000/g, ' '))) return 'the text asks it as a question';
  if (WRONG_IN_QUESTION.test(sentence)) return 'the text asks why it is wrong';
  return null;
}

/** What the words after a span say of it when they judge it wrong ("call it false"), or null. */
function judgedWrong(following: string): string | null {
  const m = JUDGED_WRONG_AFTER.exec(following);
  if (!m) return null;
  if (m[4]) return 'say it is off';
  return m[2] ? `say it ${m[2].replace(/\s+/g, ' ')}` : `call it ${(m[1] ?? m[3]).replace(/\s+/g, ' ')}`;
}
/**
 * The only words between a span and the next inline math: a condition on the first
 * (`$A_{ij} = 0$ for $j > i$`, `… if $x < 0$`, `… (for $x > 0$)`, `… — only for $x, y > 0$`,
 * `… holds only for $x > 0$`), not a claim about every sample.
 * In a table the condition may stand in the next cell of the row (`| $\ln' x = 1/x$ | for $x > 0$ |`):
 * a row is read as one line, as its reader reads it.
 */
const QUALIFIER_AFTER = new RegExp(
  // A dash on the span's own line (a list's next bullet, "\n- if …", is no dash).
  String.raw`^(?:[ \t]*(?:[—–:]|--?(?=[ \t])))?[\s,]*(?:\|[ \t]*)?\(?\s*` +
    String.raw`(?:(?:which\s+|that\s+|it\s+)?(?:holds?|is\s+(?:true|valid)|works)\s+)?` +
    String.raw`(?:only\s+)?(for(?:\s+(?:all|every|each|any))?|` +
    String.raw`when|whenever|if|unless|provided(?:\s+that)?|as\s+long\s+as|${FOREIGN_QUALIFIER})\s*$`,
  'iu',
);
/**
 * "$\cos(q\pi) = (-1)^q$ for every integer $q$", "$\sin(k\pi) = 0$ for integer $k$": a whole-number
 * kind after a claim, before the names it quantifies, limits the claim as a condition does.
 */
const WHOLE_KIND_AFTER =
  /^[\s,]*\(?\s*(?:holds?\s+)?for\s+(?:(?:all|every|each|any)\s+)?(?:(?:positive|non-?negative)\s+)?(?:integers?|(?:natural|whole)\s+numbers?)\s*$/i;
/** ", where $q$ is an integer", "with $n$ a natural number": the kind follows the names it is of. */
const CLAUSE_BEFORE_KIND = /^[\s,]*\(?\s*(?:where|with)\s*$/i;
const WHOLE_KIND_NAMED =
  /^\s*(?:is|are|be)?\s*(?:an?\s+)?(?:(?:positive|non-?negative)\s+)?(?:integers?|(?:natural|whole)\s+numbers?)\b/i;

/**
 * The words after a claim name the kind of whole number its letters are (WHOLE_KIND_AFTER, or
 * "where $q$ is an integer"): the claim waits for that declaration, as for a condition.
 */
function wholeKindAfter(
  source: string,
  end: number,
  next: Extract<DocItem, { kind: 'math' }>,
  following: DocItem | undefined,
  kind: DocumentKind,
): boolean {
  const words = prose(source.slice(end, next.outerStart), kind);
  if (!NAMES_ONLY.test(next.text)) return false;
  if (WHOLE_KIND_AFTER.test(words)) return true;
  return (
    CLAUSE_BEFORE_KIND.test(words) && WHOLE_KIND_NAMED.test(textAfter(source, next.outerEnd, following, kind))
  );
}

// "for a prime", "when n is an odd": a qualifier with words of its own before the name it qualifies.
const RESTRICTION_AFTER =
  /^[\s,]*\(?\s*(?:only\s+)?(?:for|when|whenever|if)\s+(?:(?:a|an|all|every|each|any|some)\s+)?[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}\s*$/i;
const LONE_NAME = /^\s*(\\?[A-Za-z]+)\s*$/;
// "for every real $x$": words that name a kind of number every argument is already restrict nothing.
const NO_RESTRICTION = /\b(?:real|integer|number|natural|complex|value|argument|input)s?\s*$/i;

/**
 * "$c^\top K c \ge 0$ for a valid kernel", "… holds for every contraction.": the words that end the
 * claim's sentence, with no math of their own, state it for a kind of object named only in words (an
 * article or a quantifier, at most two words, a noun). Kinds of number (NUMBER_KIND_WORD) restrict
 * nothing, and a few phrases are no kind at all ("for a moment", "for an example").
 */
const KIND_NAMED_AFTER = new RegExp(
  String.raw`^[\s,]*\(?\s*(?:(?:which|that|it)\s+)?(?:(?:holds?|is\s+(?:true|valid|guaranteed))\s+)?` +
    String.raw`(?:only\s+)?for\s+((?:a|an|any|every|each|all)\s+(?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)` +
    String.raw`\s*\)?\s*$`,
);
const NO_KIND =
  /\b(?:example|instance|while|moment|change|start|reason|bit|second|minute|check|sanity|comparison|reference|contradiction|test|now|given|fixed|such|of|the|and|or|to|in)s?\s*$/;
/** A kind of number, or a letter written in words ("for every real q"): read as before. */
const NUMBER_KIND_WORD =
  /\b(?:real|integer|number|natural|complex|value|argument|input|positive|negative|non-?negative|whole|rational|prime|odd|even|scalar|constant)s?\b|\b[a-z]{1,2}\s*$/;
function kindNamedAfter(following: string): string | undefined {
  // The sentence ends after the kind, or its clause does ("… for every contraction, and $…$").
  const sentence = sentenceAfter(following);
  const clause = /[,;]/.exec(sentence);
  const words = clause ? sentence.slice(0, clause.index) : sentence;
  if (words.includes('\u0000') || (!clause && sentence.length === following.length)) return undefined;
  const m = KIND_NAMED_AFTER.exec(words);
  if (!m || NUMBER_KIND_WORD.test(m[1]) || NO_KIND.test(m[1])) return undefined;
  return `for ${m[1].replace(/\s+/g, ' ')}`;
}

/**
 * The name that the words after a span restrict (see ProseContext.restrictedTo), when the next
 * inline span is a lone name and the words between are a qualifier with words of its own.
 */
function restrictionAfter(
  source: string,
  end: number,
  next: Extract<DocItem, { kind: 'math' }>,
  kind: DocumentKind,
): string | undefined {
  const words = prose(source.slice(end, next.outerStart), kind);
  if (!RESTRICTION_AFTER.test(words) || NO_RESTRICTION.test(words)) return undefined;
  const m = LONE_NAME.exec(next.text);
  return m ? m[1] : undefined;
}

/**
 * "a multiplicative constant $\gamma$", "some scalar $c$", "the hyperparameter $\lambda$", and the
 * quantifiers of a proof, "for all real $a, b$", "for every real $x$", "for real $x_1, x_2$": words
 * that name a real number, right before the span (at most two words between the article and the noun).
 * "for every integer $n$", "for each natural number $k$" name a whole number the same way.
 */
const SCALAR_WORDS =
  /\b((?:an?|some|any|every|all|each|the|for)\s+(?:(?!(?:of|to|in|on|at|by|with|for|from|is|as|and|or|the)\b)[a-z-]+\s+){0,2}(?:constant|scalar|coefficient|hyperparameter|real\s+numbers?|reals?|integers?|(?:natural|whole)\s+numbers?))\s*$/;
/**
 * "$n$ be a positive integer", "$m$ is an integer", "$k, l$ are natural numbers": a verb of being and
 * a whole or real number right after the span, which names its letters as SCALAR_WORDS does before it.
 * Only where the noun ends its phrase: "$c$ is an integer multiple of π" says nothing of c's kind.
 */
// Also a scalar or constant ("where $c$ is a scalar", "$\lambda$ a positive constant": after a comma
// or "with", the verb left out before an article), which a real number is.
const SCALAR_AFTER =
  /^\s*(?:(?:be|is|are)\s+|(?=an?\s))((?:an?\s+)?(?:(?:positive|non-?negative|nonnegative|real|fixed|nonzero|non-zero)\s+)?(?:integers?|(?:natural|whole|real)\s+numbers?|scalars?|constants?))(?=\s*(?:[.,;:!?)$]|$|(?:and|or|with|such|so|then|where|at|greater|less|between)\b))/i;
/** A lone name or a comma list of names (`x`, `a, b`, `x_1, x_2, y_1`). */
const NAMES_ONLY =
  /^\s*\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]\}?)?(?:\s*,\s*\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]\}?)?)*\s*$/;

/** Math that names nothing: numbers, operators and relations only (`2/5120 \approx 3.9\times10^{-4}`). */
function numbersOnly(text: string): boolean {
  const bare = text
    .replace(
      /\\(?:[dt]?frac|sqrt|times|cdot|div|approx|le|ge|leq|geq|neq|lt|gt|pm|left|right|big|Big)(?![A-Za-z])/g,
      ' ',
    )
    .replace(/\\[,;:! ]/g, ' ');
  return /[0-9]/.test(bare) && !/[A-Za-z\u0370-\u03ff\\]/.test(bare);
}

// A full stop, but not inside "e.g." and the like.
// German "d. h." and "z. B." (that is, for example) end no sentence at their first full stop.
// Nor do "s.t." (subject to, such that) and "w.r.t." end one: "min $x^2$ s.t. $x \ge 1$" goes on.
const SENTENCE_END =
  /(?<!\b(?:e\.g|i\.e|s\.t|w\.r\.t|cf|resp|etc|vs|eq|eqs|fig|viz|d\.\s?h|z\.\s?b|bzw|usw|vgl|p\.\s?ej|p\.\s?ex))(?<!\b[dz](?=\.\s?[hb]\.))[.!?](?=\s|$)|\n[ \t>]*\n|[;]|\\item\b/g;
const PARAGRAPH_BREAK = /\n[ \t>]*\n/;
const LEAD_LIMIT = 400;

/** Keywords that give names values to substitute: "applying (3) with $A = …$, $U = …$". */
const SUBSTITUTING = new Set(['with', 'where', 'setting', 'put', 'take']);
/** "at" right before a span, not after a verb that says where something is ("is at", "lies at"). */
const AT_POINT_BEFORE =
  /(?:^|[^\p{L}])(?<!\b(?:is|are|was|were|be|been|lies|lie|sits|stays|remains|ends|ended|up)\s+)at[\s\u0000]*$/u;
/** `x = 1`, `\mu = -0.5`, `z = (0, 1)`: a lone name given a written number or tuple of numbers. */
const valueAtPoint = (text: string) =>
  NAME_GIVEN.test(text) && numbersOnly(text.slice(text.indexOf('=') + 1).replace(/[(),]/g, ' '));
/**
 * One name: a letter or a command (`\Sigma`), in a font or under an accent as well (`\mathbf{b}`,
 * `\hat\theta`, `\vec v`: a bold b is as lone a name as b), with an optional subscript.
 */
const DECORATION = String.raw`\\(?:${[
  ...['mathbf', 'boldsymbol', 'bm', 'pmb', 'mathrm', 'mathit', 'mathsf', 'mathcal', 'mathscr'],
  ...['vec', 'hat', 'widehat', 'bar', 'overline', 'tilde', 'widetilde', 'check', 'dot', 'ddot'],
].join('|')})`;
const BARE_NAME = String.raw`(?:[A-Za-z]|\\[A-Za-z]+)`;
const DECORATED_NAME = String.raw`${DECORATION}\s*(?:\{\s*${BARE_NAME}\s*\}|\\[A-Za-z]+|\s[A-Za-z])`;
const ONE_NAME = String.raw`(?:${DECORATED_NAME}|${BARE_NAME})(?:_\{?[A-Za-z0-9]+\}?)?`;
/** `U = \Phi`, `C = I_M`, `V = \Phi^\top`, `\mathbf{b} = 2`: a lone name given a value. */
// `du = 2x\,dx` is a differential, not a name given a value.
const NAME_GIVEN = new RegExp(String.raw`^\s*${ONE_NAME}\s*=(?!.*=)`, 's');
/**
 * `\mathbb{E}[X] = 2`, `\operatorname{Var}(X) = 1`: a moment of a lone name given a value, listed as
 * values are ("with $\mathbb{E}[X] = 2$, $\operatorname{Var}(X) = 1$ and …").
 */
const MOMENT_FONT = String.raw`\\(?:mathbb|operatorname|mathrm|text|mathsf)`;
const MOMENT_OPERATOR = String.raw`(?:E|Var|\\Var|${MOMENT_FONT}\{(?:E|Var|var)\})`;
const SIZED = String.raw`(?:\\left|\\right|\\big|\\Big)?`;
const MOMENT_GIVEN = new RegExp(
  String.raw`^\s*${MOMENT_OPERATOR}\s*${SIZED}\s*[[(]\s*${ONE_NAME}\s*${SIZED}\s*[\])]\s*=(?!.*=)`,
  's',
);
const givesValue = (text: string) => NAME_GIVEN.test(text) || MOMENT_GIVEN.test(text);

/** `U \in \mathbb{R}^{n \times d}`, `a, b \in \mathbb{R}`: lone names declared members of a set. */
const NAMES_DECLARED = new RegExp(String.raw`^\s*${ONE_NAME}(?:\s*,\s*${ONE_NAME})*\s*\\in\b`);

/**
 * "with $A = \sigma^2 I_N$, $U = \Phi$, $C = I_M$": a comma list of values given to lone names
 * goes on under the keyword before its first item, with no "and" before the last one. After a
 * condition ("for $x > 0$, $f(x) = 1$") the comma ends the clause, as before.
 */
function substitutionGoesOn(
  words: string,
  text: string,
  prior: DocItem | undefined,
  previous: ProseContext | null,
  sentence: number,
): { role: ProseContext['role']; keyword: string } | null {
  if (previous?.sentence !== sentence || previous.role !== 'setting' || !previous.keyword) return null;
  if (prior?.kind !== 'math' || prior.display) return null;
  // "with $U \in \mathbb{R}^{n \times d}$, $U^\top U = I_d$": an equation listed right after a
  // declaration goes on under the keyword too; the builder keeps it a setting only when it is a
  // constraint samples can be drawn to meet (model/constructed.ts).
  const afterDeclaration = NAMES_DECLARED.test(prior.text) && text.includes('=');
  // "with $U \in …$, $U^\top U = I$, $V \in …$, $V^\top V = I$": a declaration listed next goes on
  // under the keyword too, and so the constraint after it.
  const declares = NAMES_DECLARED.test(text);
  const listed = afterDeclaration || declares;
  if (!SUBSTITUTING.has(previous.keyword) && !(listed && previous.keyword === 'let')) return null;
  const since = words.slice(words.lastIndexOf('\u0000') + 1);
  if (!/^\s*,\s*$/.test(since)) return null;
  if (!listed && (!givesValue(text) || !givesValue(prior.text))) return null;
  return { role: 'setting', keyword: previous.keyword };
}

/** One context per item of `items` (directives get the context of where they stand). */
export function proseContexts(items: DocItem[], source: string, kind: DocumentKind): ProseContext[] {
  return readContexts(items, source, kind, startState(), 0).contexts;
}

/** What the reading of the prose carries from one item to the next (see ProseRecord). */
export interface ProseState {
  sections: OpenSection[];
  lastSection: number;
  section: number;
  passage: number;
  sentence: number;
  passageBlock: number;
  /** The passage that introduced the list being read with a colon, or -1. */
  listLead: number;
  lead: string;
  prevEnd: number;
  prevBlock: number;
  previous: ProseContext | null;
  /** The previous math restated the object before it ("that is $\|u\| = 1$ and …"). */
  previousRestated: boolean;
  /** How deep in struck-through text the prose is (model/struck.ts); 0 when not struck. */
  struck: number;
  /**
   * A sentence of its own that labels what follows wrong ("Common mistake.", "The following argument
   * is wrong; find the error."), waiting for the next sentence with math (model/labels.ts); '' if none.
   */
  pendingLabel: string;
  /** The passage of the pending label: it reaches into the next passage, no further. */
  pendingPassage: number;
  /** The sentence a label reaches (model/labels.ts), its words for messages; -1 and '' if none. */
  labelSentence: number;
  labelWords: string;
  /** The label that the colon paragraph introducing the current list opens with ("Common wrong answers:"). */
  listLabel: string;
  /** The section whose heading names mistakes ("Common mistakes seen on the quiz"), or -1. */
  mistakeSection: number;
  /** The passage opened with a label ("Case 1: …"): a label after it starts another case. */
  labelledPassage: boolean;
  /** The section whose words set its arithmetic modulo `modulus` (model/modularWords.ts), or -1. */
  modularSection: number;
  modulus: number;
  /** The passage a proof by contradiction supposes in ("Suppose, for contradiction, …"), or -1. */
  contradictionPassage: number;
  /** The words of that supposition, for messages. */
  contradictionWords: string;
  /**
   * The words that report an open quotation as someone else's ("the authors write:") or label it
   * wrong ("a wrong proof"), while its closing mark has not come; '' when no such quotation is open.
   */
  quoteBy: string;
  /** Whether those words label it wrong rather than report it. */
  quoteLabel: boolean;
  /**
   * The passage the quotation opened in: it ends with the passage, its closing mark or not; -1 for
   * a block quotation, which ends with its `>` lines.
   */
  quotePassage: number;
}

export function startState(): ProseState {
  return {
    sections: [{ id: 0, level: 0 }],
    lastSection: 0,
    section: 0,
    passage: 0,
    sentence: 0,
    passageBlock: -1,
    listLead: -1,
    lead: '',
    prevEnd: 0,
    prevBlock: -1,
    previous: null,
    previousRestated: false,
    struck: 0,
    pendingLabel: '',
    pendingPassage: -1,
    labelSentence: -1,
    labelWords: '',
    listLabel: '',
    mistakeSection: -1,
    labelledPassage: false,
    modularSection: -1,
    modulus: 0,
    contradictionPassage: -1,
    contradictionWords: '',
    quoteBy: '',
    quoteLabel: false,
    quotePassage: -1,
  };
}

/** Items between the states a reading of contexts offers to `stop` (ProseRecord keeps them). */
export const PROSE_STATE_EVERY = 16;

/**
 * The contexts of `items` from item `from` on, starting in `state` (which it changes). Before every
 * item whose index is a multiple of PROSE_STATE_EVERY, or `phase` more than one (where an earlier
 * reading's states lie after items were added or removed above), `stop(k, state)` may end the
 * reading: the contexts then end before item k.
 */
export function readContexts(
  items: readonly DocItem[],
  source: string,
  kind: DocumentKind,
  state: ProseState,
  from: number,
  stop?: (k: number, state: ProseState) => boolean,
  phase = 0,
): { contexts: ProseContext[]; stoppedAt: number } {
  const out: ProseContext[] = [];
  const sections = new SectionStack(state.sections, state.lastSection);
  let {
    section,
    passage,
    sentence,
    passageBlock,
    listLead,
    lead,
    prevEnd,
    prevBlock,
    previous,
    previousRestated,
    struck,
    pendingLabel,
    pendingPassage,
    labelSentence,
    labelWords,
    listLabel,
    mistakeSection,
    labelledPassage,
    modularSection,
    modulus,
    contradictionPassage,
    contradictionWords,
    quoteBy,
    quoteLabel,
    quotePassage,
  } = state;
  const save = () => {
    Object.assign(state, {
      section,
      passage,
      sentence,
      passageBlock,
      listLead,
      lead,
      prevEnd,
      prevBlock,
      previous,
      previousRestated,
      struck,
      pendingLabel,
      pendingPassage,
      labelSentence,
      labelWords,
      listLabel,
      mistakeSection,
      labelledPassage,
      modularSection,
      modulus,
      contradictionPassage,
      contradictionWords,
      quoteBy,
      quoteLabel,
      quotePassage,
    });
    state.sections = sections.opened();
    state.lastSection = sections.lastId();
  };
  for (let k = from; k < items.length; k++) {
    if (stop && (k % PROSE_STATE_EVERY === 0 || (k - phase) % PROSE_STATE_EVERY === 0)) {
      save();
      if (stop(k, state)) return { contexts: out, stoppedAt: k };
    }
    const item = items[k];
    const start = item.kind === 'math' ? item.outerStart : item.start;
    const end = item.kind === 'math' ? item.outerEnd : item.end;
    // The words after the span up to the next math, read by several rules: read once, when asked.
    let followingWords: string | undefined;
    const wordsAfterSpan = () => {
      followingWords ??= textAfter(source, end, items[k + 1], kind);
      return followingWords;
    };
    const gap = prose(source.slice(Math.min(prevEnd, start), start), kind);
    // A block of its own (a new list item, table cell, quote) leaves any strike of the one before.
    if (item.kind === 'math' && !item.display && item.block !== prevBlock) struck = 0;
    struck = struckDepthAfter(gap, struck, kind);
    const breaks = sectionBreaks(gap, kind);
    if (breaks.length > 0) {
      for (const b of breaks) sections.open(b.level, b.problem, b.continues, b.data);
      section = sections.innermost();
      // A label does not reach across a heading.
      pendingLabel = '';
      mistakeSection = headingNamesMistakes(gap, kind) ? section : -1;
      passage++;
      sentence++;
      passageBlock = -1;
      listLead = -1;
      lead = '';
    }
    if (item.kind === 'directive') {
      // A directive's definitions last until redefined, in a problem as anywhere: no problemDepth.
      out.push({
        section,
        sectionPath: sections.path(),
        ...(sections.inStatement() ? { statement: true } : {}),
        ...(sections.inResultStatement() ? { resultStatement: true } : {}),
        ...(sections.inOpening() ? { opening: true } : {}),
        ...(sections.inSectionOpening() ? { sectionOpening: true } : {}),
        ...(sections.inData() ? { dataSection: true as const } : {}),
        passage,
        sentence,
        role: 'plain',
        why: '',
        fresh: false,
      });
      prevEnd = Math.max(prevEnd, end);
      continue;
    }
    const newBlock = item.display ? false : item.block !== prevBlock;
    let continued = false;
    if (item.display) {
      // A display inside a paragraph, or right after one, belongs to that passage; prose of
      // its own before it starts a new one.
      // A LaTeX list item before it (`\item`, the exam class's `\part`) with words of its own opens
      // an item, a passage of its own, even with no blank line between.
      const item_ = kind === 'latex' && startsLatexItem(gap);
      const inside =
        !item_ && item.parentBlock !== undefined && item.parentBlock === passageBlock && passageBlock > 0;
      const labels = onlyLabelsAfterBreak(gap);
      if (!inside && (item_ || startsNewParagraph(gap)) && (!labels || labelledPassage)) {
        labelledPassage = labels;
        passage++;
        sentence++;
        passageBlock = -1;
        listLead = -1;
        lead = '';
        if (LIST_ENDS.test(gap)) listLabel = '';
      }
    } else if (newBlock && item.block !== passageBlock && continuesDisplay(items[k - 1], gap)) {
      // The display's sentence goes on: same passage, same sentence, the words joined.
      passageBlock = item.block;
      continued = true;
    } else if (newBlock && item.block !== passageBlock) {
      listLabel = listLabelAfter(lead, gap, listLabel);
      listLead = listLeadAfter(gap, listLead, passage);
      labelledPassage = LABEL_FIRST.test(gap.slice(lastStructuralBreak(gap)).replace(/^[ \t>]+/, ''));
      passage++;
      sentence++;
      passageBlock = item.block;
      lead = '';
    }
    // The words of this sentence before the span.
    const leadBefore = lead;
    const cut = lastSentenceEnd(gap, item.kind === 'math' && item.display);
    // A sentence of its own that labels the next one wrong ("Common mistake."), ended in this gap.
    if (cut >= 0) {
      const closed = sentenceLabelIn(`${leadBefore}${gap}`);
      if (closed) {
        pendingLabel = closed;
        pendingPassage = passage;
      }
    }
    if (cut >= 0) {
      if (!newBlock || continued) sentence++;
      lead = gap.slice(cut);
    } else if (newBlock && !continued) {
      lead = gap.slice(lastStructuralBreak(gap));
    } else {
      lead += gap;
    }
    /**
     * Whether a label reaches the span, whose sentence so far reads `words` (`opens`: the sentence
     * begins in this gap): a label its sentence opens with, a label sentence just before it, or the
     * label introducing the list it is an item of; the words naming it, for messages.
     */
    const labelReaching = (words: string, opens: boolean): string | null => {
      if (pendingLabel && opens && passage - pendingPassage <= 1) {
        labelSentence = sentence;
        labelWords = pendingLabel;
      }
      pendingLabel = '';
      if (labelSentence === sentence && !turnsToRight(words)) return labelled(labelWords);
      const own = labelBefore(words);
      if (own) return labelled(own);
      if (listLabel && !turnsToRight(words)) return labelled(listLabel);
      return null;
    };
    let role: ProseContext['role'] = 'plain';
    let why = '';
    let keyword: string | undefined;
    let fresh = false;
    let qualifiedByNext = false;
    let fact: string | undefined;
    let rowCondition = false;
    let listedValue = false;
    let evaluatedAt = false;
    let restrictedTo: string | undefined;
    let kindInWords: string | undefined;
    let quoted = false;
    let deniedBy: string | undefined;
    let attributedTo: string | undefined;
    let askedWhetherBy: string | undefined;
    let neglected = false;
    let recalled = false;
    let recallsUnit = false;
    let oneHot = false;
    let fromZero = false;
    let model = false;
    let solvedAt: string | undefined;
    let scalarWords: string | undefined;
    let named: string[] = [];
    let counts: GeometricCount | undefined;
    let lasting = false;
    let independence = false;
    let example = false;
    let locatesPoint = false;
    let universal: true | string[] | false = false;
    let setsUp = false;
    if (item.display) {
      // "A student wrote on the board:" — a display the words just before it quote as someone's
      // mistake is quoted too, as inline math is; words that turn to the right statement end it.
      // The paragraph before may end without a full stop, its sentence going on in the display.
      // Its sentence may have begun before inline math ("A frequent slip drops the $\frac12$:").
      const stem = gap.replace(/\s+$/, '');
      const stemCut = lastSentenceEnd(stem);
      const words = (stemCut >= 0 ? stem.slice(stemCut) : `${leadBefore}${stem}`).toLowerCase();
      named = lawsNamed(words);
      independence = INDEPENDENCE_SAID.test(words);
      model = MODEL_EQUATION.test(words);
      const mistake = quotedMistake(words);
      // An adverb ("a term rounded wrongly is still found:") describes the display; it does not
      // put it in someone else's mouth.
      if (mistake && !WRONGLY_ALONE.test(mistake)) {
        why = `the text quotes it as a mistake (“${mistake}”)`;
        quoted = true;
      }
      if (RECALLS_UNIT.test(words)) recallsUnit = true;
      const judged = judgedWrong(wordsAfterSpan());
      if (judged && !quoted) {
        why = `the words after it ${judged}`;
        quoted = true;
      }
      const labelled = labelReaching(words, stemCut >= 0);
      if (labelled && !quoted) {
        why = labelled;
        quoted = true;
      }
      const tested = quoted ? null : statisticalHypothesis(item.text, words);
      if (tested) {
        why = tested;
        quoted = true;
      }
      const assumed = quoted ? null : assumptionLabel(words);
      if (assumed) {
        role = 'setting';
        why = assumed;
      }
      // "The authors claim" or "Prove or disprove:" right before a display reports or asks it too.
      if (!quoted && !assumed) {
        askedWhetherBy = askedWhether(words) ?? undefined;
        attributedTo = askedWhetherBy ? undefined : (attributedBefore(words) ?? undefined);
      }
    } else {
      const words = lead.toLowerCase();
      const direct = mainClauseAfterFor(words, wordsAfterSpan) ? null : frame(words, lead);
      const framed = direct ?? substitutionGoesOn(words, item.text, items[k - 1], previous, sentence);
      if (framed) {
        role = framed.role;
        why = `it follows “${framed.keyword}”`;
        keyword = framed.keyword;
        listedValue = !direct;
      }
      // "Any $\alpha > 2/L$ diverges": a quantifier right before an inequality ranges over the letter
      // the inequality bounds; the bound is a condition, as after "for any", not a claim.
      const quantified = role === 'plain' ? QUANTIFIER_BEFORE.exec(words) : null;
      if (quantified && FIRST_RELATION_ORDERS.test(item.text)) {
        role = 'setting';
        keyword = quantified[1];
        why = `it follows “${keyword}”`;
      }
      // "for every integer $n \ge 5$": the words name the kind of the letters the bound is on; the
      // bound is a condition, as after "for every", and the letters are of that kind (scalarWords).
      const kindBound = KIND_QUANTIFIED_BEFORE.exec(words) ?? KIND_LISTED_BEFORE.exec(words);
      const boundedKind = kindBound !== null && BOUNDED_NAMES.test(item.text);
      if (boundedKind && role === 'plain') {
        role = 'setting';
        keyword = 'for';
        why = `it follows “${kindBound[1].replace(/\s+/g, ' ')}”`;
      }
      // "Since $x_1, x_2 > 0$, …": a fact the text states of letters it has (model/build.ts).
      if (role === 'plain') fact = FACT_BEFORE.exec(words)?.[1];
      const solved = SOLVED_EQUATION.exec(words);
      if (solved && role === 'plain') {
        role = 'setting';
        const label = solved[1].replace(/\s+/g, ' ');
        why = CONDITION_NAMED.test(label)
          ? `the text names it a condition to meet (“${label}”)`
          : `the text names it an equation to solve (“${label}”)`;
      }
      // "suppose the pre-activation is $z = W_1 x + b_1 = (0.5, …)$": a value supposed for a quantity.
      const supposedValue = role === 'plain' ? SUPPOSED_VALUE.exec(words) : null;
      if (supposedValue) {
        role = 'setting';
        keyword = supposedValue[1].toLowerCase();
        why = `it follows “${supposedValue[0]
          .replace(/\u0000/g, '')
          .replace(/\s+/g, ' ')
          .trim()}”`;
      }
      if (role === 'plain' && SPLIT_INTO.test(words)) {
        role = 'setting';
        why = 'it names a part the text splits something into';
      }
      const atPoint =
        role === 'plain' && SET_TO_ZERO.test(item.text)
          ? (AT_SPECIAL_POINT_BEFORE.exec(words) ?? AT_SPECIAL_POINT_AFTER.exec(wordsAfterSpan()))
          : null;
      if (atPoint) {
        role = 'setting';
        const point = SPECIAL_POINT_RE.exec(atPoint[0])?.[0].replace(/\s+/g, ' ') ?? 'a special point';
        why = `the text states it at the ${point}, the equation that locates that point`;
      }
      // "check at $x = 1$", "at $z = 0$ the flow gives …": the point something is evaluated at; the
      // builder reads it so for a random variable, whose value it is one outcome of (a value after
      // "is at", "lies at" is where something is: "descent is at $w_3 = 0.54$" states it).
      if (role === 'plain' && AT_POINT_BEFORE.test(words) && valueAtPoint(item.text)) evaluatedAt = true;
      // "Setting $A'(x) = 400 - 4x = 0$ gives $x = 100$": a setting the text solves has that solution too.
      const solution = role !== 'hypothesis' ? solvedFor(item.text, wordsAfterSpan(), items[k + 1]) : null;
      if (solution && role === 'plain') {
        role = 'setting';
        why = `the text solves it (“$${solution}$” follows from it): an equation for that value`;
      }
      if (solution) solvedAt = solution;
      const consequence = role === 'plain' ? REQUIRED_CONSEQUENCE.exec(words) : null;
      if (consequence) {
        role = 'setting';
        why = `it follows from a condition to meet (“${consequence[1]}”)`;
      }
      const modelled = MODEL_EQUATION.exec(words);
      if (modelled && role === 'plain') {
        role = 'setting';
        why = `the text names it a model (“${modelled[1].replace(/\s+/g, ' ')}”)`;
        model = true;
      }
      if (
        NEGLECTED_NAME.test(item.text) &&
        (NEGLECT_BEFORE.test(`${words.trimEnd()} `) || NEGLECT_AFTER.test(wordsAfterSpan())) &&
        !HEDGED_AFTER.test(sentenceRest(source, end))
      )
        neglected = true;
      if (
        (NEGLECTED_NAME.test(item.text) || ACCENTED_NAME.test(item.text)) &&
        (RECALLED_AFTER.test(wordsAfterSpan()) || RECALLED_BEFORE.test(words.replace(/\u0000/g, ' ')))
      )
        recalled = true;
      // Math between the words and the unit ("With $E$ from part (a)") names what is taken: only that.
      if (RECALLS_UNIT.test(words)) recallsUnit = true;
      const denied = deniedBefore(words);
      const mistake = quotedMistake(words);
      const assumed = role === 'plain' && !mistake ? assumptionLabel(words) : null;
      if (assumed) {
        role = 'setting';
        why = assumed;
      }
      const whether = role === 'plain' && !mistake ? askedWhether(words) : null;
      // "The authors claim $…$", "… and $…$": a report of another's statement reaches the spans its
      // list goes on with.
      const attributedHere = attributedBefore(words);
      const sinceLast = words.slice(words.lastIndexOf('\u0000') + 1);
      askedWhetherBy = whether ?? undefined;
      attributedTo =
        attributedHere ??
        (previous?.attributed && previous.sentence === sentence && AND_ONLY.test(sinceLast)
          ? previous.attributed
          : undefined);
      // Most spans have no question mark after them: the words after are read only when one is near.
      const nearQuestion = !mistake && !denied && source.slice(end, end + READS_AFTER).includes('?');
      const asked = nearQuestion ? askedInQuestion(words, textAfter(source, end, undefined, kind)) : null;
      if (mistake) {
        role = 'hypothesis';
        why = `the text quotes it as a mistake (“${mistake}”)`;
        quoted = true;
      } else if (denied) {
        deniedBy = denied;
      } else if (asked) {
        role = 'hypothesis';
        why = asked;
        quoted = true;
      } else if (section === mistakeSection && QUOTES_ITEM.test(words)) {
        role = 'hypothesis';
        why = 'the text quotes it as a mistake (its section lists mistakes)';
        quoted = true;
      }
      fresh = FRESH.test(words) || FOREIGN_FRESH_RE.test(words);
      named = lawsNamed(words);
      const scalar = SCALAR_WORDS.exec(words.slice(words.lastIndexOf('\u0000') + 1));
      // A display after the bound keeps its letters as the bound alone gives them: the conditions
      // of running text do not reach a display ("For every integer $n \ge 1$, $$\sum_{k=1}^n k^2 = …$$").
      const following = items[k + 1];
      const displayNext = following?.kind === 'math' && following.display;
      if (scalar && (NAMES_ONLY.test(item.text) || (boundedKind && !displayNext)))
        scalarWords = scalar[1].replace(/\s+/g, ' ');
      // "Let $n$ be a positive integer.", "where $m$ is an integer": the words after the letter name it.
      const namedAfter = NAMES_ONLY.test(item.text) ? SCALAR_AFTER.exec(wordsAfterSpan()) : null;
      if (!scalarWords && namedAfter) scalarWords = namedAfter[1].replace(/\s+/g, ' ').toLowerCase();
      // "that is", "i.e." restate the span before it in the sentence: a property of an object just
      // introduced is a constraint on it, a setting or condition stays one, a claim stays a claim.
      const since = words.slice(words.lastIndexOf('\u0000') + 1);
      const sameSentence = previous !== null && previous.sentence === sentence && words.includes('\u0000');
      let restates = false;
      if (
        sameSentence &&
        previous &&
        (RESTATES.test(since) || (previous.fresh && RESTATES_DESCRIPTION.test(since)))
      ) {
        if (previous.role !== 'plain' && !(previous.role === 'setting' && numbersOnly(item.text))) {
          // A setting gives names values; math of numbers alone sets nothing, so "with $n = 1024$,
          // that is $2/5120 \approx 3.9 \times 10^{-4}$" evaluates what the setting leads to: a claim.
          role = previous.role;
          why = previous.why;
          restates = true;
        } else if (previous.fresh) {
          role = 'setting';
          why = 'it restates a property of the object introduced just before it';
          restates = true;
        }
      } else if (sameSentence && previous?.role === 'setting' && role === 'plain' && DESCRIBED.test(since)) {
        // "where $\psi$ is a unit vector, $\|\psi\| = 1$": the span in apposition spells out the
        // description the setting just gave.
        role = 'setting';
        why = previous.why;
        restates = true;
      } else if (sameSentence && previous && previousRestated && role === 'plain' && AND_ONLY.test(since)) {
        // "that is $\|u\| = 1$ and $\|v\| = 1$": the second equation restates too.
        role = previous.role;
        why = previous.why;
        restates = true;
      } else if (
        sameSentence &&
        previous?.role === 'setting' &&
        role === 'plain' &&
        REQUIREMENT_WHY.test(previous.why) &&
        CONSEQUENCE_ONLY.test(since)
      ) {
        // "we need $2/\sqrt{n} \le 0.5$, hence $n \ge 16$": what the requirement implies is required.
        role = previous.role;
        why = previous.why;
      }
      previousRestated = restates;
      const after = source.slice(
        end,
        Math.min(
          source.length,
          end + 40,
          items[k + 1] && items[k + 1].kind === 'math'
            ? (items[k + 1] as { outerStart: number }).outerStart
            : Infinity,
        ),
      );
      const hypothetical = HYPOTHETICAL_AFTER.exec(after) ?? HYPOTHESIS_AFTER.exec(after);
      if (hypothetical) {
        role = 'hypothesis';
        why = `it is followed by “${hypothetical[1]}”`;
      }
      const settingAfter = SETTING_AFTER.exec(after);
      if (settingAfter && role === 'plain') {
        role = 'setting';
        why = `it is followed by “${settingAfter[1]}”`;
      }
      const mistakeAfter = MISTAKE_AFTER.exec(after);
      if (mistakeAfter) {
        role = 'hypothesis';
        why = `the text quotes it as a mistake (“${mistakeAfter[1]}”)`;
        quoted = true;
      }
      const judged = quoted ? null : judgedWrong(wordsAfterSpan());
      if (judged) {
        role = 'hypothesis';
        why = `the words after it ${judged}`;
        quoted = true;
      }
      const tested = quoted ? null : statisticalHypothesis(item.text, words);
      if (tested) {
        role = 'hypothesis';
        why = tested;
        quoted = true;
      }
      const labelled = labelReaching(words, cut >= 0 || newBlock);
      if (labelled && !quoted) {
        role = 'hypothesis';
        why = labelled;
        quoted = true;
      }
      oneHot = ONE_HOT_BEFORE.test(since) || ONE_HOT_AFTER.test(after.toLowerCase());
      // The rest of the sentence as written, its math read as digits ("indexed from $0$").
      const rawAfter = source
        .slice(end, end + READS_AFTER)
        .replace(/\$|\\[()]/g, '')
        .toLowerCase()
        .split(/[.!?](?:\s|$)/)[0];
      fromZero = FROM_ZERO.test(words) || FROM_ZERO.test(rawAfter);
      const sentenceWords = `${words} ${sentenceAfter(textAfter(source, end, undefined, kind))}`;
      if (writesGeometric(item.text)) counts = geometricCount(`${since} ${sentenceWords}`);
      lasting = LASTING.test(sentenceWords);
      independence = INDEPENDENCE_SAID.test(sentenceWords);
      example = EXAMPLE_WORDS.test(words);
      // "We evaluate at $t = 1$." alone, with no math of its own, sets up what follows.
      const evaluated =
        EVALUATED_AT.test(words) &&
        (words.includes('\u0000') || sentenceAfter(wordsAfterSpan()).includes('\u0000'));
      locatesPoint = LOCATES_POINT.test(words) || evaluated;
      const generalAfter = UNIVERSAL_AFTER.exec(sentenceAfter(wordsAfterSpan()));
      const quantifier = items[k + 1];
      if (UNIVERSAL_BEFORE.test(words) || (generalAfter && !generalAfter[1])) universal = true;
      else if (generalAfter && quantifier?.kind === 'math') universal = quantifiedNames(quantifier.text);
      const opening = SETS_UP.exec(words);
      setsUp = role === 'setting' && opening !== null && opening[1] === keyword;
      const next = items[k + 1];
      if (next?.kind === 'math' && !next.display) restrictedTo = restrictionAfter(source, end, next, kind);
      if (role === 'plain' && !quoted) kindInWords = kindNamedAfter(wordsAfterSpan());
      if (role === 'plain' && !quoted && next?.kind === 'math' && !next.display) {
        const between = prose(source.slice(end, next.outerStart), kind);
        // "… if $x < 0$"; "$2^n > n^2$ for every integer $n \ge 5$" (the bound after the kind);
        // "$\nabla_x(x^\top A x) = 2Ax$ is right for symmetric $A$" (the kind of the matrix).
        const qualifier =
          QUALIFIER_AFTER.exec(between) ??
          (BOUNDED_NAMES.test(next.text) ? KIND_QUALIFIER_AFTER.exec(between) : null) ??
          (ONE_NAME_SPAN.test(next.text) ? MATRIX_KIND_QUALIFIER_AFTER.exec(between) : null);
        if (qualifier) {
          role = 'setting';
          why = `the condition after it (“${qualifier[1].replace(/\s+/g, ' ')} …”) limits it`;
          qualifiedByNext = true;
        } else if (wholeKindAfter(source, end, next, items[k + 2], kind)) {
          role = 'setting';
          why = 'the kind of number named after it limits it';
          qualifiedByNext = true;
        } else if (kind === 'markdown' && qualifiesItsRow(source, next.outerStart, start)) {
          role = 'setting';
          why = 'the condition in its table row limits it';
          qualifiedByNext = true;
        }
      }
      // "| $… = 2Ax$ | $A$ symmetric |" under a header "condition" (model/tableConditions.ts).
      const prior = items[k - 1];
      if (
        kind === 'markdown' &&
        role === 'plain' &&
        prior?.kind === 'math' &&
        !prior.display &&
        qualifiesItsRow(source, start, prior.outerStart)
      ) {
        role = 'hypothesis';
        why = 'it stands in the condition column of its table row';
        rowCondition = true;
      }
    }
    // "(to rounding)", "Good (rounding).": the author says the numbers are rounded values.
    const roundedWords =
      ROUNDED_BEFORE.test(lead.toLowerCase()) || ROUNDED_AFTER.test(wordsAfterSpan().slice(0, ROUNDED_REACH));
    // "We measured $\theta_2 = 25.0^\circ$", "the protractor read …", `L = 0.500 \pm 0.002`: a reading.
    const measured =
      !item.display && (MEASURED_BEFORE.test(lead.slice(-MEASURED_REACH)) || /\\pm\b|±/.test(item.text));
    const otherSummation =
      OTHER_SUMMATION.test(lead.slice(-OTHER_SUMMATION_REACH)) ||
      OTHER_SUMMATION.test(wordsAfterSpan().slice(0, OTHER_SUMMATION_REACH));
    // "~~$\sigma'(z) = \sigma(z)^2$~~ no!! forgot the chain rule": the author struck it out.
    if (struck > 0) {
      role = 'hypothesis';
      why = 'the text strikes it out';
      quoted = true;
    }
    const struckOut = struck > 0;
    // "All arithmetic is over $\mathbb{F}_2$": a setting for the rest of the section (the words after
    // a heading in this gap, or the sentence around this span); "… over GF(2)": this sentence only.
    const stated = statedModulus(source, start, end, breaks.length > 0 ? afterHeading(gap) : gap);
    if (stated !== null) {
      modularSection = section;
      modulus = stated;
    }
    const ownModulus = item.kind === 'math' ? sentenceModulus(source, start, end) : null;
    const path = sections.path();
    // "If the model has an intercept you even get $…$": the words are the supposition, no math in it.
    // "Suppose, for contradiction, that …", "Suppose not": what the proof goes on to derive in this
    // passage follows from a supposition that cannot hold; the proof's end mark ends it.
    if (PROOF_END_MARK.test(gap)) contradictionPassage = -1;
    const supposing = item.kind === 'math' ? CONTRADICTION_OPENING.exec(lead.toLowerCase()) : null;
    if (supposing) {
      contradictionPassage = passage;
      contradictionWords = supposing[0].replace(/\s+/g, ' ').trim();
    }
    // A quotation reported as someone else's or labelled wrong lasts to its closing mark, across
    // sentences; the passage's end ends it if the mark never comes.
    if (quoteBy && quotePassage >= 0 && passage !== quotePassage) quoteBy = '';
    for (const mark of quoteMarks(gap, quoteBy !== '' && quotePassage < 0)) {
      if (!mark.opens) {
        quoteBy = '';
        continue;
      }
      if (quoteBy) continue;
      const opener = quoteOpener(`${leadBefore}${gap.slice(0, mark.at)}`);
      if (opener) {
        quoteBy = opener.words;
        quoteLabel = opener.label;
        // A block quotation is no passage of the text's own: it ends where its `>` lines end.
        quotePassage = mark.block ? -1 : passage;
      }
    }
    if (quoteBy && item.kind === 'math' && !quoted && role !== 'hypothesis') {
      if (quoteLabel) {
        role = 'hypothesis';
        keyword = undefined;
        why = labelled(quoteBy);
        quoted = true;
      } else if (!attributedTo && !askedWhetherBy) attributedTo = quoteBy;
    }
    const supposedMatch = item.kind === 'math' && !item.display ? WORDS_SUPPOSITION.exec(lead) : null;
    const supposed = supposedMatch ? supposedMatch[1].replace(/\s+/g, ' ').trim() : '';
    const heldMatch = item.kind === 'math' && role === 'plain' ? HELD_FIXED.exec(lead) : null;
    const sectionModulus =
      modularSection >= 0 && path.split('.').includes(String(modularSection)) ? modulus : null;
    const pointOfSentence =
      item.kind === 'math' && !item.display && isPointTuple(item.text) && AT_POINT.test(lead)
        ? item.text.trim()
        : previous?.sentence === sentence
          ? previous.pointOfSentence
          : undefined;
    out.push({
      section,
      sectionPath: sections.path(),
      ...sections.problem(),
      ...(sections.inStatement() ? { statement: true } : {}),
      ...(sections.inResultStatement() ? { resultStatement: true } : {}),
      ...(sections.inOpening() ? { opening: true } : {}),
      ...(sections.inSectionOpening() ? { sectionOpening: true } : {}),
      ...(sections.inData() ? { dataSection: true as const } : {}),
      passage,
      ...(listLead >= 0 ? { listLead } : {}),
      sentence,
      role,
      why,
      ...(keyword ? { keyword } : {}),
      fresh,
      ...(qualifiedByNext ? { qualifiedByNext } : {}),
      ...(fact && role === 'plain' ? { fact } : {}),
      ...(rowCondition ? { rowCondition } : {}),
      ...(listedValue ? { listedValue } : {}),
      ...(evaluatedAt ? { evaluatedAt } : {}),
      ...(restrictedTo ? { restrictedTo } : {}),
      ...(kindInWords && role === 'plain' ? { kindInWords } : {}),
      ...(quoted ? { quoted } : {}),
      ...(deniedBy && role === 'plain' ? { denied: deniedBy } : {}),
      ...(attributedTo && !quoted && !askedWhetherBy ? { attributed: attributedTo } : {}),
      ...(askedWhetherBy && !quoted ? { askedWhether: askedWhetherBy } : {}),
      ...(neglected ? { neglected } : {}),
      ...(recalled ? { recalled: true as const } : {}),
      ...(recallsUnit ? { recallsUnit: true as const } : {}),
      ...(supposed && role === 'plain' ? { supposedInWords: supposed } : {}),
      ...(heldMatch ? { heldFixed: heldMatch[0].replace(/\s+/g, ' ').trim() } : {}),
      ...(contradictionPassage === passage && (role === 'plain' || qualifiedByNext)
        ? { contradiction: contradictionWords }
        : {}),
      ...(oneHot ? { oneHot } : {}),
      ...(fromZero ? { fromZero } : {}),
      ...(model ? { model } : {}),
      ...(solvedAt ? { solvedAt } : {}),
      ...(pointOfSentence ? { pointOfSentence } : {}),
      ...(scalarWords ? { scalarWords } : {}),
      ...(named.length > 0 ? { lawsNamed: named.join(', ') } : {}),
      ...(counts ? { geometricCount: counts } : {}),
      ...(lasting ? { lasting } : {}),
      ...(independence ? { independence } : {}),
      ...(example ? { example } : {}),
      ...(locatesPoint ? { locatesPoint } : {}),
      ...(universal ? { universal } : {}),
      ...(roundedWords ? { roundedWords } : {}),
      ...(measured ? { measured: true as const } : {}),
      ...(otherSummation ? { otherSummation } : {}),
      ...(setsUp ? { setsUp } : {}),
      ...(struckOut ? { struck: true as const } : {}),
      ...(ownModulus !== null
        ? { modulus: ownModulus, modulusReach: 'sentence' as const }
        : sectionModulus !== null
          ? { modulus: sectionModulus, modulusReach: 'section' as const }
          : {}),
    });
    if (!item.display) previous = out[out.length - 1];
    // Only the last words of a sentence frame a span; a run-on paragraph must not cost O(n²).
    lead = `${lead}\u0000`.slice(-LEAD_LIMIT);
    // `$t = 2.$`, or a display that ends with `.`: a full stop written inside the math ends the
    // sentence too, so "for $t < \lambda$" before such a display conditions nothing after it.
    if (/\.\s*$/.test(item.text)) {
      sentence++;
      lead = '';
    }
    prevEnd = Math.max(prevEnd, end);
    if (!item.display) prevBlock = item.block;
  }
  save();
  return { contexts: out, stoppedAt: items.length };
}

/**
 * Words that put the math in someone else's mouth as a mistake: "a common mistake is to take",
 * "a frequent slip is to write", "mistake: writing", "the student wrote", "wrongly", "it is tempting
 * to", "the tempting", "do not write". A label alone ("a slip: $2 + 2 = 5$", "a wrong expansion:") marks the
 * author's own line as wrong, which a refutation confirms; it quotes nothing.
 */
const MISTAKE = new RegExp(
  [
    String.raw`\b(?:mistakes?|slips?|errors?|pitfalls?|misconceptions?|confusions?)\b`,
    String.raw`[^.\u0000]{0,60}?\b(?:is|was|are)\s+`,
    // "… is to write", and the gerund: "a common mistake is writing $…$".
    String.raw`(?:to\s+)?(?:write|take|assume|claim|think|use|conclude|believe|read|writing|taking|`,
    String.raw`assuming|claiming|thinking|using|concluding|believing|reading)|`,
    String.raw`\b(?:mistakes?|slips?|pitfalls?)[\s:}]*(?:writing|taking|assuming|claiming|thinking|using)|`,
    // "A common mistake is to forget the union bound and write $…$": what the mistake is to do,
    // whatever the verb, reaches the math of its sentence ("error" is also a quantity: not here).
    String.raw`\b(?:mistakes?|slips?|pitfalls?|misconceptions?|confusions?)\s+(?:here\s+)?`,
    String.raw`(?:is|was|are)\s+to\s+(?!be\b)\p{L}+|`,
    String.raw`\b(?:wrongly|incorrectly|mistakenly|erroneously)\b|`,
    String.raw`\b(?:students?|colleagues?|classmates?|someone|somebody|people|readers?|submissions?|answers)`,
    String.raw`(?:\s+(?:\w+\s+)?in\s+the\s+(?:comments|thread|forum|chat|replies))?`,
    String.raw`\s+(?:\w+\s+)?(?:wrote|writes|write|claims?|claimed|thinks?|thought|answered|concluded|`,
    String.raw`computed|calculated|got|said|stated|proposed|suggested|posted|guessed|used|tried|assumed)\b|`,
    // "Equally wrong is treating it as an exponential, $…$": the judgment first, then what it judges.
    String.raw`\b(?:wrong|incorrect|false|bogus)\s+(?:is|are|was|would\s+be)\b|`,
    // Someone else's answer quoted: "Someone's quiz answer had", "a student's solution gave", "one
    // submission claimed" (not "one solution is", which states a root).
    String.raw`\b(?:someone|somebody|students?|a\s+classmate)['’]s\s+(?:\w+\s+)?`,
    String.raw`(?:answers?|solutions?|submissions?|attempts?|derivations?)\s+`,
    String.raw`(?:had|gave|was|were|said|claimed|read|stated)\b|`,
    String.raw`\b(?:one|an|another)\s+(?:\w+\s+)?(?:answer|submission|attempt)\s+`,
    String.raw`(?:had|gave|said|claimed|stated)\b|`,
    // A share of the class: "several of you wrote", "many of the submissions said".
    String.raw`\b(?:several|many|some|most|a\s+few|half)\s+(?:of\s+)?`,
    String.raw`(?:you|them|the\s+class|the\s+submissions)`,
    String.raw`\s+(?:\w+\s+)?(?:wrote|claimed|said|stated|answered|concluded|computed|calculated|got)\b|`,
    // "Many wrote", "several answered", "some write": the share alone, as in an answer key's
    // marking notes or a remark on others' habits.
    String.raw`\b(?:several|many|most|some|a\s+few)\s+(?:wrote|write|answered|claimed)\b|`,
    // An answer guessing at the asker's slip: "you probably computed", "you must have used" ("you
    // get $…$" without the guess is the author's own step).
    String.raw`\byou\s+(?:probably|likely|must\s+have|may\s+have|might\s+have)\s+`,
    String.raw`(?:wrote|written|computed|calculated|got|gotten|used|taken|took|assumed)\b|`,
    String.raw`\b(?:earlier|first|at\s+first|initially|originally)\s+i\s+wrote\b|`,
    String.raw`\bi\s+(?:first|initially|originally)\s+wrote\b|`,
    // The author's own earlier slip, told as a story: "I used to write", "I had written".
    String.raw`\bi\s+(?:used\s+to\s+write|had\s+written|once\s+wrote)\b|`,
    // "a common mistake is $…$": the copula right before the math (a label, "a common slip:", is
    // the author's own line).
    String.raw`\b(?:common|frequent|typical|classic|usual)\s+`,
    String.raw`(?:mistakes?|slips?|errors?|pitfalls?|confusions?)\b`,
    String.raw`[^.\u0000]{0,60}?\b(?:is|are|was)\s*$|`,
    // "The slip in the draft key was $…$", "my mistake was $…$": a mistake named as the subject
    // (not "error", which is also a quantity: "the error was $0.03$").
    String.raw`\b(?:the|one|this|that|my|our|his|her|their|another)\s+(?:\w+\s+)?`,
    String.raw`(?:mistakes?|slips?|pitfalls?|misconceptions?|confusions?|blunders?)\b`,
    String.raw`[^.\u0000]{0,60}?\b(?:is|are|was|were)\s*$|`,
    String.raw`\b(?:it\s+is|it's)\s+(?:wrong|incorrect|false)\s+to\s+`,
    String.raw`(?:claim|write|say|assume|conclude|think)\b|`,
    String.raw`\btempting\s+to\b|`,
    // "you cannot just write $…$", "one should not write": what the text forbids, quoted.
    String.raw`\b(?:do\s+not|don['’]t|never|cannot|can\s+not|can['’]t|may\s+not|must\s+not|mustn['’]t|`,
    String.raw`should\s+not|shouldn['’]t)\s+(?:just\s+|simply\s+)?write\b|`,
    // "The tempting $…$ is meaningless": what tempts is what the text warns against.
    String.raw`\b(?:the|a|an)\s+tempting\b|`,
    ...FOREIGN_MISTAKE.map((m) => `${m}|`),
  ]
    .join('')
    .replace(/\|$/, ''),
  'gu',
);
const WRONGLY_ALONE = new RegExp(
  String.raw`^(?:wrongly|incorrectly|mistakenly|erroneously|${FOREIGN_WRONGLY}|错误地|誤って)$`,
  'u',
);
/**
 * Words after the mistake that turn to the right statement: "…; the correct one is $…$", "…, but
 * $L$ is singular, so $\det L = 0$" (a contrast turns to the author's own voice), or approve what
 * was written ("many of you wrote the table out in words, which is fine: $…$").
 */
const CORRECTION = new RegExp(
  String.raw`(?<!\p{L})(?:correct(?:ly|ion)?|right|instead|should|actually|rather|true|fix(?:ed)?|` +
    String.raw`fine(?!-)|acceptable|` +
    String.raw`but|however|whereas|` +
    String.raw`${FOREIGN_CORRECTION})(?!\p{L})|正确|应该|应为|正しく|正しい`,
  'u',
);

/**
 * The quotation marks in a stretch of prose, in order: curly and LaTeX marks say which they are; a
 * straight mark opens after a space or an opening bracket with no space after it ("… write: "Since"),
 * and closes otherwise. Math on either side counts as a letter.
 */
const QUOTE_MARK = /[“”"]|``|''/g;
/** A sentence that ends in a colon, then a block quotation (Markdown's `>` lines) after it. */
const BLOCK_QUOTE_OPENS = /:[*_]*[ \t]*\n(?:[ \t]*\n)*[ \t]{0,3}>/g;
/** A line of prose that is no longer part of a block quotation. */
const BLOCK_QUOTE_ENDS = /\n[ \t]*\n[ \t]*(?=[^\s>])/g;
function quoteMarks(gap: string, inBlock: boolean): { at: number; opens: boolean; block?: true }[] {
  const marks: { at: number; opens: boolean; block?: true }[] = [];
  if (inBlock) {
    const end = BLOCK_QUOTE_ENDS.exec(gap);
    BLOCK_QUOTE_ENDS.lastIndex = 0;
    if (!end) return marks;
    marks.push({ at: end.index, opens: false });
    gap = `${' '.repeat(end.index)}${gap.slice(end.index)}`;
  }
  for (const m of gap.matchAll(QUOTE_MARK)) {
    const at = m.index;
    let opens = m[0] === '“' || m[0] === '``';
    if (m[0] === '"') {
      const before = at > 0 ? gap[at - 1] : 'x';
      const after = gap[at + 1] ?? 'x';
      opens = /[\s([{:—–-]/.test(before);
      if (opens && /\s/.test(after)) continue;
    }
    marks.push({ at, opens });
  }
  for (const m of gap.matchAll(BLOCK_QUOTE_OPENS)) marks.push({ at: m.index + 1, opens: true, block: true });
  return marks.sort((a, b) => a.at - b.at);
}

/** How a label's words name the math it reaches, for messages. */
function labelled(label: string): string {
  return `the text labels it wrong (“${label}”)`;
}

/**
 * The last sentence label among the sentences `text` ends (model/labels.ts), or '': math or a heading
 * after it ends its reach.
 */
function sentenceLabelIn(text: string): string {
  let found = '';
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    const piece = text.slice(from, m.index + m[0].length);
    const label = isSentenceLabel(piece.toLowerCase());
    // A later sentence of prose only ("find the error.") leaves the label pending.
    if (label) found = label;
    else if (piece.includes('\u0000') || HEADING_LINE.test(piece)) found = '';
    from = m.index + m[0].length;
  }
  return HEADING_LINE.test(text.slice(from)) ? '' : found;
}
const HEADING_LINE = /(?:^|\n)[ \t]{0,3}#{1,6}[ \t]|\\(?:sub)*section\*?\s*\{|\\(?:chapter|part|question)\b/;

/**
 * The label of the list the item after `gap` belongs to: the label a sentence ending in a colon right
 * before the list opens with ("Common wrong answers:", "Wrong:") — every item of that list is such a
 * mistake — or `current` while the same list goes on; '' otherwise. `lead`: the words of the
 * sentence before the gap.
 */
function listLabelAfter(lead: string, gap: string, current: string): string {
  const item = LIST_ITEM.exec(gap);
  if (!item) return '';
  const before = gap.slice(0, item.index).trimEnd();
  if (!before.endsWith(':')) return current && !LIST_ENDS.test(gap) ? current : '';
  const intro = `${lead}${before}`;
  return labelBefore(intro.slice(Math.max(0, lastSentenceEnd(intro))).toLowerCase()) ?? '';
}

/** The words that quote the span as a mistake, when its sentence so far (`words`) does. */
/** `H_0:`, `H_1\colon`, `H_a:`, `H_{\text{alt}}:` — the label of a statistical hypothesis. */
const HYPOTHESIS_LABEL =
  /(?:^|[^A-Za-z\\])H_\s*\{?\s*(?:0|1|2|a|A|alt|\\text\{[^{}]*\}|\\mathrm\{[^{}]*\})\s*\}?\s*(?::(?!=)|\\colon)/;
/**
 * Words that introduce a statistical hypothesis right before the math: "the null hypothesis is",
 * "the alternative", "hypotheses:", or "test … against / versus" in the same sentence.
 */
const HYPOTHESIS_NAMED =
  /\b(?:null|alternative|alternate|research)(?:\s+hypothes[ie]s)?\s*(?:is|are|states?|says?|reads?|:|,)?\s*(?:that\s*)?$/i;
const TESTED_AGAINST = /\btest(?:s|ed|ing)?\b[^.;]*\b(?:against|versus|vs\.?)\s*(?:the\s+alternative\s*)?$/i;

/**
 * A relation stated as a hypothesis to test (`H_0: \mu = 500`, "against $H_1: \mu \neq 500$", "the
 * null hypothesis is $p = 0.5$"): neither a fact nor a value — the test may reject it. Null when not.
 */
function statisticalHypothesis(math: string, words: string): string | null {
  const label = HYPOTHESIS_LABEL.exec(math);
  if (label) return `it states a hypothesis to be tested (“${label[0].replace(/^[^H]/, '').trim()}”)`;
  const m = HYPOTHESIS_NAMED.exec(words);
  // "the standard error under the null is $…$": a value computed under the hypothesis, not the hypothesis.
  const under =
    m !== null && /\b(?:under|assuming|given|if|when|at)\s+(?:the\s+)?$/i.test(words.slice(0, m.index));
  const named = (under ? null : m?.[0]) ?? (TESTED_AGAINST.test(words) ? 'tested against' : null);
  return named ? `it states a hypothesis to be tested (“${named.replace(/\s+/g, ' ').trim()}”)` : null;
}

function quotedMistake(words: string): string | null {
  let last: RegExpExecArray | null = null;
  MISTAKE.lastIndex = 0;
  for (let m = MISTAKE.exec(words); m; m = MISTAKE.exec(words)) {
    last = m;
    // An empty match must not hold the scan in place.
    if (m[0] === '') MISTAKE.lastIndex++;
  }
  if (!last) return null;
  if (CORRECTION.test(words.slice(last.index + last[0].length))) return null;
  // The words as a reader sees them: commands and braces (`\sidenote{…}`, `\alert{…}`) left out.
  return last[0]
    .replace(/\\[A-Za-z]+(?:\{[^}]*\})?/g, ' ')
    .replace(/[{}:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * "We get $d + d = 2d$, not $d + d = 3d$", "It is not true that $…$", "This does not mean $…$": the
 * words right before the math deny it; the author says it fails. "Not only $…$ but …" asserts, and
 * "instead of", "rather than" contrast a choice ("$N w$ scores instead of $N^2 = 67{,}108{,}864$").
 */
const DENIED_BEFORE =
  /(?:^|[\s,;:(—–-])((?:but\s+)?not|never|it\s+is\s+(?:not\s+true|false)\s+that|(?:does|do|did)\s+not\s+(?:mean|imply|follow|give|hold\s+that)(?:\s+that)?)[\s,:]*$/i;

/** The denial right before the span, when the words since the sentence's last math end with one. */
function deniedBefore(words: string): string | null {
  const since = words.slice(words.lastIndexOf('\u0000') + 1);
  const m = DENIED_BEFORE.exec(since);
  // "whether or not $x > 0$", "if not $…$": a case left open, not a denial.
  if (!m || /\b(?:or|if)\s+$/i.test(since.slice(0, m.index + m[0].indexOf(m[1])))) return null;
  return m[1].replace(/\s+/g, ' ');
}

/**
 * "Prove or disprove: $…$", "True or false: $…$", "Determine whether $…$": the sentence asks whether
 * its math holds, as an exercise or a question does; the math is not stated as holding. "Show that",
 * "Prove that" state what is to be proved — the author asserts it, a claim as before.
 */
const ASKED_WHETHER = new RegExp(
  String.raw`(?:^|[^\p{L}])(prove\s+or\s+disprove|disprove\s+or\s+prove|true\s+or\s+false|` +
    String.raw`(?:decide|determine|check|verify|investigate|examine|ask(?:s|ed)?|asking|wonder(?:s|ed)?)` +
    String.raw`\s+(?:or\s+not\s+)?(?:whether|if)|is\s+it\s+(?:true|the\s+case)\s+that)(?![\p{L}])[^.;!?]*$`,
  'u',
);

/**
 * "Induction hypothesis: $2^k > k^2$", "IH: $…$", "Assumption A: $…$", "Hypothesis (H1): $…$",
 * "**Standing assumption.** $…$" — a label that opens the sentence and names what follows an
 * assumption: the math is assumed, a hypothesis, never refuted. The label ends in a colon (or is a
 * bold or italic heading of its own) right before the math; "The assumption $…$ is too strong" or
 * "this assumption gives $…$" say something of an assumption, and the math stays a claim.
 */
const ASSUMPTION_LABEL = new RegExp(
  String.raw`^[\s>*_#-]*(?:\(?[a-z0-9]{1,3}[.)]\s*)?[*_]*((?:(?:the\s+)?(?:standing|main|key|technical|` +
    String.raw`induction|inductive|strong\s+induction)\s+)?(?:assumptions?|hypothes[ie]s)` +
    String.raw`(?:\s*\(?[a-z]?\d{0,2}['’]?\)?)?|ih)[*_]*\s*(?::|\.[*_]+)[*_]*[\s\u0000]*$`,
  'u',
);

/**
 * "The assumption $a > 2$ is too strong", "under the hypothesis that $…$", "our inductive hypothesis
 * $…$": the words right before the math name it an assumption — what is assumed, not stated.
 */
const ASSUMPTION_NAMED = new RegExp(
  String.raw`(?:^|[^\p{L}])((?:the|this|that|our|an|its|their|same)\s+(?:[a-z-]+\s+){0,2}?` +
    String.raw`(?:assumption|hypothesis)(?:\s+that)?)[\s,:]*$`,
  'u',
);

/** How the words before the span name it an assumption, for messages, or null. */
function assumptionLabel(words: string): string | null {
  const label = ASSUMPTION_LABEL.exec(words);
  if (label) return `its label names an assumption, “${label[1].replace(/\s+/g, ' ').trim()}”`;
  const named = ASSUMPTION_NAMED.exec(words.slice(words.lastIndexOf('\u0000') + 1));
  return named ? `the words before it name it an assumption, “${named[1].replace(/\s+/g, ' ')}”` : null;
}

function askedWhether(words: string): string | null {
  const m = ASKED_WHETHER.exec(words);
  if (!m) return null;
  // "whether or not $x > 0$, …": a case left open, not a question (deniedBefore).
  if (/whether\s+or\s+not[\s\u0000]*$/.test(words)) return null;
  return m[1].replace(/\s+/g, ' ');
}

/**
 * "The authors claim $…$", "Reviewer 2 states that $…$", "Lemma 3 of [5] asserts $…$", "they write
 * $…$", "one might guess $…$": the words right before the math report what someone else says. The
 * author reports it and may go on to dispute it, so a failure is no refutation of the author's text
 * (check/claim.ts); a relation that holds is checked as before. "We", "I", "you" are the author's own.
 */
// A source the author reads from: a paper, a textbook, lecture notes, and what they number ("their
// Lemma 1", "the textbook's formula"), or the place in a source ("In the paper, equation (2)").
const SOURCE =
  String.raw`(?:authors?|papers?|manuscripts?|submissions?|preprints?|articles?|drafts?|reviewers?|` +
  String.raw`referees?|commenters?|posters?|op|appendix|abstract|introduction|textbooks?|books?|` +
  String.raw`lecturers?|instructors?|slides|lecture\s+notes|wikipedia|references?|sources?|courses?|` +
  String.raw`tutorials?|blogs?)`;
const NUMBERED = String.raw`(?:lemma|theorem|proposition|corollary|claim|equation|eqn?\.?|formula)`;
const REPORTER =
  String.raw`(?:(?:the|their|this|that|these|some|many|most|other|several|older|certain)\s+` +
  String.raw`(?:[\w-]+\s+)?${SOURCE}` +
  String.raw`(?:['’]s)?(?:\s+(?:version|formula|proof|derivation|statement))?|` +
  String.raw`(?:their|the\s+paper['’]s|the\s+authors['’])\s+${NUMBERED}\s*[\w.()~-]*|` +
  String.raw`(?:in|from)\s+(?:the|their|this|that)\s+(?:[\w-]+\s+)?${SOURCE},?\s+` +
  String.raw`(?:${NUMBERED}\s*[\w.()~-]*|the\s+(?:\w+\s+)?(?:formula|update|bound|equation))|` +
  String.raw`(?:reviewer|referee|commenter|author)\s+#?\w+|they|he|she|(?:some\s+|many\s+)?people|others|` +
  String.raw`one\s+(?:might|may|could|would)|` +
  String.raw`(?:lemma|theorem|proposition|corollary|claim|equation|eqn?\.?)\s*[\w.()~-]*\s+(?:of|in)\s+` +
  String.raw`(?:\[[^\]]*\]|the\s+(?:paper|manuscript|submission|preprint)|their\s+(?:paper|work)))`;
const REPORTING_VERB =
  String.raw`(?:claim(?:s|ed)?|state(?:s|d)?|assert(?:s|ed)?|write(?:s)?|wrote|argue(?:s|d)?|` +
  String.raw`say(?:s)?|said|` +
  String.raw`report(?:s|ed)?|suggest(?:s|ed)?|conclude(?:s|d)?|propose(?:s|d)?|guess(?:es|ed)?|` +
  String.raw`believe(?:s|d)?|derive(?:s|d)?|obtain(?:s|ed)?|get(?:s)?|got|use(?:s|d)?|think(?:s)?|thought|` +
  String.raw`conjecture(?:s|d)?|expect(?:s|ed)?|reads?|quote(?:s|d)?|cite(?:s|d)?)`;
const ATTRIBUTED_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}])(${REPORTER}\s+(?:(?:also|then|now|further|instead|implicitly|explicitly|` +
    String.raw`naively|first|later|still|simply|sometimes|often|usually|commonly|wrongly)\s+)?` +
    String.raw`${REPORTING_VERB})` +
    // "The authors claim in Section 4 that": where in the source, between the verb and "that".
    String.raw`(?:\s+(?:in|on)\s+(?:section|sec\.|§|chapter|appendix|page|p\.|eq\.|equation|their\s+\w+)` +
    String.raw`\s*[\w.()~-]*)?(?:\s+that)?[\s,:]*$`,
  'u',
);

/** The words reporting the span as someone else's, when the words since the last span end in them. */
function attributedBefore(words: string): string | null {
  // Emphasis marks no word: "**Their Lemma 1** claims that".
  const since = words.slice(words.lastIndexOf('\u0000') + 1).replace(/[*_]+/g, '');
  const m = ATTRIBUTED_BEFORE.exec(since);
  if (m) return m[1].replace(/\s+/g, ' ');
  // "Some textbooks drop the $\frac{1}{N}$ and write $…$": the verb's subject is the sentence's, before
  // an earlier span.
  if (!AND_REPORTS.test(since)) return null;
  const ends = [...words.matchAll(/[.!?](?=\s)/g)];
  const sentence = words.slice(ends.length > 0 ? (ends[ends.length - 1].index ?? 0) + 1 : 0);
  const subject = SUBJECT_REPORTER.exec(sentence.replace(/[*_]+/g, ''));
  return subject ? subject[1].replace(/\s+/g, ' ') : null;
}

/** The words since the last span go on with "and" and a verb of saying ("… and write"). */
const AND_REPORTS = new RegExp(
  String.raw`^\s*,?\s*and\s+(?:then\s+|instead\s+|simply\s+)?${REPORTING_VERB}(?:\s+that)?[\s,:]*$`,
  'u',
);
/** A source opening the sentence as its subject ("some textbooks", "Note: the authors"). */
const SUBJECT_REPORTER = new RegExp(String.raw`^[^\p{L}\u0000]*(?:\p{L}+\s*:\s*)?(${REPORTER})\s`, 'u');

/**
 * Who a quotation's introducing words put it in the mouth of: a source as for a single span
 * (REPORTER) or a person other than the author ("a student", "someone on the forum"), with a verb of
 * saying anywhere in the sentence that leads to the mark ("The authors write, in Section 3.1:",
 * "they state … and justify it as follows."); or a label calling it wrong ("a wrong proof — find the
 * error", "A common mistake:").
 */
const QUOTE_SOURCE = new RegExp(
  String.raw`(?:^|[^\p{L}])((?:${REPORTER}|(?:a|an|one|another|some|the|my|our)\s+(?:[\w-]+\s+){0,2}?` +
    String.raw`(?:students?|classmates?|colleagues?|friends?|users?|commenters?|posters?|readers?|` +
    String.raw`tutors?|person|people)|someone|somebody)\s+(?:[\w-]+\s+){0,4}?` +
    String.raw`(?:${REPORTING_VERB}|justif(?:y|ies|ied)|insist(?:s|ed)?|comment(?:s|ed)?|` +
    String.raw`repl(?:y|ies|ied)|remark(?:s|ed)?|object(?:s|ed)?|post(?:s|ed)?))(?![\p{L}])`,
  'u',
);
const QUOTE_LABEL_REACH = 60;
function quoteOpener(before: string): { words: string; label: boolean } | null {
  // The sentence that leads to the mark: the one it stands in, or the one just ended before it.
  const text = before.replace(/[\s.:,;—–-]+$/, '');
  const ends = [...text.matchAll(/[.!?](?=\s)/g)];
  const sentence = text.slice(ends.length > 0 ? (ends[ends.length - 1].index ?? 0) + 1 : 0).toLowerCase();
  const source = QUOTE_SOURCE.exec(sentence.replace(/[*_]+/g, ''));
  if (source) return { words: source[1].replace(/\s+/g, ' '), label: false };
  // A label reaches the quotation it stands right before ("the slip "…"", "Student slip: "…""), not
  // one later in a sentence that speaks of slips in general.
  const near = sentence.slice(-QUOTE_LABEL_REACH);
  const label = labelBefore(sentence) ?? labelsQuotation(near) ?? quotedMistake(near);
  return label ? { words: label, label: true } : null;
}

const AT_ONCE = /\b(?:at|all\s+at)\s+once$/i;
/**
 * A sentence that opens with a supposition in words and reaches its first math with no math before
 * ("If the model has an intercept you even get", "When the classes are balanced, "), the words one
 * clause: "If the logits are centred, the sum vanishes ($…$)" states its math as a fact. Not the
 * author's own action ("if we expand", "if you differentiate"), whose result the math shows.
 */
/**
 * Words saying a quantity does not take part in differentiation: running statistics (batch
 * normalisation at test time), a target treated as a constant, frozen or detached parameters, a
 * stop-gradient.
 */
const HELD_FIXED =
  /\b(?:running\s+(?:stats|statistics|mean|means|average|averages|estimates?)|(?:treated|treat|regarded|taken)\s+as\s+(?:an?\s+)?(?:constants?|fixed)|held\s+(?:fixed|constant)|frozen|detached|stop[- ]gradient|no\s+gradient\s+flows?)\b/i;

const WORDS_SUPPOSITION =
  /^\s*((?:if|when|whenever|provided(?:\s+that)?|assuming(?:\s+that)?)\s+(?!(?:we|you|one|i)\b)[^\u0000$,;:.()]{3,100}?)[\s,]*(?:then\s+)?(?:(?:you|we|one)\s+(?:even\s+|also\s+)?(?:get|have|obtain|find)\s+)?$/i;

/**
 * A counterfactual clause the span completes: "Had we found $\mu < 0$", "Were $h > 1$", "if we
 * had taken $x_0 = 3$": what it would have meant, not what holds. "We had found $…$" (no inversion,
 * no "if") is narrative, a claim as before.
 */
const SUBJECT = String.raw`(?:we|you|they|it|one|i|this|that|the\s+[a-z-]+)`;
// "If the $X_i$ were all equal to $X$, then $…$": the consequence of a counterfactual is what would
// hold under it, not what holds ("had we started over, the multiplier is still …" goes on as a claim).
const COUNTERFACTUAL = new RegExp(
  String.raw`(?:(?:^\s*|[.;!?]\s+)(?:had|were|should)\s+(?:${SUBJECT}\s+(?:[a-z-]+\s+){0,2})?|` +
    String.raw`\bif\s+${SUBJECT}\s+(?:had|were|would|could|should)\s+(?:[a-z-]+\s+){0,2}|` +
    String.raw`\bif\s+[^.;!?]{0,80}?\b(?:were|had\s+been)\b[^.;!?]{0,80}?,\s*then\s+)$`,
  'iu',
);

/**
 * The purpose a supposition states before its math: "for (the sake of) (a) contradiction", "towards a
 * contradiction", "by way of contradiction", "to the contrary": "assume, to the contrary, that $…$"
 * assumes what the argument will refute — a supposition as "assume that $…$" is.
 */
const CONTRADICTION_PURPOSE =
  /[\s,]*\(?\b(?:(?:for|towards?|seeking|aiming\s+(?:at|for)|by\s+way\s+of)\s+(?:the\s+(?:sake|purpose)\s+of\s+)?(?:a\s+|deriving\s+a\s+)?contradiction|to\s+the\s+contrary)\b\)?[\s,]*(?=that\b|\u0000|$)/g;

/**
 * The words that open a proof by contradiction: "suppose, for contradiction,", "assume towards a
 * contradiction", "assume to the contrary", "suppose not", "for a contradiction, suppose".
 */
const CONTRADICTION_OPENING = new RegExp(
  String.raw`\b(?:suppose|assume|supposing|assuming)\b[\s,(]*(?:(?:for|towards?|seeking|by\s+way\s+of)\s+` +
    String.raw`(?:the\s+(?:sake|purpose)\s+of\s+)?(?:a\s+|deriving\s+a\s+)?contradiction|` +
    String.raw`to\s+the\s+contrary|` +
    String.raw`(?:not|otherwise)\b(?!\s+(?:only|just|necessarily)\b))|` +
    String.raw`\b(?:for|towards?)\s+(?:a\s+)?contradiction[\s,]+(?:suppose|assume|let)\b`,
);
/** The mark that ends a proof: "∎", "□", `\qed`, "QED". */
const PROOF_END_MARK = /∎|□|\\qed\b|\bq\.?e\.?d\b/i;

/** The clause keyword that governs a span whose sentence so far reads `words`. */
function frame(written: string, asWritten = written): { role: ProseContext['role']; keyword: string } | null {
  // "Suppose, for the sake of contradiction, that $…$": the purpose of the supposition stands between
  // its keyword and the math, and the clause goes on as "suppose that $…$".
  const words = written.replace(CONTRADICTION_PURPOSE, ' ');
  // A word of another language written in capitals is an abbreviation of this one: "SE $= s/\sqrt n$"
  // is the standard error, not Portuguese "se" (if).
  const abbreviation = (m: RegExpExecArray) =>
    words === written &&
    asWritten.length === written.length &&
    m[1] !== undefined &&
    FOREIGN_WORDS.has(m[1]) &&
    /^[A-Z]+$/.test(asWritten.slice(m.index + m[0].length - m[1].length, m.index + m[0].length));
  const counterfactual = COUNTERFACTUAL.exec(words);
  if (counterfactual)
    return {
      role: 'hypothesis',
      keyword: counterfactual[0]
        .replace(/^[\s.;!?]+/, '')
        .replace(/\u0000/g, '…')
        .replace(/\s+/g, ' ')
        .trim(),
    };
  let last: RegExpExecArray | null = null;
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(words); m; m = KEYWORD.exec(words)) {
    if (!abbreviation(m)) last = m;
    KEYWORD.lastIndex = m.index + m[0].length;
  }
  if (!last) return null;
  const rest = words.slice(last.index + last[0].length);
  const keyword = (last[1] ?? last[2]).replace(/\s+/g, ' ');
  const supposed = restatedInParentheses(words);
  if (supposed) return { role: HYPOTHESIS_WORDS.has(supposed) ? 'hypothesis' : 'setting', keyword: supposed };
  // "s.t. $Ax = b$, $x \ge 0$": a problem's constraints are listed with commas, each one of them.
  const constraintList = PROBLEM_CONSTRAINT.has(keyword) && LIST_ITEMS.test(rest);
  if (
    !JOINERS.test(rest) &&
    !(LIST_ITEMS.test(rest) && LIST_END.test(rest)) &&
    !SATISFIES.test(rest) &&
    !((HYPOTHESIS_WORDS.has(keyword) || SUPPOSING_HAS.has(keyword)) && HAS_PROPERTIES.test(rest)) &&
    !constraintList
  )
    return null;
  // "it follows at once that $…$": "at once" is "immediately", no condition.
  if (keyword === 'once' && AT_ONCE.test(words.slice(0, last.index + last[0].length))) return null;
  // "for" frames only what follows it at once ("for $q < 1/3$"), not "for example, $…$".
  return { role: HYPOTHESIS_WORDS.has(keyword) ? 'hypothesis' : 'setting', keyword };
}

/**
 * "For $r(x) = x\ln x$, $r'(x) = \ln x + 1$ and $r''(x) = 1/x^2$.": a sentence that opens with "for"
 * states its main clause after the conditions, so when the sentence ends right after a list of spans,
 * the spans after the first comma are that clause — claims — and the last one is no condition of a
 * list ("for $W \in …$, $x \in …$ and $z = Wx$, we get …" goes on after its list, and keeps it).
 */
// Its own label may stand first: "(b)", "3.", "**Exercise 5.**", "Q2:".
const FOR_OPENS =
  /^[\s>*_#-]*(?:(?:(?:exercise|problem|question|part|q)\s*)?\(?\d{1,3}[a-z]?[.):]|\(?[a-h]\))?[\s*_]*for\s+\u0000\s*,/u;
const LAST_SPAN_OF_SENTENCE = /^\s*(?:[.!?](?:\s|$)|$)/;
/**
 * The main clause may end in a consequence of its own instead ("For $X \sim …$, $E[X] = \lambda$ and
 * $\operatorname{Var}(X) = \lambda$, so Chebyshev gives $…$"): a comma, then a word of consequence.
 */
const CONSEQUENCE_AFTER = /^\s*[,;]\s*(?:and\s+)?(?:so|hence|thus|therefore|whence|which\s+gives|giving)\b/;

function mainClauseAfterFor(words: string, after: () => string): boolean {
  if (!FOR_OPENS.test(words) || !LIST_END.test(words)) return false;
  const following = after();
  return LAST_SPAN_OF_SENTENCE.test(following) || CONSEQUENCE_AFTER.test(following);
}

/**
 * The words a clause of supposition may say before it spells itself out in parentheses: "suppose
 * both sets of logits have zero mean ($\sum_j z_j = 0$ and $\sum_j v_j = 0$)", "if the student
 * matches the teacher exactly ($z = v$)". Only the words that state an assumption: "for", "with",
 * "where" name what the words after them are about ("the gradient for the logistic loss ($…$)").
 */
const PARENTHESISED_CLAUSE = new Set([
  ...HYPOTHESIS.slice(HYPOTHESIS.indexOf('if'), HYPOTHESIS.indexOf('provided') + 1),
  'suppose that',
  'suppose',
  'assume that',
  'assume',
  'assuming',
  'given that',
]);
// The clause's words, then the parenthesis the span opens (after earlier spans of the same
// parenthesis joined by "and"); no punctuation that would end the clause on the way.
const CLAUSE_THEN_PARENTHESIS = new RegExp(
  String.raw`^([^,;:.!?\u0000()]{1,120})\(\s*(?:(?:i\.\s?e\.|that\s+is)[\s,]*)?` +
    String.raw`(?:\u0000[\s,]*(?:\b(?:and|or)\b)?[\s,]*)*$`,
  'u',
);
// "if we expand the square ($…$)": an action of the author's, whose result the parenthesis shows —
// not a state assumed; "then", "so" end the clause.
const CLAUSE_ENDED = /\b(?:we|you|one|i|then|so|hence|thus|therefore|which|gives?|get)\b/;

const SUPPOSING = new RegExp(
  String.raw`(?:^|[^\p{L}.'\-])(${byLength([...PARENTHESISED_CLAUSE])
    .map(keywordPattern)
    .join('|')})(?!\p{L})`,
  'gu',
);

/**
 * The keyword of the clause of supposition the span restates in parentheses (see above), when the
 * sentence so far (`words`) ends in one.
 */
function restatedInParentheses(words: string): string | null {
  let last: RegExpExecArray | null = null;
  SUPPOSING.lastIndex = 0;
  for (let m = SUPPOSING.exec(words); m; m = SUPPOSING.exec(words)) last = m;
  if (!last) return null;
  const m = CLAUSE_THEN_PARENTHESIS.exec(words.slice(last.index + last[0].length));
  if (!m) return null;
  const clause = m[1].trim();
  if (clause.split(/\s+/).length > 14 || CLAUSE_ENDED.test(clause)) return null;
  return last[1].replace(/\s+/g, ' ');
}

const FULL_WIDTH: Record<string, string> = {
  '。': '. ',
  '．': '. ',
  '！': '! ',
  '？': '? ',
  '；': '; ',
  '，': ', ',
  '、': ', ',
  '：': ': ',
  '（': ' (',
  '）': ') ',
};
/** The prose of a gap: code, HTML comments and (in LaTeX) comments removed. */
/** The words of a gap between spans: comments, code fences and code spans removed. */
export function prose(gap: string, kind: DocumentKind): string {
  let g = gap.replace(/<!--[\s\S]*?(-->|$)/g, ' ');
  if (kind === 'markdown')
    g = g.replace(/(^|\n)[ \t>]*(```|~~~)[\s\S]*?(\n[ \t>]*\2[^\n]*|$)/g, '\n').replace(/`[^`\n]*`/g, ' ');
  else g = g.replace(/(^|[^\\])%[^\n]*/g, '$1');
  // Chinese and Japanese punctuation ends sentences and clauses with no space after it.
  return g.replace(/[。．！？；，、：（）]/g, (c) => FULL_WIDTH[c]);
}

/** A thematic break (`---` between paragraphs): it ends a stated result's unit, and no section. */
const THEMATIC_BREAK = -1;
/**
 * A stated result (theorem, lemma, proposition, corollary, claim, example, exercise, problem) and its
 * proof: a unit deeper than any heading. What its running text assumes ("Let $x > 0$", "for
 * $B \in \mathbb{R}^{n \times m}$") holds in it and ends with it, as a reader of a proof takes it.
 */
const STATEMENT = 7;
/**
 * The statement of a result proper (theorem, lemma, proposition, corollary, claim, conjecture) up to
 * its proof: a name it defines by a formula is the document's from there on (see build.ts's
 * scopeOf). Deeper than STATEMENT only so the level tells them apart; a unit ends either.
 */
const RESULT_STATEMENT = 7.25;
/** The proof of such a result: what it defines is the proof's, as in any unit. */
const RESULT_PROOF = 7.5;
/** The end of a proof (`\end{proof}`, ∎, □, \qed): it ends the statement unit it is in. */
const PROOF_END = -2;
/** The start of a proof (`\begin{proof}`, "*Proof.*"): the statement before it is over. */
const PROOF_START = -3;
const RESULT_NAMES = 'theorem|thm|lemma|lem|proposition|prop|corollary|cor|claim|conjecture';
const STATEMENT_NAMES = `${RESULT_NAMES}|example|ex|exercise|problem`;
const RESULT_NAME = new RegExp(`^(?:${RESULT_NAMES})$`, 'i');
const LATEX_STATEMENT = new RegExp(String.raw`\\begin\{(${STATEMENT_NAMES})\*?\}`, 'g');
const LATEX_PROOF_START = /\\begin\{proof\*?\}/g;
// "*Proof.*", "**Proof:**", "Proof." opening a paragraph (a solution is an exercise's, which has no
// statement part to end).
const MARKDOWN_PROOF_START = /(?:^|\n)[ \t>]*(?:\*\*?|__?)?Proof\b(?:[^\n]{0,20}?)[.:]/g;
const LATEX_PROOF_END = /\\end\{proof\*?\}|\\qed(?![A-Za-z])/g;
// A paragraph or list item that opens with an emphasised name of a result: "**Theorem 3.1.**",
// "*Lemma.*", "**Problem 7.**" (a proof, "*Proof.*", goes on in the unit of its result).
const MARKDOWN_STATEMENT = new RegExp(
  String.raw`(?:^|\n)[ \t>]*(?:[-*+][ \t]+)?(?:\*\*?|__?)(${STATEMENT_NAMES})\b`,
  'gi',
);
const MARKDOWN_PROOF_END = /[∎□]|\bQ\.E\.D\./g;
/**
 * A numbered question of a problem set or an exercise list, labelled at the start of a paragraph or
 * list item: "**1.**", "**Q3.**", "**Question 2:**", "**1.2**", "Q4.", "Exercise 5.", "Problem 2:".
 * It opens a section of its own, deeper than any heading and shallower than a stated result's
 * unit: the values and formulas it sets end at the next question (of any heading around it), while
 * declarations carry on as they do across sections. Lettered parts ("(a)", "**(b)**") are not
 * questions: they share the givens of the question they belong to. "**Problem 7.**" and
 * "**Exercise 4.**" open a stated result's unit instead (MARKDOWN_STATEMENT).
 */
const QUESTION = 6.5;
const EMPHASIS = String.raw`(?:\*\*?|__?)`;
const QUESTION_NUMBER = String.raw`\d{1,3}(?:\.\d{1,2})?`;
const MARKDOWN_QUESTION = new RegExp(
  String.raw`(?:^|\n)[ \t>]*(?:[-*+][ \t]+)?(?:` +
    // Emphasised: a number alone or after Q / Question, its stop inside or after the emphasis.
    String.raw`${EMPHASIS}(?:Q|Question[ \t])?[ \t]*${QUESTION_NUMBER}(?:[.):]${EMPHASIS}|${EMPHASIS}[.):])` +
    // Plain: a word naming a question, its number and a stop, then the question's words.
    String.raw`|(?:Q|Question[ \t]|Exercise[ \t]|Problem[ \t])${QUESTION_NUMBER}[.):])(?=[ \t\n]|$)`,
  'g',
);
/**
 * The same label in LaTeX, opening a line: `\textbf{Q2.}`, `{\bf 3.}`, `\noindent\textbf{Question 4:}`,
 * or plain "Q2." — an answer key typed in LaTeX numbers its questions so, without a heading, and
 * what one question sets (the solution y(t) of its ODE) is not the next question's.
 */
const LATEX_QUESTION = new RegExp(
  String.raw`(?:^|\n)[ \t]*(?:\\(?:noindent|medskip|bigskip|smallskip|par)(?![A-Za-z])\s*)*(?:` +
    String.raw`(?:\\textbf\{|\{\\bf[ \t]+)[ \t]*(?:Q|Question[ \t])?[ \t]*` +
    String.raw`${QUESTION_NUMBER}[ \t]*[.):]?[ \t]*\}` +
    String.raw`|(?:Q|Question[ \t])${QUESTION_NUMBER}[.):](?=[ \t\n]|$))`,
  'g',
);
const LATEX_LEVELS: Record<string, number> = {
  part: 1,
  chapter: 2,
  section: 3,
  subsection: 4,
  subsubsection: 5,
  question: 6,
  titledquestion: 6,
};
/**
 * A sectioning command with its title in braces (`\section{…}`, `\part[Short]{Long}`), or a question of
 * the exam class (`\question[10]`, `\titledquestion{…}`): each question is a problem of its own, inside
 * the section around it. The exam class's `\part[4] Compute …` (no braced title) is an item of a
 * question, not a heading.
 */
const LATEX_HEADING =
  /\\(?:(part|chapter|section|subsection|subsubsection)\*?\s*(?:\[[^\]\n]*\]\s*)?\{|(question|titledquestion)(?![A-Za-z]))/g;

function statementLevel(name: string): number {
  return RESULT_NAME.test(name) ? RESULT_STATEMENT : STATEMENT;
}

/**
 * A heading that names mistakes ("Common mistakes seen on the quiz", "Pitfalls", "Typical errors"):
 * its section lists what others wrote. "Errors" alone names a quantity (truncation errors) too.
 */
const MISTAKE_HEADING =
  /\b(?:mistakes?|pitfalls?|misconceptions?|gotchas?|(?:common|typical|frequent|usual)\s+(?:errors|slips))\b/i;
const MARKDOWN_HEADING_TEXT = /(?:^|\n)[ \t]{0,3}#{1,6}[ \t]+([^\n]*)/g;
const LATEX_HEADING_TEXT =
  /\\(?:part|chapter|section|subsection|subsubsection|paragraph)\*?\s*\{([^}\n]*)\}/g;

/** Whether the last heading in a stretch of prose names mistakes. */
function headingNamesMistakes(gap: string, kind: DocumentKind): boolean {
  const headings = [...gap.matchAll(kind === 'latex' ? LATEX_HEADING_TEXT : MARKDOWN_HEADING_TEXT)];
  const last = headings[headings.length - 1];
  return last !== undefined && MISTAKE_HEADING.test(last[1]);
}

/**
 * In a section that lists mistakes, an item that opens by reporting what was written ("Writing
 * $…$ — that is …", "Using $…$") or puts the math in quotation marks (`"$…$": only right when …`)
 * quotes it. An item that states a rule in its own voice ("the rule is $…$") is the author's.
 */
const QUOTES_ITEM =
  /^[\s\u0000]*(?:\d+[.)]\s*|[-*+]\s+)?(?:(?:writing|using|taking|claiming|assuming|putting|saying|concluding)\b[^.\u0000]*|["“'‘]\s*)$/;

/**
 * A heading's title that names one problem of its own: "Problem 2", "Exercise 3.1 (10 pts)", "Q4",
 * "Question 5", "Example 3.1", "Task 2", "Aufgabe 2", "Ejercicio 1". "Problem Set 4", "Exercises"
 * and "Part (b)" name a collection or a part of a problem, not a problem.
 */
const PROBLEM_TITLE = new RegExp(
  String.raw`^[\s*_]*(?:(?:homework|hw|practice|bonus|challenge|worked)\s+)?` +
    String.raw`(?:problem|exercise|question|q|task|example|ex\.?|exercice|ejercicio|problema|probl[eè]me|` +
    String.raw`aufgabe|übung|beispiel|ejemplo|exemple|esercizio|esempio)\s*#?\s*\d`,
  'i',
);

/** One break in a stretch of prose: its level, and whether the section it opens is a problem. */
/**
 * A heading that names the data the sections after it work with: "Given data", "1. Givens", "Data",
 * "Measurements", "Design parameters", "Known values" (DATA_TITLE). Numbers stated there are the
 * givens of the section around it, not of the heading's own section (build.ts keepDataGivens).
 */
const DATA_TITLE = new RegExp(
  String.raw`^[\s*_{]*(?:(?:\d+(?:\.\d+)*|[A-H]|[IVX]+)[.):]?\s+|§\s*\d+(?:\.\d+)*\s+)?(?:the\s+)?` +
    String.raw`(?:given\s+(?:data|values|information|quantities)|givens?|data|inputs?|input\s+data|` +
    String.raw`design\s+(?:data|inputs|basis|parameters)|(?:problem|case|experimental|measured|raw)\s+data|` +
    String.raw`parameters|measurements|measured\s+values|known\s+(?:values|quantities|data)|constants|` +
    String.raw`(?:key\s+|main\s+|design\s+)?assumptions|data\s+and\s+assumptions|assumptions\s+and\s+data|` +
    String.raw`(?:data|values)\s+given)[\s*_}:.]*$`,
  'i',
);

interface SectionBreak {
  at: number;
  level: number;
  problem: boolean;
  /** Its title names data (DATA_TITLE). */
  data?: boolean;
  /** A problem whose opening words go on with the one before ("From the previous question, …"). */
  continues?: boolean;
}

/**
 * Words that make a problem go on with the one before: "From the previous question", "using the
 * data of the preceding problem", "(continued)", "Same setup as above", "continuing Example 3".
 */
const CONTINUES_PROBLEM =
  /\b(?:(?:from|of|in|using|with|as\s+in|like)\s+(?:the\s+)?(?:previous|preceding|last|above)\s+(?:question|problem|exercise|example|task|one)|continuing\s+(?:from|with|the|our|example|problem|question|exercise)|same\s+(?:setup|set-up|setting|data|values|numbers|matrix|network|model|system)\s+as)\b/i;

/** Whether the words right after a problem's label (its line and the paragraph after it) go on. */
function continuesProblem(after: string): boolean {
  const [line, ...rest] = after.slice(0, 400).split('\n');
  const paragraph = rest
    .join('\n')
    .replace(/^\s+/, '')
    .split(/\n[ \t>]*\n/, 1)[0];
  // "## Problem 4 (continued)", "**Q3 cont'd.**": the label's own line says so at its end.
  if (/\bcont(?:inued|'d|\.)[\s).:*_]*$/i.test(line)) return true;
  return CONTINUES_PROBLEM.test(`${line} ${paragraph}`);
}

/** The headings (their levels) and thematic breaks in a stretch of prose, in order. */
function sectionBreaks(gap: string, kind: DocumentKind): SectionBreak[] {
  const found: SectionBreak[] = [];
  const unit = (name: string) => ({ level: statementLevel(name), problem: !RESULT_NAME.test(name) });
  if (kind === 'latex') {
    for (const m of gap.matchAll(LATEX_HEADING)) {
      const title = m[1] ? gap.slice(m.index + m[0].length, m.index + m[0].length + 80) : '';
      const problem = m[2] !== undefined || PROBLEM_TITLE.test(title);
      const data = m[1] !== undefined && DATA_TITLE.test(title.slice(0, Math.max(0, title.indexOf('}'))));
      found.push({ at: m.index, level: LATEX_LEVELS[m[1] ?? m[2]], problem, ...(data ? { data } : {}) });
    }
    for (const m of gap.matchAll(LATEX_STATEMENT)) found.push({ at: m.index, ...unit(m[1]) });
    for (const m of gap.matchAll(LATEX_PROOF_START))
      found.push({ at: m.index, level: PROOF_START, problem: false });
    for (const m of gap.matchAll(LATEX_PROOF_END))
      found.push({ at: m.index, level: PROOF_END, problem: false });
    for (const m of gap.matchAll(LATEX_QUESTION)) found.push({ at: m.index, level: QUESTION, problem: true });
    return withContinuation(found, gap);
  }
  for (const m of gap.matchAll(MARKDOWN_STATEMENT)) found.push({ at: m.index, ...unit(m[1]) });
  for (const m of gap.matchAll(MARKDOWN_QUESTION))
    found.push({ at: m.index, level: QUESTION, problem: true });
  for (const m of gap.matchAll(MARKDOWN_PROOF_START))
    found.push({ at: m.index, level: PROOF_START, problem: false });
  for (const m of gap.matchAll(MARKDOWN_PROOF_END))
    found.push({ at: m.index, level: PROOF_END, problem: false });
  for (const m of gap.matchAll(/(^|\n)[ \t]{0,3}(#{1,6})(?=[ \t]|$)([^\n]*)/gm))
    found.push({
      at: m.index,
      level: m[2].length,
      problem: PROBLEM_TITLE.test(m[3]),
      ...(DATA_TITLE.test(m[3].replace(/\s#+\s*$/, '')) ? { data: true } : {}),
    });
  for (const m of gap.matchAll(/\n[ \t]{0,3}(={3,}|-{3,}|\*{3,}|_{3,})[ \t]*(?=\n|$)/g)) {
    // Under a line of text, `===` and `---` underline a heading (levels 1 and 2); after a blank
    // line (or `***`, `___`) the line is a thematic break. Text ending in math just before the
    // gap counts as a line of text.
    const before = gap.slice(0, m.index);
    const lineBefore = before.slice(before.lastIndexOf('\n') + 1);
    const underlines = (m.index === 0 || /\S/.test(lineBefore)) && /^[=-]/.test(m[1]);
    const level = underlines ? (m[1][0] === '=' ? 1 : 2) : THEMATIC_BREAK;
    found.push({
      at: m.index,
      level,
      problem: underlines && PROBLEM_TITLE.test(lineBefore),
      ...(underlines && DATA_TITLE.test(lineBefore) ? { data: true } : {}),
    });
  }
  return withContinuation(found, gap);
}

/** The breaks in order, a problem's marked when its opening words go on with the one before. */
function withContinuation(found: SectionBreak[], gap: string): SectionBreak[] {
  const sorted = found.sort((a, b) => a.at - b.at);
  sorted.forEach((b, i) => {
    const end = i + 1 < sorted.length ? sorted[i + 1].at : gap.length;
    if (b.problem && continuesProblem(gap.slice(b.at, end).replace(/^\s+/, ''))) b.continues = true;
  });
  return sorted;
}

/** The words of a gap after its last heading line: what the new section's own text says. */
function afterHeading(gap: string): string {
  let at = 0;
  const heading =
    /(?:^|\n)[ \t]{0,3}#{1,6}[ \t][^\n]*|\\(?:(?:sub)*section|chapter|paragraph)\*?\{[^}\n]*\}/g;
  for (const m of gap.matchAll(heading)) at = (m.index ?? 0) + m[0].length;
  return gap.slice(at);
}

/** The sections open at a point of the document, outermost first; the top of the document is 0. */
/** A section open at a point: its id, level, and whether it is a problem of its own (problemDepth). */
export interface OpenSection {
  id: number;
  level: number;
  problem?: true;
  /** Its heading names data ("Given data", "Measurements"): DATA_TITLE. */
  data?: true;
}

class SectionStack {
  private open_: OpenSection[];

  constructor(
    open: readonly OpenSection[],
    private last: number,
  ) {
    this.open_ = [...open];
  }

  opened(): OpenSection[] {
    return [...this.open_];
  }

  lastId(): number {
    return this.last;
  }

  /** A heading of `level` starts a section; a thematic break ends only a unit (see THEMATIC_BREAK). */
  open(level: number, problem = false, continues = false, data = false): void {
    const top = this.open_[this.open_.length - 1];
    if (level === PROOF_END) {
      // Only a statement unit ends here; a proof outside one (or a second ∎) changes no section.
      if (top.level >= STATEMENT) this.open_.pop();
      return;
    }
    if (level === PROOF_START) {
      // The result's statement is over; its proof goes on in the same unit.
      if (top.level === RESULT_STATEMENT) this.open_[this.open_.length - 1] = { ...top, level: RESULT_PROOF };
      return;
    }
    if (level === THEMATIC_BREAK) {
      // A thematic break is no heading: sections are made by headings, and scratch notes rule off
      // their thoughts under one title with the notation set up before. It ends a stated result's
      // unit (the result and its proof are over), as the next result would.
      if (top.level >= STATEMENT) this.open_.pop();
      return;
    }
    // "Problem 5. From the previous question, …": a problem that goes on with the one before it, of
    // the same level, stays in that problem's section, its data with it.
    if (continues && top.problem && top.level === level) return;
    // Any unit ends at the next one, whichever kind each is.
    const at = Math.min(level, STATEMENT);
    // A heading ends the sections of its level and deeper.
    while (this.open_.length > 0 && this.open_[this.open_.length - 1].level >= at) this.open_.pop();
    this.open_.push({
      id: ++this.last,
      level,
      ...(problem ? { problem: true as const } : {}),
      ...(data && level < STATEMENT ? { data: true as const } : {}),
    });
  }

  /** The innermost section is one whose heading names data (DATA_TITLE). */
  inData(): boolean {
    return this.open_[this.open_.length - 1].data === true;
  }

  /** The depth of the innermost problem among the open sections (ProseContext.problemDepth), if any. */
  problem(): { problemDepth?: number } {
    for (let i = this.open_.length - 1; i >= 0; i--) if (this.open_[i].problem) return { problemDepth: i };
    return {};
  }

  innermost(): number {
    return this.open_[this.open_.length - 1].id;
  }

  /** Inside a stated result or its proof. */
  inStatement(): boolean {
    return this.open_[this.open_.length - 1].level >= STATEMENT;
  }

  /** In the statement of a result proper, before its proof. */
  inResultStatement(): boolean {
    return this.open_[this.open_.length - 1].level === RESULT_STATEMENT;
  }

  /**
   * In the document's opening: before any heading, or under a first heading of the top level (a
   * title), outside any unit.
   */
  inOpening(): boolean {
    const [top, title, ...deeper] = this.open_;
    if (top.id !== 0 || deeper.length > 0) return false;
    return title === undefined || (title.id === 1 && title.level === 1);
  }

  /**
   * In a section's own text, before any subsection of it: a heading's section (not the document's
   * opening), outside any unit. A subsection closes the opening for good, as Markdown and LaTeX have
   * no way back to a section's own text after one.
   */
  inSectionOpening(): boolean {
    const innermost = this.open_[this.open_.length - 1];
    return innermost.id !== 0 && innermost.level < STATEMENT && !this.inOpening();
  }

  path(): string {
    return this.open_.map((s) => s.id).join('.');
  }
}

/** Prose of its own (not only blank lines and markers) after a paragraph break. */
/** The start of a list item: a Markdown marker at the start of a line, or LaTeX's `\item`. */
const LIST_ITEM = /\n[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]|\\item\b/;
/** A paragraph (not an item) after a blank line, or the end of a LaTeX list: the list has ended. */
const LIST_ENDS = /\n[ \t>]*\n[ \t>]*(?![-*+\s]|\d{1,9}[.)]|\\item\b)\S|\\end\{(?:itemize|enumerate)\}/;

/**
 * The passage whose list the item after `gap` belongs to: `passage` (the one being left) when its
 * words end with a colon right before the list's first item, `lead` still while the same list goes
 * on, otherwise none (-1).
 */
function listLeadAfter(gap: string, lead: number, passage: number): number {
  const item = LIST_ITEM.exec(gap);
  if (!item) return -1;
  const before = gap.slice(0, item.index).trimEnd();
  if (before.endsWith(':') && !PARAGRAPH_BREAK.test(before)) return passage;
  return lead >= 0 && !LIST_ENDS.test(gap) ? lead : -1;
}

/**
 * "… with $\delta = 0.05$: $$n \ge \frac{\ln(2/\delta)}{2\varepsilon^2} \approx 737.8,$$ so $n = 738$
 * suffices": Markdown needs blank lines around a `$$` display, so the words after it open a paragraph
 * of their own; when they open in lower case right after a display that no full stop ended, they go
 * on with the display's sentence, and what it set up still holds.
 */
function continuesDisplay(prior: DocItem | undefined, gap: string): boolean {
  if (prior?.kind !== 'math' || !prior.display || /\.\s*(?:\\[,;!> ]\s*)*$/.test(prior.text)) return false;
  const breaks = gap.match(/\n[ \t>]*\n/g)?.length ?? 0;
  return breaks === 1 && /^[ \t>]*\n[ \t>]*\n[ \t>]*[a-z]/.test(gap);
}

/**
 * A paragraph that is only a label — "(a)", "**(b)**", "ii)", "Case 1:", "Step 2." — names the
 * display after it and says nothing: the display goes on with the passage before, whose values hold,
 * unless that passage itself opened with a label (the next case of a case analysis).
 */
const LABEL_INDEX = String.raw`(?:[a-z]|[ivx]{1,4}|\d{1,2})`;
const LABEL_WORD = String.raw`(?:case|part|step|subcase)\s+${LABEL_INDEX}(?![a-z0-9])`;
const LABEL = String.raw`[*_]{0,2}\s*(?:\(${LABEL_INDEX}\)|${LABEL_INDEX}\)|${LABEL_WORD})`;
const LABEL_ONLY = new RegExp(String.raw`^${LABEL}\s*[.:]?\s*[*_]{0,2}\s*[.:]?$`, 'i');
/** A paragraph that opens with a label ("Case 1: $x = 1$."). */
const LABEL_FIRST = new RegExp(`^${LABEL}`, 'i');

/** Whether the paragraphs a gap opens before a display are all labels (LABEL_ONLY). */
function onlyLabelsAfterBreak(gap: string): boolean {
  const m = PARAGRAPH_BREAK.exec(gap);
  if (!m) return false;
  const paragraphs = gap
    .slice(m.index + m[0].length)
    .split(PARAGRAPH_BREAK)
    .map((p) => p.replace(/^[ \t>]+/gm, '').trim())
    .filter((p) => p !== '');
  return paragraphs.length > 0 && paragraphs.every((p) => LABEL_ONLY.test(p));
}

function startsNewParagraph(gap: string): boolean {
  const m = PARAGRAPH_BREAK.exec(gap);
  if (!m) return false;
  return /[^\s>|]/.test(gap.slice(m.index + m[0].length));
}

/**
 * A LaTeX list item in the prose before a display, with words after its marker: "\part[3] Compute the
 * pre-activation. \begin{solution} $$…$$" is the part's passage, not the question's before it.
 */
function startsLatexItem(gap: string): boolean {
  const at = lastLatexItem(gap);
  return (
    at >= 0 && /[A-Za-z]{2}/.test(gap.slice(at).replace(/\\[A-Za-z]+\*?(?:\[[^\]]*\])?(?:\{[^}]*\})?/g, ' '))
  );
}

function lastLatexItem(gap: string): number {
  let at = -1;
  for (const m of gap.matchAll(
    /\\(?:item|(?:sub)*part|choice|CorrectChoice)(?![A-Za-z{*])(?:\[[^\]\n]*\])?/g,
  ))
    at = m.index + m[0].length;
  return at;
}

/**
 * Where the last sentence of `gap` ends, -1 if none. Before a display, the blank line Markdown needs
 * after "… the rule is taken there:" ends no sentence: the colon announces the display, which goes on
 * with the sentence (and with what its "with $u = \sigma(z)$" set).
 */
function lastSentenceEnd(gap: string, beforeDisplay = false): number {
  let at = -1;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(gap); m; m = SENTENCE_END.exec(gap)) {
    const end = m.index + m[0].length;
    const announced =
      beforeDisplay &&
      PARAGRAPH_BREAK.test(m[0]) &&
      gap.slice(0, m.index).trimEnd().endsWith(':') &&
      gap.slice(end).trim() === '';
    if (!announced) at = end;
  }
  return at;
}

/** Where the text of a new paragraph, list item or table cell begins inside a gap. */
function lastStructuralBreak(gap: string): number {
  let at = 0;
  // `\part`, `\subpart` and `\choice` are the items of the exam class.
  const re =
    /\n[ \t>]*\n|\n[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]|\||\\(?:item|(?:sub)*part|choice|CorrectChoice)\b/g;
  for (let m = re.exec(gap); m; m = re.exec(gap)) at = m.index + m[0].length;
  return at;
}
