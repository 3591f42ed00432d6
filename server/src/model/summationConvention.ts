// Whether a document states Einstein's summation convention in its words ("repeated indices are
// summed", "we use the summation convention"). Only then does a claim that fails for each value of
// a repeated index read it as summed (model/repeatedIndices.ts): a document that writes its sums
// with \sum means a repeated index without one as a slip.
const STATEMENTS = [
  /summation\s+convention/i,
  /einstein(?:'s)?\s+(?:summation|convention|notation)/i,
  /repeated\s+ind(?:ex|ices)\s+(?:are|is)\s+(?:implicitly\s+)?summed/i,
  /(?:sum|summation)\s+over\s+repeated\s+ind(?:ex|ices)/i,
  /implied\s+(?:sum|summation)\s+over/i,
];

/** A negation shortly before the statement ("we do not use the summation convention"). */
const NEGATED = /\b(?:no|not|never|without|nor)\b[^.]{0,30}$/i;

/**
 * A word every statement above contains: one pass over a text that has none of them (most
 * documents, on every edit) instead of one per statement. Keep it in step with STATEMENTS.
 */
export const ANY_STATEMENT = /summation|einstein|repeated|implied/i;
/** The longest word ANY_STATEMENT matches. */
export const ANY_STATEMENT_LENGTH = 'summation'.length;

export function statesSummationConvention(source: string): boolean {
  if (!ANY_STATEMENT.test(source)) return false;
  return STATEMENTS.some((r) => {
    const global = new RegExp(r.source, 'gi');
    for (const m of source.matchAll(global))
      if (!NEGATED.test(source.slice(Math.max(0, m.index - 40), m.index))) return true;
    return false;
  });
}
