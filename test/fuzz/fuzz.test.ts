// The long fuzz run: `npm run fuzz` (FUZZ_RUNS=N to change the number of runs, FUZZ_SEED=S to
// replay a failure). The bounded version runs in `npm test` (test/unit/hardening/fuzz.test.ts).
import { registerFuzzSuite } from './suite';
import { runs } from './properties';

const n = runs(1000);
const stress = Math.max(10, Math.round(n / 10));
registerFuzzSuite({ label: `fuzz ×${n}`, cheap: n * 5, full: n, stress, precision: Math.round(n / 5) });
