// The known results the figure must reproduce.
import { describe, expect, it } from 'vitest';
import { measure } from './model.svelte.ts';

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
