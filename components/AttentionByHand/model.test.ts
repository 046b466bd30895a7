// The AttentionByHand numbers and state: the loops agree with the engine's fused attention op, the
// causal mask zeroes the future, the softmax saturates as the factor grows, and links round-trip.
import { describe, expect, it } from 'vitest';
import { attention, tensor } from '../../engine/index.ts';
import { attend, K, N, Q0, TOKENS, V, X } from './attention.ts';
import { checkModel } from '../ui/modelContract.ts';
import { AttentionModel, attentionState, STAGES } from './model.svelte.ts';

const flat = (m: number[][]) => m.flat();

describe('attend', () => {
  it('gives the engine attention op’s weights and output, with and without the causal mask and the scaling', () => {
    for (const causal of [false, true]) {
      for (const scaled of [false, true]) {
        for (const gain of [0.5, 1, 3]) {
          const s = attend(Q0, { causal, scaled, gain });
          const t = (m: number[][]) => tensor(flat(m), [1, N, 2]);
          const scale = gain / (scaled ? Math.SQRT2 : 1);
          const res = attention(t(Q0), t(K), t(V), 1, { causal, scale });
          flat(s.weights).forEach((w, i) => expect(w).toBeCloseTo(res.weights.data[i], 5));
          flat(s.output).forEach((o, i) => expect(o).toBeCloseTo(res.output.data[i], 5));
        }
      }
    }
  });

  it('starts from Q = X W_Q, whose rows are the numbers the chapter multiplies out', () => {
    expect(X).toHaveLength(N);
    expect(Q0).toEqual([[1, 0], [0, 1], [1, 1], [1, 2]]);
    expect(K).toEqual([[0, 1], [1, 0], [1, 1], [2, 1]]);
    expect(V).toEqual([[1, 0], [0, 2], [-1, 1], [-1, 3]]);
  });

  it('every row of weights sums to 1, and with the mask no token gives weight to a later one', () => {
    const s = attend(Q0, { causal: true, scaled: true, gain: 1 });
    for (let i = 0; i < N; i++) {
      expect(s.weights[i].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let j = i + 1; j < N; j++) {
        expect(s.weights[i][j]).toBe(0);
        expect(s.masked[i][j]).toBe(-Infinity);
      }
    }
    expect(s.weights[0]).toEqual([1, 0, 0, 0]);
  });

  it('a large factor on the scores pushes the softmax to one-hot, a small one to uniform', () => {
    const top = (gain: number) => Math.max(...attend(Q0, { causal: false, scaled: true, gain }).weights[3]);
    expect(top(0.25)).toBeLessThan(0.4);
    expect(top(8)).toBeGreaterThan(0.99);
  });
});

describe('AttentionModel', () => {
  it('steps through the six stages and stops at both ends', () => {
    const m = new AttentionModel();
    m.previous();
    expect(m.stage).toBe(0);
    for (let i = 0; i < 10; i++) m.next();
    expect(m.stage).toBe(STAGES.length - 1);
    expect(m.describe()).toMatch(/Step 6: the output of “sat” is the weighted sum/);
  });

  it('moving a query changes only that token’s scores, on a grid of 0.1 within range', () => {
    const m = new AttentionModel();
    const before = m.stages.scores.map((r) => r.slice());
    m.setQuery(2.04, -9);
    expect(m.q[2]).toEqual([2, -3]);
    expect(m.edited).toBe(true);
    expect(m.stages.scores[2]).toEqual(K.map(([a, b]) => 2 * a - 3 * b));
    for (const i of [0, 1, 3]) expect(m.stages.scores[i]).toEqual(before[i]);
    m.nudge(0.1, 0.1);
    expect(m.q[2]).toEqual([2.1, -2.9]);
  });

  it('describes the softmax row of the focused token, and reports its weights', () => {
    const m = new AttentionModel({ stage: 4 });
    expect(m.describe()).toMatch(/^Query of “sat”: q = \(1, 1\)\. Scaling by 1\/√2 on, causal mask off, extra factor c = 1\. Step 5: softmax weights of “sat”: the 0\.\d+, cat 0\.\d+, sat 0\.\d+, down 0\.\d+; the row sums to 1\.$/);
    const r = m.report();
    expect(r.token).toBe(TOKENS[2]);
    expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('its link round-trips, and a mangled one opens the defaults with a notice', () => {
    const m = new AttentionModel();
    m.setQuery(-1.5, 2.5);
    m.causal = true;
    m.gain = 4;
    const text = attentionState.encode(m.snapshot());
    const back = attentionState.decode(text);
    expect(back.ok && back.state).toEqual(m.snapshot());
    const again = new AttentionModel();
    if (back.ok) again.apply(back.state);
    expect(again.stages.weights).toEqual(m.stages.weights);
    const bad = attentionState.read(text.slice(0, -4) + '!!!!', attentionState.defaults());
    expect(bad.notice).not.toBeNull();
    expect(attentionState.parse({ v: 1, q: [[9, 0]] }).ok).toBe(false);
    m.reset();
    expect(m.snapshot()).toEqual(attentionState.defaults());
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new AttentionModel()));
});
