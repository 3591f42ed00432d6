// Sequences indexed by integers, written out as signal-processing notes write them:
// `\mathbf{x} = (\dots, x_{-1}, x_0, x_1, x_2, \dots) = (\dots, 0, 1, 2, 3, 0, \dots)`. The list of
// entries says where index 0 is; the list of values gives them; the dots say the list goes on, and
// a written 0 beside them says how: with zeros, as a reader continues the pattern. Values beside
// dots that are not 0 leave the rest of the sequence unknown, and a side without dots ends it.
import type { Node, SymNode } from '../math/tree';
import type { SequenceSpec } from './types';

/** The entries of one sequence written in order: `x_{-1}, x_0, x_1`, between dots at an end. */
export interface WrittenEntries {
  stem: string;
  entries: SymNode[];
  origin: number;
  dotsBefore: boolean;
  dotsAfter: boolean;
}

/** A sequence given by its entries and their values, position by position. */
export interface WrittenSequence {
  stem: string;
  entries: SymNode[];
  values: Node[];
  spec: SequenceSpec;
}

/**
 * `(\dots, x_{-1}, x_0, x_1, \dots)`: a bracket list with dots at one end or both, and between
 * them entries of one stem whose whole-number subscripts count up by one.
 */
export function writtenEntries(n: Node): WrittenEntries | null {
  const ends = innerItems(n);
  if (!ends) return null;
  const { items, dotsBefore, dotsAfter } = ends;
  if (items.length === 0 || !items.every((x) => x.kind === 'sym')) return null;
  const syms = items as SymNode[];
  const stem = syms[0].stem;
  const indices = syms.map(wholeSubscript);
  if (syms.some((s) => s.stem !== stem || s.primes !== 0)) return null;
  if (indices.some((k, i) => k === null || k !== (indices[0] as number) + i)) return null;
  return { stem, entries: syms, origin: indices[0] as number, dotsBefore, dotsAfter };
}

/** `(\dots, x_{-1}, x_0, \dots) = (\dots, 0, 1, \dots)`: the entries, their values and the support. */
export function writtenSequence(lhs: Node, rhs: Node): WrittenSequence | null {
  const named = writtenEntries(lhs);
  const given = innerItems(rhs);
  if (!named || !given) return null;
  if (given.dotsBefore !== named.dotsBefore || given.dotsAfter !== named.dotsAfter) return null;
  const values = given.items;
  if (values.length !== named.entries.length || values.some((v) => v.kind === 'dots')) return null;
  const zeroBeside = (v: Node) => v.kind === 'num' && v.value === 0;
  return {
    stem: named.stem,
    entries: named.entries,
    values,
    spec: {
      origin: named.origin,
      zeroBefore: !named.dotsBefore || zeroBeside(values[0]),
      zeroAfter: !named.dotsAfter || zeroBeside(values[values.length - 1]),
    },
  };
}

/** The items of a bracket list between its leading and trailing dots (at least one end has them). */
function innerItems(n: Node): { items: Node[]; dotsBefore: boolean; dotsAfter: boolean } | null {
  if (n.kind !== 'group' || (n.open !== '(' && n.open !== '[')) return null;
  const items = n.items;
  const dotsBefore = items[0]?.kind === 'dots';
  const dotsAfter = items.length > 1 && items[items.length - 1].kind === 'dots';
  if (!dotsBefore && !dotsAfter) return null;
  const inner = items.slice(dotsBefore ? 1 : 0, dotsAfter ? -1 : undefined);
  if (inner.some((x) => x.kind === 'dots')) return null;
  return { items: inner, dotsBefore, dotsAfter };
}

/** The subscript of `x_{-1}`, `x_0` as a whole number, else null. */
function wholeSubscript(s: SymNode): number | null {
  if (s.subText === null || !/^-?\d+$/.test(s.subText)) return null;
  return Number(s.subText);
}
