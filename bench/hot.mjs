// Small, single-purpose workloads to profile the missed targets one at a time:
//   node --cpu-prof --cpu-prof-dir=bench/profiles/hot-jacobian bench/hot.mjs jacobian
//   node bench/profile.mjs bench/profiles/hot-jacobian --top 15 [--callers matmul]
// Scenarios: engine-small (the three expressions at n = 4), engine-large (n = 256), jacobian (the
// 64-wide residual Jacobian claim), monte-carlo (the variance claims of the batch-norm sample), read
// (readDocument of the 1,000-claim document), check-1000 (checkText of it, as the server's worker
// runs it, with hover samples), edit-250 / -1000 / -4000 (the worker's path on a held-out style
// document: one full check with its caches, then one-line edits).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLib } from './build.mjs';
import { ROOT, loadLib, markdownJob, now, workerContext } from './common.mjs';
import { EXPRESSIONS } from './engine.mjs';
import { JACOBIAN_DOC } from './check.mjs';
import { generateDocument } from './gen.mjs';
import { editedCount, realisticDocument } from './realistic.mjs';

const scenario = process.argv[2];
const seconds = Number(process.argv[3] ?? 3);
await buildLib();
const L = loadLib();
const { E } = L;
const until = now() + seconds * 1000;
let count = 0;

function engine(n) {
  const fns = EXPRESSIONS.map((ex) => {
    const x = {};
    for (const [k, sh] of Object.entries(ex.inputs(n))) {
      const size = sh.reduce((a, b) => a * b, 1);
      x[k] = E.Tensor.from(
        sh,
        Array.from({ length: size }, (_, i) => Math.sin(i + 1) / 2),
      );
    }
    return ex.engine(E, x, n);
  });
  while (now() < until) {
    for (const f of fns) f();
    count++;
  }
}

switch (scenario) {
  case 'engine-small':
    engine(4);
    break;
  case 'engine-large':
    engine(256);
    break;
  case 'jacobian': {
    const model = L.buildModel(L.readDocument(JACOBIAN_DOC, 'markdown'), JACOBIAN_DOC, { trials: 20 });
    const claim = model.claims[model.claims.length - 1];
    while (now() < until) {
      L.checkClaim(claim, JACOBIAN_DOC, { timeBudgetMs: 10_000, collectSamples: false });
      count++;
    }
    break;
  }
  case 'read': {
    const { text } = generateDocument(1000);
    while (now() < until) {
      L.readDocument(text, 'markdown');
      count++;
    }
    break;
  }
  case 'check-1000': {
    const { text } = generateDocument(1000);
    while (now() < until) {
      L.checkText(text, 'markdown', { collectSamples: true });
      count++;
    }
    break;
  }
  case 'edit-250':
  case 'edit-1000':
  case 'edit-4000': {
    // The server worker's path: one full check with its caches, then one-line edits in the middle.
    const doc = realisticDocument(Number(scenario.slice('edit-'.length)));
    const lines = doc.text.split('\n');
    const context = workerContext(L);
    const job = markdownJob;
    L.runCheck(job(doc.text), context);
    const fullUntil = now() + seconds * 1000;
    const line = doc.editLines[Math.floor(doc.editLines.length / 2)];
    // The full check above is not counted: the figure is the cost of one edit.
    while (now() < fullUntil) {
      lines[line] = editedCount(lines[line], count);
      L.runCheck(job(lines.join('\n')), context);
      count++;
    }
    break;
  }
  case 'monte-carlo': {
    // The variance claims of samples/cnn-batchnorm-relu.md, each estimated from 1,000 draws of a
    // matrix and a vector of normals per trial and index value (§4's costliest claims).
    const text = readFileSync(join(ROOT, 'samples', 'cnn-batchnorm-relu.md'), 'utf8');
    const model = L.buildModel(L.readDocument(text, 'markdown'), text, {});
    const opts = { timeBudgetMs: 10_000, collectSamples: false };
    const claims = model.claims.filter((c) => /Var/.test(L.checkClaim(c, text, opts).text));
    // Timed from here: finding the claims (one check each) is the warm-up.
    const end = now() + seconds * 1000;
    while (now() < end) {
      for (const c of claims) L.checkClaim(c, text, opts);
      count++;
    }
    break;
  }
  default:
    console.error(
      'scenarios: engine-small, engine-large, jacobian, monte-carlo, read, check-1000, edit-250, ' +
        'edit-1000, edit-4000',
    );
    process.exit(2);
}
console.log(
  `${scenario}: ${count} iterations in ${seconds} s, ${((seconds * 1000) / count).toFixed(3)} ms each`,
);
