// Schedules: the budget in epochs (from steps, or from passes over a training set of a given size), the stop
// condition a figure gets from its task's schedule, the Step label, when the held-out set is measured, and the
// recorder that trains a chapter's runs in whole epochs.
import { describe, expect, it } from 'vitest';
import { kernelTask, type KernelSettings } from './example/kernelTask.ts';
import { defineSchedule, recordRun } from './schedule.ts';
import { defineTask, type Run } from './task.ts';
import { TrainingFigure } from './trainingFigure.svelte.ts';

const bySteps = defineSchedule({ batch: 16, lr: 3e-3, stepsPerEpoch: 25, budget: { steps: 1000 } });
const byPasses = defineSchedule({ batch: 16, lr: 2e-3, stepsPerEpoch: 25, testEvery: 5, budget: { passes: 6 }, examples: 'images' });

/** A run that counts its steps and what it was asked, for the recorder. */
function countingRun(stepsPerEpoch: number) {
  const log: string[] = [];
  let steps = 0;
  const run: Run<{ steps: number; log: string[] }> = {
    epoch: 0,
    trainEpoch() {
      steps += stepsPerEpoch;
      run.epoch++;
      log.push(`train ${run.epoch}`);
    },
    measure() {
      log.push(`measure ${run.epoch}`);
      return { loss: 1 / (1 + steps) };
    },
    parameters: () => [],
    report: () => ({ steps, log: log.slice() }),
    saveState: () => ({ steps }),
    loadState: (s) => void (steps = (s as { steps: number }).steps),
  };
  return run;
}

describe('defineSchedule', () => {
  it('counts a budget of steps in epochs, and a budget of passes in the epochs that complete them', () => {
    expect(bySteps.maxEpochs()).toBe(40);
    expect(bySteps.stop()).toEqual({ maxEpochs: 40 });
    // 6 passes over 8,000 digits at 400 a task epoch; over 2,500 messages the last epoch ends past the sixth pass.
    expect(byPasses.maxEpochs(8000)).toBe(120);
    expect(byPasses.maxEpochs(2500)).toBe(38);
    expect(() => (byPasses.maxEpochs as (n?: number) => number)()).toThrow(/size of the training set/);
  });

  it('labels the Step button with what one epoch trains', () => {
    expect(bySteps.stepLabel).toBe('Train 25 steps');
    expect(byPasses.stepLabel).toBe('Train 400 images');
    expect(byPasses.examplesPerEpoch).toBe(400);
  });

  it('measures the held-out set every testEvery epochs, counting from the untrained model', () => {
    expect([0, 1, 4, 5, 10].map((e) => byPasses.testsAt(e))).toEqual([true, false, false, true, true]);
    expect(byPasses.testEverySteps).toBe(125);
    expect([0, 1, 2].map((e) => bySteps.testsAt(e))).toEqual([true, true, true]);
  });

  it('says which pass training is in, the last one included', () => {
    expect([0, 1, 5, 6].map((p) => byPasses.passOf(p))).toEqual(['pass 1 of 6', 'pass 2 of 6', 'pass 6 of 6', 'pass 6 of 6']);
    expect(() => bySteps.passOf(0)).toThrow(/in steps/);
  });

  it('refuses a budget that is not a whole number of epochs, and a rate that cannot train', () => {
    expect(() => defineSchedule({ batch: 16, lr: 1e-3, stepsPerEpoch: 25, budget: { steps: 1010 } })).toThrow('A budget of 1010 steps is not a whole number of epochs of 25 steps.');
    expect(() => defineSchedule({ batch: 16, lr: 0, stepsPerEpoch: 25, budget: { steps: 100 } })).toThrow(/learning rate/);
    expect(() => defineSchedule({ batch: 1.5, lr: 1e-3, stepsPerEpoch: 25, budget: { passes: 2 } })).toThrow(/whole numbers/);
  });
});

describe('a figure over a task with a schedule', () => {
  const settings: KernelSettings = { lr: 0.05, batch: 4, images: 16, seed: 3 };

  it('stops at the end of the budget unless told otherwise', () => {
    const scheduled = defineTask({ ...kernelTask, schedule: defineSchedule({ batch: 4, lr: 0.05, stepsPerEpoch: 4, budget: { steps: 12 } }) });
    const fig = new TrainingFigure(scheduled, settings);
    expect(fig.stop).toEqual({ maxEpochs: 3 });
    fig.live.step(10, fig.stop, true);
    expect([fig.live.epoch, fig.mustRestart]).toEqual([3, true]);
    expect(new TrainingFigure(scheduled, settings, { stop: { maxEpochs: 5, targetLoss: 1e-3 } }).stop).toEqual({ maxEpochs: 5, targetLoss: 1e-3 });
    expect(new TrainingFigure(kernelTask, settings).stop).toEqual({});
  });

  it('counts a budget of passes over the training set the figure names', () => {
    const scheduled = defineTask({ ...kernelTask, schedule: defineSchedule({ batch: 4, lr: 0.05, stepsPerEpoch: 2, budget: { passes: 3 } }) });
    expect(new TrainingFigure(scheduled, settings, { trainingSetSize: 16 }).stop).toEqual({ maxEpochs: 6 });
  });
});

describe('recordRun', () => {
  it('measures the untrained run, then trains and measures every epoch, and returns the last report', () => {
    const seen: number[] = [];
    const r = recordRun(countingRun(25), bySteps, 75, (epoch) => seen.push(epoch));
    expect(r.steps).toBe(75);
    expect(r.log).toEqual(['measure 0', 'train 1', 'measure 1', 'train 2', 'measure 2', 'train 3', 'measure 3']);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('records whole epochs only', () => {
    expect(() => recordRun(countingRun(25), bySteps, 110)).toThrow('A run is recorded in whole epochs of 25 steps.');
  });
});
