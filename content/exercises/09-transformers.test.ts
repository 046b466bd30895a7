// What is particular to chapter 9's bank: the by-hand helpers agree with the engine, and the two figure
// goals accept what meets them and say what is missing from what does not.
import { describe, expect, it } from 'vitest';
import { attention, tensor } from '../../engine/index.ts';
import { attend, Q0 } from '../../components/AttentionByHand/attention.ts';
import { AttentionModel } from '../../components/AttentionByHand/model.svelte.ts';
import bank, { attendGoal, attentionWeights, causalRow, copyGoal, inductionGoal } from './09-transformers.ts';
import { OPENS_WITH_VERDICT, runChecks } from './runChecks.ts';

describe('bank 09-transformers', () => {
  it('has at least six exercises, with a code exercise and a figure goal among them', () => {
    expect(bank.exercises.length).toBeGreaterThanOrEqual(6);
    const kinds = new Set(bank.exercises.map((e) => e.kind));
    expect(kinds.has('code') && kinds.has('widget') && kinds.has('choice') && kinds.has('numeric')).toBe(true);
  });

  it('its attention weights and causal rows are the engine’s', () => {
    const q = [2, 1], keys = [[1, 0], [0, 1], [-1, 1]];
    const res = attention(tensor(q, [1, 1, 2]), tensor(keys.flat(), [1, 3, 2]), tensor([1, 0, 0, 0, 1, 0, 0, 0, 1], [1, 3, 3]), 1);
    attentionWeights(q, keys).forEach((w, j) => expect(w).toBeCloseTo(res.weights.data[j], 6));
    expect(causalRow([1, 0, 2, 3], 1)).toEqual([Math.E / (Math.E + 1), 1 / (Math.E + 1), 0, 0]);
  });

  it('the code exercise runs a real gradient check: rows right to 1e-4 but with a wrong slope get half credit', () => {
    const spec = bank.exercises.find((e) => e.id === 'masked-attention-code');
    if (spec?.kind !== 'code') throw new Error('no code exercise');
    const solution = /```js\n([\s\S]*?)```/.exec(spec.solution({ seed: 7 }))![1];
    const right = runChecks(solution, spec.checkCode({ seed: 7 }))!;
    expect(right.score).toBe(1);
    expect(right.feedback).toMatch(/gradient check passes: .* to \d\.\de-\d+\.$/);
    // the same rows plus a ripple of height 5e-5 (inside the rows' tolerance of 1e-4) whose slope is up to 0.05
    const rippled = `${solution}\nconst exact = causalAttention;\ncausalAttention = (Q, K, V) => exact(Q, K, V).map((row, i) => row.map((v) => v + 5e-5 * Math.sin(1e3 * Q[i][0])));`;
    const bad = runChecks(rippled, spec.checkCode({ seed: 7 }))!;
    expect(bad.score).toBe(0.5);
    expect(bad.feedback).toMatch(/gradient check fails: the derivative by central differences with respect to Q\[\d\]\[0\]/);
  });

  it('the cat goal: reachable at the corner (3, −3), and only with the mask, the scaling and c = 1', () => {
    const m = new AttentionModel({ causal: true });
    m.setQuery(3, -3);
    expect(attendGoal(m.report()).status).toBe('correct');
    m.gain = 4;
    expect(attendGoal(m.report()).feedback).toMatch(/c = 1/);
    const start = new AttentionModel({ causal: true });
    expect(attendGoal(start.report()).status).toBe('wrong');
    start.focus = 1;
    expect(attendGoal(start.report()).feedback).toMatch(/“cat”; the goal is about “sat”/);
    expect(attendGoal({}).status).toBe('invalid');
    expect(attend(Q0, { scaled: true, causal: true, gain: 1 }).weights[2][1]).toBeLessThan(0.6);
    for (const s of [m.report(), start.report()]) expect(attendGoal(s).feedback).not.toMatch(OPENS_WITH_VERDICT);
  });

  it('the induction goal: two layers at 90%, half credit from 50%, one layer named as the problem', () => {
    expect(inductionGoal({ layers: 2, steps: 800, repeatAccuracy: 0.95 }).status).toBe('correct');
    expect(inductionGoal({ layers: 2, steps: 500, repeatAccuracy: 0.6 })).toMatchObject({ status: 'partial', score: 0.5 });
    expect(inductionGoal({ layers: 1, steps: 1000, repeatAccuracy: 0.95 }).feedback).toMatch(/choose two layers/);
    expect(inductionGoal({ layers: 2, steps: 0 }).status).toBe('invalid');
    expect(inductionGoal({ layers: 2, steps: 100, repeatAccuracy: 0.2 }).feedback).not.toMatch(OPENS_WITH_VERDICT);
    expect(inductionGoal({ task: 'copy', layers: 2, steps: 800, repeatAccuracy: 1 }).feedback).toMatch(/choose the induction task/);
    expect(inductionGoal({ task: 'induction', layers: 2, steps: 800, repeatAccuracy: 0.95 }).status).toBe('correct');
  });

  it('the copy goal: one head on the copy task at 95%, half credit from 50%, the task and the heads named when wrong', () => {
    const state = (s: object) => ({ task: 'copy', layers: 1, heads: 1, width: 32, steps: 400, repeatAccuracy: 0.97, ...s });
    expect(copyGoal(state({})).status).toBe('correct');
    expect(copyGoal(state({ layers: 3, width: 64 })).status).toBe('correct');
    expect(copyGoal(state({ repeatAccuracy: 0.94 }))).toMatchObject({ status: 'partial', score: 0.5 });
    expect(copyGoal(state({ repeatAccuracy: 0.1 }))).toMatchObject({ status: 'wrong', score: 0 });
    expect(copyGoal(state({ heads: 2 })).feedback).toMatch(/choose 1 under “Heads per layer”/);
    expect(copyGoal(state({ task: 'reverse' })).feedback).toMatch(/choose “copy”/);
    expect(copyGoal({}).status).toBe('invalid');
    for (const a of [0.97, 0.6, 0.1]) expect(copyGoal(state({ repeatAccuracy: a })).feedback).not.toMatch(OPENS_WITH_VERDICT);
    // reachable: components/InductionHeads/model.test.ts trains one head past 95% within 400 steps
    const spec = bank.exercises.find((e) => e.id === 'copy-goal');
    expect(spec?.kind === 'widget' && spec.widgetProps).toEqual({ id: 'copy-goal', task: 'copy', layers: 1, heads: 1 });
  });
});
