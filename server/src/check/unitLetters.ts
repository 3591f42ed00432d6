// Letters given a value in a unit (`R = 10\,\mathrm{k\Omega}`, `C = 4.7\,\mu\text{F}`, `g = 9.8\,
// \mathrm{m/s^2}`) stand for their number in the coherent SI unit (model/build.ts), so a formula in
// such letters is in the coherent unit of its result: `\tau = RC = 47\,\text{ms}` is 0.047 s on both
// sides. A number written without a unit beside such a formula may be in another unit — the author
// may go on in the units written (`I = V/R = 0.5` in mA with R in kΩ) — so it never refutes: the
// claim is then also read with the letters as the numbers written, and is otherwise unchecked.
import type { Node } from '../math/tree';
import { walk } from '../model/names';
import type { Claim, Entry } from '../model/types';

export interface UnitLetter {
  word: string;
  kind: string;
  written: Node;
}

type DefEntry = Extract<Entry, { kind: 'def' }>;

function plainDef(claim: Claim, name: string): DefEntry | null {
  const e = claim.env.lookup(name, claim.block);
  return e?.kind === 'def' && e.params === null && e.indices === null ? e : null;
}

/** The names a formula uses (`V_s`, not the label s under it). */
function namesOf(n: Node): string[] {
  const out = new Set<string>();
  const labels = new Set<Node>();
  walk(n, (x) => {
    if (x.kind === 'sym') for (const y of x.sub ?? []) walk(y, (z) => labels.add(z));
  });
  walk(n, (x) => {
    if (x.kind === 'sym' && !labels.has(x) && x.name !== '\\pi' && x.name !== 'e') out.add(x.name);
  });
  return [...out];
}

/** The letters given a value in a unit that the claim reaches, through the definitions it uses. */
export function unitLettersOf(claim: Claim): Map<string, UnitLetter> {
  const found = new Map<string, UnitLetter>();
  const seen = new Set<string>();
  const visit = (n: Node, depth: number, bound: readonly string[] = []) => {
    if (depth > 12) return;
    for (const name of namesOf(n)) {
      if (seen.has(name) || bound.includes(name)) continue;
      seen.add(name);
      // `y(5)` after `y(t) = y_0 e^{-\lambda t}` with `y_0 = 100` mg: the letters of a function's rule
      // (not its parameters) are reached through the call.
      const e = claim.env.lookup(name, claim.block);
      if (e?.kind === 'def' && e.params !== null && e.indices === null) {
        visit(
          e.expr,
          depth + 1,
          e.params.map((p) => p.name),
        );
        continue;
      }
      const def = plainDef(claim, name);
      if (!def) continue;
      if (def.unit) found.set(name, def.unit);
      else visit(def.expr, depth + 1);
    }
  };
  visit(claim.lhs, 0);
  visit(claim.rhs, 0);
  return found;
}

/** Whether a unit letter's value was written in a prefixed or other non-coherent unit (kΩ, min). */
export function prefixedLetters(claim: Claim, letters: Map<string, UnitLetter>): string[] {
  return [...letters.keys()].filter((name) => {
    const def = plainDef(claim, name);
    return def !== null && def.unit !== undefined && def.expr !== def.unit.written;
  });
}

/**
 * A side that is a formula in unit letters only (`RC`, `\tau \ln 2`, `\frac{1}{2\pi R_2 C_2}`), so in
 * the coherent unit of its result: its written numbers are small whole constants (2, 4, π), its names
 * letters given a value in a unit or defined from such letters.
 */
export function inLetterUnits(side: Node, claim: Claim, depth = 0): boolean {
  if (depth > 12) return false;
  let constants = true;
  walk(side, (x) => {
    if (x.kind === 'num' && !(Number.isInteger(x.value) && Math.abs(x.value) < 100 && !/[.e]/.test(x.text)))
      constants = false;
    if (x.kind === 'pow' && x.base.kind === 'num' && x.base.value === 10) constants = false;
  });
  const names = namesOf(side);
  if (!constants || names.length === 0) return false;
  return names.every((name) => {
    const def = plainDef(claim, name);
    if (!def) return false;
    return def.unit !== undefined || inLetterUnits(def.expr, claim, depth + 1);
  });
}

/**
 * The claim with its unit letters standing for the numbers written (R for 10 after `R = 10\,
 * \mathrm{k\Omega}`), when that reading is consistent: letters measuring the same kind of thing were
 * all written in one unit (not R₁ in kΩ beside R₂ in Ω, whose written numbers cannot be added).
 * Null when it is not, or when no letter was written in a prefixed unit.
 */
export function asWrittenClaim(claim: Claim, letters: Map<string, UnitLetter>): Claim | null {
  const prefixed = prefixedLetters(claim, letters);
  if (prefixed.length === 0) return null;
  const wordOfKind = new Map<string, string>();
  for (const u of letters.values()) {
    const word = wordOfKind.get(u.kind);
    if (word !== undefined && word !== u.word) return null;
    wordOfKind.set(u.kind, u.word);
  }
  let env = claim.env;
  for (const name of letters.keys()) {
    const def = plainDef(claim, name)!;
    env = env.with({ ...def, expr: def.unit!.written });
  }
  return { ...claim, env };
}
