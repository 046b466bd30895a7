// The digit reader's state: chapter 7's LeNet-shaped CNN, trained once for its whole budget from a seed
// (scripts/build-digit-net.ts wrote public/data/digit-lenet.json), run here on the 2,000 held-out digits;
// the confusion matrix, the cell the reader picked and its digits, each class's precision and recall. It
// publishes its nets for a drawing pad on the same page (components/DrawDigit).
import { z } from 'zod';
import { rng, type Digits } from '../../engine/index.ts';
import { defineState } from '../ui/figureState.ts';
import { siteBase } from '../ui/site.ts';
import { StateModel } from '../ui/stateModel.ts';
import { parseDigitFile, type DigitLoad } from '../DigitCNN/digitFile.ts';
import { digits, loadAll } from '../DigitCNN/digits.ts';
import type { NetSource, TrainedNets } from '../DigitCNN/model.svelte.ts';
import { buildCnn, buildMlp, countParams, matchedWidth } from '../DigitCNN/nets.ts';
import { loadWeights } from '../DigitCNN/task.ts';
import { predictAll, predictInWorker, type PredictWorker } from './predict.ts';
import { CLASSES, cellDigits, classRates, confusionMatrix, matrixAccuracy, type ClassRates } from './reader.ts';

export const readerState = defineState({
  version: 1,
  schema: z.object({
    /** The picked cell, 10·(true digit) + (predicted digit), or -1 for none. */
    cell: z.number().int().min(-1).max(CLASSES * CLASSES - 1).default(-1),
  }),
});
export type ReaderState = z.output<typeof readerState.schema>;

/** Digits of a cell drawn at most. */
export const SHOWN = 40;

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : 'undefined');
const thousands = (n: number) => n.toLocaleString('en-US');

export interface ReaderOptions {
  base?: string;
  /** Reads the trained nets' file (default: fetch it from the site). */
  readNets?: () => Promise<string>;
  /** Starts the worker that reads the test digits off the page; without one, or if it fails, the page reads them. */
  worker?: () => PredictWorker;
  /** Between slices of predictions on the page (default: let the page draw). */
  pause?: (done: number) => Promise<void>;
}

export class ReaderModel extends StateModel<typeof readerState.schema> implements NetSource {
  cell = $state(this.initial.cell);
  status: 'waiting' | 'loading' | 'reading' | 'ready' | 'failed' = $state('waiting');
  error = $state('');
  /** Test digits read so far while the CNN runs over them. */
  done = $state(0);
  data: Digits | null = $state.raw(null);
  nets: DigitLoad | null = $state.raw(null);
  predicted: Uint8Array | null = $state.raw(null);

  readonly labels = $derived(this.data?.test.labels ?? null);
  readonly matrix: Int32Array | null = $derived(this.labels && this.predicted ? confusionMatrix(this.labels, this.predicted) : null);
  readonly rates: ClassRates[] | null = $derived(this.matrix ? classRates(this.matrix) : null);
  readonly accuracy = $derived(this.matrix ? matrixAccuracy(this.matrix) : Number.NaN);
  /** The picked cell's test digits, in test order. */
  readonly picked: number[] = $derived(this.labels && this.predicted && this.cell >= 0 ? cellDigits(this.labels, this.predicted, Math.floor(this.cell / CLASSES), this.cell % CLASSES) : []);
  /** What a drawing pad runs. */
  readonly shown: TrainedNets | null = $derived.by(() => {
    const f = this.nets;
    if (!f) return null;
    const cnn = countParams(buildCnn(f.preset, rng(0)));
    const hidden = matchedWidth(cnn);
    return { preset: f.preset, seen: f.seen, weights: f.weights, params: { cnn, mlp: countParams(buildMlp(hidden, rng(0))), hidden } };
  });

  constructor(
    init: Partial<ReaderState> = {},
    private readonly options: ReaderOptions = {},
  ) {
    super(readerState, init);
  }

  /** The figure kit calls this as the figure comes near the screen. */
  onVisible(): void {
    void this.load();
  }

  /** Loads the digits and the trained nets, then reads every test digit; safe to call again. */
  async load(): Promise<void> {
    if (this.status !== 'waiting' && this.status !== 'failed') return;
    this.status = 'loading';
    const base = this.options.base ?? siteBase();
    try {
      const readNets = this.options.readNets ?? (() => fetch(`${base}/data/digit-lenet.json`).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`)))));
      const [d, text] = await Promise.all([digits() ? Promise.resolve(digits()!) : loadAll(base), readNets()]);
      const parsed = parseDigitFile(text);
      if (!parsed.ok) throw new Error(parsed.message);
      const net = buildCnn(parsed.load.preset, rng(0));
      if (!loadWeights(net, parsed.load.weights.cnn)) throw new Error('the weights do not fit the network');
      this.data = d;
      this.nets = parsed.load;
      this.status = 'reading';
      this.predicted = await this.predict(net, parsed.load, d);
      this.status = 'ready';
    } catch (e) {
      this.status = 'failed';
      this.error = `The trained digit reader could not be loaded (${(e as Error).message}). Reload the page to try again.`;
    }
  }

  /** Every test digit's predicted class: in the worker if there is one, else (or if it fails) on the page. */
  private async predict(net: ReturnType<typeof buildCnn>, nets: DigitLoad, d: Digits): Promise<Uint8Array> {
    const progress = (n: number) => (this.done = n);
    const { worker } = this.options;
    if (worker) {
      try {
        return await predictInWorker(worker, { preset: nets.preset, weights: nets.weights.cnn, images: d.test.images, n: d.test.n }, progress);
      } catch {
        this.done = 0;
      }
    }
    const pause = this.options.pause ?? (() => new Promise<void>((done) => setTimeout(done, 0)));
    return predictAll(net, d.test, async (n) => {
      progress(n);
      await pause(n);
    });
  }

  /** Picks cell (true y, predicted p); picking it again clears the pick. */
  pick(y: number, p: number): void {
    const c = y * CLASSES + p;
    this.cell = this.cell === c ? -1 : c;
  }

  /** What exercises read: the accuracy, the picked cell and its count, each class's rates. */
  report() {
    return { accuracy: this.accuracy, cell: this.cell, count: this.cell >= 0 && this.matrix ? this.matrix[this.cell] : null, rates: this.rates };
  }

  describe(): string {
    if (this.status === 'failed') return this.error;
    if (this.status === 'waiting' || this.status === 'loading') return 'The 10,000 digits and the trained CNN load when the figure comes into view.';
    if (this.status === 'reading' || !this.matrix || !this.rates) return `The trained CNN is reading the ${thousands(this.data?.test.n ?? 2000)} test digits: ${thousands(this.done)} so far.`;
    const m = this.matrix;
    const n = this.labels!.length;
    let worst = [0, 0, -1];
    for (let y = 0; y < CLASSES; y++) for (let p = 0; p < CLASSES; p++) if (y !== p && m[y * CLASSES + p] > worst[2]) worst = [y, p, m[y * CLASSES + p]];
    const low = (key: 'precision' | 'recall') => this.rates!.reduce((best, r, k) => (r[key] < this.rates![best][key] ? k : best), 0);
    const [lp, lr] = [low('precision'), low('recall')];
    const head = `The LeNet-shaped CNN, trained on ${thousands(this.nets!.seen)} images, reads ${pct(this.accuracy)} of the ${thousands(n)} test digits correctly. Its commonest mistake: ${worst[0]} read as ${worst[1]}, ${worst[2]} times. Lowest recall: ${lr} (${pct(this.rates[lr].recall)}); lowest precision: ${lp} (${pct(this.rates[lp].precision)}).`;
    if (this.cell < 0) return `${head} No cell picked.`;
    const [y, p] = [Math.floor(this.cell / CLASSES), this.cell % CLASSES];
    const count = m[this.cell];
    const what = y === p ? `${count} test digits that are ${y} and read as ${y}` : `${count} test digit${count === 1 ? '' : 's'} that ${count === 1 ? 'is' : 'are'} ${y} but read as ${p}`;
    return `${head} Picked cell: ${what}${count > SHOWN ? `; the first ${SHOWN} are shown` : ''}.`;
  }
}
