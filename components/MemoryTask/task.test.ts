// The memory task: its batches are what the chapter describes, and the nets learn a short delay.
import { describe, expect, it } from 'vitest';
import { rng } from '../../engine/index.ts';
import { MemoryNet, memoryBatch, memoryPair, memoryRun, SYMBOLS } from './task.ts';

describe('memoryBatch', () => {
  it('opens each sequence with the bit and fills the delay with distractors, one-hot before noise', () => {
    const { x, y } = memoryBatch(16, 7, rng(3));
    expect(x.shape).toEqual([16, 8, SYMBOLS]);
    for (let b = 0; b < 16; b++) {
      for (let t = 0; t < 8; t++) {
        const row = Array.from(x.data.slice((b * 8 + t) * SYMBOLS, (b * 8 + t + 1) * SYMBOLS));
        expect(row.reduce((a, v) => a + v, 0)).toBe(1);
        const on = row.indexOf(1);
        if (t === 0) expect(on).toBe(y[b]);
        else expect(on === 2 || on === 3).toBe(true);
      }
    }
    expect(new Set(y).size).toBe(2);
  });

  it('adds noise of the given size, and the same seed gives the same batch', () => {
    const a = memoryBatch(64, 10, rng(4), 0.1);
    expect(Array.from(a.x.data)).toEqual(Array.from(memoryBatch(64, 10, rng(4), 0.1).x.data));
    const clean = memoryBatch(64, 10, rng(4));
    let sq = 0;
    for (let i = 0; i < a.x.size; i++) sq += (a.x.data[i] - clean.x.data[i]) ** 2;
    // NOTE: the clean and noisy batches draw the same symbols; the noise comes after them.
    expect(Math.sqrt(sq / a.x.size)).toBeCloseTo(0.1, 1);
  });
});

describe('MemoryNet', () => {
  it('each kind learns a delay of 3 within 150 steps', () => {
    for (const kind of ['rnn', 'lstm', 'gru'] as const) {
      const net = new MemoryNet(kind, { seed: 1, forgetBias: 3 });
      const data = rng(11);
      for (let s = 0; s < 150; s++) net.trainStep(memoryBatch(32, 3, data, 0.1));
      expect(net.accuracy(memoryBatch(200, 3, rng(12), 0.1)), kind).toBeGreaterThan(0.95);
      expect(net.steps).toBe(150);
    }
  });

  it('reports the gradient norm before clipping', () => {
    const net = new MemoryNet('rnn', { seed: 2, clip: 1e-3 });
    const { gradNorm } = net.trainStep(memoryBatch(8, 3, rng(1)));
    expect(gradNorm).toBeGreaterThan(1e-3);
  });
});

describe('memoryRun', () => {
  it('trains the three nets side by side; at a delay of 40 the LSTM and GRU learn it and the plain RNN does not', () => {
    const run = memoryRun({ delay: 40, seed: 1 });
    run.measure();
    for (let e = 0; e < 15; e++) {
      run.trainEpoch();
      run.measure();
    }
    const r = run.report();
    expect(r.steps).toBe(150);
    expect(r.accuracy.lstm).toHaveLength(16);
    expect(r.at).toEqual(Array.from({ length: 16 }, (_, i) => 10 * i));
    run.measure(); // measuring the same epoch again replaces its entry
    expect(run.report().at).toHaveLength(16);
    expect(r.accuracy.lstm.at(-1)).toBeGreaterThan(0.95);
    expect(r.accuracy.gru.at(-1)).toBeGreaterThan(0.95);
    expect(r.accuracy.rnn.at(-1)).toBeLessThan(0.65);
    // The unit that carries the bit: its forget gate stays open through the distractors.
    expect(r.gates.forget).toHaveLength(41);
    const meanForget = r.gates.forget.slice(1).reduce((a, v) => a + v, 0) / 40;
    expect(meanForget).toBeGreaterThan(0.9);
    console.log('GATES', JSON.stringify({ unit: r.gates.unit, i: r.gates.input.map((v) => +v.toFixed(2)), f: r.gates.forget.map((v) => +v.toFixed(2)), o: r.gates.output.map((v) => +v.toFixed(2)), c: r.gates.cell.map((v) => +v.toFixed(2)) }));
  }, 600_000);

  it('saves and loads its state: a loaded run goes on with the same batches', () => {
    const a = memoryRun({ delay: 5, seed: 2 });
    a.trainEpoch();
    a.measure();
    const saved = structuredClone(a.saveState());
    const weights = a.parameters().map((p) => p.data.slice());
    const b = memoryRun({ delay: 5, seed: 2 });
    b.parameters().forEach((p, i) => p.data.set(weights[i]));
    b.loadState(saved);
    a.trainEpoch();
    b.trainEpoch();
    expect(Array.from(b.parameters()[0].data)).toEqual(Array.from(a.parameters()[0].data));
    expect(b.report().accuracy.rnn).toEqual(a.report().accuracy.rnn);
  });

  it('the probe pair differs only in its bit', () => {
    const { x, y } = memoryPair(6, rng(1), 0.1);
    const L = 7 * SYMBOLS;
    expect(Array.from(y)).toEqual([0, 1]);
    expect(Array.from(x.data.slice(2, L))).toEqual(Array.from(x.data.slice(L + 2, 2 * L)));
    expect(x.data[0]).toBeGreaterThan(x.data[1]);
    expect(x.data[L + 1]).toBeGreaterThan(x.data[L]);
  });
});
