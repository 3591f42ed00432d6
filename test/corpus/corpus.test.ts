// The shared corpus (../shared/corpus beside the checkout; never copied into the repo): every
// document is read AND checked without a crash, at most 3% of math spans are unreadable (a span
// is unreadable when it produced a 'syntax' problem), and the whole corpus takes under 30 s.
// The snippets written for the reading measure (test/corpus/snippets, one folder per style) are
// read the same way: the styles derivcheck reads today are held to the 3% target, the others
// (whose notation other work is making readable) are printed with their rate.
// Run: npm run corpus. The table: node --import tsx scripts/corpus-report.mjs --details
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
// @ts-expect-error — a plain .mjs script, loaded through tsx
import * as corpusReport from '../../scripts/corpus-report.mjs';

const { defaultCorpus, formatDetails, formatTable, runCorpus, snippetsDir } = corpusReport;

const present = existsSync(defaultCorpus);
if (!present)
  console.log(`corpus test skipped: no corpus at ${defaultCorpus} (CI has ../shared beside the checkout)`);

test('corpus: read and check everything — no crash, ≤ 3% unreadable spans, < 30 s', {
  skip: present ? false : `no corpus at ${defaultCorpus}`,
}, () => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const report = runCorpus(defaultCorpus);
  const ms = performance.now() - t0;
  // CPU time bounds it: other programs' load on a shared machine does not add to it.
  const used = process.cpuUsage(c0);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(formatTable(report));
  console.log(
    `wall ${Math.round(ms)} ms, CPU ${Math.round(cpuMs)} ms; ${report.refuted.length} refuted claims ` +
      `(node --import tsx scripts/corpus-report.mjs --details lists them)`,
  );
  assert.deepEqual(report.crashes, [], formatDetails(report));
  for (const group of ['d2l', 'conv_arithmetic', 'cs231n']) {
    assert.ok(report.groups[group]?.files > 0, `${group} documents were checked`);
    assert.ok(report.groups[group].spans > 0, `${group} has math spans`);
  }
  const t = report.total;
  assert.ok(t.verified + t.refuted + t.unchecked > 0, 'claims were checked');
  const share = t.unreadable / t.spans;
  assert.ok(
    share <= 0.03,
    `${t.unreadable} of ${t.spans} spans unreadable (${(100 * share).toFixed(1)}%, limit 3%)`,
  );
  assert.ok(cpuMs < 30_000, `corpus checked in ${Math.round(cpuMs)} ms of CPU (limit 30 s)`);
});

/**
 * Unreadable share per style that must hold now; the styles not listed are printed, not asserted.
 * The one unreadable macros span is probability notation (`\KL(q \,\|\, p)`), not a macro: 3% once
 * that is read.
 */
const SNIPPET_LIMITS: Record<string, number> = {
  'numerics-control-finance': 0.03,
  'conditions-prose': 0.03,
  'arrays-rl-markov': 0.03,
  'laws-prose': 0.03,
  'qc-codes-parts': 0.03,
  'dsp-arrays': 0.03,
  'tex-notes-papers': 0.03,
  'complex-notes': 0.03,
  'numeric-keys-carried': 0.03,
  'chat-paste': 0.03,
  'units3-sci': 0.03,
  'question-units': 0.03,
  'stats-inference': 0.03,
  'stats-voices': 0.03,
  'stats-tables-laws': 0.03,
  'stats-joint-moments': 0.03,
  'stats-sums-chains': 0.03,
  'science-units': 0.03,
  'science-voices': 0.03,
  'calc-voices': 0.03,
  'calc-threads-grids': 0.03,
  'ode-linalg-keys': 0.03,
  'gauss-identities': 0.03,
  'carried-values': 0.03,
  'math-courses': 0.03,
  'problem-scopes': 0.03,
  'intl-notes': 0.03,
  'eng-sci-units': 0.03,
  'sci-notes-2': 0.03,
  'stats-regression': 0.03,
  'function-tables': 0.03,
  'ml-matcalc-voices': 0.03,
  'typesetting-habits': 0.03,
  'ml-backward-voices': 0.03,
  'ml-derivations-2': 0.03,
  'applied-subjects': 0.03,
  'scales-units-money': 0.03,
  'sampling-rounding': 0.03,
  'adversarial-trust-3': 0.03,
  'adversarial-trust-4': 0.03,
  'adversarial-trust-5': 0.03,
  'adversarial-trust-6': 0.03,
  'scope-textbook-worked': 0.03,
  'scope-recitation': 0.03,
  'scope-beamer-pause': 0.03,
  'matcalc-layout-sheet': 0.03,
  'prob-course-tex': 0.03,
  'convex-qp-quarto': 0.03,
  'nla-notes-tex': 0.03,
  'infotheory-2x2-hw': 0.03,
  'taylor-analysis-tex': 0.03,
  'mle-fisher-rmd': 0.03,
  'regression-hat-se': 0.03,
  'tconv-key': 0.03,
  'adamw-student': 0.03,
  'prob-stat-notes': 0.03,
  'norm-exam-key': 0.03,
  'conv-backward-recitation': 0.03,
  'dwsep-sizing': 0.03,
  'iid-homework': 0.03,
  'ta-copies-note': 0.03,
  'init-se-answer': 0.03,
  'init-lecture-tex': 0.03,
  'bn-lecture-notes': 0.03,
  'dropout-recitation': 0.03,
  'quantified-claims': 0.03,
  'scope-voices': 0.03,
  'cv-answer': 0.03,
  'review-sheet': 0.03,
  'bayes-pset': 0.03,
  'proof-voices': 0.03,
  'diffusion-blog': 0.03,
  'mgf-notes': 0.03,
  'score-scribe': 0.03,
  'info-homework': 0.03,
  cas: 0.03,
  macros: 0.03,
  probability: 0.03,
  lectures: 0.03,
  'latex-course': 0.03,
  'math-course': 0.03,
  'beamer-slides': 0.03,
  'exam-class': 0.03,
  'thesis-chapter': 0.03,
  'tufte-handout': 0.03,
  'knitr-rnw': 0.03,
  'es-notes': 0.03,
  'de-homework': 0.03,
  'pt-notes': 0.03,
  'zh-notes': 0.03,
  'ja-notes': 0.03,
  'unicode-paste': 0.03,
  'ed-thread': 0.03,
  'dl-appendix': 0.03,
  'gh-issue': 0.03,
  'reddit-answer': 0.03,
  'interview-prep': 0.03,
  'hw-solutions': 0.03,
  'blog-posenc': 0.03,
  'nb-dl-export': 0.03,
  'api-reference': 0.03,
  'ta-key-latex': 0.03,
  'student-notebook': 0.03,
  'reading-group': 0.03,
  'scribe-shapes': 0.03,
  'signals-hw': 0.03,
  'robotics-lecture': 0.03,
  'mechanics-textbook': 0.03,
  'kinetics-qa': 0.03,
  'physics-formulas': 0.03,
  'rl-lecture-sb': 0.03,
  'rl-mdp-homework': 0.03,
  'info-pset-tex': 0.03,
  'pg-blog': 0.03,
  'info-bandit-key': 0.03,
  'la-textbook': 0.03,
  'gfx-blog': 0.03,
  'la-exam': 0.03,
  'la-student': 0.03,
  'physics-index': 0.03,
  'geometry-worksheet': 0.03,
  'row-vector-recitation': 0.03,
  'opt-slides': 0.03,
  'opt-pset-tex': 0.03,
  'opt-notebook': 0.03,
  'opt-forum': 0.03,
  'opt-student': 0.03,
  'ddpm-tutorial': 0.03,
  'vae-lecture': 0.03,
  'gan-homework': 0.03,
  'gen-appendix': 0.03,
  'elbo-qa': 0.03,
  'cs231n-solutions': 0.03,
  'dl-discussion': 0.03,
  'transformer-lecture-tex': 0.03,
  'optim-notebook': 0.03,
  'norms-blog': 0.03,
  'dl-scratch': 0.03,
  'rnn-se-answer': 0.03,
  'mha-impl-notes': 0.03,
  'mc-cheatsheet': 0.03,
  'mc-lecture-tex': 0.03,
  'mc-homework': 0.03,
  'mc-se-answer': 0.03,
  'mc-appendix': 0.03,
  'mc-blog': 0.03,
  'optim-midterm': 0.03,
  'kalman-lecture': 0.03,
  'prob-pset-tex': 0.03,
  'w2v-derivation': 0.03,
  'diffusion-hw': 0.03,
  'kd-ta-notes': 0.03,
  'flows-lecture-tex': 0.03,
  'llm-budget-nb': 0.03,
  'scaling-blog': 0.03,
  'contrastive-appendix': 0.03,
  'rope-forum': 0.03,
  'moe-recitation': 0.03,
  'lstm-pset-tex': 0.03,
  'wgan-gp-quarto': 0.03,
  'mixed-precision-notes': 0.03,
  'efficient-attention-notes': 0.03,
  'ste-se-answer': 0.03,
  'quant-exam-key': 0.03,
  'calibration-recitation-tex': 0.03,
  'discrete-scratch': 0.03,
  'svm-cnn-exam': 0.03,
  'kernel-beamer': 0.03,
  'gmm-notebook': 0.03,
  'pca-solutions-tex': 0.03,
  'ridge-se-answer': 0.03,
  'logreg-scratch': 0.03,
  'convex-reading-group': 0.03,
  'optim-rubric': 0.03,
  'optim-two-rules': 0.03,
  'hw-part-values': 0.03,
  'laws-geom-sizes': 0.03,
  'ts-lecture-tex': 0.03,
  'or-homework': 0.03,
  'survival-rmd': 0.03,
  'causal-appendix': 0.03,
  'signals-exam': 0.03,
  'epi-course': 0.03,
  'gp-appendix': 0.03,
  'gamma-poisson-pset': 0.03,
  'dpo-reading-note': 0.03,
  'specdec-html-blog': 0.03,
  'rmsnorm-hw-tex': 0.03,
  'lora-design-table': 0.03,
  'ssm-scribe-zoh': 0.03,
  'ppl-jupyter': 0.03,
  'ctc-exam-key': 0.03,
  'roles-exam-key': 0.03,
  'roles-forum-answer': 0.03,
  'roles-peer-review': 0.03,
  'roles-qa-thread': 0.03,
  // Session 18's science, engineering and finance notes (the actuarial key's annuity symbols,
  // `a_{\overline{n}|}`, are not read yet, so it is printed only).
  'lab-vectors': 0.03,
  'chem-worksheet': 0.03,
  'circuits-hw': 0.03,
  'thermo-chapter': 0.03,
  'tvm-lecture': 0.03,
  'popdyn-recitation': 0.03,
  'materials-tex': 0.03,
  'dl-keys-forum': 0.03,
  'backward-by-hand': 0.03,
  'dl-special-cases': 0.03,
  'gen-rl-voices': 0.03,
};
const SNIPPET_TARGET = 0.03;

test('snippets: every style read and checked, no crash, ≤ 3% unreadable in each', () => {
  const report = runCorpus(snippetsDir);
  console.log(formatTable(report));
  assert.deepEqual(report.crashes, [], formatDetails(report));
  const styles = ['probability', 'macros', 'cas', 'lectures', 'latex-course', 'math-course'];
  // LaTeX sources of other kinds; journal-appendix (a gradient at a point, ∇f(x + t(y − x)), and
  // Cov[u | v] are not read yet) is printed, not asserted.
  styles.push(
    'beamer-slides',
    'exam-class',
    'journal-appendix',
    'thesis-chapter',
    'tufte-handout',
    'knitr-rnw',
  );
  // Notes whose prose is not English, and math pasted as Unicode; the scratch notes' mistyped
  // commands and unbalanced brace are unreadable on purpose, so that style is printed only.
  styles.push(
    'es-notes',
    'de-homework',
    'pt-notes',
    'zh-notes',
    'ja-notes',
    'unicode-paste',
    'scratch-notes',
  );
  // Probabilistic ML and statistics: laws named, replaced in words, or not sampled.
  styles.push(
    'cv-answer',
    'review-sheet',
    'bayes-pset',
    'diffusion-blog',
    'mgf-notes',
    'score-scribe',
    'info-homework',
  );
  // Deep-learning coursework in the voices of a forum thread, an API reference, a TA's LaTeX key, a
  // student's notebook, a reading group and scribe notes with tensor shapes.
  styles.push(
    'ed-thread',
    'api-reference',
    'ta-key-latex',
    'student-notebook',
    'reading-group',
    'scribe-shapes',
  );
  // Engineering and physical-science notes; eng-lab and eng-scratch write parallel resistors
  // (`\parallel`) and phasors (`3\angle 0^\circ`), which are not read, so they are printed only.
  styles.push(
    'signals-hw',
    'eng-lab',
    'robotics-lecture',
    'mechanics-textbook',
    'kinetics-qa',
    'physics-formulas',
    'eng-scratch',
  );
  // Discrete mathematics and algorithm analysis: recurrences, sums, counting, asymptotics.
  styles.push('algo-pset', 'clrs-exercise', 'algo-scribe', 'discrete-hw', 'numerics-qa');
  // Reinforcement learning and information theory; the student's notes write "prob of X $= …$" and a
  // dangling `B \to`, unreadable on purpose, so that style is printed only.
  styles.push(
    'rl-lecture-sb',
    'rl-mdp-homework',
    'info-pset-tex',
    'pg-blog',
    'info-bandit-key',
    'rl-student-notes',
  );
  // Statistics and econometrics: worked tests and intervals, a GLS/IV lecture, conjugate updates,
  // an MLE answer key, a student's notes and a regression cheat sheet.
  styles.push(
    'stats101-pset',
    'metrics-lecture',
    'bayes-blog',
    'mle-key',
    'stat-student-notes',
    'reg-cheatsheet',
  );
  // Notes whose claims rest on constraints stated with declarations.
  styles.push('constraint-notes');
  // Linear algebra and geometry in the voices of a textbook, a graphics blog, an exam key, a
  // student's notes, a physics note in index notation, a worksheet in degrees and a recitation
  // with row vectors.
  styles.push(
    'la-textbook',
    'gfx-blog',
    'la-exam',
    'la-student',
    'physics-index',
    'geometry-worksheet',
    'row-vector-recitation',
  );
  // Convex optimisation and duality: lecture slides, a LaTeX problem set, a notebook, a forum answer
  // and a student's notes (Lagrangians, conjugates, prox, rates, LP and SVM duals).
  styles.push('opt-slides', 'opt-pset-tex', 'opt-notebook', 'opt-forum', 'opt-student');
  // Generative models and variational inference; the scratch notes write "score $= …$" with the
  // subject in words, unreadable on purpose, so that style is printed only.
  styles.push('ddpm-tutorial', 'vae-lecture', 'gan-homework', 'gen-appendix', 'elbo-qa', 'gen-scratch');
  // Deep-learning coursework in unseen voices: a CS231n-style solution with shapes in words, a TA's
  // worksheet, LaTeX lecture notes, a notebook export, a KaTeX blog, a student's scratch, a Stack
  // Exchange answer and implementation notes with code-style names.
  styles.push(
    'cs231n-solutions',
    'dl-discussion',
    'transformer-lecture-tex',
    'optim-notebook',
    'norms-blog',
    'dl-scratch',
    'rnn-se-answer',
    'mha-impl-notes',
  );
  // Matrix calculus and applied linear algebra: a cheat sheet with a condition column, lecture notes
  // on differentials, a regression homework, a Stack Exchange answer, a paper appendix with block
  // matrices and a blog post on Kronecker products and the SVD.
  styles.push('mc-cheatsheet', 'mc-lecture-tex', 'mc-homework', 'mc-se-answer', 'mc-appendix', 'mc-blog');
  // An optimisation midterm key, Kalman-filter lecture notes, a LaTeX probability problem set and
  // word2vec derivation notes (the lead's held-out documents of this landing).
  styles.push('optim-midterm', 'kalman-lecture', 'prob-pset-tex', 'w2v-derivation');
  // Probability and statistics in deep-learning notes: i.i.d. samples given by their moments,
  // copies of a variable, initialisation variances, batch normalisation and dropout.
  styles.push(
    'iid-homework',
    'ta-copies-note',
    'init-se-answer',
    'init-lecture-tex',
    'bn-lecture-notes',
    'dropout-recitation',
  );
  // Classical machine learning and optimisation in eight voices (exam, slides, notebook, solution
  // set, forum answer, scratch notes, reading group, rubric).
  styles.push(
    'svm-cnn-exam',
    'kernel-beamer',
    'gmm-notebook',
    'pca-solutions-tex',
    'ridge-se-answer',
    'logreg-scratch',
    'convex-reading-group',
    'optim-rubric',
  );
  // Two rules for one family in sibling sections (heavy ball, then gradient descent) beside a ridge
  // solution w_λ; homework parts that give a problem's number, then a worked case; geometric and
  // uniform laws and sizes left to context.
  styles.push('optim-two-rules', 'hw-part-values', 'laws-geom-sizes');
  // Session 20: sequences given member by member in brackets from index 0, and several evaluation
  // bars on one side of an integration worksheet.
  styles.push('dsp-arrays');
  // Statistics and the sciences, held out in session 15: time series, queues, survival, causal
  // inference, Fourier transforms, epidemics, Gaussian processes and a Gamma–Poisson problem set.
  styles.push(
    'ts-lecture-tex',
    'or-homework',
    'survival-rmd',
    'causal-appendix',
    'signals-exam',
    'epi-course',
    'gp-appendix',
    'gamma-poisson-pset',
  );
  // Modern deep learning in eight more voices (DPO reading group, speculative-decoding blog, norm
  // backward homework, LoRA design doc, SSM scribe notes, perplexity notebook, µP forum answer, CTC
  // exam key); the forum answer writes inline math that starts with a relation, so it is printed only.
  styles.push(
    'dpo-reading-note',
    'specdec-html-blog',
    'rmsnorm-hw-tex',
    'lora-design-table',
    'ssm-scribe-zoh',
    'ppl-jupyter',
    'ctc-exam-key',
  );
  // Worked examples, "evaluated at" points and "where" / "with" clauses after formulas, held out in
  // session 16 (a textbook chapter, a recitation handout, beamer slides with \pause and \only).
  styles.push('scope-textbook-worked', 'scope-recitation', 'scope-beamer-pause');
  // Mathematics courses in eight held-out voices (session 16): a matrix-calculus cheat sheet in the
  // denominator layout, a LaTeX probability problem set, a Quarto convex-optimisation lecture,
  // numerical linear algebra notes, an information-theory homework, a Taylor-expansion sheet, an
  // R Markdown MLE key and a Stack Exchange answer on the hat matrix.
  styles.push(
    'matcalc-layout-sheet',
    'prob-course-tex',
    'convex-qp-quarto',
    'nla-notes-tex',
    'infotheory-2x2-hw',
    'taylor-analysis-tex',
    'mle-fisher-rmd',
    'regression-hat-se',
  );
  // Deep-learning homework held out in session 16: a transposed-convolution key (LaTeX), a graded
  // AdamW submission with TA margin notes, a normalisation exam key, a conv/pool backprop
  // recitation, depthwise-separable sizing, focal loss in Quarto, warmup-cosine scratch notes.
  // The focal-loss and schedule notes write `$100\times$` and bare `\cos`, so they are printed only.
  // Session 18's trust hunt: moments of products of independent variables, and letters whose
  // worked example ended read later with the example's sign.
  styles.push('adversarial-trust-3');
  // Session 19's trust hunt: moments of maxima, minima, distances and events of two or three
  // continuous variables that a 5σ Monte Carlo margin let slip, and conditions after their claims.
  styles.push('adversarial-trust-4');
  // Session 23's trust hunt: a bound after a kind of number, kinds of matrix no sample is drawn as,
  // an order on sizes stated with a declaration, floors and signs at their seams, log-sum-exp far out.
  styles.push('adversarial-trust-5');
  // Session 24's trust hunt: a sign after a claim that outlived its sentence, letters bounded after
  // "since" read as any number, "for an integer n ≥ 2", smooth sides that never meet.
  styles.push('adversarial-trust-6');
  styles.push(
    'tconv-key',
    'adamw-student',
    'norm-exam-key',
    'conv-backward-recitation',
    'dwsep-sizing',
    'focal-quarto',
    'lr-schedule-scratch',
  );
  // Math pasted from chat, forums and slide tools (session 18): a quoted chatbot answer, a Discord
  // log, a Notion export with relation-led table cells, Marp slides, an Obsidian page, notebook
  // Markdown with printed outputs, a forum correction and a TA's FAQ.
  styles.push('chat-paste');
  // Science, engineering and finance notes held out in session 18: a lab report with vectors and
  // SI units, a chemistry worksheet, a circuits homework, a thermodynamics chapter, a finance
  // lecture, an actuarial exam key, a population-dynamics recitation, a materials LaTeX note.
  styles.push(
    'lab-vectors',
    'chem-worksheet',
    'circuits-hw',
    'thermo-chapter',
    'tvm-lecture',
    'actuarial-key',
    'popdyn-recitation',
    'materials-tex',
  );
  // Session 18's held-out deep-learning coursework in new voices: gated-RNN gradients in LaTeX, a
  // WGAN-GP Quarto notebook, mixed-precision lab notes, a graded weight-tying assignment, efficient
  // attention reading notes, a straight-through-estimator answer, a quantization exam key and a
  // calibration recitation in LaTeX.
  styles.push(
    'lstm-pset-tex',
    'wgan-gp-quarto',
    'mixed-precision-notes',
    'weight-tying-graded',
    'efficient-attention-notes',
    'ste-se-answer',
    'quant-exam-key',
    'calibration-recitation-tex',
  );
  // Probability and statistics held out in session 19: an MLE homework key, a CLT worksheet read
  // from z tables, an entropy sheet in LaTeX and a Markov-chain note, condensed.
  styles.push('prob-stat-notes');
  // Session 19's held-out LaTeX sources of lecture notes, papers and keys: convex-optimisation scribe
  // notes, low-rank updates in amsart, a DFT chapter and an exam-class calculus key, with
  // \qedhere, evaluation brackets [F]_a^b and sums bounded below only.
  styles.push('tex-notes-papers');
  // Session 19's held-out numeric answer keys: rounded values carried from line to line under
  // factors and roots, role subscripts (`s_x`, `z_w`), a standard error, angles in degrees.
  styles.push('numeric-keys-carried');
  // Session 19's held-out physics and chemistry, condensed: a first-law key with Δ changes, a
  // kinetics lab with concentrations, minutes and J/mol, an RC lab with kΩ and µF, a decay and
  // growth recitation, a mechanics quiz key, a gas-laws key, a heat-transfer section, an optics lab.
  styles.push('units3-sci');
  // Session 20's held-out problem sets, exercise lists and an exam key whose questions are labelled at
  // the start of a paragraph (`**1.**`, `**Q5.**`, `Exercise 3.`) and redefine each other's letters.
  styles.push('question-units');
  // Session 27's held-out science notes: units in the words after givens (`$V_{in} = 50$ mV`), a chain
  // across a unit (`300000$ J $= 300$ kJ`), degrees as commands, pH and concentrations, decibels, \lg.
  styles.push('science-units');
  // Session 28's held-out science notes in new voices: AC phasors with j, an optics lab, decay with
  // Bq and Ci, enzyme kinetics typed in plain text, magnitudes, an R-value memo, a PK note with h⁻¹,
  // a siunitx watershed report.
  styles.push('science-voices');
  // Session 29's calculus voices: partial derivatives at the point a sentence names, Hessians of
  // functions of two numbers, a LaTeX quiz key labelled \textbf{Q1.} with Euler steps and Laplace
  // table entries, divergence, curl and Jacobian determinants in a forum answer.
  styles.push('calc-voices');
  // Session 30's numerical ODEs and linear algebra: an Euler and Heun key that writes f(t_0, y_0) of
  // the problem, a scratch page of solutions evaluated at times, a thin SVD with each factor listed
  // with its constraint.
  styles.push('ode-linalg-keys');
  // Session 26's held-out Gaussian and block-matrix notes, condensed: conditioning with a block
  // covariance and its Schur complement, a cheat sheet of Woodbury, Kronecker and vec identities,
  // einsum-style index sums, a scalar Kalman filter with P_{t|t-1} labels, Bayesian linear regression
  // with EM for a mixture, a kernel ridge answer and a LaTeX problem set on multivariate Gaussians.
  styles.push('gauss-identities');
  // Session 26's held-out documents that carry values far: a finance case, an exam key whose parts
  // and problems reuse earlier answers ("with $E$ from part (a)", "For $A$ above"), a statistics
  // problem set, a linear-algebra homework and a lab report with measured values.
  styles.push('carried-values');
  // Session 25's held-out mathematics-course homework: a linear-algebra key in align* (inverses,
  // rank, Gram–Schmidt, an SVD, characteristic polynomials), a calculus II student homework, an ODE
  // key checking solutions by substitution, an Obsidian note on binomials and recurrences, a
  // textbook's residues, a KKT scribe, a momentum recitation and a chapter of series tests.
  styles.push('math-courses');
  // Session 24's held-out engineering and science notes, condensed: an RC lab and op-amp slides whose
  // letters are given values in prefixed units (kΩ, µF, nF), an orbits answer, a pipe-flow lab, an
  // equilibrium and pH key, a joist design note in N and mm.
  styles.push('eng-sci-units');
  // Session 25's held-out science and engineering notes in subjects not written before, condensed: a
  // signals key with phasors in j and ∠, step-response slides, a lens lab with units inside fractions,
  // a relativity answer, decay notes, error propagation, cycle limits and a stoichiometry key.
  styles.push('sci-notes-2');
  // Session 20's held-out sampling and rounding documents: inverse moments with heavy-tailed
  // draws, a lab report of whole numbers from measured decimals, importance-sampling notes.
  styles.push('sampling-rounding');
  // Session 20's held-out styles nobody had written: a LaTeX article on Newton's method and
  // quadrature (align*, proof, \eqref, macros), control scribe notes (Laplace, a gain K, e_{ss}), a
  // bond-pricing notebook export with code cells and a StackExchange answer on channel capacity.
  styles.push('numerics-control-finance');
  // Session 20's held-out complex-number documents, condensed: a homework key with z \in \mathbb{C},
  // a phasor lecture with j, a four-point DFT, fifth roots of unity and a z-plane recitation.
  styles.push('complex-notes');
  // Session 20's held-out notes on conditions in prose, condensed: chained conditions over new
  // letters, whole-number kinds named after a claim, one law declared for a list of variables.
  styles.push('conditions-prose');
  // Session 21's held-out styles nobody had written, condensed: an editorial with word-named arrays
  // (`dp[i]`) and a tuple indexed from 0, RL and Markov-chain recitation notes (V^*, \pi P = \pi)
  // and a chat-paste parameter budget whose line ends in a scale word.
  styles.push('arrays-rl-markov');
  // Session 21's held-out notes with a letter or word after a number inside the math: model sizes
  // in M and B, an econ key in $ and T, a mortgage blog carrying rounded parts of a quotient, an
  // orbit note in km/s.
  styles.push('scales-units-money');
  // Session 21's held-out probability notes, condensed: laws given in the words after a list of
  // names, `N(0,1)` without \mathcal, and i.i.d. marks on the tilde after a dotted sample.
  styles.push('laws-prose');
  // Session 22's held-out statistics and regression notes, condensed: a ridge lecture in LaTeX with
  // \bm, \boldsymbol and \mathbf mixed and R^2_u written power first, econometrics section notes with
  // primes for transposes and a size in apposition, an MLE key defining functions by their logarithm.
  styles.push('stats-regression');
  // Session 22's held-out subjects nobody had written, condensed: qubit scribe notes in Dirac notation,
  // codes over GF(2) (arithmetic modulo 2 set in words, binary words with leading zeros), number-theory
  // and queueing keys (M_1, L_q beside computed numbers) and a genetics lab whose parts reuse p.
  styles.push('qc-codes-parts');
  // Session 22's held-out keys and notes that give a function by its values at listed points: a
  // gridworld key (V(A), Q(3, R), a TD step), pmf notes (a partial die, KL on {a, b, c}) and LaTeX
  // scribe notes with V^\pi(s_1).
  styles.push('function-tables');
  // Session 23's held-out matrix calculus for deep learning in new voices, condensed: a GNN homework,
  // an attention-backward blog, a TA's LaTeX key (KL, label smoothing, Hessians), French and Chinese
  // notes, Slack and Discord threads; shapes in prose, p both a size and the probabilities.
  styles.push('ml-matcalc-voices');
  // Session 24's held-out typesetting habits, condensed: macros and the physics package's \dv and
  // \pdv, `\mathrm dx` and `A^{\mathsf T}` without braces, the decimal comma `3{,}14`, GitLab math,
  // MathJax in HTML, kramdown's inline `$$` and Typst-style `$ … $` with spaces.
  styles.push('typesetting-habits');
  // Session 24's held-out backward passes in new voices, condensed: an autograd check written up from
  // a notebook, Spanish attention notes, a lemma/proof appendix on Gaussian KL, a TA's rubric, a
  // Chinese PPO blog and Korean LayerNorm notes; shapes multiplied side by side, a term set aside.
  styles.push('ml-backward-voices');
  // Session 25's held-out deep-learning derivations, condensed: an attention appendix in LaTeX, an LSTM
  // blog, a contrastive-loss study group, DDPM notes, an Adam TA key, a GCN forum answer, a conv
  // cheat sheet with dilation and Portuguese lecture notes; losses known only by their gradients,
  // softmax logits and Gaussian parameters nothing declares.
  styles.push('ml-derivations-2');
  // Session 29's deep-learning keys and forum answers, condensed: an RMSNorm forum answer working its
  // statistics for short vectors (each list's length is the size), a dropout and CNN quiz key with a
  // worked case for every unit, and a LaTeX homework on heavy-ball and Nesterov steps.
  styles.push('dl-keys-forum');
  // Session 30's backward passes worked by hand: a forum answer that gives the upstream gradient in
  // numbers, an initialisation scribe naming a family's law by its bare letter, and a LaTeX key with
  // two outputs sending gradients back to one feature.
  styles.push('backward-by-hand');
  // Session 31's deep-learning notes: a rule the words say an earlier one reduces to in a special
  // case (focal loss at γ = 0), moments given to nouns after the names were said independent, and a
  // recurrent step checked with a number for the previous state.
  styles.push('dl-special-cases');
  // Session 25's held-out keys, problem sets, a lab, a forum thread and a chapter whose problems re-use
  // letters with new meanings (P a bond's then a put's price, n a sample size then a width, λ an
  // eigenvalue then a rate); a question's display values end with it, its statement's numbers last.
  styles.push('problem-scopes');
  // Session 26's held-out notes of other traditions, condensed: a French prépa correction, a German
  // Übungsblatt, a Russian calculus key, an Indian JEE key, a Brazilian calculus list and an
  // Italian/Dutch linear-algebra key; tg, ch, sen, ]0;1[, [a; b], bare decimal commas, 7{,}2 : 0{,}8,
  // ∴, ∵ and {}^nC_r.
  styles.push('intl-notes');
  // Session 26's held-out proof-heavy documents, condensed: a real-analysis homework with suppositions
  // for contradiction, an OpenReview thread quoting the authors' wrong equations, an induction
  // worksheet with prove-or-disprove exercises, algorithms and concentration notes (O, Θ, ~, "if Y has").
  styles.push('proof-voices');
  // Session 27's held-out statistics, condensed: a t-test key, chi-square, ANOVA and regression answers,
  // a counting and Venn sheet, a screening note and an A/B post; critical values written with their
  // level and degrees of freedom under the letter, counts of sets with bars, # and n(·).
  styles.push('stats-inference');
  // Session 28's held-out statistics in new voices, condensed: a Bayesian homework, a psychology lab
  // report, an epidemiology 2×2 key, survey sampling, nonparametric tests, a sample-size memo, a
  // quality-control note and a forecasting homework (df, Se, RR in small and mixed case, MAPE in %).
  styles.push('stats-voices');
  // Session 29's statistics voices: a quiz key whose critical values are written with a stated α, a
  // Beta–binomial update with letters and numbers, a cohort report with events between two bounds
  // and data listed by their members (`v_1, \dots, v_5 = 2, 0, 3, 1, 4`).
  styles.push('stats-tables-laws');
  // Session 30's statistics voices: a recitation that gives a joint pmf cell by cell in words, and a
  // forum answer on the Poisson score and the bar over a listed sample.
  styles.push('stats-joint-moments');
  // Session 31's statistics voices: a LaTeX lecture on sums of independent Poisson, Bernoulli and
  // exponential draws (`i.i.d.\ `), a CLT key with moments of a sum of sixteen draws, a Markov chain
  // key with a stationary row written as a tuple left of the matrix.
  styles.push('stats-sums-chains');
  // Session 27's held-out linear-algebra and ML-theory notes, condensed: quantifiers after the claim
  // ("for any square $A$, $B$", "for all $x \in \mathbb{R}^n$", "where $c$ is a scalar"), a paper
  // summary reporting others' equations, steps derived under a supposition for contradiction.
  styles.push('quantified-claims');
  // Session 28's held-out review, proof-sheet, kernel and operator notes, condensed: quotations over
  // several sentences (quotation marks, a block quotation, "a wrong proof — find the error"), claims
  // stated for a kind named in words ("for a valid kernel"), an equation named one to solve with its
  // solution given, a "For $X \sim …$" list ending in "so …".
  styles.push('scope-voices');
  // Session 31's generative-model and RL voices: a forum answer on a flow's log-determinant checked
  // at a point, a quiz key that lists a noise schedule then gives its first members, and scratch
  // notes with a softmax policy's score and a reparameterised gradient.
  styles.push('gen-rl-voices');
  for (const style of styles) {
    const c = report.groups[style];
    assert.ok(c?.spans > 0, `the ${style} snippets have math spans`);
    const share = c.unreadable / c.spans;
    const line = `${style}: ${c.unreadable} of ${c.spans} spans unreadable (${(100 * share).toFixed(1)}%)`;
    const limit = SNIPPET_LIMITS[style];
    if (limit === undefined)
      console.log(`${line}; target ${100 * SNIPPET_TARGET}% (printed, not asserted yet)`);
    else assert.ok(share <= limit, `${line}, limit ${100 * limit}%\n${formatDetails(report)}`);
  }
  const macroTrouble = report.unreadable.filter(
    (u: { file: string; message: string }) =>
      u.file.startsWith('macros/') && /unknown command|macro/.test(u.message),
  );
  assert.deepEqual(macroTrouble, [], 'every macro of the macros snippets is expanded');
});
