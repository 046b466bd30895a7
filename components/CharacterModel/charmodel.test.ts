// The character model: names are cleaned and split as described, the stream marks every name's end, a
// small net learns letter statistics fast, sampling is seeded and ends at the end mark, weights round-trip.
import { describe, expect, it } from 'vitest';
import { rng } from '../../engine/index.ts';
import { CharNet, cleanNames, decode, encode, meanLength, ngramLoss, originOf, splitNames, stream, VOCAB } from './charmodel.ts';

const names = cleanNames(['Anna', 'anna', 'Bob', 'Ann-Marie', 'x', 'Clara', 'Dmitri', 'Eve', 'Frank', 'Greta', 'Hugo', 'Ida', 'Jon', 'Kira']);

describe('names', () => {
  it('keeps lower-case letters only, two at least, without duplicates', () => {
    expect(names).toEqual(['anna', 'bob', 'clara', 'dmitri', 'eve', 'frank', 'greta', 'hugo', 'ida', 'jon', 'kira']);
    expect(decode(encode('.anna.'))).toBe('.anna.');
  });

  it('holds out every tenth name of a seeded shuffle, and the two parts cover the list', () => {
    const { train, test } = splitNames(names, rng(1));
    expect(test).toHaveLength(1);
    expect([...train, ...test].sort()).toEqual([...names].sort());
    expect(splitNames(names, rng(1))).toEqual({ train, test });
  });

  it('joins the names with an end mark before each one and after the last', () => {
    const s = decode(stream(['ab', 'cd'], rng(2)));
    expect(s === '.ab.cd.' || s === '.cd.ab.').toBe(true);
    expect(meanLength(['ab', 'abcd'])).toBe(3);
  });
});

describe('CharNet', () => {
  it('learns the letter statistics: the loss falls well below ln 27 within 120 steps', () => {
    const data = stream(names, rng(3));
    const net = new CharNet({ hidden: 16, embed: 8, lr: 0.03 });
    const before = net.evaluate(data, 8);
    expect(before).toBeGreaterThan(Math.log(VOCAB) - 0.3);
    const r = rng(4);
    for (let i = 0; i < 120; i++) net.trainStep(data, r, 8, 8);
    expect(net.evaluate(data, 8)).toBeLessThan(before - 1);
  });

  it('samples a name of letters, seeded, with a distribution per drawn symbol that sums to 1', () => {
    const net = new CharNet({ hidden: 8, embed: 4 });
    const a = net.sample(1, rng(5), 10);
    expect(net.sample(1, rng(5), 10)).toEqual(a);
    expect(a.name).toMatch(/^[a-z]{0,10}$/);
    expect(a.probs.length).toBe(Math.min(a.name.length + 1, 11));
    for (const p of a.probs) expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
  });

  it('a name never runs past its limit: the last step may only end it', () => {
    const net = new CharNet({ hidden: 8, embed: 4 });
    for (let s = 0; s < 10; s++) expect(net.sample(5, rng(s), 3).name.length).toBeLessThanOrEqual(3);
  });

  it('moves its weights to another net, and refuses weights of another shape', () => {
    const a = new CharNet({ hidden: 8, embed: 4, seed: 1 });
    const b = new CharNet({ hidden: 8, embed: 4, seed: 2 });
    b.load(a.weights());
    expect(b.sample(0.5, rng(9)).name).toBe(a.sample(0.5, rng(9)).name);
    expect(() => new CharNet({ hidden: 4, embed: 4 }).load(a.weights())).toThrow(/do not fit/);
  });
});

describe('baselines and origins', () => {
  it('an n-gram counts its contexts: without smoothing "ab" has unigram loss ln 3 and bigram loss 0 on itself', () => {
    expect(ngramLoss(['ab'], ['ab'], 1, 0)).toBeCloseTo(Math.log(3), 12);
    expect(ngramLoss(['ab'], ['ab'], 2, 0)).toBeCloseTo(0, 12);
    // Add-one smoothing on a context never seen gives every symbol 1/27.
    expect(ngramLoss(['ab'], ['zz'], 3)).toBeGreaterThan(Math.log(VOCAB) - 0.5);
    expect(ngramLoss(names, names, 2)).toBeLessThan(ngramLoss(names, names, 1));
  });

  it('a sample is a copy of a training name, a held-out real name, or new', () => {
    const train = new Set(['anna']);
    const test = new Set(['bob']);
    expect([originOf('anna', train, test), originOf('bob', train, test), originOf('annb', train, test)]).toEqual(['train', 'held-out', 'novel']);
  });
});
