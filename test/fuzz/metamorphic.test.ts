// The long metamorphic run: `npm run fuzz` (FUZZ_RUNS=N runs, FUZZ_SEED=S replays). The bounded
// version runs in `npm test` (test/unit/hardening/metamorphic.test.ts).
import { registerMetamorphicSuite } from './metamorphicSuite';
import { runs } from './properties';

const n = runs(1000);
registerMetamorphicSuite({ label: `metamorphic ×${Math.round(n / 5)}`, runs: Math.round(n / 5) });
