// The trainer behind the Playground, FirstNetwork and Overfitting figures: a 2-D data set, an MLP from the
// engine, an optimizer, and the numbers the views draw (loss history, accuracy, the boundary on a grid,
// the weights and their gradients). Plain TypeScript without DOM or reactivity: it runs in a Web Worker
// in the page (trainer.worker.ts), on the page itself where workers are missing, and in Node for tests.
// Classification sets are trained with binary cross-entropy on a logit, regression sets with the mean
// squared error on a linear output; the inputs are features computed from the point (x₁, x₂).
import { binaryCrossEntropy, data, hasNonFinite, mse, nn, noGrad, optim, Rng, Tensor } from '../../engine/index.ts';
import { featureRows, sortFeatures } from './features.ts';
import { GRID } from './grid.ts';
import { forwardMaps, gridFeatures } from './unitMaps.ts';
import { LossHistory } from '../trainer/lossHistory.ts';
import { copyParameters, setParameters, weightsAndGradients, type Parameters } from './parameters.ts';
import { isRegression, problemData, type Points } from './problems.ts';
import { fit } from './scores.ts';
import { featuresOf, withDefaults, type Settings } from './settings.ts';
import { snapshot } from './snapshot.ts';
import { optimizer, restore, type TrainingState } from './trainingState.ts';

/** A loss larger than this (or NaN) means training has blown up (the task tells the trainer service the same). */
export const DIVERGED = 1e3;

export class Trainer {
  settings!: Settings;
  epoch = 0;
  readonly history = new LossHistory();
  /** Accuracies (classification; NaN for regression). */
  trainAccuracy = 0;
  testAccuracy = 0;
  /**
   * The test set's confusion counts (classification; zeros for regression): actual class 0 predicted 0,
   * 0 predicted 1, 1 predicted 0, 1 predicted 1.
   */
  readonly confusion = new Int32Array(4);
  /** The grid's predictions, computed when asked for (see `boundary`) rather than at every measurement. */
  private readonly grid = new Float32Array(GRID * GRID);
  private gridStale = true;
  /** The problem is regression (mean squared error, a real output) rather than classification. */
  regression = false;
  diverged = false;
  /** The epoch with the lowest test loss so far (for early stopping), and that loss. */
  bestEpoch = 0;
  bestTestLoss = Infinity;
  private bestParams: Float32Array[] = [];
  /** The last measurement's losses. */
  private last = { loss: NaN, testLoss: NaN };

  train!: Points;
  test!: Points;
  /** The features of the training rows ([train.n, features.length]). */
  private trainInputs!: Float32Array;
  private net!: nn.MLP;
  private opt!: optim.Optimizer;
  private rng!: Rng;
  /** Training rows and test rows stacked, so one forward pass measures both. */
  private probe!: Tensor;
  /**
   * The grid's features, feature by feature, then every layer's activations over the grid (reused: the
   * output map is computed every animation frame).
   */
  private gridMaps: Float32Array[] = [];

  constructor(settings: Partial<Settings> = {}) {
    this.reset(withDefaults(settings));
  }

  /** Rebuilds data, network and optimizer from the settings (merged with `changes`), and clears history. */
  reset(changes: Partial<Settings> = {}): void {
    const s: Settings = { ...this.settings, ...changes };
    s.hidden = s.hidden.slice();
    s.features = sortFeatures(featuresOf(s));
    if (!s.features.length) throw new Error('The network needs at least one input feature.');
    s.l1 ??= 0;
    this.settings = s;
    this.regression = isRegression(s.dataset);
    this.rng = new Rng(s.seed);
    const all = problemData(s.dataset, { n: s.points ?? 500, noise: s.noise, seed: s.seed });
    const split = data.trainTestSplit(all, s.trainFraction, this.rng.fork());
    this.train = split.train;
    this.test = split.test;
    const F = s.features.length;
    this.trainInputs = featureRows(this.train.x, s.features);
    const rows = this.train.n + this.test.n;
    const points = new Float32Array(rows * 2);
    points.set(this.train.x, 0);
    points.set(this.test.x, 2 * this.train.n);
    this.probe = new Tensor(featureRows(points, s.features), [rows, F]);
    this.gridMaps = [gridFeatures(s.features, GRID), ...[...s.hidden, 1].map((n) => new Float32Array(n * GRID * GRID))];
    const netRng = this.rng.fork();
    this.net = new nn.MLP([F, ...s.hidden, 1], {
      activation: s.activation,
      init: s.activation === 'relu' ? 'he' : 'xavier',
      dropout: s.dropout,
      rng: s.initSeed === undefined ? netRng : new Rng(s.initSeed),
    });
    this.restart(0);
  }

  /**
   * A fresh record (history, best epoch) from epoch `epoch` with optimizer `opt` (by default a fresh one),
   * then a first measurement.
   */
  private restart(epoch: number, opt = optimizer(this.net.parameters(), this.settings)): void {
    this.opt = opt;
    this.epoch = epoch;
    this.bestEpoch = epoch;
    this.bestTestLoss = Infinity;
    this.bestParams = [];
    this.history.clear();
    this.diverged = false;
    this.measure();
  }

  /**
   * Sets one weight, W⁽ˡ⁾[out][inp] of the linear layer `layer` (0 for the first); the caller measures
   * again (the trainer service does after every command). Throws for a weight the network does not have or a value that is not finite.
   */
  setWeight(w: { layer: number; out: number; inp: number; value: number }): void {
    const lin = this.net.linears[w.layer];
    const [outs, ins] = lin?.weight.shape ?? [0, 0];
    if (!lin || !(w.out >= 0 && w.out < outs && w.inp >= 0 && w.inp < ins)) throw new Error(`The network has no weight ${w.out}, ${w.inp} in layer ${w.layer + 1}.`);
    if (!Number.isFinite(w.value)) throw new Error('A weight must be a finite number.');
    lin.weight.data[w.out * ins + w.inp] = w.value;
  }

  /** Changes the learning rate without restarting (the optimizer keeps its state). */
  setLearningRate(lr: number): void {
    this.settings.lr = lr;
    this.opt.lr = lr;
  }

  /**
   * Trains up to `epochs` passes over the training set in shuffled minibatches, without measuring.
   * Stops early once `performance.now()` passes `deadline` (after a whole epoch) or at epoch `maxEpoch`.
   * Returns the number of epochs trained.
   */
  trainEpochs(epochs: number, deadline = Infinity, maxEpoch = Infinity): number {
    if (this.diverged) return 0;
    const { train, trainInputs: inputs, regression } = this;
    const F = this.settings.features!.length;
    const l1 = this.settings.l1 ?? 0;
    const batch = Math.max(1, Math.round(this.settings.batch));
    const xb = new Float32Array(batch * F);
    const yb = new Float32Array(batch);
    this.net.train();
    let done = 0;
    while (done < epochs && this.epoch < maxEpoch) {
      for (const idx of data.batches(train.n, batch, this.rng)) {
        const m = idx.length;
        for (let r = 0; r < m; r++) {
          const i = idx[r];
          for (let k = 0; k < F; k++) xb[F * r + k] = inputs[F * i + k];
          yb[r] = train.y[i];
        }
        this.opt.zeroGrad();
        const out = this.net.forward(new Tensor(xb.slice(0, F * m), [m, F]));
        const y = m === batch ? yb : yb.subarray(0, m);
        let loss = regression ? mse(out, new Tensor(y.slice(), [m, 1])) : binaryCrossEntropy(out, y);
        // L1: the penalty λ·Σ|w| on every weight matrix (not the biases) joins the loss; its gradient λ·sign(w).
        if (l1 > 0) for (const lin of this.net.linears) loss = loss.add(lin.weight.abs().sum().mul(l1));
        loss.backward();
        this.opt.step();
      }
      this.epoch++;
      done++;
      if (performance.now() > deadline) break;
    }
    return done;
  }

  /** Trains `epochs` epochs and measures once (the whole of one animation frame's work). */
  step(epochs = 1): void {
    this.trainEpochs(epochs);
    this.measure();
  }

  /**
   * Losses and accuracies on both sets (the data's loss, without the L1 penalty) and the test set's
   * confusion counts, from one forward pass in eval mode (the grid waits until `boundary` is read). Sets `diverged` (and records
   * nothing) when the loss is not finite or has blown up. Returns both losses (the trainer service's
   * stop conditions read them).
   */
  measure(): { loss: number; testLoss: number } {
    if (this.diverged) return this.last;
    this.net.eval();
    const nTrain = this.train.n;
    const z = noGrad(() => this.net.forward(this.probe).data);
    const { regression } = this;
    const tr = fit(z, 0, this.train.y, regression);
    const te = fit(z, nTrain, this.test.y, regression, this.confusion);
    this.last = { loss: tr.loss, testLoss: te.loss };
    if (!Number.isFinite(tr.loss) || tr.loss > DIVERGED || hasNonFinite(this.net)) {
      this.diverged = true;
      return this.last;
    }
    this.history.push(this.epoch, tr.loss, te.loss);
    if (te.loss < this.bestTestLoss) {
      this.bestTestLoss = te.loss;
      this.bestEpoch = this.epoch;
      this.bestParams = this.net.parameters().map((p) => p.data.slice());
    }
    this.trainAccuracy = tr.accuracy;
    this.testAccuracy = te.accuracy;
    this.gridStale = true;
    return this.last;
  }

  /**
   * At each grid point, row-major, row 0 at the top: P(class 1), or for regression the predicted value,
   * for the weights of the last measurement. One forward pass over the grid when first read after it
   * (a report reads it once per frame; measuring every epoch does not pay for it).
   */
  get boundary(): Float32Array {
    if (this.gridStale) {
      this.gridStale = false;
      // The same function as the engine's forward pass in eval mode (dropout off), in plain loops over
      // buffers reused from frame to frame (unitMaps.ts): it runs on every animation frame.
      const { linears, sizes } = this.net;
      const p = { weights: linears.map((l) => l.weight.data), biases: linears.map((l) => l.bias?.data ?? new Float32Array(l.weight.shape[0])) };
      const { activation } = this.settings;
      forwardMaps(p, { sizes, features: this.settings.features!, activation, regression: this.regression }, this.gridMaps);
      const z = this.gridMaps[sizes.length - 1];
      // NOTE: weights that blew up give NaN; those points are drawn as undecided (0.5, or 0 for regression).
      const undecided = this.regression ? 0 : 0.5;
      for (let k = 0; k < GRID * GRID; k++) this.grid[k] = Number.isNaN(z[k]) ? undecided : z[k];
    }
    return this.grid;
  }

  get trainLoss(): number {
    return this.history.latest.train;
  }

  get testLoss(): number {
    return this.history.latest.test;
  }

  /** Early stopping's second half: puts back the parameters of the epoch with the lowest test loss. */
  restoreBest(): void {
    if (!this.bestParams.length) return;
    this.net.parameters().forEach((p, i) => p.data.set(this.bestParams[i]));
    this.diverged = false;
    this.measure();
  }

  /** Copies of every layer's weight matrix and bias (for export). */
  parameters(): Parameters {
    return copyParameters(this.net);
  }

  /** The network's parameter tensors (the trainer service checks and checkpoints them). */
  tensors(): Tensor[] {
    return this.net.parameters();
  }

  /** Puts back a state from `trainingState()` (the trainer service's Pause goes back with it). */
  setTrainingState(state: Required<TrainingState>): void {
    this.opt.loadStateDict(state.optimizer);
    this.rng.setState(state.rng);
    this.diverged = false;
  }

  /** What training needs besides the weights to go on exactly from here (for export): copies. */
  trainingState(): Required<TrainingState> {
    return { optimizer: this.opt.stateDict(), rng: this.rng.getState() };
  }

  /**
   * Puts in the parameters of a trained network of this shape (an imported model), sets the epoch count,
   * starts a fresh history and measures. The optimizer and the minibatch order take `state` where it
   * has them (training then goes on exactly as before the export), else start afresh. Throws, changing
   * nothing, when a layer's size differs or the state does not fit.
   */
  loadParameters(p: Parameters, epoch = 0, state: TrainingState = {}): void {
    const { opt, rng } = restore(this.net.parameters(), this.settings, state);
    setParameters(this.net, p);
    if (rng) this.rng.setState(rng.getState());
    this.restart(epoch, opt);
  }

  /** Layer sizes, and copies of every weight matrix ([out × in], row-major) and of |its gradient|. */
  weightsAndGradients(): { sizes: number[]; weights: Float32Array[]; gradients: Float32Array[] } {
    return weightsAndGradients(this.net);
  }

  /** The state a widget goal or a share link needs: settings and current results. */
  snapshot() {
    return snapshot(this);
  }
}
