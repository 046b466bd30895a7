// The neuron model: the numbers of z and σ(z), the boundary segment, and what an AND neuron looks like.
import { describe, expect, it } from 'vitest';
import { encodeText, rangeOf } from '../ui/figureState.ts';
import { checkModel } from '../ui/modelContract.ts';
import { activate, boundarySegment, NeuronModel, neuronDefaults, neuronState } from './model.svelte.ts';
import { SteepnessModel, steepnessState } from './steepness.svelte.ts';

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

describe('NeuronModel on the figure kit', () => {
  it('snapshots, applies, resets to the state it opened with, and describes what it shows', () => {
    const n = new NeuronModel({ activation: 'relu' });
    expect(n.snapshot()).toEqual({ ...neuronDefaults, activation: 'relu' });
    n.apply({ ...n.snapshot(), w1: 1, w2: 1, b: -1.5 });
    expect(n.describe()).toContain('w₁ = 1, w₂ = 1, b = -1.5, activation relu');
    expect(n.describe()).toContain('Corners with z > 0: (1, 1).');
    n.reset();
    expect(n.snapshot()).toEqual({ ...neuronDefaults, activation: 'relu' });
  });

  it('opens links written before the kit (version 1), and the sliders’ ranges come from the schema', () => {
    const old = encodeText(JSON.stringify({ v: 1, w1: 1.5, w2: -2, b: 0.3, activation: 'tanh', x1: 0, x2: -1 }));
    expect(neuronState.decode(old)).toEqual({ ok: true, state: { w1: 1.5, w2: -2, b: 0.3, activation: 'tanh', x1: 0, x2: -1 } });
    expect(rangeOf(neuronState.schema.shape.w1)).toEqual({ min: -5, max: 5, step: 0.1 });
  });
});

describe('SteepnessModel', () => {
  it('crosses 0.5 at x = −b/w and becomes a step as w grows', () => {
    const s = new SteepnessModel();
    s.apply({ w: 40, b: 20 });
    expect(s.midpoint).toBe(-0.5);
    expect(s.output(-0.45)).toBeGreaterThan(0.85);
    expect(s.output(-0.55)).toBeLessThan(0.15);
    expect(s.describe()).toContain('almost a step');
    s.reset();
    expect(s.snapshot()).toEqual({ w: 1, b: 0 });
  });

  it('opens version 1 links, which held the two-input neuron’s fields', () => {
    const old = encodeText(JSON.stringify({ v: 1, w1: 12, w2: 1, b: -3, activation: 'sigmoid', x1: 0.5, x2: 0.5 }));
    expect(steepnessState.decode(old)).toEqual({ ok: true, state: { w: 12, b: -3 } });
  });
});

describe('the neuron figures’ links', () => {
  it('meet the figure kit’s contract: Reset, the link, and every state a link can hold', () => {
    checkModel(new NeuronModel({ activation: 'relu' }), { initial: { ...neuronDefaults, activation: 'relu' }, describes: /^Neuron with/ });
    checkModel(new SteepnessModel(), { describes: /^sigmoid/ });
  });
});
