// The variable of a derivative that nothing declares. In `\frac{d}{dx} x^n = n x^{n-1}` or
// `\frac{d}{dx} e^x = e^x` the text never says what x is, yet a careful reader knows: the real
// variable the derivative is taken in. Such a letter is read, in that claim only, as any real number,
// sampled like a declared one; as for other objects the reader infers, the claim is verified when it
// holds at every sample and otherwise left unchecked (the text may limit x in words, "for x > 0"),
// never refuted. A letter written bold anywhere in the claim (`\mathbf{x}`), or differentiated by ∇,
// may be a vector, and is left unknown.
import type { Node, SymNode } from '../math/tree';
import { type CompileEnv, lookupWithScope } from './compile/context';
import { children, walk } from '../model/names';
import type { Entry } from '../model/types';
import { anyVector, LOGITS_HOW, logitLetters } from './freeLetters';
import { inferredReal } from './inferredEntries';

/** A lone letter, no accent: `x`, `t`, `\theta` (not Euler's e); a digit subscript may follow. */
const VARIABLE_LETTER = /^(?:[a-df-zA-Z]|\\[a-zA-Z]+)$/;

/** Registers in `c.variables` the undeclared letters a derivative in `sides` is taken in. */
export function inferDerivativeVariables(sides: Node[], c: CompileEnv): void {
  const bold = new Set<string>();
  for (const side of sides)
    walk(side, (x) => {
      if (x.kind === 'sym' && x.font) bold.add(x.name);
    });
  // `\frac{\partial\, \mathrm{softmax}(z)}{\partial z}`: logits are a vector; read as a number, the
  // derivative of softmax is 0 and the claim would hold vacuously.
  const logits = logitLetters(sides).vectors;
  const visit = (x: Node) => {
    if (x.kind === 'deriv' && x.style !== 'nabla' && x.wrt.kind === 'sym')
      inferDerivativeVariable(x.wrt, c, bold, logits);
    for (const ch of children(x)) visit(ch);
  };
  for (const side of sides) visit(side);
}

/**
 * Reads `v`, the variable of a derivative, as any real number for the claim when nothing declares it
 * (above); `bold`: letters the claim writes in another font, which are not so read.
 */
export function inferDerivativeVariable(
  v: SymNode,
  c: CompileEnv,
  bold: ReadonlySet<string>,
  logits: ReadonlySet<string> = new Set(),
): void {
  if (
    VARIABLE_LETTER.test(v.stem) &&
    // `\theta_1` of a two-link arm is a variable of its own; `w_1` of a declared w is w's entry.
    (v.sub === null || (/^[0-9]$/.test(v.subText ?? '') && !lookupWithScope(c, v.stem))) &&
    v.primes === 0 &&
    !v.font &&
    !bold.has(v.name) &&
    !lookupWithScope(c, v.name) &&
    !c.env.lookupPattern(v.stem) &&
    !c.env.isDimension(v.name) &&
    !c.bounds.has(v.name) &&
    !c.recurrenceIndices.has(v.name)
  )
    // A letter whose value from running text has ended ("setting $x = 1$" two paragraphs before)
    // is read as a generic object of that number's kind, as everywhere else.
    c.variables.set(
      v.name,
      c.env.lookupGeneric(v.name, c.block) ??
        (logits.has(v.name) ? anyVector(v.name, LOGITS_HOW) : variableEntry(v.name)),
    );
}

/** How the words introduce such a letter: none of them do (claim/smoothDerivative.ts reads it). */
export const DERIVATIVE_VARIABLE_HOW = 'as the variable of a derivative that nothing declares';

function variableEntry(name: string): Entry {
  return inferredReal(name, DERIVATIVE_VARIABLE_HOW);
}

/**
 * Marks the primed names written right before a bracket (`y'(0)`, `y''(t)` read as a product by the
 * parser): the derivative at that point, never a bare prime at the variable (compile/names.ts).
 */
export function markPrimesBeforeBrackets(sides: Node[], c: CompileEnv): void {
  const visit = (x: Node) => {
    if (x.kind === 'bin' && x.op === 'juxt' && x.right.kind === 'group' && x.right.open === '(') {
      let left = x.left;
      while (left.kind === 'bin' && left.op === 'juxt') left = left.right;
      if (left.kind === 'post' && left.operand.kind === 'sym') c.primedBeforeBracket.add(left.operand.start);
      if (left.kind === 'sym' && left.primes > 0) c.primedBeforeBracket.add(left.start);
    }
    for (const ch of children(x)) visit(ch);
  };
  for (const side of sides) visit(side);
}
