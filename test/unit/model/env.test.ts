// The environment's lookups bisect per-name indexes instead of walking every older layer. These
// tests compare them with the rule as written in the walk (innermost first; an `end` hides its
// scope's older values; a `fresh` hides older values from running text; cases only in their
// block; dimensions and pattern declarations only to their own lookups) on random chains, at
// every point of the chain, not only at its end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../../server/src/math/tree';
import { Env } from '../../../server/src/model/types';
import type { Entry, Layer } from '../../../server/src/model/types';
import { rng } from '../../support/randomEdits';

const NAMES = ['s', 'y', 'A'];
const expr = { kind: 'num', value: 1, start: 0, end: 1 } as unknown as Node;

function randomLayer(r: () => number, at: number): Layer {
  const name = NAMES[Math.floor(r() * NAMES.length)];
  const scope = r() < 0.5 ? Math.floor(r() * 4) : undefined;
  const pick = r();
  if (pick < 0.2) return { kind: 'end', name, closes: Math.floor(r() * 4), at };
  if (pick < 0.27) return { kind: 'fresh', name, at };
  if (pick < 0.35) return { kind: 'dim', name, at };
  if (pick < 0.5) {
    return { kind: 'decl', name, pattern: r() < 0.3, spec: { set: 'real', shape: [] }, at };
  }
  if (pick < 0.65) return { kind: 'case', name, expr, block: Math.floor(r() * 3) - 1, at };
  const def: Entry = { kind: 'def', name, expr, params: null, indices: null, diagonal: false, at };
  return scope === undefined ? def : { ...def, scope };
}

/** The rule, walking every layer from the innermost out. */
function walkLookup(chain: Layer[], name: string, block: number): Layer | null {
  const closed = new Set<number>();
  let fresh = false;
  for (let i = chain.length - 1; i >= 0; i--) {
    const x = chain[i];
    if (x.name !== name) continue;
    if (x.kind === 'end') {
      closed.add(x.closes);
      continue;
    }
    if (x.kind === 'fresh') {
      fresh = true;
      continue;
    }
    if (x.scope !== undefined && (closed.has(x.scope) || fresh)) continue;
    if (x.kind === 'dim') continue;
    if (x.kind === 'case' && x.block !== block && x.block !== -1) continue;
    if ((x.kind === 'decl' || x.kind === 'random') && x.pattern) continue;
    return x;
  }
  return null;
}

test('lookups at every point of random chains follow the innermost-first rule', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    const chain: Layer[] = [];
    const envs: Env[] = [];
    let env = Env.empty;
    for (let i = 0; i < 120; i++) {
      const layer = randomLayer(r, i);
      chain.push(layer);
      env = env.with(layer);
      envs.push(env);
    }
    // Earlier points are asked after the chain has grown past them, as claims are.
    envs.forEach((e, i) => {
      const seen = chain.slice(0, i + 1);
      for (const name of NAMES) {
        for (const block of [-1, 0, 1]) {
          assert.equal(e.lookup(name, block), walkLookup(seen, name, block), `seed ${seed}, layer ${i}`);
        }
        const pattern = [...seen]
          .reverse()
          .find((x) => x.name === name && (x.kind === 'decl' || x.kind === 'random') && x.pattern);
        assert.equal(e.lookupPattern(name), pattern ?? null);
        assert.equal(
          e.isDimension(name),
          seen.some((x) => x.name === name && x.kind === 'dim'),
        );
      }
    });
  }
});

test('extending an older point of a chain starts its own index and leaves the chain as it was', () => {
  const a: Entry = { kind: 'def', name: 's', expr, params: null, indices: null, diagonal: false, at: 0 };
  const b: Entry = { ...a, at: 1, scope: 3 };
  const base = Env.empty.with(a);
  const main = base.with(b).with({ kind: 'end', name: 's', closes: 3, at: 2 });
  const branch = base.with({ ...b, at: 5 });
  assert.equal(main.lookup('s', 0), a);
  assert.equal(branch.lookup('s', 0)?.at, 5);
  assert.equal(base.lookup('s', 0), a);
});

test('chains forked at random points, forks of forks included, look up as chains built fresh', () => {
  for (let seed = 1; seed <= 30; seed++) {
    const r = rng(100 + seed);
    // Every point made so far, with its own chain of layers: a build resumed from a recorded
    // state extends an older point, and the older chains are asked again afterwards (a splice
    // keeps the previous build's environments).
    const points: { env: Env; chain: Layer[] }[] = [{ env: Env.empty, chain: [] }];
    for (let branch = 0; branch < 6; branch++) {
      let { env, chain } = points[Math.floor(r() * points.length)];
      for (let i = 0; i < 30; i++) {
        const layer = randomLayer(r, chain.length);
        chain = [...chain, layer];
        env = env.with(layer);
        points.push({ env, chain });
      }
    }
    for (const { env, chain } of points) {
      for (const name of NAMES) {
        for (const block of [-1, 0, 1])
          assert.equal(env.lookup(name, block), walkLookup(chain, name, block), `seed ${seed}`);
        const pattern = [...chain]
          .reverse()
          .find((x) => x.name === name && (x.kind === 'decl' || x.kind === 'random') && x.pattern);
        assert.equal(env.lookupPattern(name), pattern ?? null);
        assert.equal(
          env.isDimension(name),
          chain.some((x) => x.name === name && x.kind === 'dim'),
        );
      }
    }
  }
});

/** Every query of an environment, as answers that compare across two builds of one chain. */
function answers(env: Env): unknown[] {
  const out: unknown[] = [];
  for (const name of [...NAMES, 'p']) {
    for (const block of [-1, 0, 1]) {
      out.push(env.lookup(name, block), env.endedValue(name, block));
      const generic = env.lookupGeneric(name, block);
      out.push(generic && { ...generic });
    }
    out.push(env.lookupPattern(name), env.isDimension(name), env.dimensionEntry(name), env.isParameter(name));
    for (const at of [-1, 3, 10, 25, 1000]) out.push(env.redeclaredAround(name, at));
  }
  return out;
}

test('forks of forks, deeper than a lookup passes through, answer every query as a fresh chain', () => {
  const withParams = (r: () => number, at: number): Layer => {
    if (r() < 0.08) {
      const name = NAMES[Math.floor(r() * NAMES.length)];
      return {
        kind: 'def',
        name,
        expr,
        params: [{ name: 'p' } as never],
        indices: null,
        diagonal: false,
        at,
      };
    }
    return randomLayer(r, at);
  };
  for (let seed = 1; seed <= 12; seed++) {
    const r = rng(500 + seed);
    const points: { env: Env; chain: Layer[] }[] = [{ env: Env.empty, chain: [] }];
    // Forks from the newest points mostly (an edit below the last one), from any point sometimes,
    // and from one point again and again (the same claim edited): chains of many levels.
    for (let branch = 0; branch < 24; branch++) {
      const pick = r();
      const from =
        pick < 0.5
          ? points.length - 1 - Math.floor(r() * 10)
          : pick < 0.7
            ? Math.min(points.length - 1, 12)
            : Math.floor(r() * points.length);
      let { env, chain } = points[Math.max(0, from)];
      const n = 5 + Math.floor(r() * 15);
      for (let i = 0; i < n; i++) {
        const layer = withParams(r, chain.length);
        chain = [...chain, layer];
        env = env.with(layer);
        points.push({ env, chain });
      }
    }
    for (const [k, { env, chain }] of points.entries()) {
      let fresh = Env.empty;
      for (const layer of chain) fresh = fresh.with(layer);
      assert.deepEqual(answers(env), answers(fresh), `seed ${seed}, point ${k}`);
    }
  }
});
