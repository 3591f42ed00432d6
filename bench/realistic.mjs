// Documents in the held-out style (issue #14): section after section, each re-declaring its names
// before its claims (softmax/sigmoid Jacobians, linear-layer gradients, matrix identities, some
// arithmetic; a few refuted on purpose), and documents made by concatenating the samples. The
// edit benchmark rewrites one claim in the middle, like a user fixing a line.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './common.mjs';

/** Twelve claims; `i` varies the numbers so that sections are not identical texts. */
function section(i) {
  const a = i + 2;
  const b = 2 * i + 3;
  return String.raw`## ${i + 1}. A layer, its Jacobian and its gradient

Let $W \in \mathbb{R}^{m \times n}$, $b \in \mathbb{R}^{m}$, $x \in \mathbb{R}^{n}$ and $\delta \in \mathbb{R}^{m}$.
The layer computes $y = W x + b$, and the loss $L = \delta^\top y$ is linear in it.

$$\frac{\partial y}{\partial x} = W$$

$$\nabla_x L = W^\top \delta$$

Let $z \in \mathbb{R}^{k}$ and $s = \operatorname{softmax}(z)$. Its Jacobian is

$$\frac{\partial s}{\partial z} = \operatorname{diag}(s) - s s^\top$$

and its entries sum to one: $\mathbf{1}_k^\top s = 1$.

For a scalar $t \in \mathbb{R}$ the logistic function satisfies

$$\frac{d \sigma(t)}{d t} = \sigma(t)(1 - \sigma(t))$$

Let $A, B \in \mathbb{R}^{n \times n}$ and $u, v \in \mathbb{R}^{n}$. Then

$$(AB)^\top = B^\top A^\top$$

$$\operatorname{tr}(AB) = \operatorname{tr}(BA)$$

$$u^\top A v = v^\top A^\top u$$

$$\|u + v\|_2^2 = \|u\|_2^2 + 2 u^\top v + \|v\|_2^2$$

Let $h = \tanh(A u)$. Then

$$\frac{\partial h}{\partial u} = \operatorname{diag}(1 - h \odot h) A$$

A quick count: $$${a} \cdot ${b} = ${a * b}$$

and a slip: $$A + A^\top = 2A$$
`;
}

/** About `claims` claims in sections of twelve. Returns the text and the lines of the count claims. */
export function realisticDocument(claims) {
  const sections = Math.max(1, Math.round(claims / 12));
  const body = Array.from({ length: sections }, (_, i) => section(i)).join('\n');
  const text = `# Layers, section after section\n\n${body}`;
  return { text, sections, editLines: countLines(text) };
}

function countLines(text) {
  const out = [];
  text.split('\n').forEach((l, n) => {
    if (/^A quick count: \$\$\d+ \\cdot \d+ = \d+\$\$$/.test(l)) out.push(n);
  });
  return out;
}

/** The count line with a right or a wrong product, alternately. */
export function editedCount(line, k) {
  const m = /^A quick count: \$\$(\d+) \\cdot (\d+) = (\d+)\$\$$/.exec(line);
  const p = Number(m[1]) * Number(m[2]);
  return `A quick count: $$${m[1]} \\cdot ${m[2]} = ${k % 2 ? p : p + 1}$$`;
}

/** The Markdown samples, concatenated `times` times (each copy re-declares its names). */
export function samplesDocument(times) {
  const dir = join(ROOT, 'samples');
  const parts = readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const one = parts.join('\n\n');
  return { text: Array.from({ length: times }, () => one).join('\n\n') };
}
