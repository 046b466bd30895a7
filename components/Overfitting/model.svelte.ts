// Overfitting while it happens, as a model the view draws: a network with far more parameters than
// training points, trained on a small noisy set by the trainer service (the Playground's task), with L2,
// dropout and early stopping to switch on; its share-link state and its description.
import { z } from 'zod';
import { datasetNames } from '../../engine/index.ts';
import { mlpSnapshot } from '../Playground/snapshot.ts';
import { mlpTask, type MlpData, type MlpReport } from '../Playground/mlpTask.ts';
import { withDefaults, type Settings } from '../Playground/settings.ts';
import type { LiveRunOptions } from '../trainer/liveRun.svelte.ts';
import { OptionsModel } from '../trainer/optionsModel.svelte.ts';
import { epochs, TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import { defineState } from '../ui/figureState.ts';

/** The share link's state: version 1 is the first link format ({ v: 1, dataset, l2, dropout, early }). */
export const overfittingState = defineState({
  version: 1,
  schema: z.object({
    dataset: z.enum(datasetNames).default('xor'),
    l2: z.boolean().default(false),
    dropout: z.boolean().default(false),
    early: z.boolean().default(false),
  }),
});
export type OverfittingState = z.output<typeof overfittingState.schema>;
export type Remedy = 'l2' | 'dropout' | 'early';

export const MAX_EPOCHS = 300;
/** Early stopping waits this many epochs without a new best test loss before it stops. */
export const PATIENCE = 30;
export const L2 = 0.01;
export const DROPOUT = 0.3;

/** Two hidden layers of 24 ReLU units (about 700 parameters) on 30 noisy training points and 30 test points. */
export const overfittingSettings = (s: OverfittingState): Settings =>
  withDefaults({
    dataset: s.dataset,
    points: 60,
    noise: 0.45,
    trainFraction: 0.5,
    hidden: [24, 24],
    activation: 'relu',
    optimizer: 'adam',
    lr: 0.02,
    batch: 10,
    l2: s.l2 ? L2 : 0,
    dropout: s.dropout ? DROPOUT : 0,
    seed: 7,
  });

const loss = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'none');

export class OverfittingModel extends OptionsModel<typeof overfittingState.schema, Settings, MlpReport, MlpData> {
  readonly training: TrainingFigure<Settings, MlpReport, MlpData>;

  constructor(init: Partial<OverfittingState> = {}, options: LiveRunOptions = {}) {
    super(overfittingState, init, overfittingSettings);
    // One loss point per epoch: the curves show where the test loss turns.
    this.training = new TrainingFigure(mlpTask, overfittingSettings(this.initial), { ...options, everyEpoch: true, stop: this.stopRules(this.initial) });
  }

  /** Early stopping on or off changes the stop rules too. */
  override apply(state: OverfittingState): void {
    this.training.setStop(this.stopRules(state));
    super.apply(state);
  }

  /** Switches a remedy on or off: training starts over. */
  toggleRemedy(key: Remedy): void {
    this.apply({ ...this.options, [key]: !this.options[key] });
  }

  /** What exercises read: the options, the settings and results, the best epoch, and whether it stopped early. */
  report() {
    const { live, stopped } = this.training;
    return { ...this.options, ...mlpSnapshot(live), bestEpoch: live.best.epoch, bestTestLoss: live.best.loss, stoppedEarly: stopped === 'early' };
  }

  /** The remedies on, in words. */
  readonly remedies = $derived(
    [this.options.l2 && 'L2', this.options.dropout && 'dropout', this.options.early && 'early stopping'].filter(Boolean).join(', ') || 'no remedy',
  );

  /** The figure in words (without the moving numbers while it trains: they would lag the counter). */
  describe(): string {
    const { live, running, message } = this.training;
    if (live.diverged) return message;
    const head = `Up to ${epochs(MAX_EPOCHS)}, ${this.remedies}`;
    if (running) return `${head}: training; the numbers are described when it pauses.`;
    return (
      `${head}: epoch ${live.epoch}, training loss ${loss(live.trainLoss)}, test loss ${loss(live.testLoss)}. ` +
      `The lowest test loss so far, ${loss(live.best.loss)}, was at epoch ${live.best.epoch}.` +
      (message ? ` ${message}` : '')
    );
  }

  private stopRules(s: OverfittingState) {
    return { maxEpochs: MAX_EPOCHS, patience: s.early ? PATIENCE : undefined };
  }
}
