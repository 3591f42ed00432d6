// The registry is the one place functions are named: every spelling reads as its entry, no two
// entries share a spelling, every entry is evaluated (or says why not), and every elementwise
// entry's derivative agrees with a finite difference wherever its domain allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import { printNode } from '../../../server/src/math/print';
import type { Node } from '../../../server/src/math/tree';
import { FUNCTIONS, functionNamed, functionOfSymbol } from '../../../server/src/functions/registry';
import * as V from '../../../server/src/check/values';
import { Resample, Unsupported } from '../../../server/src/check/errors';
import { AdContext, Rng, Tensor } from '../../../server/src/engine';

function onlySide(src: string): Node {
  const r = parseMath(src);
  assert.deepEqual(r.problems, [], `problems for ${src}`);
  assert.equal(r.statements.length, 1, src);
  assert.equal(r.statements[0].sides.length, 1, src);
  return r.statements[0].sides[0];
}

test('every spelling of every function reads as that function', () => {
  for (const f of FUNCTIONS) {
    const forms: string[] = [];
    for (const s of f.spellings) {
      if (s.startsWith('\\')) forms.push(`${s}(x)`);
      else
        forms.push(
          `\\operatorname{${s}}(x)`,
          `\\mathrm{${s}}(x)`,
          `\\text{${s}}(x)`,
          ...(s.length > 1 ? [`${s}(x)`] : []),
        );
    }
    for (const src of forms) {
      const n = onlySide(src);
      assert.equal(n.kind, 'call', `${src} is a call`);
      if (n.kind === 'call') assert.equal(n.fn, f.name, `${src} names ${f.name}`);
      // What prints reads back as the same function.
      const again = onlySide(printNode(n));
      assert.ok(again.kind === 'call' && again.fn === f.name, `${printNode(n)} reads back as ${f.name}`);
    }
  }
});

test('no two functions share a spelling or a symbol', () => {
  const seen = new Map<string, string>();
  for (const f of FUNCTIONS) {
    for (const s of [
      ...f.spellings.map((x) => (x.startsWith('\\') ? x : x.toLowerCase())),
      ...(f.symbols ?? []),
    ]) {
      assert.ok(!seen.has(s), `${s} spells both ${seen.get(s)} and ${f.name}`);
      seen.set(s, f.name);
    }
    assert.equal(functionNamed(f.name), f);
  }
  assert.equal(functionOfSymbol('\\Gamma')?.name, 'gamma');
  assert.equal(functionOfSymbol('\\Phi')?.name, 'normcdf');
  assert.equal(functionOfSymbol('\\sigma')?.name, 'sigmoid');
  assert.equal(functionOfSymbol('x'), null);
});

test('every special function has its evaluator, and every evaluator its entry', () => {
  const special = FUNCTIONS.filter((f) => f.kind === 'special')
    .map((f) => f.name)
    .sort();
  assert.deepEqual(Object.keys(V.SPECIAL).sort(), special);
});

test('a \\bmod b reads the product after it as the modulus, and prints back', () => {
  const n = onlySide('2n \\bmod 3k + 1');
  assert.equal(n.kind, 'bin');
  if (n.kind !== 'bin') return;
  const mod = n.left;
  assert.ok(mod.kind === 'call' && mod.fn === 'mod' && mod.args.length === 2);
  if (mod.kind !== 'call') return;
  assert.equal(printNode(mod.args[0]), '2 n');
  assert.equal(printNode(mod.args[1]), '3 k');
  const again = onlySide(printNode(n));
  assert.equal(printNode(again), printNode(n));
});

const node = { kind: 'num', value: 0, text: '0', start: 0, end: 0 } as Node;

/** A point inside the entry's domain, away from kinks and poles. */
function pointFor(name: string, rng: Rng): number {
  const r = rng.uniformIn(0.2, 0.8);
  switch (name) {
    case 'acosh':
      return 1 + 2 * r;
    case 'floor':
    case 'ceil':
      return 2 + r;
    default:
      return (rng.bernoulli(0.5) ? 1 : -1) * r;
  }
}

test('every elementwise function: its derivative agrees with a central finite difference', () => {
  const rng = new Rng(7);
  for (const f of FUNCTIONS) {
    if (f.kind !== 'elementwise') continue;
    for (let k = 0; k < 5; k++) {
      let x = pointFor(f.name, rng);
      if (f.domain && !f.domain.holds(x)) x = Math.abs(x);
      const ctx = new AdContext();
      V.setAdContext(ctx);
      const at = (v: number): number => V.tensorOf(V.call(f, [V.scalar(v)], node), node).data[0];
      const y = V.dualOf(V.call(f, [{ v: Tensor.scalar(x), d: Tensor.scalar(1) }], node), node);
      const h = 1e-6 * Math.max(1, Math.abs(x));
      const fd = (at(x + h) - at(x - h)) / (2 * h);
      const ad = y.d ? y.d.data[0] : 0;
      assert.ok(
        Math.abs(ad - fd) <= 1e-5 * (1 + Math.abs(fd)),
        `${f.name}'(${x}): dual ${ad}, finite difference ${fd}`,
      );
      assert.equal(ctx.kink, false, `${f.name} at ${x} is away from kinks`);
    }
  }
});

test('outside its domain a function is undefined at that sample, and says which function and domain', () => {
  const outside: [string, number][] = [
    ['log', -1],
    ['sqrt', -2],
    ['asin', 1.5],
    ['acos', -3],
    ['acosh', 0.5],
    ['atanh', 1],
    ['coth', 0],
    ['gamma', -2],
  ];
  for (const [name, x] of outside) {
    const f = functionNamed(name)!;
    const domain = f.kind === 'elementwise' ? f.domain : undefined;
    assert.ok(domain, `${name} declares its domain`);
    assert.throws(
      () => V.call(f, [V.scalar(x)], node),
      (e: unknown) => e instanceof Resample && e.reason === 'nan' && e.message.includes(domain.text),
      `${name}(${x})`,
    );
  }
  assert.throws(
    () => V.call('mod', [V.scalar(5), V.scalar(0)], node),
    (e: unknown) => e instanceof Resample && /modulus ≠ 0/.test(e.message),
  );
});

test('arity and unevaluated functions say what is expected', () => {
  assert.throws(
    () => V.call('exp', [V.scalar(1), V.scalar(2)], node),
    (e: unknown) => e instanceof Unsupported && /\\exp takes 1 argument, given 2/.test(e.message),
  );
  assert.throws(
    () => V.call('lg', [V.scalar(8)], node),
    (e: unknown) => e instanceof Unsupported && /write \\log_2 or \\log_\{10\}/.test(e.message),
  );
  assert.deepEqual(V.tensorOf(V.call('max', [V.scalar(1), V.scalar(5), V.scalar(3)], node), node).data[0], 5);
});
