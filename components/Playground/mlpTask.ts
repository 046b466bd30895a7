// The Playground's training as a task of the trainer service (components/trainer): an MLP on a 2-D
// problem (trainer.ts), reporting what the Playground, the first network and the overfitting figure draw.
// Its worker is trainer.worker.ts.
import { defineTask, type Run } from '../trainer/task.ts';
import type { Parameters } from './parameters.ts';
import type { Points } from './problems.ts';
import { copySettings, type Settings } from './settings.ts';
import { DIVERGED, Trainer } from './trainer.ts';
import type { TrainingState } from './trainingState.ts';

/** A trained network to start from (an imported model file). */
export interface MlpLoad {
  parameters: Parameters;
  epoch: number;
  /** With it, the optimizer and the minibatch order go on exactly where the export left them. */
  training?: TrainingState;
}

/** What an MLP figure draws after each command (fresh copies). */
export interface MlpReport {
  /** P(class 1), or for regression the predicted value, on the GRID×GRID lattice, row 0 at the top. */
  boundary: Float32Array;
  /** Accuracies (NaN for regression). */
  trainAccuracy: number;
  testAccuracy: number;
  /** The test set's counts: actual 0 predicted 0, 0 predicted 1, 1 predicted 0, 1 predicted 1 (zeros for regression). */
  confusion: [number, number, number, number];
  /** Layer sizes, each weight matrix [out × in], each bias, and |each weight's gradient| from the last minibatch. */
  sizes: number[];
  weights: Float32Array[];
  biases: Float32Array[];
  gradients: Float32Array[];
  /** The optimizer's state and the minibatch order's, as they go with the weights (for export). */
  training: Required<TrainingState>;
}

/** What stays fixed for a run: the settings as the trainer completed them, and both data sets. */
export interface MlpData {
  settings: Settings;
  train: Points;
  test: Points;
  regression: boolean;
}

/** The Run of a Trainer (its epochs, measurements and state, for the service). */
function trainerRun(t: Trainer): Run<MlpReport, MlpData> {
  return {
    get epoch() {
      return t.epoch;
    },
    set epoch(e: number) {
      t.epoch = e;
    },
    trainEpoch: () => void t.trainEpochs(1),
    measure: () => t.measure(),
    parameters: () => t.tensors(),
    saveState: () => t.trainingState(),
    loadState: (s) => t.setTrainingState(s as Required<TrainingState>),
    fixed: () => ({ settings: copySettings(t.settings), train: t.train, test: t.test, regression: t.regression }),
    report() {
      const { sizes, weights, gradients } = t.weightsAndGradients();
      const c = t.confusion;
      return {
        boundary: t.boundary.slice(),
        trainAccuracy: t.trainAccuracy,
        testAccuracy: t.testAccuracy,
        confusion: [c[0], c[1], c[2], c[3]],
        sizes,
        weights,
        biases: t.parameters().biases,
        gradients,
        training: t.trainingState(),
      };
    },
    commands: {
      lr: (lr: number) => t.setLearningRate(lr),
      weight: (w: { layer: number; out: number; inp: number; value: number }) => t.setWeight(w),
    },
  };
}

export const mlpTask = defineTask<Settings, MlpReport, MlpData>({
  name: 'playground-mlp',
  divergeAbove: DIVERGED,
  create(settings, load?: unknown) {
    const t = new Trainer(settings);
    if (load) {
      const l = load as MlpLoad;
      t.loadParameters(l.parameters, l.epoch, l.training);
    }
    return trainerRun(t);
  },
});
