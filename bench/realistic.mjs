// Documents in the held-out style (issue #14): section after section, each re-declaring its names
// before its claims (softmax/sigmoid Jacobians, linear-layer gradients, matrix identities, some
// arithmetic; a few refuted on purpose), and documents made by concatenating the samples. The
// edit benchmark rewrites one claim in the middle, like a user fixing a line.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './common.mjs';
import { layerSection } from '../test/support/realisticDocument.mjs';

/** Twelve claims; `i` varies the numbers so that sections are not identical texts. */
function section(i) {
  return layerSection(i + 1, {
    title: 'A layer, its Jacobian and its gradient',
    count: [i + 2, 2 * i + 3],
    slip: true,
  });
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
