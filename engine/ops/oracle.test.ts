// TensorFlow.js (CPU backend) as an independent oracle: forward values and gradients of every tensor op
// and loss agree with it on random shapes, including broadcasting, batched matmul, strided and padded
// convolution, max-pooling and softmax cross-entropy.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as E from '../index.ts';

type EngineFn = (...x: E.Tensor[]) => E.Tensor;
type TfFn = (...x: tf.Tensor[]) => tf.Tensor;

const r = E.rng(99);
const shapes = (...s: number[][]) => s;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  // Silences the one-time banner that suggests installing tfjs-node.
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
});

/** Runs both sides on the same random inputs; compares outputs and the gradients of Σ output·w. */
function agree(engineFn: EngineFn, tfFn: TfFn, inputShapes: number[][], opts: { positive?: boolean; tol?: number; scale?: number } = {}) {
  const inputs = inputShapes.map((s) => {
    const t = E.randn(s, r, { std: opts.scale ?? 1 });
    if (opts.positive) for (let i = 0; i < t.size; i++) t.data[i] = 0.5 + Math.abs(t.data[i]);
    return t;
  });
  const params = inputs.map((t) => E.tensor(t.data.slice(), t.shape.slice(), { requiresGrad: true }));
  const out = engineFn(...params);
  const w = E.randn(out.shape.slice(), r);
  out.mul(w).sum().backward();

  const tfInputs = inputs.map((t) => tf.tensor(Array.from(t.data), t.shape.slice()));
  const tfOut = tfFn(...tfInputs);
  const tfGrads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(tfFn(...xs), tf.tensor(Array.from(w.data), w.shape.slice()))))(tfInputs);

  const tol = opts.tol ?? 1e-4;
  expect(out.shape).toEqual(tfOut.shape);
  expectClose(out.data, tfOut.dataSync() as Float32Array, tol, 'forward');
  params.forEach((p, i) => expectClose(p.grad!.data, tfGrads[i].dataSync() as Float32Array, tol, `gradient of input ${i}`));
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string) {
  expect(a.length, what).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  expect(worst, `${what}: worst relative difference`).toBeLessThan(tol);
}

const nchwToNhwc = (x: tf.Tensor) => tf.transpose(x, [0, 2, 3, 1]);
const nhwcToNchw = (x: tf.Tensor) => tf.transpose(x, [0, 3, 1, 2]);
const oihwToHwio = (w: tf.Tensor) => tf.transpose(w, [2, 3, 1, 0]);

describe('agrees with TensorFlow.js', () => {
  it.each([
    ['add with broadcasting', (a, b) => a.add(b), (a, b) => tf.add(a, b), shapes([4, 1, 3], [5, 1])],
    ['sub with broadcasting', (a, b) => a.sub(b), (a, b) => tf.sub(a, b), shapes([2, 3], [3])],
    ['mul with broadcasting', (a, b) => a.mul(b), (a, b) => tf.mul(a, b), shapes([3, 1], [1, 4])],
    ['div with broadcasting', (a, b) => a.div(b), (a, b) => tf.div(a, b), shapes([3, 4], [4]), true],
    ['pow 3', (a) => a.pow(3), (a) => tf.pow(a, 3), shapes([6])],
    ['exp', (a) => a.exp(), (a) => tf.exp(a), shapes([2, 5])],
    ['log', (a) => a.log(), (a) => tf.log(a), shapes([2, 5]), true],
    ['sqrt', (a) => a.sqrt(), (a) => tf.sqrt(a), shapes([7]), true],
    ['relu', (a) => a.relu(), (a) => tf.relu(a), shapes([3, 7])],
    ['leakyRelu', (a) => a.leakyRelu(0.2), (a) => tf.leakyRelu(a, 0.2), shapes([3, 7])],
    ['tanh', (a) => a.tanh(), (a) => tf.tanh(a), shapes([3, 7])],
    ['sigmoid', (a) => a.sigmoid(), (a) => tf.sigmoid(a), shapes([3, 7])],
    ['softmax', (a) => a.softmax(), (a) => tf.softmax(a), shapes([4, 6])],
    ['logSoftmax', (a) => a.logSoftmax(), (a) => tf.logSoftmax(a), shapes([4, 6])],
    ['matmul', (a, b) => a.matmul(b), (a, b) => tf.matMul(a, b), shapes([5, 7], [7, 3])],
    ['batched matmul', (a, b) => a.matmul(b), (a, b) => tf.matMul(a, b), shapes([3, 4, 5], [3, 5, 2])],
    ['sum over an axis', (a) => a.sum(1), (a) => tf.sum(a, 1), shapes([3, 4, 2])],
    ['mean with keepdim', (a) => a.mean(-1, true), (a) => tf.mean(a, -1, true), shapes([3, 4])],
    ['max over an axis', (a) => a.max(0), (a) => tf.max(a, 0), shapes([5, 3])],
    ['transpose', (a) => a.transpose(0, 1), (a) => tf.transpose(a, [1, 0, 2]), shapes([2, 3, 4])],
    ['reshape', (a) => a.reshape(3, 8), (a) => tf.reshape(a, [3, 8]), shapes([2, 3, 4])],
    ['neg', (a) => a.neg(), (a) => tf.neg(a), shapes([3, 2])],
    ['abs', (a) => a.abs(), (a) => tf.abs(a), shapes([9])],
    ['pow -0.5', (a) => a.pow(-0.5), (a) => tf.pow(a, -0.5), shapes([2, 4]), true],
    ['pow 2 with broadcasting afterwards', (a, b) => a.pow(2).mul(b), (a, b) => tf.mul(tf.square(a), b), shapes([2, 3], [2, 1])],
    ['leakyRelu, default slope 0.01', (a) => a.leakyRelu(), (a) => tf.leakyRelu(a, 0.01), shapes([4, 4])],
    ['softmax over axis 0', (a) => a.softmax(0), (a) => tf.transpose(tf.softmax(tf.transpose(a))), shapes([5, 3])],
    ['logSoftmax of a 3-D tensor', (a) => a.logSoftmax(), (a) => tf.logSoftmax(a), shapes([2, 3, 5])],
    // NOTE: tfjs's BatchMatMul gradient does not sum over broadcast batch dimensions, so the tfjs side
    // broadcasts explicitly with broadcastTo, whose gradient does.
    ['matmul, batch × matrix', (a, b) => a.matmul(b), (a, b) => tf.matMul(a, tf.broadcastTo(b, [2, 4, 5])), shapes([2, 3, 4], [4, 5])],
    ['matmul, broadcast batch dims', (a, b) => a.matmul(b), (a, b) => tf.matMul(tf.broadcastTo(a, [2, 3, 3, 4]), tf.broadcastTo(b, [2, 3, 4, 2])), shapes([2, 1, 3, 4], [3, 4, 2])],
    ['matmul, matrix × vector', (a, b) => a.matmul(b), (a, b) => tf.dot(a, b), shapes([3, 4], [4])],
    ['matmul, vector × matrix', (a, b) => a.matmul(b), (a, b) => tf.dot(a, b), shapes([4], [4, 5])],
    ['matmul, vector · vector', (a, b) => a.matmul(b), (a, b) => tf.dot(a, b), shapes([6], [6])],
    ['linear x·Wᵀ + b', (x, w, b) => E.linear(x, w, b), (x, w, b) => tf.add(tf.matMul(x, w, false, true), b), shapes([6, 3], [4, 3], [4])],
    ['linear on a batch of sequences', (x, w) => E.linear(x, w, null), (x, w) => tf.matMul(x, tf.broadcastTo(tf.transpose(w), [2, 3, 4])), shapes([2, 5, 3], [4, 3])],
    ['sum of everything', (a) => a.sum(), (a) => tf.sum(a), shapes([3, 4])],
    ['sum over two axes', (a) => a.sum([0, 2]), (a) => tf.sum(a, [0, 2]), shapes([2, 3, 4])],
    ['mean of everything', (a) => a.mean(), (a) => tf.mean(a), shapes([4, 5])],
    ['max of everything', (a) => a.max(), (a) => tf.max(a), shapes([4, 5])],
    ['max with keepdim', (a) => a.max(1, true), (a) => tf.max(a, 1, true), shapes([3, 4, 2])],
    ['T of a batch', (a) => a.T, (a) => tf.transpose(a, [0, 2, 1]), shapes([2, 3, 4])],
    ['slice', (a) => a.slice(1, 1, 3), (a) => tf.slice(a, [0, 1], [-1, 2]), shapes([3, 4])],
    ['select', (a) => a.select(1, 2), (a) => tf.unstack(a, 1)[2], shapes([3, 4, 2])],
    ['index', (a) => a.index(1), (a) => tf.unstack(a, 0)[1], shapes([3, 4])],
    ['gather rows (embedding lookup)', (a) => a.gather([2, 0, 2, 3]), (a) => tf.gather(a, tf.tensor1d([2, 0, 2, 3], 'int32')), shapes([4, 3])],
    ['cat along axis 1', (a, b) => E.cat([a, b], 1), (a, b) => tf.concat([a, b], 1), shapes([2, 3, 2], [2, 1, 2])],
    ['cat along axis 0', (a, b, c) => E.cat([a, b, c]), (a, b, c) => tf.concat([a, b, c], 0), shapes([1, 3], [2, 3], [1, 3])],
  ] as [string, EngineFn, TfFn, number[][], boolean?][])('%s', (_, e, t, s, positive) => agree(e, t, s, { positive }));

  it('gelu (tanh approximation)', () => {
    const c = Math.sqrt(2 / Math.PI);
    agree(
      (a) => a.gelu(),
      (a) => tf.mul(tf.mul(a, 0.5), tf.add(1, tf.tanh(tf.mul(c, tf.add(a, tf.mul(0.044715, tf.pow(a, 3))))))),
      [[4, 5]],
    );
  });

  it('conv2d with stride 2 and padding 1', () => {
    agree(
      (x, w, b) => E.conv2d(x, w, b, { stride: 2, padding: 1 }),
      (x, w, b) => tf.add(nhwcToNchw(tf.conv2d(nchwToNhwc(x) as tf.Tensor4D, oihwToHwio(w) as tf.Tensor4D, 2, [[0, 0], [1, 1], [1, 1], [0, 0]])), tf.reshape(b, [1, -1, 1, 1])),
      [[2, 3, 7, 6], [4, 3, 3, 3], [4]],
    );
  });

  it('conv2d, valid, stride 1', () => {
    agree(
      (x, w) => E.conv2d(x, w, null),
      (x, w) => nhwcToNchw(tf.conv2d(nchwToNhwc(x) as tf.Tensor4D, oihwToHwio(w) as tf.Tensor4D, 1, 'valid')),
      [[1, 2, 6, 6], [3, 2, 3, 3]],
    );
  });

  it('conv2d, 5×3 kernel, padding 2', () => {
    agree(
      (x, w, b) => E.conv2d(x, w, b, { padding: 2 }),
      (x, w, b) => tf.add(nhwcToNchw(tf.conv2d(nchwToNhwc(x) as tf.Tensor4D, oihwToHwio(w) as tf.Tensor4D, 1, [[0, 0], [2, 2], [2, 2], [0, 0]])), tf.reshape(b, [1, -1, 1, 1])),
      [[2, 2, 6, 5], [3, 2, 5, 3], [3]],
    );
  });

  it('conv2d, stride 3, no padding', () => {
    agree(
      (x, w) => E.conv2d(x, w, null, { stride: 3 }),
      (x, w) => nhwcToNchw(tf.conv2d(nchwToNhwc(x) as tf.Tensor4D, oihwToHwio(w) as tf.Tensor4D, 3, 'valid')),
      [[3, 1, 8, 7], [2, 1, 2, 2]],
    );
  });

  it('max-pool 3×3, stride 1', () => {
    agree((x) => E.maxPool2d(x, 3, 1), (x) => nhwcToNchw(tf.maxPool(nchwToNhwc(x) as tf.Tensor4D, 3, 1, 'valid')), [[1, 2, 5, 6]]);
  });

  it('softmax cross-entropy stays accurate for large logits', () => {
    const targets = [9, 0, 4];
    const oneHot = tf.oneHot(tf.tensor1d(targets, 'int32'), 10);
    agree((z) => E.crossEntropy(z, targets), (z) => tf.losses.softmaxCrossEntropy(oneHot, z), [[3, 10]], { scale: 40 });
  });

  it('binary cross-entropy stays accurate for large logits', () => {
    const targets = [1, 0, 0, 1];
    agree((z) => E.binaryCrossEntropy(z, targets), (z) => tf.losses.sigmoidCrossEntropy(tf.tensor(targets, [4]), z), [[4]], { scale: 40 });
  });

  it('max-pool 2×2', () => {
    agree((x) => E.maxPool2d(x, 2), (x) => nhwcToNchw(tf.maxPool(nchwToNhwc(x) as tf.Tensor4D, 2, 2, 'valid')), [[2, 3, 6, 4]]);
  });

  it('softmax cross-entropy from logits with integer targets', () => {
    const targets = [3, 0, 2, 2, 1];
    const oneHot = tf.oneHot(tf.tensor1d(targets, 'int32'), 4);
    agree((z) => E.crossEntropy(z, targets), (z) => tf.losses.softmaxCrossEntropy(oneHot, z), [[5, 4]]);
  });

  it('binary cross-entropy from logits', () => {
    const targets = [1, 0, 0, 1, 1, 0];
    agree((z) => E.binaryCrossEntropy(z, targets), (z) => tf.losses.sigmoidCrossEntropy(tf.tensor(targets, [6]), z), [[6]]);
  });

  it('mean squared error', () => {
    agree((p, y) => E.mse(p, y), (p, y) => tf.losses.meanSquaredError(y, p), [[4, 3], [4, 3]]);
  });
});

// --- Recurrent cells and layers. tfjs's basicLSTMCell orders the gates i, j (= g), f, o and adds a forget bias;
// with forgetBias 0 and PyTorch's blocks (i, f, g, o) reordered it is the same cell. tfjs has no GRU or Elman
// cell op, so those are compared with a hand-unrolled tfjs graph of PyTorch's equations.
describe('recurrent cells and layers agree with TensorFlow.js', () => {
  const B = 3, I = 4, H = 5;
  /** PyTorch's gate blocks (rows of a [4H, n] weight or entries of a [4H] bias) in basicLSTMCell's order. */
  const ifgoToIgfo = (w: tf.Tensor) => {
    const [i, f, g, o] = tf.split(w, 4, 0);
    return tf.concat([i, g, f, o], 0);
  };
  /** One tfjs LSTM step from PyTorch-layout weights: [h', c']. */
  const tfLstm = (x: tf.Tensor, h: tf.Tensor, c: tf.Tensor, wih: tf.Tensor, whh: tf.Tensor, bih: tf.Tensor, bhh: tf.Tensor) => {
    const kernel = tf.transpose(tf.concat([ifgoToIgfo(wih), ifgoToIgfo(whh)], 1));
    const [c2, h2] = tf.basicLSTMCell(0, kernel as tf.Tensor2D, ifgoToIgfo(tf.add(bih, bhh)) as tf.Tensor1D, x as tf.Tensor2D, c as tf.Tensor2D, h as tf.Tensor2D);
    return [h2, c2];
  };
  /** One tfjs GRU step, PyTorch's equations: h'. */
  const tfGru = (x: tf.Tensor, h: tf.Tensor, wih: tf.Tensor, whh: tf.Tensor, bih: tf.Tensor, bhh: tf.Tensor) => {
    const [xr, xz, xn] = tf.split(tf.add(tf.matMul(x, wih, false, true), bih), 3, 1);
    const [hr, hz, hn] = tf.split(tf.add(tf.matMul(h, whh, false, true), bhh), 3, 1);
    const r = tf.sigmoid(tf.add(xr, hr));
    const z = tf.sigmoid(tf.add(xz, hz));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    return tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h));
  };
  const tfRnn = (act: (t: tf.Tensor) => tf.Tensor) => (x: tf.Tensor, h: tf.Tensor, wih: tf.Tensor, whh: tf.Tensor, bih: tf.Tensor, bhh: tf.Tensor) =>
    act(tf.add(tf.add(tf.matMul(x, wih, false, true), bih), tf.add(tf.matMul(h, whh, false, true), bhh)));
  const cell = (G: number) => shapes([B, I], [B, H], [G * H, I], [G * H, H], [G * H], [G * H]);
  const seq = (T: number, G: number) => shapes([B, T, I], [B, H], [G * H, I], [G * H, H], [G * H], [G * H]);
  const steps = (x: tf.Tensor, T: number) => tf.unstack(x, 1).slice(0, T);

  it('LSTMCell: h′ and c′ as basicLSTMCell computes them', () => {
    agree(
      (x, h, c, wih, whh, bih, bhh) => {
        const m = Object.assign(new E.nn.LSTMCell(I, H), { weight_ih: wih, weight_hh: whh, bias_ih: bih, bias_hh: bhh });
        const out = m.forward(x, { h, c });
        return E.cat([out.h, out.c], 1);
      },
      (x, h, c, wih, whh, bih, bhh) => tf.concat(tfLstm(x, h, c, wih, whh, bih, bhh), 1),
      shapes([B, I], [B, H], [B, H], [4 * H, I], [4 * H, H], [4 * H], [4 * H]),
    );
  });

  it('LSTM over 6 steps, batch first, from a given state: outputs, h_T and c_T', () => {
    agree(
      (x, h0, c0, wih, whh, bih, bhh) => {
        const m = Object.assign(new E.nn.LSTM(I, H), { weight_ih_l0: wih, weight_hh_l0: whh, bias_ih_l0: bih, bias_hh_l0: bhh });
        const { output, h, c } = m.forward(x, { h: h0, c: c0 });
        return E.cat([output.reshape(B, 6 * H), h, c], 1);
      },
      (x, h0, c0, wih, whh, bih, bhh) => {
        let [h, c] = [h0, c0];
        const outs = steps(x, 6).map((xt) => ([h, c] = tfLstm(xt, h, c, wih, whh, bih, bhh))[0]);
        return tf.concat([tf.reshape(tf.stack(outs, 1), [B, 6 * H]), h, c], 1);
      },
      shapes([B, 6, I], [B, H], [B, H], [4 * H, I], [4 * H, H], [4 * H], [4 * H]),
    );
  });

  it('GRUCell: PyTorch’s equations (the reset gate applied after the product, b_hn inside)', () => {
    agree(
      (x, h, wih, whh, bih, bhh) => Object.assign(new E.nn.GRUCell(I, H), { weight_ih: wih, weight_hh: whh, bias_ih: bih, bias_hh: bhh }).forward(x, h),
      tfGru,
      cell(3),
    );
  });

  it('GRU over 5 steps, batch first: outputs and h_T', () => {
    agree(
      (x, h0, wih, whh, bih, bhh) => {
        const m = Object.assign(new E.nn.GRU(I, H), { weight_ih_l0: wih, weight_hh_l0: whh, bias_ih_l0: bih, bias_hh_l0: bhh });
        const { output, h } = m.forward(x, h0);
        return E.cat([output.reshape(B, 5 * H), h], 1);
      },
      (x, h0, wih, whh, bih, bhh) => {
        let h = h0;
        const outs = steps(x, 5).map((xt) => (h = tfGru(xt, h, wih, whh, bih, bhh)));
        return tf.concat([tf.reshape(tf.stack(outs, 1), [B, 5 * H]), h], 1);
      },
      seq(5, 3),
    );
  });

  it.each([['tanh', tf.tanh], ['relu', tf.relu]] as const)('RNNCell and RNN over 4 steps with %s', (nonlinearity, act) => {
    const step = tfRnn(act);
    agree(
      (x, h, wih, whh, bih, bhh) => Object.assign(new E.nn.RNNCell(I, H, { nonlinearity }), { weight_ih: wih, weight_hh: whh, bias_ih: bih, bias_hh: bhh }).forward(x, h),
      step,
      cell(1),
    );
    agree(
      (x, h0, wih, whh, bih, bhh) => {
        const m = Object.assign(new E.nn.RNN(I, H, { nonlinearity }), { weight_ih_l0: wih, weight_hh_l0: whh, bias_ih_l0: bih, bias_hh_l0: bhh });
        return m.forward(x, h0).output;
      },
      (x, h0, wih, whh, bih, bhh) => {
        let h = h0;
        return tf.stack(steps(x, 4).map((xt) => (h = step(xt, h, wih, whh, bih, bhh))), 1);
      },
      seq(4, 1),
      { scale: 0.5 },
    );
  });

  it('stack along a middle axis', () => {
    agree((a, b, c) => E.stack([a, b, c], 1), (a, b, c) => tf.stack([a, b, c], 1), shapes([2, 3], [2, 3], [2, 3]));
  });
});
