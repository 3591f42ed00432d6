// The token classes the grammar tests against: relation symbols, product operators, brackets, dots,
// distribution and expectation words, placeholders, and the nesting limit.
import type { BinOp, CmpOp, ExpectOp } from '../tree';
import { FUNCTION_WORDS } from '../vocabulary';

export const RELATION_SYMBOLS: Record<string, CmpOp> = { '=': '=', '<': '<', '>': '>' };

export const PRODUCT_OPS: Record<string, BinOp> = {
  '\\cdot': 'cdot',
  '\\times': 'times',
  '*': 'ast',
  '/': '/',
  '\\odot': 'odot',
  '\\otimes': 'otimes',
  '\\star': 'star',
  '\\ast': 'ast',
  '\\circ': 'odot',
  '\\div': '/',
};

export const LOOSE_PRODUCT_OPS: Record<string, BinOp> = {
  '\\odot': 'odot',
  '\\otimes': 'otimes',
  '\\circ': 'odot',
};

export const OPENERS: Record<string, string> = {
  '(': ')',
  '[': ']',
  '\\{': '\\}',
  '\\langle': '\\rangle',
  '\\lbrace': '\\rbrace',
  '\\lbrack': '\\rbrack',
};

/** What may stand before and after a sign that stands alone for an outcome (`P(D \\mid +)`). */
export const SLOT_OPENS = new Set(['(', ',', '\\mid', '|']);
export const SLOT_CLOSES = new Set([')', ',', '\\mid']);

export const CLOSERS = new Set([')', ']', '\\}', '\\rangle', '\\rbrace', '\\rbrack']);

export const DOTS = new Set([
  '\\ldots',
  '\\cdots',
  '\\dots',
  '\\vdots',
  '\\ddots',
  '\\dotsc',
  '\\dotsb',
  '\\dotsm',
  '\\hdots',
]);

export const DISTRIBUTIONS: Record<string, string> = {
  bernoulli: 'Bernoulli',
  ber: 'Bernoulli',
  bern: 'Bernoulli',
  normal: 'Normal',
  gaussian: 'Normal',
  uniform: 'Uniform',
  unif: 'Uniform',
  poisson: 'Poisson',
  pois: 'Poisson',
  exponential: 'Exponential',
  expo: 'Exponential',
  beta: 'Beta',
  binomial: 'Binomial',
  binom: 'Binomial',
  bin: 'Binomial',
  n: 'Normal',
};

/** The longest word parseLetters can read as a function, a distribution, Var or Cov. */
export const LONGEST_WORD = Math.max(
  ...Object.keys(FUNCTION_WORDS).map((w) => w.length),
  ...Object.keys(DISTRIBUTIONS).map((w) => w.length),
);

export const MAX_DEPTH = 150;

export const PLACEHOLDERS = new Set(['\\cdot', '.', '\\bullet', '\\centerdot']);

/** Words in `\\text{…}` after a relation that say what it holds for. */
export const QUANTIFIER = /^(for\s+(all|every|each|any)|forall)\b/i;

export const EXPECT_WORDS: Record<ExpectOp, { name: string; command: string }> = {
  E: { name: 'an expectation', command: '\\mathbb{E}' },
  Var: { name: 'a variance', command: 'Var' },
  Cov: { name: 'a covariance', command: 'Cov' },
  P: { name: 'a probability', command: '\\Pr' },
};
