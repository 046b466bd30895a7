// The trainer behind the Playground, FirstNetwork and Overfitting figures: a 2-D data set, an MLP from the
// engine, an optimizer, and the numbers the views draw (loss history, accuracy, the boundary on a grid,
// the weights and their gradients). Plain TypeScript without DOM or reactivity: it runs in a Web Worker
// in the page (trainer.worker.ts), on the page itself where workers are missing, and in Node for tests.
// Classification sets are trained with binary cross-entropy on a logit, regression sets with the mean
// squared error on a linear output; the inputs are features computed from the point (x₁, x₂).
import { binaryCrossEntropy, data, datasetNames, hasNonFinite, mse, nn, noGrad, optim, Rng, Tensor, type DatasetName } from '../../engine/index.ts';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear';
export type OptimizerName = 'sgd' | 'momentum' | 'adam';

/** TensorFlow Playground's two regression problems: a tilted plane, and a Gaussian bump ('gaussian' there). */
export const regressionNames = ['plane', 'bump'] as const;
export type RegressionName = (typeof regressionNames)[number];
/** Every problem the trainer knows: the classification sets, then the regression sets. */
export const problemNames = [...datasetNames, ...regressionNames] as const;
export type ProblemName = DatasetName | RegressionName;

export const isRegression = (name: ProblemName): name is RegressionName => (regressionNames as readonly string[]).includes(name);

/** The input features a network can be given, in the order its input units are drawn. */
export const featureNames = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sin1', 'sin2'] as const;
export type FeatureName = (typeof featureNames)[number];

/** How each feature is written (on the network drawing, the controls and in the text). */
export const featureLabels: Record<FeatureName, string> = {
  x1: 'x₁',
  x2: 'x₂',
  x1sq: 'x₁²',
  x2sq: 'x₂²',
  x1x2: 'x₁x₂',
  sin1: 'sin πx₁',
  sin2: 'sin πx₂',
};

/** The value of feature `f` at the point (a, b). The sines take πx, one period across [-1, 1]. */
function feature(f: FeatureName, a: number, b: number): number {
  switch (f) {
    case 'x1':
      return a;
    case 'x2':
      return b;
    case 'x1sq':
      return a * a;
    case 'x2sq':
      return b * b;
    case 'x1x2':
      return a * b;
    case 'sin1':
      return Math.sin(Math.PI * a);
    case 'sin2':
      return Math.sin(Math.PI * b);
  }
}

/** Rows of 2-D points ([n, 2], row-major) as rows of features ([n, features.length]). */
export function featureRows(points: Float32Array, features: readonly FeatureName[]): Float32Array {
  const n = points.length / 2;
  const F = features.length;
  const out = new Float32Array(n * F);
  for (let i = 0; i < n; i++) {
    const a = points[2 * i];
    const b = points[2 * i + 1];
    for (let k = 0; k < F; k++) out[i * F + k] = feature(features[k], a, b);
  }
  return out;
}

/** Features in their canonical order, without repeats. */
export const sortFeatures = (fs: readonly FeatureName[]): FeatureName[] => featureNames.filter((f) => fs.includes(f));

/**
 * Points of a problem: 2-D inputs (row-major) and a target each: a class id (0 or 1) for classification,
 * a real value for regression.
 */
export interface Points {
  x: Float32Array;
  y: Int32Array | Float32Array;
  n: number;
  dim: number;
}

export interface Settings {
  dataset: ProblemName;
  noise: number;
  trainFraction: number;
  hidden: number[];
  activation: Activation;
  lr: number;
  batch: number;
  optimizer: OptimizerName;
  /** Weight decay λ (through the optimizer: every parameter, as torch.optim does). */
  l2: number;
  /** L1 penalty rate λ: λ·Σ|w| over the weight matrices is added to the training loss. Default 0. */
  l1?: number;
  /** The network's inputs (at least one); default x₁ and x₂. */
  features?: FeatureName[];
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
  l1: 0,
  features: ['x1', 'x2'],
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

/**
 * Mean binary cross-entropy (numerically stable form) and accuracy of logits z[from..] against labels y;
 * with `confusion`, also the counts [true 0, false 1, false 0, true 1] (actual class 0 predicted 0, 0
 * predicted 1, 1 predicted 0, 1 predicted 1).
 */
function score(z: Float32Array, from: number, y: Int32Array | Float32Array, confusion?: Int32Array): { loss: number; accuracy: number } {
  let loss = 0;
  let right = 0;
  confusion?.fill(0);
  for (let i = 0; i < y.length; i++) {
    const v = z[from + i];
    loss += Math.max(v, 0) - v * y[i] + Math.log1p(Math.exp(-Math.abs(v)));
    const predicted = v > 0 ? 1 : 0;
    if (predicted === y[i]) right++;
    if (confusion) confusion[2 * y[i] + predicted]++;
  }
  return { loss: loss / y.length, accuracy: right / y.length };
}

/** Mean squared error of predictions z[from..] against targets y. */
function squaredError(z: Float32Array, from: number, y: Int32Array | Float32Array): number {
  let loss = 0;
  for (let i = 0; i < y.length; i++) {
    const d = z[from + i] - y[i];
    loss += d * d;
  }
  return loss / y.length;
}

/** The data of a problem: a classification set, or a regression set of the same size and spread. */
function problemData(s: Settings): Points {
  const opts = { n: s.points ?? 500, noise: s.noise, seed: s.seed };
  return isRegression(s.dataset) ? data.regression2d({ ...opts, fn: s.dataset }) : data.toy(s.dataset, opts);
}

/** A trained network's parameters: each layer's weight ([out × in], row-major) and bias. */
export interface Parameters {
  weights: Float32Array[];
  biases: Float32Array[];
}

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
  /** At each grid point, row-major, row 0 at the top: P(class 1), or for regression the predicted value. */
  boundary = new Float32Array(GRID * GRID);
  /** The problem is regression (mean squared error, a real output) rather than classification. */
  regression = false;
  diverged = false;
  /** The epoch with the lowest test loss so far (for early stopping), and that loss. */
  bestEpoch = 0;
  bestTestLoss = Infinity;
  private bestParams: Float32Array[] = [];

  train!: Points;
  test!: Points;
  /** The features of the training rows ([train.n, features.length]). */
  private trainInputs!: Float32Array;
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
    s.features = sortFeatures(s.features ?? defaults.features!);
    if (!s.features.length) throw new Error('The network needs at least one input feature.');
    s.l1 ??= 0;
    this.settings = s;
    this.regression = isRegression(s.dataset);
    this.rng = new Rng(s.seed);
    const split = data.trainTestSplit(problemData(s), s.trainFraction, this.rng.fork());
    this.train = split.train;
    this.test = split.test;
    const F = s.features.length;
    this.trainInputs = featureRows(this.train.x, s.features);
    const rows = this.train.n + this.test.n + GRID * GRID;
    const probe = new Float32Array(rows * F);
    probe.set(this.trainInputs, 0);
    probe.set(featureRows(this.test.x, s.features), F * this.train.n);
    probe.set(featureRows(this.grid, s.features), F * (this.train.n + this.test.n));
    this.probe = new Tensor(probe, [rows, F]);
    const netRng = this.rng.fork();
    this.net = new nn.MLP([F, ...s.hidden, 1], {
      activation: s.activation,
      init: s.activation === 'relu' ? 'he' : 'xavier',
      dropout: s.dropout,
      rng: s.initSeed === undefined ? netRng : new Rng(s.initSeed),
    });
    this.restart(0);
  }

  /** A fresh optimizer and a fresh record (history, best epoch) from epoch `epoch`, then a first measurement. */
  private restart(epoch: number): void {
    const s = this.settings;
    const params = this.net.parameters();
    this.opt =
      s.optimizer === 'adam'
        ? new optim.Adam(params, { lr: s.lr, weightDecay: s.l2 })
        : new optim.SGD(params, { lr: s.lr, momentum: s.optimizer === 'momentum' ? 0.9 : 0, weightDecay: s.l2 });
    this.epoch = epoch;
    this.bestEpoch = epoch;
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
   * Losses and accuracies on both sets (the data's loss, without the L1 penalty), the test set's confusion
   * counts, and the boundary on the grid, from one forward pass in eval mode. Sets `diverged` (and records
   * nothing) when the loss is not finite or has blown up.
   */
  measure(): void {
    if (this.diverged) return;
    this.net.eval();
    const nTrain = this.train.n;
    const nTest = this.test.n;
    const z = noGrad(() => this.net.forward(this.probe).data);
    const { regression } = this;
    const tr = regression ? { loss: squaredError(z, 0, this.train.y), accuracy: NaN } : score(z, 0, this.train.y);
    const te = regression ? { loss: squaredError(z, nTrain, this.test.y), accuracy: NaN } : score(z, nTrain, this.test.y, this.confusion);
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
    if (regression) this.boundary.set(z.subarray(from, from + GRID * GRID));
    else for (let k = 0; k < GRID * GRID; k++) this.boundary[k] = 1 / (1 + Math.exp(-z[from + k]));
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

  /** Copies of every layer's weight matrix and bias (for export). */
  parameters(): Parameters {
    return {
      weights: this.net.linears.map((l) => l.weight.data.slice()),
      biases: this.net.linears.map((l) => (l.bias ? l.bias.data.slice() : new Float32Array(l.weight.shape[0]))),
    };
  }

  /**
   * Puts in the parameters of a trained network of this shape (an imported model), sets the epoch count,
   * starts a fresh optimizer and history, and measures. Throws, changing nothing, when a layer's
   * size differs.
   */
  loadParameters(p: Parameters, epoch = 0): void {
    const { linears } = this.net;
    const fits =
      p.weights.length === linears.length &&
      p.biases.length === linears.length &&
      linears.every((l, i) => p.weights[i].length === l.weight.size && p.biases[i].length === l.weight.shape[0]);
    if (!fits) throw new Error(`The parameters do not fit a network with layer sizes ${this.net.sizes.join('-')}.`);
    linears.forEach((l, i) => {
      l.weight.data.set(p.weights[i]);
      l.bias?.data.set(p.biases[i]);
    });
    this.restart(epoch);
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
