// Drawing the next token from a model's scores: a softmax with a temperature, optionally over the k highest
// scores only, from a seeded generator (the character models of chapter 8, the transformer of chapter 9).
import { defaultGenerator, type Rng } from './random.ts';
import { shapeStr, Tensor } from './tensor.ts';

export interface SampleOptions {
  /** τ ≥ 0 divides the logits: below 1 sharpens the distribution, above 1 flattens it, 0 always picks the top score. Default 1. */
  temperature?: number;
  /** Keep only the k highest logits (ties go to the lower index). Default: all of them. */
  topK?: number;
}

/** The logits of one distribution as a flat list: a [K] tensor or array, or a tensor whose other axes are all 1 ([1, K]). */
function logitsOf(logits: Tensor | ArrayLike<number>, op: string): ArrayLike<number> {
  if (!(logits instanceof Tensor)) return logits;
  const K = logits.shape[logits.shape.length - 1] ?? 1;
  if (logits.size !== K) {
    throw new Error(`${op}: logits ${shapeStr(logits.shape)} hold ${logits.size / K} distributions; pass one at a time (e.g. logits.index(b))`);
  }
  return logits.data;
}

/**
 * The distribution `sample` draws from, as K probabilities: with S the k highest logits (all when no topK),
 *   p_i = e^{z_i/τ} / Σ_{j∈S} e^{z_j/τ}  for i in S,  0 outside S;
 * for τ = 0, all of the probability on the highest logit (the lowest index among ties).
 * logits: [K] (a tensor, or numbers), or a tensor of one row such as [1, K]. -Infinity is allowed (a masked token).
 */
export function sampleProbabilities(logits: Tensor | ArrayLike<number>, opts: SampleOptions = {}): number[] {
  const z = logitsOf(logits, 'sample');
  const K = z.length;
  const tau = opts.temperature ?? 1;
  const k = opts.topK ?? K;
  if (K === 0) throw new Error('sample: there are no logits to sample from');
  if (!(tau >= 0 && Number.isFinite(tau))) throw new Error(`sample: temperature must be a number ≥ 0, got ${tau}`);
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`sample: topK must be a whole number ≥ 1, got ${k}`);
  for (let i = 0; i < K; i++) {
    if (Number.isNaN(z[i]) || z[i] === Infinity) throw new Error(`sample: logit ${i} is ${z[i]}`);
  }
  // Indices from the highest logit down; ties (and -Infinity against -Infinity) keep index order.
  const order = Array.from({ length: K }, (_, i) => i).sort((a, b) => z[b] - z[a] || a - b);
  const top = z[order[0]];
  if (top === -Infinity) throw new Error('sample: every logit is -Infinity');
  const p = new Array<number>(K).fill(0);
  if (tau === 0) {
    p[order[0]] = 1;
    return p;
  }
  let total = 0;
  for (let r = 0; r < Math.min(k, K); r++) total += p[order[r]] = Math.exp((z[order[r]] - top) / tau);
  for (let i = 0; i < K; i++) p[i] /= total;
  return p;
}

/**
 * One index drawn from softmax(logits / τ), restricted to the topK highest logits if given, using `rng`
 * (the default stream `manualSeed` sets when omitted; one `rng.next()` per draw, none for τ = 0): the same generator state gives the same index. τ = 0 is the
 * argmax (greedy decoding). See `sampleProbabilities` for the distribution and the accepted shapes.
 */
export function sample(logits: Tensor | ArrayLike<number>, opts: SampleOptions & { rng?: Rng } = {}): number {
  const p = sampleProbabilities(logits, opts);
  if ((opts.temperature ?? 1) === 0) return p.indexOf(1);
  const u = (opts.rng ?? defaultGenerator).next();
  let cum = 0;
  let last = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    cum += p[i];
    last = i;
    if (u < cum) return i;
  }
  return last; // u within rounding of 1
}
