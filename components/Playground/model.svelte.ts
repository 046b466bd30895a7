// The trainer behind the Playground and FirstNetwork figures: a 2-D data set, an MLP from the engine,
// an optimizer, and the numbers the views draw (loss curves, accuracy, the boundary on a grid).
import {
  binaryCrossEntropy,
  data,
  hasNonFinite,
  nn,
  noGrad,
  optim,
  Rng,
  Tensor,
  type Dataset2D,
  type DatasetName,
} from '../../engine/index.ts';

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

/** Points of the GRID×GRID lattice over [-1, 1]², row 0 at the top (x₂ = 1). */
function gridInputs(): Tensor {
  const x = new Float32Array(GRID * GRID * 2);
  for (let i = 0; i < GRID; i++) {
    for (let j = 0; j < GRID; j++) {
      const k = i * GRID + j;
      x[2 * k] = -1 + (2 * (j + 0.5)) / GRID;
      x[2 * k + 1] = 1 - (2 * (i + 0.5)) / GRID;
    }
  }
  return new Tensor(x, [GRID * GRID, 2]);
}

/** A loss larger than this (or NaN) means training has blown up. */
const DIVERGED = 1e3;

export class Trainer {
  settings: Settings = $state({ ...defaults, hidden: defaults.hidden.slice() });
  epoch = $state(0);
  trainLoss: number[] = $state.raw([]);
  testLoss: number[] = $state.raw([]);
  trainAccuracy = $state(0);
  testAccuracy = $state(0);
  /** P(class 1) at each grid point, row-major, row 0 at the top. */
  boundary: Float32Array = $state.raw(new Float32Array(GRID * GRID));
  diverged = $state(false);
  /** |gradient| of every weight, per layer [out][in], for the network drawing. */
  gradients: number[][][] = $state.raw([]);
  weights: number[][][] = $state.raw([]);
  /** The epoch with the lowest test loss so far (for early stopping), and that loss. */
  bestEpoch = $state(0);
  bestTestLoss = $state(Infinity);
  private bestParams: Float32Array[] = [];

  train!: Dataset2D;
  test!: Dataset2D;
  private net!: nn.MLP;
  private opt!: optim.Optimizer;
  private rng!: Rng;
  private readonly grid = gridInputs();

  constructor(settings: Partial<Settings> = {}) {
    this.reset(settings);
  }

  /** Rebuilds data, network and optimizer from the settings (merged with `changes`), and clears history. */
  reset(changes: Partial<Settings> = {}): void {
    const s = { ...this.settings, ...changes };
    this.settings = s;
    this.rng = new Rng(s.seed);
    const all = data.toy(s.dataset, { n: s.points ?? 500, noise: s.noise, seed: s.seed });
    const split = data.trainTestSplit(all, s.trainFraction, this.rng.fork());
    this.train = split.train;
    this.test = split.test;
    this.net = new nn.MLP([2, ...s.hidden, 1], {
      activation: s.activation,
      init: s.activation === 'relu' ? 'he' : 'xavier',
      dropout: s.dropout,
      rng: this.rng.fork(),
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
    this.trainLoss = [];
    this.testLoss = [];
    this.diverged = false;
    this.measure();
  }

  /** Changes the learning rate without restarting (the optimizer keeps its state). */
  setLearningRate(lr: number): void {
    this.settings.lr = lr;
    this.opt.lr = lr;
  }

  /** Trains `epochs` passes over the training set in minibatches. Stops at once if training diverges. */
  step(epochs = 1): void {
    if (this.diverged) return;
    const { train } = this;
    this.net.train();
    for (let e = 0; e < epochs; e++) {
      for (const idx of data.batches(train.n, this.settings.batch, this.rng)) {
        this.opt.zeroGrad();
        const logits = this.net.forward(data.inputs(train, idx));
        const loss = binaryCrossEntropy(logits, data.labels(train, idx));
        loss.backward();
        this.opt.step();
      }
      this.epoch++;
    }
    this.measure();
  }

  /** Losses, accuracies, the boundary, and the weights and gradients for drawing. */
  private measure(): void {
    this.net.eval();
    const evaluate = (ds: Dataset2D) =>
      noGrad(() => {
        const logits = this.net.forward(data.inputs(ds));
        const loss = binaryCrossEntropy(logits, data.labels(ds)).item();
        let right = 0;
        for (let i = 0; i < ds.n; i++) if ((logits.data[i] > 0 ? 1 : 0) === ds.y[i]) right++;
        return { loss, accuracy: right / ds.n };
      });
    const tr = evaluate(this.train);
    const te = evaluate(this.test);
    if (!Number.isFinite(tr.loss) || tr.loss > DIVERGED || hasNonFinite(this.net)) {
      this.diverged = true;
      return;
    }
    this.trainLoss = [...this.trainLoss, tr.loss];
    this.testLoss = [...this.testLoss, te.loss];
    if (te.loss < this.bestTestLoss) {
      this.bestTestLoss = te.loss;
      this.bestEpoch = this.epoch;
      this.bestParams = this.net.parameters().map((p) => p.data.slice());
    }
    this.trainAccuracy = tr.accuracy;
    this.testAccuracy = te.accuracy;
    this.boundary = noGrad(() => this.net.forward(this.grid).sigmoid().data);
    this.weights = this.net.linears.map((l) => rows(l.weight.data, l.weight.shape));
    this.gradients = this.net.linears.map((l) => rows(l.weight.grad?.data ?? new Float32Array(l.weight.size), l.weight.shape, true));
  }

  /** Early stopping's second half: puts back the parameters of the epoch with the lowest test loss. */
  restoreBest(): void {
    if (!this.bestParams.length) return;
    this.net.parameters().forEach((p, i) => p.data.set(this.bestParams[i]));
    const epoch = this.epoch;
    this.measure();
    this.epoch = epoch;
  }

  /** The state a widget goal or a share link needs: settings and current results. */
  snapshot() {
    return {
      ...this.settings,
      hidden: this.settings.hidden.slice(),
      epoch: this.epoch,
      trainLoss: this.trainLoss.at(-1) ?? null,
      testLoss: this.testLoss.at(-1) ?? null,
      trainAccuracy: this.trainAccuracy,
      testAccuracy: this.testAccuracy,
      diverged: this.diverged,
    };
  }
}

function rows(values: Float32Array, shape: number[], abs = false): number[][] {
  const [out, inp] = shape;
  return Array.from({ length: out }, (_, o) => Array.from(values.subarray(o * inp, (o + 1) * inp), (v) => (abs ? Math.abs(v) : v)));
}
