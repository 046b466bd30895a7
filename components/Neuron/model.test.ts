// The neuron model: the numbers of z and σ(z), the boundary segment, and what an AND neuron looks like.
import { describe, expect, it } from 'vitest';
import { activate, boundarySegment, NeuronModel } from './model.svelte.ts';

describe('NeuronModel', () => {
  it('computes z and the output with each activation', () => {
    const n = new NeuronModel({ w1: 2, w2: -1, b: 0.5, x1: 0.5, x2: 1 });
    expect(n.z()).toBeCloseTo(0.5, 12);
    expect(n.output()).toBeCloseTo(1 / (1 + Math.exp(-0.5)), 12);
    expect(activate(-0.3, 'relu')).toBe(0);
    expect(activate(0.3, 'step')).toBe(1);
    expect(activate(0.3, 'tanh')).toBeCloseTo(Math.tanh(0.3), 12);
  });

  it('clips the boundary line to the square, or reports that it misses', () => {
    expect(boundarySegment(1, 0, 0)).toEqual([[0, -1], [0, 1]]);
    const seg = boundarySegment(1, 1, 0)!;
    for (const [x, y] of seg) expect(x + y).toBeCloseTo(0, 12);
    expect(boundarySegment(1, 1, 5)).toBeNull();
    expect(boundarySegment(0, 0, 1)).toBeNull();
  });

  it('scaling w and b together keeps the boundary and sharpens the output', () => {
    const a = new NeuronModel({ w1: 2, w2: 1, b: -1 });
    const b = new NeuronModel({ w1: 4, w2: 2, b: -2 });
    expect(boundarySegment(2, 1, -1)).toEqual(boundarySegment(4, 2, -2));
    expect(b.output(0.6, 0)).toBeGreaterThan(a.output(0.6, 0));
  });

  it('keeps the input point inside the square', () => {
    const n = new NeuronModel();
    n.set({ x1: 3, x2: -7 });
    expect([n.x1, n.x2]).toEqual([1, -1]);
  });
});
