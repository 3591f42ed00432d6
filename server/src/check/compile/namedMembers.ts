// `\beta_t` inside a rule for `\alpha_t = 1 - \beta_t` (or under `\prod_{s=1}^{t}`), when the text
// gave β no rule and no declaration but gave its members one by one (`\beta_1 = 0.1`,
// `\beta_2 = 0.15`): a careful reader takes the member the index names, β₂ at t = 2. A schedule
// written out entry by entry is read like a sequence, without a general term.
import type { Node, SymNode } from '../../math/tree';
import { walk } from '../../model/names';
import { type CompileEnv, type Fn, lookupWithScope } from './context';
import { compile } from './core';
import { UnknownName } from '../errors';
import * as V from '../values';

/** Members looked for: the whole indices a worked schedule writes out. */
const FIRST_INDEX = -1;
const LAST_INDEX = 100;

export function compileNamedMember(n: SymNode, c: CompileEnv, inBrackets = false): Fn | null {
  const items = n.sub ?? [];
  if (items.length !== 1 || n.primes !== 0 || !byBoundIndex(items[0], c, inBrackets)) return null;
  const members = new Map<number, Fn>();
  for (let k = FIRST_INDEX; k <= LAST_INDEX; k++) {
    const name = `${n.stem}_{${k}}`;
    if (!lookupWithScope(c, name)) continue;
    const index: Node = { kind: 'num', value: k, text: String(k), start: n.start, end: n.end };
    const member: SymNode = { ...n, name, sub: [index], subText: String(k) };
    members.set(k, compile(member, c));
  }
  if (members.size === 0) return null;
  const at = compile(items[0], c);
  return (t) => {
    const value = V.tensorOf(at(t), n);
    const k = value.size === 1 ? value.data[0] : Number.NaN;
    const member = Number.isInteger(k) ? members.get(k) : undefined;
    // The schedule does not reach this index: name the member to give.
    if (!member)
      throw new UnknownName([`${n.stem}_{${Number.isInteger(k) ? k : items[0].kind}}`], n.start, n.end);
    return member(t);
  };
}

/** Whether the text gave any member of the stem by a whole index (`x_{0} = 1`, `\beta_2 = 0.15`). */
export function hasNamedMembers(stem: string, c: CompileEnv): boolean {
  for (let k = FIRST_INDEX; k <= LAST_INDEX; k++) if (lookupWithScope(c, `${stem}_{${k}}`)) return true;
  return false;
}

/**
 * The subscript is made of bound index letters (a rule's index, a product's) and numbers only; a
 * member written in brackets (`x[m-1]` after `m = 3`) may also use letters the text gave a value.
 * A subscript may not: `p_y` after `y = 1` is often the label of a formula (`-\log p_y`).
 */
function byBoundIndex(index: Node, c: CompileEnv, valued: boolean): boolean {
  if (index.kind === 'num') return false;
  let bound = false;
  let other = false;
  walk(index, (x) => {
    if (x.kind === 'sym') {
      if (c.locals.has(x.name) || (valued && lookupWithScope(c, x.name)?.entry.kind === 'def')) bound = true;
      else other = true;
    } else if (x.kind !== 'num' && x.kind !== 'bin' && x.kind !== 'neg' && x.kind !== 'group') other = true;
  });
  return bound && !other;
}
