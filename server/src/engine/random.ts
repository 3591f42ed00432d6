// Deterministic randomness: the same seed gives the same trials on every machine and run, so a
// counterexample reported once can be reproduced. sfc32 (Chris Doty-Humphrey's Small Fast
// Counting generator) with its state filled by splitmix32 from a 32-bit seed.

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised with fmix32 because plain FNV mixes its last bytes poorly. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Order-sensitive mix of two 32-bit seeds (combineSeeds(a,b) ≠ combineSeeds(b,a) in general). */
export function combineSeeds(a: number, b: number): number {
  const x = a >>> 0,
    y = b >>> 0;
  return fmix32((x ^ (y + 0x9e3779b9 + (x << 6) + (x >>> 2))) >>> 0);
}

export class Rng {
  /** The 32-bit seed this stream was made from; forks derive from it, not from the current state. */
  readonly seed: number;
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number) {
    this.seed = Math.floor(seed) >>> 0;
    let s = this.seed;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      return fmix32(s);
    };
    this.a = next() | 0;
    this.b = next() | 0;
    this.c = next() | 0;
    this.d = next() | 0;
    // The first outputs of sfc32 still echo the seed; the reference implementation discards some.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with the full 53 bits of a double (two 32-bit draws). */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /**
   * Standard normal (times sd, plus mean) by Box–Muller. Each call draws a fresh pair and uses one
   * value, so the stream never depends on a cached spare from an earlier call.
   */
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.uniform(); // (0, 1], so the log is finite
    const u2 = this.uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Fills `out` with standard normals by Marsaglia's polar method: both values of each pair, no
   * trigonometry, 32-bit uniforms (ample for sampling test values).
   */
  fillNormal(out: Float64Array): void {
    let i = 0;
    while (i < out.length) {
      const u = this.nextUint32() * 4.656612873077393e-10 - 1; // 2/2^32
      const v = this.nextUint32() * 4.656612873077393e-10 - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      out[i++] = u * f;
      if (i < out.length) out[i++] = v * f;
    }
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    const a = Math.ceil(lo),
      b = Math.floor(hi);
    if (b < a) throw new RangeError(`empty integer range [${lo}, ${hi}]`);
    return a + Math.floor(this.uniform() * (b - a + 1));
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** An independent stream named by `label`: the same parent seed and label always give the same stream. */
  fork(label: string): Rng {
    return new Rng(combineSeeds(this.seed, hashString(label)));
  }
}
