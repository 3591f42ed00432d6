// Section 5: full-check time (checkText in-process, as a worker runs it) for generated documents
// of growing size; the edit latency for the same sizes comes from lsp.mjs.
import { generateDocument } from './gen.mjs';
import { loadLib, median, now } from './common.mjs';

export const SCALING_SIZES = [250, 500, 1000, 2000];

export function runScalingCheck({ quick = false } = {}) {
  const L = loadLib();
  const runs = quick ? 2 : 3;
  L.checkText(generateDocument(100).text, 'markdown', { collectSamples: true }); // warm-up
  return SCALING_SIZES.map((claims) => {
    const { text } = generateDocument(claims);
    const times = [];
    let n = 0;
    for (let r = 0; r < runs; r++) {
      const t = now();
      n = L.checkText(text, 'markdown', { collectSamples: true }).claims.length;
      times.push(now() - t);
    }
    const ms = median(times);
    return { claims: n, fullCheckMs: ms, perClaimUs: (ms / n) * 1000 };
  });
}
