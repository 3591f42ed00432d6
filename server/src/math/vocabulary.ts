// What the parser knows by name, as data. Function names come from the one registry of
// functions (functions/registry.ts), which the evaluator reads too.
import { CAPITALISED_WORDS, FUNCTION_COMMAND_NAMES, FUNCTION_WORD_NAMES } from '../functions/registry';

/** Commands that are typography only; they are dropped before parsing. */
export const IGNORED_COMMANDS = new Set([
  '\\left',
  '\\right',
  '\\big',
  '\\Big',
  '\\bigg',
  '\\Bigg',
  '\\bigl',
  '\\bigr',
  '\\Bigl',
  '\\Bigr',
  '\\biggl',
  '\\biggr',
  '\\Biggl',
  '\\Biggr',
  '\\middle',
  '\\,',
  '\\;',
  '\\!',
  '\\:',
  '\\ ',
  '\\>',
  '\\displaystyle',
  '\\textstyle',
  '\\scriptstyle',
  '\\limits',
  '\\nolimits',
  '\\nonumber',
  '\\notag',
  '\\IEEEnonumber',
  '\\IEEEyesnumber',
  '\\mathstrut',
  '\\strut',
  '\\quad\\!',
  '\\allowbreak',
  '\\nobreak',
  '\\relax',
  '\\medspace',
  '\\thinspace',
  '\\thickspace',
  '\\negthinspace',
  '\\enspace',
  '\\hfill',
  '\\cr',
  '\\underbrace',
  '\\overbrace',
  // The end of a proof, as scribe notes close one: `Claim … $\square$`.
  '\\square',
  '\\blacksquare',
  // A worked check's tick, `= 0.311. \checkmark`.
  '\\checkmark',
  '\\qed',
  '\\qedsymbol',
]);

/** Commands whose braces go and whose argument stays: a frame, a spacing class. */
export const UNWRAPPED_COMMANDS = new Set([
  '\\boxed',
  '\\mathop',
  '\\mathrel',
  '\\mathbin',
  '\\mathord',
  '\\smash',
  '\\mathclap',
  // `\frac{\cancel{x} \cdot 3}{\cancel{x}}`: cancel marks show which factors cancel in a step of
  // the computation; the expression is what it was, so the mark goes and its argument stays.
  '\\cancel',
  '\\bcancel',
  '\\xcancel',
]);

/** Commands followed by one argument that is dropped with them. */
export const IGNORED_WITH_ARGUMENT = new Set([
  '\\label',
  '\\hspace',
  '\\vspace',
  '\\hphantom',
  '\\vphantom',
  '\\phantom',
  '\\eqref',
  '\\ref',
  '\\color',
]);

/** Environments that only lay math out. */
export const LAYOUT_ENVIRONMENTS = new Set([
  'aligned',
  'alignedat',
  'split',
  'gathered',
  'array',
  'align',
  'align*',
  'gather',
  'gather*',
  'equation',
  'equation*',
  'multline',
  'multline*',
  'eqnarray',
  'eqnarray*',
  'flalign',
  'flalign*',
  'alignat',
  'alignat*',
  'subequations',
  'IEEEeqnarray',
  'IEEEeqnarray*',
]);

export const MATRIX_ENVIRONMENTS = new Set([
  'bmatrix',
  'pmatrix',
  'matrix',
  'vmatrix',
  'Vmatrix',
  'Bmatrix',
  'smallmatrix',
  'bmatrix*',
  'pmatrix*',
]);

/** Commands the parser knows but the checker does not evaluate, with the reason it gives. */
export const NOT_EVALUATED: Record<string, string> = {
  '\\lim': 'limits are not evaluated',
  '\\forall': 'quantifiers are not evaluated',
  '\\exists': 'quantifiers are not evaluated',
  '\\mod': 'congruences (\\mod, \\pmod) are not evaluated; for a remainder write a \\bmod b',
  '\\pmod': 'congruences (\\mod, \\pmod) are not evaluated; for a remainder write a \\bmod b',
  '\\bmod': '\\bmod needs a number before it: a \\bmod b',
};

export const ACCENTS = new Set([
  '\\hat',
  '\\check',
  '\\tilde',
  '\\bar',
  '\\dot',
  '\\ddot',
  '\\widehat',
  '\\widetilde',
  '\\overline',
  '\\breve',
  '\\acute',
  '\\grave',
  '\\mathring',
  '\\underline',
]);

/** Font commands: they do not make new names. */
export const FONTS = new Set([
  '\\mathbf',
  '\\boldsymbol',
  '\\bm',
  '\\vec',
  '\\mathrm',
  '\\mathit',
  '\\mathsf',
  '\\mathtt',
  '\\mathcal',
  '\\mathscr',
  '\\mathfrak',
  '\\pmb',
  '\\textbf',
  '\\textit',
  '\\textrm',
  '\\textsf',
  '\\mathnormal',
  '\\boldsymbol',
  '\\bold',
]);

/**
 * The family of a font that readers see as a different letter (bold vectors, calligraphic sets
 * and losses); the roman and italic fonts are the ordinary letter and are not listed.
 */
export const FONT_FAMILY: Readonly<Record<string, string>> = {
  '\\mathbf': 'bold',
  '\\boldsymbol': 'bold',
  '\\bm': 'bold',
  '\\pmb': 'bold',
  '\\bold': 'bold',
  '\\textbf': 'bold',
  '\\vec': 'bold',
  '\\mathcal': 'calligraphic',
  '\\mathscr': 'calligraphic',
  '\\mathfrak': 'fraktur',
  '\\mathsf': 'sans-serif',
  '\\textsf': 'sans-serif',
  '\\mathtt': 'typewriter',
};

/** Commands whose argument is a word: text or an operator name. */
export const WORD_COMMANDS = new Set([
  '\\text',
  '\\operatorname',
  '\\mbox',
  '\\textnormal',
  '\\operatorname*',
  '\\textsc',
]);

export const GREEK = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'varepsilon',
  'zeta',
  'eta',
  'theta',
  'vartheta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'pi',
  'varpi',
  'rho',
  'varrho',
  'sigma',
  'varsigma',
  'tau',
  'upsilon',
  'phi',
  'varphi',
  'chi',
  'psi',
  'omega',
  'Gamma',
  'Delta',
  'Theta',
  'Lambda',
  'Xi',
  'Pi',
  'Sigma',
  'Upsilon',
  'Phi',
  'Psi',
  'Omega',
  'ell',
  'varGamma',
  'varDelta',
]);

/** Greek variants that are the same letter in another glyph. */
export const GREEK_ALIAS: Record<string, string> = {
  varepsilon: 'epsilon',
  vartheta: 'theta',
  varpi: 'pi',
  varrho: 'rho',
  varsigma: 'sigma',
  varphi: 'phi',
  varGamma: 'Gamma',
  varDelta: 'Delta',
};

/**
 * Commands that name a function, and `\Var`, `\Cov`, which the parser reads as expectation
 * operators.
 */
export const FUNCTION_COMMANDS: ReadonlySet<string> = new Set([
  ...FUNCTION_COMMAND_NAMES.keys(),
  '\\Var',
  '\\var',
  '\\Cov',
  '\\cov',
]);

/** Canonical function names of commands (`\arcsin` → asin). */
export { FUNCTION_COMMAND_NAMES };

/**
 * Multi-letter words that name a function when written bare, in `\operatorname`, `\text`,
 * `\mathrm` or `\mathbf` and applied to something. Values are canonical names.
 */
export const FUNCTION_WORDS: Readonly<Record<string, string>> = Object.fromEntries(FUNCTION_WORD_NAMES);

/**
 * The function a word names, as written: any case for most (`Log`, `RELU`), but a word in capitals
 * names a function only when the function's own spelling has capitals in it (ReLU, GELU). `LN` in a
 * transformer paper is LayerNorm, `TR` a name, `EXP` an experiment: written in capitals, a word
 * spelt in lower case (ln, tr, exp) is a name of the document's, not that function.
 */
export function functionWord(written: string): string | undefined {
  const key = written.toLowerCase().replace(/[\s-]/g, '');
  const fn = FUNCTION_WORDS[key];
  if (!fn || !/^[A-Z]{2,}$/.test(written.trim())) return fn;
  return CAPITALISED_WORDS.has(key) ? fn : undefined;
}

/** Words in `\text{…}` that only connect statements. */
export const CONNECTIVES = new Set([
  'where',
  'and',
  'for',
  'if',
  'with',
  'or',
  'so',
  'then',
  'when',
  'whenever',
  'provided',
  'provided that',
  'while',
  'since',
  'hence',
  'thus',
  'i.e.',
  // isConnective strips a final stop: "i.e." is asked as "i.e".
  'i.e',
  'ie',
  'i.e.,',
  'e.g.',
  'e.g',
  'namely',
  'equivalently',
  'viz',
  'for all',
  'such that',
  's.t.',
  'given',
  'let',
  'as',
  'since',
  'because',
  'otherwise',
  'else',
  'where,',
  'and,',
  'for',
  'we have',
  'gives',
  'is',
  'are',
]);

export const RELATION_COMMANDS: Record<string, string> = {
  '\\coloneqq': ':=',
  '\\coloneq': ':=',
  '\\approx': '\\approx',
  '\\neq': '\\neq',
  '\\ne': '\\neq',
  '\\le': '\\le',
  '\\leq': '\\le',
  '\\leqslant': '\\le',
  '\\ge': '\\ge',
  '\\geq': '\\ge',
  '\\geqslant': '\\ge',
  '\\in': '\\in',
  '\\sim': '\\sim',
  '\\notin': '\\notin',
  '\\mid': '\\mid',
  '\\propto': '\\propto',
  '\\equiv': '\\equiv',
  '\\nequiv': '\\nequiv',
  '\\iff': '\\iff',
  '\\Leftrightarrow': '\\iff',
  '\\Longleftrightarrow': '\\iff',
  '\\to': '\\to',
  '\\rightarrow': '\\to',
  '\\mapsto': '\\mapsto',
  '\\Rightarrow': '\\iff',
  '\\implies': '\\iff',
  '\\Longrightarrow': '\\iff',
  '\\simeq': '\\approx',
  '\\cong': '\\approx',
  '\\triangleq': ':=',
  '\\doteq': ':=',
  '\\defeq': ':=',
  '\\eqqcolon': '\\equiv',
  '\\perp': '\\other',
  '\\leftarrow': '\\other',
  '\\gets': '\\other',
  '\\ll': '\\ll',
  '\\gg': '\\gg',
  '\\approxeq': '\\approx',
  '\\thickapprox': '\\approx',
  '\\succ': '\\succ',
  '\\prec': '\\prec',
  '\\succeq': '\\succeq',
  '\\preceq': '\\preceq',
  '\\succcurlyeq': '\\succeq',
  '\\preccurlyeq': '\\preceq',
  '\\leftrightarrow': '\\leftrightarrow',
  '\\longleftrightarrow': '\\leftrightarrow',
  '\\lt': '<',
  '\\gt': '>',
  '\\subset': '\\other',
  // `\\not\\le`, `\\not\\subset`: a negated relation other than ≠ and ∉ (see parser.ts, prepare).
  '\\notrel': '\\other',
  '\\subseteq': '\\other',
  '\\supset': '\\other',
  '\\cap': '\\other',
  '\\cup': '\\other',
};
