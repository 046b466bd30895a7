// Scaled dot-product attention, fused: softmax(QKᵀ·s + mask)·V for every batch element and head in one
// node, forward and backward side by side, on the matrix-product kernel of gemm.ts. Heads are read from
// and written to column blocks of [B, T, heads·d] rows, so no reshape or transpose is needed around it.
import { gemmStrided } from './gemm.ts';
import { alloc, result, shapeStr, Tensor } from '../tensor.ts';

/** Masks for `attention`, as torch.nn.MultiheadAttention takes them. */
export interface AttentionMasks {
  /** Query i sees only keys j ≤ i (top-left aligned, as PyTorch's `is_causal`). */
  causal?: boolean;
  /** [B·S] values, 1 (or true) where key j of batch element b is padding and must be ignored. */
  keyPaddingMask?: ArrayLike<number | boolean> | null;
  /** [L·S] values added to every head's scores (−Infinity forbids a pair), as a float `attn_mask`. */
  attnMask?: ArrayLike<number> | null;
  /** The factor on the scores; 1/√d_k by default. */
  scale?: number;
}

/** Where one operand's rows live: element (b, h, i, c) is at data[off + b·bs + i·rs + h·hd + c]. */
interface Part {
  t: Tensor;
  off: number;
  rs: number;
  bs: number;
}

export interface AttentionResult {
  /** [B, L, heads·dv]: each head's softmax(QKᵀ·s)·V in its column block. */
  output: Tensor;
  /** [B, heads, L, S]: the attention weights (rows sum to 1, or are all 0 where every key is masked); not tracked. */
  weights: Tensor;
}

/**
 * Multi-head attention on already projected queries, keys and values, batch first:
 * q [B, L, H·dk], k [B, S, H·dk], v [B, S, H·dv] → output [B, L, H·dv] and weights [B, H, L, S].
 * Head h uses columns h·dk … (h+1)·dk. With P = softmax(Q_h K_hᵀ·s + M) and O_h = P·V_h:
 *   dV_h = Pᵀ·dO_h,  dP = dO_h·V_hᵀ,  dZ = P ⊙ (dP − rowsum(dP ⊙ P)),  dQ_h = s·dZ·K_h,  dK_h = s·dZᵀ·Q_h.
 * A query whose keys are all masked gets zero weights and a zero output (PyTorch gives NaN there).
 */
export function attention(q: Tensor, k: Tensor, v: Tensor, heads: number, masks: AttentionMasks = {}): AttentionResult {
  const [B, L, E] = q.shape;
  if (q.ndim !== 3 || k.ndim !== 3 || v.ndim !== 3 || k.shape[0] !== B || v.shape[0] !== B || k.shape[2] !== E || v.shape[1] !== k.shape[1]) {
    throw new Error(`attention: expects q [B, L, E], k [B, S, E], v [B, S, Ev]; got ${shapeStr(q.shape)}, ${shapeStr(k.shape)}, ${shapeStr(v.shape)}`);
  }
  if (E % heads !== 0 || v.shape[2] % heads !== 0) throw new Error(`attention: widths ${E} and ${v.shape[2]} are not divisible by ${heads} heads`);
  const S = k.shape[1];
  const part = (t: Tensor): Part => ({ t, off: 0, rs: t.shape[2], bs: t.shape[1] * t.shape[2] });
  return attend(part(q), part(k), part(v), B, L, S, heads, E / heads, v.shape[2] / heads, masks, [q, k, v]);
}

/**
 * Self-attention from one packed projection qkv [B, T, 3·E] (queries, keys, values side by side, as
 * PyTorch's in_proj_weight makes them) → output [B, T, E] and weights [B, heads, T, T].
 */
export function packedSelfAttention(qkv: Tensor, heads: number, masks: AttentionMasks = {}): AttentionResult {
  const [B, T, E3] = qkv.shape;
  if (qkv.ndim !== 3 || E3 % 3 !== 0 || (E3 / 3) % heads !== 0) {
    throw new Error(`packedSelfAttention: expects [B, T, 3·E] with E divisible by ${heads} heads; got ${shapeStr(qkv.shape)}`);
  }
  const E = E3 / 3;
  const at = (off: number): Part => ({ t: qkv, off, rs: E3, bs: T * E3 });
  return attend(at(0), at(E), at(2 * E), B, T, T, heads, E / heads, E / heads, masks, [qkv]);
}

/** Additive mask value for row i, column j of batch element b: 0, or −Infinity where forbidden. */
function maskRow(masks: AttentionMasks, b: number, i: number, S: number, row: Float32Array, ro: number): void {
  const pad = masks.keyPaddingMask, add = masks.attnMask;
  for (let j = 0; j < S; j++) {
    let z = row[ro + j];
    if (masks.causal && j > i) z = -Infinity;
    if (pad && pad[b * S + j]) z = -Infinity;
    if (add) z += add[i * S + j];
    row[ro + j] = z;
  }
}

function attend(Q: Part, K: Part, V: Part, B: number, L: number, S: number, H: number, dk: number, dv: number, masks: AttentionMasks, inputs: Tensor[]): AttentionResult {
  const s = masks.scale ?? 1 / Math.sqrt(dk);
  const masked = !!(masks.causal || masks.keyPaddingMask || masks.attnMask);
  if (masks.keyPaddingMask && masks.keyPaddingMask.length !== B * S) throw new Error(`attention: keyPaddingMask has ${masks.keyPaddingMask.length} values, expected B·S = ${B * S}`);
  if (masks.attnMask && masks.attnMask.length !== L * S) throw new Error(`attention: attnMask has ${masks.attnMask.length} values, expected L·S = ${L * S}`);
  const Ow = H * dv;
  const P = alloc(B * H * L * S);
  const O = alloc(B * L * Ow);
  const q = Q.t.data, k = K.t.data, v = V.t.data;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const po = (b * H + h) * L * S;
      const qa = Q.off + b * Q.bs + h * dk, ka = K.off + b * K.bs + h * dk, va = V.off + b * V.bs + h * dv;
      gemmStrided(q, qa, Q.rs, 1, k, ka, 1, K.rs, P, po, S, L, dk, S); // Z = Q·Kᵀ
      for (let i = 0; i < L; i++) {
        const ro = po + i * S;
        for (let j = 0; j < S; j++) P[ro + j] *= s;
        if (masked) maskRow(masks, b, i, S, P, ro);
        let m = -Infinity;
        for (let j = 0; j < S; j++) if (P[ro + j] > m) m = P[ro + j];
        if (m === -Infinity) {
          P.fill(0, ro, ro + S);
          continue;
        }
        let sum = 0;
        for (let j = 0; j < S; j++) sum += P[ro + j] = Math.exp(P[ro + j] - m);
        const inv = 1 / sum;
        for (let j = 0; j < S; j++) P[ro + j] *= inv;
      }
      gemmStrided(P, po, S, 1, v, va, V.rs, 1, O, b * L * Ow + h * dv, Ow, L, S, dv); // O_h = P·V
    }
  }
  const unique = inputs.filter((t, i) => inputs.indexOf(t) === i);
  const output = result(O, [B, L, Ow], 'attention', unique, (out) => {
    const g = out.grad!.data;
    const dP = alloc(L * S);
    const gq = Q.t.requiresGrad ? Q.t.gradData() : null;
    const gk = K.t.requiresGrad ? K.t.gradData() : null;
    const gv = V.t.requiresGrad ? V.t.gradData() : null;
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < H; h++) {
        const po = (b * H + h) * L * S, go = b * L * Ow + h * dv;
        const qa = Q.off + b * Q.bs + h * dk, ka = K.off + b * K.bs + h * dk, va = V.off + b * V.bs + h * dv;
        if (gv) gemmStrided(P, po, 1, S, g, go, Ow, 1, gv, va, V.rs, S, L, dv); // dV += Pᵀ·dO
        if (!gq && !gk) continue;
        dP.fill(0);
        gemmStrided(g, go, Ow, 1, v, va, 1, V.rs, dP, 0, S, L, dv, S); // dP = dO·Vᵀ
        for (let i = 0; i < L; i++) {
          const ro = i * S;
          let dot = 0;
          for (let j = 0; j < S; j++) dot += dP[ro + j] * P[po + ro + j];
          for (let j = 0; j < S; j++) dP[ro + j] = s * P[po + ro + j] * (dP[ro + j] - dot);
        }
        if (gq) gemmStrided(dP, 0, S, 1, k, ka, K.rs, 1, gq, qa, Q.rs, L, S, dk); // dQ += dZ·K
        if (gk) gemmStrided(dP, 0, 1, S, q, qa, Q.rs, 1, gk, ka, K.rs, S, L, dk); // dK += dZᵀ·Q
      }
    }
  });
  // NOTE: the weights share their buffer with the backward rule: read them, never write to them.
  return { output, weights: new Tensor(P, [B, H, L, S]) };
}
