// The convolutional ops (conv2d with stride, padding, dilation and groups; max- and average-pooling with
// padding and ceil mode; flatten; batch normalization): gradients against finite differences, forwards
// against the definitions written as plain loops, and PyTorch's output-size formula.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { avgPool2d, batchNorm, conv2d, flatten, gradCheck, maxPool2d, outputSize, randn, rng, tensor, type Tensor } from '../index.ts';
import type { Conv2dOptions } from './conv.ts';

const r = rng(4321);
const rand = (...shape: number[]) => randn(shape, r);
/** Distinct values, so every pooling window has one maximum and finite differences do not cross a tie. */
const distinct = (...shape: number[]) => {
  const t = rand(...shape);
  const perm = r.permutation(t.size);
  for (let i = 0; i < t.size; i++) t.data[i] = (perm[i] - t.size / 2) * 0.1;
  return t;
};

describe('finite differences', () => {
  const cases: [string, (...x: Tensor[]) => Tensor, Tensor[]][] = [
    ['conv2d, dilation 2', (x, w, b) => conv2d(x, w, b, { dilation: 2 }), [rand(2, 2, 7, 6), rand(3, 2, 3, 3), rand(3)]],
    ['conv2d, dilation 2, stride 2, padding 2', (x, w) => conv2d(x, w, null, { dilation: 2, stride: 2, padding: 2 }), [rand(1, 2, 7, 8), rand(2, 2, 3, 2)]],
    ['conv2d, stride [2, 1], padding [1, 0]', (x, w, b) => conv2d(x, w, b, { stride: [2, 1], padding: [1, 0] }), [rand(2, 1, 6, 5), rand(2, 1, 3, 3), rand(2)]],
    ['conv2d, 2 groups', (x, w, b) => conv2d(x, w, b, { groups: 2, padding: 1 }), [rand(2, 4, 5, 5), rand(6, 2, 3, 3), rand(6)]],
    ['conv2d, depthwise (groups = channels)', (x, w) => conv2d(x, w, null, { groups: 3 }), [rand(1, 3, 5, 4), rand(3, 1, 2, 2)]],
    ['conv2d, padding same, even kernel', (x, w) => conv2d(x, w, null, { padding: 'same' }), [rand(1, 2, 5, 6), rand(2, 2, 4, 2)]],
    ['conv2d, 1×1 kernel', (x, w, b) => conv2d(x, w, b), [rand(2, 3, 4, 4), rand(5, 3, 1, 1), rand(5)]],
    ['maxPool2d with padding', (x) => maxPool2d(x, 3, { stride: 2, padding: 1 }), [distinct(2, 2, 7, 6)]],
    ['maxPool2d with dilation and ceil mode', (x) => maxPool2d(x, 2, { stride: 2, dilation: 2, ceilMode: true }), [distinct(1, 2, 7, 8)]],
    ['maxPool2d 2×2 on odd sizes', (x) => maxPool2d(x, 2), [distinct(2, 1, 5, 7)]],
    ['avgPool2d', (x) => avgPool2d(x, 2), [rand(2, 3, 6, 4)]],
    ['avgPool2d 3×3 stride 2 padding 1, padding counted', (x) => avgPool2d(x, 3, { stride: 2, padding: 1 }), [rand(1, 2, 7, 6)]],
    ['avgPool2d, padding not counted, ceil mode', (x) => avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false, ceilMode: true }), [rand(1, 2, 6, 6)]],
    ['flatten(1)', (x) => flatten(x, 1).mul(flatten(x, 1)), [rand(2, 3, 2, 2)]],
    ['batchNorm, training, [N, C, H, W]', (x, w, b) => batchNorm(x, null, null, w, b, { training: true }), [rand(3, 2, 3, 2), rand(2), rand(2)]],
    ['batchNorm, training, [N, C]', (x, w, b) => batchNorm(x, null, null, w, b, { training: true }), [rand(5, 4), rand(4), rand(4)]],
    ['batchNorm, training, no affine', (x) => batchNorm(x, null, null, null, null, { training: true }).pow(3), [rand(4, 3, 2)]],
    ['batchNorm, evaluation', (x, w, b) => batchNorm(x, tensor([0.5, -1]), tensor([2, 0.25]), w, b), [rand(2, 2, 3), rand(2), rand(2)]],
  ];
  it.each(cases)('%s', (_, fn, inputs) => {
    const res = gradCheck(fn, inputs);
    expect(res.maxError, `max error ${res.maxError}`).toBeLessThan(1e-5);
  });
});

/** conv2d written out from its definition: y[b,o,i,j] = bias[o] + Σ w[o,c,u,v]·x[b, g·Cg + c, i·s + u·d − p, j·s + v·d − p]. */
function convByDefinition(x: Tensor, w: Tensor, bias: Tensor | null, s: number, p: number, d: number, G: number): { shape: number[]; data: number[] } {
  const [B, C, H, W] = x.shape;
  const [O, Cg, kh, kw] = w.shape;
  const Ho = Math.floor((H + 2 * p - d * (kh - 1) - 1) / s) + 1;
  const Wo = Math.floor((W + 2 * p - d * (kw - 1) - 1) / s) + 1;
  const data: number[] = [];
  for (let b = 0; b < B; b++)
    for (let o = 0; o < O; o++)
      for (let i = 0; i < Ho; i++)
        for (let j = 0; j < Wo; j++) {
          let sum = bias ? bias.data[o] : 0;
          const g = Math.floor(o / (O / G));
          for (let c = 0; c < Cg; c++)
            for (let u = 0; u < kh; u++)
              for (let v = 0; v < kw; v++) {
                const row = i * s + u * d - p, col = j * s + v * d - p;
                if (row >= 0 && row < H && col >= 0 && col < W) sum += w.data[((o * Cg + c) * kh + u) * kw + v] * x.data[((b * C + g * Cg + c) * H + row) * W + col];
              }
          data.push(sum);
        }
  return { shape: [B, O, Ho, Wo], data };
}

describe('conv2d', () => {
  it('computes its definition for every stride, padding, dilation and group count', () => {
    fc.assert(
      fc.property(
        fc.record({ s: fc.integer({ min: 1, max: 3 }), p: fc.integer({ min: 0, max: 2 }), d: fc.integer({ min: 1, max: 2 }), G: fc.constantFrom(1, 2), k: fc.integer({ min: 1, max: 3 }), H: fc.integer({ min: 4, max: 9 }), W: fc.integer({ min: 4, max: 9 }), seed: fc.nat() }),
        ({ s, p, d, G, k, H, W, seed }) => {
          if (H + 2 * p < d * (k - 1) + 1 || W + 2 * p < d * (k - 1) + 1) return;
          const g = rng(seed);
          const x = randn([2, 2 * G, H, W], g), w = randn([2 * G, 2, k, k], g), b = randn([2 * G], g);
          const y = conv2d(x, w, b, { stride: s, padding: p, dilation: d, groups: G });
          const want = convByDefinition(x, w, b, s, p, d, G);
          expect(y.shape).toEqual(want.shape);
          want.data.forEach((v, i) => expect(y.data[i]).toBeCloseTo(v, 4));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('gives the output sizes PyTorch gives', () => {
    // torch.nn.Conv2d(1, 1, k, stride, padding, dilation)(torch.zeros(1, 1, 28, 28)).shape[-1] for each row
    const rows: [number, Conv2dOptions, number][] = [
      [3, {}, 26], [5, { padding: 2 }, 28], [5, {}, 24], [3, { stride: 2 }, 13], [3, { stride: 2, padding: 1 }, 14],
      [3, { dilation: 2 }, 24], [3, { dilation: 3, padding: 3 }, 28], [4, { padding: 'same' }, 28], [7, { stride: 3, padding: 1 }, 8],
    ];
    for (const [k, opts, want] of rows) {
      expect(conv2d(tensor(new Float32Array(784), [1, 1, 28, 28]), tensor(new Float32Array(k * k), [1, 1, k, k]), null, opts).shape).toEqual([1, 1, want, want]);
    }
    expect(outputSize(28, 2, 2, 0, 0)).toBe(14);
    expect(outputSize(7, 2, 2, 0, 0, 1, true)).toBe(4);
    expect(outputSize(6, 3, 2, 1, 2, 1, true)).toBe(4);
    expect(outputSize(5, 2, 2, 1, 2, 1, true)).toBe(3); // ceil: a last window starting in the end padding is dropped
  });

  it('refuses shapes and options that do not fit, naming them', () => {
    const x = rand(1, 4, 5, 5);
    expect(() => conv2d(x, rand(2, 3, 3, 3))).toThrow(/conv2d: input \[1,4,5,5\] and weight \[2,3,3,3\]/);
    expect(() => conv2d(x, rand(3, 2, 3, 3), null, { groups: 2 })).toThrow(/groups must be a whole number dividing/);
    expect(() => conv2d(x, rand(2, 4, 3, 3), null, { padding: 'same', stride: 2 })).toThrow(/'same' needs stride 1/);
    expect(() => conv2d(x, rand(2, 4, 3, 3), null, { dilation: 3 })).toThrow(/does not fit a 5×5 input/);
    expect(() => conv2d(x, rand(2, 4, 3, 3), null, { stride: 0 })).toThrow(/stride must be a whole number ≥ 1/);
  });
});

describe('pooling', () => {
  it('max-pool with padding never picks the padding, even when every value is negative', () => {
    const x = tensor([-5, -4, -3, -2, -1, -6, -7, -8, -9], [1, 1, 3, 3]);
    expect(Array.from(maxPool2d(x, 2, { stride: 2, padding: 1 }).data)).toEqual([-5, -3, -2, -1]);
  });

  it('max-pool passes a NaN on, as PyTorch does', () => {
    const x = tensor([1, NaN, 3, 4], [1, 1, 2, 2]);
    expect(maxPool2d(x, 2).data[0]).toBeNaN();
  });

  it('average-pool counts the padding by default, and not when told', () => {
    const x = tensor([1, 2, 3, 4], [1, 1, 2, 2]);
    expect(Array.from(avgPool2d(x, 2, { stride: 1, padding: 1 }).data)).toEqual([0.25, 0.75, 0.5, 1, 2.5, 1.5, 0.75, 1.75, 1]);
    expect(Array.from(avgPool2d(x, 2, { stride: 1, padding: 1, countIncludePad: false }).data)).toEqual([1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4]);
  });

  it('refuses padding of more than half the kernel', () => {
    expect(() => maxPool2d(rand(1, 1, 4, 4), 2, { padding: 2 })).toThrow(/more than half the kernel/);
  });
});

describe('batchNorm', () => {
  it('normalizes each channel to mean 0 and variance 1 in training, and moves the running statistics by momentum', () => {
    const x = randn([8, 3, 4, 4], r, { mean: 2, std: 3 });
    const rm = tensor([0, 0, 0]), rv = tensor([1, 1, 1]);
    const y = batchNorm(x, rm, rv, null, null, { training: true, momentum: 0.1 });
    for (let c = 0; c < 3; c++) {
      const vals: number[] = [], ins: number[] = [];
      for (let n = 0; n < 8; n++) for (let k = 0; k < 16; k++) {
        vals.push(y.data[(n * 3 + c) * 16 + k]);
        ins.push(x.data[(n * 3 + c) * 16 + k]);
      }
      const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
      const mu = mean(ins);
      const unbiased = ins.reduce((s, v) => s + (v - mu) ** 2, 0) / (ins.length - 1);
      expect(mean(vals)).toBeCloseTo(0, 5);
      expect(mean(vals.map((v) => v * v))).toBeCloseTo(1, 3);
      expect(rm.data[c]).toBeCloseTo(0.1 * mu, 5);
      expect(rv.data[c]).toBeCloseTo(0.9 + 0.1 * unbiased, 4);
    }
  });

  it('uses the running statistics in evaluation and leaves them alone', () => {
    const rm = tensor([1, -2]), rv = tensor([4, 0.25]);
    const y = batchNorm(tensor([3, 0, 5, -2.5], [2, 2]), rm, rv, tensor([2, 1]), tensor([0, 1]));
    [2, 5, 4, 0].forEach((v, i) => expect(y.data[i]).toBeCloseTo(v, 3));
    expect(Array.from(rm.data)).toEqual([1, -2]);
  });

  it('refuses one value per channel in training, and evaluation without running statistics', () => {
    expect(() => batchNorm(rand(1, 3), null, null, null, null, { training: true })).toThrow(/more than one value per channel/);
    expect(() => batchNorm(rand(4, 3), null, null)).toThrow(/evaluation mode needs running_mean/);
    expect(() => batchNorm(rand(4, 3), tensor([0, 0]), tensor([1, 1]))).toThrow(/running_mean \[2\] does not match 3 channels/);
  });
});
