// clipGradNorm: PyTorch's clip_grad_norm_ (the norm before clipping is returned; every gradient is scaled by
// one factor, so the direction is kept), and what it does with missing or non-finite gradients.
import { describe, expect, it } from 'vitest';
import { clipGradNorm, nn, tensor, type Tensor } from '../index.ts';

/** Parameters whose gradients are set by hand. */
function withGrads(...grads: number[][]): Tensor[] {
  return grads.map((g) => {
    const p = tensor(g.map(() => 0), undefined, { requiresGrad: true });
    p.grad = tensor(g);
    return p;
  });
}
const norm = (ps: Tensor[]) => Math.hypot(...ps.flatMap((p) => Array.from(p.grad!.data)));

describe('clipGradNorm', () => {
  it('returns the total norm before clipping and scales every gradient to a total of maxNorm', () => {
    const ps = withGrads([3, 0], [0, 4], [12]); // total norm 13
    const before = ps.map((p) => Array.from(p.grad!.data));
    expect(clipGradNorm(ps, 1)).toBeCloseTo(13, 5);
    expect(norm(ps)).toBeCloseTo(1, 5);
    // The same factor everywhere: the direction is kept.
    ps.forEach((p, k) => p.grad!.data.forEach((g, i) => expect(g).toBeCloseTo((before[k][i] * 1) / (13 + 1e-6), 6)));
  });

  it('leaves gradients whose norm is already at most maxNorm alone', () => {
    const ps = withGrads([0.3, -0.4]);
    expect(clipGradNorm(ps, 1)).toBeCloseTo(0.5, 6);
    expect(Array.from(ps[0].grad!.data)).toEqual([Math.fround(0.3), Math.fround(-0.4)]);
  });

  it('takes a module or one tensor, and skips parameters without a gradient', () => {
    const lin = new nn.Linear(2, 2);
    lin.forward(tensor([[1, 2]])).sum().backward();
    const n = Math.hypot(...lin.parameters().flatMap((p) => Array.from(p.grad!.data)));
    expect(clipGradNorm(lin, 100)).toBeCloseTo(n, 5);
    const [p] = withGrads([6, 8]);
    const bare = tensor([1, 2], undefined, { requiresGrad: true });
    expect(clipGradNorm([p, bare], 5)).toBeCloseTo(10, 5);
    expect(clipGradNorm(p, 1)).toBeCloseTo(5, 4);
    expect(bare.grad).toBeNull();
  });

  it('returns a non-finite norm as it is and changes nothing; refuses a maxNorm that is not positive', () => {
    const ps = withGrads([1, Infinity], [2]);
    expect(clipGradNorm(ps, 1)).toBe(Infinity);
    expect(Array.from(ps[1].grad!.data)).toEqual([2]);
    expect(Number.isNaN(clipGradNorm(withGrads([NaN]), 1))).toBe(true);
    expect(() => clipGradNorm(ps, 0)).toThrow('clipGradNorm: maxNorm must be a positive number, got 0');
  });
});
