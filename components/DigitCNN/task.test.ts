// The digit figure's nets and training: the parameter counts and receptive fields the chapter quotes, the
// matched MLP, a short run that learns (both nets, on the real digits), the report's shapes, Pause's saved
// state, the probe command, and weights that round-trip into a fresh net.
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d, data, nn, noGrad, rng, tensor, zeros } from '../../engine/index.ts';
import { useDigits } from './digits.ts';
import { buildCnn, buildMlp, countParams, matchedWidth, mlpParams, receptiveFields, stageSides, cnnSpecs, windowLayers } from './nets.ts';
import { digitRun, digitSchedule, flatWeights, imageBatch, loadWeights } from './task.ts';

beforeAll(async () => {
  useDigits(await data.loadDigits({ all: true }));
});

describe('the chapter’s nets', () => {
  it('counts the parameters the chapter quotes: the LeNet-shaped CNN, its layers, and the matched MLP', () => {
    const cnn = buildCnn('lenet', rng(1));
    expect(countParams(cnn)).toBe(61_706);
    const counts = cnn.layers.map(countParams).filter((n) => n > 0);
    expect(counts).toEqual([156, 2_416, 48_120, 10_164, 850]);
    expect(matchedWidth(61_706)).toBe(78);
    expect(mlpParams(78)).toBe(62_020);
    expect(countParams(buildMlp(78, rng(1)))).toBe(62_020);
    expect(countParams(buildCnn('small', rng(1)))).toBe(4_266);
    expect(mlpParams(100)).toBe(79_510);
    expect(784 * 100).toBe(78_400);
  });

  it('gives each layer the map sizes and receptive fields the chapter states', () => {
    expect(stageSides(cnnSpecs.lenet)).toEqual([{ conv: 28, pool: 14 }, { conv: 10, pool: 5 }]);
    expect(receptiveFields(windowLayers('lenet')).map((l) => l.r)).toEqual([5, 6, 14, 16]);
    expect(receptiveFields([{ k: 3, s: 1 }, { k: 3, s: 1 }, { k: 3, s: 1 }]).map((l) => l.r)).toEqual([3, 5, 7]);
    expect(receptiveFields([{ k: 3, s: 1, d: 2 }]).map((l) => l.r)).toEqual([5]);
    const out = noGrad(() => buildCnn('lenet', rng(1)).forward(zeros([2, 1, 28, 28])));
    expect(out.shape).toEqual([2, 10]);
  });

  it('the receptive field of a unit after conv 2 is the 14×14 patch whose pixels change its value', () => {
    const cnn = buildCnn('lenet', rng(3));
    const probe = (x: Float32Array) => noGrad(() => (cnn.forward(tensor(x, [1, 1, 28, 28])), cnn.activations[3].data[(0 * 10 + 4) * 10 + 4]));
    const base = probe(new Float32Array(784).fill(0.5));
    const touched: number[] = [];
    for (let p = 0; p < 784; p++) {
      const x = new Float32Array(784).fill(0.5);
      x[p] = 5;
      if (probe(x) !== base) touched.push(p);
    }
    const rows = new Set(touched.map((p) => Math.floor(p / 28)));
    const cols = new Set(touched.map((p) => p % 28));
    expect([rows.size, cols.size]).toEqual([14, 14]);
    expect(Math.min(...rows)).toBe(6); // unit (4, 4) of conv 2 reads pool-1 rows 4 to 8, conv-1 rows 8 to 17, input rows 6 to 19
  });
});

describe('digitRun', () => {
  it('trains both nets on the same batches, measures them on the 2,000 test digits, and reports what the figure draws', () => {
    const run = digitRun({ preset: 'lenet', seed: 1 });
    expect(run.measure().loss).toBeCloseTo(Math.log(10), 5);
    for (let e = 0; e < digitSchedule.testEvery; e++) run.trainEpoch();
    run.measure();
    const r = run.report();
    expect(r.seen).toBe(2_000);
    expect(r.accuracy.at).toEqual([2_000]);
    expect(r.accuracy.cnn[0]).toBeGreaterThan(0.6);
    expect(r.accuracy.mlp[0]).toBeGreaterThan(0.6);
    expect(r.loss.cnn).toHaveLength(digitSchedule.testEvery);
    expect(r.loss.cnn.at(-1)!).toBeLessThan(r.loss.cnn[0]);
    expect(r.confusion!.reduce((a, b) => a + b, 0)).toBe(2_000);
    expect(r.filters.length).toBe(6 * 25);
    expect(r.maps.map((m) => [m.channels, m.side, m.data.length])).toEqual([[6, 28, 4704], [6, 14, 1176], [16, 10, 1600], [16, 5, 400]]);
    expect(r.wrong.every((w, i) => i === 0 || w.confidence <= r.wrong[i - 1].confidence)).toBe(true);
    expect(r.params).toEqual({ cnn: 61_706, mlp: 62_020, hidden: 78 });
    expect(digitSchedule.maxEpochs(8000)).toBe(120);

    // The page runs the nets from the reported weights and gets the worker's probabilities.
    const page = buildCnn('lenet', rng(99));
    expect(loadWeights(page, r.weights.cnn)).toBe(true);
    expect(loadWeights(page, r.weights.mlp)).toBe(false);
    page.eval();
    const z = noGrad(() => page.forward(imageBatch({ images: data0().test.images }, [r.probe]))).data;
    const m = Math.max(...z);
    const p = Array.from(z, (v) => Math.exp(v - m));
    const total = p.reduce((a, b) => a + b, 0);
    p.forEach((v, k) => expect(v / total).toBeCloseTo(r.probeProbs.cnn[k], 5));
    expect(flatWeights(page)).toEqual(r.weights.cnn);
  });

  it('saves and restores its state so a rewound run trains the same numbers again', () => {
    const run = digitRun({ preset: 'small', seed: 2 });
    run.trainEpoch();
    const saved = run.saveState();
    const params = run.parameters().map((p) => p.data.slice());
    run.trainEpoch();
    const after = run.report().loss.cnn.at(-1);
    run.parameters().forEach((p, i) => p.data.set(params[i]));
    run.epoch = 1;
    run.loadState(saved);
    run.trainEpoch();
    const r = run.report();
    expect(r.loss.cnn).toHaveLength(2);
    expect(r.loss.cnn.at(-1)).toBe(after);
  });

  it('shows another test digit on the probe command, and refuses one that does not exist', () => {
    const run = digitRun({ preset: 'small', seed: 1 });
    run.commands.probe(17);
    expect(run.report().probe).toBe(17);
    expect(() => run.commands.probe(2_000)).toThrow(/no test digit 2000/);
    expect(() => digitRun({ preset: 'huge' as never, seed: 1 })).toThrow(/Unknown network/);
  });

  it('its first convolution is the engine’s conv2d', () => {
    const cnn = buildCnn('lenet', rng(5));
    const x = imageBatch({ images: data0().test.images }, [0, 1]);
    const conv = cnn.layers[0] as nn.Conv2d;
    const y = noGrad(() => conv.forward(x));
    const z = noGrad(() => conv2d(x, conv.weight, conv.bias, { padding: 2 }));
    expect(Array.from(y.data)).toEqual(Array.from(z.data));
  });
});

let loaded: Awaited<ReturnType<typeof data.loadDigits>> | null = null;
function data0() {
  if (!loaded) throw new Error('digits not loaded');
  return loaded;
}
beforeAll(async () => {
  loaded = await data.loadDigits({ all: true });
});
