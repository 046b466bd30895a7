// The GradientThroughTime model: the measured gradient through time follows ρ^k for the linear net, tanh
// only shrinks it, clipping bounds the length and keeps the direction, and the link state round-trips.
import { describe, expect, it } from 'vitest';
import { randomOrthogonal, throughTime } from './gradients.ts';
import { encodeText } from '../ui/figureState.ts';
import { checkModel } from '../ui/modelContract.ts';
import { GradientModel, gradientState } from './model.svelte.ts';
import { Rng } from '../../engine/random.ts';

describe('throughTime', () => {
  it('draws an orthogonal matrix: QQᵀ = I', () => {
    const n = 8;
    const q = randomOrthogonal(n, new Rng(4));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += q[i * n + k] * q[j * n + k];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it('the linear net\'s gradient k steps back is exactly ρ^k, for ρ on both sides of 1', () => {
    for (const rho of [0.6, 0.95, 1, 1.05, 1.3]) {
      const { back } = throughTime({ rho, activation: 'linear' });
      expect(back).toHaveLength(51);
      for (const k of [0, 1, 10, 30, 50]) expect(back[k] / rho ** k).toBeCloseTo(1, 3);
    }
  });

  it('with tanh the gradient is never larger than ρ^k, and vanishes at ρ ≤ 1', () => {
    for (const rho of [0.5, 0.9, 1, 1.5, 2]) {
      const { back } = throughTime({ rho, activation: 'tanh' });
      for (let k = 0; k < back.length; k++) expect(back[k]).toBeLessThanOrEqual(rho ** k * (1 + 1e-4));
    }
    expect(throughTime({ rho: 1, activation: 'tanh' }).back[50]).toBeLessThan(1e-3);
  });

  it('a larger ρ gives a larger gradient 50 steps back, with either activation', () => {
    for (const activation of ['tanh', 'linear'] as const) {
      const at = [0.5, 0.8, 1, 1.2, 1.6, 2].map((rho) => throughTime({ rho, activation }).back[50]);
      for (let i = 1; i < at.length; i++) expect(at[i]).toBeGreaterThan(at[i - 1]);
    }
  });

  it('clipping caps the recurrent weight\'s gradient at the threshold and keeps its direction; small ones are left alone', () => {
    const big = throughTime({ rho: 1.5, activation: 'linear', clip: 1 });
    expect(big.gradNorm).toBeGreaterThan(1e6);
    expect(big.clippedNorm).toBeCloseTo(1, 5);
    expect(big.cosine).toBeCloseTo(1, 6);
    const small = throughTime({ rho: 0.5, activation: 'tanh', clip: 100 });
    expect(small.clippedNorm).toBe(small.gradNorm);
  });

  it('is the same on every run (seeded)', () => {
    expect(throughTime({ rho: 1.2, activation: 'tanh' })).toEqual(throughTime({ rho: 1.2, activation: 'tanh' }));
  });
});

describe('GradientModel', () => {
  it('clamps ρ to the slider\'s range and recomputes when a setting changes', () => {
    const m = new GradientModel({ rho: 0.9, activation: 'tanh' });
    const before = m.result.back[50];
    m.set({ rho: 1.5 });
    expect(m.result.back[50]).toBeGreaterThan(before);
    m.set({ rho: 7 });
    expect(m.rho).toBe(2);
    m.set({ activation: 'linear', rho: 1 });
    expect(m.geometric[50]).toBe(1);
    expect(m.describe()).toMatch(/Linear RNN, spectral radius ρ = 1: the gradient 50 steps back/);
  });

  it('says when the gradient vanishes or explodes, and what clipping did', () => {
    expect(new GradientModel({ rho: 0.9, activation: 'tanh' }).describe()).toMatch(/vanishes/);
    expect(new GradientModel({ rho: 2, activation: 'linear' }).describe()).toMatch(/explodes/);
    expect(new GradientModel({ rho: 2, activation: 'linear', clip: true }).describe()).toMatch(/8\.1e\+15 before and 1 after, cosine 1\.000/);
  });

  it('its link state round-trips, reads the links written before the figure kit, and refuses bad ones', () => {
    const m = new GradientModel({ rho: 1.23, activation: 'linear', clip: true });
    const text = gradientState.encode(m.snapshot());
    const back = new GradientModel();
    const read = gradientState.read(text, back.snapshot());
    expect(read.notice).toBeNull();
    back.apply(read.state);
    expect(back.snapshot()).toEqual({ rho: 1.23, activation: 'linear', clip: true });
    const old = gradientState.read(encodeText(JSON.stringify({ v: 1, rho: 1.5, activation: 'tanh', clip: false })), back.snapshot());
    expect(old).toEqual({ state: { rho: 1.5, activation: 'tanh', clip: false }, notice: null });
    for (const bad of [{ v: 1, rho: 9, activation: 'tanh', clip: false }, { v: 2, rho: 1, activation: 'tanh', clip: false }]) {
      expect(gradientState.read(encodeText(JSON.stringify(bad)), back.snapshot()).notice).not.toBeNull();
    }
  });

  it('Reset returns to the state the figure opened with', () => {
    const m = new GradientModel({ rho: 1.1, activation: 'tanh' });
    m.set({ rho: 1.9, clip: true });
    m.reset();
    expect(m.snapshot()).toEqual({ rho: 1.1, activation: 'tanh', clip: false });
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new GradientModel({ rho: 1.1, activation: 'tanh' }), { initial: { rho: 1.1, activation: 'tanh', clip: false }, describes: /spectral radius/ }));
});
