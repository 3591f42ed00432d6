// Small constructors of tree nodes shared by the grammar and its forms: ranges, symbols,
// subscripts.
import { printNode } from '../print';
import type { Node, Span, SymNode } from '../tree';

/** `x[i]` as written: a bracket after a name indexes it (the model decides later if it is a call). */
export function bracketIndexed(base: Node, args: { items: Node[]; end: number }): Node {
  return { kind: 'subscript', base, indices: args.items, bracket: true, start: base.start, end: args.end };
}

/**
 * `x[0]`, `h[k]`, `x[n - k]` as the member written with a subscript, `x_{0}`, `h_{k}`, `x_{n-k}`: how a
 * bracket index reads on a name that means nothing of its own (language.md, "Members in brackets").
 */
export function bracketMember(n: Extract<Node, { kind: 'subscript' }>): SymNode | null {
  const base = n.base;
  if (base.kind !== 'sym' || base.sub !== null || base.primes !== 0 || n.indices.length === 0) return null;
  return withSubscript(base, n.indices, n.indices.map(printNode).join(','), n.end);
}

export function span(a: Span, b: Span): Span {
  return { start: a.start, end: b.end };
}

export function makeSym(base: string, s: number, e: number): SymNode {
  return { kind: 'sym', name: base, stem: base, base, sub: null, subText: null, primes: 0, start: s, end: e };
}

/** The name with n more primes (`f'`, `f''`), ending at `end`. */
export function withPrimes(sym: SymNode, n: number, end: number): SymNode {
  const marks = "'".repeat(n);
  return { ...sym, primes: sym.primes + n, name: sym.name + marks, stem: sym.stem + marks, end };
}

/** `\rho_+`, `y_{\pm}`: the name with a lone sign under it as its label, a name of its own. */
export function withSignLabel(sym: SymNode, sign: { text: string; end: number }): SymNode {
  return { ...sym, name: `${sym.name}_{${sign.text}}`, stem: `${sym.stem}_{${sign.text}}`, end: sign.end };
}

export function renameSym(sym: SymNode, stem: string, s: number): SymNode {
  const name = sym.subText !== null ? `${stem}_{${sym.subText}}` : stem;
  return { ...sym, stem, base: stem, name: name + "'".repeat(sym.primes), start: s };
}

/** Element symbols, each with an optional count: `O_2`, `CO_2`, `H_2O`, `C_3H_8`. */
const CHEMICAL_FORMULA = /^(?:[A-Z][a-z]?(?:_\{?\d+\}?)?)+$/;

export function withSubscript(sym: SymNode, nodes: Node[], text: string, e: number): SymNode {
  // Spaces go, except the one that keeps a command apart from a following letter (`\times n`).
  const clean = text
    .replace(/(\\[a-zA-Z]+)\s+(?=[a-zA-Z])/g, '$1\u0000')
    .replace(/\s+/g, '')
    .replace(/\u0000/g, ' ');
  if (sym.subText !== null) {
    // `x_{i}_{j}` is not TeX; treat a second subscript as part of the label.
    return {
      ...sym,
      subText: `${sym.subText},${clean}`,
      name: `${sym.stem}_{${sym.subText},${clean}}`,
      sub: [...(sym.sub ?? []), ...nodes],
      end: e,
    };
  }
  // `n_{O_2}`, `n_{CO_2}`, `M_{C_3H_8}`: a chemical formula under a letter (element symbols, one with a
  // count) names the species, a label; no index is written with a subscript of its own.
  if (CHEMICAL_FORMULA.test(clean) && clean.includes('_'))
    return { ...sym, subText: clean, name: `${sym.stem}_{${clean}}`, sub: null, end: e };
  // `A_{ij}`: two single-letter indices.
  let items = nodes;
  if (nodes.length === 1) {
    const letters = flattenJuxtLetters(nodes[0]);
    if (letters && letters.length > 1) items = letters;
  }
  // Primes written before the subscript are already part of the stem (x'_i).
  return { ...sym, subText: clean, name: `${sym.stem}_{${clean}}`, sub: items, end: e };
}

export function flattenJuxtLetters(n: Node): Node[] | null {
  if (n.kind === 'sym' && n.sub === null && n.primes === 0) return [n];
  if (n.kind === 'num' && Number.isInteger(n.value) && n.text.length === 1) return [n];
  if (n.kind === 'bin' && n.op === 'juxt') {
    const a = flattenJuxtLetters(n.left);
    const b = flattenJuxtLetters(n.right);
    if (a && b) return [...a, ...b];
  }
  return null;
}
