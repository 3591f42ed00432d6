// The entries of letters a reader infers for one claim (a number nothing declares, read as any real
// or any positive integer): declarable as such, and named in the verdict by how the text introduces them.
import type { Entry } from '../model/types';

/** How the reading names a letter whose value from an earlier passage ended and whose kind did not fit. */
export const ENDED_LETTER_HOW = 'as a letter whose value from an earlier passage has ended';

/** A real number the reader infers for one claim (`how` the text introduces it), declarable as such. */
export function inferredReal(name: string, how: string): Entry {
  return inferredScalar(name, how, 'real');
}

const SCALAR_READINGS = {
  real: { kind: 'any real number', set: '\\mathbb{R}' },
  natural: { kind: 'any positive integer', set: '\\mathbb{N}' },
};

/** A scalar of `set` the reader infers for one claim, declarable as such. */
export function inferredScalar(name: string, how: string, set: keyof typeof SCALAR_READINGS): Entry {
  const { kind, set: written } = SCALAR_READINGS[set];
  return {
    kind: 'decl',
    name,
    pattern: false,
    spec: { set, shape: [] },
    at: 0,
    inferred: { how, kind, declare: `${name} \\in ${written}` },
  };
}
