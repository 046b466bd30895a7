// The state a figure announces with its 'widget-state' event (exercise goals read it): the settings and
// the current results. One function for the trainer and for the figures' reactive view of it.
import type { LossHistory } from '../trainer/lossHistory.ts';
import type { Settings } from './settings.ts';

/** What a trainer, or a view of one, knows about its run. */
export interface RunState {
  settings: Settings;
  epoch: number;
  history: LossHistory;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** The test set's counts: actual 0 predicted 0, 0 predicted 1, 1 predicted 0, 1 predicted 1. */
  confusion: ArrayLike<number>;
  regression: boolean;
  diverged: boolean;
}

/** The settings and current results as plain JSON-ready values (losses null before the first measurement). */
export function snapshot(r: RunState) {
  return {
    ...r.settings,
    hidden: r.settings.hidden.slice(),
    epoch: r.epoch,
    trainLoss: r.history.length ? r.trainLoss : null,
    testLoss: r.history.length ? r.testLoss : null,
    trainAccuracy: r.trainAccuracy,
    testAccuracy: r.testAccuracy,
    /** The test set's confusion counts (classification): actual 0 predicted 0, 0→1, 1→0, 1→1. */
    confusion: r.regression ? null : Array.from(r.confusion),
    regression: r.regression,
    diverged: r.diverged,
  };
}

export type Snapshot = ReturnType<typeof snapshot>;
