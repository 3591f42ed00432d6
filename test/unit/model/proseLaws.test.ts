// A law given in the words after a list of names (model/proseLaws.ts): the lead words and whether
// they say independence, the law written in the text, and the words after it that leave it unclear.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lawContinues, proseLawLead, textLaw } from '../../../server/src/model/proseLaws';

test('the lead words say whether the names are independent and leave the law after them', () => {
  assert.deepEqual(proseLawLead(' be independent Uniform(0,1).'), {
    independent: true,
    rest: 'Uniform(0,1).',
  });
  assert.equal(proseLawLead(' be i.i.d. draws from a standard Gaussian')?.independent, true);
  assert.equal(proseLawLead(' be i.i.d. draws from a standard Gaussian')?.rest, 'standard Gaussian');
  assert.equal(proseLawLead(' are independent, each exponential with rate ')?.rest, 'exponential with rate ');
  assert.equal(proseLawLead(' be Uniform(0,1)')?.independent, false);
  assert.equal(proseLawLead(' denote the sample mean'), null);
});

test('a law in the text has a capital and number parameters of its arity', () => {
  const uniform = textLaw('Uniform(0,1). Find', 100);
  assert.equal(uniform?.dist.kind, 'Uniform');
  assert.equal(uniform?.text, 'Uniform(0,1)');
  assert.equal(textLaw('N(0, 1) noise', 0)?.dist.kind, 'Normal');
  const poisson = textLaw('Poisson(2)', 0)?.dist;
  assert.equal(poisson?.kind === 'Law' ? poisson.law : null, 'Poisson');
  assert.equal(textLaw('standard normal random variables', 0)?.dist.kind, 'Normal');
  // `exp(2)` is the function; a law needs its parameters, as many as it takes, as numbers.
  assert.equal(textLaw('exp(2)', 0), null);
  assert.equal(textLaw('Uniform(0)', 0), null);
  assert.equal(textLaw('Uniform(a, b)', 0), null);
  assert.equal(textLaw('Beta(2, 2)', 0), null);
});

test('two laws given together, or a law given a value, are not one law for the names', () => {
  assert.equal(lawContinues(' and $\\mathrm{Exp}(2)$ respectively.'), true);
  assert.equal(lawContinues(', respectively. Then'), true);
  assert.equal(lawContinues(' given $P = p$.'), true);
  assert.equal(lawContinues('. Find $E[X]$ and the rest, respectively'), false);
  assert.equal(lawContinues(', and the rate gets a prior'), false);
});
