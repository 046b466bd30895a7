// The activation figure's numbers: derivatives from the backward pass agree with finite differences,
// and what the notes claim about each derivative is true.
import { describe, expect, it } from 'vitest';
import { encodeText } from '../ui/figureState.ts';
import { checkModel } from '../ui/modelContract.ts';
import { ActivationModel, activationNames, activationState, curves, yRange, zAt, zGrid } from './model.svelte.ts';

const grid = (lo: number, hi: number, step: number) => Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, i) => lo + i * step);
const at = (n: (typeof activationNames)[number], x: number) => curves(n, [x]);

describe('activation explorer', () => {
  it("each derivative matches a central difference away from kinks", () => {
    const xs = grid(-4.95, 4.95, 0.3);
    for (const n of activationNames) {
      const { df } = curves(n, xs);
      const h = 1e-2;
      const plus = curves(n, xs.map((x) => x + h)).f;
      const minus = curves(n, xs.map((x) => x - h)).f;
      xs.forEach((x, i) => expect(df[i], `${n} at ${x}`).toBeCloseTo((plus[i] - minus[i]) / (2 * h), 2));
    }
  });

  it("sigmoid' peaks at 1/4 at z = 0 and falls below 0.01 beyond |z| = 4.6", () => {
    expect(at('sigmoid', 0).df[0]).toBeCloseTo(0.25, 6);
    const { df } = curves('sigmoid', grid(-5, 5, 0.05));
    expect(Math.max(...df)).toBeLessThanOrEqual(0.25 + 1e-7);
    expect(at('sigmoid', 4.7).df[0]).toBeLessThan(0.01);
    expect(at('sigmoid', 4.5).df[0]).toBeGreaterThan(0.01);
  });

  it("tanh' is 1 at 0; relu' is 1 and 0; leaky relu keeps 0.01", () => {
    expect(at('tanh', 0).df[0]).toBeCloseTo(1, 6);
    expect(at('relu', 1).df[0]).toBe(1);
    expect(at('relu', -1).df[0]).toBe(0);
    expect(at('leakyRelu', -1).df[0]).toBeCloseTo(0.01, 6);
  });

  it("gelu' turns negative below about −0.75, dips to about −0.13 near −1.4 and peaks near 1.13 at about 1.4", () => {
    expect(at('gelu', -0.7).df[0]).toBeGreaterThan(0);
    expect(at('gelu', -0.8).df[0]).toBeLessThan(0);
    const xs = grid(-5, 5, 0.01);
    const { df } = curves('gelu', xs);
    const lo = df.indexOf(Math.min(...df));
    const hi = df.indexOf(Math.max(...df));
    expect(xs[lo]).toBeCloseTo(-1.4, 1);
    expect(df[lo]).toBeCloseTo(-0.13, 2);
    expect(xs[hi]).toBeCloseTo(1.4, 1);
    expect(df[hi]).toBeCloseTo(1.13, 2);
  });
});

describe('ActivationModel on the figure kit', () => {
  it('reports f and f′ at z, describes them, and resets', () => {
    const m = new ActivationModel();
    m.apply({ name: 'tanh', x: 0 });
    expect(m.report()).toEqual({ name: 'tanh', x: 0, f: 0, df: 1 });
    expect(m.describe()).toMatch(/^tanh at z = 0: f\(z\) = 0, f'\(z\) = 1\./);
    m.reset();
    expect(m.snapshot()).toEqual({ name: 'sigmoid', x: 0 });
  });

  it('reads the links it wrote before the kit', () => {
    expect(activationState.decode(encodeText('{"v":1,"name":"gelu","x":-1.4}'))).toEqual({ ok: true, state: { name: 'gelu', x: -1.4 } });
  });
});

describe('the plot’s axes', () => {
  it('fit relu, leaky ReLU and gelu over the whole z range, not only ±1.2', () => {
    for (const n of ['relu', 'leakyRelu', 'gelu'] as const) {
      const { lo, hi, ticks } = yRange(n);
      const { f, df } = curves(n, zGrid);
      expect(Math.max(...f, ...df), n).toBeLessThanOrEqual(hi);
      expect(Math.min(...f, ...df), n).toBeGreaterThanOrEqual(lo);
      expect(hi, n).toBeGreaterThanOrEqual(5);
      expect(ticks[0]).toBe(lo);
      expect(ticks.at(-1)).toBe(hi);
    }
    expect(yRange('sigmoid')).toEqual({ lo: -0.5, hi: 1.5, ticks: [-0.5, 0, 0.5, 1, 1.5] });
  });

  it('turns a click across the plot into z on the slider’s grid', () => {
    expect(zAt(0)).toBe(-5);
    expect(zAt(1)).toBe(5);
    expect(zAt(0.5)).toBe(0);
    expect(zAt(0.6234)).toBe(1.2);
    expect(zAt(7)).toBe(5);
  });

  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new ActivationModel(), { describes: / at z = / }));
});
