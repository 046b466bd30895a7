// Reading the test digits off the page: the worker's handler gives the same classes as the page's loop,
// reports its progress slice by slice, and says why when the weights do not fit; the reader model uses a
// worker when it has one and falls back to the page when the worker cannot start or fails.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { data, rng } from '../../engine/index.ts';
import { parseDigitFile, type DigitLoad } from '../DigitCNN/digitFile.ts';
import { digits, useDigits } from '../DigitCNN/digits.ts';
import { buildCnn } from '../DigitCNN/nets.ts';
import { loadWeights } from '../DigitCNN/task.ts';
import { ReaderModel } from './model.svelte.ts';
import { handlePredict, predictAll, SLICE, type PredictReply, type PredictRequest, type PredictWorker } from './predict.ts';

const text = readFileSync('public/data/digit-lenet.json', 'utf8');
let nets: DigitLoad;
beforeAll(async () => {
  useDigits(await data.loadDigits({ all: true }));
  const p = parseDigitFile(text);
  if (!p.ok) throw new Error(p.message);
  nets = p.load;
});

/** A stand-in worker that runs the real handler in this thread, answering asynchronously as a worker does. */
function fakeWorker(log: PredictReply[], handler = handlePredict): () => PredictWorker {
  return () => {
    const w: PredictWorker & { terminated: boolean } = {
      onmessage: null,
      onerror: null,
      terminated: false,
      terminate: () => (w.terminated = true),
      postMessage: (req: PredictRequest) =>
        void Promise.resolve().then(() =>
          handler(req, (r) => {
            log.push(r);
            if (!w.terminated) w.onmessage?.({ data: r } as MessageEvent<PredictReply>);
          }),
        ),
    };
    return w;
  };
}

describe('reading the test digits in a worker', () => {
  it('gives the same classes as the page, with progress after every slice', async () => {
    const test = digits()!.test;
    const n = 3 * SLICE + 7;
    const log: PredictReply[] = [];
    await handlePredict({ preset: nets.preset, weights: nets.weights.cnn, images: test.images, n }, (r) => log.push(r));
    const net = buildCnn(nets.preset, rng(0));
    expect(loadWeights(net, nets.weights.cnn)).toBe(true);
    const page = await predictAll(net, { images: test.images, n });
    expect(log.filter((r) => r.kind === 'progress').map((r) => (r as { done: number }).done)).toEqual([50, 100, 150, 157]);
    const last = log.at(-1)!;
    if (last.kind !== 'done') throw new Error('no answer');
    expect(Array.from(last.predicted)).toEqual(Array.from(page));
  });

  it('says why when the weights do not fit the network', async () => {
    const log: PredictReply[] = [];
    await handlePredict({ preset: nets.preset, weights: new Float32Array(10), images: new Float32Array(784), n: 1 }, (r) => log.push(r));
    expect(log).toEqual([{ kind: 'error', message: 'the weights do not fit the network' }]);
  });

  it('the reader model reads every digit in its worker, and on the page when the worker fails', async () => {
    const log: PredictReply[] = [];
    const inWorker = new ReaderModel({}, { readNets: async () => text, worker: fakeWorker(log) });
    await inWorker.load();
    expect(inWorker.status).toBe('ready');
    expect(log.filter((r) => r.kind === 'progress')).toHaveLength(2000 / SLICE);
    expect(inWorker.done).toBe(2000);

    const broken = new ReaderModel({}, { readNets: async () => text, worker: fakeWorker([], async (_req, post) => post({ kind: 'error', message: 'out of memory' })), pause: async () => {} });
    await broken.load();
    expect(broken.status).toBe('ready');
    expect(Array.from(broken.predicted!)).toEqual(Array.from(inWorker.predicted!));

    const none = new ReaderModel({}, { readNets: async () => text, worker: () => { throw new Error('no workers here'); }, pause: async () => {} });
    await none.load();
    expect(none.status).toBe('ready');
    expect(none.accuracy).toBe(inWorker.accuracy);
  }, 120_000);
});
