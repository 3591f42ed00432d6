// What the parser knows by name, as data. Function names come from the one registry of
// functions (functions/registry.ts), which the evaluator reads too.
import {
  CAPITALISED_WORDS,
  FUNCTION_COMMAND_NAMES,
  FUNCTION_SYMBOLS,
  FUNCTION_WORD_NAMES,
} from '../functions/registry';

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
  // amsthm's box placed on the last line of a display that ends a proof.
  '\\qedhere',
]);

/** Commands whose braces go and whose argument stays: a frame, a spacing class. */
export const UNWRAPPED_COMMANDS = new Set([
  '\\boxed',
  // siunitx's `\num{3.5}`: a number, typeset.
  '\\num',
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

/**
 * Standard LaTeX commands (amsmath, amssymb, physics, siunitx) that name something derivcheck does
 * not evaluate: the number of braced arguments each takes, and what it is. They are the author's
 * mathematics, not a macro the document forgot to define: a claim that uses one is unchecked with
 * this reason, and a span that is no claim is read without a word.
 */
export const STANDARD_NOT_EVALUATED: Readonly<Record<string, readonly [number, string]>> = {
  '\\wedge': [0, '∧ (a logical and, or a wedge product)'],
  '\\land': [0, '∧ (a logical and)'],
  '\\vee': [0, '∨ (a logical or, or a join)'],
  '\\lor': [0, '∨ (a logical or)'],
  '\\lnot': [0, '¬ (a negation)'],
  '\\neg': [0, '¬ (a negation)'],
  '\\oplus': [0, '⊕ (a direct sum or exclusive or)'],
  '\\ominus': [0, '⊖'],
  '\\oslash': [0, '⊘ (an entrywise division)'],
  '\\uplus': [0, '⊎ (a disjoint union)'],
  '\\sqcup': [0, '⊔ (a disjoint union)'],
  '\\sqcap': [0, '⊓'],
  '\\smallsetminus': [0, 'a set difference'],
  '\\triangle': [0, '△ (a symmetric difference or a triangle)'],
  '\\diamond': [0, '⋄'],
  '\\dagger': [0, '† (an adjoint)'],
  '\\ddagger': [0, '‡'],
  '\\amalg': [0, '⨿'],
  '\\bigoplus': [0, 'a direct sum'],
  '\\bigotimes': [0, 'a tensor product over an index'],
  '\\bigwedge': [0, 'a conjunction over an index'],
  '\\bigvee': [0, 'a disjunction over an index'],
  '\\bigcup': [0, 'a union over an index'],
  '\\bigcap': [0, 'an intersection over an index'],
  '\\nexists': [0, 'a quantifier'],
  '\\measuredangle': [0, 'an angle'],
  '\\Box': [0, '□'],
  '\\surd': [0, '√ without a radicand'],
  '\\flat': [0, '♭'],
  '\\sharp': [0, '♯'],
  '\\natural': [0, '♮'],
  '\\clubsuit': [0, '♣'],
  '\\hom': [0, 'a set of homomorphisms'],
  '\\lcm': [0, 'a least common multiple'],
  '\\liminf': [0, 'a limit inferior'],
  '\\limsup': [0, 'a limit superior'],
  '\\overrightarrow': [1, 'an arrow over a segment (a vector named by its points)'],
  '\\overleftarrow': [1, 'an arrow over a segment'],
  '\\SI': [2, 'a quantity with a unit (siunitx)'],
  '\\si': [1, 'a unit (siunitx)'],
  '\\unit': [1, 'a unit (siunitx)'],
  '\\qty': [2, 'a quantity with a unit (siunitx)'],
  '\\ket': [1, 'a ket (Dirac notation)'],
  '\\bra': [1, 'a bra (Dirac notation)'],
  '\\braket': [1, 'a bracket (Dirac notation)'],
  '\\ketbra': [2, 'an outer product (Dirac notation)'],
  '\\ev': [1, 'an expectation value (Dirac notation)'],
  // Alone in running text ("loss $\\downarrow$") an arrow is a mark, not a relation.
  '\\uparrow': [0, '↑'],
  '\\downarrow': [0, '↓'],
  '\\Uparrow': [0, '⇑'],
  '\\Downarrow': [0, '⇓'],
};

/** Standard letters and constants that are names like any letter (`\hbar`, `\aleph`, `\bot`). */
export const STANDARD_LETTERS = new Set([
  '\\hbar',
  '\\aleph',
  '\\beth',
  '\\wp',
  '\\imath',
  '\\jmath',
  '\\bot',
]);

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
  '\\texttt',
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
  '\\texttt': 'typewriter',
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

/** Canonical function names of commands (`\arcsin` → asin); letters applied as functions (`\sigma`). */
export { FUNCTION_COMMAND_NAMES, FUNCTION_SYMBOLS };

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
  // Standard relations and arrows that are not checked, so they are read as such rather than as
  // commands the document forgot to define.
  '\\supseteq': '\\other',
  '\\subsetneq': '\\other',
  '\\supsetneq': '\\other',
  '\\nsubseteq': '\\other',
  '\\ni': '\\other',
  '\\nmid': '\\other',
  '\\parallel': '\\other',
  '\\nparallel': '\\other',
  '\\asymp': '\\other',
  '\\lesssim': '\\other',
  '\\gtrsim': '\\other',
  '\\lessgtr': '\\other',
  '\\nless': '\\other',
  '\\ngtr': '\\other',
  '\\nleq': '\\other',
  '\\ngeq': '\\other',
  '\\lneq': '\\other',
  '\\gneq': '\\other',
  '\\lll': '\\ll',
  '\\ggg': '\\gg',
  '\\models': '\\other',
  '\\vdash': '\\other',
  '\\dashv': '\\other',
  '\\bowtie': '\\other',
  '\\sqsubset': '\\other',
  '\\sqsupset': '\\other',
  '\\sqsubseteq': '\\other',
  '\\sqsupseteq': '\\other',
  '\\longrightarrow': '\\to',
  '\\rightsquigarrow': '\\to',
  '\\rightharpoonup': '\\to',
  '\\longmapsto': '\\mapsto',
  '\\Leftarrow': '\\iff',
  '\\impliedby': '\\iff',
  '\\Longleftarrow': '\\iff',
  '\\longleftarrow': '\\other',
  '\\hookrightarrow': '\\other',
  '\\hookleftarrow': '\\other',
  '\\rightleftharpoons': '\\other',
  '\\supset': '\\other',
  '\\cap': '\\other',
  '\\cup': '\\other',
};
