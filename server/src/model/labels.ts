// Labels that say the math after them is wrong: "Wrong: $2^n = n^2$", "Another slip: $\sqrt{x^2} = x$",
// "A frequent slip drops the $\frac12$:" before a display, "The following argument is wrong; find the
// error." before the argument, "**Common mistake.**" heading a box, "Spot the bug in this shortcut:".
// A careful reader does not take what such a label introduces as the author's claim: the author has
// already said it is wrong, so refuting it cries wolf. The label reaches the math after its colon to
// the end of that sentence (a display continuing it included), or, when the label is a sentence of
// its own, the next sentence that holds math; words that turn to the right statement ("correct",
// "instead", "should", "the fix", "but") end it. Only words are read here (lowercased, math spans
// written as \u0000); model/prose.ts decides which spans a label reaches.

/** What makes a judgment of wrongness: "wrong", "incorrect", "false", "bad", a cross mark. */
const WRONG =
  `(?:wrong|incorrect|false|bad|invalid|bogus|flawed|fallacious|` + String.raw`not\s+(?:true|correct|valid))`;
const CROSS = `(?:✗|✘|❌|✕)`;
/**
 * A mistake named by a noun: "slip", "mistake", "pitfall", "misconception", "blunder", and "error"
 * only when the words say which kind ("a common error"): "the error:" alone is a quantity.
 */
/** Adjectives that call a step wrong: "a wrong answer", "the careless version", "a sloppy step". */
const WRONG_ADJECTIVE = String.raw`(?:wrong|incorrect|bad|careless|sloppy|erroneous|faulty|bogus)`;
const QUALIFIER =
  String.raw`(?:common|frequent|frequently\s+seen|typical|classic(?:al)?|usual|standard|popular|` +
  String.raw`sneaky|subtle|tempting|big|famous|another|most\s+common|first|second|third|last|other|` +
  `related|similar)`;
const MISTAKE_NOUN =
  `(?:(?:mistakes?|slips?|pitfalls?|misconceptions?|blunders?|gotchas?)|` +
  // "Standard error:" names a statistic (the spread of an estimate), not a mistake.
  String.raw`(?!standard\s+errors?\b)${QUALIFIER}\s+errors?|` +
  String.raw`${WRONG_ADJECTIVE}\s+(?:answers?|attempts?|versions?|solutions?|derivations?|steps?|proofs?))`;
const DETERMINER = String.raw`(?:(?:a|an|another|the|one|some|two|three|our|a\s+few|my)\s+)?`;
const MISTAKE_PHRASE = String.raw`${DETERMINER}(?:${QUALIFIER}\s+)*${MISTAKE_NOUN}(?:\s*#?\d+)?`;
/**
 * "The students' favourite wrong answer:", "everyone's pet slip:": a noun that names a mistake alone
 * (not "error", a quantity too) after a determiner and a few words of its own, none that turns to the
 * right statement ("the fix for the slip:"). Without the determiner ("Sign slip:", "and a slip:"), a
 * test document's heading for a seeded slip is no label.
 */
const OWN_WORDS_MISTAKE =
  String.raw`(?:the|my|our|your|their|his|her|everyone['’]s|everybody['’]s)\s+` +
  String.raw`(?:(?!(?:correct\w*|right|fix\w*|true|valid)\b)[\p{L}'’-]+\s+){1,3}` +
  '(?:mistakes?|slips?|pitfalls?|misconceptions?|blunders?|gotchas?|' +
  String.raw`${WRONG_ADJECTIVE}\s+(?:answers?|attempts?|versions?|solutions?|derivations?|steps?|proofs?))`;
/** "the following argument is wrong", "the next two lines are false": what comes next called wrong. */
const FOLLOWING =
  String.raw`(?:the\s+following|the\s+next|below,?\s+the|this\s+next)(?:\s+[a-z-]+){0,3}\s+` +
  String.raw`(?:is|are|was|were|looks?|contains?)\s+(?:(?:also|clearly|subtly|all)\s+)?` +
  String.raw`(?:${WRONG}|an?\s+(?:mistake|error|slip|fallacy))`;
/** "spot the bug", "find the error", "where is the mistake", "what is wrong with". */
const FIND_MISTAKE =
  String.raw`(?:(?:spot|find|locate|identify|where\s+is|where['’]s)\s+(?:the|an?)\s+` +
  String.raw`(?:\w+\s+)?(?:bug|error|mistake|flaw|slip|fallacy|catch)s?\b|` +
  String.raw`what(?:\s+is|['’]s)\s+wrong\s+with\b)`;
/**
 * Verbs that say something of a mistake rather than show it ("the slip is harmless:", "a slip … fails
 * at $x = -3$:"): after them the colon introduces the author's own words. A quotation mark in the
 * clause means the mistake was already written there.
 */
const SAYS_OF_IT =
  'is|are|was|were|seems?|looks?|remains?|becomes?|can|could|would|will|fail(?:s|ed)?|breaks?|' +
  'holds?|costs?|happens?|occurs?|appears?';
/**
 * The start of a sentence, with the marks that may open it: list markers, emphasis, a quote. Not a
 * parenthesis: "(Wrong: $9 \equiv 2 \pmod 7$.)" after a step comments on that step, and the colon
 * gives the correction.
 */
// A question's or part's own label may stand first ("Q2 (common wrong answer, -1 pt):", "(b) Wrong:").
const OWN_LABEL = String.raw`(?:(?:q|question|problem|exercise|part)?\s*\d+[a-z]?[.)]?\s+|\([a-z]\)\s*)`;
const OPENING = String.raw`^[\s*_>\-–—•]*(?:${OWN_LABEL}[\s*_(]*)?[\s*_]*`;
/** That label, left out of the words a message quotes. */
const LEADING_LABEL = new RegExp(String.raw`^[\s*_>\-–—•]*${OWN_LABEL}`);
/**
 * A label that ends in a colon and introduces the math after it: the judgment alone ("Wrong:",
 * "Incorrect:", "Bad:", "✗"), a mistake named alone ("Another slip:", "Common mistake:"), a mistake
 * doing something ("A frequent slip drops the $\frac12$:" — a verb, not "is": "the slip is harmless:"
 * says something of the slip), what follows called wrong ("The following argument is wrong:", "the
 * next line is false:"), or the reader asked to find the mistake ("Spot the bug in this shortcut:").
 */
const COLON_LABEL = new RegExp(
  OPENING +
    `(?:` +
    String.raw`(?:(?:also|equally|clearly|again|still)\s+)?${WRONG}(?:\s*${CROSS})?|${CROSS}|` +
    `${MISTAKE_PHRASE}|${OWN_WORDS_MISTAKE}|` +
    String.raw`${MISTAKE_PHRASE}[\s,(]+(?![^.;:!?]*?(?:\b(?:${SAYS_OF_IT})\b|[\u0060"“]))[^.;:!?]{1,80}?|` +
    `${FOLLOWING}|` +
    `[^.;:!?]{0,40}?${FIND_MISTAKE}[^.;:!?]{0,80}?` +
    String.raw`)\s*[*_]*\s*[:：]`,
  'u',
);
/**
 * "This is wrong: $…$": a judgment whose subject points back ("this", "that", "it") introduces the
 * math after its colon only when the math follows the colon at once; followed by words, the colon
 * gives the reason ("The last line is wrong: the determinant of a Kronecker product is …").
 */
const POINTING_LABEL = new RegExp(
  String.raw`${OPENING}(?:this|that|it|these|those)\s+(?:is|are|was|were)\s+` +
    String.raw`(?:(?:also|clearly|all)\s+)?${WRONG}\s*[:：]\s*$`,
  'u',
);
/**
 * A label set in bold or italics as the heading of its paragraph or box ("**Common mistake.**",
 * "*Wrong.*"): it reaches the math of the sentence it heads (its full stop, inside the emphasis, ends
 * no sentence for the reader of prose).
 */
const HEADING_LABEL = new RegExp(
  String.raw`^[\s>\-–—•]*(?:\*\*?|__?)\s*(?:${WRONG}|${CROSS}|${MISTAKE_PHRASE})` +
    String.raw`\s*[.:!]?\s*(?:\*\*?|__?)\s*[.:!]?`,
  'u',
);
/**
 * "Where is the error in the “proof” that $e^{i\pi} = 1$?", "Spot the flaw in $…$", "What is wrong
 * with $…$?": the math the reader is asked to find the mistake in. "Find the error in the
 * approximation $…$" asks for a size (an error is also a quantity): only "where is" and "spot" take
 * "error".
 */
const ASKED_TO_FIND = new RegExp(
  String.raw`(?:(?:where\s+is|where['’]s|spot)\s+the\s+(?:\w+\s+)?(?:error|mistake|flaw|bug|fallacy)|` +
    String.raw`(?:find|locate|identify)\s+the\s+(?:\w+\s+)?(?:mistake|flaw|bug|fallacy)|` +
    String.raw`what(?:\s+is|['’]s)\s+wrong)\s+(?:in|with)\b[^.;!?]{0,120}$`,
  'u',
);
/** Words that turn from the mistake to the right statement: what follows them is the author's. */
const TURNS_TO_RIGHT =
  /(?<!\p{L})(?:correct(?:ly|ion|ed)?|right|instead|should|actually|rather|true|fix(?:ed)?|but|however|whereas|valid)(?!\p{L})/u;

/**
 * The label that the sentence so far (`words`, lowercased, spans as \u0000) opens with and that
 * reaches a span at its end, or null: the label's words, for the message.
 */
export function labelBefore(words: string): string | null {
  const m = COLON_LABEL.exec(words);
  if (m) {
    const rest = words.slice(m[0].length);
    if (TURNS_TO_RIGHT.test(rest) || !introducesMath(rest.split('\u0000')[0])) return null;
    return tidy(m[0]);
  }
  const heading = HEADING_LABEL.exec(words);
  if (heading && !TURNS_TO_RIGHT.test(words.slice(heading[0].length))) return tidy(heading[0]);
  const asked = ASKED_TO_FIND.exec(words);
  if (asked && !TURNS_TO_RIGHT.test(asked[0])) return tidy(asked[0].split(/\s+(?:in|with)\b/)[0]);
  const pointing = POINTING_LABEL.exec(words);
  return pointing ? tidy(pointing[0]) : null;
}

/**
 * The words between a label's colon and the first math after it introduce that math ("Another slip:
 * forgetting the inner derivative, $…$") when they are few and state nothing of their own; a reason
 * ("Incorrect: the exponent is not constant, so $…$") makes the colon explain the judgment instead.
 */
function introducesMath(between: string): boolean {
  const words = between.split(/[^\p{L}]+/u).filter((w) => w.length > 0);
  return words.length <= 6 && !words.some((w) => REASONING.has(w));
}
const REASONING = new Set([
  'is',
  'are',
  'was',
  'were',
  'because',
  'since',
  'as',
  'so',
  'hence',
  'thus',
  'therefore',
]);

/**
 * A sentence that is a label of its own and so reaches the next sentence with math: "Common
 * mistake.", "The following argument is wrong; find the error.", "Spot the bug." — a mistake named
 * alone, what follows called wrong, or the reader asked to find the mistake. A judgment alone
 * ("Wrong.", "✗") judges the math before it (model/prose.ts, judged wrong), not the next.
 */
const SENTENCE_LABEL = new RegExp(
  OPENING +
    `(?:` +
    String.raw`${MISTAKE_PHRASE}(?:\s*\(\s*[a-z ]{1,30}\))?|` +
    `${FOLLOWING}(?:[^.;!?]{0,60})?|` +
    String.raw`(?:now\s+|please\s+)?${FIND_MISTAKE}[^.;!?\u0000]{0,60}?` +
    String.raw`)\s*[*_]*\s*[.;!]?[*_\s]*$`,
  'u',
);
export function isSentenceLabel(sentence: string): string | null {
  if (sentence.includes('\u0000')) return null;
  const m = SENTENCE_LABEL.exec(sentence);
  return m && /\p{L}|✗|✘|❌|✕/u.test(m[0]) ? tidy(m[0]) : null;
}

/**
 * Words that introduce a quotation as a mistake, anywhere in the sentence before its mark ("Exercise 6
 * (a wrong proof — find the error).", "Here is a bogus derivation from the forum:", "Spot the flaw in
 * this argument:"): a wrong thing named, what follows called wrong, or the reader asked to find the
 * mistake. The quotation itself is what the words judge (model/prose.ts, quotations).
 */
const QUOTATION_LABEL = new RegExp(
  `(?:${MISTAKE_PHRASE}|${OWN_WORDS_MISTAKE}|${FOLLOWING}|${FIND_MISTAKE}|` +
    String.raw`${WRONG_ADJECTIVE}\s+(?:[\p{L}-]+\s+)?(?:arguments?|reasoning|proofs?|derivations?|claims?)|` +
    String.raw`(?:fallac(?:y|ies|ious)|bogus|flawed))(?![\p{L}])`,
  'u',
);
export function labelsQuotation(sentence: string): string | null {
  const m = QUOTATION_LABEL.exec(sentence);
  return m ? tidy(m[0]) : null;
}

function tidy(words: string): string {
  return words
    .replace(LEADING_LABEL, '')
    .replace(/\\[A-Za-z]+(?:\{[^}]*\})?/g, ' ')
    .replace(/[{}:*_;.!()>]/g, ' ')
    .replace(/\u0000/g, '…')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words since a label turn to the right statement ("Correct: $…$", "The fix: $…$", "but"). */
export function turnsToRight(words: string): boolean {
  return TURNS_TO_RIGHT.test(words);
}
