// Modules: parameter discovery, train/eval, initializer variances, the default stream of layers built
// without a generator, dropout's expectation, attention's causal mask, layer norm, and per-layer
// activations and gradients for widgets.
import { describe, expect, it } from 'vitest';
import { defaultGenerator, gradNorms, manualSeed, nn, rng, stats, tensor, randn, ones } from '../index.ts';
import { initialize } from './init.ts';

describe('nn', () => {
  it('finds parameters by field, each once, with dotted names', () => {
    const m = new nn.MLP([2, 3, 1]);
    expect(m.namedParameters().map(([n]) => n)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias']);
    expect(m.parameterCount()).toBe(2 * 3 + 3 + 3 + 1);
    m.forward(ones([4, 2]));
    expect(m.parameters()).toHaveLength(4); // activations kept for widgets are not parameters
  });

  it('zeroGrad clears every gradient', () => {
    const m = new nn.MLP([2, 4, 1], { rng: rng(1) });
    m.forward(ones([3, 2])).sum().backward();
    expect(m.parameters().every((p) => p.grad)).toBe(true);
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('initializers hit their variances: Xavier 2/(in+out), He 2/in', () => {
    const w = new nn.Linear(400, 200, { init: 'xavier', rng: rng(1) }).weight;
    expect(stats(w.data).std ** 2).toBeCloseTo(2 / 600, 4);
    const h = new nn.Linear(400, 200, { init: 'he', rng: rng(1) }).weight;
    expect(stats(h.data).std ** 2).toBeCloseTo(2 / 400, 3);
  });

  it('He keeps activation variance through a deep ReLU net while Xavier halves it per layer', () => {
    const depthStd = (init: 'he' | 'xavier') => {
      const m = new nn.MLP(Array(11).fill(128), { activation: 'relu', init, rng: rng(2) });
      m.forward(randn([256, 128], rng(3)));
      const acts = m.activations.filter((_, i) => i % 2 === 1); // after each ReLU
      return acts.map((a) => stats(a.data).std);
    };
    const he = depthStd('he');
    const xavier = depthStd('xavier');
    expect(he[he.length - 1] / he[0]).toBeGreaterThan(0.5);
    expect(he[he.length - 1] / he[0]).toBeLessThan(2);
    expect(xavier[xavier.length - 1] / xavier[0]).toBeLessThan(0.1); // about (1/√2)^9 ≈ 0.04
  });

  it('draws layers built without a generator from one default stream, which manualSeed restarts', () => {
    const weights = (m: nn.Module) => m.parameters().map((p) => Array.from(p.data));
    manualSeed(0);
    const a = new nn.Linear(2, 3);
    const b = new nn.Linear(2, 3);
    expect(weights(a)).not.toEqual(weights(b));
    const net = new nn.MLP([2, 4, 1]);
    manualSeed(0);
    expect(weights(new nn.Linear(2, 3))).toEqual(weights(a));
    expect(weights(new nn.Linear(2, 3))).toEqual(weights(b));
    expect(weights(new nn.MLP([2, 4, 1]))).toEqual(weights(net));
    manualSeed(1);
    expect(weights(new nn.Linear(2, 3))).not.toEqual(weights(a));
    expect(manualSeed(7)).toBe(defaultGenerator);
    // The stream is the default generator's: after manualSeed(n) it draws what rng(n) draws.
    expect([defaultGenerator.next(), defaultGenerator.normal()]).toEqual(((r) => [r.next(), r.normal()])(rng(7)));
    for (const make of [(r?: ReturnType<typeof rng>) => new nn.Embedding(3, 2, { rng: r }), (r?: ReturnType<typeof rng>) => new nn.RNNCell(2, 3, { rng: r })]) {
      expect(weights(make())).not.toEqual(weights(make()));
    }
  });

  it('keeps layers given a generator as they were, and leaves the default stream alone', () => {
    manualSeed(3);
    const next = rng(3).next();
    const own = new nn.Linear(3, 2, { rng: rng(5) });
    new nn.MLP([2, 8, 1], { dropout: 0.5, rng: rng(5) }).forward(ones([4, 2]));
    new nn.Dropout(0.5, { rng: rng(5) }).forward(ones([8]));
    expect(defaultGenerator.next()).toBe(next);
    // What a Linear with a generator held before the default stream existed: Xavier from that generator.
    const expected = initialize(nn.init.zeros(own.weight.clone()), 'xavier', rng(5));
    expect(Array.from(own.weight.data)).toEqual(Array.from(expected.data));
  });

  it('dropout takes { rng } like every other layer (or the generator itself), else the default stream', () => {
    const mask = (d: nn.Dropout) => Array.from(d.forward(ones([20])).data);
    expect(mask(new nn.Dropout(0.5, { rng: rng(4) }))).toEqual(mask(new nn.Dropout(0.5, rng(4))));
    manualSeed(2);
    const first = mask(new nn.Dropout(0.5));
    const second = mask(new nn.Dropout(0.5));
    expect(first).not.toEqual(second);
    manualSeed(2);
    expect(mask(new nn.Dropout(0.5))).toEqual(first);
    expect(new nn.Dropout().p).toBe(0.5);
  });

  it('dropout zeroes a share p in training, keeps the mean, and is off in eval', () => {
    const d = new nn.Dropout(0.25, { rng: rng(1) });
    const y = d.forward(ones([10000]));
    const s = stats(y.data);
    expect(s.zeros).toBeCloseTo(0.25, 1);
    expect(s.mean).toBeCloseTo(1, 1);
    d.eval();
    expect(Array.from(d.forward(ones([3])).data)).toEqual([1, 1, 1]);
  });

  it('causal self-attention gives no weight to future positions, and rows sum to 1', () => {
    const att = new nn.SelfAttention(8, { heads: 2, causal: true, rng: rng(1) });
    att.forward(randn([5, 8], rng(2)));
    const a = att.attention!;
    expect(a.shape).toEqual([1, 2, 5, 5]);
    for (let h = 0; h < 2; h++) {
      for (let i = 0; i < 5; i++) {
        let rowSum = 0;
        for (let j = 0; j < 5; j++) {
          const v = a.data[(h * 5 + i) * 5 + j];
          rowSum += v;
          if (j > i) expect(v).toBeLessThan(1e-6);
        }
        expect(rowSum).toBeCloseTo(1, 5);
      }
    }
  });

  it('layer norm gives each row zero mean and unit variance', () => {
    const y = new nn.LayerNorm(6).forward(tensor([[1, 2, 3, 4, 5, 6], [0, 0, 1, 1, 2, 9]]));
    for (let r = 0; r < 2; r++) {
      const s = stats(y.data.subarray(r * 6, r * 6 + 6));
      expect(s.mean).toBeCloseTo(0, 5);
      expect(s.std).toBeCloseTo(1, 3);
    }
  });

  it('keeps per-layer activations and, with retainGrads, their gradients; reports gradient norms', () => {
    const m = new nn.MLP([2, 4, 4, 1], { activation: 'tanh', rng: rng(1) });
    m.retainGrads = true;
    m.forward(randn([5, 2], rng(2))).sum().backward();
    expect(m.activations).toHaveLength(5);
    expect(m.activations.every((a) => a.grad !== null)).toBe(true);
    const norms = gradNorms(m);
    expect(norms.map((n) => n.name)).toContain('layers.0.weight');
    expect(norms.every((n) => n.norm > 0)).toBe(true);
  });

  it('embedding looks rows up and sends gradients back to those rows only', () => {
    const e = new nn.Embedding(4, 3, { rng: rng(1) });
    e.forward([1, 1, 3]).sum().backward();
    const g = Array.from(e.weight.grad!.data);
    expect(g.slice(0, 3)).toEqual([0, 0, 0]);
    expect(g.slice(3, 6)).toEqual([2, 2, 2]);
    expect(g.slice(9, 12)).toEqual([1, 1, 1]);
  });
});
