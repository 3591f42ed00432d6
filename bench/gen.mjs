// Generated Markdown documents of N claims, for the language-server and scaling sections: shared
// declarations, then sections of ten typical claims (linear algebra, calculus, arithmetic; some
// refuted on purpose). Small symbolic dimensions, the checker's default trials.

const HEADER = String.raw`# Generated derivation

Let $A, B \in \mathbb{R}^{n \times n}$, $x, y \in \mathbb{R}^{n}$, $W_i \in \mathbb{R}^{n \times n}$, $X_0 \in \mathbb{R}^{n}$,
$\Phi \in \mathbb{R}^{m \times d}$, $w \in \mathbb{R}^{d}$, $v \in \mathbb{R}^{m}$, $z \in \mathbb{R}^{k}$ and $t \in \mathbb{R}$.

Let $X_1 = W_2 \text{ReLU}(W_1 X_0) + X_0$, $D := \operatorname{diag}(W_1 X_0 > 0)$, $s = \operatorname{softmax}(z)$ and $L = \|v - \Phi w\|_2^2$.
`;

/** Ten claims per section; `i` makes the arithmetic ones differ from section to section. */
function section(i) {
  const a = i + 2,
    b = 2 * i + 3;
  return [
    `## Part ${i + 1}`,
    '',
    String.raw`$$(AB)^\top = B^\top A^\top$$`,
    '',
    String.raw`$$\operatorname{tr}(AB) = \operatorname{tr}(BA)$$`,
    '',
    String.raw`$$x^\top A y = y^\top A^\top x$$`,
    '',
    String.raw`$$A + A^\top = 2A$$`,
    '',
    String.raw`$$(I + A)x = x + Ax$$`,
    '',
    `$$${a} + ${b} = ${a + b}$$`,
    '',
    String.raw`$$\frac{\partial X_1}{\partial X_0} = W_2 D W_1 + I$$`,
    '',
    String.raw`$$\nabla_w L = 2\Phi^\top(\Phi w - v)$$`,
    '',
    String.raw`$$\frac{\partial s}{\partial z} = \operatorname{diag}(s) - s s^\top$$`,
    '',
    String.raw`$$\frac{d \sigma(t)}{d t} = \sigma(t)(1 - \sigma(t))$$`,
    '',
  ].join('\n');
}

/**
 * A document with (about) `claims` claims. Returns its text, the 0-based line numbers of the
 * arithmetic claims (the lines the edit benchmark rewrites) and hover positions.
 */
export function generateDocument(claims) {
  const sections = Math.max(1, Math.round(claims / 10));
  const text = `${HEADER}\n${Array.from({ length: sections }, (_, i) => section(i)).join('\n')}`;
  const lines = text.split('\n');
  const editLines = [];
  const hovers = [];
  lines.forEach((l, n) => {
    if (/^\$\$\d+ \+ \d+ = \d+\$\$$/.test(l)) editLines.push(n);
    // Hover on a symbol inside a claim: the `A` of `(I + A)x` and the `W_2` of the Jacobian.
    if (l.startsWith('$$(I + A)x')) hovers.push({ line: n, character: l.indexOf('A') });
    if (l.startsWith('$$\\frac{\\partial X_1}')) hovers.push({ line: n, character: l.indexOf('W_2') + 1 });
  });
  return { text, sections, editLines, hovers };
}

/** The edited version of an arithmetic line: right or wrong sum, alternately. */
export function editedLine(line, k) {
  const m = /^\$\$(\d+) \+ (\d+) = (\d+)\$\$$/.exec(line);
  const sum = Number(m[1]) + Number(m[2]);
  return `$$${m[1]} + ${m[2]} = ${k % 2 ? sum : sum + 1}$$`;
}
