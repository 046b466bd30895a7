// Tensor methods come with the Tensor class, whichever engine module is loaded first: no module has to
// import engine/index.ts (or any other file) for its side effect before nn/ layers can compute.
import { describe, expect, it, vi } from 'vitest';

const entries = ['./nn/layers.ts', './nn/sequence.ts', './nn/index.ts', './ops/arithmetic.ts', './ops/conv.ts', './optim/adam.ts', './methods.ts', './tensor.ts'];

describe('Tensor methods', () => {
  it.each(entries)('work in nn/ layers when %s is the first engine module loaded', async (entry) => {
    vi.resetModules();
    await import(/* @vite-ignore */ entry);
    const { Tensor, tensor } = await import('./tensor.ts');
    const { MLP } = await import('./nn/layers.ts');
    const { SelfAttention } = await import('./nn/sequence.ts');
    const { rng } = await import('./random.ts');
    for (const name of ['add', 'matmul', 'relu', 'softmax', 'reshape', 'transpose', 'gather', 'toString']) {
      expect(typeof (Tensor.prototype as unknown as Record<string, unknown>)[name], name).toBe('function');
    }
    const y = new MLP([2, 3, 1], { activation: 'tanh', rng: rng(1) }).forward(tensor([[1, 2]]));
    expect(y.shape).toEqual([1, 1]);
    const a = new SelfAttention(4, { heads: 2, rng: rng(1) }).forward(tensor([[1, 0, 0, 1], [0, 1, 1, 0]]));
    expect(a.shape).toEqual([2, 4]);
    expect(a.T.shape).toEqual([4, 2]);
  });
});
