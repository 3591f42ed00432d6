// "The upstream gradient is $g = \partial L / \partial y$", then "$\frac{\partial L}{\partial \beta} =
// g$": backpropagation notes name a loss they never define. A careful reader takes L as any smooth
// scalar function of the quantity whose gradient is named — the chain rule must hold whatever it is —
// and checks the claim so. The claim is read with one fixed generic function F of that quantity
// (sines, a cube and the square of the sum, so its gradient differs from entry to entry and from
// point to point); a claim that holds is verified, saying so, and one that fails stays about an
// unknown name, never refuted: it may be about a particular loss the text has in mind.
import { parseMath } from '../math/parser';
import type { Node, SymNode } from '../math/tree';
import type { Claim, Entry, Env } from '../model/types';
import { walk } from '../model/names';
import { reaches, relevantNames } from './relevant';

const MAX_LAYERS = 2000;

/** F(Y): a generic smooth scalar function of a tensor Y of any shape. */
const GENERIC =
  String.raw`\operatorname{sum}(\sin(1.3 Y + 0.4)) + 0.25 \operatorname{sum}(Y)^2 + ` +
  String.raw`0.1 \operatorname{sum}(Y \odot Y \odot Y)`;

/** The unknown loss and what it is read as a function of, or null when the claim is no such case. */
export function upstreamLoss(
  claim: Claim,
  unknown: readonly SymNode[],
): { loss: string; of: SymNode; entry: Entry } | null {
  const names = new Set(unknown.map((u) => u.name));
  if (names.size !== 1) return null;
  const loss = [...names][0];
  if (!/^(?:[A-Za-z]|\\[A-Za-z]+)$/.test(loss)) return null;
  // Every place the loss is written must be the numerator of a derivative.
  const variables: SymNode[] = [];
  let elsewhere = false;
  const visit = (side: Node) => {
    const inDerivative = new Set<Node>();
    walk(side, (x) => {
      if (x.kind === 'deriv' && x.of?.kind === 'sym' && x.of.name === loss) {
        inDerivative.add(x.of);
        if (x.wrt.kind === 'sym') variables.push(x.wrt);
        else elsewhere = true;
      } else if (x.kind === 'sym' && x.name === loss && !inDerivative.has(x)) elsewhere = true;
    });
  };
  const visitDerivatives = (side: Node) =>
    walk(side, (x) => {
      if (x.kind === 'deriv' && x.of?.kind === 'sym' && x.of.name === loss && x.wrt.kind === 'sym')
        variables.push(x.wrt);
    });
  visit(claim.lhs);
  visit(claim.rhs);
  for (const name of relevantNames(claim)) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind === 'def' && e.params === null) visit(e.expr);
  }
  if (elsewhere || variables.length === 0) return null;
  // The text's other gradients of the loss, wherever they were defined ("the upstream gradient is
  // $g = \partial L / \partial y$" in an earlier step), say what it is a function of.
  // Looked for in the nearest layers only: a claim pays for this walk, not the document.
  let layers = 0;
  for (let env: Env | null = claim.env; env && layers < MAX_LAYERS; env = env.parent, layers++) {
    const e = env.entry;
    if (e?.kind === 'def' && e.params === null) visitDerivatives(e.expr);
  }
  // The quantity downstream of every other one written: L is a function of it (y = γ ⊙ x̂ + β
  // reaches β, γ and x).
  const distinct = [...new Map(variables.map((v) => [v.name, v])).values()];
  const downstream = distinct.filter((v) =>
    distinct.every((w) => w.name === v.name || reaches(v, w.name, claim.env, claim.block)),
  );
  if (downstream.length !== 1) return null;
  const of = downstream[0];
  const known = claim.env.lookup(of.name, claim.block);
  if (!known || known.kind === 'fn' || (known.kind === 'def' && known.params !== null)) return null;
  const expr = genericOf(of);
  if (!expr) return null;
  const entry: Entry = {
    kind: 'def',
    name: loss,
    expr,
    params: null,
    indices: null,
    diagonal: false,
    at: known.at,
  };
  return { loss, of, entry };
}

/** F written with `of` in place of Y, placed where `of` is written (for messages). */
function genericOf(of: SymNode): Node | null {
  const parsed = parseMath(GENERIC).statements[0]?.sides[0];
  if (!parsed) return null;
  const place = (n: Node): Node => {
    if (n.kind === 'sym' && n.name === 'Y') return of;
    const copy: Record<string, unknown> = { ...n, start: of.start, end: of.end };
    for (const [key, value] of Object.entries(n)) {
      if (Array.isArray(value)) copy[key] = value.map((v) => (isNode(v) ? place(v) : v));
      else if (isNode(value)) copy[key] = place(value);
    }
    return copy as unknown as Node;
  };
  return place(parsed);
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && 'kind' in v && 'start' in v;
}
