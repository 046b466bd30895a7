// The tiny transformer's runs as chapter 9's prose reads them, in one place so that the script that records
// them (scripts/build-transformer-runs.ts, `npm run data:transformer-runs`) and the chapter's test
// (content/chapters/09-transformers.test.ts) run exactly the same code: each run is the figure's (task.ts) from
// its seed, measured before training and after every epoch, and trained for its number of steps.
import { recordRun } from '../trainer/schedule.ts';
import { inductionRun, inductionSchedule, type InductionReport, type InductionSettings } from './task.ts';

/** A recorded run: its settings, its budget, and from the figure's report its curve (the steps at which the
 * test batch was scored: 0, then every epoch) and, at the last step, the per-head scores and the probe's losses. */
export interface InductionRecord extends Pick<InductionReport, 'at' | 'repeatLoss' | 'firstLoss' | 'repeatAccuracy' | 'previousToken' | 'induction' | 'probeLoss' | 'probePeriod'> {
  settings: InductionSettings;
  steps: number;
}

/** The runs the prose reads: the budget of every one, and the settings. */
export const INDUCTION_RUNS: { settings: InductionSettings; steps: number }[] = [
  // two layers of two heads, seeds 1 to 4: the loss plateau, the drop and the induction head
  ...[1, 2, 3, 4].map((seed) => ({ settings: { layers: 2, heads: 2, seed }, steps: 1000 })),
  // one layer stays stuck, with two heads (seeds 1 to 3) and with four
  ...[1, 2, 3].map((seed) => ({ settings: { layers: 1, heads: 2, seed }, steps: 1000 })),
  { settings: { layers: 1, heads: 4, seed: 1 }, steps: 1000 },
  // the other tasks, one layer of one head, as the figure trains them: copy and reverse within 400 steps,
  // sort for the figure's whole budget (inductionSchedule's, which the chapter's test checks this against)
  { settings: { task: 'copy', layers: 1, heads: 1, seed: 1 }, steps: 400 },
  { settings: { task: 'reverse', layers: 1, heads: 1, seed: 1 }, steps: 400 },
  { settings: { task: 'sort', layers: 1, heads: 1, seed: 1 }, steps: 1500 },
];

/** Trains the figure's run with `settings` for `steps` steps (a whole number of epochs), scoring it after every epoch. */
export function recordInductionRun(settings: InductionSettings, steps: number): InductionRecord {
  const r = recordRun(inductionRun(settings), inductionSchedule, steps);
  return {
    settings,
    steps: r.steps,
    at: r.at,
    repeatLoss: r.repeatLoss,
    firstLoss: r.firstLoss,
    repeatAccuracy: r.repeatAccuracy,
    previousToken: r.previousToken,
    induction: r.induction,
    probeLoss: r.probeLoss,
    probePeriod: r.probePeriod,
  };
}
