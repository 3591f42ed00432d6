// "Throughout, a square input has side $I$ …; then $(I - 1) \cdot 2 - 2 + 4 = 2I$": `I` is the
// identity wherever nothing says otherwise, but running text that names the letter alone, without
// calling it the identity, introduces a quantity of the author's. Where the identity then fails on
// shapes beside numbers (it has no size to take), the reader takes the author's quantity: the
// claim is verified when it holds for any number I, and otherwise left unchecked, never refuted —
// a shape error would blame the author for the reader's choice of meaning.
import type { Claim } from '../model/types';
import { someNode } from '../model/names';

/** What ShapeMismatch says when the identity meets a number (check/values.ts squareSize). */
const IDENTITY_BESIDE_NUMBER = 'the identity needs a square partner';

/** Whether the shape error is the identity's beside a number, in a claim whose text named `I` as its own. */
export function identityNamedOwn(claim: Claim, error: string): boolean {
  if (!error.includes(IDENTITY_BESIDE_NUMBER) || !claim.env.namedOwn('I')) return false;
  const writes = (side: Claim['lhs']) =>
    someNode(side, (x) => x.kind === 'sym' && x.name === 'I' && x.font === undefined);
  return writes(claim.lhs) || writes(claim.rhs);
}

/** The note a verdict under that reading carries. */
export const IDENTITY_AS_NUMBER =
  '(I read as a number: the text names $I$ in running text as a quantity, not as the identity)';

/** Why the claim is left unchecked when the number reading does not hold either. */
export function identityNamedOwnMessage(error: string): string {
  return (
    `unchecked: the shapes do not fit (${error}), but the text names $I$ in running text as a ` +
    'quantity of its own, not as the identity: if I is a number here, declare it (I \\in \\mathbb{N}) ' +
    'to have it checked; if it is the identity, give its size (I_n)'
  );
}
