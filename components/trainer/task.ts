// What a figure trains, as the trainer service sees it: a task builds a run from serialisable settings,
// and a run trains one epoch at a time, measures its losses, and reports what the figure draws. Nothing
// here knows about MLPs or 2-D points: a run trains any engine model on any batches (engineRun.ts is the
// usual way to write one). The same run works in a Web Worker, on the page, and in Node tests.
import type { Tensor } from '../../engine/index.ts';
import type { Schedule } from './schedule.ts';

/** The losses after an epoch: the stop conditions and the loss curves read these. */
export interface Measurement {
  /** The training loss (what the optimizer minimises, or the data's part of it). */
  loss: number;
  /** The held-out loss, where the task has a test set (early stopping watches it). */
  testLoss?: number;
}

/** One training run: a model, its optimizer, its data and its epoch count. */
export interface Run<R = unknown, F = unknown> {
  /** Epochs trained so far. */
  epoch: number;
  /** Trains one epoch (whatever the task calls one unit of training) and counts it. */
  trainEpoch(): void;
  /** Measures the losses (eval mode, no gradients); also updates whatever `report` draws from. */
  measure(): Measurement;
  /** The trainable parameters: checked for NaN and ∞, and copied for early stopping and for Pause. */
  parameters(): Tensor[];
  /**
   * What the figure draws now (after a measure), as structured-clone data. Typed arrays in it must be
   * fresh copies: they are transferred out of the worker.
   */
  report(): R;
  /**
   * What stays the same for the whole run (the data set, the settings as the task completed them), sent
   * once after a create rather than with every report.
   */
  fixed?(): F;
  /** What training holds besides the parameters and the epoch (optimizer buffers, the shuffler): plain data. */
  saveState(): unknown;
  /** Puts back a state from `saveState()`. */
  loadState(state: unknown): void;
  /** Commands of this task (change the learning rate, ...), by name; a handler may throw a message. */
  commands?: Record<string, (payload: never) => void>;
}

/** A kind of training a figure asks the trainer service for, by name. */
export interface Task<S = never, R = unknown, F = unknown> {
  /** Unique among the tasks one worker hosts. */
  name: string;
  /**
   * Builds a run from serialisable settings; `load` is whatever the task accepts to start from a saved
   * run (trained weights, an exported state). Throws an Error with a message for the reader when the
   * settings or the load cannot be used.
   */
  create(settings: S, load?: unknown): Run<R, F>;
  /** A training loss above this counts as divergence (default: only a loss or parameter that is not finite). */
  divergeAbove?: number;
  /** How its runs train (schedule.ts): a figure's stop condition and Step label come from it. */
  schedule?: Schedule;
}

/** Names a task (a typed identity: the settings and report types flow to the figure that uses it). */
export const defineTask = <S, R, F = unknown>(task: Task<S, R, F>): Task<S, R, F> => task;

