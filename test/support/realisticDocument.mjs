// Sections of the held-out style (issue #14), shared by the benchmark (bench/realistic.mjs) and the
// tests of incremental checking: each section declares its names again before its claims (a linear
// layer's Jacobian and gradient, softmax's Jacobian, and optionally the logistic function, matrix
// identities, a count and a refuted slip). The parts a caller leaves out keep the claim counts its
// assertions rest on.

/** The logistic function's derivative, as a display or inline with a case value. */
const LOGISTIC = {
  display: String.raw`For a scalar $t \in \mathbb{R}$ the logistic function satisfies

$$\frac{d \sigma(t)}{d t} = \sigma(t)(1 - \sigma(t))$$`,
  inline:
    String.raw`For $t \in \mathbb{R}$: $\frac{d \sigma(t)}{d t} = \sigma(t)(1 - \sigma(t))$, ` +
    String.raw`and with $t = 0$, $\sigma(t) = 0.5$.`,
};

/** Matrix identities: six displays, or one inline. */
const MATRICES = {
  display: String.raw`Let $A, B \in \mathbb{R}^{n \times n}$ and $u, v \in \mathbb{R}^{n}$. Then

$$(AB)^\top = B^\top A^\top$$

$$\operatorname{tr}(AB) = \operatorname{tr}(BA)$$

$$u^\top A v = v^\top A^\top u$$

$$\|u + v\|_2^2 = \|u\|_2^2 + 2 u^\top v + \|v\|_2^2$$

Let $h = \tanh(A u)$. Then

$$\frac{\partial h}{\partial u} = \operatorname{diag}(1 - h \odot h) A$$`,
  inline: String.raw`Let $A, B \in \mathbb{R}^{n \times n}$. Then $(AB)^\top = B^\top A^\top$.`,
};

/**
 * Section `number` of a document in the held-out style. `options`: `title` of its heading;
 * `sumOfEntries` ('inline', 'display' or null) how softmax's entries summing to one is written;
 * `logistic` and `matrices` ('display', 'inline' or null) whether and how those claims appear;
 * `count` the two factors of a product claim that differs from section to section (none if
 * absent); `slip` a claim refuted on purpose at the end.
 * @param {number} number
 * @param {{ title?: string, sumOfEntries?: 'inline' | 'display' | null,
 *   logistic?: 'inline' | 'display' | null, matrices?: 'inline' | 'display' | null,
 *   count?: [number, number], slip?: boolean }} [options]
 * @returns {string}
 */
export function layerSection(number, options = {}) {
  const { title = 'A layer', sumOfEntries = 'inline', logistic = 'display', matrices = 'display' } = options;
  const parts = [
    `## ${number}. ${title}`,
    String.raw`Let $W \in \mathbb{R}^{m \times n}$, $b \in \mathbb{R}^{m}$, $x \in \mathbb{R}^{n}$ and $\delta \in \mathbb{R}^{m}$.
The layer computes $y = W x + b$, and the loss $L = \delta^\top y$ is linear in it.`,
    String.raw`$$\frac{\partial y}{\partial x} = W$$`,
    String.raw`$$\nabla_x L = W^\top \delta$$`,
    String.raw`Let $z \in \mathbb{R}^{k}$ and $s = \operatorname{softmax}(z)$. Its Jacobian is`,
    String.raw`$$\frac{\partial s}{\partial z} = \operatorname{diag}(s) - s s^\top$$`,
  ];
  if (sumOfEntries === 'inline')
    parts.push(String.raw`and its entries sum to one: $\mathbf{1}_k^\top s = 1$.`);
  if (sumOfEntries === 'display')
    parts.push(String.raw`and its entries sum to one: $$\mathbf{1}_k^\top s = 1$$`);
  if (logistic) parts.push(LOGISTIC[logistic]);
  if (matrices) parts.push(MATRICES[matrices]);
  if (options.count) {
    const [a, b] = options.count;
    parts.push(String.raw`A quick count: $$${a} \cdot ${b} = ${a * b}$$`);
  }
  if (options.slip) parts.push(String.raw`and one more: $$A + A^\top = 2A$$`);
  return `${parts.join('\n\n')}\n`;
}
