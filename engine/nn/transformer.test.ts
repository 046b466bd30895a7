// nn.MultiHeadAttention against TensorFlow.js and finite differences, its masks, permutation equivariance
// without positions, the pre-LN block, learned positions, TransformerLM (learning, weights, seeded sampling).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MultiHeadAttention } from './attention.ts';
import { PositionalEmbedding, TransformerBlock, TransformerLM } from './transformer.ts';
import { Adam } from '../optim/adam.ts';
import { gradCheck } from '../gradcheck.ts';
import { rng } from '../random.ts';
import { noGrad, randn, tensor, type Tensor } from '../tensor.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
});

const r = rng(41);
const tfOf = (t: Tensor) => tf.tensor(Array.from(t.data), t.shape.slice());

function worstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return worst;
}

/** torch.nn.MultiheadAttention's computation written in TensorFlow.js ops, from the engine layer's weights. */
function tfMHA(mha: MultiHeadAttention, q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, W: tf.Tensor, Wo: tf.Tensor, causal: boolean): tf.Tensor {
  const E = mha.embedDim, H = mha.numHeads;
  const [B, L] = q.shape, S = k.shape[1]!;
  // NOTE: 2-D products only: tfjs 4.22 gets the gradient of a broadcast batched matMul's operand wrong.
  const dense = (x: tf.Tensor, w: tf.Tensor) => tf.reshape(tf.matMul(tf.reshape(x, [-1, E]), w, false, true), [x.shape[0]!, x.shape[1]!, E]);
  const proj = (x: tf.Tensor, i: number) => tf.add(dense(x, tf.slice(W, [i * E, 0], [E, E])), tfOf(mha.in_proj_bias!.slice(0, i * E, (i + 1) * E)));
  const split = (t: tf.Tensor, n: number) => tf.transpose(tf.reshape(t, [B!, n, H, E / H]), [0, 2, 1, 3]);
  let z = tf.mul(tf.matMul(split(proj(q, 0), L!), split(proj(k, 1), S), false, true), 1 / Math.sqrt(E / H));
  if (causal) z = tf.add(z, tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([L!, S]), -1, 0)), -1e9));
  const o = tf.reshape(tf.transpose(tf.matMul(tf.softmax(z), split(proj(v, 2), S)), [0, 2, 1, 3]), [B!, L!, E]);
  return tf.add(dense(o, Wo), tfOf(mha.out_proj.bias!));
}

describe('MultiHeadAttention', () => {
  it('has PyTorch\'s parameter names, shapes and initial scales', () => {
    const mha = new MultiHeadAttention(16, 4, { rng: rng(1) });
    expect(mha.namedParameters().map(([n, p]) => `${n} [${p.shape}]`)).toEqual([
      'in_proj_weight [48,16]', 'in_proj_bias [48]', 'out_proj.weight [16,16]', 'out_proj.bias [16]',
    ]);
    const maxAbs = (t: Tensor) => Math.max(...Array.from(t.data, Math.abs));
    expect(maxAbs(mha.in_proj_weight)).toBeLessThanOrEqual(Math.sqrt(6 / 64));
    expect(maxAbs(mha.out_proj.weight)).toBeLessThanOrEqual(1 / 4);
    expect(maxAbs(mha.in_proj_bias!)).toBe(0);
  });

  it.each([
    ['self-attention, causal', true, true],
    ['cross-attention (query and memory differ)', false, false],
  ])('agrees with TensorFlow.js, outputs and every gradient: %s', (_, self, causal) => {
    const mha = new MultiHeadAttention(8, 2, { rng: rng(2) });
    for (let i = 0; i < mha.in_proj_bias!.size; i++) mha.in_proj_bias!.data[i] = r.normal(0, 0.3);
    for (let i = 0; i < 8; i++) mha.out_proj.bias!.data[i] = r.normal(0, 0.3);
    const q = tensor(randn([2, 3, 8], r).data, [2, 3, 8], { requiresGrad: true });
    const m = self ? q : tensor(randn([2, 5, 8], r).data, [2, 5, 8], { requiresGrad: true });
    const [out, weights] = mha.forward(q, m, m, { isCausal: causal });
    expect(weights!.shape).toEqual([2, 3, self ? 3 : 5]);
    const w = randn(out.shape.slice(), r);
    out.mul(w).sum().backward();
    const tq = tfOf(q), tm = tfOf(m), tW = tfOf(mha.in_proj_weight), tWo = tfOf(mha.out_proj.weight);
    expect(worstDiff(out.data, tfMHA(mha, tq, self ? tq : tm, self ? tq : tm, tW, tWo, causal).dataSync())).toBeLessThan(1e-5);
    const lossOf = (qq: tf.Tensor, mm: tf.Tensor, W: tf.Tensor, Wo: tf.Tensor) => tf.sum(tf.mul(tfMHA(mha, qq, mm, mm, W, Wo, causal), tfOf(w)));
    const [gq, gW, gWo, gm] = self
      ? tf.grads((qq: tf.Tensor, W: tf.Tensor, Wo: tf.Tensor) => lossOf(qq, qq, W, Wo))([tq, tW, tWo])
      : tf.grads((qq: tf.Tensor, W: tf.Tensor, Wo: tf.Tensor, mm: tf.Tensor) => lossOf(qq, mm, W, Wo))([tq, tW, tWo, tm]);
    expect(worstDiff(q.grad!.data, gq.dataSync())).toBeLessThan(1e-5);
    if (!self) expect(worstDiff(m.grad!.data, gm.dataSync())).toBeLessThan(1e-5);
    expect(worstDiff(mha.in_proj_weight.grad!.data, gW.dataSync())).toBeLessThan(1e-5);
    expect(worstDiff(mha.out_proj.weight.grad!.data, gWo.dataSync())).toBeLessThan(1e-5);
  });

  it('matches finite differences through the whole layer, padding mask included', () => {
    const mha = new MultiHeadAttention(4, 2, { rng: rng(3) });
    const x = randn([2, 3, 4], r);
    const pad = [[false, false, true], [false, true, true]];
    const res = gradCheck((x, W, Wo) => {
      mha.in_proj_weight = W;
      mha.out_proj.weight = Wo;
      return mha.forward(x, x, x, { keyPaddingMask: pad })[0];
    }, [x, mha.in_proj_weight, mha.out_proj.weight]);
    expect(res.maxError).toBeLessThan(1e-6);
  });

  it('ignores padded keys: changing them changes nothing', () => {
    const mha = new MultiHeadAttention(8, 4, { rng: rng(4) });
    const q = randn([1, 2, 8], r), kv = randn([1, 4, 8], r);
    const kv2 = kv.clone();
    for (let i = 16; i < 32; i++) kv2.data[i] += 5; // keys 2 and 3
    const pad = [false, false, true, true];
    const [a, wa] = mha.forward(q, kv, kv, { keyPaddingMask: pad });
    const [b] = mha.forward(q, kv2, kv2, { keyPaddingMask: pad });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(wa!.data[2]).toBe(0);
  });

  it('reads a boolean attnMask as PyTorch does (true: may not attend) and a tensor as added scores', () => {
    const mha = new MultiHeadAttention(4, 1, { rng: rng(5) });
    const x = randn([1, 3, 4], r);
    const upper = [[false, true, true], [false, false, true], [false, false, false]];
    const [a] = mha.forward(x, x, x, { attnMask: upper });
    const [b] = mha.forward(x, x, x, { isCausal: true });
    const [c] = mha.forward(x, x, x, { attnMask: tensor([[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]]) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(c.data)).toEqual(Array.from(b.data));
  });

  it('returns per-head weights when asked, and takes unbatched input [L, E]', () => {
    const mha = new MultiHeadAttention(8, 2, { rng: rng(6) });
    const x = randn([5, 8], r);
    const [y, w] = mha.forward(x, x, x, { averageAttnWeights: false });
    expect(y.shape).toEqual([5, 8]);
    expect(w!.shape).toEqual([2, 5, 5]);
    expect(mha.forward(x, x, x, { needWeights: false })[1]).toBeNull();
  });

  it('is permutation-equivariant without positions: permuting the input permutes the output', () => {
    const mha = new MultiHeadAttention(8, 2, { rng: rng(7) });
    const block = new TransformerBlock(8, { heads: 2, rng: rng(8) });
    const x = randn([6, 8], r);
    const perm = [3, 0, 5, 1, 4, 2];
    const permute = (t: Tensor) => tensor(perm.flatMap((p) => Array.from(t.data.subarray(p * 8, p * 8 + 8))), [6, 8]);
    for (const f of [(t: Tensor) => mha.forward(t)[0], (t: Tensor) => block.forward(t)]) {
      const a = permute(f(x)), b = f(permute(x));
      expect(worstDiff(a.data, b.data)).toBeLessThan(1e-5);
    }
  });

  it('refuses widths that do not split into heads, and inputs of the wrong width', () => {
    expect(() => new MultiHeadAttention(10, 4)).toThrow(/not divisible by numHeads 4/);
    const mha = new MultiHeadAttention(8, 2, { rng: rng(9) });
    expect(() => mha.forward(randn([2, 3, 6], r))).toThrow(/query \[B, L, 8\].*\[2,3,6\]/);
    expect(() => mha.forward(randn([1, 3, 8], r), undefined, undefined, { keyPaddingMask: [true] })).toThrow(/keyPaddingMask has 1 values, expected 3/);
  });
});

describe('TransformerBlock and positions', () => {
  it('is pre-LN with residuals: with zeroed sub-layer outputs it is the identity', () => {
    const block = new TransformerBlock(8, { heads: 2, hidden: 16, causal: true, rng: rng(10) });
    block.attn.out_proj.weight.data.fill(0);
    block.mlp.linears[1].weight.data.fill(0);
    const x = randn([2, 4, 8], r);
    expect(Array.from(block.forward(x).data)).toEqual(Array.from(x.data));
  });

  it('matches finite differences, causal', () => {
    const block = new TransformerBlock(4, { heads: 2, hidden: 8, causal: true, rng: rng(11) });
    expect(gradCheck((x) => block.forward(x), [randn([1, 3, 4], r)]).maxError).toBeLessThan(1e-5);
  });

  it('learned positions give the first T rows of their table, and refuse more than it holds', () => {
    const pos = new PositionalEmbedding(6, 3, { rng: rng(12) });
    expect(Array.from(pos.forward(2).data)).toEqual(Array.from(pos.weight.data.subarray(0, 6)));
    expect(() => pos.forward(7)).toThrow(/1 to 6/);
  });
});

describe('TransformerLM', () => {
  it('learns to copy the first half of a sequence into the second, causally', () => {
    const lm = new TransformerLM(6, { dim: 16, layers: 2, heads: 2, hidden: 32, maxLen: 8, rng: rng(13) });
    const opt = new Adam(lm.parameters(), { lr: 1e-2 });
    const data = rng(14);
    const batch = () => Array.from({ length: 16 }, () => { const h = Array.from({ length: 4 }, () => data.int(6)); return [...h, ...h]; });
    const accuracy = () => {
      const seqs = batch();
      const logits = noGrad(() => lm.forward(seqs.map((s) => s.slice(0, 7))));
      let right = 0;
      seqs.forEach((s, b) => { for (let t = 3; t < 7; t++) { const row = Array.from(logits.data.subarray((b * 7 + t) * 6, (b * 7 + t + 1) * 6)); right += +(row.indexOf(Math.max(...row)) === s[t + 1]); } });
      return right / (16 * 4);
    };
    for (let step = 0; step < 200; step++) {
      const seqs = batch();
      opt.zeroGrad();
      lm.loss(seqs.map((s) => s.slice(0, 7)), seqs.map((s) => s.slice(1)), undefined).backward();
      opt.step();
    }
    expect(accuracy()).toBeGreaterThan(0.9); // positions 4…7 repeat 0…3; chance is 1/6
  });

  it('keeps each layer\'s attention weights, causal rows summing to 1', () => {
    const lm = new TransformerLM(5, { dim: 16, layers: 3, heads: 4, maxLen: 10, rng: rng(15) });
    lm.forward([1, 2, 3, 4, 0, 1]);
    const weights = lm.attentionWeights();
    expect(weights.map((w) => w.shape)).toEqual([[1, 4, 6, 6], [1, 4, 6, 6], [1, 4, 6, 6]]);
    const w = weights[2].data;
    expect(w[1]).toBe(0);
    expect(w[6] + w[7]).toBeCloseTo(1, 6);
  });

  it('generates the same continuation from the same seed, within the vocabulary, at most maxLen of context', () => {
    const lm = new TransformerLM(7, { dim: 16, layers: 1, heads: 2, maxLen: 4, positions: 'sinusoidal', rng: rng(16) });
    const a = lm.generate([1, 2], 12, { temperature: 0.9, topK: 3, rng: rng(5) });
    const b = lm.generate([1, 2], 12, { temperature: 0.9, topK: 3, rng: rng(5) });
    expect(a).toEqual(b);
    expect(a.length).toBe(14);
    expect(a.slice(0, 2)).toEqual([1, 2]);
    expect(a.every((t) => Number.isInteger(t) && t >= 0 && t < 7)).toBe(true);
    expect(lm.training).toBe(true);
  });

  it('with temperature 0 continues with the argmax of the logits', () => {
    const lm = new TransformerLM(5, { dim: 8, layers: 1, heads: 1, maxLen: 8, rng: rng(17) });
    const [next] = lm.generate([3, 1], 1, { temperature: 0 }).slice(2);
    const logits = noGrad(() => lm.forward([3, 1]));
    const last = Array.from(logits.data.subarray(5, 10));
    expect(next).toBe(last.indexOf(Math.max(...last)));
  });

  it('refuses tokens outside the vocabulary and sequences longer than its context', () => {
    const lm = new TransformerLM(4, { dim: 8, layers: 1, heads: 1, maxLen: 3, rng: rng(18) });
    expect(() => lm.forward([0, 4])).toThrow(/token 4 at 1 is outside the vocabulary 0 … 3/);
    expect(() => lm.forward([0, 1, 2, 3])).toThrow(/1 to 3/);
    expect(() => lm.forward([[0, 1], [2]])).toThrow(/same length/);
  });
});
