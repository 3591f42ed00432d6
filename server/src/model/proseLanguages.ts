// The words of other languages that frame inline math the way English "if", "let", "that is" and
// "a common mistake is to write" do, for notes written in Spanish, Portuguese, German, French,
// Chinese and Japanese. Words of Latin script are matched as whole words (the text is lowercased);
// Chinese and Japanese have no spaces between words, so their words are matched as they stand.
// Japanese puts the frame after the math ("$x > 0$ ならば", "… と書いてしまう"): those words are
// read after the span.

/** Conditions: what follows is assumed, not claimed. */
export const FOREIGN_HYPOTHESIS = [
  // Spanish
  'si',
  'cuando',
  'siempre que',
  'a menos que',
  'solo si',
  'sólo si',
  'tal que',
  'tales que',
  'en caso de que',
  // Portuguese
  'se',
  'quando',
  'caso',
  'desde que',
  'tais que',
  // German
  'wenn',
  'falls',
  'sofern',
  'solange',
  'sodass',
  'so dass',
  'vorausgesetzt',
  // French
  'lorsque',
  'quand',
  'pourvu que',
  'tel que',
  'telle que',
  'tels que',
  // Italian
  'tale che',
  'tali che',
  'purché',
  // Russian
  'если',
  'когда',
  'такой что',
  'такие что',
  // Chinese
  '如果',
  '若',
  '假如',
  '倘若',
  '当',
  '只要',
  '除非',
  '使得',
];

/** Settings and constraints: "let", "for", "with", "where", "suppose", "given". */
export const FOREIGN_SETTING = [
  // Spanish
  'sea',
  'sean',
  'para',
  'con',
  'donde',
  'dado',
  'dada',
  'dados',
  'dadas',
  'supongamos que',
  'supongamos',
  'supóngase',
  'suponga',
  'asumamos',
  'tomemos',
  'tomamos',
  'tome',
  'fijemos',
  'elijamos',
  'consideremos',
  'considere',
  'inicializamos',
  // Portuguese
  'seja',
  'sejam',
  'com',
  'onde',
  'suponha que',
  'suponha',
  'suponhamos',
  'assuma',
  'tomando',
  'fixe',
  'escolha',
  'inicialize',
  // German
  'sei',
  'seien',
  'für',
  'mit',
  'wobei',
  'wo',
  'setze',
  'setzen wir',
  'wähle',
  'angenommen',
  'gegeben',
  'betrachte',
  'betrachten wir',
  'unter der annahme',
  // French
  'soit',
  'soient',
  'pour',
  'avec',
  'où',
  'posons',
  'supposons que',
  'supposons',
  'prenons',
  'fixons',
  'considérons',
  // Italian
  'sia',
  'siano',
  'dove',
  'posto',
  'poniamo',
  'supponiamo',
  'per ogni',
  // Dutch
  'zij',
  'stel',
  'waarbij',
  'voor alle',
  // Russian
  'пусть',
  'где',
  'при',
  'положим',
  'обозначим',
  'для всех',
  'для любого',
  'для любых',
  'для каждого',
  // Chinese
  '设',
  '令',
  '取',
  '记',
  '给定',
  '假设',
  '假定',
  '对所有',
  '对任意',
  '对于所有',
  '对于任意',
  '对每个',
  '对于',
  '其中',
  '满足',
  '考虑',
  '固定',
  '初始化',
];

/** Words of Chinese and Japanese, matched without word boundaries. */
export const isIdeographic = (word: string): boolean => /[\u3040-\u30ff\u3400-\u9fff]/.test(word);

/** Alternatives of a regular expression, one pattern an item. */
const alt = (patterns: string[]): string => patterns.join('|');

/** "and", "or", "all", "every" between a keyword and its spans, as English "and", "all". */
export const FOREIGN_JOINERS = alt([
  ...['y', 'e', 'o', 'ou', 'und', 'oder', 'et', 'todos?', 'todas?', 'cada', 'alle', 'jede[nrs]?'],
  ...['ogni', 'tutti', 'и', 'или', 'всех', 'любого', 'любых'],
  ...['tous', 'toutes?', '且', '和', '与', '及', '并且', '所有', '任意', '每个'],
]);

/** "that is", restating the span before: "es decir", "ou seja", "d. h.", "即", "すなわち". */
export const FOREIGN_RESTATES = alt([
  String.raw`es\s+decir`,
  String.raw`o\s+sea`,
  String.raw`ou\s+seja`,
  String.raw`isto\s+é`,
  String.raw`d\.\s?h\.`,
  String.raw`das\s+heißt`,
  "c'est-à-dire",
  'cioè',
  String.raw`т\.\s?е\.`,
  String.raw`то\s+есть`,
  ...['也就是说', '也就是', '即', 'すなわち', 'つまり'],
]);

/** A fresh, generic object: "sea", "für alle", "对任意". */
export const FOREIGN_FRESH = [
  String.raw`(?:^|[^\p{L}])(?:sean?|sejam?|seien|sei|soit|soient|quaisquer|cualesquiera|`,
  String.raw`para\s+(?:todos?|todas?|cualquier|cada|qualquer)|für\s+(?:alle|jede[nrs]?|beliebige[nrs]?)|`,
  String.raw`pour\s+(?:tout|toute|tous)|siano?|per\s+ogni|пусть|для\s+(?:всех|любого|любых|каждого))` +
    String.raw`(?:\s|\u0000)*$|`,
  String.raw`(?:设|令|对任意|对所有|对于任意|对于所有|给定|任取)(?:\s|\u0000)*$`,
].join('');

const PEOPLE = [
  ...['alumn[oa]s?', 'estudiantes?', 'compañer[oa]s?', 'alun[oa]s?', 'colegas?', 'estudantes?'],
  ...['studenten', 'studentin(?:nen)?', 'student', 'studierende', 'kommiliton(?:e|in|en)', 'abgaben?'],
  ...['élèves?', 'étudiant(?:e|s|es)?', 'varios', 'algunos', 'vários', 'alguns', 'alguien', 'alguém'],
  ...['jemand', 'einige', 'viele', "quelqu'un", 'copies?', 'beaucoup', 'molti', 'alcuni', 'studenti'],
  ...['многие', 'некоторые', 'студент(?:ы|ов)?'],
];
const WROTE = [
  ...['escribió', 'escribieron', 'pusieron', 'puso', 'calculó', 'calcularon', 'afirmó', 'afirmaron'],
  ...['escreveu', 'escreveram', 'calculou', 'calcularam', 'afirmou', 'afirmaram', 'schrieb', 'schrieben'],
  ...['rechnete', 'rechneten', 'behauptete', 'behaupteten', String.raw`a\s+écrit`, String.raw`ont\s+écrit`],
  String.raw`a\s+calculé`,
  String.raw`(?:a|ont)\s+trouvé`,
  String.raw`(?:ha|hanno)\s+scritto`,
  ...['написали', 'написал', 'получили'],
];
/**
 * The copula, and perhaps the verb after it, right before the math: "un error común es escribir",
 * "ein häufiger Fehler ist". A label alone ("Un error común:") marks the author's own line.
 */
const COPULA = alt(['es', 'son', 'é', 'são', 'est', 'sont', 'ist', 'sind', 'war']);
const COPULA_BEFORE_MATH = String.raw`[^.\u0000]{0,60}?\s(?:${COPULA})(?:\s+[\p{L}']+)?\s*$`;
const MISTAKE_NOUNS = String.raw`(?:error(?:es)?|erros?|fehler|erreurs?)`;
const COMMON = alt([
  ...['común', 'comunes', 'comum', 'comuns', 'frecuentes?', 'frequentes?', 'típicos?', 'habituale?s?'],
  ...['courante?s?', 'fréquente?s?', 'classiques?'],
]);
const WRONG = alt(['errado', 'erro', 'error', 'incorrecto', 'incorreto', 'falso', 'faux', 'falsch']);
const TO_CLAIM = alt([
  ...['afirmar', 'escrever', 'dizer', 'escribir', 'decir', 'afirmer', 'écrire', String.raw`de\s+dire`],
  ...["d'écrire", String.raw`zu\s+schreiben`],
]);
/** The adverbs: "erróneamente", "fälschlicherweise". */
export const FOREIGN_WRONGLY = alt([
  ...['erróneamente', 'equivocadamente', 'incorrectamente', 'erroneamente', 'incorretamente'],
  ...['fälschlicherweise', 'fälschlich', String.raw`à\s+tort`],
]);

/**
 * Words that quote the math as someone's mistake: a mistake called common or typical ("un error
 * común es", "ein häufiger Fehler ist", "常见错误", "よくある誤り"), someone else's answer ("un
 * alumno escribió", "um colega calculou", "eine Abgabe rechnete", "某同学算成"), "it is wrong to
 * claim" ("é errado afirmar") and the adverbs ("fälschlicherweise", "erróneamente").
 */
export const FOREIGN_MISTAKE = [
  String.raw`(?:^|[^\p{L}])${MISTAKE_NOUNS}\s+(?:más\s+|mais\s+)?(?:${COMMON})(?!\p{L})${COPULA_BEFORE_MATH}`,
  String.raw`(?:^|[^\p{L}])(?:häufige?[rn]?|typische?[rn]?|beliebte?[rn]?|klassische?[rn]?)` +
    String.raw`\s+fehler(?!\p{L})${COPULA_BEFORE_MATH}`,
  String.raw`(?:^|[^\p{L}])(?:erro|error|fehler|erreur)\s+(?:que\s+)?(?:aparece|aparecen|se\s+ve)`,
  String.raw`(?:^|[^\p{L}])(?:${alt(PEOPLE)})(?:\s+\p{L}+){0,5}?\s+(?:${alt(WROTE)})(?!\p{L})`,
  String.raw`(?:^|[^\p{L}])(?:é|es|est|ist)\s+(?:um\s+|un\s+)?(?:${WRONG})\s+(?:${TO_CLAIM})(?!\p{L})`,
  String.raw`(?:^|[^\p{L}])(?:${FOREIGN_WRONGLY})(?!\p{L})`,
  String.raw`(?:常见|典型)的?错误[^.]{0,30}?(?:是|写成|写作)\s*$|错误地|误以为`,
  String.raw`(?:同学|学生|有人)[^\u0000.]{0,8}?(?:写成|算成|写作|误写|认为)`,
  String.raw`よくある(?:誤り|間違い|ミス)は\s*$|誤って`,
];

/** Words right after a span that make it a condition ("$x > 0$ ならば", "$N = 8$ 时"). */
export const HYPOTHESIS_AFTER = /^\s*(ならば|なら|のとき|の時|とき|の場合|場合|时|的时候)/;
/** Words right after a span that make it a setting ("$\beta \in (0, 1)$ とし", "… と仮定する"). */
export const SETTING_AFTER = /^\s*(とし|とする|とおく|とおき|と置く|と仮定)/;
/** Words right after a span that quote it as a mistake ("… と書いてしまう", "… と書いた答案"). */
export const MISTAKE_AFTER = /^\s*(と書いてしまう|と書いた|と誤って|と間違え|としてしまう)/;

/** Words after a quoted mistake that turn to the right statement. */
export const FOREIGN_CORRECTION = alt([
  ...['correct[oa]s?', 'correctamente', 'corret[oa]s?', 'corretamente', String.raw`en\s+su\s+lugar`],
  ...[
    String.raw`en\s+vez`,
    String.raw`em\s+vez`,
    'deberí[ae]',
    String.raw`deve\s+ser`,
    String.raw`debe\s+ser`,
  ],
  ...['deveria', 'richtig', 'korrekt', 'stattdessen', 'sollte', 'correcte?', 'plutôt'],
]);

/** A condition between a span and the next one (`$A_{ij} = 0$ para $j > i$`), as English "for". */
export const FOREIGN_QUALIFIER = alt([
  String.raw`para(?:\s+todos?)?`,
  'cuando',
  String.raw`für(?:\s+alle)?`,
  ...['wenn', 'falls', String.raw`pour(?:\s+tout)?`, 'lorsque', 'quando', '对所有', '对任意', '当'],
  ...[String.raw`per\s+ogni`, 'при', String.raw`для\s+(?:всех|любого|любых)`],
]);
