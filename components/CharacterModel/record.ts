// The character model's run as chapter 8's prose reads it, in one place so that the script that records it
// (scripts/build-char-run.ts, `npm run data:char-run`) and the chapter's test (content/chapters/08-rnn.test.ts)
// run exactly the same code: the figure's run (task.ts) from its seed, trained `steps` steps (recordRun), and then, if asked,
// 63 draws of 8 names at each of the temperatures the prose quotes, in the order they were measured (each
// draw's generator is seeded by the number of draws before it, so the order matters).
import { recordRun } from '../trainer/schedule.ts';
import { charRun, charSchedule, type CharSettings } from './task.ts';

/** The temperatures of the prose's sweep, in the order it was measured. */
export const SWEEP = [0.3, 0.5, 1, 1.5, 2] as const;
/** Draws per temperature: 63 draws of 8 names are the prose's 504 samples. */
export const SWEEP_DRAWS = 63;
/** The step at which the prose says a copy of a real name has appeared. */
export const FIRST_COPY_BY = 450;

export interface CharRecord {
  steps: number;
  /** The run's curve: the steps at which the held-out loss was measured, it, and the smoothed training loss. */
  curve: { at: number[]; test: number[]; train: number[] };
  /** Copies of training names among the recent samples at step FIRST_COPY_BY. */
  copiesBy450: number;
  /** The names drawn at each temperature of SWEEP (same order), after `steps` steps; empty unless asked for. */
  sweep: string[][];
}

export function recordCharRun(settings: CharSettings, steps: number, withSweep: boolean): CharRecord {
  const run = charRun(settings);
  let copiesBy450 = NaN;
  const last = recordRun(run, charSchedule, steps, (epoch) => {
    if (epoch * charSchedule.stepsPerEpoch === FIRST_COPY_BY) copiesBy450 = run.report().origins.train;
  });
  const sweep = !withSweep
    ? []
    : SWEEP.map((tau) => {
        run.commands.temperature(tau);
        const all: string[] = [];
        for (let i = 0; i < SWEEP_DRAWS; i++) {
          run.commands.resample();
          all.push(...run.report().samples.map((s) => s.name));
        }
        return all;
      });
  return { steps: last.steps, curve: last.curve, copiesBy450, sweep };
}
