// The convolutional layers (PyTorch's names, shapes and defaults), batch norm's modes and running
// statistics, buffers and the state dict (export, import, refusal of a bad file), forward hooks,
// per-layer activations from one pass, and nn.summary.
import { describe, expect, it } from 'vitest';
import { nn, noGrad, randn, rng, tensor, type Tensor } from '../index.ts';

/** The chapter's default digit CNN (LeNet-5's shape with ReLU and max-pooling). */
const lenet = (seed = 0) => {
  const r = rng(seed);
  return new nn.Sequential(
    new nn.Conv2d(1, 6, 5, { padding: 2, rng: r }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Conv2d(6, 16, 5, { rng: r }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(400, 120, { rng: r }),
    new nn.ReLU(),
    new nn.Linear(120, 84, { rng: r }),
    new nn.ReLU(),
    new nn.Linear(84, 10, { rng: r }),
  );
};

const withBatchNorm = (seed = 0) => {
  const r = rng(seed);
  return new nn.Sequential(new nn.Conv2d(1, 4, 3, { padding: 1, bias: false, rng: r }), new nn.BatchNorm2d(4), new nn.ReLU(), new nn.Flatten(), new nn.Linear(64, 3, { rng: r }), new nn.BatchNorm1d(3));
};

describe('convolutional layers', () => {
  it('Conv2d has PyTorch shapes and defaults, and takes stride, padding, dilation and groups', () => {
    const c = new nn.Conv2d(4, 6, [3, 2], { stride: 2, padding: [1, 0], dilation: 1, groups: 2, rng: rng(1) });
    expect(c.weight.shape).toEqual([6, 2, 3, 2]);
    expect(c.bias!.shape).toEqual([6]);
    expect(c.forward(randn([2, 4, 9, 8], rng(2))).shape).toEqual([2, 6, 5, 4]);
    const d = new nn.Conv2d(1, 2, 3);
    expect([d.stride, d.padding, d.dilation, d.groups]).toEqual([1, 0, 1, 1]);
    expect(new nn.Conv2d(1, 2, 3, { bias: false }).parameters()).toHaveLength(1);
    expect(() => new nn.Conv2d(3, 4, 3, { groups: 2 })).toThrow(/groups must be a whole number dividing/);
  });

  it('pooling layers default the stride to the kernel; Flatten keeps the batch axis', () => {
    const x = randn([2, 3, 8, 6], rng(3));
    expect(new nn.MaxPool2d(2).forward(x).shape).toEqual([2, 3, 4, 3]);
    expect(new nn.MaxPool2d(3, { stride: 2, padding: 1 }).forward(x).shape).toEqual([2, 3, 4, 3]);
    expect(new nn.AvgPool2d(2, { stride: 1 }).forward(x).shape).toEqual([2, 3, 7, 5]);
    expect(new nn.Flatten().forward(x).shape).toEqual([2, 144]);
    expect(new nn.Flatten(2).forward(x).shape).toEqual([2, 3, 48]);
  });
});

describe('batch norm layers', () => {
  it('start with γ = 1, β = 0, running mean 0 and variance 1, and PyTorch names', () => {
    const bn = new nn.BatchNorm2d(3);
    expect(bn.namedParameters().map(([n]) => n)).toEqual(['weight', 'bias']);
    expect(bn.namedBuffers().map(([n]) => n)).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    expect(Array.from(bn.weight!.data)).toEqual([1, 1, 1]);
    expect(Array.from(bn.running_var!.data)).toEqual([1, 1, 1]);
    expect([bn.eps, bn.momentum]).toEqual([1e-5, 0.1]);
  });

  it('in training, use the batch and update the running statistics; in evaluation, use them and change nothing', () => {
    const bn = new nn.BatchNorm2d(2);
    const x = randn([4, 2, 3, 3], rng(4), { mean: 5, std: 2 });
    const y = bn.forward(x);
    expect(Math.abs(y.mean().item())).toBeLessThan(1e-5);
    expect(bn.num_batches_tracked!.item()).toBe(1);
    const after = Array.from(bn.running_mean!.data);
    expect(after[0]).toBeGreaterThan(0.3); // 0.1 of a batch mean near 5
    bn.eval();
    const e = bn.forward(x);
    expect(Array.from(bn.running_mean!.data)).toEqual(after);
    expect(bn.num_batches_tracked!.item()).toBe(1);
    // evaluation: (x − running_mean)/√(running_var + ε)
    const want = (x.data[0] - after[0]) / Math.sqrt(bn.running_var!.data[0] + 1e-5);
    expect(e.data[0]).toBeCloseTo(want, 4);
  });

  it('with momentum null, keep a plain average of the batch statistics', () => {
    const bn = new nn.BatchNorm1d(1, { momentum: null });
    bn.forward(tensor([[1], [3]]));
    bn.forward(tensor([[5], [7]]));
    expect(bn.running_mean!.data[0]).toBeCloseTo(4, 6); // mean of the batch means 2 and 6
    expect(bn.running_var!.data[0]).toBeCloseTo(2, 6); // mean of the unbiased variances 2 and 2
  });

  it('without running statistics, normalize with the batch in evaluation too; without affine, learn nothing', () => {
    const bn = new nn.BatchNorm1d(2, { trackRunningStats: false, affine: false }).eval();
    expect(bn.parameters()).toHaveLength(0);
    expect(bn.namedBuffers()).toHaveLength(0);
    expect(Math.abs(bn.forward(randn([5, 2], rng(5), { mean: 3 })).mean().item())).toBeLessThan(1e-5);
  });

  it('refuse inputs of the wrong rank or channel count, naming both', () => {
    expect(() => new nn.BatchNorm2d(3).forward(randn([4, 3], rng(6)))).toThrow('BatchNorm2d: expected 4-D input, got [4,3]');
    expect(() => new nn.BatchNorm1d(3).forward(randn([4, 2], rng(6)))).toThrow(/has 2 channels, the layer 3/);
  });
});

describe('modules, buffers and the state dict', () => {
  it('namedModules lists the model and every layer, outer first, with dotted names', () => {
    const m = withBatchNorm();
    expect(m.namedModules().map(([n]) => n)).toEqual(['', 'layers.0', 'layers.1', 'layers.2', 'layers.3', 'layers.4', 'layers.5']);
    expect(m.namedBuffers().map(([n]) => n)).toEqual([
      'layers.1.running_mean', 'layers.1.running_var', 'layers.1.num_batches_tracked',
      'layers.5.running_mean', 'layers.5.running_var', 'layers.5.num_batches_tracked',
    ]);
  });

  it('a trained model exported as JSON and imported into a fresh one computes the same, running statistics included', () => {
    const m = withBatchNorm(1);
    for (let i = 0; i < 3; i++) m.forward(randn([8, 1, 4, 4], rng(10 + i), { mean: 1 })).sum().backward();
    const file = JSON.stringify(m.stateDict());
    const state = JSON.parse(file);
    expect(Object.keys(state)).toContain('layers.1.running_var');
    expect(state['layers.1.num_batches_tracked']).toEqual({ shape: [], data: [3] });
    const fresh = withBatchNorm(2);
    fresh.loadStateDict(state);
    m.eval();
    fresh.eval();
    const x = randn([2, 1, 4, 4], rng(20));
    const a = noGrad(() => m.forward(x)), b = noGrad(() => fresh.forward(x));
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('loadStateDict refuses a state that does not fit, says why, and changes nothing', () => {
    const m = withBatchNorm(1);
    const before = JSON.stringify(m.stateDict());
    const good = JSON.parse(before);
    const tries: [unknown, RegExp][] = [
      [null, /expected an object of named tensors, got null/],
      [{ ...good, extra: { shape: [1], data: [0] } }, /unexpected "extra"/],
      [{ ...good, 'layers.1.running_var': undefined }, /"layers.1.running_var" is not \{ shape, data \}/],
      [{ ...good, 'layers.0.weight': { shape: [4, 1, 2, 2], data: Array(16).fill(0) } }, /has shape \[4,1,2,2\], the model's is \[4,1,3,3\]/],
      [{ ...good, 'layers.4.bias': { shape: [3], data: [0, 'x', 0] } }, /"layers.4.bias" value 1 is "x", not a finite number/],
      [{ ...good, 'layers.1.running_var': { shape: [4], data: [1, -1, 1, 1] } }, /negative variance/],
    ];
    const { 'layers.4.weight': _, ...missing } = good;
    tries.push([missing, /missing "layers.4.weight"/]);
    for (const [state, why] of tries) {
      expect(() => m.loadStateDict(state)).toThrow(why);
      expect(JSON.stringify(m.stateDict())).toBe(before);
    }
    expect(() => m.loadStateDict({ ...good, extra: { shape: [1], data: [0] } }, { strict: false })).not.toThrow();
  });
});

describe('reading activations', () => {
  it('a forward hook sees each call until it is removed', () => {
    const conv = new nn.Conv2d(1, 2, 3, { rng: rng(1) });
    const seen: number[][] = [];
    const h = conv.registerForwardHook((_m, inputs, out) => seen.push([...(inputs[0] as Tensor).shape, ...(out as Tensor).shape]));
    conv.forward(randn([1, 1, 5, 5], rng(2)));
    h.remove();
    conv.forward(randn([1, 1, 5, 5], rng(2)));
    expect(seen).toEqual([[1, 1, 5, 5, 1, 2, 3, 3]]);
  });

  it('forwardWithActivations returns every layer output of one pass, by name, and leaves no hook behind', () => {
    const m = lenet();
    const x = randn([3, 1, 28, 28], rng(3));
    const { output, activations } = nn.forwardWithActivations<Tensor>(m, x);
    expect(output.shape).toEqual([3, 10]);
    expect(activations.map((a) => a.name)).toEqual(Array.from({ length: 12 }, (_, i) => `layers.${i}`));
    expect((activations[2].output as Tensor).shape).toEqual([3, 6, 14, 14]);
    expect(activations[11].output).toBe(output);
    const again = nn.forwardWithActivations(m, x);
    expect(again.activations).toHaveLength(12); // not 24: the first pass removed its hooks
  });

  it('nn.summary lists output shapes and parameter counts per layer, and moves no running statistic', () => {
    const s = nn.summary(lenet(), [1, 1, 28, 28]);
    expect(s.rows.map((r) => [r.type, r.outputShape, r.params])).toEqual([
      ['Conv2d', [1, 6, 28, 28], 156], ['ReLU', [1, 6, 28, 28], 0], ['MaxPool2d', [1, 6, 14, 14], 0],
      ['Conv2d', [1, 16, 10, 10], 2416], ['ReLU', [1, 16, 10, 10], 0], ['MaxPool2d', [1, 16, 5, 5], 0],
      ['Flatten', [1, 400], 0], ['Linear', [1, 120], 48120], ['ReLU', [1, 120], 0],
      ['Linear', [1, 84], 10164], ['ReLU', [1, 84], 0], ['Linear', [1, 10], 850],
    ]);
    expect(s.totalParams).toBe(61706);
    expect(s.text).toContain('layers.0 (Conv2d)');
    expect(s.text).toContain('Total parameters: 61,706');
    const bnNet = withBatchNorm();
    const stats = JSON.stringify(bnNet.stateDict());
    nn.summary(bnNet, [2, 1, 4, 4]);
    expect(JSON.stringify(bnNet.stateDict())).toBe(stats);
    expect(bnNet.training).toBe(true);
  });
});
