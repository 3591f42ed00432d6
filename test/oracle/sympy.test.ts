// The differential run against a second oracle this project did not write: SymPy. Its LaTeX
// printer is the one behind most computer-algebra output pasted into notes (`\log{\left(x
// \right)}`, `\frac{d}{d x}`, `\operatorname{asinh}`, `\int\limits_{0}^{1}`, `\sum_{k=1}^{n}`), and
// its identities come from expand, factor, rewrite, diff, integrate and summation. The pairs and
// SymPy's numerical judgement (mpmath, 30 digits) are recorded in sympy/claims.json by
// sympy/generate.py, so this test needs neither Python nor SymPy; `npm run oracle:sympy`
// regenerates the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type Claim, checkClaim, type Figures, report } from './oracle';

interface Recorded {
  family: string;
  truth: boolean;
  mutation: string | null;
  declare: string | null;
  math: string;
}

const recorded: { seed: number; sympy: string; claims: Recorded[] } = JSON.parse(
  readFileSync(new URL('./sympy/claims.json', import.meta.url), 'utf8'),
);

function asDocument(r: Recorded): string {
  const directive = r.declare ? `<!-- derive: ${r.declare} -->\n\n` : '';
  return `${directive}$$ ${r.math} $$\n`;
}

const count = recorded.claims.length;
const title = `oracle: ${count} identities and near misses printed by SymPy ${recorded.sympy}`;

test(title, () => {
  const f: Figures = { claims: 0, verified: 0, refuted: 0, unchecked: 0, wrong: 0, outcomes: [] };
  recorded.claims.forEach((r, index) => {
    const claim: Claim = { index, ...r, document: asDocument(r) };
    const o = checkClaim(claim);
    f.claims++;
    f[o.verdict]++;
    if (o.wrong) f.wrong++;
    f.outcomes.push(o);
  });
  const text = report(f, `SymPy oracle (seed ${recorded.seed})`);
  console.log(text);
  assert.equal(f.wrong, 0, `wrong verdicts:\n${text}`);
  assert.ok(f.verified + f.refuted >= 0.9 * f.claims, `only ${f.verified + f.refuted} checked:\n${text}`);
});
