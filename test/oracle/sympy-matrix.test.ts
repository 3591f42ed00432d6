// The matrix-calculus family of the SymPy oracle: gradients, Jacobians and Hessians of matrix
// expressions (quadratic and bilinear forms, least squares, traces, determinants, inverses, norms,
// Hadamard products, sigmoid, softmax and tanh Jacobians) written the way documents write them
// (`\frac{\partial}{\partial X}`, `\nabla_x`, `\partial f / \partial X`, `^\top`, `^{-T}`,
// `\operatorname{tr}`, `\log|\det X|`), each with the declarations a document gives and sometimes
// the layout it uses, with near misses (a dropped transpose, swapped factors, a missing factor 2,
// X^{-1} for X^{-T}, a wrong sign). SymPy differentiates the explicit components and judges every
// pair at generic points (test/oracle/sympy/generate_matrix.py, recorded in matrix_claims.json;
// `npm run oracle:sympy-matrix` regenerates it), so the test needs neither Python nor SymPy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type Claim, checkClaim, type Figures, report } from './oracle';

interface Recorded {
  family: string;
  truth: boolean;
  mutation: string | null;
  layout: string | null;
  math: string;
  document: string;
}

const recorded: { seed: number; sympy: string; claims: Recorded[] } = JSON.parse(
  readFileSync(new URL('./sympy/matrix_claims.json', import.meta.url), 'utf8'),
);

/** The share of claims that must be verified or refuted; raise it as the gaps below close. */
const CHECKED_FLOOR = 0.93;

/** An unchecked message without its particulars (names, numbers), so that like counts with like. */
function uncheckedKind(message: string): string {
  const first = message.replace(/^unchecked:\s*/, '').split(/; | — |, where /)[0];
  return first.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, '#').slice(0, 100);
}

const count = recorded.claims.length;

test(`oracle: ${count} matrix-calculus identities and near misses judged by SymPy ${recorded.sympy}`, () => {
  const f: Figures = { claims: 0, verified: 0, refuted: 0, unchecked: 0, wrong: 0, outcomes: [] };
  const kinds = new Map<string, number>();
  recorded.claims.forEach((r, index) => {
    const claim: Claim = { index, ...r };
    const o = checkClaim(claim);
    f.claims++;
    f[o.verdict]++;
    if (o.wrong) f.wrong++;
    f.outcomes.push(o);
    if (o.verdict === 'unchecked')
      kinds.set(uncheckedKind(o.message), (kinds.get(uncheckedKind(o.message)) ?? 0) + 1);
  });
  const kindLines = [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  unchecked ×${n}: ${k}`);
  const figures = report(f, `SymPy matrix-calculus oracle (seed ${recorded.seed})`);
  const text = `${figures}\n${kindLines.join('\n')}`;
  console.log(text);
  assert.equal(f.wrong, 0, `wrong verdicts:\n${text}`);
  const checked = f.verified + f.refuted;
  assert.ok(checked >= CHECKED_FLOOR * f.claims, `only ${checked} of ${f.claims} checked:\n${text}`);
});
