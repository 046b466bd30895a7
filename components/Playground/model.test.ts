// The trainer learns, stops on divergence instead of drawing NaN, and resets to the same start; the
// worker protocol trains within its budget, stops where asked and reports each measurement once; the
// figures' reactive view follows the reports (here without a worker, as on a page that has none);
// input features, regression and L1 change what is trained; a model file round-trips; old links open.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskHost } from '../trainer/host.ts';
import { LiveRun } from '../trainer/liveRun.svelte.ts';
import type { Command, Report } from '../trainer/protocol.ts';
import { mlpTask, type MlpData, type MlpReport } from './mlpTask.ts';
import { MODEL_FORMAT, modelFile, parseModelFile } from './modelFile.ts';
import { linkState, playgroundState, settingsOf, settingsSchema } from './linkState.ts';
import { encodeText } from '../ui/figureState.ts';
import { featureRows } from './features.ts';
import { GRID } from './grid.ts';
import { LossHistory } from '../trainer/lossHistory.ts';
import { defaults, withDefaults, type Settings } from './settings.ts';
import { mlpSnapshot } from './snapshot.ts';
import { Trainer } from './trainer.ts';

const losses = (t: Trainer) => t.history.toArrays();
/** The MLP task's host, as the worker runs it. */
const newHost = () => new TaskHost([mlpTask]);
const create = (gen: number, settings: Partial<Settings>, load?: unknown): Command => ({ type: 'create', gen, task: mlpTask.name, settings: withDefaults(settings), load });
const dataOf = (r: Report) => r.data as MlpReport;
const fixedOf = (r: Report) => r.fixed as MlpData;
const liveRun = (settings: Partial<Settings>) => new LiveRun(mlpTask, withDefaults(settings));

describe('Playground trainer', () => {
  it('learns the circle: loss falls and test accuracy passes 90%', () => {
    const t = new Trainer({ dataset: 'circle', hidden: [8, 8], activation: 'tanh', optimizer: 'adam', lr: 0.03 });
    t.step(30);
    const { train } = losses(t);
    expect(train).toHaveLength(2); // measured at the start and once after the 30 epochs
    expect(train[1]).toBeLessThan(train[0]);
    expect(t.epoch).toBe(30);
    expect(t.testAccuracy).toBeGreaterThan(0.9);
    expect(t.boundary).toHaveLength(GRID * GRID);
    expect(t.boundary.every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it('reports divergence for an absurd learning rate and keeps the last finite numbers', () => {
    const t = new Trainer({ dataset: 'xor', optimizer: 'sgd', lr: 1e6, activation: 'relu' });
    for (let i = 0; i < 20 && !t.diverged; i++) t.step(1);
    expect(t.diverged).toBe(true);
    expect(losses(t).train.every(Number.isFinite)).toBe(true);
    expect(t.trainEpochs(5)).toBe(0);
    t.reset();
    expect(t.diverged).toBe(false);
    expect(t.epoch).toBe(0);
  });

  it('gives the same run for the same seed, and another for another seed', () => {
    const a = new Trainer({ dataset: 'moons' });
    const b = new Trainer({ dataset: 'moons' });
    const c = new Trainer({ dataset: 'moons', seed: 2 });
    for (const t of [a, b, c]) for (let e = 0; e < 3; e++) t.step(1);
    expect(losses(a)).toEqual(losses(b));
    expect(losses(a).train).not.toEqual(losses(c).train);
  });

  it('draws other initial weights from initSeed and keeps the data', () => {
    const a = new Trainer({ dataset: 'xor' });
    const b = new Trainer({ dataset: 'xor', initSeed: 5 });
    const c = new Trainer({ dataset: 'xor', initSeed: 5 });
    expect(b.train.x).toEqual(a.train.x);
    expect(b.test.y).toEqual(a.test.y);
    expect(b.weightsAndGradients().weights).not.toEqual(a.weightsAndGradients().weights);
    expect(c.weightsAndGradients().weights).toEqual(b.weightsAndGradients().weights);
  });

  it('stops at the deadline after a whole epoch, and at maxEpoch', () => {
    const t = new Trainer({ dataset: 'spiral' });
    expect(t.trainEpochs(10, performance.now() - 1)).toBe(1);
    expect(t.trainEpochs(10, Infinity, 4)).toBe(3);
    expect(t.epoch).toBe(4);
  });

  it('gives the weights and |gradients| of every layer in [out × in] order', () => {
    const t = new Trainer({ hidden: [3] });
    t.step(1);
    const { sizes, weights, gradients } = t.weightsAndGradients();
    expect(sizes).toEqual([2, 3, 1]);
    expect(weights.map((w) => w.length)).toEqual([6, 3]);
    expect(gradients.map((g) => g.length)).toEqual([6, 3]);
    expect(gradients.flatMap((g) => Array.from(g)).every((v) => v >= 0)).toBe(true);
    expect(gradients.some((g) => g.some((v) => v > 0))).toBe(true);
  });
});

describe('early stopping support', () => {
  it('remembers the epoch of the lowest test loss and can restore its parameters', () => {
    const t = new Trainer({ dataset: 'xor', points: 60, noise: 0.45, hidden: [24, 24], activation: 'relu', optimizer: 'adam', lr: 0.02 });
    for (let e = 0; e < 150; e++) t.step(1);
    const { test } = losses(t);
    expect(t.bestEpoch).toBeGreaterThan(0);
    expect(t.testLoss).toBeGreaterThan(t.bestTestLoss); // it overfits after the best epoch
    expect(t.bestTestLoss).toBeCloseTo(Math.min(...test), 6);
    t.restoreBest();
    expect(t.testLoss).toBeCloseTo(t.bestTestLoss, 5);
  });
});

describe('loss history', () => {
  it('keeps at most its capacity, with the first and the latest point, in epoch order', () => {
    const h = new LossHistory(16);
    for (let e = 0; e <= 100; e++) h.push(e, 1 / (e + 1), 2 / (e + 1));
    expect(h.length).toBeLessThanOrEqual(16);
    expect(h.count).toBe(101);
    const { epochs, train, test } = h.toArrays();
    expect(epochs[0]).toBe(0);
    expect(epochs.at(-1)).toBe(100);
    expect(epochs.every((e, i) => i === 0 || e > epochs[i - 1])).toBe(true);
    expect(train.every((v, i) => Math.abs(v - 1 / (epochs[i] + 1)) < 1e-6)).toBe(true);
    expect(test.every((v, i) => Math.abs(v - 2 / (epochs[i] + 1)) < 1e-6)).toBe(true);
    h.clear();
    expect(h.length).toBe(0);
  });
});

describe('the MLP task on the trainer service (the worker protocol)', () => {
  const settings = { ...defaults, hidden: [8, 8], dataset: 'circle' as const };

  it('answers a reset with the data and a first measurement, and a frame with one measurement', () => {
    const host = newHost();
    const first = host.handle(create(1, settings)).report;
    expect(first.gen).toBe(1);
    expect(fixedOf(first).train.n).toBe(250);
    expect(fixedOf(first).test.n).toBe(250);
    expect(first.points).toHaveLength(3);
    expect(first.points[0]).toBe(0);
    const { report, transfer } = host.handle({ type: 'frame', gen: 1, epochs: 5 });
    expect(report.trained).toBe(5);
    expect(report.epoch).toBe(5);
    expect(report.points).toHaveLength(3); // once per frame, not once per epoch
    expect(report.points[0]).toBe(5);
    expect(dataOf(report).boundary).toHaveLength(GRID * GRID);
    expect(dataOf(report).sizes).toEqual([2, 8, 8, 1]);
    expect(transfer).toContain(dataOf(report).boundary.buffer);
  });

  it('keeps to its time budget: a budget already spent trains one epoch', () => {
    const host = newHost();
    host.handle(create(0, settings));
    expect(host.handle({ type: 'frame', gen: 0, epochs: 20, budgetMs: 0 }).report.trained).toBe(1);
  });

  it('stops at maxEpoch and on divergence, and says why', () => {
    const host = newHost();
    host.handle(create(0, settings));
    const r = host.handle({ type: 'frame', gen: 0, epochs: 10, stop: { maxEpochs: 3 } }).report;
    expect([r.epoch, r.stopped]).toEqual([3, 'max']);
    host.handle(create(1, { ...settings, optimizer: 'sgd', lr: 1e6, activation: 'relu' }));
    let last: Report | null = null;
    for (let i = 0; i < 20 && !last?.stopped; i++) last = host.handle({ type: 'frame', gen: 1, epochs: 1 }).report;
    expect(last?.stopped).toBe('diverged');
    expect(last?.diverged?.epoch).toBe(last?.epoch);
  });

  it('applies early stopping after every epoch and restores the best parameters', () => {
    const host = newHost();
    host.handle(create(0, { ...defaults, dataset: 'xor', points: 60, noise: 0.45, hidden: [24, 24], activation: 'relu', lr: 0.02, seed: 7 }));
    const r = host.handle({ type: 'frame', gen: 0, epochs: 300, stop: { patience: 30 } }).report;
    expect(r.stopped).toBe('early');
    expect(r.epoch - r.best.epoch).toBe(30);
    expect(r.points.length / 3).toBe(r.trained + 1); // one point per epoch, and one after restoring
    expect(r.points.at(-1)).toBeCloseTo(r.best.loss, 5);
    // Frames asked for ahead of the stop change nothing: the best parameters stay restored.
    const after = host.handle({ type: 'frame', gen: 0, epochs: 1, stop: { patience: 30 } }).report;
    expect([after.trained, after.epoch, after.points, after.stopped]).toEqual([0, r.epoch, [], null]);
    expect(host.handle(create(1, { ...defaults, dataset: 'xor' })).report.epoch).toBe(0);
    expect(host.handle({ type: 'frame', gen: 1, epochs: 1 }).report.trained).toBe(1);
  });

  it('changes the learning rate without restarting, and reports a failure instead of throwing', () => {
    const host = newHost();
    host.handle(create(0, settings));
    host.handle({ type: 'frame', gen: 0, epochs: 2 });
    expect(host.handle({ type: 'call', gen: 0, name: 'lr', payload: 0.1 }).report.epoch).toBe(2);
    const bad = host.handle(create(1, { ...settings, trainFraction: 2 })).report;
    expect(bad.error).toMatch(/fraction/);
    expect(bad.epoch).toBe(2);
  });
});

describe('the figures’ view (no worker in Node: the host runs in place)', () => {
  // The clock stands still unless a test moves it: the 66 ms the numbers wait is then exact, however
  // loaded the machine is.
  beforeEach(() => void vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] }));
  afterEach(() => void vi.useRealTimers());

  it('shows the first measurement at once, follows frames, and resets', () => {
    const t = liveRun({ dataset: 'circle' });
    expect(t.mode).toBe('page');
    expect(t.data?.boundary).toHaveLength(GRID * GRID);
    expect(t.fixed?.train.n).toBe(250);
    expect(Number.isFinite(t.trainLoss)).toBe(true);
    expect(t.frame({ epochs: 3, budgetMs: 1000 })).toBe(true);
    expect(t.lastFrame.epochs).toBe(3); // an animation frame: the boundary follows at once,
    expect(t.epoch).toBe(0); // the numbers and curves a little later
    expect(t.curves.epochs).toEqual([0]);
    t.step(2);
    expect(t.epoch).toBe(5);
    expect(t.curves.epochs).toEqual([0, 3, 5]);
    expect(mlpSnapshot(t)).toMatchObject({ dataset: 'circle', epoch: 5, hidden: [8, 8] });
    t.create(withDefaults({ dataset: 'xor', hidden: [4] }));
    expect(t.epoch).toBe(0);
    expect(t.curves.epochs).toEqual([0]);
    expect(t.shown?.sizes).toEqual([2, 4, 1]);
    expect(mlpSnapshot(t)).toMatchObject({ dataset: 'xor', hidden: [4] });
  });

  it('lets the numbers and curves follow streaming frames at most every 66 ms, and shows the last soon after', async () => {
    const t = liveRun({ dataset: 'circle' });
    const first = t.data?.boundary;
    t.frame({ epochs: 1, budgetMs: 100 });
    t.frame({ epochs: 1, budgetMs: 100 });
    expect(t.data?.boundary).not.toBe(first); // the boundary follows every frame
    expect([t.epoch, t.curves.epochs]).toEqual([0, [0]]); // the text waits
    vi.advanceTimersByTime(120);
    expect([t.epoch, t.curves.epochs]).toEqual([2, [0, 1, 2]]);
    expect(t.trainLoss).toBe(t.history.train[2]);
    t.dispose();
  });

  it('calls onstop with the reason', () => {
    const t = liveRun({ dataset: 'circle' });
    const reasons: string[] = [];
    t.onstop = (r) => reasons.push(r);
    t.step(10, { maxEpochs: 4 });
    expect(t.epoch).toBe(4);
    expect(reasons).toEqual(['max']);
  });
});

describe('input features', () => {
  it('computes each feature from (x₁, x₂), in the order given', () => {
    const rows = featureRows(new Float32Array([0.5, -0.25]), ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sin1', 'sin2']);
    const expected = [0.5, -0.25, 0.25, 0.0625, -0.125, Math.sin(Math.PI * 0.5), Math.sin(-Math.PI * 0.25)];
    expect(Array.from(rows).map((v, i) => v - expected[i]).every((d) => Math.abs(d) < 1e-6)).toBe(true);
  });

  it('gives the network one input unit per feature, in canonical order', () => {
    const t = new Trainer({ hidden: [3], features: ['sin2', 'x1sq', 'x1'] });
    expect(t.settings.features).toEqual(['x1', 'x1sq', 'sin2']);
    expect(t.weightsAndGradients().sizes).toEqual([3, 3, 1]);
    expect(() => new Trainer({ features: [] })).toThrow(/at least one input/);
  });

  it('keeps the default run unchanged: x₁ and x₂ give the same weights and losses as before features existed', () => {
    const a = new Trainer({ dataset: 'moons' });
    const b = new Trainer({ dataset: 'moons', features: ['x2', 'x1'] });
    a.step(2);
    b.step(2);
    expect(losses(a)).toEqual(losses(b));
  });

  it('solves circle with no hidden layer from x₁² and x₂², and not from x₁ and x₂', () => {
    const squares = new Trainer({ dataset: 'circle', hidden: [], features: ['x1sq', 'x2sq'] });
    const plain = new Trainer({ dataset: 'circle', hidden: [] });
    squares.step(30);
    plain.step(30);
    expect(squares.testAccuracy).toBeGreaterThan(0.9);
    expect(plain.testAccuracy).toBeLessThan(0.75);
  });

  it('solves xor with no hidden layer from x₁x₂ alone', () => {
    const t = new Trainer({ dataset: 'xor', hidden: [], features: ['x1x2'] });
    t.step(20);
    expect(t.testAccuracy).toBeGreaterThan(0.95);
  });
});

describe('regression', () => {
  it('trains plane and bump with the squared error: the loss falls, accuracy is not defined, the grid holds values', () => {
    for (const dataset of ['plane', 'bump'] as const) {
      const t = new Trainer({ dataset, initSeed: 5 });
      expect(t.regression).toBe(true);
      expect(t.train.y).toBeInstanceOf(Float32Array);
      const first = t.trainLoss;
      t.step(20);
      expect(t.trainLoss).toBeLessThan(first / 4);
      expect(t.trainLoss).toBeLessThan(0.02);
      expect(t.testAccuracy).toBeNaN();
      expect(Array.from(t.confusion)).toEqual([0, 0, 0, 0]);
    }
  });

  it('predicts the plane (x₁ + x₂)/2 on the grid: high at the top right, low at the bottom left', () => {
    const t = new Trainer({ dataset: 'plane', noise: 0, initSeed: 5 });
    t.step(30);
    const topRight = t.boundary[GRID - 1];
    const bottomLeft = t.boundary[(GRID - 1) * GRID];
    expect(topRight).toBeGreaterThan(0.8);
    expect(bottomLeft).toBeLessThan(-0.8);
  });

  it('measures the same squared error as the engine’s mse', () => {
    const t = new Trainer({ dataset: 'bump', hidden: [4] });
    const { weights, biases } = t.parameters();
    // A one-hidden-layer tanh network by hand, on the training set.
    let sum = 0;
    for (let i = 0; i < t.train.n; i++) {
      const [a, b] = [t.train.x[2 * i], t.train.x[2 * i + 1]];
      let out = biases[1][0];
      for (let h = 0; h < 4; h++) out += weights[1][h] * Math.tanh(weights[0][2 * h] * a + weights[0][2 * h + 1] * b + biases[0][h]);
      sum += (out - t.train.y[i]) ** 2;
    }
    expect(t.trainLoss).toBeCloseTo(sum / t.train.n, 4);
  });
});

describe('the test set’s confusion counts', () => {
  it('count every test point once and agree with the accuracy', () => {
    const t = new Trainer({ dataset: 'moons' });
    t.step(5);
    const [tn, fp, fn, tp] = t.confusion;
    expect(tn + fp + fn + tp).toBe(t.test.n);
    expect((tn + tp) / t.test.n).toBeCloseTo(t.testAccuracy, 6);
    const ones = Array.from(t.test.y).filter((y) => y === 1).length;
    expect(fn + tp).toBe(ones);
  });
});

describe('L1 regularization', () => {
  const weightsOf = (t: Trainer) => t.weightsAndGradients().weights.flatMap((w) => Array.from(w));

  it('adds λ·sign(w) to each weight’s gradient', () => {
    const settings = { dataset: 'xor' as const, hidden: [3], optimizer: 'sgd' as const, lr: 1e-5, batch: 250 };
    const plain = new Trainer(settings);
    const l1 = new Trainer({ ...settings, l1: 0.5 });
    plain.step(1); // one full-batch step each, from the same start, with the same batch
    l1.step(1);
    const g0 = plain.weightsAndGradients();
    const g1 = l1.weightsAndGradients();
    // The figure reports |gradient|, which hides the signs: |g + λ·sign(w)| is one of |g₀| + λ or ||g₀| - λ|.
    g1.gradients.forEach((g, l) =>
      g.forEach((v, i) => {
        const g0i = g0.gradients[l][i];
        expect(Math.min(Math.abs(v - (g0i + 0.5)), Math.abs(v - Math.abs(g0i - 0.5)))).toBeLessThan(1e-4);
      }),
    );
  });

  it('drives weights to zero: many more near-zero weights than without it, and the blobs are still separated', () => {
    const plain = new Trainer({ dataset: 'gaussians' });
    const l1 = new Trainer({ dataset: 'gaussians', l1: 0.003 });
    plain.step(40);
    l1.step(40);
    const small = (ws: number[]) => ws.filter((v) => Math.abs(v) < 0.02).length;
    expect(small(weightsOf(l1))).toBeGreaterThan(small(weightsOf(plain)) + 20);
    expect(l1.testAccuracy).toBeGreaterThan(0.9); // two blobs need only a couple of weights
  });

  it('reports the data loss without the penalty', () => {
    const a = new Trainer({ dataset: 'circle' });
    const b = new Trainer({ dataset: 'circle', l1: 10 });
    expect(b.trainLoss).toBe(a.trainLoss); // same start, nothing trained yet
  });
});

describe('model files', () => {
  const roundTrip = (t: Trainer) => {
    const file = modelFile(t.settings, t.parameters(), t.epoch, { testLoss: t.testLoss });
    return parseModelFile(JSON.stringify(file));
  };

  it('round-trips a trained network: the imported one draws the same boundary and scores the same', () => {
    const t = new Trainer({ dataset: 'xor', hidden: [4, 3], features: ['x1', 'x2', 'x1x2'], activation: 'relu', l1: 0.001, initSeed: 9 });
    t.step(15);
    const read = roundTrip(t);
    if (!read.ok) throw new Error(read.message);
    expect(read.model.epoch).toBe(15);
    expect(read.model.settings).toMatchObject({ dataset: 'xor', hidden: [4, 3], features: ['x1', 'x2', 'x1x2'], activation: 'relu', l1: 0.001, initSeed: 9 });
    const u = new Trainer(read.model.settings);
    u.loadParameters(read.model.parameters, read.model.epoch);
    expect(u.epoch).toBe(15);
    expect(Array.from(u.boundary)).toEqual(Array.from(t.boundary));
    expect([u.testLoss, u.testAccuracy]).toEqual([t.testLoss, t.testAccuracy]);
    expect(u.history.toArrays().epochs).toEqual([15]);
    u.step(1); // and it trains on from there
    expect(u.epoch).toBe(16);
  });

  it('round-trips a regression network through the host, as the figure does', () => {
    const t = new Trainer({ dataset: 'bump', hidden: [5] });
    t.step(5);
    const read = roundTrip(t);
    if (!read.ok) throw new Error(read.message);
    const host = newHost();
    host.handle(create(0, defaults));
    const r = host.handle(create(1, read.model.settings, { parameters: read.model.parameters, epoch: read.model.epoch })).report;
    expect(r.error).toBeUndefined();
    expect(fixedOf(r).regression).toBe(true);
    expect(r.epoch).toBe(5);
    expect(Array.from(dataOf(r).boundary)).toEqual(Array.from(t.boundary));
  });

  it('writes weights as [out][in] rows, with the architecture and the loss named', () => {
    const t = new Trainer({ hidden: [3], features: ['x1', 'x2', 'sin1'] });
    const file = modelFile(t.settings, t.parameters(), 0);
    expect(file.format).toBe(MODEL_FORMAT);
    expect(file.network).toEqual({ inputs: ['x1', 'x2', 'sin1'], sizes: [3, 3, 1], activation: 'tanh', output: 'sigmoid', loss: 'binary cross-entropy' });
    expect(file.layers.map((l) => [l.weight.length, l.weight[0].length, l.bias.length])).toEqual([
      [3, 3, 3],
      [1, 3, 1],
    ]);
    expect(file.layers[0].weight[1][2]).toBe(t.parameters().weights[0][1 * 3 + 2]);
  });

  it('rejects bad files with a message that says what is wrong', () => {
    const t = new Trainer({ hidden: [3] });
    const good = modelFile(t.settings, t.parameters(), 4);
    const bad = (change: (f: ReturnType<typeof structuredClone<typeof good>>) => void) => {
      const f = structuredClone(good);
      change(f);
      const r = parseModelFile(JSON.stringify(f));
      return r.ok ? 'accepted' : r.message;
    };
    expect(parseModelFile('{"not json')).toEqual({ ok: false, message: expect.stringMatching(/not JSON/) });
    expect(parseModelFile('{"weights": [1, 2]}')).toEqual({ ok: false, message: expect.stringMatching(/not a Playground model/) });
    expect(bad((f) => (f.settings.hidden = [3, 9]))).toMatch(/settings\.hidden\[1\]/);
    expect(bad((f) => (f.settings.dataset = 'swirl' as never))).toMatch(/settings\.dataset/);
    expect(bad((f) => f.layers[0].weight[2].pop())).toMatch(/Layer 1 needs a 3×2 weight matrix/);
    expect(bad((f) => f.layers.pop())).toMatch(/needs 2 layers/);
    expect(bad((f) => (f.network.sizes = [2, 4, 1]))).toMatch(/layer sizes 2-4-1 differ/);
    expect(bad((f) => (f.layers[1].bias = ['x' as never]))).toMatch(/layers\[1\]\.bias\[0\]/);
    expect(bad((f) => (f.layers[1].bias = [1e300]))).toMatch(/too large/);
    expect(bad((f) => (f.settings.features = []))).toMatch(/settings\.features/);
    expect(bad(() => {})).toBe('accepted');
  });

  it('goes on after an import exactly as if training had never stopped (Adam, through the host as the figure does)', () => {
    const settings = { dataset: 'spiral' as const, hidden: [6, 4], activation: 'tanh' as const, optimizer: 'adam' as const, lr: 0.03, l2: 0.001 };
    const N = 6, M = 4;
    const straight = new Trainer(settings);
    for (let e = 0; e < N + M; e++) straight.step(1);
    const first = new Trainer(settings);
    for (let e = 0; e < N; e++) first.step(1);
    const read = parseModelFile(JSON.stringify(modelFile(first.settings, first.parameters(), first.epoch, {}, first.trainingState())));
    if (!read.ok) throw new Error(read.message);
    expect(read.model.training.optimizer).toMatchObject({ kind: 'Adam', steps: Array(6).fill(N * Math.ceil(first.train.n / 10)) });
    const host = newHost();
    host.handle(create(0, defaults));
    const loaded = host.handle(create(1, read.model.settings, read.model)).report;
    expect(loaded.error).toBeUndefined();
    const points = [...loaded.points];
    for (let e = 0; e < M; e++) points.push(...host.handle({ type: 'frame', gen: 1, epochs: 1 }).report.points);
    const want = straight.history.toArrays();
    // The service reports losses in double precision; the trainer's own history keeps them in single.
    const got = { epochs: points.filter((_, i) => i % 3 === 0), train: points.filter((_, i) => i % 3 === 1).map(Math.fround), test: points.filter((_, i) => i % 3 === 2).map(Math.fround) };
    expect(got.epochs).toEqual(want.epochs.slice(N));
    expect(got.train).toEqual(want.train.slice(N));
    expect(got.test).toEqual(want.test.slice(N));
    const last = host.handle({ type: 'frame', gen: 1, epochs: 0 }).report;
    expect(dataOf(last).weights).toEqual(straight.parameters().weights);
    expect(dataOf(last).biases).toEqual(straight.parameters().biases);
    // A version 1 file (no optimizer state) imports too, and training after it starts a fresh optimizer: it differs.
    const v1 = { ...modelFile(first.settings, first.parameters(), first.epoch), version: 1 };
    const old = parseModelFile(JSON.stringify(v1));
    if (!old.ok) throw new Error(old.message);
    expect(old.model.training).toEqual({ optimizer: undefined, rng: undefined });
    const fresh = new Trainer(old.model.settings);
    fresh.loadParameters(old.model.parameters, old.model.epoch, old.model.training);
    fresh.step(1);
    expect(fresh.trainLoss).not.toBe(want.train[N + 1]);
  });

  it('imports a version 2 file written when Adam kept one step count for all parameters, and goes on exactly as before', () => {
    // fixtures/model-v2-adam.json: exported by the Playground before Adam counted steps per parameter,
    // after 2 epochs (its optimizer block is { kind: 'Adam', t, m, v }).
    const text = readFileSync(join(import.meta.dirname, 'fixtures', 'model-v2-adam.json'), 'utf8');
    const read = parseModelFile(text);
    if (!read.ok) throw new Error(read.message);
    expect(read.model.training.optimizer).toMatchObject({ kind: 'Adam', t: 2 * Math.ceil(new Trainer(read.model.settings).train.n / 10) });
    expect(read.model.training.optimizer).not.toHaveProperty('steps');
    const straight = new Trainer(read.model.settings);
    for (let e = 0; e < 4; e++) straight.step(1);
    const resumed = new Trainer(read.model.settings);
    resumed.loadParameters(read.model.parameters, read.model.epoch, read.model.training);
    for (let e = 0; e < 2; e++) resumed.step(1);
    expect(resumed.epoch).toBe(4);
    expect(resumed.parameters()).toEqual(straight.parameters());
    expect(resumed.trainLoss).toBe(straight.trainLoss);
  });

  it('refuses a file whose optimizer state does not fit its settings, saying why, and the host keeps its trainer', () => {
    const t = new Trainer({ hidden: [3], optimizer: 'momentum' });
    t.step(2);
    const good = modelFile(t.settings, t.parameters(), 2, {}, t.trainingState());
    const bad = (change: (f: ReturnType<typeof structuredClone<typeof good>>) => void) => {
      const f = structuredClone(good);
      change(f);
      const r = parseModelFile(JSON.stringify(f));
      return r.ok ? 'accepted' : r.message;
    };
    const buffers = () => (good.optimizer as { momentumBuffers: number[][] }).momentumBuffers;
    expect(good.version).toBe(2);
    expect(buffers().map((b) => b.length)).toEqual([6, 3, 3, 1]);
    expect(bad(() => {})).toBe('accepted');
    expect(bad((f) => (f.settings.optimizer = 'adam'))).toBe("The optimizer state is for SGD, but the settings' optimizer (adam) keeps Adam state.");
    expect(bad((f) => (f.optimizer = { kind: 'Adam', t: 2, m: [null, null, null, null], v: [null, null, null, null] } as never))).toMatch(/is for Adam, but the settings' optimizer \(momentum\)/);
    expect(bad((f) => (f.optimizer = { kind: 'Momentum' } as never))).toMatch(/at optimizer\.kind/);
    expect(bad((f) => (f.optimizer as { momentumBuffers: unknown[] }).momentumBuffers.pop())).toBe(
      'The optimizer state does not fit the network: momentumBuffers has 3 entries for 4 parameters.',
    );
    expect(bad((f) => (f.optimizer as { momentumBuffers: number[][] }).momentumBuffers[2].push(0))).toBe(
      'The optimizer state does not fit the network: momentumBuffers[2] has 4 numbers for a parameter of size 3.',
    );
    expect(bad((f) => ((f.optimizer as { momentumBuffers: unknown[][] }).momentumBuffers[0][1] = 'NaN'))).toMatch(/momentumBuffers\[0\]\[1\] is NaN, not a finite number/);
    expect(bad((f) => (f.settings.optimizer = 'sgd'))).toMatch(/has momentum buffers, but this SGD has no momentum/);
    expect(bad((f) => (f.rng = { words: [1, 2, 3], spare: null } as never))).toMatch(/at rng\.words/);
    const host = newHost();
    host.handle(create(0, defaults));
    host.handle({ type: 'frame', gen: 0, epochs: 3 });
    const wrong = { optimizer: { kind: 'SGD' as const, momentumBuffers: [null] }, rng: t.trainingState().rng };
    const r = host.handle(create(1, t.settings, { parameters: t.parameters(), epoch: 2, training: wrong })).report;
    expect(r.error).toMatch(/momentumBuffers has 1 entries for 4 parameters/);
    expect(r.epoch).toBe(3);
  });

  it('leaves the host’s trainer as it was when a load does not fit', () => {
    const host = newHost();
    host.handle(create(0, { ...defaults, dataset: 'circle' }));
    host.handle({ type: 'frame', gen: 0, epochs: 3 });
    const t = new Trainer({ hidden: [2] });
    const r = host.handle(create(1, { ...defaults, hidden: [5] }, { parameters: t.parameters(), epoch: 0 })).report;
    expect(r.error).toMatch(/do not fit/);
    expect(r.epoch).toBe(3);
  });
});

describe('share links', () => {
  const v1 = { v: 1, dataset: 'moons', noise: 0.2, trainFraction: 0.6, hidden: [4], activation: 'relu', lr: 0.01, batch: 5, optimizer: 'sgd', l2: 0.001, dropout: 0, seed: 3, initSeed: 4 };
  const parse = (raw: unknown) => playgroundState.parse(raw);

  it('take their defaults from settings.ts, the defaults the worker starts from', () => {
    expect(settingsSchema.parse({})).toEqual(defaults);
    expect(settingsOf(playgroundState.defaults())).toEqual({ ...defaults, initSeed: undefined });
  });

  it('open a version 1 link as version 2: inputs x₁ and x₂, no L1, everything else kept', () => {
    const { v: _v, ...fields } = v1;
    expect(parse(v1)).toEqual({ ok: true, state: { ...fields, l1: 0, features: ['x1', 'x2'] } });
  });

  it('reject a version 1 link with the new fields’ values out of its range, or with fields missing, and a version 2 link out of range', () => {
    expect(parse({ ...v1, dataset: 'plane' }).ok).toBe(false);
    expect(parse({ ...v1, l2: 3 }).ok).toBe(false);
    expect(parse({ v: 1, dataset: 'moons' }).ok).toBe(false);
    const v2 = linkState({ ...defaults, dataset: 'plane', l2: 3, features: ['x1sq'] }, { maxEpochs: 200, patience: 20, hide: ['dataset', 'features'] });
    expect(parse({ v: 2, ...v2 })).toEqual({ ok: true, state: v2 });
    expect(parse({ v: 2, ...v2, features: ['x1', 'x1'] }).ok).toBe(false);
    expect(parse({ v: 2, ...v2, hide: ['everything'] }).ok).toBe(false);
    expect(parse({ v: 2, ...v2, l1: 11 }).ok).toBe(false);
    expect(parse({ v: 3, ...v2 })).toEqual({ ok: true, state: v2 });
    expect(parse({ v: 4, ...v2 }).ok).toBe(false);
  });

  it('open a version 2 link as written before the figure kit (its exact text)', () => {
    // #playground=… as Share wrote it for moons, one hidden layer of 8, before the Playground was on the kit.
    const old = encodeText(JSON.stringify({ v: 2, dataset: 'moons', noise: 0.1, trainFraction: 0.5, hidden: [8], activation: 'relu', lr: 0.01, batch: 10, optimizer: 'adam', l1: 0, l2: 0, features: ['x1', 'x2'], dropout: 0, seed: 1 }));
    const read = playgroundState.read(old, playgroundState.defaults());
    expect(read.notice).toBeNull();
    expect(read.state).toMatchObject({ dataset: 'moons', hidden: [8], activation: 'relu', lr: 0.01 });
  });

  it('carry the settings through and back', () => {
    const s = { ...defaults, dataset: 'bump' as const, hidden: [3, 3], features: ['x1', 'sin2'] as ('x1' | 'sin2')[], l1: 0.03, initSeed: 7 };
    const read = playgroundState.decode(playgroundState.encode(linkState(s)));
    if (!read.ok) throw new Error(read.reason);
    expect(settingsOf(read.state)).toEqual(s);
  });

  it('clear an earlier New weights when a link without one is applied (Reset)', () => {
    const t = liveRun({ dataset: 'xor', initSeed: 4 });
    t.create(settingsOf(linkState({ ...defaults, dataset: 'xor' })));
    expect(t.settings.initSeed).toBeUndefined();
    expect(t.shown?.weights).toEqual(liveRun({ dataset: 'xor' }).shown?.weights);
  });
});

describe('stopping and going on (host)', () => {
  it('trains again after an epoch-limit stop once resumed with a higher limit', () => {
    const host = newHost();
    host.handle(create(0, { ...defaults, dataset: 'circle' }));
    expect(host.handle({ type: 'frame', gen: 0, epochs: 10, stop: { maxEpochs: 4 } }).report.stopped).toBe('max');
    expect(host.handle({ type: 'frame', gen: 0, epochs: 10, stop: { maxEpochs: 8 } }).report.trained).toBe(0); // asked for before the stop was seen
    host.handle({ type: 'resume', gen: 1 });
    const r = host.handle({ type: 'frame', gen: 1, epochs: 10, stop: { maxEpochs: 8 } }).report;
    expect([r.trained, r.epoch, r.stopped]).toEqual([4, 8, 'max']);
  });
});
