// The Markdown preview's verdict marks (client/src/preview.ts) with a real markdown-it: a mark
// per claim beside its display or at the end of its paragraph, the message as the tooltip, no
// marks for documents without results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { renderedDocument, verdictMarks } from '../../../client/src/preview';
import type { MarkdownItLike, PreviewClaim } from '../../../client/src/preview';

const require = createRequire(import.meta.url);
// markdown-it is what VS Code's preview runs; here it comes with the packaging tools.
const MarkdownIt = require('markdown-it') as new () => MarkdownItLike & {
  render(src: string, env?: unknown): string;
  block: { ruler: { before(a: string, n: string, rule: unknown): void } };
};

/** A `$$ … $$` block rule like the preview's math plugin: a `math_block` token with its lines. */
function withMathBlocks(md: ReturnType<typeof make>) {
  md.block.ruler.before(
    'paragraph',
    'math_block',
    (
      state: {
        bMarks: number[];
        tShift: number[];
        eMarks: number[];
        src: string;
        line: number;
        push(t: string, tag: string, n: number): { map: number[]; content: string };
      },
      start: number,
      end: number,
      silent: boolean,
    ) => {
      const first = state.src.slice(state.bMarks[start] + state.tShift[start], state.eMarks[start]);
      if (!first.startsWith('$$')) return false;
      let line = start;
      while (line < end && !state.src.slice(state.bMarks[line], state.eMarks[line]).trimEnd().endsWith('$$'))
        line++;
      if (line === start && first.trim().length < 4) line++;
      while (line < end && !state.src.slice(state.bMarks[line], state.eMarks[line]).trimEnd().endsWith('$$'))
        line++;
      if (silent) return true;
      const t = state.push('math_block', 'math', 0);
      t.map = [start, line + 1];
      t.content = first;
      state.line = line + 1;
      return true;
    },
  );
  (md as unknown as { renderer: { rules: Record<string, unknown> } }).renderer.rules.math_block = (
    tokens: { content: string }[],
    i: number,
  ) => `<div class="math">${tokens[i].content}</div>\n`;
  return md;
}

function make(claims: Record<string, PreviewClaim[]>) {
  const md = new MarkdownIt();
  verdictMarks(md, (env) => {
    const uri = renderedDocument(env);
    return uri === undefined ? undefined : claims[uri];
  });
  return md;
}

const doc = 'Let $a = 1$ and $2 + 2 = 5$.\n\n$$\n(a + 1)^2 = a^2 + 2a + 1\n$$\n\n# Heading $1 + 1 = 2$\n';
const claims: PreviewClaim[] = [
  { verdict: 'refuted', message: 'refuted: left is 4, right is 5 "exact" <arith>', line: 0 },
  { verdict: 'verified', message: 'verified: 20 trials', line: 3 },
  { verdict: 'unchecked', message: 'unchecked: why', line: 6 },
];

test(
  'preview: marks beside displays and after paragraphs and headings, message as the tooltip ' + '(escaped)',
  () => {
    const md = withMathBlocks(make({ 'file:///d.md': claims }));
    const html = md.render(doc, { currentDocument: { toString: () => 'file:///d.md' } });
    assert.match(
      html,
      /<p>Let \$a = 1\$ and \$2 \+ 2 = 5\$\. <span class="derivcheck-marks"><span class="derivcheck-mark derivcheck-refuted" title="refuted: left is 4, right is 5 &quot;exact&quot; &lt;arith&gt;">✗<\/span><\/span><\/p>/,
    );
    assert.match(
      html,
      new RegExp(
        /<div class="math">\$\$<\/div>\n<div class="derivcheck-marks">/.source +
          /<span class="derivcheck-mark derivcheck-verified" title="verified: 20 trials">✓<\/span><\/div>/
            .source,
      ),
    );
    assert.match(
      html,
      new RegExp(
        /<h1>Heading \$1 \+ 1 = 2\$ <span class="derivcheck-marks">/.source +
          /<span class="derivcheck-mark derivcheck-unchecked" title="unchecked: why">\?<\/span><\/span><\/h1>/
            .source,
      ),
    );
  },
);

test(
  'preview: several claims of one block side by side; a display without a math plugin is a ' + 'paragraph',
  () => {
    const md = make({ 'file:///d.md': [claims[1], { ...claims[1], message: 'second' }] });
    const html = md.render(doc, { currentDocument: 'file:///d.md' });
    assert.match(
      html,
      /2a \+ 1\n\$\$ <span class="derivcheck-marks"><span[^>]*>✓<\/span> <span[^>]*title="second">✓<\/span><\/span><\/p>/,
    );
  },
);

test('preview: no results for the document, or no document, no marks', () => {
  const md = make({ 'file:///d.md': claims });
  assert.doesNotMatch(md.render(doc, { currentDocument: 'file:///other.md' }), /derivcheck/);
  assert.doesNotMatch(md.render(doc), /derivcheck/);
  assert.doesNotMatch(
    make({ 'file:///d.md': [] }).render(doc, { currentDocument: 'file:///d.md' }),
    /derivcheck/,
  );
});

test('preview: VS Code parses without the document and caches tokens; marks come at render time', () => {
  // The preview's engine parses with `currentDocument: undefined` and renders the cached tokens
  // with the document's URI; a re-check changes the marks on the next render of the same tokens.
  const results: Record<string, PreviewClaim[]> = { 'file:///d.md': [claims[1]] };
  const md = withMathBlocks(make(results)) as unknown as {
    parse(src: string, env: unknown): unknown[];
    renderer: { render(tokens: unknown[], options: unknown, env: unknown): string };
    options: unknown;
  };
  const tokens = md.parse(doc, { currentDocument: undefined });
  const env = { currentDocument: { toString: () => 'file:///d.md' } };
  assert.match(
    md.renderer.render(tokens, md.options, env),
    /derivcheck-verified" title="verified: 20 trials"/,
  );
  results['file:///d.md'] = [{ ...claims[1], verdict: 'refuted', message: 'refuted: now wrong' }];
  const again = md.renderer.render(tokens, md.options, env);
  assert.match(again, /derivcheck-refuted" title="refuted: now wrong">✗/);
  assert.doesNotMatch(again, /derivcheck-verified/);
  assert.doesNotMatch(
    md.renderer.render(tokens, md.options, { currentDocument: undefined }),
    /derivcheck-mark/,
  );
});
