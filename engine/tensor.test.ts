// The Tensor's contract: creation, clear errors that name the op and both shapes, gradients that
// accumulate and clear, noGrad, retained inner gradients, non-finite detection, and seeded randomness.
import { describe, expect, it } from 'vitest';
import { arange, cat, conv2d, crossEntropy, full, hasNonFinite, linear, noGrad, ones, randn, rng, tensor, zeros } from './index.ts';

describe('Tensor', () => {
  it('infers shapes from nested arrays and rejects ragged ones', () => {
    expect(tensor([[1, 2, 3], [4, 5, 6]]).shape).toEqual([2, 3]);
    expect(tensor(5).shape).toEqual([]);
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/3 values do not fill shape \[2,2\]/);
  });

  it('takes options in place of the shape, and keeps taking them after one', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(w.shape).toEqual([2]);
    expect(w.requiresGrad).toBe(true);
    expect(tensor([[1, 2], [3, 4]], { requiresGrad: true }).shape).toEqual([2, 2]);
    expect(tensor(3, { requiresGrad: true }).shape).toEqual([]);
    expect(tensor([1, 2, 3, 4], [2, 2], { requiresGrad: true }).requiresGrad).toBe(true);
    expect(tensor([1, 2], undefined, { requiresGrad: true }).requiresGrad).toBe(true);
    expect(tensor([1, 2], {}).requiresGrad).toBe(false);
    w.mul(w).sum().backward();
    expect(Array.from(w.grad!.data)).toEqual([2, 4]);
  });

  it('reshapes to a shape given as numbers or as one array, as PyTorch does', () => {
    const x = arange(6);
    expect(x.reshape([2, 3]).shape).toEqual([2, 3]);
    expect(x.reshape(2, 3).toArray()).toEqual(x.reshape([2, 3]).toArray());
    expect(x.reshape([3, -1]).shape).toEqual([3, 2]);
    expect(x.reshape(-1, 2).shape).toEqual([3, 2]);
    expect(x.reshape([2, 1, 3]).reshape(x.shape).shape).toEqual([6]);
    expect(() => x.reshape([4, 2])).toThrow('reshape: cannot reshape [6] (6 values) into [4,2]');
    const w = tensor([1, 2, 3, 4], { requiresGrad: true });
    w.reshape([2, 2]).mul(tensor([[1, 2], [3, 4]])).sum().backward();
    expect(Array.from(w.grad!.data)).toEqual([1, 2, 3, 4]);
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

  it('refuses backward on a tensor that does not require grad, and says why', () => {
    const w = ones([2], { requiresGrad: true });
    expect(() => noGrad(() => w.mul(2).sum()).backward()).toThrow(/does not require grad.*noGrad/);
    expect(() => ones([2]).sum().backward()).toThrow('backward: this tensor of shape [] does not require grad');
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

  it('skips gradients nobody needs: inputs that do not require grad get none', () => {
    const x = tensor([[1, 2]]);
    const w = tensor([[3], [4]], undefined, { requiresGrad: true });
    x.matmul(w).sum().backward();
    expect(x.grad).toBeNull();
    expect(Array.from(w.grad!.data)).toEqual([1, 2]);
  });

  it('detaches: the copy shares values but stops the gradient', () => {
    const w = tensor([2], undefined, { requiresGrad: true });
    const d = w.detach();
    expect(d.requiresGrad).toBe(false);
    w.mul(d).sum().backward();
    expect(Array.from(w.grad!.data)).toEqual([2]);
  });

  it('multiplies vectors and matrices as NumPy does', () => {
    const v = tensor([1, 2]);
    const m = tensor([[1, 0, 2], [0, 1, 3]]);
    expect(v.matmul(m).toArray()).toEqual([1, 2, 8]);
    expect(v.matmul(v).item()).toBe(5);
    expect(m.T.matmul(v).toArray()).toEqual([1, 2, 8]);
    expect(() => v.matmul(tensor([1, 2, 3]))).toThrow('matmul: shapes [2] and [3] do not align (2 ≠ 3)');
  });

  it('names the op and the shapes for conv2d, linear, cat and crossEntropy', () => {
    expect(() => conv2d(ones([1, 2, 5, 5]), ones([3, 1, 3, 3]), null)).toThrow('conv2d: input [1,2,5,5] and weight [3,1,3,3] do not match');
    expect(() => linear(ones([4, 3]), ones([2, 5]), null)).toThrow('linear: input [4,3] does not match weight [2,5]');
    expect(() => cat([ones([2, 3]), ones([3, 3])], 1)).toThrow('cat: shapes [2,3] and [3,3] differ outside axis 1');
    expect(() => crossEntropy(ones([2, 3]), [0, 3])).toThrow('crossEntropy: target 3 is not a class index in 0..2');
    expect(() => ones([2, 3]).sum(2)).toThrow('sum: axis 2 is out of range for shape [2,3]');
  });

  it('back-propagates through a 20,000-op chain without overflowing the stack', () => {
    const w = tensor([0.5, -0.5], undefined, { requiresGrad: true });
    let h = w;
    for (let i = 0; i < 20_000; i++) h = h.mul(1);
    h.sum().backward();
    expect(Array.from(w.grad!.data)).toEqual([1, 1]);
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
