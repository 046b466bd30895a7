// The trainer learns, stops on divergence instead of drawing NaN, and resets to the same start; the
// worker protocol trains within its budget, stops where asked and reports each measurement once; the
// figures' reactive view follows the reports (here without a worker, as on a page that has none).
import { describe, expect, it } from 'vitest';
import { TrainerHost, type Report } from './host.ts';
import { LiveTrainer } from './model.svelte.ts';
import { defaults, GRID, LossHistory, Trainer } from './trainer.ts';

const losses = (t: Trainer) => t.history.toArrays();

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

describe('trainer host (the worker protocol)', () => {
  const settings = { ...defaults, hidden: [8, 8], dataset: 'circle' as const };

  it('answers a reset with the data and a first measurement, and a frame with one measurement', () => {
    const host = new TrainerHost();
    const first = host.handle({ type: 'reset', gen: 1, settings }).report;
    expect(first.gen).toBe(1);
    expect(first.fresh?.train.n).toBe(250);
    expect(first.fresh?.test.n).toBe(250);
    expect(first.points).toHaveLength(3);
    expect(first.points[0]).toBe(0);
    const { report, transfer } = host.handle({ type: 'frame', gen: 1, epochs: 5 });
    expect(report.trained).toBe(5);
    expect(report.epoch).toBe(5);
    expect(report.points).toHaveLength(3); // once per frame, not once per epoch
    expect(report.points[0]).toBe(5);
    expect(report.boundary).toHaveLength(GRID * GRID);
    expect(report.sizes).toEqual([2, 8, 8, 1]);
    expect(transfer).toContain(report.boundary.buffer);
  });

  it('keeps to its time budget: a budget already spent trains one epoch', () => {
    const host = new TrainerHost();
    host.handle({ type: 'reset', gen: 0, settings });
    expect(host.handle({ type: 'frame', gen: 0, epochs: 20, budgetMs: 0 }).report.trained).toBe(1);
  });

  it('stops at maxEpoch and on divergence, and says why', () => {
    const host = new TrainerHost();
    host.handle({ type: 'reset', gen: 0, settings });
    const r = host.handle({ type: 'frame', gen: 0, epochs: 10, maxEpoch: 3 }).report;
    expect([r.epoch, r.stopped]).toEqual([3, 'max']);
    host.handle({ type: 'reset', gen: 1, settings: { ...settings, optimizer: 'sgd', lr: 1e6, activation: 'relu' } });
    let last: Report | null = null;
    for (let i = 0; i < 20 && !last?.stopped; i++) last = host.handle({ type: 'frame', gen: 1, epochs: 1 }).report;
    expect(last?.stopped).toBe('diverged');
    expect(last?.diverged).toBe(true);
  });

  it('applies early stopping after every epoch and restores the best parameters', () => {
    const host = new TrainerHost();
    host.handle({ type: 'reset', gen: 0, settings: { ...defaults, dataset: 'xor', points: 60, noise: 0.45, hidden: [24, 24], activation: 'relu', lr: 0.02, seed: 7 } });
    const r = host.handle({ type: 'frame', gen: 0, epochs: 300, patience: 30 }).report;
    expect(r.stopped).toBe('early');
    expect(r.epoch - r.bestEpoch).toBe(30);
    expect(r.points.length / 3).toBe(r.trained + 1); // one point per epoch, and one after restoring
    expect(r.points.at(-1)).toBeCloseTo(r.bestTestLoss, 5);
    // Frames asked for ahead of the stop change nothing: the best parameters stay restored.
    const after = host.handle({ type: 'frame', gen: 0, epochs: 1, patience: 30 }).report;
    expect([after.trained, after.epoch, after.points, after.stopped]).toEqual([0, r.epoch, [], null]);
    expect(host.handle({ type: 'reset', gen: 1, settings: { ...defaults, dataset: 'xor' } }).report.epoch).toBe(0);
    expect(host.handle({ type: 'frame', gen: 1, epochs: 1 }).report.trained).toBe(1);
  });

  it('changes the learning rate without restarting, and reports a failure instead of throwing', () => {
    const host = new TrainerHost();
    host.handle({ type: 'reset', gen: 0, settings });
    host.handle({ type: 'frame', gen: 0, epochs: 2 });
    expect(host.handle({ type: 'lr', gen: 0, lr: 0.1 }).report.epoch).toBe(2);
    const bad = host.handle({ type: 'reset', gen: 1, settings: { ...settings, trainFraction: 2 } }).report;
    expect(bad.error).toMatch(/fraction/);
    expect(bad.epoch).toBe(2);
  });
});

describe('the figures’ view (no worker in Node: the host runs in place)', () => {
  it('shows the first measurement at once, follows frames, and resets', () => {
    const t = new LiveTrainer({ dataset: 'circle' });
    expect(t.mode).toBe('page');
    expect(t.boundary).toHaveLength(GRID * GRID);
    expect(t.train.n).toBe(250);
    expect(Number.isFinite(t.trainLoss)).toBe(true);
    expect(t.frame({ epochs: 3, budgetMs: 1000 })).toBe(true);
    expect(t.lastFrame.epochs).toBe(3); // an animation frame: the boundary follows at once,
    expect(t.epoch).toBe(0); // the numbers and curves a little later
    expect(t.curves.epochs).toEqual([0]);
    t.step(2);
    expect(t.epoch).toBe(5);
    expect(t.curves.epochs).toEqual([0, 3, 5]);
    expect(t.snapshot()).toMatchObject({ dataset: 'circle', epoch: 5, hidden: [8, 8] });
    t.reset({ dataset: 'xor', hidden: [4] });
    expect(t.epoch).toBe(0);
    expect(t.curves.epochs).toEqual([0]);
    expect(t.sizes).toEqual([2, 4, 1]);
    expect(t.snapshot()).toMatchObject({ dataset: 'xor', hidden: [4] });
  });

  it('lets the numbers and curves follow streaming frames at most every 66 ms, and shows the last soon after', async () => {
    const t = new LiveTrainer({ dataset: 'circle' });
    const first = t.boundary;
    t.frame({ epochs: 1, budgetMs: 100 });
    t.frame({ epochs: 1, budgetMs: 100 });
    expect(t.boundary).not.toBe(first); // the boundary follows every frame
    expect([t.epoch, t.curves.epochs]).toEqual([0, [0]]); // the text waits
    await new Promise((r) => setTimeout(r, 120));
    expect([t.epoch, t.curves.epochs]).toEqual([2, [0, 1, 2]]);
    expect(t.trainLoss).toBe(t.history.train[2]);
    t.dispose();
  });

  it('calls onstop with the reason', () => {
    const t = new LiveTrainer({ dataset: 'circle' });
    const reasons: string[] = [];
    t.onstop = (r) => reasons.push(r);
    t.step(10, { maxEpoch: 4 });
    expect(t.epoch).toBe(4);
    expect(reasons).toEqual(['max']);
  });
});
