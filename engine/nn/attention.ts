// nn.MultiHeadAttention: torch.nn.MultiheadAttention with batch_first=True, its parameters in PyTorch's
// layout (in_proj_weight [3E, E], in_proj_bias [3E], out_proj), on the fused attention op.
import { attention, packedSelfAttention, type AttentionMasks } from '../ops/attention.ts';
import { linear } from '../ops/matmul.ts';
import { defaultGenerator, type Rng } from '../random.ts';
import { shapeStr, Tensor, zeros } from '../tensor.ts';
import { Linear } from './layers.ts';
import { Module } from './module.ts';

/**
 * A boolean mask as nested arrays, a flat list or a tensor: true (nonzero) marks what must be ignored.
 * NOTE: the engine has no boolean dtype, so for `attnMask` a tensor is read as PyTorch reads a float mask
 * (added to the scores) and arrays as PyTorch reads a boolean one; `keyPaddingMask` is always boolean.
 */
export type BoolMask = readonly (readonly boolean[])[] | ArrayLike<number | boolean> | Tensor;

export interface AttentionCallOptions {
  /** [B, S]: true where a key is padding (PyTorch's key_padding_mask, boolean form). */
  keyPaddingMask?: BoolMask | null;
  /** [L, S]: booleans (true = may not attend), or a tensor added to the scores (−Infinity forbids), as PyTorch's attn_mask. */
  attnMask?: BoolMask | null;
  /** Hide the future: query i attends to keys j ≤ i. */
  isCausal?: boolean;
  /** Return the weights (default true, as PyTorch). */
  needWeights?: boolean;
  /** Average the returned weights over heads, [B, L, S] (default true, as PyTorch); else [B, heads, L, S]. */
  averageAttnWeights?: boolean;
}

/** Flattens a boolean mask to 0/1 values, checking its size. */
function flatMask(mask: BoolMask, size: number, what: string): Uint8Array {
  let flat: ArrayLike<number | boolean>;
  if (mask instanceof Tensor) flat = mask.data;
  else if (mask.length > 0 && typeof mask[0] === 'object') flat = (mask as readonly (readonly boolean[])[]).flat();
  else flat = mask as ArrayLike<number | boolean>;
  if (flat.length !== size) throw new Error(`MultiHeadAttention: ${what} has ${flat.length} values, expected ${size}`);
  return Uint8Array.from(flat as ArrayLike<number>, (v) => (v ? 1 : 0));
}

/**
 * Multi-head attention, batch first. query [B, L, E] (or [L, E]), key and value [B, S, E] (default: the
 * query, i.e. self-attention) → [output [B, L, E], weights]. Per head h (of `numHeads`, d_k = E/numHeads):
 * Q_h = query·W_qᵀ + b_q (columns of head h), likewise K_h, V_h; O_h = softmax(Q_h K_hᵀ/√d_k + mask)·V_h;
 * output = concat_h(O_h)·W_oᵀ + b_o. Initialised as PyTorch: in_proj_weight Xavier-uniform, out_proj.weight
 * uniform in ±1/√E, biases 0. After a forward, `attention` holds every head's weights [B, heads, L, S].
 */
export class MultiHeadAttention extends Module {
  in_proj_weight: Tensor;
  in_proj_bias: Tensor | null;
  out_proj: Linear;
  readonly embedDim: number;
  readonly numHeads: number;
  /** The last forward's weights, per head: [B, heads, L, S] (unbatched input: B = 1). */
  attention: Tensor | null = null;

  constructor(embedDim: number, numHeads: number, opts: { bias?: boolean; rng?: Rng } = {}) {
    super();
    if (!Number.isInteger(numHeads) || numHeads < 1 || embedDim % numHeads !== 0) {
      throw new Error(`MultiHeadAttention: embedDim ${embedDim} is not divisible by numHeads ${numHeads}`);
    }
    const rng = opts.rng ?? defaultGenerator;
    this.embedDim = embedDim;
    this.numHeads = numHeads;
    const E = embedDim;
    this.in_proj_weight = zeros([3 * E, E], { requiresGrad: true });
    const bound = Math.sqrt(6 / (E + 3 * E)); // xavier_uniform_ on [3E, E]
    for (let i = 0; i < this.in_proj_weight.size; i++) this.in_proj_weight.data[i] = rng.uniform(-bound, bound);
    this.in_proj_bias = opts.bias === false ? null : zeros([3 * E], { requiresGrad: true });
    this.out_proj = new Linear(E, E, { bias: opts.bias !== false, rng });
    const ob = 1 / Math.sqrt(E); // kaiming_uniform_(a=√5): U(±1/√fan_in)
    for (let i = 0; i < this.out_proj.weight.size; i++) this.out_proj.weight.data[i] = rng.uniform(-ob, ob);
  }

  forward(query: Tensor, key: Tensor = query, value: Tensor = key, opts: AttentionCallOptions = {}): [Tensor, Tensor | null] {
    const E = this.embedDim, H = this.numHeads;
    const unbatched = query.ndim === 2;
    const lift = (t: Tensor) => (unbatched ? t.reshape(1, ...t.shape) : t);
    const q = lift(query), k = lift(key), v = lift(value);
    if (q.ndim !== 3 || q.shape[2] !== E || k.ndim !== 3 || v.ndim !== 3 || k.shape[2] !== E || v.shape[2] !== E || k.shape[0] !== q.shape[0] || v.shape[1] !== k.shape[1]) {
      throw new Error(`MultiHeadAttention: expects query [B, L, ${E}], key and value [B, S, ${E}]; got ${shapeStr(query.shape)}, ${shapeStr(key.shape)}, ${shapeStr(value.shape)}`);
    }
    const [B, L] = q.shape, S = k.shape[1];
    const masks: AttentionMasks = { causal: opts.isCausal ?? false };
    if (opts.keyPaddingMask) masks.keyPaddingMask = flatMask(opts.keyPaddingMask, B * S, 'keyPaddingMask');
    if (opts.attnMask) {
      const m = opts.attnMask;
      if (m instanceof Tensor && m.size !== L * S) throw new Error(`MultiHeadAttention: attnMask ${shapeStr(m.shape)} does not match [${L}, ${S}]`);
      masks.attnMask = m instanceof Tensor ? m.data : Float32Array.from(flatMask(m, L * S, 'attnMask'), (x) => (x ? -Infinity : 0));
    }
    const W = this.in_proj_weight, b = this.in_proj_bias;
    let res;
    if (q === k && k === v) {
      res = packedSelfAttention(linear(q, W, b), H, masks);
    } else {
      const part = (x: Tensor, i: number) => linear(x, W.slice(0, i * E, (i + 1) * E), b ? b.slice(0, i * E, (i + 1) * E) : null);
      res = attention(part(q, 0), part(k, 1), part(v, 2), H, masks);
    }
    this.attention = res.weights;
    let out = this.out_proj.forward(res.output);
    if (unbatched) out = out.reshape(L, E);
    if (opts.needWeights === false) return [out, null];
    let w = opts.averageAttnWeights === false ? res.weights : averageHeads(res.weights);
    if (unbatched) w = w.reshape(w.shape.slice(1));
    return [out, w];
  }
}

/** [B, H, L, S] → [B, L, S], the mean over heads. */
function averageHeads(w: Tensor): Tensor {
  const [B, H, L, S] = w.shape;
  const out = zeros([B, L, S]);
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++)
      for (let i = 0; i < L * S; i++) out.data[b * L * S + i] += w.data[(b * H + h) * L * S + i] / H;
  return out;
}
