// The fused attention and layer-norm ops: finite differences (with and without masks, packed and not),
// TensorFlow.js composing the same computation from its own ops, and what the masks promise.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { attention, packedSelfAttention, type AttentionMasks } from './attention.ts';
import { layerNorm } from './norm.ts';
import { gradCheck } from '../gradcheck.ts';
import { rng } from '../random.ts';
import { randn, tensor, type Tensor } from '../tensor.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
});

const r = rng(14);

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string) {
  expect(a.length, what).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  expect(worst, `${what}: worst relative difference`).toBeLessThan(tol);
}

/** The same attention in TensorFlow.js ops: [B, L, H·d] → heads → softmax(QKᵀ·s + mask)·V → [B, L, H·dv]. */
function tfAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, H: number, mask: Float32Array | null): tf.Tensor {
  const [B, L, E] = q.shape, S = k.shape[1]!, Ev = v.shape[2]!;
  const split = (t: tf.Tensor, n: number, w: number) => tf.transpose(tf.reshape(t, [B!, n, H, w / H]), [0, 2, 1, 3]);
  let z = tf.mul(tf.matMul(split(q, L!, E!), split(k, S, E!), false, true), 1 / Math.sqrt(E! / H));
  if (mask) z = tf.add(z, tf.tensor(Array.from(mask, (m) => (m === -Infinity ? -1e9 : m)), [B!, 1, L!, S]));
  const o = tf.matMul(tf.softmax(z), split(v, S, Ev));
  return tf.reshape(tf.transpose(o, [0, 2, 1, 3]), [B!, L!, Ev]);
}

/** The masks as one additive [B, L, S] array, for the TensorFlow.js side. */
function denseMask(B: number, L: number, S: number, m: AttentionMasks): Float32Array {
  const out = new Float32Array(B * L * S);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < L; i++)
      for (let j = 0; j < S; j++) {
        let z = m.attnMask ? m.attnMask[i * S + j] : 0;
        if ((m.causal && j > i) || (m.keyPaddingMask && m.keyPaddingMask[b * S + j])) z = -Infinity;
        out[(b * L + i) * S + j] = z;
      }
  return out;
}

describe('attention', () => {
  const cases: [string, number, number, number, number, AttentionMasks][] = [
    ['one head, no mask', 2, 3, 4, 1, {}],
    ['two heads, causal', 2, 4, 4, 2, { causal: true }],
    ['two heads, padded keys', 2, 3, 5, 2, { keyPaddingMask: [0, 0, 0, 1, 1, 0, 1, 0, 0, 0] }],
    ['an additive mask, causal too', 1, 3, 3, 1, { causal: true, attnMask: [0, 0, 0, 0.5, 0, 0, -1, 2, 0] }],
  ];

  it.each(cases)('matches finite differences: %s', (_, B, L, S, H, masks) => {
    const d = 2 * H;
    const xs = [randn([B, L, d], r), randn([B, S, d], r), randn([B, S, d + H], r)];
    const res = gradCheck((q, k, v) => attention(q, k, v, H, masks).output, xs);
    expect(res.maxError).toBeLessThan(1e-6);
  });

  it('matches finite differences from one packed projection, causal', () => {
    const res = gradCheck((qkv) => packedSelfAttention(qkv, 2, { causal: true }).output, [randn([2, 4, 12], r)]);
    expect(res.maxError).toBeLessThan(1e-6);
  });

  it.each(cases)('agrees with TensorFlow.js, forward and gradients: %s', (_, B, L, S, H, masks) => {
    const d = 4 * H;
    const xs = [randn([B, L, d], r), randn([B, S, d], r), randn([B, S, 2 * H], r)];
    const ps = xs.map((x) => tensor(x.data.slice(), x.shape.slice(), { requiresGrad: true }));
    const out = attention(ps[0], ps[1], ps[2], H, masks).output;
    const w = randn(out.shape.slice(), r);
    out.mul(w).sum().backward();
    const mask = masks.causal || masks.keyPaddingMask || masks.attnMask ? denseMask(B, L, S, masks) : null;
    const tfx = xs.map((x) => tf.tensor(Array.from(x.data), x.shape.slice()));
    const f = (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => tfAttention(q, k, v, H, mask);
    expectClose(out.data, f(tfx[0], tfx[1], tfx[2]).dataSync(), 1e-5, 'forward');
    const grads = tf.grads((q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => tf.sum(tf.mul(f(q, k, v), tf.tensor(Array.from(w.data), w.shape.slice()))))(tfx);
    ps.forEach((p, i) => expectClose(p.grad!.data, grads[i].dataSync(), 1e-5, `gradient ${i}`));
  });

  it('packed self-attention equals attention on the three column blocks', () => {
    const qkv = randn([2, 5, 24], r);
    const cols = (i: number) => {
      const t = randn([2, 5, 8], r);
      for (let row = 0; row < 10; row++) for (let c = 0; c < 8; c++) t.data[row * 8 + c] = qkv.data[row * 24 + i * 8 + c];
      return t;
    };
    const a = packedSelfAttention(qkv, 4, { causal: true });
    const b = attention(cols(0), cols(1), cols(2), 4, { causal: true });
    expectClose(a.output.data, b.output.data, 1e-6, 'output');
    expectClose(a.weights.data, b.weights.data, 1e-6, 'weights');
  });

  it('gives weight rows that sum to 1, nothing to masked keys, and zeros where every key is masked', () => {
    const B = 2, T = 4;
    const pad = [0, 0, 1, 1, 1, 1, 1, 1]; // batch element 1: all keys padding
    const { output, weights } = attention(randn([B, T, 4], r), randn([B, T, 4], r), randn([B, T, 4], r), 2, { causal: true, keyPaddingMask: pad });
    for (let h = 0; h < 2; h++)
      for (let i = 0; i < T; i++) {
        const row = Array.from(weights.data.subarray(((0 * 2 + h) * T + i) * T, ((0 * 2 + h) * T + i + 1) * T));
        expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6);
        row.forEach((x, j) => { if (j > i || pad[j]) expect(x).toBe(0); });
      }
    expect(Array.from(weights.data.subarray(2 * T * T)).every((x) => x === 0)).toBe(true);
    expect(Array.from(output.data.subarray(T * 4)).every((x) => x === 0)).toBe(true);
  });

  it('lets no future token influence a past output: the gradient proves it', () => {
    const T = 6;
    const x = tensor(randn([1, T, 6], r).data, [1, T, 6], { requiresGrad: true });
    const { output } = packedSelfAttention(x, 1, { causal: true });
    output.slice(1, 0, 3).sum().backward(); // outputs at positions 0, 1, 2
    const g = x.grad!.data;
    for (let t = 0; t < T; t++) {
      const norm = Math.hypot(...g.subarray(t * 6, (t + 1) * 6));
      if (t >= 3) expect(norm).toBe(0);
      else expect(norm).toBeGreaterThan(0);
    }
  });

  it('refuses shapes that do not fit, naming them', () => {
    expect(() => attention(randn([2, 3, 4], r), randn([2, 3, 5], r), randn([2, 3, 4], r), 2)).toThrow(/\[2,3,4\], \[2,3,5\]/);
    expect(() => attention(randn([1, 3, 6], r), randn([1, 3, 6], r), randn([1, 3, 6], r), 4)).toThrow(/divisible by 4 heads/);
    expect(() => attention(randn([1, 2, 2], r), randn([1, 2, 2], r), randn([1, 2, 2], r), 1, { keyPaddingMask: [0] })).toThrow(/B·S = 2/);
  });
});

describe('layerNorm', () => {
  it('matches finite differences, with and without its parameters', () => {
    const x = randn([3, 5], r);
    const g = randn([5], r), b = randn([5], r);
    expect(gradCheck((x, g, b) => layerNorm(x, g, b), [x, g, b]).maxError).toBeLessThan(1e-6);
    expect(gradCheck((x) => layerNorm(x, null, null, 1e-3), [x]).maxError).toBeLessThan(1e-6);
  });

  it('agrees with TensorFlow.js, forward and gradients', () => {
    const xs = [randn([2, 3, 8], r, { std: 3 }), randn([8], r), randn([8], r)];
    const ps = xs.map((x) => tensor(x.data.slice(), x.shape.slice(), { requiresGrad: true }));
    const out = layerNorm(ps[0], ps[1], ps[2]);
    const w = randn(out.shape.slice(), r);
    out.mul(w).sum().backward();
    const f = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(x, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
    };
    const tfx = xs.map((x) => tf.tensor(Array.from(x.data), x.shape.slice()));
    expectClose(out.data, f(tfx[0], tfx[1], tfx[2]).dataSync(), 1e-5, 'forward');
    const grads = tf.grads((x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(x, g, b), tf.tensor(Array.from(w.data), w.shape.slice()))))(tfx);
    ps.forEach((p, i) => expectClose(p.grad!.data, grads[i].dataSync(), 1e-4, `gradient ${i}`));
  });

  it('refuses a parameter of the wrong width', () => {
    expect(() => layerNorm(randn([2, 4], r), randn([3], r) as Tensor, null)).toThrow(/\[3\] does not match input \[2,4\]/);
  });
});
