import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statedLayout } from '../../../server/src/model/layout';
import { checkText } from '../../../server/src/check';

test('a sentence naming one layout states it; naming both, or neither, states nothing', () => {
  assert.equal(statedLayout('We use the numerator layout throughout.'), 'numerator');
  assert.equal(statedLayout('Derivatives follow the denominator-layout convention'), 'denominator');
  assert.equal(statedLayout('Unlike the numerator layout, the denominator layout transposes.'), null);
  assert.equal(statedLayout('The numerator is positive and the layout is clear.'), null);
  // A supposition, or a phrase classifying a formula, is not the document's own layout.
  assert.equal(
    statedLayout(
      'This sheet uses the denominator layout. (So does the cookbook.) ' +
        'If your book uses numerator layout, transpose.',
    ),
    'denominator',
  );
  assert.equal(statedLayout('Unless stated otherwise, we use the denominator layout.'), 'denominator');
  assert.equal(statedLayout('Writing this is wrong: that is the numerator-layout answer.'), null);
  // The last sentence that names one wins: the text reads in order.
  assert.equal(
    statedLayout('We used numerator layout above. Here we use denominator layout.'),
    'denominator',
  );
});

test('a layout directive with another word is a directive problem that names the choices', () => {
  const r = checkText('<!-- derive: layout mixed -->\n\n$$1 = 1$$\n', 'markdown');
  const p = r.problems.find((x) => x.code === 'directive');
  assert.ok(p, 'expected a directive problem');
  assert.match(p.message, /layout takes 'numerator' or 'denominator', not 'mixed'/);
});

test('a layout stated in a comment is not stated', () => {
  const doc =
    'Let $B \\in \\mathbb{R}^{2 \\times 3}$, $x \\in \\mathbb{R}^{3}$. <!-- numerator layout -->\n\n' +
    '$$\\frac{\\partial (Bx)}{\\partial x} = B^\\top$$\n';
  const r = checkText(doc, 'markdown');
  assert.equal(r.claims[0].verdict, 'unchecked');
  assert.match(r.claims[0].message, /denominator layout/);
});
