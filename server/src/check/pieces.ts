// Whether a claim's truth on the samples' window carries over to the rest of its domain.
//
// A claim built only of analytic operations (+, ×, powers with whole exponents, exp, sin, cosh…)
// that holds on an interval holds wherever both sides are defined: two analytic functions that
// agree on an interval agree everywhere (the identity theorem), so the usual window is enough. Two
// kinds of claim escape that argument, and a verification of either is looked at again with more
// samples reaching beyond the window (claim.ts):
// - one that met an op whose formula changes between pieces of its domain (|x|, max, ⌊x⌋, sign,
//   mod, a comparison, a p-norm) or an inverse of a periodic function, which undoes it on one
//   period only (arcsin, arccos, arctan): `\arcsin(\sin(x/4)) = x/4` holds up to x = 2π only,
//   `\min(x, 8) = x` up to 8. A root counts only when it undoes an even power (compile/rootOfSquare.ts:
//   `\sqrt{(x - 9.5)^2}` is |x − 9.5|); √(σ² + ε), in every normalisation, is analytic where defined;
// - one on whole-number letters: the usual window (1…8 for ℕ, −5…5 for ℤ) has so few members that
//   a polynomial vanishing on all of them is nothing special (`\prod_{j=1}^{12}(n - j) = 0`).

/** Raised by the trial loop when a counted trial that drew samples met either kind. */
export const piecesMet = { met: false };

/**
 * Raised by values.ts when the notation of the claim (or of a definition it uses) applies an op
 * with pieces or branches during a trial; the trial loop clears it before each trial and after the
 * conditions the claim is stated under, whose comparisons are not the claim's own. The functions'
 * own implementations (a density's normalising root) do not raise it: only what the author wrote.
 */
export const notationPieces = { met: false };

/** Functions, by registry name, whose formula changes between pieces or which keep one branch. */
export const PIECEWISE_FUNCTIONS: ReadonlySet<string> = new Set([
  'abs',
  'sign',
  'floor',
  'ceil',
  'round',
  'relu',
  'max',
  'min',
  'mod',
  'asin',
  'acos',
  'atan',
  'acosh',
  'atanh',
]);

/**
 * Samples the second look may draw beyond its trials: far out, many samples lose digits and say
 * nothing; drawing five times as many (as the first look may) only spends the budget on them.
 */
export const PIECES_SPARE_ATTEMPTS = 10;
