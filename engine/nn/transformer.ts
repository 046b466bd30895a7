// The transformer: a pre-LN block (attention and MLP, each inside a residual), learned positions, and a
// small decoder-only language model with sampling, as in GPT-2 (Radford et al. 2019) at toy scale.
import { crossEntropy } from '../ops/losses.ts';
import { defaultGenerator, type Rng } from '../random.ts';
import { sample, type SampleOptions } from '../sample.ts';
import { noGrad, shapeStr, Tensor, zeros } from '../tensor.ts';
import { MultiHeadAttention, type BoolMask } from './attention.ts';
import { Linear, MLP } from './layers.ts';
import { Module } from './module.ts';
import { Embedding, LayerNorm, positionalEncoding } from './sequence.ts';

export interface TransformerBlockOptions {
  heads?: number;
  /** Width of the MLP's hidden layer (default 4·dim). */
  hidden?: number;
  /** Hide the future in the attention (a decoder block). */
  causal?: boolean;
  rng?: Rng;
}

/**
 * A pre-LN transformer block (Xiong et al. 2020): h = x + Attention(LN₁(x)), then h + MLP(LN₂(h)), the MLP
 * dim → hidden → dim with a GELU. x: [T, dim] or [B, T, dim], same shape out.
 * After a forward, `attn.attention` holds the weights [B, heads, T, T].
 */
export class TransformerBlock extends Module {
  ln1: LayerNorm;
  attn: MultiHeadAttention;
  ln2: LayerNorm;
  mlp: MLP;
  readonly causal: boolean;

  constructor(dim: number, opts: TransformerBlockOptions = {}) {
    super();
    const rng = opts.rng ?? defaultGenerator;
    this.causal = opts.causal ?? false;
    this.ln1 = new LayerNorm(dim);
    this.attn = new MultiHeadAttention(dim, opts.heads ?? 1, { rng });
    this.ln2 = new LayerNorm(dim);
    this.mlp = new MLP([dim, opts.hidden ?? 4 * dim, dim], { activation: 'gelu', init: 'xavier', rng });
  }

  forward(x: Tensor, opts: { keyPaddingMask?: BoolMask | null } = {}): Tensor {
    const a = this.ln1.forward(x);
    const [y] = this.attn.forward(a, a, a, { isCausal: this.causal, keyPaddingMask: opts.keyPaddingMask, needWeights: false });
    const h = x.add(y);
    return h.add(this.mlp.forward(this.ln2.forward(h)));
  }
}

/** Learned positions: a [maxLen, dim] table whose first T rows are added to the token embeddings. */
export class PositionalEmbedding extends Module {
  weight: Tensor;

  constructor(readonly maxLen: number, dim: number, opts: { std?: number; rng?: Rng } = {}) {
    super();
    const rng = opts.rng ?? defaultGenerator;
    this.weight = zeros([maxLen, dim], { requiresGrad: true });
    for (let i = 0; i < this.weight.size; i++) this.weight.data[i] = rng.normal(0, opts.std ?? 1);
  }

  /** The positions 0 … T−1: [T, dim]. */
  forward(T: number): Tensor {
    if (!Number.isInteger(T) || T < 1 || T > this.maxLen) throw new RangeError(`PositionalEmbedding: ${T} positions asked for, this table holds 1 to ${this.maxLen}`);
    return T === this.maxLen ? this.weight : this.weight.slice(0, 0, T);
  }
}

export interface TransformerLMOptions {
  /** Width of the residual stream (default 64). */
  dim?: number;
  layers?: number;
  heads?: number;
  /** MLP hidden width (default 4·dim). */
  hidden?: number;
  /** Longest context (default 64). */
  maxLen?: number;
  /** Learned (default), sinusoidal (fixed), or none: without positions the model cannot tell order. */
  positions?: 'learned' | 'sinusoidal' | 'none';
  rng?: Rng;
}

/**
 * A decoder-only transformer language model: token embedding + positions → `layers` causal pre-LN blocks →
 * final LayerNorm → a linear head to vocabulary logits. ids: B sequences of T tokens → logits [B, T, vocab].
 * Initialised as GPT-2: weights N(0, 0.02²), the residual projections (attention output, second MLP layer)
 * N(0, (0.02/√(2·layers))²), biases 0.
 */
export class TransformerLM extends Module {
  tokenEmbedding: Embedding;
  positionEmbedding: PositionalEmbedding | null;
  blocks: TransformerBlock[];
  lnF: LayerNorm;
  head: Linear;
  readonly vocabSize: number;
  readonly maxLen: number;
  readonly positions: 'learned' | 'sinusoidal' | 'none';
  private sinusoid: Tensor | null = null;

  constructor(vocabSize: number, opts: TransformerLMOptions = {}) {
    super();
    const rng = opts.rng ?? defaultGenerator;
    const dim = opts.dim ?? 64, layers = opts.layers ?? 2;
    this.vocabSize = vocabSize;
    this.maxLen = opts.maxLen ?? 64;
    this.positions = opts.positions ?? 'learned';
    this.tokenEmbedding = new Embedding(vocabSize, dim, { rng });
    this.positionEmbedding = this.positions === 'learned' ? new PositionalEmbedding(this.maxLen, dim, { rng }) : null;
    if (this.positions === 'sinusoidal') this.sinusoid = positionalEncoding(this.maxLen, dim);
    this.blocks = Array.from({ length: layers }, () => new TransformerBlock(dim, { heads: opts.heads ?? 4, hidden: opts.hidden, causal: true, rng }));
    this.lnF = new LayerNorm(dim);
    this.head = new Linear(dim, vocabSize, { bias: false, rng });
    const residual = new Set(this.blocks.flatMap((b) => [b.attn.out_proj.weight, b.mlp.linears[b.mlp.linears.length - 1].weight]));
    const residualStd = 0.02 / Math.sqrt(2 * layers);
    for (const p of this.parameters()) {
      if (p.ndim !== 2) continue; // biases stay 0, LayerNorm at 1 and 0
      const std = residual.has(p) ? residualStd : 0.02;
      for (let i = 0; i < p.size; i++) p.data[i] = rng.normal(0, std);
    }
  }

  /** ids: one sequence (T numbers) or B of equal length, or B·T numbers with `batch` = B → logits [B, T, vocab]. */
  forward(ids: ArrayLike<number> | readonly ArrayLike<number>[], batch?: number): Tensor {
    const [flat, B] = flatten(ids, batch);
    const T = flat.length / B;
    if (!Number.isInteger(T) || T < 1 || T > this.maxLen) throw new RangeError(`TransformerLM: sequences of ${T} tokens; this model takes 1 to ${this.maxLen}`);
    for (let i = 0; i < flat.length; i++) {
      if (!(flat[i] >= 0 && flat[i] < this.vocabSize && Number.isInteger(flat[i]))) throw new RangeError(`TransformerLM: token ${flat[i]} at ${i} is outside the vocabulary 0 … ${this.vocabSize - 1}`);
    }
    const d = this.tokenEmbedding.weight.shape[1];
    let x = this.tokenEmbedding.forward(flat).reshape(B, T, d);
    if (this.positionEmbedding) x = x.add(this.positionEmbedding.forward(T));
    else if (this.sinusoid) x = x.add(T === this.maxLen ? this.sinusoid : this.sinusoid.slice(0, 0, T));
    for (const block of this.blocks) x = block.forward(x);
    return this.head.forward(this.lnF.forward(x));
  }

  /** Mean cross-entropy of predicting `targets` (B·T ids, e.g. the inputs shifted by one) from `ids`. */
  loss(ids: ArrayLike<number> | readonly ArrayLike<number>[], targets: ArrayLike<number> | readonly ArrayLike<number>[], batch?: number): Tensor {
    const logits = this.forward(ids, batch);
    const [flatTargets] = flatten(targets, batch);
    if (flatTargets.length * this.vocabSize !== logits.size) throw new Error(`TransformerLM.loss: ${flatTargets.length} targets for logits ${shapeStr(logits.shape)}`);
    return crossEntropy(logits.reshape(-1, this.vocabSize), flatTargets);
  }

  /** Every layer's attention weights from the last forward, each [B, heads, T, T]. */
  attentionWeights(): Tensor[] {
    return this.blocks.map((b) => b.attn.attention).filter((a): a is Tensor => a !== null);
  }

  /**
   * Continues `prompt` by `count` tokens, each drawn by `sample` (temperature, topK) from the generator
   * `rng` (the default stream without one), seeing at most the last maxLen tokens. Returns prompt and
   * continuation; runs without recording the graph, in evaluation mode.
   */
  generate(prompt: ArrayLike<number>, count: number, opts: SampleOptions & { rng?: Rng } = {}): number[] {
    if (prompt.length < 1) throw new Error('TransformerLM.generate: the prompt needs at least one token');
    const rng = opts.rng ?? defaultGenerator;
    const seq = Array.from(prompt);
    const wasTraining = this.training;
    this.eval();
    try {
      noGrad(() => {
        for (let n = 0; n < count; n++) {
          const context = seq.slice(-this.maxLen);
          const logits = this.forward(context);
          const V = this.vocabSize, last = logits.data.subarray((context.length - 1) * V, context.length * V);
          seq.push(sample(last, { temperature: opts.temperature, topK: opts.topK, rng }));
        }
      });
    } finally {
      this.train(wasTraining);
    }
    return seq;
  }
}

/** Token ids as one flat list and the batch size. */
function flatten(ids: ArrayLike<number> | readonly ArrayLike<number>[], batch?: number): [ArrayLike<number>, number] {
  if (ids.length > 0 && typeof ids[0] === 'object') {
    const rows = ids as readonly ArrayLike<number>[];
    const T = rows[0].length;
    if (rows.some((r) => r.length !== T)) throw new Error('TransformerLM: sequences in a batch must have the same length');
    const flat = new Int32Array(rows.length * T);
    rows.forEach((r, b) => flat.set(Array.from(r), b * T));
    return [flat, rows.length];
  }
  return [ids as ArrayLike<number>, batch ?? 1];
}
