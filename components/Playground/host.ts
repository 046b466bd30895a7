// The trainer's side of the conversation with a figure: commands in, reports out. The Web Worker
// (trainer.worker.ts) wraps one host; where workers are missing the figure calls a host directly, so the
// protocol is the same either way and is tested in Node without a browser.
import type { Parameters } from './parameters.ts';
import type { Points } from './problems.ts';
import { copySettings, type Settings } from './settings.ts';
import { Trainer } from './trainer.ts';
import type { TrainingState } from './trainingState.ts';

/** How much one frame command trains, and when training stops for good. */
export interface FrameOptions {
  /** Epochs to train in this frame (fewer if the time budget runs out first). */
  epochs: number;
  /** Milliseconds of training per frame; the epoch that passes it is the last. */
  budgetMs?: number;
  maxEpoch?: number;
  patience?: number;
  /** Measure after every epoch (one loss point each) rather than once per frame. */
  everyEpoch?: boolean;
}

export type Command =
  /** Rebuild data, network and optimizer from these settings (a new generation: older reports are stale). */
  | { type: 'reset'; gen: number; settings: Settings }
  /** Change the learning rate without restarting. */
  | { type: 'lr'; gen: number; lr: number }
  /**
   * Train up to `epochs` epochs, then measure once. With `budgetMs`, stop after the epoch that passes
   * the budget (one animation frame's share of work). Stop for good at `maxEpoch`, and with `patience`
   * apply early stopping: once the best test loss is `patience` epochs old, restore its parameters.
   * With `everyEpoch` (implied by `patience`) measure after every epoch rather than once at the end.
   */
  | ({ type: 'frame'; gen: number } & FrameOptions)
  /** Put back the parameters of the epoch with the lowest test loss. */
  | { type: 'restoreBest'; gen: number }
  /**
   * Rebuild from these settings with these parameters (an imported model) at epoch `epoch`: a new
   * generation, like a reset. With `training` (the exported optimizer state and minibatch order), training
   * goes on exactly where it stopped; without, it starts a fresh optimizer.
   */
  | { type: 'load'; gen: number; settings: Settings; parameters: Parameters; epoch: number; training?: TrainingState }
  /** Train again after a frame stopped training (for example once the epoch limit has been raised). */
  | { type: 'resume'; gen: number };

export type StopReason = 'diverged' | 'max' | 'early';

/** Everything a figure draws, after each command. Buffers are fresh copies, safe to transfer. */
export interface Report {
  gen: number;
  /** After a reset: the settings and both data sets (the figure clears its loss history). */
  fresh?: { settings: Settings; train: Points; test: Points; regression: boolean };
  epoch: number;
  /** New loss measurements since the last report, as (epoch, training loss, test loss) triples. */
  points: number[];
  /** Accuracies (NaN for regression). */
  trainAccuracy: number;
  testAccuracy: number;
  /** The test set's counts: actual 0 predicted 0, 0 predicted 1, 1 predicted 0, 1 predicted 1 (zeros for regression). */
  confusion: [number, number, number, number];
  diverged: boolean;
  bestEpoch: number;
  bestTestLoss: number;
  /** P(class 1), or for regression the predicted value, on the GRID×GRID lattice, row 0 at the top. */
  boundary: Float32Array;
  /** Layer sizes, each weight matrix [out × in], each bias, and |each weight's gradient| from the last minibatch. */
  sizes: number[];
  weights: Float32Array[];
  biases: Float32Array[];
  gradients: Float32Array[];
  /** The optimizer's state and the minibatch order's, as they go with `weights` and `biases` (for export). */
  training: Required<TrainingState>;
  /** Epochs trained by this command, and the milliseconds it took. */
  trained: number;
  /** True for an animation frame (a command with a time budget): more are on their way. */
  streaming: boolean;
  ms: number;
  stopped: StopReason | null;
  /** Set when the command failed; the rest describes the state before it. */
  error?: string;
}

export class TrainerHost {
  private trainer: Trainer | null = null;
  private gen = 0;
  /**
   * Set when a frame stopped training (divergence, epoch limit, early stopping). Frames asked for ahead
   * of that one are answered without training until the next reset: after early stopping has restored
   * the best parameters, they must stay restored.
   */
  private halted = false;

  /** Runs one command and returns the report with the buffers that can be transferred. */
  handle(cmd: Command): { report: Report; transfer: ArrayBuffer[] } {
    const start = performance.now();
    let trained = 0;
    let stopped: StopReason | null = null;
    let fresh: Report['fresh'];
    let error: string | undefined;
    const before = this.trainer?.history.count ?? 0;
    try {
      if (cmd.type === 'reset' || cmd.type === 'load' || !this.trainer) {
        if (cmd.type !== 'reset' && cmd.type !== 'load') throw new Error('The trainer has not been set up yet.');
        this.gen = cmd.gen;
        // Built aside and kept only when it works: a failed reset or load leaves the current trainer.
        const t = new Trainer(cmd.settings);
        if (cmd.type === 'load') t.loadParameters(cmd.parameters, cmd.epoch, cmd.training);
        this.trainer = t;
        this.halted = false;
        fresh = { settings: copySettings(t.settings), train: t.train, test: t.test, regression: t.regression };
      } else {
        const t = this.trainer;
        this.gen = cmd.gen;
        if (cmd.type === 'lr') t.setLearningRate(cmd.lr);
        else if (cmd.type === 'restoreBest') t.restoreBest();
        else if (cmd.type === 'resume') this.halted = false;
        else if (!this.halted) {
          const deadline = cmd.budgetMs === undefined ? Infinity : start + cmd.budgetMs;
          const maxEpoch = cmd.maxEpoch ?? Infinity;
          if (cmd.patience === undefined && !cmd.everyEpoch) {
            trained = t.trainEpochs(cmd.epochs, deadline, maxEpoch);
            t.measure();
          } else {
            // Early stopping watches the test loss after every epoch.
            const patience = cmd.patience ?? Infinity;
            while (trained < cmd.epochs && t.epoch < maxEpoch && !t.diverged) {
              trained += t.trainEpochs(1);
              t.measure();
              if (t.epoch - t.bestEpoch >= patience || performance.now() > deadline) break;
            }
          }
          if (t.diverged) stopped = 'diverged';
          else if (cmd.patience !== undefined && t.epoch - t.bestEpoch >= cmd.patience) {
            t.restoreBest();
            stopped = 'early';
          } else if (cmd.maxEpoch !== undefined && t.epoch >= cmd.maxEpoch) stopped = 'max';
          this.halted = stopped !== null;
        }
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const t = this.trainer;
    if (!t) throw new Error(error ?? 'The trainer has not been set up yet.');
    const h = t.history;
    const added = Math.min(h.length, fresh ? h.count : h.count - before);
    const points: number[] = [];
    for (let i = h.length - added; i < h.length; i++) points.push(h.epochs[i], h.train[i], h.test[i]);
    const { sizes, weights, gradients } = t.weightsAndGradients();
    const { biases } = t.parameters();
    const boundary = t.boundary.slice();
    const c = t.confusion;
    const report: Report = {
      gen: this.gen,
      fresh,
      epoch: t.epoch,
      points,
      trainAccuracy: t.trainAccuracy,
      testAccuracy: t.testAccuracy,
      confusion: [c[0], c[1], c[2], c[3]],
      diverged: t.diverged,
      bestEpoch: t.bestEpoch,
      bestTestLoss: t.bestTestLoss,
      boundary,
      sizes,
      weights,
      biases,
      gradients,
      training: t.trainingState(),
      trained,
      streaming: cmd.type === 'frame' && cmd.budgetMs !== undefined && stopped === null,
      ms: performance.now() - start,
      stopped,
      error,
    };
    const buffers = [boundary, ...weights, ...biases, ...gradients].map((a) => a.buffer as ArrayBuffer);
    return { report, transfer: buffers };
  }
}
