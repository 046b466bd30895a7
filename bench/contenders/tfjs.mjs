// TensorFlow.js (@tensorflow/tfjs) on its 'cpu' backend (plain JavaScript kernels) or on
// @tensorflow/tfjs-backend-wasm (XNNPACK compiled to WebAssembly with SIMD; one thread in Node). Written
// the idiomatic low-level way, which is also its fastest: variables, optimizer.minimize inside tf.tidy,
// tf.fused.matMul where an activation allows it. Weights are stored [in, out], TensorFlow's layout.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { checksum } from '../workloads.mjs';

const tf = await import('@tensorflow/tfjs');
// Production mode, as a site would ship it: no debug checks (and no advert for tfjs-node on stderr).
tf.enableProdMode();

async function useBackend(name) {
  if (name === 'wasm') {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    // The .wasm files ship in the package: load them from disk, not from a CDN.
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs: backend ${name} did not start`);
  await tf.ready();
}

/** [out, in] (PyTorch) → [in, out] (TensorFlow). */
function transposed(W, nout, nin) {
  const out = new Float32Array(W.length);
  for (let j = 0; j < nout; j++) for (let k = 0; k < nin; k++) out[k * nout + j] = W[j * nin + k];
  return out;
}

/** Variables for dense layers from the shared init. */
function denseVars(spec) {
  return spec.init.W.map((W, l) => {
    const [nin, nout] = [spec.sizes[l], spec.sizes[l + 1]];
    return { W: tf.variable(tf.tensor2d(transposed(W, nout, nin), [nin, nout])), b: tf.variable(tf.tensor1d(spec.init.b[l])) };
  });
}

function rows(src, dim, idx) {
  const out = new Float32Array(idx.length * dim);
  for (let r = 0; r < idx.length; r++) out.set(src.subarray(idx[r] * dim, (idx[r] + 1) * dim), r * dim);
  return out;
}

/** A training loop: `lossFn(idx)` builds the loss of the rows idx; step = minimize in a tidy scope. */
function trainer(spec, vars, lossFn) {
  const opt = tf.train.sgd(spec.lr);
  const varList = vars.flatMap((v) => (v.W ? [v.W, v.b] : [v]));
  return {
    step(i) {
      tf.tidy(() => {
        opt.minimize(() => lossFn(spec.batchIdx(i)), false, varList);
      });
    },
    loss: () => tf.tidy(() => lossFn(spec.checkIdx).dataSync()[0]),
  };
}

const playground = (layers, x) =>
  layers.reduce((h, { W, b }) => tf.tanh(tf.add(tf.matMul(h, W), b)), x);

export const workloads = {
  async W1(spec, { backend }) {
    await useBackend(backend);
    const layers = denseVars(spec);
    return trainer(spec, layers, (idx) => {
      const x = tf.tensor2d(rows(spec.x, 2, idx), [idx.length, 2]);
      const t = tf.tensor2d(rows(spec.y, 1, idx), [idx.length, 1]);
      return tf.mul(0.5, tf.mean(tf.squaredDifference(playground(layers, x), t)));
    });
  },

  async 'W1-grid'(spec, { backend }) {
    await useBackend(backend);
    const layers = denseVars(spec);
    const grid = tf.tensor2d(spec.grid, [spec.points, 2]);
    let out = null;
    return {
      step() {
        const y = tf.tidy(() => playground(layers, grid));
        out = y.dataSync();
        y.dispose();
      },
      loss: () => checksum(out),
    };
  },

  async W2(spec, { backend }) {
    await useBackend(backend);
    const [l1, l2] = denseVars(spec);
    return trainer(spec, [l1, l2], (idx) => {
      const x = tf.tensor2d(rows(spec.x, 64, idx), [idx.length, 64]);
      const h = tf.fused.matMul({ a: x, b: l1.W, bias: l1.b, activation: 'relu' });
      const logits = tf.fused.matMul({ a: h, b: l2.W, bias: l2.b });
      const labels = tf.oneHot(tf.tensor1d(Int32Array.from(idx, (i) => spec.y[i]), 'int32'), 10);
      return tf.losses.softmaxCrossEntropy(labels, logits);
    });
  },

  async W3(spec, { backend }) {
    await useBackend(backend);
    if (!tf.getKernel('Conv2DBackpropFilter', backend)) {
      return { unsupported: `no Conv2DBackpropFilter kernel in the ${backend} backend (${tf.version.tfjs}): a convolution cannot be trained on it` };
    }
    // conv filter [kh, kw, in, out] from [out, in, kh, kw]; dense [1352, 10] reading the pooled map in
    // TensorFlow's [i, j, c] order, from ours in [c, i, j] order.
    const filter = new Float32Array(72);
    for (let o = 0; o < 8; o++) for (let k = 0; k < 9; k++) filter[k * 8 + o] = spec.init.conv[o * 9 + k];
    const dense = new Float32Array(1352 * 10);
    for (let j = 0; j < 10; j++)
      for (let c = 0; c < 8; c++)
        for (let p = 0; p < 169; p++) dense[(p * 8 + c) * 10 + j] = spec.init.W[j * 1352 + c * 169 + p];
    const w = tf.variable(tf.tensor4d(filter, [3, 3, 1, 8]));
    const cb = tf.variable(tf.tensor1d(spec.init.convBias));
    const W = tf.variable(tf.tensor2d(dense, [1352, 10]));
    const b = tf.variable(tf.tensor1d(spec.init.b));
    return trainer(spec, [w, cb, W, b], (idx) => {
      const x = tf.tensor4d(rows(spec.x, 784, idx), [idx.length, 28, 28, 1]);
      const h = tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'valid', bias: cb, activation: 'relu' });
      const p = tf.reshape(tf.maxPool(h, 2, 2, 'valid'), [idx.length, 1352]);
      const logits = tf.fused.matMul({ a: p, b: W, bias: b });
      const labels = tf.oneHot(tf.tensor1d(Int32Array.from(idx, (i) => spec.y[i]), 'int32'), 10);
      return tf.losses.softmaxCrossEntropy(labels, logits);
    });
  },

  async W5(spec, { backend }) {
    await useBackend(backend);
    const { T, d } = spec;
    const lin = spec.init.W.map((W, i) => ({
      W: tf.variable(tf.tensor2d(transposed(W, d, d), [d, d])),
      b: tf.variable(tf.tensor1d(spec.init.b[i])),
    }));
    const [q, k, v, o] = lin;
    const proj = (x, l) => tf.fused.matMul({ a: x, b: l.W, bias: l.b });
    const lossOf = (s) => {
      const x = tf.tensor2d(spec.x.subarray(s * T * d, (s + 1) * T * d), [T, d]);
      const y = tf.tensor2d(spec.y.subarray(s * T * d, (s + 1) * T * d), [T, d]);
      const att = tf.softmax(tf.mul(tf.matMul(proj(x, q), proj(x, k), false, true), 1 / Math.sqrt(d)));
      return tf.losses.meanSquaredError(y, proj(tf.matMul(att, proj(x, v)), o));
    };
    const t = trainer(spec, lin, (idx) => lossOf(idx[0]));
    t.loss = () => tf.tidy(() => {
      let s = 0;
      for (const i of spec.checkIdx) s += lossOf(i).dataSync()[0];
      return s / spec.checkIdx.length;
    });
    return t;
  },

  // --- W8: character LSTM language model -------------------------------------------------------------
  // tf.basicLSTMCell on [x, h] with one kernel [E + H, 4H] whose gate blocks are in its order (i, g, f, o)
  // and a forget bias of 0: PyTorch's cell. The two biases stay two variables (added), so that the clipped
  // norm counts both, as PyTorch's does.
  async W8(spec, { backend }) {
    await useBackend(backend);
    const { V, E, H, T, text } = spec;
    const igfo = (W, cols) => {
      // PyTorch's [4H, cols] blocks i, f, g, o → rows in the order i, g, f, o
      const out = new Float32Array(W.length);
      [0, 2, 1, 3].forEach((from, to) => out.set(W.subarray(from * H * cols, (from + 1) * H * cols), to * H * cols));
      return out;
    };
    const kernel = new Float32Array((E + H) * 4 * H);
    kernel.set(transposed(igfo(spec.init.Wih, E), 4 * H, E));
    kernel.set(transposed(igfo(spec.init.Whh, H), 4 * H, H), E * 4 * H);
    const emb = tf.variable(tf.tensor2d(spec.init.emb, [V, E]));
    const K = tf.variable(tf.tensor2d(kernel, [E + H, 4 * H]));
    const bih = tf.variable(tf.tensor1d(igfo(spec.init.bih, 1)));
    const bhh = tf.variable(tf.tensor1d(igfo(spec.init.bhh, 1)));
    const Wout = tf.variable(tf.tensor2d(transposed(spec.init.Wout, V, H), [H, V]));
    const bout = tf.variable(tf.tensor1d(spec.init.bout));
    const vars = [emb, K, bih, bhh, Wout, bout];
    const opt = tf.train.sgd(spec.lr);
    // NOTE: gather's gradient needs UnsortedSegmentSum, which the wasm backend lacks (4.22): there the
    // embedding is a one-hot matrix times the table, the same numbers.
    const lookup = tf.getKernel('UnsortedSegmentSum', backend)
      ? (ids) => tf.gather(emb, tf.tensor1d(ids, 'int32'))
      : (ids) => tf.matMul(tf.oneHot(tf.tensor1d(ids, 'int32'), V), emb);
    const lossOf = (starts) => {
      const B = starts.length;
      const ids = new Int32Array(B * T), targets = new Int32Array(B * T);
      for (let b = 0; b < B; b++) {
        ids.set(text.subarray(starts[b], starts[b] + T), b * T);
        targets.set(text.subarray(starts[b] + 1, starts[b] + T + 1), b * T);
      }
      const x = tf.reshape(lookup(ids), [B, T, E]);
      const bias = tf.add(bih, bhh);
      let h = tf.zeros([B, H]), c = tf.zeros([B, H]);
      const hs = tf.unstack(x, 1).map((xt) => {
        [c, h] = tf.basicLSTMCell(0, K, bias, xt, c, h);
        return h;
      });
      const logits = tf.add(tf.matMul(tf.reshape(tf.stack(hs, 1), [B * T, H]), Wout), bout);
      return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(targets, 'int32'), V), logits);
    };
    return {
      step(i) {
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => lossOf(spec.batchIdx(i)), vars);
          // Clip the total norm to spec.clip without reading it back: scale = min(1, clip / (‖g‖ + 1e-6)).
          const gs = vars.map((v) => grads[v.name]);
          const norm = tf.sqrt(tf.addN(gs.map((g) => tf.sum(tf.square(g)))));
          const scale = tf.minimum(1, tf.div(spec.clip, tf.add(norm, 1e-6)));
          opt.applyGradients(Object.fromEntries(vars.map((v, k) => [v.name, tf.mul(gs[k], scale)])));
        });
      },
      loss: () => tf.tidy(() => lossOf(spec.checkIdx).dataSync()[0]),
    };
  },

  // W7: weights kept in PyTorch's [out, in] layout and multiplied with transposeB (no copies); the causal
  // mask is a constant added to the scores.
  async W7(spec, { backend }) {
    await useBackend(backend);
    const { V, T, E, H, F, text } = spec;
    const dk = E / H;
    const v1 = (a) => tf.variable(tf.tensor1d(a));
    const v2 = (a, r, c) => tf.variable(tf.tensor2d(a, [r, c]));
    const tok = v2(spec.init.tok, V, E), pos = v2(spec.init.pos, T, E);
    const layers = spec.init.layers.map((w) => ({
      ln1w: v1(w.ln1w), ln1b: v1(w.ln1b), Wqkv: v2(w.Wqkv, 3 * E, E), bqkv: v1(w.bqkv), Wo: v2(w.Wo, E, E), bo: v1(w.bo),
      ln2w: v1(w.ln2w), ln2b: v1(w.ln2b), W1: v2(w.W1, F, E), b1: v1(w.b1), W2: v2(w.W2, E, F), b2: v1(w.b2),
    }));
    const lnfw = v1(spec.init.lnfw), lnfb = v1(spec.init.lnfb), head = v2(spec.init.head, V, E);
    const vars = [tok, pos, ...layers.flatMap((l) => Object.values(l)), lnfw, lnfb, head];
    const mask = tf.keep(tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([T, T]), -1, 0)), -1e9));
    const opt = tf.train.adam(spec.lr, spec.betas[0], spec.betas[1], spec.eps);
    // NOTE: gather's gradient needs UnsortedSegmentSum, which the wasm backend lacks (4.22): there the
    // embedding is a one-hot matrix times the table, the same numbers.
    const lookup = tf.getKernel('UnsortedSegmentSum', backend)
      ? (ids) => tf.gather(tok, tf.tensor1d(ids, 'int32'))
      : (ids) => tf.matMul(tf.oneHot(tf.tensor1d(ids, 'int32'), V), tok);
    const layerNorm = (x, w, b) => {
      const { mean, variance } = tf.moments(x, -1, true);
      return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), w), b);
    };
    const dense = (x, W, b) => tf.fused.matMul({ a: x, b: W, transposeB: true, bias: b });
    const gelu = (x) => tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))));
    const lossOf = (starts) => {
      const B = starts.length, N = B * T;
      const ids = new Int32Array(N), targets = new Int32Array(N);
      for (let b = 0; b < B; b++) {
        ids.set(text.subarray(starts[b], starts[b] + T), b * T);
        targets.set(text.subarray(starts[b] + 1, starts[b] + T + 1), b * T);
      }
      let x = tf.reshape(tf.add(tf.reshape(lookup(ids), [B, T, E]), pos), [N, E]);
      const heads = (t) => tf.transpose(tf.reshape(t, [B, T, H, dk]), [0, 2, 1, 3]);
      for (const l of layers) {
        const [q, k, v] = tf.split(dense(layerNorm(x, l.ln1w, l.ln1b), l.Wqkv, l.bqkv), 3, 1);
        const p = tf.softmax(tf.add(tf.mul(tf.matMul(heads(q), heads(k), false, true), 1 / Math.sqrt(dk)), mask));
        const att = tf.reshape(tf.transpose(tf.matMul(p, heads(v)), [0, 2, 1, 3]), [N, E]);
        x = tf.add(x, dense(att, l.Wo, l.bo));
        x = tf.add(x, dense(gelu(dense(layerNorm(x, l.ln2w, l.ln2b), l.W1, l.b1)), l.W2, l.b2));
      }
      const logits = tf.matMul(layerNorm(x, lnfw, lnfb), head, false, true);
      return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(targets, 'int32'), V), logits);
    };
    return {
      step(i) {
        tf.tidy(() => {
          opt.minimize(() => lossOf(spec.batchIdx(i)), false, vars);
        });
      },
      loss: () =>
        tf.tidy(() => {
          const idx = spec.checkIdx;
          let s = 0;
          for (let k = 0; k < idx.length; k += spec.B) s += lossOf(idx.subarray(k, k + spec.B)).dataSync()[0];
          return s / (idx.length / spec.B);
        }),
    };
  },

  MM64: matmul,
  MM256: matmul,
};

async function matmul(spec, { backend }) {
  await useBackend(backend);
  const a = tf.tensor2d(spec.a, [spec.n, spec.n]);
  const b = tf.tensor2d(spec.b, [spec.n, spec.n]);
  let out = null;
  return {
    step() {
      const c = tf.matMul(a, b);
      out = c.dataSync();
      c.dispose();
    },
    loss: () => checksum(out),
  };
}
