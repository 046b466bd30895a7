// Every tensor op's backward agrees with central finite differences in float64, on random inputs,
// including broadcasting, batched matmul, strided and padded convolution, and the losses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy,
  cat,
  conv2d,
  crossEntropy,
  gradCheck,
  gruGates,
  gruHidden,
  linear,
  lstmCellState,
  lstmGates,
  lstmHidden,
  maxPool2d,
  mse,
  nn,
  randn,
  rng,
  rnnStep,
  stack,
  type Tensor,
} from '../index.ts';

const r = rng(1234);
const rand = (...shape: number[]) => randn(shape, r);
/** Values kept away from 0 (for log, sqrt, div) or from kinks (relu, abs, max) where derivatives jump. */
const positive = (...shape: number[]) => {
  const t = rand(...shape);
  for (let i = 0; i < t.size; i++) t.data[i] = 0.5 + Math.abs(t.data[i]);
  return t;
};
const awayFromZero = (...shape: number[]) => {
  const t = rand(...shape);
  for (let i = 0; i < t.size; i++) t.data[i] = Math.sign(t.data[i] || 1) * (0.2 + Math.abs(t.data[i]));
  return t;
};
/** Distinct values so max and max-pool have a unique argmax. */
const distinct = (...shape: number[]) => {
  const t = rand(...shape);
  const perm = r.permutation(t.size);
  for (let i = 0; i < t.size; i++) t.data[i] = (perm[i] - t.size / 2) * 0.1;
  return t;
};

const cases: [string, (...x: Tensor[]) => Tensor, Tensor[]][] = [
  ['add, same shape', (a, b) => a.add(b), [rand(3, 4), rand(3, 4)]],
  ['add, bias broadcast [B,n]+[n]', (a, b) => a.add(b), [rand(5, 3), rand(3)]],
  ['add, general broadcast [3,1]+[1,4]', (a, b) => a.add(b), [rand(3, 1), rand(1, 4)]],
  ['sub, broadcast [2,3,4]-[3,1]', (a, b) => a.sub(b), [rand(2, 3, 4), rand(3, 1)]],
  ['mul, broadcast [4,1]*[4,5]', (a, b) => a.mul(b), [rand(4, 1), rand(4, 5)]],
  ['mul by a scalar tensor', (a, b) => a.mul(b), [rand(2, 3), rand()]],
  ['div, broadcast', (a, b) => a.div(b), [rand(3, 4), positive(4)]],
  ['pow 2', (a) => a.pow(2), [rand(3, 3)]],
  ['pow 3', (a) => a.pow(3), [rand(3, 3)]],
  ['pow -0.5', (a) => a.pow(-0.5), [positive(4)]],
  ['neg', (a) => a.neg(), [rand(5)]],
  ['exp', (a) => a.exp(), [rand(2, 3)]],
  ['log', (a) => a.log(), [positive(2, 3)]],
  ['sqrt', (a) => a.sqrt(), [positive(6)]],
  ['abs', (a) => a.abs(), [awayFromZero(6)]],
  ['relu', (a) => a.relu(), [awayFromZero(3, 4)]],
  ['leakyRelu', (a) => a.leakyRelu(0.1), [awayFromZero(3, 4)]],
  ['tanh', (a) => a.tanh(), [rand(3, 4)]],
  ['sigmoid', (a) => a.sigmoid(), [rand(3, 4)]],
  ['gelu', (a) => a.gelu(), [rand(3, 4)]],
  ['softmax, last axis', (a) => a.softmax(), [rand(3, 5)]],
  ['softmax, axis 0', (a) => a.softmax(0), [rand(3, 5)]],
  ['logSoftmax', (a) => a.logSoftmax(-1), [rand(2, 3, 4)]],
  ['matmul 2-D', (a, b) => a.matmul(b), [rand(3, 4), rand(4, 5)]],
  ['matmul batched × matrix', (a, b) => a.matmul(b), [rand(2, 3, 4), rand(4, 2)]],
  ['matmul batched × batched', (a, b) => a.matmul(b), [rand(2, 3, 4), rand(2, 4, 5)]],
  ['matmul broadcast batch dims', (a, b) => a.matmul(b), [rand(2, 1, 3, 4), rand(3, 4, 2)]],
  ['matmul by a vector', (a, b) => a.matmul(b), [rand(3, 4), rand(4)]],
  ['matmul, vector times a batch', (a, b) => a.matmul(b), [rand(4), rand(2, 4, 3)]],
  ['matmul, dot product of vectors', (a, b) => a.matmul(b), [rand(5), rand(5)]],
  ['matmul, matrix times a batch', (a, b) => a.matmul(b), [rand(3, 4), rand(2, 4, 2)]],
  ['linear', (x, w, b) => linear(x, w, b), [rand(5, 3), rand(4, 3), rand(4)]],
  ['linear on a batch of sequences, no bias', (x, w) => linear(x, w, null), [rand(2, 3, 4), rand(5, 4)]],
  ['sum all', (a) => a.sum(), [rand(3, 4)]],
  ['sum axis 1 keepdim', (a) => a.sum(1, true), [rand(3, 4)]],
  ['sum axes [0,2]', (a) => a.sum([0, 2]), [rand(2, 3, 4)]],
  ['mean axis -1', (a) => a.mean(-1), [rand(3, 4)]],
  ['max all', (a) => a.max(), [distinct(3, 4)]],
  ['max axis 0', (a) => a.max(0), [distinct(3, 4)]],
  ['max axis -1 keepdim', (a) => a.max(-1, true), [distinct(2, 3, 4)]],
  ['mean of everything', (a) => a.mean(), [rand(2, 3, 2)]],
  ['reshape', (a) => a.reshape(4, -1).tanh(), [rand(2, 6)]],
  ['transpose last two', (a) => a.T, [rand(2, 3, 4)]],
  ['transpose axes 0 and 2', (a) => a.transpose(0, 2), [rand(2, 3, 4)]],
  ['slice', (a) => a.slice(1, 1, 3), [rand(3, 4)]],
  ['select', (a) => a.select(0, 1), [rand(3, 4)]],
  ['select on the middle axis', (a) => a.select(1, -1), [rand(2, 3, 4)]],
  ['index', (a) => a.index(2), [rand(3, 2, 2)]],
  ['gather rows (embedding)', (a) => a.gather([2, 0, 2]), [rand(4, 3)]],
  ['cat axis 1', (a, b) => cat([a, b], 1), [rand(2, 3), rand(2, 2)]],
  ['cat axis 0 of three', (a, b, c) => cat([a, b, c]), [rand(1, 3), rand(2, 3), rand(1, 3)]],
  ['stack axis 1', (a, b, c) => stack([a, b, c], 1), [rand(2, 3), rand(2, 3), rand(2, 3)]],
  ['stack axis 0', (a, b) => stack([a, b]), [rand(3), rand(3)]],
  ['conv2d', (x, w, b) => conv2d(x, w, b), [rand(2, 2, 5, 5), rand(3, 2, 3, 3), rand(3)]],
  ['conv2d stride 2 padding 1', (x, w) => conv2d(x, w, null, { stride: 2, padding: 1 }), [rand(1, 2, 6, 5), rand(2, 2, 3, 3)]],
  ['conv2d, 3×2 kernel, padding 2', (x, w, b) => conv2d(x, w, b, { padding: 2 }), [rand(1, 2, 4, 3), rand(2, 2, 3, 2), rand(2)]],
  ['conv2d stride 3', (x, w) => conv2d(x, w, null, { stride: 3 }), [rand(2, 1, 7, 8), rand(2, 1, 2, 2)]],
  ['maxPool2d', (x) => maxPool2d(x, 2), [distinct(2, 2, 4, 4)]],
  ['maxPool2d stride 1', (x) => maxPool2d(x, 2, 1), [distinct(1, 1, 4, 3)]],
  ['mse', (a, b) => mse(a, b), [rand(4, 2), rand(4, 2)]],
  ['crossEntropy', (z) => crossEntropy(z, [2, 0, 1]), [rand(3, 4)]],
  ['binaryCrossEntropy', (z) => binaryCrossEntropy(z, [1, 0, 1, 1]), [rand(4)]],
  ['binaryCrossEntropy with soft targets', (z) => binaryCrossEntropy(z, [0.2, 0.9, 0.5, 0.1]), [rand(2, 2)]],
  ['mse against a scalar target', (a) => mse(a, 0.5), [rand(3, 2)]],
  ['softmax then log (composite)', (a) => a.softmax().log(), [rand(2, 4)]],
  ['a value used twice', (a) => a.mul(a).add(a), [rand(3)]],
];

describe('finite-difference gradient check (float64)', () => {
  it.each(cases)('%s', (_, fn, inputs) => {
    const result = gradCheck(fn, inputs);
    expect(result.maxError).toBeLessThan(1e-5);
  });
});

describe('broadcasting, by property', () => {
  /** A shape and a second shape that broadcasts with it: some dimensions 1, some dropped from the front. */
  const pair = fc
    .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
    .chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
        fc.integer({ min: 0, max: shape.length - 1 }),
      ),
    )
    .map(([shape, ones, drop]) => [shape, shape.map((d, i) => (ones[i] ? 1 : d)).slice(drop)] as const);

  it('add, sub, mul and div pass the gradient check on random broadcast shapes, either way round', () => {
    const ops = [(a: Tensor, b: Tensor) => a.add(b), (a: Tensor, b: Tensor) => a.sub(b), (a: Tensor, b: Tensor) => a.mul(b), (a: Tensor, b: Tensor) => a.div(b)];
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: 3 }), fc.boolean(), ([big, small], k, swap) => {
        const [x, y] = swap ? [positive(...small), positive(...big)] : [rand(...big), positive(...small)];
        expect(gradCheck(ops[k], [x, y]).maxError).toBeLessThan(1e-5);
      }),
      { numRuns: 60, seed: 3 },
    );
  });
});

// --- Recurrent cells (engine/ops/recurrent.ts): each op alone, then a whole step and a short sequence. B = 2,
// H = 3, 4 inputs; the sequence ops read their input's share at a step of a [B, T, G] tensor.
const gates01 = (...shape: number[]) => {
  const t = rand(...shape);
  for (let i = 0; i < t.size; i++) t.data[i] = 0.1 + 0.8 / (1 + Math.exp(-t.data[i])); // gate values inside (0, 1)
  return t;
};
const recurrentCases: [string, (...x: Tensor[]) => Tensor, Tensor[]][] = [
  ['lstmGates', (xg, h, w, b) => lstmGates(xg, h, w, b), [rand(2, 12), rand(2, 3), rand(12, 3), rand(12)]],
  ['lstmGates at step 1 of a sequence, no bias', (xg, h, w) => lstmGates(xg, h, w, null, 1), [rand(2, 3, 12), rand(2, 3), rand(12, 3)]],
  ['lstmCellState', (g, c) => lstmCellState(g, c), [gates01(2, 12), rand(2, 3)]],
  ['lstmHidden', (g, c) => lstmHidden(g, c), [gates01(2, 12), rand(2, 3)]],
  ['gruGates', (xg, h, w, b) => gruGates(xg, h, w, b), [rand(2, 9), rand(2, 3), rand(9, 3), rand(9)]],
  ['gruGates at step 2 of a sequence', (xg, h, w, b) => gruGates(xg, h, w, b, 2), [rand(2, 3, 9), rand(2, 3), rand(9, 3), rand(9)]],
  ['gruHidden', (g, h) => gruHidden(g, h), [gates01(2, 9), rand(2, 3)]],
  ['rnnStep, tanh', (xg, h, w, b) => rnnStep(xg, h, w, b), [rand(2, 3), rand(2, 3), rand(3, 3), rand(3)]],
  ['rnnStep, linear', (xg, h, w, b) => rnnStep(xg, h, w, b, 'linear'), [rand(2, 3), rand(2, 3), rand(3, 3), rand(3)]],
  ['rnnStep, relu, at step 0', (xg, h, w, b) => rnnStep(xg, h, w, b, 'relu', 0), [awayFromZero(2, 2, 3), rand(2, 3), rand(3, 3).mul(0.01), rand(3).mul(0.01)]],
  [
    'a whole LSTM step from x, h and c',
    (x, h, c, wih, whh, bih, bhh) => {
      const g = lstmGates(linear(x, wih, bih), h, whh, bhh);
      const c2 = lstmCellState(g, c);
      return cat([lstmHidden(g, c2), c2], 1);
    },
    [rand(2, 4), rand(2, 3), rand(2, 3), rand(12, 4), rand(12, 3), rand(12), rand(12)],
  ],
  [
    'an LSTM layer over 3 steps, whose recurrent weight gets its gradient for all steps at once',
    (x, h0, c0, wih, whh, bih, bhh) => {
      const m = Object.assign(new nn.LSTM(4, 3), { weight_ih_l0: wih, weight_hh_l0: whh, bias_ih_l0: bih, bias_hh_l0: bhh });
      const { output, c } = m.forward(x, { h: h0, c: c0 });
      return cat([output.reshape(2, 9), c], 1);
    },
    [rand(2, 3, 4), rand(2, 3), rand(2, 3), rand(12, 4), rand(12, 3), rand(12), rand(12)],
  ],
  [
    'an RNN layer over 4 steps',
    (x, h0, wih, whh, bih, bhh) => {
      const m = Object.assign(new nn.RNN(4, 3), { weight_ih_l0: wih, weight_hh_l0: whh, bias_ih_l0: bih, bias_hh_l0: bhh });
      return m.forward(x, h0).output;
    },
    [rand(2, 4, 4), rand(2, 3), rand(3, 4), rand(3, 3), rand(3), rand(3)],
  ],
  [
    'three GRU steps through time',
    (x, h0, wih, whh, bih, bhh) => {
      const xg = linear(x, wih, bih);
      let h = h0;
      for (let t = 0; t < 3; t++) h = gruHidden(gruGates(xg, h, whh, bhh, t), h);
      return h;
    },
    [rand(2, 3, 4), rand(2, 3), rand(9, 4), rand(9, 3), rand(9), rand(9)],
  ],
];

describe('finite-difference gradient check of the recurrent cells (float64)', () => {
  it.each(recurrentCases)('%s', (_, fn, inputs) => {
    const result = gradCheck(fn, inputs);
    expect(result.maxError).toBeLessThan(1e-5);
  });
});
