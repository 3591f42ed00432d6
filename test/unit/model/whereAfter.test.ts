// A letter defined right after the formula that uses it, by "where" or "with" (model/whereAfter.ts):
// which words open such a clause, and a function's rule read with the clause's formula in place.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMath } from '../../../server/src/math/parser';
import { printNode } from '../../../server/src/math/print';
import {
  opensDefiningClause,
  ruleWithClause,
  substituted,
  writesName,
} from '../../../server/src/model/whereAfter';

const statement = (tex: string) => parseMath(tex).statements[0];

test('"where" or "with" alone, after a comma or not, opens the clause; other words do not', () => {
  assert.ok(opensDefiningClause(' where '));
  assert.ok(opensDefiningClause(', with '));
  assert.ok(!opensDefiningClause(' so that '));
  assert.ok(!opensDefiningClause('. Here we take '));
  assert.ok(!opensDefiningClause(' where the radius '));
});

test("a function's rule written in the clause's variables takes the clause's formula in place", () => {
  const rule = statement('k(x, y) = \\exp(-r^2)');
  const clause = statement('r = \\|x - y\\|');
  const read = ruleWithClause(rule, 'r', clause.sides[1]);
  assert.equal(printNode(read.sides[1]), printNode(statement('\\exp(-\\|x - y\\|^2)').sides[0]));
  // The left side, the function and its variables, stays as written.
  assert.equal(read.sides[0], rule.sides[0]);
});

test('a clause in other letters, or a statement that is not a rule, is read as written', () => {
  const rule = statement('k(x, y) = \\exp(-r^2)');
  assert.equal(ruleWithClause(rule, 'r', statement('r = a + b').sides[1]), rule);
  const claim = statement('g \\le (a + b)/2');
  assert.equal(ruleWithClause(claim, 'g', statement('g = \\sqrt{a b}').sides[1]), claim);
});

test('a letter is replaced where it is a value, not where it names a function', () => {
  const side = statement('r(r + 1)').sides[0];
  const by = statement('t = 2s').sides[1];
  const out = substituted(side, 'r', by);
  assert.ok(writesName([statement('r(r + 1) = 0')], 'r'));
  assert.ok(!printNode(out).includes('r + 1'));
});
