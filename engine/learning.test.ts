// End-to-end learning with fixed seeds: the engine really trains networks, and the same seed gives the
// same weights. Sizes are small so the whole suite stays fast on two cores.
import { describe, expect, it } from 'vitest';
import { crossEntropy, data, noGrad, nn, optim, rng, Tensor, tensor, cat, conv2d, maxPool2d } from './index.ts';

const accuracy = (logits: Tensor, y: ArrayLike<number>) => {
  const [B, K] = logits.shape;
  let right = 0;
  for (let b = 0; b < B; b++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (logits.data[b * K + k] > logits.data[b * K + best]) best = k;
    if (best === y[b]) right++;
  }
  return right / B;
};

function trainSpiral(seed: number) {
  const r = rng(seed);
  const ds = data.spiral({ n: 300, noise: 0, seed });
  const model = new nn.MLP([2, 32, 32, 2], { activation: 'relu', rng: r });
  const opt = new optim.Adam(model.parameters(), { lr: 0.01 });
  for (let epoch = 0; epoch < 150; epoch++) {
    for (const idx of data.batches(ds.n, 32, r)) {
      opt.zeroGrad();
      crossEntropy(model.forward(data.inputs(ds, idx)), data.labels(ds, idx)).backward();
      opt.step();
    }
  }
  return { model, acc: noGrad(() => accuracy(model.forward(data.inputs(ds)), ds.y)) };
}

describe('learning', () => {
  it('an MLP separates the two spirals to at least 95% training accuracy', () => {
    expect(trainSpiral(1).acc).toBeGreaterThanOrEqual(0.95);
  });

  it('two runs with the same seed end with identical weights', () => {
    const a = trainSpiral(5).model.parameters().map((p) => Array.from(p.data));
    const b = trainSpiral(5).model.parameters().map((p) => Array.from(p.data));
    expect(a).toEqual(b);
  });

  it('an MLP reaches at least 90% test accuracy on the shipped 8×8 digits', async () => {
    const digits = await data.loadDigits({ size: 8 });
    const r = rng(2);
    const model = new nn.MLP([64, 64, 10], { activation: 'relu', rng: r });
    const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const { train, test } = digits;
    for (let epoch = 0; epoch < 8; epoch++) {
      for (const idx of data.batches(train.n, 32, r)) {
        const xb = new Float32Array(idx.length * 64);
        idx.forEach((i, k) => xb.set(train.images.subarray(i * 64, (i + 1) * 64), k * 64));
        opt.zeroGrad();
        crossEntropy(model.forward(tensor(xb, [idx.length, 64])), Array.from(idx, (i) => train.labels[i])).backward();
        opt.step();
      }
    }
    const acc = noGrad(() => accuracy(model.forward(tensor(test.images.slice(), [test.n, 64])), test.labels));
    expect(acc).toBeGreaterThanOrEqual(0.9);
  });

  it('a small CNN reaches at least 90% test accuracy on the shipped 14×14 digits', async () => {
    const { train, test } = await data.loadDigits({ size: 14 });
    const r = rng(3);
    const conv = new nn.Conv2d(1, 8, 3, { rng: r, padding: 1 });
    const fc = new nn.Linear(8 * 7 * 7, 10, { rng: r });
    const params = [...conv.parameters(), ...fc.parameters()];
    const forward = (x: Tensor) => {
      const h = maxPool2d(conv2d(x, conv.weight, conv.bias, { padding: 1 }).relu(), 2);
      return fc.forward(h.reshape(x.shape[0], -1));
    };
    const opt = new optim.SGD(params, { lr: 0.05, momentum: 0.9 });
    const px = 196;
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const idx of data.batches(train.n, 32, r)) {
        const xb = new Float32Array(idx.length * px);
        idx.forEach((i, k) => xb.set(train.images.subarray(i * px, (i + 1) * px), k * px));
        opt.zeroGrad();
        crossEntropy(forward(tensor(xb, [idx.length, 1, 14, 14])), Array.from(idx, (i) => train.labels[i])).backward();
        opt.step();
      }
    }
    const acc = noGrad(() => accuracy(forward(tensor(test.images.slice(), [test.n, 1, 14, 14])), test.labels));
    expect(acc).toBeGreaterThanOrEqual(0.9);
  });

  it('an RNN learns to predict the next symbol of a repeating sequence', () => {
    // Sequence 0 1 2 3 0 1 2 3 …: the next symbol depends on the current one only through the hidden state.
    const r = rng(4);
    const K = 4;
    const T = 12;
    const cell = new nn.RNNCell(K, 16, { rng: r });
    const head = new nn.Linear(16, K, { rng: r });
    const opt = new optim.Adam([...cell.parameters(), ...head.parameters()], { lr: 0.05 });
    const oneHot = (k: number) => tensor(Array.from({ length: K }, (_, j) => (j === k ? 1 : 0)), [1, K]);
    let acc = 0;
    for (let it = 0; it < 150; it++) {
      const start = r.int(K);
      let h: Tensor | undefined;
      const logits: Tensor[] = [];
      const targets: number[] = [];
      for (let t = 0; t < T; t++) {
        h = cell.forward(oneHot((start + t) % K), h);
        logits.push(head.forward(h));
        targets.push((start + t + 1) % K);
      }
      const all = cat(logits, 0);
      opt.zeroGrad();
      crossEntropy(all, targets).backward();
      opt.step();
      acc = accuracy(all, targets);
    }
    expect(acc).toBe(1);
  });

  it('a tiny transformer learns to reverse short sequences well above chance', () => {
    const r = rng(6);
    const V = 5; // symbols 0..4
    const T = 4;
    const d = 16;
    const emb = new nn.Embedding(V, d, { rng: r });
    const pos = new nn.Embedding(T, d, { rng: r });
    const block = new nn.TransformerBlock(d, { heads: 2, hidden: 32, rng: r });
    const head = new nn.Linear(d, V, { rng: r });
    const params = [...emb.parameters(), ...pos.parameters(), ...block.parameters(), ...head.parameters()];
    const opt = new optim.Adam(params, { lr: 0.01 });
    const posIds = [0, 1, 2, 3];
    const forward = (seq: number[]) => head.forward(block.forward(emb.forward(seq).add(pos.forward(posIds))));
    for (let it = 0; it < 400; it++) {
      const seq = Array.from({ length: T }, () => r.int(V));
      opt.zeroGrad();
      crossEntropy(forward(seq), seq.slice().reverse()).backward();
      opt.step();
    }
    let right = 0;
    const trials = 50;
    for (let i = 0; i < trials; i++) {
      const seq = Array.from({ length: T }, () => r.int(V));
      right += noGrad(() => accuracy(forward(seq), seq.slice().reverse())) * T;
    }
    expect(right / (trials * T)).toBeGreaterThan(0.8); // chance is 1/5
  });
});
