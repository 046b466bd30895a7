// The Tensor's contract: creation, clear errors that name the op and both shapes, gradients that
// accumulate and clear, noGrad, retained inner gradients, non-finite detection, and seeded randomness.
import { describe, expect, it } from 'vitest';
import { arange, full, hasNonFinite, noGrad, ones, randn, rng, tensor, zeros } from './index.ts';

describe('Tensor', () => {
  it('infers shapes from nested arrays and rejects ragged ones', () => {
    expect(tensor([[1, 2, 3], [4, 5, 6]]).shape).toEqual([2, 3]);
    expect(tensor(5).shape).toEqual([]);
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/3 values do not fill shape \[2,2\]/);
  });

  it('creates zeros, ones, full and arange', () => {
    expect(Array.from(zeros([2, 2]).data)).toEqual([0, 0, 0, 0]);
    expect(Array.from(ones([3]).data)).toEqual([1, 1, 1]);
    expect(Array.from(full([2], 7).data)).toEqual([7, 7]);
    expect(Array.from(arange(4).data)).toEqual([0, 1, 2, 3]);
    expect(Array.from(arange(1, 2, 0.25).data)).toEqual([1, 1.25, 1.5, 1.75]);
  });

  it('names the op and both shapes when shapes do not fit', () => {
    expect(() => tensor([[1, 2, 3]]).matmul(tensor([[1, 2]]))).toThrow('matmul: shapes [1,3] and [1,2] do not align (3 ≠ 1)');
    expect(() => ones([2, 3]).add(ones([4]))).toThrow('add: shapes [2,3] and [4] cannot be broadcast together');
    expect(() => ones([6]).reshape(4, 2)).toThrow('reshape: cannot reshape [6] (6 values) into [4,2]');
  });

  it('refuses backward on a non-scalar without a gradient, and says what to do', () => {
    const x = ones([3], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(/non-scalar tensor of shape \[3\] without a gradient.*\.sum\(\)/);
    x.mul(2).backward(ones([3]));
    expect(Array.from(x.grad!.data)).toEqual([2, 2, 2]);
  });

  it('accumulates gradients across backward calls until zeroGrad', () => {
    const w = tensor([1, 2], undefined, { requiresGrad: true });
    w.mul(w).sum().backward();
    w.mul(w).sum().backward();
    expect(Array.from(w.grad!.data)).toEqual([4, 8]);
    w.zeroGrad();
    expect(w.grad).toBeNull();
  });

  it('records nothing inside noGrad', () => {
    const w = ones([2], { requiresGrad: true });
    const y = noGrad(() => w.mul(3));
    expect(y.requiresGrad).toBe(false);
    expect(y.inputs).toEqual([]);
  });

  it('keeps an inner gradient only when asked with retainGrad', () => {
    const w = tensor([0.5, -1], undefined, { requiresGrad: true });
    const h = w.tanh().retainGrad();
    const z = w.sigmoid();
    h.add(z).sum().backward();
    expect(h.grad).not.toBeNull();
    expect(z.grad).toBeNull();
  });

  it('detects NaN and Infinity', () => {
    expect(hasNonFinite(tensor([1, 2]))).toBe(false);
    expect(hasNonFinite([tensor([1]), tensor([Number.NaN])])).toBe(true);
    expect(hasNonFinite(tensor([1]).div(0))).toBe(true);
  });

  it('gives the same numbers for the same seed', () => {
    expect(Array.from(randn([5], rng(3)).data)).toEqual(Array.from(randn([5], rng(3)).data));
    expect(Array.from(randn([5], rng(3)).data)).not.toEqual(Array.from(randn([5], rng(4)).data));
  });

  it('prints values with the shape', () => {
    expect(String(tensor([[1, 2], [3, 4.5]]))).toBe('tensor([[1, 2],\n        [3, 4.5]], shape=[2,2])');
  });
});
