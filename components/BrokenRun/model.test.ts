// The lab case figure: its link holds only the case's controls, a control change starts over, the
// diagnosis is checked, the goal is read from the run, and it describes itself; the range test sweeps
// the learning rate and its suggestion fixes the first case.
import { describe, expect, it } from 'vitest';
import { cases, settingsFor } from './cases.ts';
import { checkModel } from '../ui/modelContract.ts';
import { DebugCaseModel } from './model.svelte.ts';
import { lrAt, rangeTask, suggestion, type RangeReport } from './rangeTask.ts';
import { labTask } from './labTask.ts';

describe('DebugCaseModel', () => {
  it('opens on the broken run, untrained, and says what the loss at initialisation should be', () => {
    const m = new DebugCaseModel('dead-relu');
    expect(m.snapshot()).toEqual(cases['dead-relu'].broken);
    expect(m.describe()).toContain('not trained yet. The loss at initialisation is 1.099, against ln 3 = 1.099');
    expect(m.goalMet).toBe(false);
  });

  it('checks the diagnosis: a wrong choice says wrong, the right one says right, reset clears it', () => {
    const m = new DebugCaseModel('dead-relu');
    const right = m.choices.findIndex((c) => c.correct);
    m.choose((right + 1) % 4);
    m.diagnose();
    expect(m.verdict).toBe('wrong');
    m.choose(right);
    expect(m.verdict).toBe(null);
    m.diagnose();
    expect(m.report()).toMatchObject({ case: 'dead-relu', diagnosis: 'right', goalMet: false });
    m.reset();
    expect(m.verdict).toBe(null);
  });

  it('a fix starts the run over with it, the link follows, and a link cannot change a control the case does not offer', () => {
    const m = new DebugCaseModel('dead-relu');
    m.training.live.step(2);
    m.set('biasInit', 0);
    expect(m.training.live.epoch).toBe(0);
    expect(m.training.live.settings.biasInit).toBe(0);
    const text = m.spec.encode(m.snapshot());
    const back = m.spec.decode(text);
    expect(back).toEqual({ ok: true, state: { ...cases['dead-relu'].broken, biasInit: 0 } });
    m.apply({ ...m.snapshot(), dropLeak: false, zeroGrad: false });
    expect(m.fix.zeroGrad).toBe(true);
    expect(m.spec.decode('not a link').ok).toBe(false);
  });

  it('trained with the fix, the goal is met and the report says so', () => {
    const m = new DebugCaseModel('dead-relu');
    m.set('biasInit', 0);
    m.training.live.step(cases['dead-relu'].budget, m.training.stop, true);
    expect(m.training.live.epoch).toBe(cases['dead-relu'].budget);
    expect(m.goalMet).toBe(true);
    expect(m.describe()).toContain('The goal is met.');
    expect(m.describe()).toMatch(/Gradient norms by layer: W\(1\) \d/);
  });

  it('pauses once where the goal is first met, and then trains on when asked', () => {
    const m = new DebugCaseModel('dead-relu');
    m.set('biasInit', 0);
    m.training.toggle();
    expect(m.pauseAtGoal()).toBe(false);
    m.training.live.step(60, m.training.stop, true);
    expect(m.goalMet).toBe(true);
    expect(m.pauseAtGoal()).toBe(true);
    expect(m.training.running).toBe(false);
    m.training.toggle();
    expect(m.pauseAtGoal()).toBe(false);
  });

  it('the NaN of a far too large learning rate is caught, shown and named', () => {
    const m = new DebugCaseModel('lr-high');
    m.training.live.step(50, m.training.stop, true);
    expect(m.training.live.diverged).not.toBeNull();
    expect(m.describe()).toMatch(/Training diverged after \d+ epochs?: the training loss (became not a number|reached)/);
    expect(m.training.canTrain).toBe(false);
  });
});

describe('the learning-rate range test', () => {
  const settings = { optimizer: 'sgd' as const, lrMin: 1e-4, lrMax: 100, steps: 200, seed: 3 };

  it('grows η geometrically from η_min to η_max', () => {
    expect(lrAt(settings, 0)).toBeCloseTo(1e-4, 10);
    expect(lrAt(settings, 199)).toBeCloseTo(100, 4);
    expect(lrAt(settings, 99.5)).toBeCloseTo(Math.sqrt(1e-4 * 100), 6);
  });

  it('the loss falls, then blows up; the suggestion, a tenth of the best η, fixes the first case', () => {
    const run = rangeTask.create(settings);
    for (let t = 0; t < settings.steps; t++) run.trainEpoch();
    const r = run.report() as RangeReport;
    expect(r.blownAt).not.toBeNull();
    expect(Math.min(...r.losses)).toBeLessThan(0.95 * r.losses[0]);
    const s = suggestion(r)!;
    expect(s.suggested).toBeGreaterThan(1e-3);
    expect(s.suggested).toBeLessThan(1);
    const c = cases['lr-high'];
    const fixed = labTask.create(settingsFor(c, { ...c.broken, lr: s.suggested }));
    for (let e = 0; e < c.budget; e++) fixed.trainEpoch();
    const m = fixed.measure();
    const rep = fixed.report();
    expect(c.met({ epoch: c.budget, diverged: !Number.isFinite(m.loss), trainLoss: m.loss, testLoss: m.testLoss!, trainAccuracy: rep.trainAccuracy, testAccuracy: rep.testAccuracy, overlap: 0, gradCheckOk: null, fix: c.broken })).toBe(true);
  });
  it.each(Object.keys(cases))('%s meets the figure kit’s contract: Reset, the link, and every state a link can hold', (id) => checkModel(new DebugCaseModel(id as keyof typeof cases)));
});
