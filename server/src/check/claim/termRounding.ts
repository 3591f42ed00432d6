// `-10000 + \frac{3000}{1.1} + \frac{4000}{1.1^2} = -10000 + 2727.27 + 3305.79`: a side that
// restates the other side's terms one by one, each computed term written as a rounded decimal,
// is the author's term-by-term result; each of those decimals carries its own rounding.
import type { Node } from '../../math/tree';

type Num = Extract<Node, { kind: 'num' }>;

/** The terms of a sum or difference, signs dropped (`a - b + c` → a, b, c). */
export function sumTerms(n: Node): Node[] {
  if (n.kind === 'bin' && (n.op === '+' || n.op === '-')) return [...sumTerms(n.left), ...sumTerms(n.right)];
  if (n.kind === 'neg') return sumTerms(n.operand);
  return [n];
}

function bareNumber(n: Node): boolean {
  let x = n;
  while (x.kind === 'neg' || (x.kind === 'group' && x.items.length === 1 && x.open === '('))
    x = x.kind === 'neg' ? x.operand : x.items[0];
  return x.kind === 'num';
}

/**
 * The decimals of `side` that are rounded values of the other side's terms: both sides sums of
 * the same number of terms, `side` made of numbers only, and each such decimal (as the rounded
 * result `roundedTerm` recognises) standing where the other side computes something — a
 * fraction, a power, a function. A side of bare numbers on both sides (`0.5 + 0.25 = 0.75`)
 * states inputs, and nothing here applies. `pairs`, when given, learns the term each decimal stands
 * for: one that term computes exactly (`\tfrac12 e^0` written 0.5) states no rounding (rounding.ts).
 */
export function termRoundings(
  side: Node,
  other: Node,
  roundedTerm: (n: Node) => Num | null,
  onlyNumbers: (n: Node) => boolean,
  pairs?: Map<Num, Node>,
): Num[] {
  const mine = sumTerms(side);
  const theirs = sumTerms(other);
  if (mine.length < 2 || mine.length !== theirs.length || !onlyNumbers(side)) return [];
  const out: Num[] = [];
  for (let i = 0; i < mine.length; i++) {
    const r = roundedTerm(mine[i]);
    if (!r) continue;
    if (bareNumber(theirs[i])) return [];
    out.push(r);
    pairs?.set(r, theirs[i]);
  }
  return out;
}
