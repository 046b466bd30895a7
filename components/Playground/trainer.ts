// The trainer behind the Playground, FirstNetwork and Overfitting figures: a 2-D data set, an MLP from the
// engine, an optimizer, and the numbers the views draw (loss history, accuracy, the boundary on a grid,
// the weights and their gradients). Plain TypeScript without DOM or reactivity: it runs in a Web Worker
// in the page (trainer.worker.ts), on the page itself where workers are missing, and in Node for tests.
import { binaryCrossEntropy, data, hasNonFinite, nn, noGrad, optim, Rng, Tensor, type Dataset2D, type DatasetName } from '../../engine/index.ts';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear';
export type OptimizerName = 'sgd' | 'momentum' | 'adam';

export interface Settings {
  dataset: DatasetName;
  noise: number;
  trainFraction: number;
  hidden: number[];
  activation: Activation;
  lr: number;
  batch: number;
  optimizer: OptimizerName;
  l2: number;
  dropout: number;
  seed: number;
  /**
   * Seed of the network's initial weights, when it should differ from `seed` ("New weights" keeps the
   * data and draws another start). Without it the weights follow `seed`.
   */
  initSeed?: number;
  /** Number of points in the data set (train and test together). */
  points?: number;
}

export const defaults: Settings = {
  dataset: 'spiral',
  noise: 0.1,
  trainFraction: 0.5,
  hidden: [8, 8],
  activation: 'tanh',
  lr: 0.03,
  batch: 10,
  optimizer: 'adam',
  l2: 0,
  dropout: 0,
  seed: 1,
};

/** Grid resolution of the decision-boundary heat map. */
export const GRID = 50;

/** A loss larger than this (or NaN) means training has blown up. */
const DIVERGED = 1e3;

/**
 * Loss measurements over training: (epoch, training loss, test loss) triples in preallocated typed
 * arrays. When it is full, every second point is dropped, so a long run keeps its whole shape in at
 * most `capacity` points and drawing it costs the same after a minute as after a second.
 */
export class LossHistory {
  epochs: Float64Array;
  train: Float32Array;
  test: Float32Array;
  length = 0;
  /** Points pushed since the last clear (kept or dropped). */
  count = 0;

  constructor(readonly capacity = 1024) {
    this.epochs = new Float64Array(capacity);
    this.train = new Float32Array(capacity);
    this.test = new Float32Array(capacity);
  }

  push(epoch: number, train: number, test: number): void {
    if (this.length === this.capacity) this.halve();
    this.epochs[this.length] = epoch;
    this.train[this.length] = train;
    this.test[this.length] = test;
    this.length++;
    this.count++;
  }

  /** Keeps points 0, 2, 4, ... and always the latest one. */
  private halve(): void {
    const n = this.length;
    let k = 0;
    for (let i = 0; i < n; i += 2, k++) {
      this.epochs[k] = this.epochs[i];
      this.train[k] = this.train[i];
      this.test[k] = this.test[i];
    }
    if ((n - 1) % 2 !== 0) {
      this.epochs[k] = this.epochs[n - 1];
      this.train[k] = this.train[n - 1];
      this.test[k] = this.test[n - 1];
      k++;
    }
    this.length = k;
  }

  clear(): void {
    this.length = 0;
    this.count = 0;
  }

  /** Plain arrays of the kept points (for plots and tests). */
  toArrays(): { epochs: number[]; train: number[]; test: number[] } {
    const n = this.length;
    return { epochs: Array.from(this.epochs.subarray(0, n)), train: Array.from(this.train.subarray(0, n)), test: Array.from(this.test.subarray(0, n)) };
  }
}

/** The GRID×GRID lattice over [-1, 1]², row 0 at the top (x₂ = 1), as [GRID², 2] inputs. */
function gridInputs(): Float32Array {
  const x = new Float32Array(GRID * GRID * 2);
  for (let i = 0; i < GRID; i++) {
    for (let j = 0; j < GRID; j++) {
      const k = i * GRID + j;
      x[2 * k] = -1 + (2 * (j + 0.5)) / GRID;
      x[2 * k + 1] = 1 - (2 * (i + 0.5)) / GRID;
    }
  }
  return x;
}

/** Mean binary cross-entropy and accuracy of logits z[from..to) against labels y (numerically stable form). */
function score(z: Float32Array, from: number, y: Int32Array): { loss: number; accuracy: number } {
  let loss = 0;
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    const v = z[from + i];
    loss += Math.max(v, 0) - v * y[i] + Math.log1p(Math.exp(-Math.abs(v)));
    if ((v > 0 ? 1 : 0) === y[i]) right++;
  }
  return { loss: loss / y.length, accuracy: right / y.length };
}

export class Trainer {
  settings!: Settings;
  epoch = 0;
  readonly history = new LossHistory();
  trainAccuracy = 0;
  testAccuracy = 0;
  /** P(class 1) at each grid point, row-major, row 0 at the top. */
  boundary = new Float32Array(GRID * GRID);
  diverged = false;
  /** The epoch with the lowest test loss so far (for early stopping), and that loss. */
  bestEpoch = 0;
  bestTestLoss = Infinity;
  private bestParams: Float32Array[] = [];

  train!: Dataset2D;
  test!: Dataset2D;
  private net!: nn.MLP;
  private opt!: optim.Optimizer;
  private rng!: Rng;
  private readonly grid = gridInputs();
  /** Training rows, test rows and grid points stacked, so one forward pass measures all three. */
  private probe!: Tensor;

  constructor(settings: Partial<Settings> = {}) {
    this.reset({ ...defaults, hidden: defaults.hidden.slice(), ...settings });
  }

  /** Rebuilds data, network and optimizer from the settings (merged with `changes`), and clears history. */
  reset(changes: Partial<Settings> = {}): void {
    const s: Settings = { ...this.settings, ...changes };
    s.hidden = s.hidden.slice();
    this.settings = s;
    this.rng = new Rng(s.seed);
    const all = data.toy(s.dataset, { n: s.points ?? 500, noise: s.noise, seed: s.seed });
    const split = data.trainTestSplit(all, s.trainFraction, this.rng.fork());
    this.train = split.train;
    this.test = split.test;
    const rows = this.train.n + this.test.n + GRID * GRID;
    const probe = new Float32Array(rows * 2);
    probe.set(this.train.x, 0);
    probe.set(this.test.x, 2 * this.train.n);
    probe.set(this.grid, 2 * (this.train.n + this.test.n));
    this.probe = new Tensor(probe, [rows, 2]);
    const netRng = this.rng.fork();
    this.net = new nn.MLP([2, ...s.hidden, 1], {
      activation: s.activation,
      init: s.activation === 'relu' ? 'he' : 'xavier',
      dropout: s.dropout,
      rng: s.initSeed === undefined ? netRng : new Rng(s.initSeed),
    });
    const params = this.net.parameters();
    this.opt =
      s.optimizer === 'adam'
        ? new optim.Adam(params, { lr: s.lr, weightDecay: s.l2 })
        : new optim.SGD(params, { lr: s.lr, momentum: s.optimizer === 'momentum' ? 0.9 : 0, weightDecay: s.l2 });
    this.epoch = 0;
    this.bestEpoch = 0;
    this.bestTestLoss = Infinity;
    this.bestParams = [];
    this.history.clear();
    this.diverged = false;
    this.measure();
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
    const { train } = this;
    const batch = Math.max(1, Math.round(this.settings.batch));
    const xb = new Float32Array(batch * 2);
    const yb = new Float32Array(batch);
    this.net.train();
    let done = 0;
    while (done < epochs && this.epoch < maxEpoch) {
      for (const idx of data.batches(train.n, batch, this.rng)) {
        const m = idx.length;
        for (let r = 0; r < m; r++) {
          const i = idx[r];
          xb[2 * r] = train.x[2 * i];
          xb[2 * r + 1] = train.x[2 * i + 1];
          yb[r] = train.y[i];
        }
        this.opt.zeroGrad();
        const logits = this.net.forward(new Tensor(xb.slice(0, 2 * m), [m, 2]));
        const y = m === batch ? yb : yb.subarray(0, m);
        const loss = binaryCrossEntropy(logits, y);
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
   * Losses and accuracies on both sets, and the boundary on the grid, from one forward pass in eval mode.
   * Sets `diverged` (and records nothing) when the loss is not finite or has blown up.
   */
  measure(): void {
    if (this.diverged) return;
    this.net.eval();
    const nTrain = this.train.n;
    const nTest = this.test.n;
    const z = noGrad(() => this.net.forward(this.probe).data);
    const tr = score(z, 0, this.train.y);
    const te = score(z, nTrain, this.test.y);
    if (!Number.isFinite(tr.loss) || tr.loss > DIVERGED || hasNonFinite(this.net)) {
      this.diverged = true;
      return;
    }
    this.history.push(this.epoch, tr.loss, te.loss);
    if (te.loss < this.bestTestLoss) {
      this.bestTestLoss = te.loss;
      this.bestEpoch = this.epoch;
      this.bestParams = this.net.parameters().map((p) => p.data.slice());
    }
    this.trainAccuracy = tr.accuracy;
    this.testAccuracy = te.accuracy;
    const from = nTrain + nTest;
    for (let k = 0; k < GRID * GRID; k++) this.boundary[k] = 1 / (1 + Math.exp(-z[from + k]));
  }

  get trainLoss(): number {
    return this.history.length ? this.history.train[this.history.length - 1] : NaN;
  }

  get testLoss(): number {
    return this.history.length ? this.history.test[this.history.length - 1] : NaN;
  }

  /** Early stopping's second half: puts back the parameters of the epoch with the lowest test loss. */
  restoreBest(): void {
    if (!this.bestParams.length) return;
    this.net.parameters().forEach((p, i) => p.data.set(this.bestParams[i]));
    this.diverged = false;
    this.measure();
  }

  /** Layer sizes, and copies of every weight matrix ([out × in], row-major) and of |its gradient|. */
  weightsAndGradients(): { sizes: number[]; weights: Float32Array[]; gradients: Float32Array[] } {
    const weights = this.net.linears.map((l) => l.weight.data.slice());
    const gradients = this.net.linears.map((l) => {
      const g = l.weight.grad?.data;
      const out = new Float32Array(l.weight.size);
      if (g) for (let i = 0; i < out.length; i++) out[i] = Math.abs(g[i]);
      return out;
    });
    return { sizes: this.net.sizes.slice(), weights, gradients };
  }

  /** The state a widget goal or a share link needs: settings and current results. */
  snapshot() {
    return {
      ...this.settings,
      hidden: this.settings.hidden.slice(),
      epoch: this.epoch,
      trainLoss: this.history.length ? this.trainLoss : null,
      testLoss: this.history.length ? this.testLoss : null,
      trainAccuracy: this.trainAccuracy,
      testAccuracy: this.testAccuracy,
      diverged: this.diverged,
    };
  }
}
