// The shape of a letter nothing declares, read from the products and sums around it. "Let
// $X \in \mathbb{R}^{n \times d}$, $y \in \mathbb{R}^n$ and $J(w) = \|Xw - y\|^2$; then
// $\nabla_w J(w) = 2X^\top(Xw - y)$": nothing says what w is, and read as a number (as a function's
// argument usually is) `Xw - y` cannot be formed. A careful reader knows w is a vector of d entries,
// the only shape for which the formula means something. So when a claim fails on shapes and letters
// the reader supplied (a function's argument, the variable of a derivative) are in it, each such
// letter is tried as a vector of each size the declarations around it use; a reading under which
// the claim can be formed is kept when it is the only one. The letters stay objects the reader
// inferred: the claim is verified when it holds, and otherwise unchecked, never refuted.
import type { Node } from '../math/tree';
import { printNode } from '../math/print';
import type { Claim, DeclSpec, Entry } from '../model/types';
import type { CompileEnv } from './compile/context';
import { relevantNames } from './relevant';

/** Letters and sizes beyond these make too many readings to try; the claim stays unchecked. */
const MAX_LETTERS = 2;
const MAX_SIZES = 4;

/** A letter the reader supplied, and the entry it was read with. */
interface Supplied {
  name: string;
  entry: Extract<Entry, { kind: 'decl' }>;
}

/** The letters of a compiled claim read as numbers because nothing declares them. */
export function suppliedLetters(cenv: CompileEnv): Supplied[] {
  const out: Supplied[] = [];
  for (const map of [cenv.arguments, cenv.variables])
    for (const [name, entry] of map)
      if (entry.kind === 'decl' && entry.spec.shape.length === 0 && !out.some((s) => s.name === name))
        out.push({ name, entry });
  return out;
}

/**
 * The sizes of vectors and matrices the claim uses (its names and the definitions they reach),
 * each once, as the text writes them (`n`, `d`, `3`).
 */
export function sizesAround(claim: Claim): Node[] {
  const sizes = new Map<string, Node>();
  for (const name of relevantNames(claim)) {
    const entry = claim.env.lookup(name, claim.block);
    const spec = entry?.kind === 'decl' ? entry.spec : entry?.kind === 'def' ? entry.declared : undefined;
    for (const size of spec?.shape ?? []) sizes.set(printNode(size), size);
  }
  return [...sizes.values()];
}

/** One way of reading the supplied letters: a spec per letter (a scalar or a vector of a size). */
export type ShapeReading = Map<string, DeclSpec>;

/**
 * Every reading other than all-scalars (the one that failed), letters as scalars or vectors of the
 * sizes around; empty when there are too many to try.
 */
export function shapeReadings(letters: Supplied[], sizes: Node[]): ShapeReading[] {
  if (letters.length === 0 || letters.length > MAX_LETTERS || sizes.length === 0 || sizes.length > MAX_SIZES)
    return [];
  const choices: (Node | null)[] = [null, ...sizes];
  let readings: (Node | null)[][] = [[]];
  for (let k = 0; k < letters.length; k++) readings = readings.flatMap((r) => choices.map((c) => [...r, c]));
  return readings
    .filter((r) => r.some((c) => c !== null))
    .map((r) => new Map(letters.map((l, k) => [l.name, { ...l.entry.spec, shape: r[k] ? [r[k]!] : [] }])));
}

/** A capital letter (`X`, `\Sigma`): how a matrix is written. */
export function isCapitalLetter(name: string): boolean {
  return /^(?:[A-Z]|\\(?:Sigma|Lambda|Omega|Theta|Phi|Psi|Gamma|Delta|Pi|Xi|Upsilon))$/.test(name);
}

/**
 * The readings of capital supplied letters (`X` of `\frac{\partial}{\partial X}\operatorname{tr}(AX)`)
 * as square matrices of each size around, all of one size; empty when there are none to try.
 */
export function squareReadings(letters: Supplied[], sizes: Node[]): ShapeReading[] {
  const capitals = letters.filter((l) => isCapitalLetter(l.name));
  if (capitals.length === 0 || capitals.length > MAX_LETTERS || sizes.length > MAX_SIZES) return [];
  return sizes.map(
    (size) => new Map(capitals.map((l) => [l.name, { ...l.entry.spec, shape: [size, size] }])),
  );
}

/** The supplied letters' entries replaced by the reading's shapes, before the claim is compiled. */
export function applyShapeReading(cenv: CompileEnv, reading: ShapeReading): void {
  for (const map of [cenv.arguments, cenv.variables])
    for (const [name, entry] of map) {
      const spec = reading.get(name);
      if (!spec || entry.kind !== 'decl') continue;
      const size = spec.shape.length > 0 ? printNode(spec.shape[0]) : null;
      const square = spec.shape.length === 2;
      const kind = square
        ? `any ${size}×${size} matrix`
        : size
          ? `any vector of ${size} entries`
          : 'any real number';
      const declare = square
        ? `${name} \\in \\mathbb{R}^{${size} \\times ${size}}`
        : size
          ? `${name} \\in \\mathbb{R}^{${size}}`
          : `${name} \\in \\mathbb{R}`;
      map.set(name, {
        ...entry,
        spec,
        inferred: entry.inferred ? { ...entry.inferred, kind, declare } : undefined,
      });
    }
}
