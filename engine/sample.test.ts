// Sampling from logits: seeded (the same generator state gives the same draws), temperature 0 (and near 0)
// is the argmax, top-k never leaves the k highest, and the draws follow the distribution they claim.
import { describe, expect, it } from 'vitest';
import { rng, sample, sampleProbabilities, tensor } from './index.ts';

const logits = [1.2, -0.3, 2.5, 0.4, 2.5, -1.7, 0.9, 0.1];
const draws = (n: number, opts: Parameters<typeof sample>[1]) => Array.from({ length: n }, () => sample(logits, opts));

describe('sample', () => {
  it('draws the same indices from the same seed, and others from another', () => {
    const a = draws(50, { rng: rng(7) });
    expect(draws(50, { rng: rng(7) })).toEqual(a);
    expect(draws(50, { rng: rng(8) })).not.toEqual(a);
  });

  it('gives the argmax at temperature 0 and, all but surely, near it (ties go to the lower index)', () => {
    expect(draws(20, { temperature: 0, rng: rng(1) })).toEqual(Array(20).fill(2));
    expect(sampleProbabilities(logits, { temperature: 0 })).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
    // At τ = 0.01 the two tied maxima share the probability; every other index has about e^(-130).
    const near = draws(200, { temperature: 0.01, rng: rng(2) });
    expect(near.every((i) => i === 2 || i === 4)).toBe(true);
    expect(sample([0, 3, 1], { temperature: 0.01, rng: rng(3) })).toBe(1);
  });

  it('never draws outside the k highest logits', () => {
    for (const k of [1, 2, 3, 5]) {
      const allowed = logits.map((_, i) => i).sort((a, b) => logits[b] - logits[a] || a - b).slice(0, k);
      const got = new Set(draws(400, { topK: k, temperature: 2, rng: rng(k) }));
      for (const i of got) expect(allowed).toContain(i);
      expect(got.size).toBe(k); // and at temperature 2, in 400 draws, every one of them shows up
    }
  });

  it('draws with the frequencies softmax(z/τ) gives them, within sampling error', () => {
    const n = 20000;
    for (const temperature of [0.5, 1, 3]) {
      const p = sampleProbabilities(logits, { temperature });
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      const counts = new Array(logits.length).fill(0);
      for (const i of draws(n, { temperature, rng: rng(temperature * 10) })) counts[i]++;
      // Each count is binomial: within 4.5 standard deviations (a false alarm about once in 10⁵ checks).
      counts.forEach((c, i) => expect(Math.abs(c - n * p[i])).toBeLessThan(4.5 * Math.sqrt(n * p[i] * (1 - p[i])) + 1));
    }
    // Higher temperature, flatter distribution.
    const spread = (t: number) => Math.max(...sampleProbabilities(logits, { temperature: t }));
    expect(spread(0.5)).toBeGreaterThan(spread(1));
    expect(spread(1)).toBeGreaterThan(spread(3));
  });

  it('takes a tensor of one row, masked logits, and names what is wrong with bad input', () => {
    expect(sample(tensor([[0, -Infinity, 5]]), { temperature: 0, rng: rng(1) })).toBe(2);
    expect(sampleProbabilities([0, -Infinity])).toEqual([1, 0]);
    expect(() => sample(tensor([[1, 2], [3, 4]]), { rng: rng(1) })).toThrow('sample: logits [2,2] hold 2 distributions; pass one at a time (e.g. logits.index(b))');
    expect(() => sample([1, NaN], { rng: rng(1) })).toThrow('sample: logit 1 is NaN');
    expect(() => sample([1, 2], { temperature: -1, rng: rng(1) })).toThrow('sample: temperature must be a number ≥ 0, got -1');
    expect(() => sample([1, 2], { topK: 0, rng: rng(1) })).toThrow('sample: topK must be a whole number ≥ 1, got 0');
    expect(() => sample([-Infinity, -Infinity], { rng: rng(1) })).toThrow('sample: every logit is -Infinity');
  });
});
