// "$s = (2, 0)$ and $\tau = 1$ give $p_1 = \sigma(2)$." — then, in the next paragraph, "Someone
// asked about $\tau = 2$: then $p_1 = \sigma(1)$." The example's s ended with its paragraph, so the
// claim is checked with s sampled and fails; but its author carried the example on. A refutation
// that the ended value turns into a verification is not one a careful reader would make: the
// claim is left unchecked, naming the value and how to state it where it is needed.
import type { Claim, Entry } from '../../model/types';
import type { Outcome } from '../claim';
import { relevantNames } from '../relevant';
import { isWorkedStep } from './workedStep';
import { isConstantFormula, isLiteralValue, isNumericFormula, isNumericLiteral } from '../../model/names';
import { uncheckedOutcome } from './outcomes';
import { snippet } from './generic';
import { printNode } from '../../math/print';
import { walk } from '../../model/names';
import type { Node } from '../../math/tree';

/**
 * Values and formulas from running text that have ended, for the names the claim uses — sizes too:
 * "$X \in \mathbb{R}^{B \times T \times d}$ with $B = 32$, …" in a problem's statement, then
 * "(b) $B h T^2 = 6{,}291{,}456$" in its answer, fails with the sizes drawn again but is the
 * statement's example carried on.
 */
export function endedValuesOf(claim: Claim): Entry[] {
  const out: Entry[] = [];
  for (const name of relevantNames(claim)) {
    const e = claim.env.endedValue(name, claim.block);
    if (e) out.push(e);
  }
  return out;
}

/** The ended values with which the claim holds (one, when one is enough), and that verification. */
function heldWith(
  claim: Claim,
  check: (claim: Claim) => Outcome,
  all: Entry[],
): { ended: Entry[]; outcome: Outcome } | null {
  if (all.length === 0) return null;
  const checkWith = (entries: Entry[]) => check(withEnded(claim, entries));
  // Name only what the claim needs: one value, when one is enough.
  if (all.length > 1 && all.length <= 4)
    for (const e of all) {
      const outcome = checkWith([e]);
      if (outcome.verdict === 'verified') return { ended: [e], outcome };
    }
  const outcome = checkWith(all);
  return outcome.verdict === 'verified' ? { ended: all, outcome } : null;
}

/** How many earlier numbers of a name, and names, are tried (each a check of the claim). */
const EARLIER_NUMBERS = 3;
const EARLIER_NAMES = 4;

/**
 * "With $D = 784$" in part (a), "for example, with $D = 3$" in part (c), then "(d) $pD = 627.2$": the
 * most recent ended number is the example's, which does not make the claim hold, but the problem's
 * own number behind it does. The claim checked with each earlier number of one name that only
 * examples followed (the others at their most recent), and the first that makes it hold.
 */
function heldByEarlierNumber(
  claim: Claim,
  check: (claim: Claim) => Outcome,
): { ended: Entry[]; outcome: Outcome } | null {
  const latest = endedValuesOf(claim);
  const names = [...relevantNames(claim)].slice(0, EARLIER_NAMES);
  // "Small example: $V = 3$, $d = 2$" after the problem's $V = 32000$, $d = 512$: the example gave
  // several names at once, and the setting behind it is the one each of them had before it.
  const behind = names.map((name) => {
    const all = claim.env.endedValues(name, claim.block);
    return all[0]?.example === true ? all.find((e) => e.example !== true) : undefined;
  });
  if (behind.filter(Boolean).length > 1) {
    const setting = latest.map((e) => behind[names.indexOf(e.name)] ?? e);
    const outcome = check(withEnded(claim, setting));
    if (outcome.verdict === 'verified') return { ended: behind.filter((e) => e !== undefined), outcome };
  }
  for (const name of names) {
    const seen = new Set<string>();
    const earlier = claim.env.endedValues(name, claim.block).filter((e) => {
      const key = printNode((e as { expr: Node }).expr);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    // Only behind numbers given as examples: a later setting's number ("next paragraph: $a = 5$")
    // replaced the earlier one, and a claim that holds only with that one is refuted as before.
    const behindExamples = earlier.findIndex((e) => e.example !== true);
    const tried = earlier.slice(1, behindExamples < 0 ? earlier.length : behindExamples + 1);
    for (const e of tried.slice(0, EARLIER_NUMBERS)) {
      const ended = [...latest.filter((x) => x.name !== name), e];
      const outcome = check(withEnded(claim, ended));
      if (outcome.verdict === 'verified') return { ended: [e], outcome };
    }
  }
  return null;
}

// A value reached along two ways (the claim, and a formula it uses) is named once.
const valuesNamed = (ended: Entry[]) =>
  [...new Set(ended.map((e) => `\`${snippet(e.text ?? e.name)}\``))].join(', ');

/**
 * The refuted claim checked again with the ended values in force; unchecked when it then holds,
 * null when it fails that way too (the refutation stands).
 */
export function heldByEndedValues(
  claim: Claim,
  refuted: Outcome,
  check: (claim: Claim) => Outcome,
): Outcome | null {
  const held = heldWith(claim, check, endedValuesOf(claim)) ?? heldByEarlierNumber(claim, check);
  if (!held) return formedWithEndedSizes(claim, refuted, check);
  const { ended } = held;
  const them = ended.length === 1 ? 'it' : 'them';
  return uncheckedOutcome(
    `unchecked: it fails with the values sampled here, but holds with ${valuesNamed(ended)}, ` +
      `which the text gave earlier and whose paragraph or section has ended; state ${them} ` +
      'again here (or in a display, which lasts) to have the claim checked with it',
    { ...refuted, pairs: undefined, shown: undefined },
  );
}

/** A refutation because the shapes do not fit: a shape error, or sides of different shapes. */
function byShapes(o: Outcome): boolean {
  return o.verdict === 'refuted' && (o.code === 'shape' || /the sides have different shapes/.test(o.message));
}

/**
 * "## Regression / Let $X \in \mathbb{R}^{n \times d}$ …" then "## Log-determinants / $\frac{\partial}
 * {\partial X}\log\det X = X^{-1}$": the shapes fail only through a declaration made in a section
 * that has ended, and a careful reader takes the later section's X as an object of its own (square
 * here), not the author's slip. Unchecked, naming the declaration; null for any other refutation.
 */
export function shapedInEndedSection(claim: Claim, refuted: Outcome): Outcome | null {
  const names = claim.declaredInEndedSection;
  if (!names || !byShapes(refuted)) return null;
  const them = names.map((n) => `\`${n}\``).join(', ');
  return uncheckedOutcome(
    `unchecked: the shapes do not fit (${refuted.message.replace(/^(?:refuted|shape error): /, '')}), ` +
      `but ${them} ${names.length === 1 ? 'was' : 'were'} declared in a section that has ended and may ` +
      'mean another object here; declare it again in this section to have the claim checked',
    { ...refuted, pairs: undefined, shown: undefined },
  );
}

/**
 * "**Scalar example.** Take $N = 1$, $A = -a$ …" and, a paragraph on, "$-A^{-1}B = 1/a$" with
 * $A \in \mathbb{R}^{N \times N}$, $B \in \mathbb{R}^{N \times 1}$: drawn again, N makes the sides a
 * vector and a number, a shape error that the example's own size N = 1 removes. A careful reader does
 * not blame the author for shapes that fit with the sizes the text gave: the claim is unchecked,
 * naming them, whatever it then says (its values may need more of the example). Null when the
 * shapes fail with those sizes too (the refutation stands).
 */
function formedWithEndedSizes(
  claim: Claim,
  refuted: Outcome,
  check: (claim: Claim) => Outcome,
): Outcome | null {
  if (!byShapes(refuted)) return null;
  const latest = endedValuesOf(claim).filter((e) => claim.env.isDimension(e.name));
  if (latest.length === 0) return null;
  // A size several examples gave ("Let $A = …$" 2×2 in one problem, "with $x = (1, 2, 2)$" in the
  // next): the shapes may fit the earlier one, which the latest one, tried first, does not.
  const choices = [latest];
  for (const e of latest)
    for (const older of claim.env.endedValues(e.name, claim.block).slice(1, 4))
      choices.push(latest.map((x) => (x === e ? older : x)));
  const sizes = choices.find((set) => !byShapes(check(withEnded(claim, set))));
  if (!sizes) return null;
  const them = sizes.length === 1 ? 'it' : 'them';
  return uncheckedOutcome(
    `unchecked: the shapes do not fit with the sizes sampled here (${refuted.message.replace(
      /^(?:refuted|shape error): /,
      '',
    )}), but they do with ${valuesNamed(sizes)}, which the text gave earlier and whose paragraph or ` +
      `section has ended; state ${them} again here to have the claim checked with ${them}`,
    { ...refuted, pairs: undefined, shown: undefined },
  );
}

/**
 * "Take $x = (1, 2)^\top$" in part (a), then "$z_1 = 0.1 \cdot 1 + 0.2 \cdot 2$" in the next
 * paragraph: a side that computes with written numbers is a step of a worked example, which no
 * general statement about sampled names is; the claim can only be the example carried on. Verified
 * when it holds with the example's ended values, refuted with them as the counterexample when it
 * fails so and the sampled values refuted it too, saying which; null when it cannot be checked that
 * way (the usual rules apply).
 */
export function carriedWorkedExample(
  claim: Claim,
  first: Outcome,
  check: (claim: Claim) => Outcome,
): Outcome | null {
  if (!isWorkedStep(claim.lhs) && !isWorkedStep(claim.rhs)) return null;
  const all = endedValuesOf(claim);
  // `w = 12\,\mathrm{kN/m}` in the given data, then `\frac{wL}{2} = \frac{12 \times 6}{2}`: the step may
  // go on in the units written, as a claim on such letters may (../unitLetters.ts).
  const written = all.map((e) => (e.kind === 'def' && e.unit ? { ...e, expr: e.unit.written } : e));
  const held =
    heldWith(claim, check, all) ??
    (written.some((e, k) => e !== all[k]) ? heldWith(claim, check, written) : null);
  // A slip in the step: its counterexample is the example's own values, not a sample.
  const outcome = held?.outcome ?? (all.length > 0 ? check(withEnded(claim, all)) : null);
  // A refutation only where the sampled values refuted it too: a step that another reading left
  // unchecked (numbers of another setting) may belong to a new example the words set up.
  if (!outcome || outcome.verdict === 'unchecked') return null;
  if (outcome.verdict === 'refuted' && first.verdict !== 'refuted') return null;
  const values = valuesNamed(held?.ended ?? all);
  return {
    ...outcome,
    message: `${outcome.message} (with ${values}, the worked example's values given earlier, carried on)`,
  };
}

/**
 * "Let $P = I - \frac{1}{d}\mathbf{1}\mathbf{1}^\top$ be the centering matrix" under `### Step 2`,
 * then `\sigma^2 = \frac{1}{d} x^\top P x` under `### Step 3`: a name the claim cannot know here
 * (its formula ended with its section) but that an earlier passage or section defined. The claim is
 * verified when it holds with that definition, saying which; null otherwise, and the name stays
 * unknown — a failure may mean the name was meant anew. Only formulas of other names serve: an
 * example's number (`r = 1`) or a point (`t = w`) would make a general claim seem to hold.
 */
export function heldByEarlierDefinitions(claim: Claim, check: (claim: Claim) => Outcome): Outcome | null {
  const held = heldWith(claim, check, endedDefinitionsOf(claim));
  if (!held) return null;
  const { ended, outcome } = held;
  return {
    ...outcome,
    message:
      `${outcome.message} (with ${valuesNamed(ended)}, ` +
      'given earlier in a passage or section that has ended)',
  };
}

/** A definition by a formula of other names (`P = I - \frac{1}{d}\mathbf{1}\mathbf{1}^\top`, `f(x) = x^2`). */
function isStructuralDefinition(e: Entry): e is Extract<Entry, { kind: 'def' }> {
  return e.kind === 'def' && e.expr.kind !== 'sym' && !isConstantFormula(e.expr) && !isLiteralValue(e.expr);
}

/** How many ended formulas one claim may bring back (each may lead to others). */
const ENDED_FORMULAS = 12;

/**
 * What to do with an ended entry met while following a claim's names: leave it out, take it (and,
 * for a formula of other names, follow the names it uses), or give up the whole search.
 */
type Take = 'skip' | 'take' | 'abandon';

/**
 * The ended entries the claim's names reach, and those the taken formulas reach in turn, as `take`
 * decides each; at most ENDED_FORMULAS of them. An example's framed rule ("Example: with $f(x) =
 * x^2$ …") is never taken: a later general rule in f is not about that case.
 */
/** The first members of a listed vector a worked example gives numbers (`\beta_0` to `\beta_9`). */
const LISTED_MEMBERS = 9;

function followEnded(claim: Claim, take: (e: Entry) => Take): Entry[] {
  const out: Entry[] = [];
  const seen = new Set<string>();
  let names = [...relevantNames(claim)];
  while (names.length > 0 && out.length < ENDED_FORMULAS) {
    const next: string[] = [];
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      // A display's formula that still lasts (`M = P\frac{i(1+i)^n}{(1+i)^n - 1}`) keeps the names it
      // uses, whose values may have ended with their passage (i, n): follow them.
      const live = claim.env.lookup(name, claim.block);
      if (live && isStructuralDefinition(live) && live.scope === undefined) {
        const own = new Set([...(live.params ?? []).map((p) => p.name), ...(live.indices ?? [])]);
        const reached = relevantNames({ lhs: live.expr, rhs: live.expr, env: claim.env, block: claim.block });
        for (const n of reached) if (!own.has(n)) next.push(n);
        continue;
      }
      // "For $X = 185$ we get $z = 1.5$", then `P(X > 185) = 0.0668`: a random variable's point value
      // was one outcome, never the variable the claim is about.
      if (live?.kind === 'random') continue;
      // "a schedule $\beta_1, \dots, \beta_T$", its first members given numbers in question 1, then
      // `\mathrm{SNR}(2) = 0.72/0.28` in question 3: the listed vector is read by those members.
      if (live?.kind === 'decl' && live.inferred)
        for (let k = 0; k <= LISTED_MEMBERS; k++) next.push(`${name}_{${k}}`);
      const e = claim.env.endedValues(name, claim.block, true)[0];
      if (!e || out.length >= ENDED_FORMULAS) continue;
      if (e.kind === 'def' && (e.params || e.indices) && e.example) continue;
      const decision = take(e);
      if (decision === 'abandon') return [];
      if (decision === 'skip') continue;
      out.push(e);
      if (!isStructuralDefinition(e)) continue;
      // A function's own parameters and a member rule's index are the rule's, not names to bring back.
      const own = new Set([...(e.params ?? []).map((p) => p.name), ...(e.indices ?? [])]);
      const reached = relevantNames({ lhs: e.expr, rhs: e.expr, env: claim.env, block: claim.block });
      for (const n of reached) if (!own.has(n)) next.push(n);
    }
    names = next;
  }
  return out;
}

/**
 * The ended formulas of other names the claim reaches (see heldByEarlierDefinitions), and those
 * they reach in turn: a slide deck defines `\mu_B`, then `\hat{x}_i = (x_i - \mu_B)/\sigma_B`, and
 * the next slide's `\frac{1}{m}\sum_i \hat{x}_i = 0` needs all three. A function's rule and a
 * member's rule serve as a name's formula does. None under a hypothesis, which the example's values
 * would only seem to meet. A relation read as a condition ("For $\lambda > 0$, $\hat\beta_\lambda = …$,
 * and $\|\hat\beta_\lambda\| \le \|\hat\beta\|$") is verified or left unchecked, never refuted, so
 * an ended formula of other names may serve it as it serves a claim.
 */
export function endedDefinitionsOf(claim: Claim): Entry[] {
  if (claim.assumptions.length > 0) return [];
  return followEnded(claim, (e) => (isStructuralDefinition(e) ? 'take' : 'skip'));
}

/** The env with those formulas in force again. */
export function withEnded(claim: Claim, entries: Entry[]): Claim {
  let env = claim.env;
  for (const e of entries) env = env.with({ ...e, scope: undefined, at: e.at });
  return { ...claim, env };
}

/**
 * A side that states a result in numbers: a number other than 0 and ±1 (`60000`, `2.5`), or a step
 * that computes with written numbers (isWorkedStep). No general statement about letters ends in
 * such a number, so a claim that has one is about particular values.
 */
function statesResult(n: Node): boolean {
  const one = n.kind === 'neg' ? n.operand : n;
  if (isNumericLiteral(one)) return one.kind === 'num' ? one.value !== 0 && one.value !== 1 : true;
  // A vector or matrix of numbers, `(-0.5, -2)`, states a result as a number does, when one of its
  // entries tells (a list of 0s and 1s is as likely a basis vector or a mask as a result).
  if (isLiteralValue(n)) {
    let telling = false;
    walk(n, (x) => {
      if (x.kind === 'num' && x.value !== 0 && x.value !== 1) telling = true;
    });
    return telling;
  }
  return isWorkedStep(n) || (isNumericFormula(n) && !isLiteralValue(n));
}

/**
 * The values and formulas, ended, that the claim's names reach, and those the formulas reach in
 * turn (a quiz's `F = ma` of question 1 and the m and a it gave). A value that lasted one sentence —
 * "If $b = 2$ then …", "evaluated at $t = 1$" — was a hypothesis or a point, never data the text
 * goes on with: none is carried then.
 */
function endedReached(claim: Claim): Entry[] {
  return followEnded(claim, (e) => {
    if (e.kind !== 'def' && e.kind !== 'case') return 'skip';
    const sentenceLong = e.scope === e.framedIn || (e.kind === 'def' && e.scope === e.sentence);
    return e.scope !== undefined && sentenceLong ? 'abandon' : 'take';
  });
}

/**
 * "**1.** A car of mass $m = 1200$ kg … $F = ma = 2400$ N. **2.** At $v = 10$ m/s the power is
 * $P = Fv = 24000$ W. **3.** … $\frac{1}{2} m v^2 = 60000$ J": a quiz key's questions go on with the
 * data the earlier ones gave, and a result in numbers that holds with those values (and only a
 * coincidence would make it hold with others) is that data carried on. Verified, naming the values;
 * null when the claim states no result in numbers, is under a condition, or fails with them too.
 */
export function carriedResult(claim: Claim, check: (claim: Claim) => Outcome): Outcome | null {
  if (claim.condition || claim.assumptions.length > 0) return null;
  // An inequality's number is a threshold (`\beta_1 < 0.9995`), which no value of the letter states.
  if (claim.op !== '=' && claim.op !== '\\approx') return null;
  if (!statesResult(claim.lhs) && !statesResult(claim.rhs)) return null;
  const ended = endedReached(claim);
  if (ended.length === 0) return null;
  const outcome = check(withEnded(claim, ended));
  if (outcome.verdict !== 'verified') return null;
  return {
    ...outcome,
    message:
      `${outcome.message} (with ${valuesNamed(ended)}, given earlier in a passage or section that ` +
      'has ended, carried on)',
  };
}

/**
 * "$$n = \frac{m}{M} = \frac{10.0}{44.10} = 0.2268 \text{ mol}$$", then "$n_{CO_2} = 3n = 0.6804$": the
 * definition states the name's value rounded, and the text goes on with that value. A refutation
 * that the stated decimal, within its rounding, turns into a verification is the author computing
 * with the value as written: verified, naming it. Null when no name the claim uses has such a
 * stated value, or the claim fails with them too.
 */
export function heldByStatedValues(claim: Claim, check: (claim: Claim) => Outcome): Outcome | null {
  // Only a formula of the names and whole numbers against a result: a decimal written beside the
  // names (`1.2\sigma = 12.5`) would be read rounded too, and the roundings together excuse a slip.
  const decimal = (n: Node) => {
    let found = false;
    walk(n, (x) => {
      if (x.kind === 'num' && x.text.includes('.')) found = true;
    });
    return found;
  };
  if (decimal(claim.lhs) && decimal(claim.rhs)) return null;
  if (!isNumericLiteral(claim.rhs) && !isNumericLiteral(claim.lhs)) return null;
  const stated: Entry[] = [];
  const named: string[] = [];
  for (const name of relevantNames(claim)) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind !== 'def' || e.params !== null || e.indices !== null || isLiteralValue(e.expr)) continue;
    if (!e.stated) continue;
    stated.push({ ...e, expr: e.stated, measured: true });
    named.push(`\`${name} = ${printNode(e.stated)}\``);
  }
  if (stated.length === 0) return null;
  let env = claim.env;
  for (const e of stated) env = env.with(e);
  const outcome = check({ ...claim, env });
  if (outcome.verdict !== 'verified') return null;
  return {
    ...outcome,
    message: `${outcome.message} (with ${named.join(', ')}, the value its definition states, rounded)`,
  };
}
