// The base a document gives `\log` in words: "Throughout, $\log$ is base $2$", "all logarithms are
// to base 2", "log denotes the natural logarithm", "we write log for log_2". From that sentence on,
// a `\log` with no subscript takes that base (check/logBase.ts); `\ln` stays natural.

const LOG = String.raw`\b(?:log|logs|logarithm|logarithms)\b`;
const COPULA = String.raw`(?:is|are|denotes?|means?|stands\s+for|will\s+be|(?:is|are)\s+taken|taken)`;
/** "log is base 2", "logarithms in this sheet are taken to the base 2", "log denotes the log base 2". */
const TO_BASE = new RegExp(
  String.raw`${LOG}\s+(?:[a-z]+\s+){0,5}?${COPULA}\s+(?:[a-z]+\s+){0,4}?` +
    String.raw`(?:in\s+|to\s+)?(?:the\s+)?base\s*-?\s*(2|two|10|ten|e)\b`,
  'i',
);
/** "log is the binary logarithm", "logs are natural", "log denotes the common logarithm". */
const NAMED_BASE = new RegExp(
  String.raw`${LOG}\s+${COPULA}\s+(?:the\s+|always\s+)?(binary|natural|common|decimal)\b`,
  'i',
);
/** "log means log_2", "we write log for log_2", "log = log_2". */
const WRITTEN_BASE =
  /\blog\s+(?:means|denotes|is|=|stands\s+for)\s+log_\{?(2|10|e)\}?|\bwrite\s+log\s+for\s+log_\{?(2|10|e)\}?|\blog\s*=\s*log_\{?(2|10|e)\}?/i;

const BASES: Record<string, number> = {
  '2': 2,
  two: 2,
  binary: 2,
  '10': 10,
  ten: 10,
  common: 10,
  decimal: 10,
  e: Math.E,
  natural: Math.E,
};

/** The words of prose with its math delimiters and the backslashes of `\log`, `\ln` dropped. */
function plainWords(sentence: string): string {
  return sentence
    .replace(/\\[()[\]]|\$+/g, ' ')
    .replace(/\\(?:mathrm|text|operatorname)\s*\{\s*(\w+)\s*\}/g, '$1')
    .replace(/\\(log|ln)(?![A-Za-z])/g, '$1')
    .replace(/[{}]/g, (c, i, s) => (s[i - 1] === '_' || c === '}' ? c : ' '))
    .replace(/\s+/g, ' ');
}

/** The base the last sentence of `prose` that states one gives `\log`, or null when none does. */
export function statedLogBase(prose: string): number | null {
  let found: number | null = null;
  for (const sentence of prose.split(/[.!?;](?:\s|$)/)) {
    const words = plainWords(sentence);
    const m = TO_BASE.exec(words) ?? NAMED_BASE.exec(words) ?? WRITTEN_BASE.exec(words);
    if (!m) continue;
    const word = (m[1] ?? m[2] ?? m[3]).toLowerCase();
    // "ln is the natural logarithm" says nothing of log: only a sentence about log counts.
    found = BASES[word] ?? found;
  }
  return found;
}

/** `\mathrm{pH} = -\log[\mathrm{H^+}]`, `pK_a = -\log K_a`: a p-function defined with a plain `\log`. */
const P_FUNCTION = /\bp(?:H|OH|K_?\{?[abw]\d?\}?)\}?\s*=\s*-\s*\\log(?![A-Za-z_])/;
/** `10\log(P_2/P_1)`, `20 \log \frac{V_2}{V_1}`: a level in decibels written with a plain `\log`. */
const DECIBEL_LEVEL = /(?:^|[^\d.])[12]0\s*\\log(?![A-Za-z_])/m;
const DECIBELS = /\bdBm?\b|\bdecibels?\b/i;

/**
 * The base a document's conventions give a plain `\log`, before any sentence states one: 10 where
 * it defines chemistry's p-function with it (`\mathrm{pH} = -\log[\mathrm{H^+}]`, the decimal
 * logarithm by definition) or writes a level in decibels as `10\log` or `20\log` in a text that names
 * decibels; otherwise null. A sentence that states a base still wins from where it stands.
 */
export function conventionalLogBase(source: string): number | null {
  if (!source.includes('\\log')) return null;
  if (P_FUNCTION.test(source)) return 10;
  return DECIBEL_LEVEL.test(source) && DECIBELS.test(source) ? 10 : null;
}
