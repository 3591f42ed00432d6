// "The upstream gradient is $g = \partial L / \partial y$", then "$\frac{\partial L}{\partial \beta} =
// g$": backpropagation notes name a loss they never define. A careful reader takes L as any smooth
// scalar function of the quantity whose gradient is named — the chain rule must hold whatever it is —
// and checks the claim so. The claim is read with one fixed generic function F of that quantity
// (sines, a cube and the square of the sum, so its gradient differs from entry to entry and from
// point to point); a claim that holds is verified, saying so, and one that fails stays about an
// unknown name, never refuted: it may be about a particular loss the text has in mind. A loss of
// several quantities none downstream of the others is a function of all of them, and a claim with
// several such letters (a data term and a regulariser) reads each as a different function.
import { parseMath } from '../math/parser';
import type { Node, SymNode } from '../math/tree';
import type { Claim, Entry, Env } from '../model/types';
import { walk } from '../model/names';
import { reaches, relevantNames } from './relevant';

const MAX_LAYERS = 2000;

/**
 * A generic smooth scalar function of tensors Y_{1}, …, Y_{m} of any shapes. Each input has its own
 * sines and enters a squared weighted sum (so the inputs interact), and `k` varies the coefficients
 * so that two unknown losses in one claim are two different functions.
 */
function genericText(inputs: number, k: number): string {
  const terms: string[] = [];
  const sums: string[] = [];
  for (let j = 1; j <= inputs; j++) {
    const y = `Y_{${j}}`;
    const a = (1.3 + 0.37 * k + 0.21 * (j - 1)).toFixed(2);
    const c = (0.4 + 0.29 * k + 0.17 * (j - 1)).toFixed(2);
    terms.push(String.raw`\operatorname{sum}(\sin(${a} ${y} + ${c}))`);
    terms.push(String.raw`${(0.1 + 0.03 * k).toFixed(2)} \operatorname{sum}(${y} \odot ${y} \odot ${y})`);
    sums.push(String.raw`${(1 + 0.5 * (j - 1)).toFixed(1)} \operatorname{sum}(${y})`);
  }
  return `${terms.join(' + ')} + ${(0.25 + 0.05 * k).toFixed(2)} (${sums.join(' + ')})^2`;
}

/** One loss the text does not define, read as a generic function of the quantities it names. */
export interface LossReading {
  loss: string;
  of: SymNode[];
  entry: Entry;
}

/**
 * The unknown losses and what each is read as a function of, or null when the claim is no such case:
 * every unknown name must be a letter written only inside derivatives.
 */
export function upstreamLosses(claim: Claim, unknown: readonly SymNode[]): LossReading[] | null {
  // The losses are the unknown letters a derivative differentiates; other unknown letters (γ, β
  // of `y_i = \gamma \hat x_i + \beta`) are left for the claim read again with the losses given, where
  // they may be read as any numbers (freeLetters.ts) or stay unknown.
  const differentiated = new Set<string>();
  const sides = [claim.lhs, claim.rhs];
  for (const name of relevantNames(claim)) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind === 'def' && e.params === null) sides.push(e.expr);
  }
  for (const side of sides)
    walk(side, (x) => {
      if (x.kind === 'deriv' && x.of)
        walk(x.of, (y) => {
          if (y.kind === 'sym') differentiated.add(y.name);
        });
    });
  const names = [...new Set(unknown.map((u) => u.name))].filter((n) => differentiated.has(n));
  if (names.length === 0) return null;
  if (!names.every((n) => /^(?:[A-Za-z]|\\[A-Za-z]+)$/.test(n))) return null;
  const losses = new Set(names);
  // Every place a loss is written must be inside what a derivative differentiates
  // (∂L/∂w, ∇_w (L + λR)); the derivative's variables are what the loss depends on.
  const variables = new Map<string, SymNode[]>(names.map((n) => [n, []]));
  let elsewhere = false;
  const visit = (side: Node, strict: boolean) => {
    const inDerivative = new Set<Node>();
    walk(side, (x) => {
      if (x.kind === 'deriv' && x.of) {
        const written = lossesIn(x.of, losses);
        for (const sym of written) inDerivative.add(sym);
        const wrt = quantityOf(x.wrt, claim);
        for (const name of new Set(written.map((w) => w.name))) {
          if (wrt) variables.get(name)?.push(wrt);
          else if (strict) elsewhere = true;
        }
      } else if (strict && x.kind === 'sym' && losses.has(x.name) && !inDerivative.has(x)) elsewhere = true;
    });
  };
  visit(claim.lhs, true);
  visit(claim.rhs, true);
  for (const name of relevantNames(claim)) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind === 'def' && e.params === null) visit(e.expr, true);
  }
  if (elsewhere) return null;
  // The text's other gradients of the losses, wherever they were defined ("the upstream gradient is
  // $g = \partial L / \partial y$" in an earlier step), say what they are functions of.
  // Looked for in the nearest layers only: a claim pays for this walk, not the document.
  let layers = 0;
  for (let env: Env | null = claim.env; env && layers < MAX_LAYERS; env = env.parent, layers++) {
    const e = env.entry;
    if (e?.kind === 'def' && e.params === null) visit(e.expr, false);
  }
  const readings: LossReading[] = [];
  for (const [k, loss] of names.entries()) {
    const written = variables.get(loss) ?? [];
    if (written.length === 0) return null;
    // The quantities nothing else written depends on: the loss is a function of them (y = γ ⊙ x̂ + β
    // reaches β, γ and x; u = pq and r = p + q are both read when p, u and r are written).
    const distinct = [...new Map(written.map((v) => [v.name, v])).values()];
    const downstream = distinct.filter(
      (v) => !distinct.some((w) => w.name !== v.name && reaches(w, v.name, claim.env, claim.block)),
    );
    if (downstream.length === 0) return null;
    const known = downstream.map((of) => claim.env.lookup(of.name, claim.block));
    if (known.some((e) => !e || e.kind === 'fn' || (e.kind === 'def' && e.params !== null))) return null;
    const expr = genericOf(downstream, k);
    if (!expr) return null;
    const at = known[0]?.at;
    if (at === undefined) return null;
    readings.push({
      loss,
      of: downstream,
      entry: { kind: 'def', name: loss, expr, params: null, indices: null, diagonal: false, at },
    });
  }
  return readings;
}

/** The loss letters written in a derivative's operand. */
function lossesIn(of: Node, losses: ReadonlySet<string>): SymNode[] {
  const found: SymNode[] = [];
  walk(of, (x) => {
    if (x.kind === 'sym' && losses.has(x.name)) found.push(x);
  });
  return found;
}

/**
 * What a derivative is taken with respect to, as a quantity the text knows: the name written, or,
 * for an entry (∂L/∂y_i) of an array the text knows, that array. Null when it is neither a name nor
 * an entry.
 */
function quantityOf(wrt: Node, claim: Claim): SymNode | null {
  if (wrt.kind !== 'sym') return null;
  if (claim.env.lookup(wrt.name, claim.block) || !wrt.sub || wrt.stem === wrt.name) return wrt;
  if (!claim.env.lookup(wrt.stem, claim.block)) return wrt;
  return { ...wrt, name: wrt.stem, sub: null, subText: null };
}

/** The generic function of `of`, placed where the first of them is written (for messages). */
function genericOf(of: readonly SymNode[], k: number): Node | null {
  const parsed = parseMath(genericText(of.length, k)).statements[0]?.sides[0];
  if (!parsed) return null;
  const where = of[0];
  const place = (n: Node): Node => {
    if (n.kind === 'sym' && n.stem === 'Y' && n.sub?.[0]?.kind === 'num') return of[n.sub[0].value - 1];
    const copy: Record<string, unknown> = { ...n, start: where.start, end: where.end };
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
