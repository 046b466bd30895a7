// Running the trained CNN over the test digits: in slices, so whoever runs it can report progress between
// them, and in a worker where there is one (predict.worker.ts), on the page where there is not.
import { noGrad, rng, type nn } from '../../engine/index.ts';
import { buildCnn, type CnnPreset } from '../DigitCNN/nets.ts';
import { imageBatch, loadWeights } from '../DigitCNN/task.ts';
import { CLASSES } from './reader.ts';

/** Test digits run through the CNN per slice, between which progress is reported. */
export const SLICE = 50;

/** The test digits the CNN reads: n images of 28×28, row after row. */
export interface TestImages {
  images: Float32Array;
  n: number;
}

export type PredictRequest = TestImages & { preset: CnnPreset; weights: Float32Array };
export type PredictReply = { kind: 'progress'; done: number } | { kind: 'done'; predicted: Uint8Array } | { kind: 'error'; message: string };

/** The CNN's predicted class for every test digit, computed in slices (`pause` after each). */
export async function predictAll(net: nn.Sequential, test: TestImages, pause: (done: number) => Promise<void> = async () => {}): Promise<Uint8Array> {
  const out = new Uint8Array(test.n);
  net.eval();
  for (let s = 0; s < test.n; s += SLICE) {
    const idx = Array.from({ length: Math.min(SLICE, test.n - s) }, (_, k) => s + k);
    const z = noGrad(() => net.forward(imageBatch(test, idx)).data);
    idx.forEach((i, b) => {
      let best = 0;
      for (let k = 1; k < CLASSES; k++) if (z[b * CLASSES + k] > z[b * CLASSES + best]) best = k;
      out[i] = best;
    });
    await pause(s + idx.length);
  }
  return out;
}

/** The worker's side: builds the CNN, loads the weights, reads every digit, posting progress and then the answer. */
export async function handlePredict(req: PredictRequest, post: (r: PredictReply, transfer?: Transferable[]) => void): Promise<void> {
  try {
    const net = buildCnn(req.preset, rng(0));
    if (!loadWeights(net, req.weights)) throw new Error('the weights do not fit the network');
    const predicted = await predictAll(net, req, async (done) => post({ kind: 'progress', done }));
    post({ kind: 'done', predicted }, [predicted.buffer]);
  } catch (err) {
    post({ kind: 'error', message: (err as Error).message });
  }
}

/** What the page needs of a worker (a real Worker, or a stand-in in tests). */
export interface PredictWorker {
  postMessage(m: PredictRequest): void;
  onmessage: ((e: MessageEvent<PredictReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

/**
 * Runs the request in the worker `start` makes, reporting progress; rejects if the worker cannot start,
 * fails or reports an error, so that the caller can fall back to the page.
 */
export function predictInWorker(start: () => PredictWorker, req: PredictRequest, progress: (done: number) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let w: PredictWorker;
    try {
      w = start();
    } catch (e) {
      reject(e as Error);
      return;
    }
    w.onmessage = (e) => {
      const r = e.data;
      if (r.kind === 'progress') progress(r.done);
      else {
        w.terminate();
        if (r.kind === 'done') resolve(r.predicted);
        else reject(new Error(r.message));
      }
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      w.terminate();
      reject(new Error(e.message || 'the worker failed'));
    };
    // A copy of the images: the page keeps its own to draw the digits.
    w.postMessage({ ...req, images: req.images.slice(0, req.n * 784) });
  });
}
