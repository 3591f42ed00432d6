// "We observe $y = Xw + \varepsilon$ with $\varepsilon \sim \mathcal N(0, \sigma^2 I)$": a letter that
// first appears as a parameter of a law is that parameter, as its reader takes it — σ of a variance
// a positive scale (σ² and σ²I alike), p of a Bernoulli law a probability, μ of a univariate normal
// law a real number, a Poisson or exponential rate a positive number, a binomial's n a whole number
// and its p a probability.
// Claims about σ (the noise of a Gaussian process, Woodbury's σ²I) are then checked rather than
// left with an unknown name.
import type { Node, SymNode } from '../math/tree';
import { children } from './names';
import type { DeclSpec, Distribution } from './types';

export interface LawParameter {
  sym: SymNode;
  spec: DeclSpec;
}

/** `σ`, `σ^2`, `σ^2 I`, `σ^2 I_n`: the scale letter of a variance, or null. */
function scaleLetter(n: Node): SymNode | null {
  const inner = n.kind === 'group' && n.items.length === 1 ? n.items[0] : n;
  // A capital (`C`, `\Sigma`, `K`) names a covariance matrix, not a scale.
  if (inner.kind === 'sym') return /^\\?[A-Z]/.test(inner.base) ? null : inner;
  if (inner.kind === 'pow' && inner.base.kind === 'sym') {
    const e =
      inner.exponent.kind === 'group' && inner.exponent.items.length === 1
        ? inner.exponent.items[0]
        : inner.exponent;
    return e.kind === 'num' && e.value === 2 ? inner.base : null;
  }
  if (inner.kind === 'bin' && inner.op === 'juxt' && isIdentity(inner.right)) return scaleLetter(inner.left);
  return null;
}

function isIdentity(n: Node): boolean {
  return n.kind === 'sym' && (n.stem === 'I' || n.stem === '\\mathbb{I}');
}

/** Whether a variance is a scalar's (`σ^2`), not a covariance matrix's (`σ^2 I`, `Σ`). */
function scalarVariance(n: Node): boolean {
  const inner = n.kind === 'group' && n.items.length === 1 ? n.items[0] : n;
  return inner.kind === 'pow' || inner.kind === 'num';
}

/** The letters a law's parameters introduce, each with how it is sampled. */
export function lawParameters(dist: Distribution): LawParameter[] {
  const out: LawParameter[] = [];
  if (dist.kind === 'Normal') {
    const scale = scaleLetter(dist.variance);
    if (scale) out.push({ sym: scale, spec: { set: 'positive', shape: [] } });
    if (dist.mean.kind === 'sym' && dist.mean.sub === null && scalarVariance(dist.variance))
      out.push({ sym: dist.mean, spec: { set: 'real', shape: [] } });
  } else if (dist.kind === 'Bernoulli' && dist.p.kind === 'sym') {
    out.push({ sym: dist.p, spec: { set: 'interval', shape: [], lo: 0, hi: 1 } });
  } else if (dist.kind === 'Law' && dist.law === 'Beta') {
    // Both of a Beta law's parameters are positive.
    for (const p of [dist.a, dist.b])
      if (p?.kind === 'sym') out.push({ sym: p, spec: { set: 'positive', shape: [] } });
  } else if (dist.kind === 'Law' && dist.law === 'Geometric') {
    // A geometric law's p is a probability of success.
    if (dist.a.kind === 'sym') out.push({ sym: dist.a, spec: { set: 'interval', shape: [], lo: 0, hi: 1 } });
  } else if (dist.kind === 'Law' && dist.law !== 'Binomial' && dist.a.kind === 'sym') {
    // A Poisson or exponential rate is a positive number.
    out.push({ sym: dist.a, spec: { set: 'positive', shape: [] } });
  } else if (dist.kind === 'Law') {
    // A binomial's number of trials is a whole number, its p a probability.
    if (dist.a.kind === 'sym') out.push({ sym: dist.a, spec: { set: 'natural', shape: [] } });
    if (dist.b?.kind === 'sym') out.push({ sym: dist.b, spec: { set: 'interval', shape: [], lo: 0, hi: 1 } });
  }
  return out;
}

/** What the parameters of laws the checker does not sample are (the law itself stays unsampled). */
const UNSAMPLED_PARAMETERS: Record<string, DeclSpec[]> = {
  geom: [{ set: 'interval', shape: [], lo: 0, hi: 1 }],
  geometric: [{ set: 'interval', shape: [], lo: 0, hi: 1 }],
  beta: [
    { set: 'positive', shape: [] },
    { set: 'positive', shape: [] },
  ],
  gamma: [
    { set: 'positive', shape: [] },
    { set: 'positive', shape: [] },
  ],
};

/**
 * `X \sim \mathrm{Geom}(p)`, `\theta \sim \mathrm{Beta}(a, b)`: the letters a law the checker does
 * not sample is given, each what that law needs (p a probability, a shape or rate positive), so
 * claims about them alone (`\sum_k k(1-p)^{k-1} p = 1/p`) are checked.
 */
export function unsampledLawParameters(law: Node): LawParameter[] {
  if (law.kind !== 'apply') return [];
  const word = /^\\(?:text|mathrm|operatorname|mathit)\{([A-Za-z]+)\}$|^([A-Za-z]+)$/.exec(law.f.name);
  const specs = UNSAMPLED_PARAMETERS[(word?.[1] ?? word?.[2] ?? '').toLowerCase()];
  if (!specs || specs.length !== law.args.length) return [];
  const out: LawParameter[] = [];
  law.args.forEach((arg, k) => {
    if (arg.kind === 'sym' && arg.sub === null) out.push({ sym: arg, spec: specs[k] });
  });
  return out;
}

/**
 * A law given by its moments ("with mean $\mu$ and variance $\sigma_w^2$", model/momentWords.ts): a
 * letter mean is a real number, the variance's letter (v, or σ of σ²) a positive one. σ_w is one
 * number here, the weights' scale, not a family of σ's.
 */
export function momentParameters(mean: Node, variance: Node): LawParameter[] {
  const out: LawParameter[] = [];
  const scale = scaleLetter(variance);
  if (scale) out.push({ sym: scale, spec: { set: 'positive', shape: [] } });
  if (mean.kind === 'sym' && mean.sub === null) out.push({ sym: mean, spec: { set: 'real', shape: [] } });
  return out;
}

/** `\epsilon`, `\varepsilon`: the letters numerical notes add to keep a root or a division safe. */
const SAFETY = /^\\(?:epsilon|varepsilon)$/;

/**
 * `\sqrt{\sigma_B^2 + \epsilon}`, `(v + \epsilon)^{-1/2}`, `\frac{g}{\sqrt{v} + \epsilon}`: an ε added
 * to what is rooted or divided by is the small positive constant that keeps the operation defined
 * (batch normalisation, Adam, RMSProp), as every reader takes it: the ε letters so written.
 */
export function safetyEpsilons(sides: Node[]): SymNode[] {
  const out: SymNode[] = [];
  const addends = (n: Node) => {
    const inner = n.kind === 'group' && n.items.length === 1 ? n.items[0] : n;
    if (inner.kind !== 'bin' || inner.op !== '+') return;
    for (const x of [inner.left, inner.right])
      if (x.kind === 'sym' && x.sub === null && SAFETY.test(x.name)) out.push(x);
      else addends(x);
  };
  const visit = (n: Node) => {
    if (n.kind === 'sqrt') addends(n.radicand);
    if (n.kind === 'frac') addends(n.denominator);
    if (n.kind === 'bin' && n.op === '/') addends(n.right);
    if (n.kind === 'pow' && n.exponent.kind === 'neg') addends(n.base);
    for (const ch of children(n)) visit(ch);
  };
  sides.forEach(visit);
  return out;
}
