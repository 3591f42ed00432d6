// Section 2: per-claim checking time. Each sample document is read and modelled once; then every
// claim is checked on its own (checkClaim, the function checkText maps over the claims) several
// times, 20 trials each, and the median time of each claim is kept.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, loadLib, median, now, quantile } from './common.mjs';

export const JACOBIAN_DOC = String.raw`# Residual block, 64 wide

Let $W_1, W_2 \in \mathbb{R}^{n \times n}$ with $n \in \{64\}$, and $X_0 \in \mathbb{R}^{n}$.

$$X_1 = W_2 \text{ReLU}(W_1 X_0) + X_0$$

<!-- derive
D := \operatorname{diag}(W_1 X_0 > 0)
-->

$$\frac{\partial X_1}{\partial X_0} = W_2 D W_1 + I$$
`;

export function sampleDocuments() {
  const dirs = [join(ROOT, 'samples'), join(ROOT, 'test', 'fixtures')];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => join(d, f)),
  );
}

function claimTimes(L, text, runs) {
  const read = L.readDocument(text, 'markdown');
  const model = L.buildModel(read, text, { trials: 20 });
  const opts = { timeBudgetMs: 250, collectSamples: false };
  return model.claims.map((c) => {
    const first = L.checkClaim(c, text, opts); // warm-up, and the verdict
    const times = [];
    for (let r = 0; r < runs; r++) {
      const t = now();
      L.checkClaim(c, text, opts);
      times.push(now() - t);
    }
    return {
      text: first.text.replace(/\s+/g, ' ').slice(0, 60),
      verdict: first.verdict,
      trials: first.trials,
      ms: median(times),
    };
  });
}

export function runCheck({ quick = false } = {}) {
  const L = loadLib();
  const runs = quick ? 3 : 5;
  const perDoc = [];
  const all = [];
  for (const file of sampleDocuments()) {
    const text = readFileSync(file, 'utf8');
    const claims = claimTimes(L, text, runs);
    // The whole document through checkText too (read + model + every claim), median of runs.
    const whole = [];
    for (let r = 0; r < runs; r++) {
      const t = now();
      L.checkText(text, 'markdown', { trials: 20 });
      whole.push(now() - t);
    }
    perDoc.push({
      file: relative(ROOT, file),
      claims: claims.length,
      checkTextMs: median(whole),
      medianClaimMs: median(claims.map((c) => c.ms)),
    });
    for (const c of claims) all.push({ file: relative(ROOT, file), ...c });
  }
  const ms = all.map((c) => c.ms);
  const evaluated = all.filter((c) => c.trials > 1);
  const slowest = [...all].sort((a, b) => b.ms - a.ms).slice(0, 5);

  const jac = claimTimes(L, JACOBIAN_DOC, quick ? 5 : 11);
  const jacClaim = jac[jac.length - 1];
  const jacWhole = [];
  for (let r = 0; r < (quick ? 3 : 5); r++) {
    const t = now();
    L.checkText(JACOBIAN_DOC, 'markdown', { trials: 20 });
    jacWhole.push(now() - t);
  }

  return {
    claims: all.length,
    medianMs: median(ms),
    p95Ms: quantile(ms, 0.95),
    evaluatedClaims: evaluated.length,
    evaluatedMedianMs: median(evaluated.map((c) => c.ms)),
    evaluatedP95Ms: quantile(
      evaluated.map((c) => c.ms),
      0.95,
    ),
    verdicts: Object.fromEntries(
      ['verified', 'refuted', 'unchecked']
        .map((v) => [v, all.filter((c) => c.verdict === v).length])
        .filter(([, n]) => n > 0),
    ),
    perDoc,
    slowest,
    jacobian: {
      claimMs: jacClaim.ms,
      verdict: jacClaim.verdict,
      trials: jacClaim.trials,
      checkTextMs: median(jacWhole),
    },
  };
}
