// Layers for sequences: Embedding, LayerNorm, SelfAttention and a minimal transformer block (the recurrent
// layers are in recurrent.ts).
import { defaultGenerator, type Rng } from '../random.ts';
import { Tensor, tensor, ones, zeros } from '../tensor.ts';
import { Linear, MLP } from './layers.ts';
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
    const mu = x.mean(-1, true);
    const centred = x.sub(mu);
    const variance = centred.pow(2).mean(-1, true);
    return centred.div(variance.add(this.eps).sqrt()).mul(this.weight).add(this.bias);
  }
}

/**
 * Multi-head self-attention: softmax(QKᵀ/√d_k)·V per head, heads concatenated, then the output projection.
 * x: [T, d] or [B, T, d]. With `causal`, position t attends only to positions ≤ t.
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
    const [B, T, d] = xb.shape;
    const h = this.heads;
    const dk = d / h;
    const split = (t: Tensor) => t.reshape(B, T, h, dk).transpose(1, 2); // [B, h, T, dk]
    const Q = split(this.q.forward(xb));
    const K = split(this.k.forward(xb));
    const V = split(this.v.forward(xb));
    let scores = Q.matmul(K.transpose(-2, -1)).mul(1 / Math.sqrt(dk)); // [B, h, T, T]
    if (this.causal) scores = scores.add(causalMask(T));
    const att = scores.softmax(-1);
    this.attention = att;
    const out = att.matmul(V).transpose(1, 2).reshape(B, T, d);
    const y = this.o.forward(out);
    return batched ? y : y.reshape(T, d);
  }
}

/** [T, T] with 0 on and below the diagonal and -1e9 above: added to scores, it hides the future. */
function causalMask(T: number): Tensor {
  const m = zeros([T, T]);
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) m.data[i * T + j] = -1e9;
  return m;
}

/** A pre-norm transformer block: x + Attention(LN(x)), then x + MLP(LN(x)) with a GELU hidden layer. */
export class TransformerBlock extends Module {
  ln1: LayerNorm;
  attn: SelfAttention;
  ln2: LayerNorm;
  mlp: MLP;

  constructor(dim: number, opts: { heads?: number; hidden?: number; causal?: boolean; rng?: Rng } = {}) {
    super();
    const rng = opts.rng ?? defaultGenerator;
    this.ln1 = new LayerNorm(dim);
    this.attn = new SelfAttention(dim, { heads: opts.heads, causal: opts.causal, rng });
    this.ln2 = new LayerNorm(dim);
    this.mlp = new MLP([dim, opts.hidden ?? 4 * dim, dim], { activation: 'gelu', init: 'xavier', rng });
  }

  forward(x: Tensor): Tensor {
    const h = x.add(this.attn.forward(this.ln1.forward(x)));
    return h.add(this.mlp.forward(this.ln2.forward(h)));
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
