// Layers for sequences: Embedding, LayerNorm, SelfAttention and the sinusoidal positions (the transformer
// block and language model are in transformer.ts, multi-head attention in attention.ts, the recurrent
// layers in recurrent.ts).
import { attention } from '../ops/attention.ts';
import { layerNorm } from '../ops/norm.ts';
import { defaultGenerator, type Rng } from '../random.ts';
import { Tensor, tensor, ones, zeros } from '../tensor.ts';
import { Linear } from './layers.ts';
import { Module } from './module.ts';

/** A lookup table of learned vectors: ids (n integers) → [n, dim]. */
export class Embedding extends Module {
  weight: Tensor;

  constructor(count: number, dim: number, opts: { rng?: Rng } = {}) {
    super();
    const rng = opts.rng ?? defaultGenerator;
    this.weight = zeros([count, dim], { requiresGrad: true });
    for (let i = 0; i < this.weight.size; i++) this.weight.data[i] = rng.normal(); // N(0, 1), as in PyTorch
  }

  forward(ids: ArrayLike<number>): Tensor {
    return this.weight.gather(ids);
  }
}

/** Normalises the last axis to zero mean and unit variance, then scales and shifts: γ·(x - μ)/√(σ² + ε) + β. */
export class LayerNorm extends Module {
  weight: Tensor;
  bias: Tensor;

  constructor(dim: number, readonly eps = 1e-5) {
    super();
    this.weight = ones([dim], { requiresGrad: true });
    this.bias = zeros([dim], { requiresGrad: true });
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.weight, this.bias, this.eps);
  }
}

/**
 * Multi-head self-attention: softmax(QKᵀ/√d_k)·V per head, heads concatenated, then the output projection.
 * x: [T, d] or [B, T, d]. With `causal`, position t attends only to positions ≤ t. Its parameters are four
 * Linear layers q, k, v, o; nn.MultiHeadAttention is the same computation in PyTorch's parameter layout.
 * After a forward, `attention` holds the weights [B, heads, T, T] for drawing.
 */
export class SelfAttention extends Module {
  q: Linear;
  k: Linear;
  v: Linear;
  o: Linear;
  readonly heads: number;
  readonly causal: boolean;
  attention: Tensor | null = null;

  constructor(dim: number, opts: { heads?: number; causal?: boolean; rng?: Rng } = {}) {
    super();
    const rng = opts.rng ?? defaultGenerator;
    this.heads = opts.heads ?? 1;
    if (dim % this.heads !== 0) throw new Error(`SelfAttention: width ${dim} is not divisible by ${this.heads} heads`);
    this.causal = opts.causal ?? false;
    this.q = new Linear(dim, dim, { rng });
    this.k = new Linear(dim, dim, { rng });
    this.v = new Linear(dim, dim, { rng });
    this.o = new Linear(dim, dim, { rng });
  }

  forward(x: Tensor): Tensor {
    const batched = x.shape.length === 3;
    const xb = batched ? x : x.reshape(1, ...x.shape);
    const { output, weights } = attention(this.q.forward(xb), this.k.forward(xb), this.v.forward(xb), this.heads, { causal: this.causal });
    this.attention = weights;
    const y = this.o.forward(output);
    return batched ? y : y.reshape(x.shape);
  }
}

/** Sinusoidal position encodings [T, d] (Vaswani et al. 2017), added to token embeddings. */
export function positionalEncoding(T: number, d: number): Tensor {
  const pe = new Array<number>(T * d);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < d; i++) {
      const angle = t / 10000 ** ((2 * Math.floor(i / 2)) / d);
      pe[t * d + i] = i % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return tensor(pe, [T, d]);
}
