// convnetjs (Karpathy), used as its documentation shows: one Vol per example, Trainer.train(x, y) per
// example with batch_size set so it updates once per batch. Its Vols are Float64Array, depth-last
// ([x, y, depth] with depth fastest), so the shared weights are permuted on the way in.
import { createRequire } from 'node:module';
import { checksum } from '../workloads.mjs';

const cj = createRequire(import.meta.url)('convnetjs');

/** A 1×1×n Vol holding values (the way convnetjs takes flat inputs). */
function flatVol(values) {
  const v = new cj.Vol(1, 1, values.length, 0);
  v.w.set(values);
  return v;
}

/** Copies weights [out, in] and biases into a FullyConnLayer, input index k read as `order(k)`. */
function loadFc(fc, W, b, nin, order = (k) => k) {
  fc.filters.forEach((f, j) => {
    for (let k = 0; k < nin; k++) f.w[order(k)] = W[j * nin + k];
  });
  fc.biases.w.set(b);
}

const flat = (depth) => ({ in_sx: 1, in_sy: 1, in_depth: depth });

/** The W1 network built layer by layer: makeLayers would put an extra fc before the regression layer. */
function playgroundNet(spec) {
  const [n0, n1, n2, n3] = spec.sizes;
  const net = new cj.Net();
  const fcs = [new cj.FullyConnLayer({ ...flat(n0), num_neurons: n1 }), new cj.FullyConnLayer({ ...flat(n1), num_neurons: n2 }), new cj.FullyConnLayer({ ...flat(n2), num_neurons: n3 })];
  fcs.forEach((fc, l) => loadFc(fc, spec.init.W[l], spec.init.b[l], spec.sizes[l]));
  net.layers = [
    new cj.InputLayer({ out_sx: 1, out_sy: 1, out_depth: n0 }),
    fcs[0], new cj.TanhLayer(flat(n1)),
    fcs[1], new cj.TanhLayer(flat(n2)),
    fcs[2], new cj.TanhLayer(flat(n3)),
    new cj.RegressionLayer(flat(n3)),
  ];
  return net;
}

/** A training loop over per-example Vols; `lossOf(net, i)` reads the loss of example i after a forward. */
function trainer(spec, net, inputs, targets, lossOf) {
  const t = new cj.Trainer(net, { method: 'sgd', learning_rate: spec.lr, momentum: 0, batch_size: spec.batch, l2_decay: 0 });
  return {
    step(i) {
      for (const k of spec.batchIdx(i)) t.train(inputs[k], targets[k]);
    },
    loss() {
      let s = 0;
      for (const k of spec.checkIdx) {
        net.forward(inputs[k]);
        s += lossOf(net.layers[net.layers.length - 1].out_act.w, k);
      }
      return s / spec.checkIdx.length;
    },
  };
}

const crossEntropy = (spec) => (p, k) => -Math.log(p[spec.y[k]]);

export const workloads = {
  W1(spec) {
    const net = playgroundNet(spec);
    const inputs = Array.from({ length: spec.n }, (_, i) => flatVol(spec.x.subarray(2 * i, 2 * i + 2)));
    const targets = Array.from(spec.y, (y) => [y]);
    return trainer(spec, net, inputs, targets, (o, k) => 0.5 * (o[0] - spec.y[k]) ** 2);
  },

  'W1-grid'(spec) {
    const net = playgroundNet(spec);
    const points = Array.from({ length: spec.points }, (_, i) => flatVol(spec.grid.subarray(2 * i, 2 * i + 2)));
    const out = new Float32Array(spec.points);
    return {
      step() {
        for (let i = 0; i < points.length; i++) out[i] = net.forward(points[i]).w[0];
      },
      loss: () => checksum(out),
    };
  },

  W2(spec) {
    const [n0, n1, n2] = spec.sizes;
    const net = new cj.Net();
    const fc1 = new cj.FullyConnLayer({ ...flat(n0), num_neurons: n1 });
    const fc2 = new cj.FullyConnLayer({ ...flat(n1), num_neurons: n2 });
    loadFc(fc1, spec.init.W[0], spec.init.b[0], n0);
    loadFc(fc2, spec.init.W[1], spec.init.b[1], n1);
    net.layers = [new cj.InputLayer({ out_sx: 1, out_sy: 1, out_depth: n0 }), fc1, new cj.ReluLayer(flat(n1)), fc2, new cj.SoftmaxLayer(flat(n2))];
    const inputs = Array.from({ length: spec.n }, (_, i) => flatVol(spec.x.subarray(i * n0, (i + 1) * n0)));
    return trainer(spec, net, inputs, spec.y, crossEntropy(spec));
  },

  W3(spec) {
    const net = new cj.Net();
    const conv = new cj.ConvLayer({ in_sx: 28, in_sy: 28, in_depth: 1, sx: 3, filters: 8, stride: 1, pad: 0 });
    conv.filters.forEach((f, o) => f.w.set(spec.init.conv.subarray(o * 9, o * 9 + 9)));
    conv.biases.w.set(spec.init.convBias);
    const fc = new cj.FullyConnLayer({ in_sx: 13, in_sy: 13, in_depth: 8, num_neurons: 10 });
    // ours reads the pooled map as [c, i, j]; convnetjs as [i, j, c]
    loadFc(fc, spec.init.W, spec.init.b, 1352, (k) => (k % 169) * 8 + Math.floor(k / 169));
    net.layers = [
      new cj.InputLayer({ out_sx: 28, out_sy: 28, out_depth: 1 }),
      conv, new cj.ReluLayer({ in_sx: 26, in_sy: 26, in_depth: 8 }),
      new cj.PoolLayer({ in_sx: 26, in_sy: 26, in_depth: 8, sx: 2, stride: 2 }),
      fc, new cj.SoftmaxLayer(flat(10)),
    ];
    const inputs = Array.from({ length: spec.n }, (_, i) => {
      const v = new cj.Vol(28, 28, 1, 0);
      v.w.set(spec.x.subarray(i * 784, (i + 1) * 784));
      return v;
    });
    return trainer(spec, net, inputs, spec.y, crossEntropy(spec));
  },

  W6(spec) {
    /** A ConvLayer with the shared filters [O, C, k, k], which convnetjs holds as Vols [x = column, y = row, depth]. */
    const convLayer = (side, C, O, k, pad, w, bias) => {
      const conv = new cj.ConvLayer({ in_sx: side, in_sy: side, in_depth: C, sx: k, filters: O, stride: 1, pad });
      conv.filters.forEach((f, o) => {
        for (let c = 0; c < C; c++) for (let u = 0; u < k; u++) for (let v = 0; v < k; v++) f.w[(u * k + v) * C + c] = w[((o * C + c) * k + u) * k + v];
      });
      conv.biases.w.set(bias);
      return conv;
    };
    const vol = (s, d) => ({ in_sx: s, in_sy: s, in_depth: d });
    const fc1 = new cj.FullyConnLayer({ ...vol(5, 16), num_neurons: 120 });
    // ours flattens the pooled maps as [c, i, j]; convnetjs reads them as [i, j, c]
    loadFc(fc1, spec.init.W[0], spec.init.b[0], 400, (k) => (k % 25) * 16 + Math.floor(k / 25));
    const fc2 = new cj.FullyConnLayer({ ...flat(120), num_neurons: 84 });
    loadFc(fc2, spec.init.W[1], spec.init.b[1], 120);
    const fc3 = new cj.FullyConnLayer({ ...flat(84), num_neurons: 10 });
    loadFc(fc3, spec.init.W[2], spec.init.b[2], 84);
    const net = new cj.Net();
    net.layers = [
      new cj.InputLayer({ out_sx: 28, out_sy: 28, out_depth: 1 }),
      convLayer(28, 1, 6, 5, 2, spec.init.conv1, spec.init.b1), new cj.ReluLayer(vol(28, 6)), new cj.PoolLayer({ ...vol(28, 6), sx: 2, stride: 2 }),
      convLayer(14, 6, 16, 5, 0, spec.init.conv2, spec.init.b2), new cj.ReluLayer(vol(10, 16)), new cj.PoolLayer({ ...vol(10, 16), sx: 2, stride: 2 }),
      fc1, new cj.ReluLayer(flat(120)), fc2, new cj.ReluLayer(flat(84)), fc3, new cj.SoftmaxLayer(flat(10)),
    ];
    const inputs = Array.from({ length: spec.n }, (_, i) => {
      const v = new cj.Vol(28, 28, 1, 0);
      v.w.set(spec.x.subarray(i * 784, (i + 1) * 784));
      return v;
    });
    return trainer(spec, net, inputs, spec.y, crossEntropy(spec));
  },
};
