// Seeded randomness: one small generator (sfc32, seeded through splitmix32) for the whole engine, and the
// default stream that layers draw from when they are given no generator (PyTorch's default generator,
// which `manualSeed` restarts). Nothing in the engine draws from the unseeded global generator: the same
// seed gives the same numbers on every run.

/** Mixes a 32-bit seed into a well-spread stream of 32-bit words (splitmix32). */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator's state, from `Rng.getState()`. */
export interface RngState {
  words: [number, number, number, number];
  spare: number | null;
}

/** A seeded pseudo-random generator (sfc32): fast, 128-bit state, good statistical quality. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** A spare normal deviate from the last Box-Muller pair. */
  private spare: number | null = null;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`Rng: seed must be a finite number, got ${seed}`);
    const mix = splitmix32(Math.floor(seed));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** Normal with the given mean and standard deviation (Box-Muller). */
  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** A whole number in 0..n-1. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles `a` in place (Fisher-Yates) and returns it. */
  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * The generator's state as plain JSON: its four 32-bit words and the spare normal deviate (or null).
   * A generator given it by `setState` draws the same numbers from then on.
   */
  getState(): RngState {
    // NOTE: `a` comes from an XOR, a signed 32-bit result; >>> 0 gives the same bits as an unsigned word.
    return { words: [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0], spare: this.spare };
  }

  /** Puts back a state from `getState()`. Throws, changing nothing, unless it has four 32-bit words and a finite or null spare. */
  setState(state: RngState): void {
    const words: unknown = state?.words;
    const spare: unknown = state?.spare;
    if (!Array.isArray(words) || words.length !== 4 || !words.every((w) => Number.isInteger(w) && w >= 0 && w < 4294967296)) {
      throw new Error('Rng.setState: words must be four whole numbers in 0..2³²-1');
    }
    if (spare !== null && !(typeof spare === 'number' && Number.isFinite(spare))) throw new Error('Rng.setState: spare must be a finite number or null');
    [this.a, this.b, this.c, this.d] = words as number[];
    this.spare = spare;
  }

  /** A new generator seeded from this one: independent streams for independent parts. */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 4294967296));
  }
}

/** A seeded generator: `rng(42)` gives the same numbers on every run. */
export function rng(seed: number): Rng {
  return new Rng(seed);
}

/**
 * The default stream: layers built without `{ rng }` draw their weights from it, and `nn.Dropout` its
 * masks, one after another, so two `new nn.Linear(2, 3)` get different weights (as in PyTorch). It starts
 * at seed 0 when the engine loads, and `manualSeed(n)` restarts it at seed n.
 * NOTE: a layer with a generator of its own (every figure passes one) never touches this stream, so the
 * figures' numbers do not depend on what else has drawn from it.
 */
export const defaultGenerator: Rng = new Rng(0);

/**
 * Restarts the default stream at `seed`, as `torch.manual_seed(seed)`: what follows draws the same numbers
 * as it did after the last `manualSeed(seed)`. Returns the default generator.
 */
export function manualSeed(seed: number): Rng {
  defaultGenerator.setState(new Rng(seed).getState());
  return defaultGenerator;
}
