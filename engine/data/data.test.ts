// Data sets: the same seed gives the same points, points stay in [-1, 1]², classes are balanced, splits
// and batches cover every row once, and the digits file loads and rejects corrupt input clearly.
import { describe, expect, it } from 'vitest';
import { rng } from '../random.ts';
import { batches, charVocab, corpus, datasetNames, loadDigits, parseDigits, regression1d, toy, trainTestSplit } from './index.ts';

describe('data', () => {
  it.each(datasetNames)('%s: seeded, inside [-1, 1]², balanced classes', (name) => {
    const a = toy(name, { n: 200, noise: 0.2, seed: 3 });
    const b = toy(name, { n: 200, noise: 0.2, seed: 3 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(toy(name, { n: 200, noise: 0.2, seed: 4 }).x)).not.toEqual(Array.from(a.x));
    expect(a.x.every((v) => v >= -1 && v <= 1)).toBe(true);
    const ones = a.y.reduce((s, v) => s + v, 0);
    expect(ones).toBeGreaterThan(80);
    expect(ones).toBeLessThan(120);
  });

  it('splits into disjoint parts of the requested size and batches cover every row once', () => {
    const ds = toy('circle', { n: 100 });
    const { train, test } = trainTestSplit(ds, 0.7, rng(1));
    expect([train.n, test.n]).toEqual([70, 30]);
    const seen = [...batches(100, 30, rng(2))];
    expect(seen.map((b) => b.length)).toEqual([30, 30, 30, 10]);
    expect(new Set(seen.flatMap((b) => Array.from(b))).size).toBe(100);
    expect(() => trainTestSplit(ds, 1.5, rng(1))).toThrow(/fraction/);
  });

  it('regression sets follow their function', () => {
    const r = regression1d({ n: 50, noise: 0, fn: 'sine' });
    for (let i = 0; i < r.n; i++) expect(r.y[i]).toBeCloseTo(Math.sin(Math.PI * r.x[i]), 5);
  });

  it('loads the shipped digits with balanced labels in [0, 1]', async () => {
    const d = await loadDigits({ size: 8 });
    expect(d.size).toBe(8);
    expect(d.train.n).toBe(5000);
    expect(d.test.n).toBe(1000);
    expect(d.train.images.length).toBe(5000 * 64);
    expect(Math.max(...d.train.images.subarray(0, 640))).toBeLessThanOrEqual(1);
    expect(Array.from(d.train.labels.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('loads all 10,000 digits at 28×28, a fifth of each class held out for testing', async () => {
    const d = await loadDigits({ all: true });
    expect([d.size, d.train.n, d.test.n]).toEqual([28, 8000, 2000]);
    const perClass = (labels: Uint8Array) => Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length);
    const train = perClass(d.train.labels), test = perClass(d.test.labels);
    // the package's class sizes (863 fives to 1,127 ones), each split 4 : 1
    expect(train.map((n, c) => n + test[c])).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    test.forEach((n, c) => expect(n).toBe(Math.round((n + train[c]) / 5)));
    expect(Array.from(d.test.labels.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await expect(loadDigits({ all: true, size: 8 })).rejects.toThrow('28×28 only');
  });

  it('rejects a corrupt digits file with a clear message', () => {
    expect(() => parseDigits(new Uint8Array(10))).toThrow('not a valid digits file (too short)');
    const bytes = new Uint8Array(32);
    bytes.set([68, 76, 76, 68, 1, 8], 0);
    new DataView(bytes.buffer).setUint32(8, 5, true);
    expect(() => parseDigits(bytes)).toThrow(/length does not match/);
  });

  it('encodes and decodes the corpus by characters', () => {
    const v = charVocab(corpus);
    expect(v.decode(v.encode(corpus))).toBe(corpus);
    expect(() => v.encode('Ω')).toThrow(/not in the vocabulary/);
  });
});
