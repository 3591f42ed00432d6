// `|A| = 30` beside `|A \cup B| = |A| + |B| - |A \cap B|`: bars around a lone capital letter are the
// number of its elements when the document counts sets — it writes a count of a set operation (`|A
// \cap B|`, `\#(A \cup B)`, `n(T \cap K)`) — and the letter means nothing else there. Elsewhere `|A|`
// stays what it was (an absolute value, a determinant); so does `n(A)`, read there as the count
// when n means nothing else. The count is `\#` applied to the letter,
// as math/parser/setCounts.ts reads the unambiguous forms, so the counts a text gives are values at
// listed sets (./pointValues.ts) and an identity among them is checked. Inside an expectation or a
// probability the bars keep their meaning: `P(|X| > 1)` is of a random variable.
import { mapChildren } from '../math/walk';
import { countOf, isSetOperation } from '../math/parser/setCounts';
import type { Node, Statement, SymNode } from '../math/tree';

/** A text that counts the elements of a set written with a set operation. */
const COUNTED_SETS =
  /\|\s*(?:\\overline\s*\{)?\s*\(?\s*[A-Z](?:\^\{?c\}?)?\s*\\(?:cup|cap|setminus)\b|\\#\s*[A-Z(]|\bn\s*\(\s*[A-Z](?:\^\{?c\}?)?\s*\\(?:cup|cap)\b/;

export function countsSets(source: string): boolean {
  return COUNTED_SETS.test(source);
}

/** A lone capital letter (`A`, `B_1`) that names a set to count: the caller says it means nothing else. */
function loneLetter(n: Node): n is SymNode {
  return n.kind === 'sym' && n.primes === 0 && /^[A-Z]$/.test(n.base) && n.font === undefined;
}

/** The statements with `|A|` of a lone letter that means nothing else read as its count. */
export function countsOfLoneSets(list: Statement[], meansNothing: (s: SymNode) => boolean): Statement[] {
  const rewrite = (n: Node): Node => {
    if (n.kind === 'expect') return n;
    if (n.kind === 'abs' && loneLetter(n.operand) && meansNothing(n.operand))
      return countOf(n.operand, n.start, n.end);
    // `n(T)`, `n(T \cap K)`: the count written with a letter n the text gives no other meaning.
    if (n.kind === 'apply' && n.f.name === 'n' && n.args.length === 1 && meansNothing(n.f)) {
      const [set] = n.args;
      if ((loneLetter(set) && meansNothing(set)) || isSetOperation(set)) return countOf(set, n.start, n.end);
    }
    return mapChildren(n, rewrite);
  };
  return list.map((st) => {
    const sides = st.sides.map(rewrite);
    return sides.every((s, k) => s === st.sides[k]) ? st : { ...st, sides };
  });
}
