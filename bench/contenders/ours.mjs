// Our engine, through its public API only, written the way a widget or a code cell of the book uses it:
// nn layers, optim.SGD, the data helpers, and a fresh graph every step.
import { checksum } from '../workloads.mjs';

// run.mjs bundles the engine once and passes the bundle's path; run alone, a worker bundles it itself.
const E = await import(process.env.ENGINE_BUNDLE ?? (await (await import('../bundle.mjs')).bundleEngine()).path);
const { nn, optim, data, tensor, noGrad, mse, crossEntropy, maxPool2d, value } = E;

/** Copies the shared initial weights into a Linear layer (weight [out, in], bias [out]). */
function load(linear, W, b) {
  linear.weight.data.set(W);
  linear.bias.data.set(b);
}

/** The rows of a data set as the data helpers read them (x row-major with `dim` values per row, y per row). */
const rowsOf = (spec) => ({ x: spec.x, y: spec.y, n: spec.n, dim: spec.dim });

/** A minibatch SGD contender: each step back-propagates `lossOn(batch)`; the check loss is taken without a graph. */
function minibatchSGD(spec, opt, lossOn) {
  return {
    step(i) {
      opt.zeroGrad();
      lossOn(spec.batchIdx(i)).backward();
      opt.step();
    },
    loss: () => noGrad(() => lossOn(spec.checkIdx).item()),
  };
}

function playgroundNet(spec) {
  const net = new nn.MLP(spec.sizes, { activation: 'tanh', outputActivation: 'tanh' });
  net.linears.forEach((l, i) => load(l, spec.init.W[i], spec.init.b[i]));
  return net;
}

export const workloads = {
  W1(spec) {
    const net = playgroundNet(spec);
    const opt = new optim.SGD(net.parameters(), { lr: spec.lr });
    const ds = rowsOf(spec);
    const halfMse = (idx) => mse(net.forward(data.inputs(ds, idx)), data.targets(ds, idx)).mul(0.5);
    return minibatchSGD(spec, opt, halfMse);
  },

  'W1-grid'(spec) {
    const net = playgroundNet(spec);
    net.eval();
    const grid = tensor(spec.grid, [spec.points, 2]);
    let out = null;
    return {
      step() {
        out = noGrad(() => net.forward(grid)).data;
      },
      loss: () => checksum(out),
    };
  },

  W2(spec) {
    const net = new nn.MLP(spec.sizes, { activation: 'relu' });
    net.linears.forEach((l, i) => load(l, spec.init.W[i], spec.init.b[i]));
    const opt = new optim.SGD(net.parameters(), { lr: spec.lr });
    const ds = rowsOf(spec);
    const ce = (idx) => crossEntropy(net.forward(data.inputs(ds, idx)), data.labels(ds, idx));
    return minibatchSGD(spec, opt, ce);
  },

  W3(spec) {
    const conv = new nn.Conv2d(1, 8, 3);
    conv.weight.data.set(spec.init.conv);
    conv.bias.data.set(spec.init.convBias);
    const fc = new nn.Linear(1352, 10);
    load(fc, spec.init.W, spec.init.b);
    const opt = new optim.SGD([...conv.parameters(), ...fc.parameters()], { lr: spec.lr });
    const ds = rowsOf(spec);
    const ce = (idx) => {
      const x = data.inputs(ds, idx).reshape(idx.length, 1, 28, 28);
      const h = maxPool2d(conv.forward(x).relu(), 2);
      return crossEntropy(fc.forward(h.reshape(idx.length, 1352)), data.labels(ds, idx));
    };
    return minibatchSGD(spec, opt, ce);
  },

  W4(spec) {
    // Parameters as scalar Values, neuron by neuron: w[l][j][k], b[l][j].
    const W = [], B = [];
    spec.init.W.forEach((w, l) => {
      const [nin, nout] = [spec.sizes[l], spec.sizes[l + 1]];
      W.push(Array.from({ length: nout }, (_, j) => Array.from({ length: nin }, (_, k) => value(w[j * nin + k]))));
      B.push(Array.from({ length: nout }, (_, j) => value(spec.init.b[l][j])));
    });
    const params = [...W.flat(2), ...B.flat()];
    const forward = (x0, x1) => {
      let h = [value(x0), value(x1)];
      W.forEach((layer, l) => {
        const last = l === W.length - 1;
        h = layer.map((w, j) => {
          let s = B[l][j];
          for (let k = 0; k < w.length; k++) s = s.add(w[k].mul(h[k]));
          return last ? s : s.tanh();
        });
      });
      return h[0];
    };
    const lossAt = (i) => forward(spec.x[2 * i], spec.x[2 * i + 1]).sub(spec.y[i]).pow(2);
    const probe = lossAt(0);
    return {
      perStep: E.topoSort(probe).length,
      step(i) {
        const loss = lossAt(spec.sampleIdx(i)[0]);
        for (const p of params) p.zeroGrad();
        loss.backward();
        for (const p of params) p.data -= spec.lr * p.grad;
      },
      loss() {
        let s = 0;
        for (let i = 0; i < spec.n; i++) s += lossAt(i).data;
        return s / spec.n;
      },
    };
  },

  W5(spec) {
    const { T, d } = spec;
    const attn = new nn.SelfAttention(d, { heads: 1 });
    [attn.q, attn.k, attn.v, attn.o].forEach((l, i) => load(l, spec.init.W[i], spec.init.b[i]));
    const opt = new optim.SGD(attn.parameters(), { lr: spec.lr });
    const seq = (s) => [tensor(spec.x.subarray(s * T * d, (s + 1) * T * d), [T, d]), tensor(spec.y.subarray(s * T * d, (s + 1) * T * d), [T, d])];
    return {
      step(i) {
        const [x, y] = seq(spec.batchIdx(i)[0]);
        opt.zeroGrad();
        mse(attn.forward(x), y).backward();
        opt.step();
      },
      loss: () =>
        noGrad(() => {
          let s = 0;
          for (const i of spec.checkIdx) {
            const [x, y] = seq(i);
            s += mse(attn.forward(x), y).item();
          }
          return s / spec.checkIdx.length;
        }),
    };
  },

  // --- W7: tiny decoder-only transformer ---------------------------------------------------------------
  W7(spec) {
    const { V, T, E, L, H, F, B, text } = spec;
    const lm = new nn.TransformerLM(V, { dim: E, layers: L, heads: H, hidden: F, maxLen: T });
    lm.tokenEmbedding.weight.data.set(spec.init.tok);
    lm.positionEmbedding.weight.data.set(spec.init.pos);
    lm.blocks.forEach((block, l) => {
      const w = spec.init.layers[l];
      block.ln1.weight.data.set(w.ln1w);
      block.ln1.bias.data.set(w.ln1b);
      block.attn.in_proj_weight.data.set(w.Wqkv);
      block.attn.in_proj_bias.data.set(w.bqkv);
      load(block.attn.out_proj, w.Wo, w.bo);
      block.ln2.weight.data.set(w.ln2w);
      block.ln2.bias.data.set(w.ln2b);
      load(block.mlp.linears[0], w.W1, w.b1);
      load(block.mlp.linears[1], w.W2, w.b2);
    });
    lm.lnF.weight.data.set(spec.init.lnfw);
    lm.lnF.bias.data.set(spec.init.lnfb);
    lm.head.weight.data.set(spec.init.head);
    const opt = new optim.Adam(lm.parameters(), { lr: spec.lr, betas: spec.betas, eps: spec.eps });
    const ids = new Int32Array(B * T), targets = new Int32Array(B * T);
    const lossOf = (starts) => {
      for (let b = 0; b < starts.length; b++) {
        ids.set(text.subarray(starts[b], starts[b] + T), b * T);
        targets.set(text.subarray(starts[b] + 1, starts[b] + T + 1), b * T);
      }
      const n = starts.length * T;
      return lm.loss(ids.subarray(0, n), targets.subarray(0, n), starts.length);
    };
    return {
      step(i) {
        opt.zeroGrad();
        lossOf(spec.batchIdx(i)).backward();
        opt.step();
      },
      loss() {
        const idx = spec.checkIdx;
        let s = 0;
        for (let k = 0; k < idx.length; k += B) s += noGrad(() => lossOf(idx.subarray(k, k + B)).item());
        return s / (idx.length / B);
      },
    };
  },

  // --- W8: character LSTM language model -------------------------------------------------------------
  W8(spec) {
    const { V, E: D, H, T, text } = spec;
    const emb = new nn.Embedding(V, D);
    emb.weight.data.set(spec.init.emb);
    const lstm = new nn.LSTM(D, H);
    lstm.weight_ih_l0.data.set(spec.init.Wih);
    lstm.weight_hh_l0.data.set(spec.init.Whh);
    lstm.bias_ih_l0.data.set(spec.init.bih);
    lstm.bias_hh_l0.data.set(spec.init.bhh);
    const head = new nn.Linear(H, V);
    load(head, spec.init.Wout, spec.init.bout);
    const params = [...emb.parameters(), ...lstm.parameters(), ...head.parameters()];
    const opt = new optim.SGD(params, { lr: spec.lr });
    const lossOf = (starts) => {
      const B = starts.length;
      const ids = new Int32Array(B * T), targets = new Int32Array(B * T);
      for (let b = 0; b < B; b++) {
        ids.set(text.subarray(starts[b], starts[b] + T), b * T);
        targets.set(text.subarray(starts[b] + 1, starts[b] + T + 1), b * T);
      }
      const { output } = lstm.forward(emb.forward(ids).reshape(B, T, D));
      return crossEntropy(head.forward(output).reshape(B * T, V), targets);
    };
    return {
      step(i) {
        opt.zeroGrad();
        lossOf(spec.batchIdx(i)).backward();
        E.clipGradNorm(params, spec.clip);
        opt.step();
      },
      loss: () => noGrad(() => lossOf(spec.checkIdx).item()),
    };
  },

  MM64: matmul,
  MM256: matmul,
};

function matmul(spec) {
  const a = tensor(spec.a, [spec.n, spec.n]);
  const b = tensor(spec.b, [spec.n, spec.n]);
  let c = null;
  return {
    step() {
      c = noGrad(() => a.matmul(b));
    },
    loss: () => checksum(c.data),
  };
}
