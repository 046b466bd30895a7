// The state a figure announces with its 'widget-state' event (exercise goals read it): the settings and
// the current results. One function for the trainer (in Node) and for the figures' live run of it.
import type { LiveRun } from '../trainer/liveRun.svelte.ts';
import type { LossHistory } from '../trainer/lossHistory.ts';
import type { MlpData, MlpReport } from './mlpTask.ts';
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

/** The snapshot of an MLP figure's live run (the numbers on screen). */
export function mlpSnapshot(live: LiveRun<Settings, MlpReport, MlpData>): Snapshot {
  const d = live.shown;
  return snapshot({
    settings: live.fixed?.settings ?? live.settings,
    epoch: live.epoch,
    history: live.history,
    trainLoss: live.trainLoss,
    testLoss: live.testLoss,
    trainAccuracy: d?.trainAccuracy ?? 0,
    testAccuracy: d?.testAccuracy ?? 0,
    confusion: d?.confusion ?? [0, 0, 0, 0],
    regression: live.fixed?.regression ?? false,
    diverged: live.diverged !== null,
  });
}
