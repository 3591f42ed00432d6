import { runOracle, report } from './oracle';
const n = Number(process.argv[2] ?? 200); const seed = Number(process.argv[3] ?? 1);
const t0 = performance.now();
const f = runOracle(seed, n);
console.log(report(f, 'oracle'));
console.log(((performance.now() - t0) / 1000).toFixed(1), 's');
