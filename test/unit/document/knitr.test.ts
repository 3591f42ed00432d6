// knitr and Sweave (.Rnw): LaTeX with R code chunks and \Sexpr{} numbers, neither of which is math.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFromPath } from '../../../server/src/document';
import { checkText } from '../../../server/src/check';
import { read, texts } from './helpers';

const RNW = [
  '\\documentclass{article}',
  '\\begin{document}',
  'We fit $y = a + b x$.',
  '',
  '<<fit, echo=FALSE>>=',
  'fit <- lm(y ~ x, data = df)',
  'df$total <- with(df, a + b)',
  '@',
  '',
  'The mean of \\Sexpr{mean(df$x)} points is $m = \\Sexpr{round(m, 2)}$, and $2 + 2 = 4$.',
  '<<plot>>=',
  'plot(df$x, df$y)',
  '@ text after the closing at-sign is documentation',
  'Then $3 \\cdot 3 = 9$.',
  '\\end{document}',
].join('\n');

test('.Rnw and .Snw files are read as LaTeX', () => {
  assert.equal(formatFromPath('report.Rnw'), 'latex');
  assert.equal(formatFromPath('report.snw'), 'latex');
});

test('R chunks and \\Sexpr{} in prose are code: a $ in them opens no math', () => {
  assert.deepEqual(texts(read(RNW, 'latex')), [
    'y = a + b x',
    'm = \\Sexpr{round(m, 2)}',
    '2 + 2 = 4',
    '3 \\cdot 3 = 9',
  ]);
});

test('a line that only looks like a chunk header is prose', () => {
  const src = '\\begin{document}\n<<not a header\n$a = 1$\n\\end{document}';
  assert.deepEqual(texts(read(src, 'latex')), ['a = 1']);
});

test('a claim with \\Sexpr{} is unchecked, saying R computes the number', () => {
  const r = checkText(RNW, 'latex');
  const sexpr = r.claims.find((c) => c.text.includes('Sexpr'));
  assert.ok(sexpr, 'the claim m = \\Sexpr{…} is found');
  assert.equal(sexpr.verdict, 'unchecked');
  assert.match(sexpr.message, /computes when the document is knitted/);
  assert.deepEqual(
    r.claims.filter((c) => !c.text.includes('Sexpr')).map((c) => c.verdict),
    ['verified', 'verified'],
  );
});
