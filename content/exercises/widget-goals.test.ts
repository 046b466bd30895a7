// The figure goals of chapters 2 and 3, which have no test file of their own: each accepts a state that
// meets the goal and says what is missing from one that does not. (Chapters 4 to 6 test theirs beside
// their banks; banks.test.ts checks that every goal reads a missing state as invalid.)
import { describe, expect, it } from 'vitest';
import type { WidgetGoal } from '../../lib/exercises/types.ts';
import neurons from './02-neurons.ts';
import depth from './03-depth.ts';
import { OPENS_WITH_VERDICT } from './runChecks.ts';

const goal = (bank: typeof neurons, id: string) => bank.exercises.find((e) => e.id === id) as WidgetGoal;

describe('a neuron that computes AND', () => {
  const spec = goal(neurons, 'and-gate');

  it('accepts any line that cuts off the corner (1, 1) alone', () => {
    expect(spec.check(undefined, { w1: 1, w2: 1, b: -1.5 }).status).toBe('correct');
    expect(spec.check(undefined, { w1: 1, w2: 2, b: -2.5 }).status).toBe('correct');
  });

  it('never opens its feedback with a verdict, which the view states itself', () => {
    for (const b of [-1.5, -0.5, 1.5]) expect(spec.check(undefined, { w1: 1, w2: 1, b }).feedback).not.toMatch(OPENS_WITH_VERDICT);
  });

  it('counts the corners on the wrong side, and counts a corner on the line as wrong', () => {
    expect(spec.check(undefined, { w1: 1, w2: 1, b: -0.5 })).toMatchObject({ status: 'partial', score: 0.5 });
    expect(spec.check(undefined, { w1: 1, w2: 1, b: -1 }).feedback).toContain('(0, 1), (1, 0)');
    expect(spec.check(undefined, { w1: -1, w2: -1, b: 1.5 })).toMatchObject({ status: 'wrong', score: 0 });
    expect(spec.check(undefined, { w1: 1, w2: 1, b: Number.NaN }).status).toBe('invalid');
  });
});

describe('XOR with as few units as possible', () => {
  const spec = goal(depth, 'xor-playground');
  const state = (s: object) => ({ dataset: 'xor', hidden: [4], testAccuracy: 0.97, diverged: false, ...s });

  it('accepts one hidden layer of at most four units at 95% test accuracy', () => {
    expect(spec.check(undefined, state({})).status).toBe('correct');
    expect(spec.check(undefined, state({ hidden: [2], testAccuracy: 0.95 })).status).toBe('correct');
  });

  it('never opens its feedback with a verdict, which the view states itself', () => {
    for (const testAccuracy of [0.97, 0.85, 0.6]) expect(spec.check(undefined, state({ testAccuracy })).feedback).not.toMatch(OPENS_WITH_VERDICT);
  });

  it('names what breaks the rules: the data set, the layers, the units, divergence', () => {
    expect(spec.check(undefined, state({ dataset: 'circle' })).feedback).toMatch(/xor/);
    expect(spec.check(undefined, state({ hidden: [4, 4] })).feedback).toMatch(/exactly one/);
    expect(spec.check(undefined, state({ hidden: [5] })).feedback).toMatch(/at most 4/);
    expect(spec.check(undefined, state({ diverged: true })).feedback).toMatch(/diverged/);
  });

  it('gives half credit from 80% and none below', () => {
    expect(spec.check(undefined, state({ testAccuracy: 0.85 }))).toMatchObject({ status: 'partial', score: 0.5 });
    expect(spec.check(undefined, state({ testAccuracy: 0.6 }))).toMatchObject({ status: 'wrong', score: 0 });
  });
});
