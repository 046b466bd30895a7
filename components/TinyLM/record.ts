// The tiny language model's run as chapter 9's prose reads it, in one place so that the script that records it
// (scripts/build-transformer-runs.ts, `npm run data:transformer-runs`) and the chapter's test
// (content/chapters/09-transformers.test.ts) run exactly the same code: the figure's run (task.ts) from its
// seed, as the figure trains it by default (chapter 8's LSTM beside it), measured before training and after every epoch.
import { recordRun } from '../trainer/schedule.ts';
import { tinyLMRun, tinyLMSchedule, type TinyLMSettings } from './task.ts';

export interface TinyLMRecord {
  seed: number;
  steps: number;
  /** The steps at which the held-out windows were read (0, then every epoch), and both models' losses there. */
  at: number[];
  trainLoss: number[];
  testLoss: number[];
  lstmTrainLoss: number[];
  lstmTestLoss: number[];
}

/** Trains the figure's run with the LSTM beside it for `steps` steps (a whole number of epochs), measuring after every epoch. */
export function recordTinyLMRun(settings: Omit<TinyLMSettings, 'lstm'>, steps: number): TinyLMRecord {
  const r = recordRun(tinyLMRun({ ...settings, lstm: true }), tinyLMSchedule, steps);
  return { seed: settings.seed, steps: r.steps, at: r.at, trainLoss: r.trainLoss, testLoss: r.testLoss, lstmTrainLoss: r.lstmTrainLoss!, lstmTestLoss: r.lstmTestLoss! };
}
