// The metamorphic property (test/fuzz/metamorphic.ts), registered with a number of runs: bounded
// and seeded in `npm test` (test/unit/hardening/metamorphic.test.ts), longer in `npm run fuzz`
// (test/fuzz/metamorphic.test.ts). FUZZ_SEED replays a run, FUZZ_RUNS changes the long run's size;
// METAMORPHIC_SHARED=1 also draws from the shared corpus when it is present beside the checkout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import {
  describe,
  metamorphicDifference,
  metamorphicDocuments,
  shrinkDifference,
  sharedCorpus,
  TRANSFORMATIONS,
} from './metamorphic';
import { recordedSeed } from './properties';

export function registerMetamorphicSuite(o: { label: string; runs: number; seed?: number }): void {
  const seedEnv = Number(process.env.FUZZ_SEED);
  const seed = Number.isInteger(seedEnv) ? seedEnv : (o.seed ?? recordedSeed());
  const shared = process.env.METAMORPHIC_SHARED === '1';
  if (shared && !existsSync(sharedCorpus))
    throw new Error(`METAMORPHIC_SHARED=1 but no corpus at ${sharedCorpus}`);
  const docs = metamorphicDocuments(1500, shared);
  const cache = new Map();
  const applied = new Map<string, number>();

  const title = `${o.label}: rewrites keeping the mathematics keep verdicts, perturbed identities lose them`;
  test(`${title} (seed ${seed})`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...docs),
        fc.constantFrom(...TRANSFORMATIONS),
        fc.nat(1 << 20),
        (doc, t, r) => {
          const { applied: done, difference } = metamorphicDifference(doc, t, r, cache);
          if (done) applied.set(t.name, (applied.get(t.name) ?? 0) + 1);
          if (!difference) return;
          const small = shrinkDifference(doc, t, r) ?? difference;
          assert.fail(describe(small));
        },
      ),
      { numRuns: o.runs, seed, includeErrorInReport: true, endOnFailure: true },
    );
    // A property that never applied its rewrites asserts nothing: most must have found a place.
    const used = TRANSFORMATIONS.filter((t) => (applied.get(t.name) ?? 0) > 0).length;
    console.log(
      `${o.label}: ${docs.length} documents; rewrites applied: ` +
        TRANSFORMATIONS.map((t) => `${t.name} ×${applied.get(t.name) ?? 0}`).join(', '),
    );
    // Some rewrites fit few documents (bold needs a declared letter and no bold anywhere): most must.
    const needed = Math.min(Math.ceil(TRANSFORMATIONS.length * 0.75), Math.floor(o.runs / 8));
    assert.ok(used >= needed, `only ${used} rewrites applied (at least ${needed} should have been)`);
  });
}
