// Laws the parser leaves as a name applied to parameters, read after `\sim`: the geometric law
// (`\mathrm{Geom}(p)`, `\operatorname{Geometric}(p)`), whose support the words must fix, and the
// uniform and normal laws written by their letters (`U(-a, a)`, `\mathcal{U}(a, b)`, `U[a, b]`,
// `N(0, 1)`).
import type { Node } from '../math/tree';
import type { Distribution } from './types';

/** What a geometric variable counts, as the words of its sentence say. */
export type GeometricCount = 'trials' | 'failures';

// "the number of trials up to and including the first success", "the number of flips needed",
// "counts the tosses until a head": the count starts at 1.
const TRIALS =
  /\b(?:number|count|counts|counting)\s+(?:of\s+)?(?:the\s+)?(?:independent\s+)?(?:bernoulli\s+)?(?:trials|tosses|flips|attempts|tries|draws|rolls)\b|\bincluding\s+the\s+(?:first\s+)?success\b/;
// "the number of failures before the first success": the count starts at 0.
const FAILURES = /\b(?:number|count|counts|counting)\s+(?:of\s+)?(?:the\s+)?failures\b|\bfailures\s+before\b/;

/**
 * What the words around a geometric law say it counts: trials (1, 2, …) or failures before the
 * first success (0, 1, …); undefined when they say neither or both (the reader cannot tell).
 */
export function geometricCount(words: string): GeometricCount | undefined {
  const w = words.toLowerCase().replace(/\s+/g, ' ');
  const trials = TRIALS.test(w);
  const failures = FAILURES.test(w);
  if (trials === failures) return undefined;
  return trials ? 'trials' : 'failures';
}

/** Whether a span's text writes a geometric law, so its sentence's words are worth reading. */
export function writesGeometric(text: string): boolean {
  return /geom/i.test(text);
}

function head(f: Node): string | null {
  if (f.kind !== 'sym' || f.sub !== null || f.primes !== 0) return null;
  const m = /^(?:\\text\{([A-Za-z]+)\}|([A-Za-z]+))$/.exec(f.name);
  return m ? (m[1] ?? m[2]) : null;
}

export type AppliedLaw = { ok: true; dist: Distribution } | { ok: false; law: string; why: string } | null;

/**
 * The law a `\sim` right side applies by name, or null when it applies none. `known` says whether
 * the document defines a letter as a function (then `U(a, b)` is that U applied, not the uniform
 * law; a value or random variable named U cannot take two parameters).
 * A geometric law whose count the words do not give is not sampled, saying why.
 */
export function appliedLaw(
  rhs: Node,
  written: string,
  count: GeometricCount | undefined,
  known: (name: string) => boolean,
): AppliedLaw {
  if (rhs.kind === 'apply' && rhs.args.length === 1 && /^geom(?:etric)?$/i.test(head(rhs.f) ?? '')) {
    if (!count)
      return {
        ok: false,
        law: written.trim().replace(/\s+/g, ' '),
        why:
          'the text does not say whether this geometric law counts trials (1, 2, …, up to and including ' +
          'the first success) or failures before it (0, 1, …): say which in the sentence that declares it ' +
          '("the number of trials …", "the number of failures …") to have claims about it checked',
      };
    const least = count === 'trials' ? 1 : 0;
    return {
      ok: true,
      dist: {
        kind: 'Law',
        law: 'Geometric',
        a: rhs.args[0],
        b: { kind: 'num', value: least, text: String(least), start: rhs.end, end: rhs.end } as Node,
      },
    };
  }
  // `N(0, 1)`, `\mathrm{N}(\mu, \sigma^2)`: the normal law (mean, variance) by its letter, as
  // `\mathcal{N}` writes it, unless N is a function of the text's.
  const normal = /^\s*(?:\\(?:mathrm|text|textrm|mathsf|rm)\s*\{\s*N\s*\}|N)\s*(?:\\left\s*)?\(/.test(
    written,
  );
  if (normal && !known('N') && rhs.kind === 'apply' && rhs.args.length === 2 && head(rhs.f) === 'N')
    return { ok: true, dist: { kind: 'Normal', mean: rhs.args[0], variance: rhs.args[1] } };
  // `U(-a, a)`, `\mathcal{U}(0, 1)`, `U[a, b]`: the uniform law, unless U is a function of the text's.
  const letter = /^\s*(?:\\mathcal\s*\{\s*U\s*\}|\\mathcal\s+U|U)\s*(?:\\left\s*)?[([]/.test(written);
  if (!letter || known('U')) return null;
  if (rhs.kind === 'apply' && rhs.args.length === 2 && head(rhs.f) === 'U')
    return { ok: true, dist: { kind: 'Uniform', a: rhs.args[0], b: rhs.args[1] } };
  if (rhs.kind === 'subscript' && rhs.indices.length === 2 && head(rhs.base) === 'U')
    return { ok: true, dist: { kind: 'Uniform', a: rhs.indices[0], b: rhs.indices[1] } };
  return null;
}
