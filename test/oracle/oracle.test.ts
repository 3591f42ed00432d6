// The bounded differential run against mathjs (issue 9), part of `npm test`: a fixed seed, a few
// hundred claims, no wrong verdict, at least 95% of the claims checked. The long run is
// test/fuzz/oracle.test.ts (`npm run fuzz`). ORACLE_SEED replays another seed;
// ORACLE_ENABLE / ORACLE_DISABLE turn generator features on or off (see Switches in oracle.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { report, runOracle, switchesFromEnv } from './oracle';

const CLAIMS = 360;
const seed = Number.isInteger(Number(process.env.ORACLE_SEED)) && process.env.ORACLE_SEED ? Number(process.env.ORACLE_SEED) : 20261201;

test(`oracle: ${CLAIMS} identities and near misses printed by mathjs toTex(), seed ${seed}`, () => {
  const sw = switchesFromEnv();
  const f = runOracle(seed, CLAIMS, sw);
  const text = report(f, `oracle (seed ${seed})`);
  console.log(text);
  assert.equal(f.claims, CLAIMS);
  assert.equal(f.wrong, 0, `wrong verdicts:\n${text}`);
  assert.ok(f.verified + f.refuted >= 0.95 * f.claims, `only ${f.verified + f.refuted} of ${f.claims} checked:\n${text}`);
  // Both kinds of claim are really there: the generator is not degenerate.
  assert.ok(f.outcomes.filter((o) => o.claim.truth).length >= 0.3 * CLAIMS);
  assert.ok(f.outcomes.filter((o) => !o.claim.truth).length >= 0.3 * CLAIMS);
});
