// How the running text around each math span frames it (model/prose.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../../../server/src/document';
import { proseContexts } from '../../../server/src/model/prose';
import { buildModel } from '../../../server/src/model/build';
import { cpuMs } from '../../support/cpuTime';

function contexts(text: string, kind: 'markdown' | 'latex' = 'markdown') {
  const read = readDocument(text, kind);
  return proseContexts(read.items, text, kind);
}

test('the words before a span decide its role', () => {
  const roles = (text: string) => contexts(text).map((c) => c.role);
  assert.deepEqual(roles('If $a = b$ then $c = d$.'), ['hypothesis', 'plain']);
  assert.deepEqual(roles('For $q < 1$ and $r < 2$ the mode is $m$.'), ['setting', 'setting', 'plain']);
  assert.deepEqual(roles('For example, $1 = 1$.'), ['plain']);
  assert.deepEqual(roles('For $k$ odd, $k = 2n + 1$.'), ['setting', 'plain']);
  assert.deepEqual(roles('Here $z = 0$ could mean anything.'), ['hypothesis']);
  assert.deepEqual(roles('A matrix is symmetric if and only if $A = A^T$.'), ['hypothesis']);
  assert.deepEqual(roles('It holds when $x > 0$. So $y = 1$.'), ['hypothesis', 'plain']);
  // "i.e." does not end the sentence.
  assert.deepEqual(roles('It holds for some x, i.e. when $x > 0$.'), ['hypothesis']);
});

test('displays are never framed', () => {
  assert.deepEqual(
    contexts('If $a = b$, then\n\n$$c = d$$\n').map((c) => c.role),
    ['hypothesis', 'plain'],
  );
});

test('fresh objects: "for any", "given", "a matrix"', () => {
  const fresh = (text: string) => contexts(text).map((c) => c.fresh);
  assert.deepEqual(fresh('For any $x$ and $y$, $x = x$.'), [true, true, false]);
  assert.deepEqual(fresh('Given $x$, $y$ is known.'), [true, false]);
  assert.deepEqual(fresh('Consider a square matrix $A$.'), [true]);
  assert.deepEqual(fresh('The gradient of $f$ is zero.'), [false]);
  assert.deepEqual(fresh('A function of $x$.'), [false]);
});

test('sentences, passages and sections', () => {
  const c = contexts(
    '# One\n\nTake $t = 2$. Then $t = 2$.\n\n$$t = 2$$\n\nNew text.\n\n$$t = 3$$\n\n# Two\n\n$t = 4$\n',
  );
  assert.equal(c.length, 5);
  // Two sentences in one paragraph; the display right after it belongs to the same passage.
  assert.notEqual(c[0].sentence, c[1].sentence);
  assert.equal(c[0].passage, c[1].passage);
  assert.equal(c[1].passage, c[2].passage);
  // Prose of its own before a display starts a new passage; a heading a new section.
  assert.notEqual(c[3].passage, c[2].passage);
  assert.equal(c[3].section, c[0].section);
  assert.notEqual(c[4].section, c[3].section);
});

test('LaTeX sections', () => {
  const c = contexts(
    '\\begin{document}\n\\section{A}\n$x = 1$\n\\subsection{B}\n$x = 2$\n\\end{document}\n',
    'latex',
  );
  assert.equal(c.length, 2);
  assert.notEqual(c[0].section, c[1].section);
});

test('a value from running text ends with its passage, a formula with its section', () => {
  const text = '# S\n\nLet $t = 2$ and $y = t + 1$.\n\nLater.\n\n$$y = 3$$\n\n# T\n\nEnd.\n\n$$y + 1 = 4$$\n';
  const m = buildModel(readDocument(text, 'markdown'), text);
  assert.equal(m.claims.length, 2);
  const [inSection, afterSection] = m.claims;
  // In the same section y is still known, but t's value has ended.
  assert.equal(inSection.env.lookup('y', inSection.block)?.kind, 'def');
  assert.equal(inSection.env.lookup('t', inSection.block), null);
  // In the next section nothing from running text is left: the claim is about an unknown y.
  assert.equal(afterSection.env.lookup('y', afterSection.block), null);
});

test('a long run-on paragraph stays fast', () => {
  const text = 'If '.concat('$x_1 = 1$ and '.repeat(5000), '.');
  const read = readDocument(text, 'markdown');
  const t0 = cpuMs();
  const c = proseContexts(read.items, text, 'markdown');
  assert.equal(c.length, 5000);
  assert.deepEqual(
    c.slice(0, 3).map((x) => x.role),
    ['hypothesis', 'hypothesis', 'hypothesis'],
  );
  assert.ok(cpuMs() - t0 < 5000);
});

test('math of numbers alone after "that is" restates no setting', () => {
  const roles = (text: string) => contexts(text).map((c) => c.role);
  assert.deepEqual(roles('With $a = 1$, $b = 3$ that is $2/4 = 0.5$.'), ['setting', 'setting', 'plain']);
  assert.deepEqual(roles('Let $u$ be a unit vector, that is $\\|u\\| = 1$.'), ['setting', 'setting']);
  assert.deepEqual(roles('If $q = 2$, that is $4 = 5$, nothing.'), ['hypothesis', 'hypothesis']);
});

test('words that say the numbers are rounded', () => {
  const rounded = (text: string) => contexts(text).map((c) => c.roundedWords === true);
  assert.deepEqual(rounded('Indeed $0.9163 = 0.6931 + 0.2231$ (to rounding).'), [true]);
  assert.deepEqual(rounded('Up to rounding, $0.3 + 0.3 = 0.7$.'), [true]);
  assert.deepEqual(rounded('Check: $0.5 - 0.499 = 0.001 \\approx 0$. Good (rounding).'), [true]);
  // Near misses: rounding named of something else, or in a later sentence out of reach.
  assert.deepEqual(rounded('We have $x = 0.5$. The rounding mode of the hardware is discussed later on.'), [
    false,
  ]);
  assert.deepEqual(rounded('Then $a = 0.5$, and $b = 0.25$ (to rounding).'), [false, true]);
});
