// The trainer learns, stops on divergence instead of drawing NaN, and resets to the same start.
import { describe, expect, it } from 'vitest';
import { GRID, Trainer } from './model.svelte.ts';

describe('Playground trainer', () => {
  it('learns the circle: loss falls and test accuracy passes 90%', () => {
    const t = new Trainer({ dataset: 'circle', hidden: [8, 8], activation: 'tanh', optimizer: 'adam', lr: 0.03 });
    t.step(30);
    expect(t.trainLoss.at(-1)!).toBeLessThan(t.trainLoss[0]);
    expect(t.testAccuracy).toBeGreaterThan(0.9);
    expect(t.boundary).toHaveLength(GRID * GRID);
  });

  it('reports divergence for an absurd learning rate and keeps the last finite numbers', () => {
    const t = new Trainer({ dataset: 'xor', optimizer: 'sgd', lr: 1e6, activation: 'relu' });
    for (let i = 0; i < 20 && !t.diverged; i++) t.step(1);
    expect(t.diverged).toBe(true);
    expect(t.trainLoss.every(Number.isFinite)).toBe(true);
    t.reset();
    expect(t.diverged).toBe(false);
  });

  it('gives the same run for the same seed', () => {
    const a = new Trainer({ dataset: 'moons' });
    const b = new Trainer({ dataset: 'moons' });
    a.step(3);
    b.step(3);
    expect(a.trainLoss).toEqual(b.trainLoss);
  });
});

describe('early stopping support', () => {
  it('remembers the epoch of the lowest test loss and can restore its parameters', () => {
    const t = new Trainer({ dataset: 'xor', points: 60, noise: 0.45, hidden: [24, 24], activation: 'relu', optimizer: 'adam', lr: 0.02 });
    for (let e = 0; e < 150; e++) t.step(1);
    expect(t.bestEpoch).toBeGreaterThan(0);
    expect(t.testLoss.at(-1)!).toBeGreaterThan(t.bestTestLoss); // it overfits after the best epoch
    expect(t.bestTestLoss).toBe(Math.min(...t.testLoss));
    t.restoreBest();
    expect(t.testLoss.at(-1)).toBeCloseTo(t.bestTestLoss, 5);
  });
});
