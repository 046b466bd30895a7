// The known results the figure must reproduce.
import { describe, expect, it } from 'vitest';
import { encodeText } from '../ui/figureState.ts';
import { checkModel } from '../ui/modelContract.ts';
import { FlowModel, flowState, measure } from './model.svelte.ts';

const ratio = (xs: number[]) => xs[xs.length - 1] / xs[0];

describe('gradient flow', () => {
  it('He keeps the activation spread of a deep ReLU net roughly constant', () => {
    const r = ratio(measure('relu', 'he').layers.map((l) => l.activationStd));
    expect(r).toBeGreaterThan(0.5);
    expect(r).toBeLessThan(2);
  });

  it('Xavier with ReLU halves the variance per layer: the spread shrinks by about (1/√2)^9 over 10 layers', () => {
    const r = ratio(measure('relu', 'xavier').layers.map((l) => l.activationStd));
    expect(r).toBeGreaterThan(0.02);
    expect(r).toBeLessThan(0.1);
  });

  it('sigmoid gradients vanish toward the input', () => {
    const grads = measure('sigmoid', 'xavier').layers.map((l) => l.gradientStd);
    expect(grads[0] / grads[grads.length - 1]).toBeLessThan(0.01);
  });

  it('zero initialization leaves every unit identical: no spread at all', () => {
    const layers = measure('tanh', 'zero').layers;
    expect(layers.every((l) => l.activationStd === 0)).toBe(true);
  });
});

describe('FlowModel on the figure kit', () => {
  it('snapshots, applies, resets to its opening settings, and reports the spreads per layer', () => {
    const m = new FlowModel('tanh', 'xavier');
    m.apply({ activation: 'relu', init: 'he' });
    expect(m.snapshot()).toEqual({ activation: 'relu', init: 'he' });
    expect(m.report().activationStd).toHaveLength(10);
    expect(m.describe()).toMatch(/^relu with He initialization, 10 layers of 64 units/);
    m.reset();
    expect(m.snapshot()).toEqual({ activation: 'tanh', init: 'xavier' });
  });

  it('reads the links it wrote before the kit, and refuses an unknown initialization', () => {
    expect(flowState.decode(encodeText('{"v":1,"activation":"sigmoid","init":"small"}'))).toEqual({ ok: true, state: { activation: 'sigmoid', init: 'small' } });
    expect(flowState.decode(encodeText('{"v":1,"activation":"sigmoid","init":"lecun"}')).ok).toBe(false);
  });
});

describe('the gradient-flow link', () => {
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new FlowModel('tanh', 'xavier'), { initial: { activation: 'tanh', init: 'xavier' }, describes: /initialization/ }));
});
