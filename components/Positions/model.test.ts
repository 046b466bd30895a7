// The Positions figure: the encoding is the engine's and the formula's, its dot products depend only on the
// distance, self-attention without positions gives every token the same output whatever the order (and with
// positions it does not), and the state round-trips through a link that may be mangled.
import { describe, expect, it } from 'vitest';
import { nn } from '../../engine/index.ts';
import { checkModel } from '../ui/modelContract.ts';
import { ORIGINAL, PositionsModel, positionsState, ROUNDING, SWAPPED } from './model.svelte.ts';
import { changes, dotsFrom, encoding, isPermutation, outputs, POSITIONS, WIDTHS, WORDS } from './positions.ts';

describe('the sinusoidal encoding', () => {
  it('is sin and cos of t / 10000^(2c/d), pair by pair', () => {
    const pe = encoding(16);
    expect(pe).toHaveLength(POSITIONS);
    for (const [t, c] of [[0, 0], [5, 2], [17, 7], [47, 15]]) {
      const angle = t / 10000 ** ((2 * Math.floor(c / 2)) / 16);
      expect(pe[t][c]).toBeCloseTo(c % 2 === 0 ? Math.sin(angle) : Math.cos(angle), 6);
    }
    expect(pe[3]).toEqual(Array.from(nn.positionalEncoding(POSITIONS, 16).data.subarray(48, 64)));
  });

  it('p_s · p_t depends only on t − s, peaks at d/2 when t = s, and falls off with the distance', () => {
    for (const d of WIDTHS) {
      const pe = encoding(d);
      const a = dotsFrom(pe, 5), b = dotsFrom(pe, 30);
      expect(a[5]).toBeCloseTo(d / 2, 4);
      for (let k = 0; k < 15; k++) expect(a[5 + k]).toBeCloseTo(b[30 + k], 4);
      expect(Math.max(...a.filter((_, t) => t !== 5))).toBeLessThan(d / 2);
      expect(a[6]).toBeGreaterThan(a[25]);
    }
  });
});

describe('self-attention and order', () => {
  it('without positions, permuting the input permutes the output; with positions it does not', () => {
    expect(isPermutation(SWAPPED) && !isPermutation([0, 0, 1, 2, 3]) && !isPermutation([0, 1, 2, 3])).toBe(true);
    expect(Math.max(...changes(SWAPPED, false))).toBeLessThan(ROUNDING);
    expect(Math.max(...changes([4, 3, 2, 1, 0], false))).toBeLessThan(ROUNDING);
    expect(Math.max(...changes(SWAPPED, true))).toBeGreaterThan(0.1);
    expect(changes(ORIGINAL, true)).toEqual([0, 0, 0, 0, 0]);
    // the two "the" have the same embedding, so without positions they get the same output
    const out = outputs(ORIGINAL, false);
    expect(out[0]).toEqual(out[3]);
    expect(outputs(ORIGINAL, true)[0]).not.toEqual(outputs(ORIGINAL, true)[3]);
  });
});

describe('PositionsModel', () => {
  it('opens on “the man bit the dog” without positions, and says the layer cannot tell it from the original', () => {
    const m = new PositionsModel();
    expect(m.sentence).toBe('the man bit the dog');
    expect(m.describe()).toMatch(/^Sinusoidal encoding of 48 positions at width d = 16\. The dot product of position 10 with itself is 8, with position 11 7\.\d+, with position 20 \d\.\d+\./);
    expect(m.describe()).toMatch(/without positions: every token's output is the one it had in the order “the dog bit the man” \(largest change 0, exactly\), so the layer cannot tell the orders apart\.$/);
    m.positions = true;
    expect(m.describe()).toMatch(/with positions added: a token's output changes by up to \d\.\d+ from the order “the dog bit the man”/);
    m.setOrder(ORIGINAL);
    expect(m.describe()).toMatch(/original order, “the dog bit the man”: nothing to compare yet\.$/);
    m.setOrder([1, 1, 1, 1, 1]);
    expect(m.order).toEqual(ORIGINAL);
  });

  it('shuffles to a new order every time, with the same words', () => {
    const m = new PositionsModel();
    for (let i = 0; i < 20; i++) {
      const before = m.order.join();
      m.shuffle();
      expect(m.order.join()).not.toBe(before);
      expect(isPermutation(m.order)).toBe(true);
      expect(m.sentence.split(' ').sort()).toEqual([...WORDS].sort());
    }
  });

  it('its link holds the order, and refuses one that is not a permutation', () => {
    const m = new PositionsModel();
    m.d = 64;
    m.from = 40;
    m.positions = true;
    m.setOrder([4, 3, 2, 1, 0]);
    const text = positionsState.encode(m.snapshot());
    const back = positionsState.decode(text);
    expect(back).toEqual({ ok: true, state: { d: 64, from: 40, positions: true, order: [4, 3, 2, 1, 0] } });
    expect(positionsState.decode(positionsState.encode({ ...m.snapshot(), order: [0, 0, 1, 2, 3] })).ok).toBe(false);
  });

  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new PositionsModel(), { describes: /^Sinusoidal encoding/ }));
});
