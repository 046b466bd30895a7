// The introduction's first live network, as a model the view draws: a data set to choose, a small MLP
// trained by the trainer service (the Playground's task) up to an epoch limit, its share-link state and
// its description. FirstNetwork.svelte is the controls and the drawing.
import { z } from 'zod';
import { datasetNames, type DatasetName } from '../../engine/index.ts';
import { mlpSnapshot } from '../Playground/snapshot.ts';
import { mlpTask, type MlpData, type MlpReport } from '../Playground/mlpTask.ts';
import { withDefaults, type Settings } from '../Playground/settings.ts';
import type { LiveRunOptions } from '../trainer/liveRun.svelte.ts';
import { OptionsModel } from '../trainer/optionsModel.svelte.ts';
import { epochs, TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import { defineState } from '../ui/figureState.ts';

/** The share link's state: version 1 is the first link format ({ v: 1, dataset }). */
export const firstNetworkState = defineState({ version: 1, schema: z.object({ dataset: z.enum(datasetNames).default('spiral') }) });
export type FirstNetworkState = z.output<typeof firstNetworkState.schema>;

/** Training stops here; Train then starts over. */
export const MAX_EPOCHS = 400;

/** The network and its training: two hidden layers of 8 tanh units, Adam at 0.03, little noise. */
export const firstNetworkSettings = (dataset: DatasetName): Settings =>
  withDefaults({ dataset, hidden: [8, 8], activation: 'tanh', optimizer: 'adam', lr: 0.03, noise: 0.05 });

const pct = (v: number) => `${Math.round(v * 100)}%`;

export class FirstNetworkModel extends OptionsModel<typeof firstNetworkState.schema, Settings, MlpReport, MlpData> {
  readonly training: TrainingFigure<Settings, MlpReport, MlpData>;
  readonly dataset: DatasetName = $derived(this.options.dataset);

  constructor(init: Partial<FirstNetworkState> = {}, options: LiveRunOptions = {}) {
    super(firstNetworkState, init, (s) => firstNetworkSettings(s.dataset));
    this.training = new TrainingFigure(mlpTask, firstNetworkSettings(this.initial.dataset), { ...options, stop: { maxEpochs: MAX_EPOCHS } });
  }

  /** What exercises read: the settings and the current results. */
  report() {
    return mlpSnapshot(this.training.live);
  }

  /**
   * The figure in words. While training runs it says so without numbers (they would lag the counter on
   * screen by up to the live region's two seconds); paused or stopped it gives the numbers shown.
   */
  describe(): string {
    const { live, running, message } = this.training;
    const d = live.shown;
    if (live.diverged) return message;
    const head = `${this.dataset} data set, a 2-8-8-1 tanh network`;
    if (running) return `${head}: training, up to ${epochs(MAX_EPOCHS)}; the numbers are described when it pauses.`;
    if (!d) return `${head}, not trained yet.`;
    return (
      `${head} after ${epochs(live.epoch)}: training loss ${live.trainLoss.toFixed(3)}, test loss ${live.testLoss.toFixed(3)}; ` +
      `accuracy ${pct(d.trainAccuracy)} on training points and ${pct(d.testAccuracy)} on test points.` +
      (message ? ` ${message}` : '')
    );
  }
}
