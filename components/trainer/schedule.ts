// A task's training schedule, declared once beside the task: the minibatch size B, the learning rate η, the
// optimizer steps in one task epoch (what Step trains, one point of the curves), how often the held-out set
// is measured, and the budget, in optimizer steps or in passes over the training set. The task carries it
// (`defineTask({ schedule })`), and the shared code reads it: TrainingFigure's stop condition, the Step
// button's label, the "pass 2 of 6" of a figure's words, and `recordRun`, which trains a chapter's runs.
import type { StopRules } from './protocol.ts';
import type { Run } from './task.ts';

/** Training stops after this many optimizer steps, or after this many passes over the training set. */
export type Budget = { steps: number } | { passes: number };

export interface ScheduleSpec<B extends Budget> {
  /** Examples per minibatch (B). */
  batch: number;
  /** The learning rate η the optimizer starts with. */
  lr: number;
  /** Optimizer steps in one task epoch. */
  stepsPerEpoch: number;
  budget: B;
  /** The held-out set is measured after every this many task epochs (default 1). */
  testEvery?: number;
  /** What one example is called ("images"), where the Step button counts examples rather than steps. */
  examples?: string;
}

/** A budget in passes needs the training set's size to be counted in epochs; a budget in steps does not. */
type Size<B extends Budget> = B extends { passes: number } ? [trainingSetSize: number] : [trainingSetSize?: number];

const whole = (v: number) => Number.isInteger(v) && v > 0;

export class Schedule<B extends Budget = Budget> {
  readonly batch: number;
  readonly lr: number;
  readonly stepsPerEpoch: number;
  readonly budget: B;
  readonly testEvery: number;
  readonly examples: string | undefined;

  constructor(spec: ScheduleSpec<B>) {
    const { batch, lr, stepsPerEpoch, budget, testEvery = 1 } = spec;
    if (!whole(batch) || !whole(stepsPerEpoch) || !whole(testEvery)) throw new Error('A schedule counts its batch, its steps per epoch and its measurements in whole numbers.');
    if (!(lr > 0 && Number.isFinite(lr))) throw new Error(`The learning rate must be a positive number, not ${lr}.`);
    if ('steps' in budget && (!whole(budget.steps) || budget.steps % stepsPerEpoch !== 0)) throw new Error(`A budget of ${budget.steps} steps is not a whole number of epochs of ${stepsPerEpoch} steps.`);
    if ('passes' in budget && !whole(budget.passes)) throw new Error('A budget counts whole passes over the training set.');
    this.batch = batch;
    this.lr = lr;
    this.stepsPerEpoch = stepsPerEpoch;
    this.budget = { ...budget };
    this.testEvery = testEvery;
    this.examples = spec.examples;
  }

  /** Examples one task epoch trains on: B × its steps. */
  get examplesPerEpoch(): number {
    return this.batch * this.stepsPerEpoch;
  }

  /** Optimizer steps from one measurement of the held-out set to the next. */
  get testEverySteps(): number {
    return this.testEvery * this.stepsPerEpoch;
  }

  /** Whether the held-out set is measured after task epoch `epoch` (epoch 0 is the untrained model). */
  testsAt(epoch: number): boolean {
    return epoch % this.testEvery === 0;
  }

  /** The task epochs in the budget; a budget in passes over a training set of `n` examples ends in the epoch that completes the last one. */
  maxEpochs(...[n]: Size<B>): number {
    const b: Budget = this.budget;
    if ('steps' in b) return b.steps / this.stepsPerEpoch;
    if (n === undefined) throw new Error('A budget in passes needs the size of the training set.');
    return Math.ceil((b.passes * n) / this.examplesPerEpoch);
  }

  /** The stop condition a figure gives the trainer service: the end of the budget. */
  stop(...size: Size<B>): StopRules {
    return { maxEpochs: this.maxEpochs(...size) };
  }

  /** The Step button's label: "Train 25 steps", or with `examples`, "Train 400 images". */
  get stepLabel(): string {
    return this.examples ? `Train ${this.examplesPerEpoch} ${this.examples}` : `Train ${this.stepsPerEpoch} steps`;
  }

  /** "pass 2 of 6", for a budget in passes, with `passes` passes completed (the last one is counted as the last). */
  passOf(passes: number): string {
    const b: Budget = this.budget;
    if (!('passes' in b)) throw new Error('This budget is counted in steps, not passes.');
    return `pass ${Math.min(b.passes, passes + 1)} of ${b.passes}`;
  }
}

/** Declares a task's schedule (checked: whole steps, whole epochs in a budget of steps, a positive rate). */
export const defineSchedule = <B extends Budget>(spec: ScheduleSpec<B>): Schedule<B> => new Schedule(spec);

/**
 * Trains `run` for `steps` optimizer steps (a whole number of `schedule`'s epochs), measuring it before training
 * and after every epoch, as a figure that measures every epoch does; `afterEpoch` looks at the run after each
 * epoch's measurement. Returns the last report: what a chapter's recorded run (its fixture) is made from.
 */
export function recordRun<R>(run: Run<R>, schedule: Schedule, steps: number, afterEpoch?: (epoch: number) => void): R {
  if (steps % schedule.stepsPerEpoch !== 0) throw new Error(`A run is recorded in whole epochs of ${schedule.stepsPerEpoch} steps.`);
  run.measure();
  for (let e = 0; e < steps / schedule.stepsPerEpoch; e++) {
    run.trainEpoch();
    run.measure();
    afterEpoch?.(run.epoch);
  }
  return run.report();
}
