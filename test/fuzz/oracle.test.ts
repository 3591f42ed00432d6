// The long differential run against mathjs: `npm run fuzz`. ORACLE_CLAIMS=N changes the number
// of claims, ORACLE_SEED=S the seed; ORACLE_ENABLE=name,… tries the generator features that are
// off (see Switches in test/oracle/oracle.ts). The bounded run is test/oracle/oracle.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { report, runOracle, switchesFromEnv } from '../oracle/oracle';

const env = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return process.env[name] && Number.isInteger(n) && n > 0 ? n : fallback;
};
const claims = env('ORACLE_CLAIMS', 3000);
const seed = env('ORACLE_SEED', 1);

test(`oracle ×${claims}: identities and near misses printed by mathjs toTex(), seed ${seed}`, () => {
  const f = runOracle(seed, claims, switchesFromEnv());
  const text = report(f, `oracle (seed ${seed})`);
  console.log(text);
  assert.equal(f.wrong, 0, `wrong verdicts:\n${text}`);
  assert.ok(
    f.verified + f.refuted >= 0.95 * f.claims,
    `only ${f.verified + f.refuted} of ${f.claims} checked:\n${text}`,
  );
});
