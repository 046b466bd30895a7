// Recurrent layers: backpropagation through time agrees with a hand-unrolled graph of the same net built from
// primitive ops; each step's tensors and gradients are readable; cells and sequence layers agree; PyTorch's
// names, shapes and initial distribution; the gradient through a linear RNN shrinks or grows as ρ^(T-t).
import { describe, expect, it } from 'vitest';
import { cat, crossEntropy, nn, optim, randn, rng, stack, type Tensor, tensor, zeros } from '../index.ts';

const B = 2, T = 7, I = 3, H = 4;
const r = rng(8);

/** Σ output·w + Σ h_T·w' + Σ c_T·w'': a scalar that depends on every output and on the final state. */
function lossOf(output: Tensor, ...finals: Tensor[]): Tensor {
  let loss = output.mul(randn(output.shape.slice(), rng(1))).sum();
  finals.forEach((f, k) => (loss = loss.add(f.mul(randn(f.shape.slice(), rng(2 + k))).sum())));
  return loss;
}

/** Copies of leaf tensors, requiring grad, so two graphs start from the same numbers. */
const copies = (ts: Tensor[]) => ts.map((t) => tensor(t.data.slice(), t.shape.slice(), { requiresGrad: true }));

function expectClose(a: Tensor, b: Tensor, what: string, tol = 1e-5) {
  expect(a.shape, what).toEqual(b.shape);
  let worst = 0;
  for (let i = 0; i < a.size; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]) / Math.max(1, Math.abs(b.data[i])));
  expect(worst, what).toBeLessThan(tol);
}

/** The LSTM from primitive ops (linear, slice, sigmoid, tanh, mul, add), unrolled by hand; returns h_1…h_T, h_T, c_T. */
function unrolledLstm(x: Tensor, h0: Tensor, c0: Tensor, [wih, whh, bih, bhh]: Tensor[]) {
  let [h, c] = [h0, c0];
  const hs: Tensor[] = [];
  for (let t = 0; t < T; t++) {
    const g = x.select(1, t).matmul(wih.T).add(bih).add(h.matmul(whh.T)).add(bhh);
    const i = g.slice(1, 0, H).sigmoid(), f = g.slice(1, H, 2 * H).sigmoid();
    const gg = g.slice(1, 2 * H, 3 * H).tanh(), o = g.slice(1, 3 * H, 4 * H).sigmoid();
    c = f.mul(c).add(i.mul(gg));
    h = o.mul(c.tanh());
    hs.push(h.retainGrad());
  }
  return { hs, h, c };
}

function unrolledGru(x: Tensor, h0: Tensor, [wih, whh, bih, bhh]: Tensor[]) {
  let h = h0;
  const hs: Tensor[] = [];
  for (let t = 0; t < T; t++) {
    const gx = x.select(1, t).matmul(wih.T).add(bih);
    const gh = h.matmul(whh.T).add(bhh);
    const part = (g: Tensor, k: number) => g.slice(1, k * H, (k + 1) * H);
    const rr = part(gx, 0).add(part(gh, 0)).sigmoid();
    const z = part(gx, 1).add(part(gh, 1)).sigmoid();
    const n = part(gx, 2).add(rr.mul(part(gh, 2))).tanh();
    h = z.neg().add(1).mul(n).add(z.mul(h));
    hs.push(h.retainGrad());
  }
  return { hs, h };
}

function unrolledRnn(x: Tensor, h0: Tensor, [wih, whh, bih, bhh]: Tensor[]) {
  let h = h0;
  const hs: Tensor[] = [];
  for (let t = 0; t < T; t++) {
    h = x.select(1, t).matmul(wih.T).add(bih).add(h.matmul(whh.T)).add(bhh).tanh();
    hs.push(h.retainGrad());
  }
  return { hs, h };
}

describe('backpropagation through time agrees with a hand-unrolled graph of the same net', () => {
  it('LSTM: outputs, final state, every gradient, and dL/dh_t at each step', () => {
    const lstm = new nn.LSTM(I, H, { rng: r });
    lstm.retainGrads = true;
    const [x, h0, c0] = copies([randn([B, T, I], r), randn([B, H], r), randn([B, H], r)]);
    const { output, h, c } = lstm.forward(x, { h: h0, c: c0 });
    lossOf(output, h, c).backward();

    const params = copies(lstm.parameters());
    const [x2, h02, c02] = copies([x, h0, c0]);
    const ref = unrolledLstm(x2, h02, c02, params);
    lossOf(stack(ref.hs, 1), ref.h, ref.c).backward();

    expectClose(output, stack(ref.hs, 1), 'output');
    expectClose(c, ref.c, 'c_T');
    lstm.parameters().forEach((p, k) => expectClose(p.grad!, params[k].grad!, `gradient of ${lstm.namedParameters()[k][0]}`));
    expectClose(x.grad!, x2.grad!, 'gradient of x');
    expectClose(h0.grad!, h02.grad!, 'gradient of h_0');
    expectClose(c0.grad!, c02.grad!, 'gradient of c_0');
    lstm.steps.forEach((s, t) => expectClose(s.h.grad!, ref.hs[t].grad!, `dL/dh at step ${t}`));
  });

  it('GRU: outputs, every gradient, and dL/dh_t at each step', () => {
    const gru = new nn.GRU(I, H, { rng: r });
    gru.retainGrads = true;
    const [x, h0] = copies([randn([B, T, I], r), randn([B, H], r)]);
    const { output, h } = gru.forward(x, h0);
    lossOf(output, h).backward();

    const params = copies(gru.parameters());
    const [x2, h02] = copies([x, h0]);
    const ref = unrolledGru(x2, h02, params);
    lossOf(stack(ref.hs, 1), ref.h).backward();

    expectClose(output, stack(ref.hs, 1), 'output');
    gru.parameters().forEach((p, k) => expectClose(p.grad!, params[k].grad!, `gradient of ${gru.namedParameters()[k][0]}`));
    expectClose(x.grad!, x2.grad!, 'gradient of x');
    expectClose(h0.grad!, h02.grad!, 'gradient of h_0');
    gru.steps.forEach((s, t) => expectClose(s.h.grad!, ref.hs[t].grad!, `dL/dh at step ${t}`));
  });

  it('RNN: outputs, every gradient, and dL/dh_t at each step', () => {
    const rnn = new nn.RNN(I, H, { rng: r });
    rnn.retainGrads = true;
    const [x, h0] = copies([randn([B, T, I], r), randn([B, H], r)]);
    const { output, h } = rnn.forward(x, h0);
    lossOf(output, h).backward();

    const params = copies(rnn.parameters());
    const [x2, h02] = copies([x, h0]);
    const ref = unrolledRnn(x2, h02, params);
    lossOf(stack(ref.hs, 1), ref.h).backward();

    expectClose(output, stack(ref.hs, 1), 'output');
    rnn.parameters().forEach((p, k) => expectClose(p.grad!, params[k].grad!, `gradient of ${rnn.namedParameters()[k][0]}`));
    expectClose(x.grad!, x2.grad!, 'gradient of x');
    rnn.steps.forEach((s, t) => expectClose(s.h.grad!, ref.hs[t].grad!, `dL/dh at step ${t}`));
  });
});

describe('recurrent layers', () => {
  it('use PyTorch’s parameter names and shapes, drawn uniformly in ±1/√H', () => {
    const lstm = new nn.LSTM(3, 50, { rng: rng(1) });
    expect(lstm.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['weight_ih_l0', [200, 3]],
      ['weight_hh_l0', [200, 50]],
      ['bias_ih_l0', [200]],
      ['bias_hh_l0', [200]],
    ]);
    expect(new nn.GRUCell(3, 5).namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['weight_ih', [15, 3]],
      ['weight_hh', [15, 5]],
      ['bias_ih', [15]],
      ['bias_hh', [15]],
    ]);
    expect(new nn.RNNCell(3, 5, { bias: false }).parameters()).toHaveLength(2);
    const w = lstm.weight_hh_l0.data;
    const k = 1 / Math.sqrt(50);
    expect(Math.max(...w)).toBeLessThanOrEqual(k);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-k);
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(variance).toBeCloseTo(k * k / 3, 3); // uniform in ±k: k²/3
  });

  it('a cell stepped by hand gives the sequence layer’s outputs, states and gates', () => {
    const lstm = new nn.LSTM(I, H, { rng: rng(2) });
    const cell = Object.assign(new nn.LSTMCell(I, H), {
      weight_ih: lstm.weight_ih_l0, weight_hh: lstm.weight_hh_l0, bias_ih: lstm.bias_ih_l0, bias_hh: lstm.bias_hh_l0,
    });
    const x = randn([B, T, I], rng(3));
    const { output } = lstm.forward(x);
    let state = { h: zeros([B, H]), c: zeros([B, H]) };
    for (let t = 0; t < T; t++) {
      const next = cell.forward(x.select(1, t), state);
      expectClose(next.h, output.select(1, t), `h at step ${t}`, 1e-6);
      expectClose(next.c, lstm.steps[t].c, `c at step ${t}`, 1e-6);
      expectClose(next.gates, lstm.steps[t].gates, `gates at step ${t}`, 1e-6);
      state = next;
    }
  });

  it('run one unbatched sequence [T, in] as a batch of one, and continue from a returned state', () => {
    const gru = new nn.GRU(I, H, { rng: rng(4) });
    const x = randn([T, I], rng(5));
    const whole = gru.forward(x);
    expect(whole.output.shape).toEqual([T, H]);
    expect(whole.h.shape).toEqual([H]);
    expectClose(gru.forward(x.reshape(1, T, I)).output.reshape(T, H), whole.output, 'batched', 1e-7);
    // Feeding the first 3 steps, then the other 4 from the state reached, gives the same outputs.
    const first = gru.forward(x.slice(0, 0, 3));
    const rest = gru.forward(x.slice(0, 3), first.h);
    expectClose(cat([first.output, rest.output], 0), whole.output, 'in two pieces', 1e-6);
    const cell = new nn.LSTMCell(I, H);
    const step = cell.forward(randn([I], rng(6)));
    expect([step.h.shape, step.c.shape, step.gates.shape]).toEqual([[H], [H], [1, 4 * H]]);
  });

  it('keep every step’s tensors, and their gradients only with retainGrads', () => {
    const lstm = new nn.LSTM(I, H, { rng: rng(7) });
    const x = randn([B, T, I], rng(8));
    lstm.forward(x).output.sum().backward();
    expect(lstm.steps).toHaveLength(T);
    expect(lstm.steps[0].gates.shape).toEqual([B, 4 * H]);
    expect(lstm.steps[0].h.grad).toBeNull();
    lstm.retainGrads = true;
    lstm.forward(x).output.sum().backward();
    expect(lstm.steps.every((s) => s.h.grad && s.c.grad && s.gates.grad)).toBe(true);
    // Gates are activations: i, f, o in (0, 1), g in (-1, 1).
    const g = lstm.steps[3].gates.data;
    for (let b = 0; b < B; b++)
      for (let j = 0; j < 4 * H; j++) {
        const v = g[b * 4 * H + j];
        if (j >= 2 * H && j < 3 * H) expect(Math.abs(v)).toBeLessThan(1);
        else expect(v > 0 && v < 1).toBe(true);
      }
  });

  it('name the layer and the shapes when the input or the state does not fit', () => {
    const lstm = new nn.LSTM(3, 4);
    expect(() => lstm.forward(zeros([2, 5, 2]))).toThrow('LSTM: input [2,5,2] should be [B, T, 3] (batch first) or [T, 3]');
    expect(() => lstm.forward(zeros([2, 5, 3]), { h: zeros([4]), c: zeros([2, 4]) })).toThrow('LSTM: state [4] should be [2,4] for input [2,5,3]');
    expect(() => new nn.GRUCell(3, 4).forward(zeros([2, 4]))).toThrow('GRUCell: input [2,4] should be [B, 3] or [3]');
  });
});

describe('the gradient through time of an RNN', () => {
  /** ‖dL/dh_t‖ for t = 0 … T-1 with L = Σ h_T·w, for W_hh = ρ·Q (Q a rotation in two planes, so orthogonal). */
  function gradientNorms(rho: number, nonlinearity: 'linear' | 'tanh') {
    const c = Math.cos(0.7), s = Math.sin(0.7);
    const q = [c, -s, 0, 0, s, c, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0];
    const rnn = new nn.RNN(2, 4, { nonlinearity, rng: rng(9) });
    rnn.weight_hh_l0.data.set(q.map((v) => rho * v));
    rnn.retainGrads = true;
    const { h } = rnn.forward(randn([1, 12, 2], rng(10)));
    h.mul(tensor([[1, -2, 0.5, 1]])).sum().backward();
    return rnn.steps.map((st) => Math.hypot(...st.h.grad!.data));
  }

  it('is multiplied by exactly ρ at every step back when the RNN is linear: ‖dL/dh_t‖ = ρ^(T-t)·‖w‖', () => {
    for (const rho of [0.8, 1, 1.25]) {
      const norms = gradientNorms(rho, 'linear');
      const T = norms.length - 1;
      norms.forEach((v, t) => expect(v / (rho ** (T - t) * Math.hypot(1, -2, 0.5, 1))).toBeCloseTo(1, 4));
    }
  });

  it('shrinks at least as fast through tanh, whose derivative is at most 1', () => {
    const linear = gradientNorms(0.9, 'linear');
    const tanh = gradientNorms(0.9, 'tanh');
    tanh.forEach((v, t) => expect(v).toBeLessThanOrEqual(linear[t] * (1 + 1e-5)));
    expect(tanh[0]).toBeLessThan(0.5 * linear[0]);
  });
});

describe('learning through time', () => {
  it('an LSTM with forget bias 1 learns to recall, after 20 steps of noise, the bit it saw first', () => {
    const r2 = rng(11);
    const T2 = 20, Bt = 16;
    const lstm = new nn.LSTM(2, 8, { forgetBias: 1, rng: r2 });
    const head = new nn.Linear(8, 2, { rng: r2 });
    const opt = new optim.Adam([...lstm.parameters(), ...head.parameters()], { lr: 0.01 });
    const batch = () => {
      const bits = Array.from({ length: Bt }, () => r2.int(2));
      // Channel 0 carries the bit at t = 0 (as ±1), channel 1 noise at every step.
      const x = zeros([Bt, T2, 2]);
      bits.forEach((b, i) => {
        x.data[i * T2 * 2] = b ? 1 : -1;
        for (let t = 0; t < T2; t++) x.data[(i * T2 + t) * 2 + 1] = r2.normal();
      });
      return { x, bits };
    };
    const logitsOf = (x: Tensor) => head.forward(lstm.forward(x).h);
    for (let it = 0; it < 200; it++) {
      const { x, bits } = batch();
      opt.zeroGrad();
      crossEntropy(logitsOf(x), bits).backward();
      opt.step();
    }
    const { x, bits } = batch();
    const z = logitsOf(x).data;
    const right = bits.filter((b, i) => (z[2 * i + 1] > z[2 * i] ? 1 : 0) === b).length;
    expect(right).toBe(Bt);
  });
});
