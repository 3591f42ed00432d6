import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import type { Node } from '../../../server/src/math/tree';

function side(text: string): Node {
  const r = parseMath(text);
  assert.deepEqual(r.problems, [], `problems in ${text}`);
  return r.statements[0].sides[0];
}

/** The subscript items of a name, each as `a:b`, `:` or its text. */
function items(text: string): string[] {
  const n = side(text);
  assert.equal(n.kind, 'sym');
  return (n.kind === 'sym' ? (n.sub ?? []) : []).map(show);
}

function show(n: Node): string {
  if (n.kind === 'text') return n.text;
  if (n.kind === 'num') return n.text;
  if (n.kind === 'sym') return n.name;
  if (n.kind === 'cmp' && n.op === ':') return `${show(n.left)}:${show(n.right)}`;
  if (n.kind === 'bin' && n.op === '-') return `${show(n.left)}-${show(n.right)}`;
  return n.kind;
}

test('ranges and whole axes in a subscript', () => {
  assert.deepEqual(items('U_{1:k,:} = 0'), ['1:k', ':']);
  assert.deepEqual(items('x_{2:} = 0'), ['2::']);
  assert.deepEqual(items('x_{:k} = 0'), ['1:k']);
  assert.deepEqual(items('x_{<t} = 0'), ['1:t-1']);
  assert.deepEqual(items('x_{\\le t} = 0'), ['1:t']);
  assert.deepEqual(items('W_{\\cdot 1} = 0'), [':', '1']);
  assert.deepEqual(items('W_{i,\\cdot} = 0'), ['i', ':']);
});

test('a colon in a subscript does not swallow a definition', () => {
  const r = parseMath('x_{i} := 2');
  assert.deepEqual(r.problems, []);
  assert.equal(r.statements[0].ops[0].op, ':=');
});

test('\\sum_{ij} and \\sum_{i,j} are one sum per letter, outermost first', () => {
  for (const text of ['\\sum_{ij} A_{ij} = 0', '\\sum_{i,j} A_{ij} = 0']) {
    const outer = side(text);
    assert.ok(outer.kind === 'bigop' && outer.index?.name === 'i', text);
    const inner = outer.kind === 'bigop' ? outer.body : outer;
    assert.ok(inner.kind === 'bigop' && inner.index?.name === 'j', text);
  }
  // A repeated letter is not two sums.
  const same = side('\\sum_{ii} A_{ii} = 0');
  assert.ok(same.kind === 'bigop' && same.body.kind !== 'bigop');
});

test('a Greek index written as a command is a letter of the list: \\sum_{n,\\ell}, \\sum_{\\mu\\nu}', () => {
  for (const [text, first, second] of [
    ['\\sum_{n,\\ell} x_{n\\ell} = 0', 'n', '\\ell'],
    ['\\sum_{\\mu\\nu} g_{\\mu\\nu} = 0', '\\mu', '\\nu'],
  ]) {
    const outer = side(text);
    assert.ok(outer.kind === 'bigop' && outer.index?.name === first, text);
    const inner = outer.kind === 'bigop' ? outer.body : outer;
    assert.ok(inner.kind === 'bigop' && inner.index?.name === second, text);
  }
  // A letter with a subscript is not an index letter: one sum over the written index.
  const one = side('\\sum_{\\ell_1} x = 0');
  assert.ok(one.kind === 'bigop' && one.body.kind !== 'bigop');
});

test('a bracket after a labelled name indexes it', () => {
  const n = side('W^{h,h}[i, I] = 0');
  assert.ok(n.kind === 'subscript' && n.bracket && n.indices.length === 2);
});
