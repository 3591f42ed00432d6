// `\hat\rho(1) = 0.6`, `g(2) = 8`, `V(A) = 0`, `Q(3, R) = 2.5`: running text that gives a function it
// never gives a rule a number at a written point has told the reader its value there, and a later
// `\frac{\hat\rho(2) - \hat\rho(1)^2}{1 - \hat\rho(1)^2}` is computed with it. A point is written in
// atoms: numbers, and labels — letters the document gives no meaning, which name a state, an action
// or an outcome (`A`, `L`, `s_1`). The values are kept under keys of their own — the name and the
// point's atoms — so nothing else reads them as a name, and the points listed for the function are
// kept under its table key: the function is that finite table, evaluated there and nowhere else.
import type { Node, SymNode } from '../math/tree';
import { isComplementMark, isSetOperation } from '../math/parser/setCounts';

/** Whether a letter written as an argument names a point rather than a quantity. */
export type IsLabel = (s: SymNode) => boolean;

/** The atoms of a point (`['3', 'R']`), or null when an argument is neither a number nor a label. */
export function pointAtoms(args: readonly Node[], isLabel: IsLabel = () => false): string[] | null {
  if (args.length === 0) return null;
  const atoms: string[] = [];
  for (const a of args) {
    const v = writtenNumber(a);
    if (v !== null) atoms.push(numberAtom(v));
    else if (a.kind === 'sym' && a.primes === 0 && isLabel(a)) atoms.push(a.name);
    else {
      const set = setAtom(a, isLabel);
      if (set === null) return null;
      atoms.push(set);
    }
  }
  return atoms;
}

/**
 * `A \cup B`, `(A \cap B)^c`, `A \setminus B` of labels: a set written with set operations, as a
 * point of a count (`\#(A \cap B) = 10`, `n(T \cup K) = 51`), or null. Union and intersection are
 * commutative and associative, so their operands are listed in one order (`B \cap A` is the point
 * `A \cap B`); other ways of writing one set (De Morgan's laws) are other points.
 */
export function setAtom(n: Node, isLabel: IsLabel): string | null {
  if (!isSetOperation(n)) return null;
  const atom = (x: Node): string | null => {
    if (x.kind === 'group' && x.open === '(' && x.items.length === 1) return atom(x.items[0]);
    if (x.kind === 'sym') return x.primes === 0 && isLabel(x) ? x.name : null;
    const wrapped = (y: Node) => {
      const a = atom(y);
      return a === null ? null : y.kind === 'sym' ? a : `(${a})`;
    };
    if (x.kind === 'pow') {
      const base = isComplementMark(x.exponent) ? wrapped(x.base) : null;
      return base === null ? null : `${base}^c`;
    }
    if (x.kind === 'bin' && x.op === 'setminus') {
      const [a, b] = [wrapped(x.left), wrapped(x.right)];
      return a === null || b === null ? null : `${a} \\setminus ${b}`;
    }
    if (x.kind === 'cmp' && x.set !== undefined) {
      const op = x.set;
      const operands: Node[] = [];
      const flatten = (y: Node) => {
        if (y.kind === 'cmp' && y.set === op) {
          flatten(y.left);
          flatten(y.right);
        } else operands.push(y);
      };
      flatten(x);
      const parts = operands.map(wrapped);
      if (parts.some((a) => a === null)) return null;
      return (parts as string[]).sort().join(` ${op} `);
    }
    return null;
  };
  return atom(n);
}

/** The atom of a number, the same for `0.5`, `1/2` and a value a sum's index takes. */
export function numberAtom(v: number): string {
  return String(v === 0 ? 0 : v);
}

/** The key of f's value at a point of these atoms (`g@(2)`, `Q@(C, L)`). */
export function keyOfAtoms(f: string, atoms: readonly string[]): string {
  return `${f}@(${atoms.join(', ')})`;
}

/** The key of f's value at these written numbers or labels, or null when an argument is neither. */
export function pointKey(f: SymNode, args: readonly Node[], isLabel?: IsLabel): string | null {
  const atoms = pointAtoms(args, isLabel);
  return atoms ? keyOfAtoms(f.name, atoms) : null;
}

/** The key under which the points listed for f are kept (a `def` entry whose `table` lists them). */
export function tableKey(f: string): string {
  return `${f}@points`;
}

/** The key under which a label is kept while a table lists a point of it (`C@label`). */
export function labelKey(name: string): string {
  return `${name}@label`;
}

/** `f(3, R)` as a reader writes the point. */
export function printPoint(f: string, atoms: readonly string[]): string {
  return `${f}(${atoms.join(', ')})`;
}

/** `2`, `-1`, `\frac{1}{2}`, `1/2`: a number written out, else null. */
export function writtenNumber(n: Node): number | null {
  if (n.kind === 'num') return n.value;
  if (n.kind === 'neg') {
    const v = writtenNumber(n.operand);
    return v === null ? null : -v;
  }
  const parts =
    n.kind === 'frac'
      ? [n.numerator, n.denominator]
      : n.kind === 'bin' && n.op === '/'
        ? [n.left, n.right]
        : null;
  if (!parts) return null;
  const [a, b] = parts.map(writtenNumber);
  return a === null || b === null || b === 0 ? null : a / b;
}
