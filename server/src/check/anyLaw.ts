// Random variables of any law. A capital letter that an expectation, variance or covariance ranges
// over and that nothing declares (`\operatorname{Var}(X) = \mathbb{E}[X^2] - \mathbb{E}[X]^2`) is
// a random variable the text says nothing more about: an identity about it must hold whatever its
// law. So each trial draws one law at random — a few atoms with random weights, every such variable
// a function of the atom — under which the variables are dependent in an arbitrary way: an identity
// that needs independence or a particular law fails under it, and the claim is then left
// unchecked (claim/anyLaw.ts), never refuted.
import type { Rng } from '../engine';
import type { BinOp, Node, SymNode } from '../math/tree';
import { RANDOM_LETTER as RANDOM_NAME } from '../model/momentFacts';
import { children } from '../model/names';

/**
 * Atoms of the law drawn at each trial. Moment identities that hold for every law with this many
 * atoms but not for all laws involve determinants of moments of order 2·ATOMS; nobody writes them.
 */
export const ANY_LAW_ATOMS = 8;

/**
 * What a law of random variables may be applied to in a body read this way: scalar arithmetic,
 * functions of numbers, events and nested expectations. A transpose, a norm, a matrix, a sum or a
 * derivative speaks of vectors or of more than the law, and leaves the body as it was.
 */
const SCALAR_KINDS = new Set<Node['kind']>([
  'num',
  'sym',
  'neg',
  'bin',
  'pow',
  'frac',
  'sqrt',
  'call',
  'group',
  'list',
  'abs',
  'cmp',
  'indicator',
  'expect',
]);

const SCALAR_PRODUCTS = new Set<BinOp>(['+', '-', 'juxt', 'cdot', 'times', '/']);

/**
 * The names in `body` to read as random variables of any law, or [] when the body is not scalar
 * arithmetic of such names. `unread(name)` tells a name nothing declares, defines or binds.
 */
export function anyLawNames(body: Node, unread: (x: SymNode) => boolean): string[] {
  const out = new Set<string>();
  let scalar = true;
  const visit = (x: Node) => {
    if (!SCALAR_KINDS.has(x.kind)) scalar = false;
    if (x.kind === 'bin' && !SCALAR_PRODUCTS.has(x.op)) scalar = false;
    if (x.kind === 'sym' && unread(x) && RANDOM_NAME.test(x.name)) out.add(x.name);
    for (const ch of children(x)) visit(ch);
  };
  visit(body);
  return scalar ? [...out] : [];
}

/** One law per trial: normalised weights, and each variable's value at every atom, drawn on first use. */
export class AnyLaw {
  readonly weights = new Float64Array(ANY_LAW_ATOMS);
  private readonly atoms = new Map<string, Float64Array>();

  constructor(
    weightRng: Rng,
    private readonly atomRng: (name: string) => Rng,
  ) {
    let total = 0;
    for (let k = 0; k < ANY_LAW_ATOMS; k++) total += this.weights[k] = 0.1 + weightRng.uniform();
    for (let k = 0; k < ANY_LAW_ATOMS; k++) this.weights[k] /= total;
  }

  /** The value of `name` at atom `k`. */
  at(name: string, k: number): number {
    let values = this.atoms.get(name);
    if (!values) {
      const rng = this.atomRng(name);
      values = new Float64Array(ANY_LAW_ATOMS);
      for (let j = 0; j < ANY_LAW_ATOMS; j++) values[j] = rng.normal();
      this.atoms.set(name, values);
    }
    return values[k];
  }
}
