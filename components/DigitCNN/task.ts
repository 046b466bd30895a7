// The digit figure's training, as a trainer-service task: a CNN (a preset from nets.ts) and the MLP with about
// as many parameters learn from the same minibatches of the 8,000 training digits, each with Adam. One
// task epoch is digitSchedule's 25 minibatches; both nets are measured on all 2,000 held-out digits every
// 5 task epochs. The report carries what the figure draws: accuracy and loss histories, the first layer's
// filters, the feature maps of one test digit, the CNN's confusion matrix and mistakes, and both nets'
// weights (for the drawing pad, which runs them on the page).
import { crossEntropy, noGrad, optim, rng as makeRng, tensor, type nn, type Tensor } from '../../engine/index.ts';
import { Passes, type PassesState } from '../trainer/passes.ts';
import { defineSchedule } from '../trainer/schedule.ts';
import { defineTask } from '../trainer/task.ts';
import { flatWeights, loadWeights, truncateHistory } from '../trainer/weights.ts';
import type { DigitLoad } from './digitFile.ts';
import { digits, imageOf } from './digits.ts';
import { buildCnn, buildMlp, cnnSpecs, countParams, matchedWidth, presetNames, stageSides, type CnnPreset } from './nets.ts';

/** Adam on batches of 16 images, 25 steps an epoch, tested every 5 epochs, for 6 passes over the 8,000 training digits. */
export const digitSchedule = defineSchedule({ batch: 16, lr: 2e-3, stepsPerEpoch: 25, testEvery: 5, budget: { passes: 6 }, examples: 'images' });
/** The learning rate is multiplied by this after every pass over the training set. */
export const DECAY = 0.6;

export interface DigitSettings {
  preset: CnnPreset;
  seed: number;
}

export interface Evaluation {
  accuracy: number;
  loss: number;
  /** Predicted class of every test digit. */
  predicted: Uint8Array;
  /** Probability of the predicted class. */
  confidence: Float32Array;
}

export interface FeatureMaps {
  label: string;
  channels: number;
  side: number;
  data: Float32Array;
}

export interface DigitReport {
  preset: CnnPreset;
  /** Training images seen by each net so far. */
  seen: number;
  passes: number;
  lr: number;
  params: { cnn: number; mlp: number; hidden: number };
  /** Test accuracy of each net after `at` training images. */
  accuracy: { at: number[]; cnn: number[]; mlp: number[] };
  /** Mean training loss of each task epoch, after `at` images. */
  loss: { at: number[]; cnn: number[]; mlp: number[] };
  /** The CNN's confusion matrix on the test set at the last measurement (row: true class, column: predicted), or null before one. */
  confusion: Int32Array | null;
  /** Test digits the CNN got wrong at the last measurement: index, predicted class and its probability. */
  wrong: { index: number; predicted: number; confidence: number }[];
  /** The first convolution's filters, [out, k, k] row-major. */
  filters: Float32Array;
  filterShape: [number, number];
  /** The feature maps of test digit `probe` after each ReLU and pool. */
  probe: number;
  maps: FeatureMaps[];
  probeProbs: { cnn: Float32Array; mlp: Float32Array };
  /** Every parameter of each net, concatenated in parameters() order (for running the nets on the page). */
  weights: { cnn: Float32Array; mlp: Float32Array };
}

const TEST_BATCH = 200;

/** A batch of images as a [B, 1, 28, 28] tensor. */
export function imageBatch(split: { images: Float32Array }, idx: ArrayLike<number>): Tensor {
  const x = new Float32Array(idx.length * 784);
  for (let k = 0; k < idx.length; k++) x.set(imageOf(split, idx[k]), k * 784);
  return tensor(x, [idx.length, 1, 28, 28]);
}

/** Softmax of one row of logits. */
export function softmaxRow(z: ArrayLike<number>, offset = 0, K = 10): Float32Array {
  let m = -Infinity;
  for (let k = 0; k < K; k++) m = Math.max(m, z[offset + k]);
  const p = new Float32Array(K);
  let s = 0;
  for (let k = 0; k < K; k++) s += p[k] = Math.exp(z[offset + k] - m);
  for (let k = 0; k < K; k++) p[k] /= s;
  return p;
}

/** A net's accuracy, mean cross-entropy and predictions on a whole split, in evaluation mode without gradients. */
export function evaluate(net: nn.Module, split: { images: Float32Array; labels: Uint8Array; n: number }): Evaluation {
  net.eval();
  const predicted = new Uint8Array(split.n);
  const confidence = new Float32Array(split.n);
  let right = 0;
  let loss = 0;
  noGrad(() => {
    for (let s = 0; s < split.n; s += TEST_BATCH) {
      const idx = Array.from({ length: Math.min(TEST_BATCH, split.n - s) }, (_, k) => s + k);
      const z = (net as nn.Sequential).forward(imageBatch(split, idx)).data;
      idx.forEach((i, b) => {
        const p = softmaxRow(z, b * 10);
        let best = 0;
        for (let k = 1; k < 10; k++) if (p[k] > p[best]) best = k;
        predicted[i] = best;
        confidence[i] = p[best];
        if (best === split.labels[i]) right++;
        loss -= Math.log(Math.max(p[split.labels[i]], 1e-12));
      });
    }
  });
  net.train();
  return { accuracy: right / split.n, loss: loss / split.n, predicted, confidence };
}

/** All of a net's parameters in one array. */
export { flatWeights, loadWeights };

interface History {
  accuracy: DigitReport['accuracy'];
  loss: DigitReport['loss'];
}

const emptyHistory = (): History => ({ accuracy: { at: [], cnn: [], mlp: [] }, loss: { at: [], cnn: [], mlp: [] } });
const copyHistory = (h: History): History => structuredClone(h);


/** A run from settings, or (`load`, from an imported file) from trained weights with a fresh optimizer. */
export function digitRun(s: DigitSettings, load?: DigitLoad) {
  const d = digits();
  if (!d) throw new Error('The digits have not loaded yet.');
  if (!presetNames.includes(s.preset)) throw new Error(`Unknown network “${s.preset}”.`);
  const r = makeRng(s.seed);
  const cnn = buildCnn(s.preset, r.fork());
  const params = countParams(cnn);
  const hidden = matchedWidth(params);
  const mlp = buildMlp(hidden, r.fork());
  const { batch: B, stepsPerEpoch } = digitSchedule;
  const opts = { cnn: new optim.Adam(cnn.parameters(), { lr: digitSchedule.lr }), mlp: new optim.Adam(mlp.parameters(), { lr: digitSchedule.lr }) };
  const spec = cnnSpecs[s.preset];
  const sides = stageSides(spec);
  const N = d.train.n;
  const batches = new Passes(N, r.fork());
  let lr = digitSchedule.lr;
  let history = emptyHistory();
  let lastEval: { epoch: number; cnn: Evaluation; mlp: Evaluation } | null = null;
  let probe = 0;
  const sum = { cnn: 0, mlp: 0, n: 0 };
  let evalNow = false;
  if (load) {
    if (load.preset !== s.preset) throw new Error(`The file holds the ${load.preset} network, not the ${s.preset} one.`);
    if (!loadWeights(cnn, load.weights.cnn) || !loadWeights(mlp, load.weights.mlp)) throw new Error('The file’s weights do not fit the networks.');
    batches.passes = Math.floor(load.seen / N);
    batches.pos = Math.min(load.seen % N, N - B);
    lr = digitSchedule.lr * DECAY ** batches.passes;
    opts.cnn.lr = opts.mlp.lr = lr;
    evalNow = load.epoch > 0;
  }

  const seen = () => batches.seen;
  const stepOn = (net: nn.Sequential, opt: optim.Adam, x: Tensor, y: Uint8Array): number => {
    opt.zeroGrad();
    const loss = crossEntropy(net.forward(x), y);
    loss.backward();
    opt.step();
    return loss.item();
  };

  const run = {
    epoch: load?.epoch ?? 0,
    trainEpoch() {
      sum.cnn = sum.mlp = sum.n = 0;
      for (let i = 0; i < stepsPerEpoch; i++) {
        const pass = batches.passes;
        const idx = batches.next(B);
        if (batches.passes > pass) {
          lr *= DECAY;
          opts.cnn.lr = opts.mlp.lr = lr;
        }
        const x = imageBatch(d.train, idx);
        const y = Uint8Array.from(idx, (k) => d.train.labels[k]);
        sum.cnn += stepOn(cnn, opts.cnn, x, y);
        sum.mlp += stepOn(mlp, opts.mlp, x, y);
        sum.n++;
      }
      run.epoch++;
      truncateHistory(history.loss, seen());
      history.loss.at.push(seen());
      history.loss.cnn.push(sum.cnn / sum.n);
      history.loss.mlp.push(sum.mlp / sum.n);
    },
    measure() {
      if (run.epoch > 0 && (digitSchedule.testsAt(run.epoch) || evalNow) && lastEval?.epoch !== run.epoch) {
        evalNow = false;
        const e = { epoch: run.epoch, cnn: evaluate(cnn, d.test), mlp: evaluate(mlp, d.test) };
        lastEval = e;
        truncateHistory(history.accuracy, seen());
        history.accuracy.at.push(seen());
        history.accuracy.cnn.push(e.cnn.accuracy);
        history.accuracy.mlp.push(e.mlp.accuracy);
        return { loss: history.loss.cnn.at(-1) ?? Math.log(10), testLoss: e.cnn.loss };
      }
      return { loss: history.loss.cnn.at(-1) ?? Math.log(10) };
    },
    parameters: () => [...cnn.parameters(), ...mlp.parameters()],
    report(): DigitReport {
      const e = lastEval && lastEval.epoch <= run.epoch ? lastEval : null;
      let confusion: Int32Array | null = null;
      const wrong: DigitReport['wrong'] = [];
      if (e) {
        confusion = new Int32Array(100);
        for (let i = 0; i < d.test.n; i++) {
          confusion[d.test.labels[i] * 10 + e.cnn.predicted[i]]++;
          if (e.cnn.predicted[i] !== d.test.labels[i]) wrong.push({ index: i, predicted: e.cnn.predicted[i], confidence: e.cnn.confidence[i] });
        }
        wrong.sort((a, b) => b.confidence - a.confidence);
        wrong.length = Math.min(wrong.length, 24);
      }
      const x = imageBatch(d.test, [probe]);
      cnn.eval();
      mlp.eval();
      const [zc, zm] = noGrad(() => [cnn.forward(x).data, mlp.forward(x).data]);
      const acts = cnn.activations;
      cnn.train();
      mlp.train();
      const maps: FeatureMaps[] = [
        { label: 'conv 1 + ReLU', channels: spec.stages[0].out, side: sides[0].conv, data: acts[1].data.slice() },
        { label: 'pool 1', channels: spec.stages[0].out, side: sides[0].pool, data: acts[2].data.slice() },
        { label: 'conv 2 + ReLU', channels: spec.stages[1].out, side: sides[1].conv, data: acts[4].data.slice() },
        { label: 'pool 2', channels: spec.stages[1].out, side: sides[1].pool, data: acts[5].data.slice() },
      ];
      const conv1 = cnn.layers[0] as nn.Conv2d;
      return {
        preset: s.preset,
        seen: seen(),
        passes: batches.passes,
        lr,
        params: { cnn: params, mlp: countParams(mlp), hidden },
        accuracy: copyHistory(history).accuracy,
        loss: copyHistory(history).loss,
        confusion,
        wrong,
        filters: conv1.weight.data.slice(),
        filterShape: [spec.stages[0].out, spec.stages[0].k],
        probe,
        maps,
        probeProbs: { cnn: softmaxRow(zc), mlp: softmaxRow(zm) },
        weights: { cnn: flatWeights(cnn), mlp: flatWeights(mlp) },
      };
    },
    saveState: () => ({
      cnn: opts.cnn.stateDict(),
      mlp: opts.mlp.stateDict(),
      ...batches.saveState(),
      lr,
      history: copyHistory(history),
    }),
    loadState(state: unknown) {
      const st = state as PassesState & { cnn: never; mlp: never; lr: number; history: History };
      opts.cnn.loadStateDict(st.cnn);
      opts.mlp.loadStateDict(st.mlp);
      batches.loadState(st);
      lr = st.lr;
      opts.cnn.lr = opts.mlp.lr = lr;
      history = copyHistory(st.history);
      if (lastEval && lastEval.epoch > run.epoch) lastEval = null;
    },
    commands: {
      /** Shows the feature maps of another test digit (training is not touched). */
      probe: (i: number) => {
        if (!Number.isInteger(i) || i < 0 || i >= d.test.n) throw new Error(`There is no test digit ${i}.`);
        probe = i;
      },
    },
  };
  return run;
}

export const digitTask = defineTask<DigitSettings, DigitReport>({ name: 'digit-cnn', divergeAbove: 1e3, schedule: digitSchedule, create: (s, load) => digitRun(s, load as DigitLoad | undefined) });
