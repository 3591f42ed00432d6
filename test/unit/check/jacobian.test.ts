// The one-pass Jacobian equals the one-direction-per-pass Jacobian, and is used where it applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../../../server/src/document';
import { buildModel } from '../../../server/src/model/build';
import { compile, newCompileEnv } from '../../../server/src/check/evaluate';
import { planJacobian } from '../../../server/src/check/jacobian';
import { Trial } from '../../../server/src/check/trial';
import * as V from '../../../server/src/check/values';
import { Rng } from '../../../server/src/engine';

const doc = String.raw`Let $W_i \in \mathbb{R}^{n \times n}$, $X_0 \in \mathbb{R}^{n}$, $b \in \mathbb{R}^{n}$, $X_1 = W_2 \text{ReLU}(W_1 X_0 + b) + \tanh(X_0) - 2 X_0 + \sinh(X_0) + \operatorname{erf}(W_1 X_0) + \sigma(b)$.

$$\frac{\partial X_1}{\partial X_0} = 0$$

$$\frac{\partial \|X_1\|^2}{\partial X_0} = 0$$`;

function setUp(index: number) {
  const m = buildModel(readDocument(doc, 'markdown'), doc);
  const claim = m.claims[index];
  const c = newCompileEnv(claim.env, claim.block);
  const deriv = claim.lhs;
  assert.equal(deriv.kind, 'deriv');
  if (deriv.kind !== 'deriv' || deriv.wrt.kind !== 'sym') throw new Error('unexpected tree');
  return { claim, c, deriv, of: deriv.of!, wrt: deriv.wrt };
}

test('one pass and one pass per direction give the same Jacobian', () => {
  const { claim, c, deriv, of, wrt } = setUp(0);
  const plan = planJacobian(of, wrt.name, c, compile);
  assert.ok(plan, 'affine maps and activations (any elementwise function of the registry) are planned');
  const f = compile(of, c);
  const varFn = compile(wrt, c);
  for (let seed = 0; seed < 10; seed++) {
    const fresh = () =>
      new Trial(claim.settings, new Rng(seed), (n) => compile(n, { ...c, free: [] }), Date.now() + 10_000);
    const a = fresh();
    V.setAdContext(a.ad);
    const one = V.tensorOf(a.derivative(wrt.name, varFn, null, f, deriv, plan), deriv);
    const b = fresh();
    V.setAdContext(b.ad);
    const many = V.tensorOf(b.derivative(wrt.name, varFn, null, f, deriv, null), deriv);
    assert.deepEqual(one.shape, many.shape);
    for (let i = 0; i < one.size; i++)
      assert.ok(Math.abs(one.data[i] - many.data[i]) <= 1e-12 * (1 + Math.abs(many.data[i])), `entry ${i}`);
  }
});

test('outside its vocabulary (a norm) there is no plan, and the general route is used', () => {
  const { c, of, wrt } = setUp(1);
  assert.equal(planJacobian(of, wrt.name, c, compile), null);
});
