// Bounded, seeded metamorphic run for `npm test` (well under 20 s). The long run: `npm run fuzz`.
import { registerMetamorphicSuite } from '../../fuzz/metamorphicSuite';

registerMetamorphicSuite({ label: 'bounded metamorphic', runs: 32, seed: 20261203 });
