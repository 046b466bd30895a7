// TensorFlow.js (CPU backend) as an independent oracle for the convolutional ops: dilated, grouped and
// depthwise convolution, padded max- and average-pooling, flatten and batch normalization in training
// mode agree with it, forward values and gradients of Σ output·w.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as E from '../index.ts';

type EngineFn = (...x: E.Tensor[]) => E.Tensor;
type TfFn = (...x: tf.Tensor[]) => tf.Tensor;

const r = E.rng(77);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
});

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, what: string) {
  expect(a.length, what).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  expect(worst, `${what}: worst relative difference`).toBeLessThan(1e-4);
}

/** Both sides on the same random inputs (distinct values, for pooling); outputs and gradients of Σ output·w. */
function agree(engineFn: EngineFn, tfFn: TfFn, inputShapes: number[][]) {
  const inputs = inputShapes.map((s) => {
    const t = E.zeros(s);
    const perm = r.permutation(t.size);
    for (let i = 0; i < t.size; i++) t.data[i] = (4 * (perm[i] - t.size / 2)) / t.size; // distinct, in [-2, 2)
    return t;
  });
  const params = inputs.map((t) => E.tensor(t.data.slice(), t.shape.slice(), { requiresGrad: true }));
  const out = engineFn(...params);
  const w = E.randn(out.shape.slice(), r);
  out.mul(w).sum().backward();
  const tfInputs = inputs.map((t) => tf.tensor(Array.from(t.data), t.shape.slice()));
  const tfOut = tfFn(...tfInputs);
  const tfGrads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(tfFn(...xs), tf.tensor(Array.from(w.data), w.shape.slice()))))(tfInputs);
  expect(out.shape).toEqual(tfOut.shape);
  expectClose(out.data, tfOut.dataSync() as Float32Array, 'forward');
  params.forEach((p, i) => expectClose(p.grad!.data, tfGrads[i].dataSync() as Float32Array, `gradient of input ${i}`));
}

const toNhwc = (x: tf.Tensor) => tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D;
const toNchw = (x: tf.Tensor) => tf.transpose(x, [0, 3, 1, 2]);
const toHwio = (w: tf.Tensor) => tf.transpose(w, [2, 3, 1, 0]) as tf.Tensor4D;
const pad4 = (x: tf.Tensor, p: number, value = 0) => tf.pad(x, [[0, 0], [0, 0], [p, p], [p, p]], value);

/**
 * A k×k kernel [O, C, k, k] spread to its dilated (k−1)·d+1 square with zeros between the taps, as a product
 * with a 0/1 matrix, so TensorFlow.js differentiates through it (its own conv2d has no gradient for dilation > 1).
 */
function dilate(w: tf.Tensor, d: number): tf.Tensor {
  const [O, C, k] = w.shape;
  const kd = (k - 1) * d + 1;
  const m = new Float32Array(k * k * kd * kd);
  for (let u = 0; u < k; u++) for (let v = 0; v < k; v++) m[(u * k + v) * kd * kd + u * d * kd + v * d] = 1;
  return tf.reshape(tf.matMul(tf.reshape(w, [O * C, k * k]), tf.tensor(m, [k * k, kd * kd])), [O, C, kd, kd]);
}

/** (x − μ)/√(σ² + 1e-5)·γ + β in TensorFlow.js ops (its fused batchNorm's gradient wants equal ranks everywhere). */
const normalize = (x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
  tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);

describe('convolutional ops agree with TensorFlow.js', () => {
  it('conv2d, dilation 2, padding 2, with bias', () => {
    agree(
      (x, w, b) => E.conv2d(x, w, b, { dilation: 2, padding: 2 }),
      (x, w, b) => tf.add(toNchw(tf.conv2d(toNhwc(pad4(x, 2)), toHwio(dilate(w, 2)), 1, 'valid')), tf.reshape(b, [1, -1, 1, 1])),
      [[2, 3, 7, 8], [4, 3, 3, 3], [4]],
    );
  });

  it('conv2d, dilation 3, stride 2', () => {
    agree(
      (x, w) => E.conv2d(x, w, null, { dilation: 3, stride: 2 }),
      (x, w) => toNchw(tf.conv2d(toNhwc(x), toHwio(dilate(w, 3)), 2, 'valid')),
      [[1, 2, 11, 10], [3, 2, 2, 2]],
    );
  });

  it('conv2d, 2 groups: each half of the channels with its own filters', () => {
    agree(
      (x, w) => E.conv2d(x, w, null, { groups: 2, padding: 1 }),
      (x, w) => {
        const [x0, x1] = tf.split(x, 2, 1);
        const [w0, w1] = tf.split(w, 2, 0);
        return tf.concat([toNchw(tf.conv2d(toNhwc(pad4(x0, 1)), toHwio(w0), 1, 'valid')), toNchw(tf.conv2d(toNhwc(pad4(x1, 1)), toHwio(w1), 1, 'valid'))], 1);
      },
      [[2, 4, 6, 5], [6, 2, 3, 3]],
    );
  });

  it('conv2d, depthwise (groups = channels, 2 filters each), stride 2', () => {
    agree(
      (x, w) => E.conv2d(x, w, null, { groups: 3, stride: 2 }),
      (x, w) => toNchw(tf.depthwiseConv2d(toNhwc(x), tf.transpose(tf.reshape(w, [3, 2, 3, 3]), [2, 3, 0, 1]) as tf.Tensor4D, 2, 'valid')),
      [[2, 3, 7, 7], [6, 1, 3, 3]],
    );
  });

  it("conv2d, padding 'same'", () => {
    agree((x, w) => E.conv2d(x, w, null, { padding: 'same' }), (x, w) => toNchw(tf.conv2d(toNhwc(x), toHwio(w), 1, 'same')), [[1, 2, 6, 5], [3, 2, 3, 3]]);
  });

  it('max-pool 3×3, stride 2, padding 1', () => {
    agree((x) => E.maxPool2d(x, 3, { stride: 2, padding: 1 }), (x) => toNchw(tf.maxPool(toNhwc(pad4(x, 1, -1e9)), 3, 2, 'valid')), [[2, 3, 7, 6]]);
  });

  it('average-pool 2×2', () => {
    agree((x) => E.avgPool2d(x, 2), (x) => toNchw(tf.avgPool(toNhwc(x), 2, 2, 'valid')), [[2, 3, 6, 8]]);
  });

  it('average-pool 3×3, stride 2, padding 1, the padding counted', () => {
    agree((x) => E.avgPool2d(x, 3, { stride: 2, padding: 1 }), (x) => toNchw(tf.avgPool(toNhwc(pad4(x, 1)), 3, 2, 'valid')), [[1, 2, 7, 7]]);
  });

  it('average-pool 3×3, padding 1 not counted', () => {
    // Window sums divided by how many input pixels each window covers (TensorFlow.js's own 'same' average
    // pool has this forward, but its gradient divides by the full window size everywhere).
    const counts = tf.mul(tf.avgPool(toNhwc(pad4(tf.ones([1, 1, 5, 6]), 1)), 3, 1, 'valid'), 9);
    agree(
      (x) => E.avgPool2d(x, 3, { stride: 1, padding: 1, countIncludePad: false }),
      (x) => toNchw(tf.div(tf.mul(tf.avgPool(toNhwc(pad4(x, 1)), 3, 1, 'valid'), 9), counts)),
      [[2, 2, 5, 6]],
    );
  });

  it('flatten from axis 1', () => {
    agree((x) => E.flatten(x, 1), (x) => tf.reshape(x, [2, -1]), [[2, 3, 4, 5]]);
  });

  it('batch norm in training mode, [N, C, H, W], with scale and shift', () => {
    agree(
      (x, g, b) => E.batchNorm(x, null, null, g, b, { training: true }),
      (x, g, b) => {
        const { mean, variance } = tf.moments(x, [0, 2, 3], true);
        return normalize(x, mean, variance, tf.reshape(g, [1, -1, 1, 1]), tf.reshape(b, [1, -1, 1, 1]));
      },
      [[4, 3, 5, 5], [3], [3]],
    );
  });

  it('batch norm in training mode, [N, C]', () => {
    agree(
      (x, g, b) => E.batchNorm(x, null, null, g, b, { training: true }),
      (x, g, b) => {
        const { mean, variance } = tf.moments(x, [0], true);
        return normalize(x, mean, variance, g, b);
      },
      [[6, 4], [4], [4]],
    );
  });
});
