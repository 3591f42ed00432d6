// The bounded differential run against mathjs (issue 9), part of `npm test`: a fixed seed, a few
// hundred claims, no wrong verdict, at least 95% of the claims checked. The long run is
// test/fuzz/oracle.test.ts (`npm run fuzz`). ORACLE_SEED replays another seed;
// ORACLE_ENABLE / ORACLE_DISABLE turn generator features on or off (see Switches in oracle.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivativeCheckText, judgeText, report, runOracle, switchesFromEnv } from './oracle';

const CLAIMS = 360;
const seed =
  Number.isInteger(Number(process.env.ORACLE_SEED)) && process.env.ORACLE_SEED
    ? Number(process.env.ORACLE_SEED)
    : 20261201;

test(`oracle: ${CLAIMS} identities and near misses printed by mathjs toTex(), seed ${seed}`, () => {
  const sw = switchesFromEnv();
  const f = runOracle(seed, CLAIMS, sw);
  const text = report(f, `oracle (seed ${seed})`);
  console.log(text);
  assert.equal(f.claims, CLAIMS);
  assert.equal(f.wrong, 0, `wrong verdicts:\n${text}`);
  assert.ok(
    f.verified + f.refuted >= 0.95 * f.claims,
    `only ${f.verified + f.refuted} of ${f.claims} checked:\n${text}`,
  );
  // Both kinds of claim are really there: the generator is not degenerate.
  assert.ok(f.outcomes.filter((o) => o.claim.truth).length >= 0.3 * CLAIMS);
  assert.ok(f.outcomes.filter((o) => !o.claim.truth).length >= 0.3 * CLAIMS);
});

test('the oracle does not lie: it keeps only pairs it has seen hold, or clearly fail, on the domain', () => {
  assert.equal(judgeText('x^2 - y^2', '(x - y)*(x + y)', { x: 'real', y: 'real' }), 'true');
  assert.equal(judgeText('log(x^2)', '2*log(x)', { x: 'pos' }), 'true');
  // Undefined for negative x on one side only: false on ℝ, never "true".
  assert.equal(judgeText('log(x^2)', '2*log(x)', { x: 'real' }), 'false on the domain');
  assert.equal(judgeText('sqrt(x)^2', 'x', { x: 'real' }), 'false on the domain');
  // Holds on half the domain: neither a true identity nor a clear near miss.
  assert.equal(judgeText('sqrt(x^2)', 'x', { x: 'real' }), null);
  assert.equal(judgeText('(x + 1)^2', 'x^2 + 2*x + 2', { x: 'real' }), 'false');
  // A difference within what rounding could explain is no near miss.
  assert.equal(judgeText('x', 'x*(1 + 1e-6)', { x: 'real' }), null);
  // Values too large to compare are not used.
  assert.equal(judgeText('exp(exp(exp(x)))', 'exp(exp(exp(x)))', { x: 'pos' }), null);
  assert.equal(derivativeCheckText('sin(x)*x', 'cos(x)*x + sin(x)', 'x'), true);
  assert.equal(derivativeCheckText('sin(x)*x', 'cos(x)*x', 'x'), false);
});

test('switches: ORACLE_ENABLE and ORACLE_DISABLE name them, and an unknown name is an error', () => {
  assert.equal(switchesFromEnv({ ORACLE_ENABLE: 'decimals' }).decimals, true);
  assert.equal(switchesFromEnv({ ORACLE_DISABLE: 'matrices' }).matrices, false);
  assert.throws(() => switchesFromEnv({ ORACLE_ENABLE: 'everything' }), /unknown switch 'everything'/);
});
