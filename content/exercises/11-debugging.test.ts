// Chapter 11's bank: a lab case's goal is met only with the right diagnosis and a fixed run that meets the
// case's goal (re-checked from the numbers the figure reports), and the by-hand numbers.
import { describe, expect, it } from 'vitest';
import { caseIds, cases } from '../../components/BrokenRun/cases.ts';
import { DebugCaseModel } from '../../components/BrokenRun/model.svelte.ts';
import bank, { caseGoal } from './11-debugging.ts';
import { OPENS_WITH_VERDICT } from './runChecks.ts';

describe('a lab case as a figure goal', () => {
  it('a real run of the dead-ReLU case: the broken run fails, the fixed run with the right diagnosis passes', () => {
    const m = new DebugCaseModel('dead-relu');
    m.training.live.step(10, m.training.stop, true);
    expect(caseGoal('dead-relu', m.report()).status).toBe('wrong');
    m.choose(m.choices.findIndex((c) => c.correct));
    m.diagnose();
    expect(caseGoal('dead-relu', m.report())).toMatchObject({ status: 'partial', score: 0.5 });
    m.set('biasInit', 0);
    m.training.live.step(cases['dead-relu'].budget, m.training.stop, true);
    const done = caseGoal('dead-relu', m.report());
    expect(done).toMatchObject({ status: 'correct', score: 1 });
    expect(done.feedback).not.toMatch(OPENS_WITH_VERDICT);
  });

  it('re-checks the numbers rather than trusting the figure, and refuses another case\'s report', () => {
    const state = { case: 'tiny-data', diagnosis: 'right', goalMet: true, outcome: { epoch: 150, diverged: false, trainLoss: 0, testLoss: 1, trainAccuracy: 1, testAccuracy: 0.8, overlap: 0, gradCheckOk: null, fix: cases['tiny-data'].broken } };
    expect(caseGoal('tiny-data', state)).toMatchObject({ status: 'partial' });
    expect(caseGoal('tiny-data', { ...state, outcome: { ...state.outcome, testAccuracy: 0.96 } })).toMatchObject({ status: 'correct' });
    expect(caseGoal('tiny-data', { ...state, outcome: { ...state.outcome, testAccuracy: 0.96, epoch: 400 } })).toMatchObject({ status: 'partial' });
    expect(caseGoal('lr-high', state).status).toBe('invalid');
  });

  it('has one figure goal per lab case, numbered in order', () => {
    const goals = bank.exercises.filter((e) => e.kind === 'widget');
    expect(goals.map((g) => g.id)).toEqual(caseIds.map((id) => `case-${id}`));
    goals.forEach((g, i) => expect(g.kind === 'widget' && g.widgetProps?.n).toBe(i + 1));
  });
});
