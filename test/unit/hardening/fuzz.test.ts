// Bounded, seeded fuzz run for `npm test` (a few seconds). The long run: `npm run fuzz`.
import { registerFuzzSuite } from '../../fuzz/suite';

registerFuzzSuite({ label: 'bounded fuzz', cheap: 1000, full: 80, stress: 4, precision: 40, seed: 20240611 });
