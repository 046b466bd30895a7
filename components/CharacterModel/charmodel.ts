// The character model of chapter 8: an LSTM that reads first names letter by letter and predicts the next
// letter, trained on windows of the names joined by an end mark, and sampled one letter at a time at a
// temperature. Pure TypeScript over the engine, so it runs in a worker and in unit tests alike.
import { clipGradNorm, crossEntropy, nn, noGrad, optim, rng as makeRng, sampleProbabilities, sample, type Rng, type Tensor } from '../../engine/index.ts';

/** The end mark '.' (id 0) and the letters a–z (ids 1–26). */
export const ALPHABET = '.abcdefghijklmnopqrstuvwxyz';
export const VOCAB = ALPHABET.length;
export const END = 0;

export const encode = (s: string): number[] => Array.from(s, (c) => Math.max(0, ALPHABET.indexOf(c)));
export const decode = (ids: ArrayLike<number>): string => Array.from(ids, (i) => ALPHABET[i] ?? '?').join('');

/** Names that are lower-case a–z only, without duplicates. */
export function cleanNames(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.trim().toLowerCase()).filter((n) => /^[a-z]{2,}$/.test(n)))];
}

/** A seeded split: every tenth name of a shuffled list is held out. */
export function splitNames(names: readonly string[], r: Rng): { train: string[]; test: string[] } {
  const order = r.permutation(names.length);
  const train: string[] = [];
  const test: string[] = [];
  order.forEach((j, i) => (i % 10 === 9 ? test : train).push(names[j]));
  return { train, test };
}

/** The names in a seeded order, joined as ".anna.bob.…": the end mark before each name and after the last. */
export function stream(names: readonly string[], r: Rng): Int32Array {
  const order = r.permutation(names.length);
  return Int32Array.from(encode('.' + Array.from(order, (j) => names[j] + '.').join('')));
}

export interface CharNetOptions {
  hidden?: number;
  embed?: number;
  lr?: number;
  seed?: number;
}

/** One sampled name, with the distribution each letter was drawn from. */
export interface Sampled {
  name: string;
  /** For each drawn letter (and the final end mark): the probabilities of all 27 symbols. */
  probs: number[][];
}

export class CharNet {
  readonly embed: nn.Embedding;
  readonly lstm: nn.LSTM;
  readonly head: nn.Linear;
  readonly opt: optim.Adam;
  steps = 0;

  constructor(opts: CharNetOptions = {}) {
    const r = makeRng(opts.seed ?? 1);
    const E = opts.embed ?? 16;
    const H = opts.hidden ?? 64;
    this.embed = new nn.Embedding(VOCAB, E, { rng: r });
    this.lstm = new nn.LSTM(E, H, { rng: r, forgetBias: 1 });
    this.head = new nn.Linear(H, VOCAB, { rng: r });
    this.opt = new optim.Adam(this.parameters(), { lr: opts.lr ?? 0.01 });
  }

  parameters(): Tensor[] {
    return [...this.embed.parameters(), ...this.lstm.parameters(), ...this.head.parameters()];
  }

  /** Logits [B·T, VOCAB] for windows ids [B, T]. */
  private logits(ids: Int32Array, B: number, T: number): Tensor {
    const x = this.embed.forward(ids).reshape(B, T, -1);
    const { output } = this.lstm.forward(x);
    return this.head.forward(output.reshape(B * T, -1));
  }

  /** One Adam step on B random windows of T + 1 symbols of `data`; returns the mean loss per character. */
  trainStep(data: Int32Array, r: Rng, B = 16, T = 24, clip = 1): number {
    const ids = new Int32Array(B * T);
    const next = new Int32Array(B * T);
    for (let b = 0; b < B; b++) {
      const start = r.int(data.length - T - 1);
      for (let t = 0; t < T; t++) {
        ids[b * T + t] = data[start + t];
        next[b * T + t] = data[start + t + 1];
      }
    }
    this.opt.zeroGrad();
    const loss = crossEntropy(this.logits(ids, B, T), next);
    loss.backward();
    clipGradNorm(this.parameters(), clip);
    this.opt.step();
    this.steps++;
    return loss.item();
  }

  /** The mean loss per character (natural log) on `data`, read in windows of T from a fresh state. */
  evaluate(data: Int32Array, T = 48): number {
    const n = Math.floor((data.length - 1) / T);
    if (n < 1) return Number.NaN;
    const ids = new Int32Array(n * T);
    const next = new Int32Array(n * T);
    for (let i = 0; i < n * T; i++) {
      ids[i] = data[i];
      next[i] = data[i + 1];
    }
    return noGrad(() => crossEntropy(this.logits(ids, n, T), next).item());
  }

  /** Draws a name from the end mark until the next one (at most `maxLen` letters), at `temperature`. */
  sample(temperature: number, r: Rng, maxLen = 16): Sampled {
    return noGrad(() => {
      let id = END;
      let state: { h: Tensor; c: Tensor } | undefined;
      let name = '';
      const probs: number[][] = [];
      for (let i = 0; i <= maxLen; i++) {
        const x = this.embed.forward([id]).reshape(1, 1, -1);
        const out = this.lstm.forward(x, state);
        state = { h: out.h, c: out.c };
        const logits = this.head.forward(out.h);
        // The last step may only end the name.
        const z = Array.from(logits.data);
        if (i === maxLen) for (let k = 1; k < VOCAB; k++) z[k] = -Infinity;
        probs.push(sampleProbabilities(z, { temperature }));
        id = sample(z, { temperature, rng: r });
        if (id === END) break;
        name += ALPHABET[id];
      }
      return { name, probs };
    });
  }

  /** The weights, for sending from a worker (copies). */
  weights(): Float32Array[] {
    return this.parameters().map((p) => p.data.slice());
  }

  load(weights: Float32Array[]): void {
    const ps = this.parameters();
    if (weights.length !== ps.length || weights.some((w, i) => w.length !== ps[i].size)) throw new Error('CharNet.load: the weights do not fit this network');
    ps.forEach((p, i) => p.data.set(weights[i]));
  }
}

/**
 * The held-out loss of an n-gram model, the baseline a recurrent model must beat: each name is read as
 * (n − 1) end marks, its letters and an end mark, and every letter and the final end mark is predicted
 * from the n − 1 symbols before it, with probability (count(context, k) + α) / (count(context) + 27α)
 * counted on `train` (α = 1: add-one smoothing). n = 1 is the letter frequencies alone, n = 2 the bigram.
 * Returns the mean cross-entropy per predicted symbol (natural log) on `test`.
 */
export function ngramLoss(train: readonly string[], test: readonly string[], n: number, alpha = 1): number {
  const pad = '.'.repeat(n - 1);
  const counts = new Map<string, Float64Array>();
  for (const name of train) {
    const s = pad + name + '.';
    for (let i = n - 1; i < s.length; i++) {
      const ctx = s.slice(i - n + 1, i);
      let row = counts.get(ctx);
      if (!row) counts.set(ctx, (row = new Float64Array(VOCAB + 1)));
      row[ALPHABET.indexOf(s[i])]++;
      row[VOCAB]++; // the context's total
    }
  }
  let sum = 0;
  let count = 0;
  for (const name of test) {
    const s = pad + name + '.';
    for (let i = n - 1; i < s.length; i++) {
      const row = counts.get(s.slice(i - n + 1, i));
      const p = ((row?.[ALPHABET.indexOf(s[i])] ?? 0) + alpha) / ((row?.[VOCAB] ?? 0) + VOCAB * alpha);
      sum -= Math.log(p);
      count++;
    }
  }
  return sum / count;
}

/** Where a sampled name comes from: a copy of a training name, a real name the model never saw, or neither. */
export type Origin = 'train' | 'held-out' | 'novel';

export function originOf(name: string, train: ReadonlySet<string>, test: ReadonlySet<string>): Origin {
  return train.has(name) ? 'train' : test.has(name) ? 'held-out' : 'novel';
}

/** The empirical distribution of name lengths, for comparing samples with the data. */
export function meanLength(names: readonly string[]): number {
  return names.length ? names.reduce((a, n) => a + n.length, 0) / names.length : 0;
}

