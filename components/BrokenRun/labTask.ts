// The debugging lab's one training task: a small classifier on a 2-D toy set, built from settings that
// can each plant one fault (a learning rate, a bias, unscaled inputs, no zeroing, a wrong backward,
// shuffled labels, leaked test points, a deep sigmoid stack, too few points, a softmax before the loss).
// Every lab case is these settings with one fault on; its report is what a practitioner looks at: the
// losses and accuracies, per-layer gradient and update norms, dead units, and a few predictions.
import { crossEntropy, data as toyData, linear, nn, noGrad, optim, Rng, softmax, type RngState, type Tensor } from '../../engine/index.ts';
import { defineTask, type Run } from '../trainer/task.ts';
import { checkSoftplus, softplus, type BackwardRule } from './softplus.ts';

export type LabActivation = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'softplus';
export type LabInit = 'he' | 'xavier' | 'wide';

export interface LabSettings {
  seed: number;
  dataset: 'spiral' | 'moons' | 'circle' | 'gaussians';
  classes: number;
  /** Training and test points, and the data's noise (0 to 0.5). */
  points: number;
  testPoints: number;
  noise: number;
  /** Each input feature is multiplied by this (the units the data arrived in). */
  inputScale: [number, number];
  /** Subtract the training mean and divide by the training standard deviation, per feature. */
  standardize: boolean;
  /** A loader bug: the training labels are permuted against their inputs. */
  shuffleLabels: boolean;
  /** A split bug: the test points are also in the training set. */
  leak: boolean;
  hidden: number[];
  activation: LabActivation;
  /** The backward rule of the custom softplus op (used when activation is 'softplus'). */
  backward: BackwardRule;
  /** 'wide' draws weights from N(0, 1) whatever the fan-in. */
  init: LabInit;
  /** Every hidden bias starts at this. */
  biasInit: number;
  optimizer: 'sgd' | 'adam';
  lr: number;
  batch: number;
  /** False: the training loop never clears the gradients, so they add up across steps. */
  zeroGrad: boolean;
  /** A softmax on the output, before a loss that applies its own. */
  softmaxTwice: boolean;
  /** L2 penalty λ on the weights. */
  l2: number;
}

export interface LayerReport {
  name: string;
  /** ‖∂L/∂W‖ at the epoch's last step (the gradient the optimizer used). */
  gradNorm: number;
  /** ‖ΔW‖ / ‖W‖ over the epoch's last step. */
  updateRatio: number;
  /** Share of the layer's units whose activation has zero slope on every training input (hidden layers). */
  dead: number;
}

export interface LabReport {
  trainAccuracy: number;
  testAccuracy: number;
  layers: LayerReport[];
  /** The first few test points: their true class and the predicted probabilities. */
  predictions: { label: number; probs: number[] }[];
  /** The norm of all the weights' gradients at the last step of each epoch, from epoch 1. */
  gradHistory: number[];
}

export interface LabFixed {
  /** The loss before any training, and ln K, what it should be near for K balanced classes. */
  initialLoss: number;
  expectedInitialLoss: number;
  /** Per input feature, as the network receives it. */
  features: { mean: number; std: number }[];
  /** Test points that are also training points. */
  overlap: number;
  trainSize: number;
  testSize: number;
  /** The gradient check of the custom op (null when the network does not use it). */
  gradCheck: { maxError: number; ok: boolean } | null;
}

type Set2D = toyData.Dataset2D;

/** The data: a seeded toy set split in two, scaled, standardised and corrupted as the settings say. */
export function labData(s: LabSettings): { train: Set2D; test: Set2D; overlap: number } {
  const n = s.points + s.testPoints;
  const make = { spiral: toyData.spiral, moons: toyData.moons, circle: toyData.circle, gaussians: toyData.gaussians }[s.dataset];
  const all = make({ n, noise: s.noise, seed: s.seed, ...(s.dataset === 'spiral' || s.dataset === 'gaussians' ? { classes: s.classes } : {}) } as never) as Set2D;
  const rng = new Rng(s.seed + 1);
  const perm = rng.permutation(n);
  const scaled = { ...all, x: all.x.map((v, i) => v * s.inputScale[i % 2]) };
  let train = toyData.subset(scaled, perm.subarray(0, s.points));
  const test = toyData.subset(scaled, perm.subarray(s.points));
  if (s.leak) {
    const x = new Float32Array(train.x.length + test.x.length);
    x.set(train.x);
    x.set(test.x, train.x.length);
    const y = new Int32Array(train.n + test.n);
    y.set(train.y);
    y.set(test.y, train.n);
    train = { ...train, x, y, n: train.n + test.n };
  }
  if (s.shuffleLabels) train = { ...train, y: Int32Array.from(rng.permutation(train.n), (j) => train.y[j]) };
  if (s.standardize) {
    for (let k = 0; k < 2; k++) {
      const { mean, std } = featureStats(train, k);
      for (const set of [train, test]) for (let i = 0; i < set.n; i++) set.x[2 * i + k] = (set.x[2 * i + k] - mean) / (std || 1);
    }
  }
  return { train, test, overlap: s.leak ? test.n : 0 };
}

function featureStats(set: Set2D, k: number): { mean: number; std: number } {
  let m = 0;
  for (let i = 0; i < set.n; i++) m += set.x[2 * i + k];
  m /= set.n;
  let v = 0;
  for (let i = 0; i < set.n; i++) v += (set.x[2 * i + k] - m) ** 2;
  return { mean: m, std: Math.sqrt(v / set.n) };
}

const norm = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
};

/** The network: Linear layers with the chosen activation between them, and its forward pass. */
class LabNet {
  readonly layers: nn.Linear[] = [];
  constructor(private readonly s: LabSettings, rng: Rng) {
    const sizes = [2, ...s.hidden, s.classes];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const layer = new nn.Linear(sizes[i], sizes[i + 1], { rng, init: s.init === 'wide' ? 'xavier' : s.init });
      if (s.init === 'wide') for (let j = 0; j < layer.weight.size; j++) layer.weight.data[j] = rng.normal(0, 1);
      if (i + 1 < sizes.length - 1) layer.bias!.data.fill(s.biasInit);
      this.layers.push(layer);
    }
  }
  parameters(): Tensor[] {
    return this.layers.flatMap((l) => l.parameters());
  }
  activate(z: Tensor): Tensor {
    const a = this.s.activation;
    return a === 'softplus' ? softplus(z, this.s.backward) : a === 'leakyRelu' ? z.leakyRelu(0.01) : a === 'relu' ? z.relu() : a === 'tanh' ? z.tanh() : z.sigmoid();
  }
  /** The logits (or, with the softmax fault, probabilities), and each hidden layer's pre-activations. */
  forward(x: Tensor): { out: Tensor; pre: Tensor[] } {
    let h = x;
    const pre: Tensor[] = [];
    this.layers.forEach((l, i) => {
      const z = linear(h, l.weight, l.bias);
      if (i < this.layers.length - 1) {
        pre.push(z);
        h = this.activate(z);
      } else h = z;
    });
    return { out: this.s.softmaxTwice ? softmax(h, -1) : h, pre };
  }
}

const xOf = (set: Set2D, idx?: ArrayLike<number>) => toyData.inputs(set, idx);

/** Slope of the activation at z is zero (a dead ReLU), or below 1e-6 of its largest value. */
const flat = (act: LabActivation, z: number) => (act === 'relu' ? z <= 0 : act === 'sigmoid' ? z < -14 || z > 14 : act === 'tanh' ? Math.abs(z) > 7 : act === 'softplus' ? z < -14 : false);

interface LabState {
  optimizer: optim.OptimizerState;
  rng: RngState;
  grads: (number[] | null)[];
  gradHistory: number[];
}

export const labTask = defineTask<LabSettings, LabReport, LabFixed>({
  name: 'debug-lab',
  divergeAbove: 1e6,
  create(s): Run<LabReport, LabFixed> {
    if (s.hidden.length < 1 || s.hidden.length > 12) throw new Error('The lab takes 1 to 12 hidden layers.');
    const rng = new Rng(s.seed);
    const { train, test, overlap } = labData(s);
    const net = new LabNet(s, rng.fork());
    const params = net.parameters();
    const opt: optim.Optimizer = s.optimizer === 'adam' ? new optim.Adam(params, { lr: s.lr }) : new optim.SGD(params, { lr: s.lr, momentum: 0.9 });
    const weights = net.layers.map((l) => l.weight);
    const xTrain = xOf(train), yTrain = toyData.labels(train);
    const xTest = xOf(test), yTest = toyData.labels(test);
    const layerStats: LayerReport[] = net.layers.map((_, i) => ({ name: i < net.layers.length - 1 ? `W(${i + 1})` : `W(${i + 1}) output`, gradNorm: 0, updateRatio: 0, dead: 0 }));
    let trainAccuracy = 0, testAccuracy = 0;
    let predictions: LabReport['predictions'] = [];
    let gradHistory: number[] = [];

    const lossOf = (x: Tensor, y: Int32Array) => {
      const { out } = net.forward(x);
      let loss = crossEntropy(out, y);
      if (s.l2 > 0) for (const w of weights) loss = loss.add(w.pow(2).sum().mul(s.l2 / 2));
      return loss;
    };
    const accuracy = (out: Tensor, y: Int32Array) => {
      const K = s.classes;
      let right = 0;
      for (let b = 0; b < y.length; b++) {
        let best = 0;
        for (let k = 1; k < K; k++) if (out.data[b * K + k] > out.data[b * K + best]) best = k;
        if (best === y[b]) right++;
      }
      return y.length ? right / y.length : 0;
    };
    const initialLoss = noGrad(() => crossEntropy(net.forward(xTrain).out, yTrain).item());

    return {
      epoch: 0,
      trainEpoch() {
        const order = rng.permutation(train.n);
        for (let i = 0; i < train.n; i += s.batch) {
          const idx = order.subarray(i, Math.min(train.n, i + s.batch));
          const last = i + s.batch >= train.n;
          if (s.zeroGrad) opt.zeroGrad();
          lossOf(xOf(train, idx), Int32Array.from(idx, (j) => yTrain[j])).backward();
          const before = last ? weights.map((w) => w.data.slice()) : null;
          opt.step();
          if (before) {
            weights.forEach((w, k) => {
              const d = new Float32Array(w.size);
              for (let j = 0; j < w.size; j++) d[j] = w.data[j] - before[k][j];
              layerStats[k].gradNorm = norm(w.grad?.data ?? []);
              layerStats[k].updateRatio = norm(d) / (norm(before[k]) || 1);
            });
          }
        }
        gradHistory.push(Math.hypot(...layerStats.map((l) => l.gradNorm)));
        this.epoch++;
      },
      measure: () => noGrad(() => {
        const fwd = net.forward(xTrain);
        const loss = crossEntropy(fwd.out, yTrain).item();
        trainAccuracy = accuracy(fwd.out, yTrain);
        fwd.pre.forEach((z, l) => {
          const units = z.shape[1];
          let dead = 0;
          for (let u = 0; u < units; u++) {
            let alive = false;
            for (let b = 0; b < train.n && !alive; b++) alive = !flat(s.activation, z.data[b * units + u]);
            if (!alive) dead++;
          }
          layerStats[l].dead = dead / units;
        });
        const t = net.forward(xTest).out;
        testAccuracy = accuracy(t, yTest);
        const probs = s.softmaxTwice ? t : softmax(t, -1);
        predictions = Array.from({ length: Math.min(4, test.n) }, (_, b) => ({ label: yTest[b], probs: Array.from(probs.data.subarray(b * s.classes, (b + 1) * s.classes)) }));
        return { loss, testLoss: crossEntropy(t, yTest).item() };
      }),
      parameters: () => params,
      report: () => ({ trainAccuracy, testAccuracy, layers: layerStats.map((l) => ({ ...l })), predictions, gradHistory: gradHistory.slice() }),
      fixed: () => ({
        initialLoss,
        expectedInitialLoss: Math.log(s.classes),
        features: [0, 1].map((k) => featureStats(train, k)),
        overlap,
        trainSize: train.n,
        testSize: test.n,
        gradCheck: s.activation === 'softplus' ? checkSoftplus(s.backward) : null,
      }),
      // NOTE: without zeroing, the gradients are part of the training state: Pause must put them back.
      saveState: (): LabState => ({ optimizer: opt.stateDict(), rng: rng.getState(), grads: params.map((p) => (p.grad ? Array.from(p.grad.data) : null)), gradHistory: gradHistory.slice() }),
      loadState(state) {
        const st = state as LabState;
        try {
          opt.loadStateDict(st.optimizer);
        } catch (e) {
          // NOTE: a checkpoint taken after divergence holds NaN buffers, which loadStateDict refuses; Pause
          // rewinds to it, and the run is diverged either way, so the buffers stay as they are.
          if (!/NaN|finite/.test(String(e))) throw e;
        }
        rng.setState(st.rng);
        gradHistory = st.gradHistory.slice();
        params.forEach((p, i) => {
          const g = st.grads[i];
          if (g) p.gradData().set(g);
          else p.zeroGrad();
        });
      },
      commands: {
        lr: (lr: number) => {
          if (!(lr > 0 && Number.isFinite(lr))) throw new Error(`The learning rate must be a positive number, not ${lr}.`);
          opt.lr = lr;
        },
      },
    };
  },
});

