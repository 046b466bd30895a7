// The drawing pad's state: the ink on a PAD×PAD canvas (drawn with the pointer, or with the keyboard's
// cursor and space), a shift of the centred digit, and the class probabilities of the CNN and of the dense
// network that the digit figure on the page trained last, run here on the page from its reported weights.
// Also: how often a shift of 2 or 3 pixels changes each net's answer over the test digits.
import { z } from 'zod';
import { noGrad, rng, tensor, type Digits, type nn } from '../../engine/index.ts';
import type { FigureModel } from '../ui/figure.svelte.ts';
import { defineState } from '../ui/figureState.ts';
import { trained, type TrainedNets } from '../DigitCNN/model.svelte.ts';
import { buildCnn, buildMlp, type CnnPreset } from '../DigitCNN/nets.ts';
import { loadWeights, softmaxRow } from '../DigitCNN/task.ts';
import { centreDigit, paint, shiftImage, SIDE } from './centring.ts';

/** The pad's resolution: 4 drawing pixels per input pixel. */
export const PAD = 112;
export const SCALE = PAD / SIDE;
export const BRUSH = 5.5;
export const SHIFT_MAX = 4;

/** The drawing as the link stores it: 28×28, one hexadecimal digit (16 levels of ink) per pixel. */
const inkText = z.string().regex(/^[0-9a-f]*$/).refine((s) => s.length === 0 || s.length === SIDE * SIDE, 'the drawing must have 784 pixels');

export const drawState = defineState({
  version: 1,
  schema: z.object({
    ink: inkText.default(''),
    dx: z.number().int().min(-SHIFT_MAX).max(SHIFT_MAX).default(0),
    dy: z.number().int().min(-SHIFT_MAX).max(SHIFT_MAX).default(0),
  }),
});
export type DrawState = z.output<typeof drawState.schema>;

/** The pad as 28×28 (each pixel the mean of its 4×4 block). */
export function downsample(pad: Float32Array): Float32Array {
  const out = new Float32Array(SIDE * SIDE);
  for (let i = 0; i < PAD; i++) for (let j = 0; j < PAD; j++) out[Math.floor(i / SCALE) * SIDE + Math.floor(j / SCALE)] += pad[i * PAD + j] / (SCALE * SCALE);
  return out;
}

/** A 28×28 image blown up to the pad (each pixel a 4×4 block). */
export function upsample(img: ArrayLike<number>): Float32Array {
  const out = new Float32Array(PAD * PAD);
  for (let i = 0; i < PAD; i++) for (let j = 0; j < PAD; j++) out[i * PAD + j] = img[Math.floor(i / SCALE) * SIDE + Math.floor(j / SCALE)];
  return out;
}

export const encodeInk = (img: Float32Array): string => (img.some((v) => v > 0) ? Array.from(img, (v) => Math.round(Math.min(1, Math.max(0, v)) * 15).toString(16)).join('') : '');
export const decodeInk = (s: string): Float32Array => Float32Array.from({ length: SIDE * SIDE }, (_, i) => (s ? parseInt(s[i], 16) / 15 : 0));

export interface Prediction {
  cnn: Float32Array;
  mlp: Float32Array;
}

/** Runs nets of the report's shapes with its weights; the nets are built once per preset. */
class NetCache {
  private preset: CnnPreset | null = null;
  private hidden = 0;
  private cnn: nn.Sequential | null = null;
  private mlp: nn.Sequential | null = null;
  private loaded: Float32Array | null = null;

  nets(r: TrainedNets): { cnn: nn.Sequential; mlp: nn.Sequential } {
    if (r.preset !== this.preset || r.params.hidden !== this.hidden || !this.cnn || !this.mlp) {
      this.cnn = buildCnn(r.preset, rng(0));
      this.mlp = buildMlp(r.params.hidden, rng(0));
      this.cnn.eval();
      this.mlp.eval();
      this.preset = r.preset;
      this.hidden = r.params.hidden;
      this.loaded = null;
    }
    if (this.loaded !== r.weights.cnn) {
      loadWeights(this.cnn, r.weights.cnn);
      loadWeights(this.mlp, r.weights.mlp);
      this.loaded = r.weights.cnn;
    }
    return { cnn: this.cnn, mlp: this.mlp };
  }
}

/** Both nets' probabilities for a batch of 28×28 images (row-major, one after another). */
export function predict(nets: { cnn: nn.Sequential; mlp: nn.Sequential }, images: Float32Array): Prediction {
  const n = images.length / (SIDE * SIDE);
  const x = tensor(images, [n, 1, SIDE, SIDE]);
  return noGrad(() => ({ cnn: nets.cnn.forward(x).data.slice(), mlp: nets.mlp.forward(x).data.slice() }));
}

export const argmax = (p: ArrayLike<number>, offset = 0): number => {
  let best = 0;
  for (let k = 1; k < 10; k++) if (p[offset + k] > p[offset + best]) best = k;
  return best;
};

export interface ShiftRates {
  /** Test digits measured. */
  n: number;
  /** The share of (digit, shift) pairs whose predicted class changed, for each net. */
  cnn: number;
  mlp: number;
  /** The images seen by the nets when they were measured. */
  seen: number;
}

/** The eight shifts of 2 or 3 pixels along one axis: right, left, down, up. */
export const SHIFTS: [number, number][] = [2, 3].flatMap((s) => [[s, 0], [-s, 0], [0, s], [0, -s]] as [number, number][]);

/**
 * How often shifting a test digit by 2 or 3 pixels changes each net's answer: over test digits 0…n−1, each
 * shifted by every SHIFTS entry, the share of pairs whose predicted class differs from the unshifted one.
 */
export function shiftRates(nets: { cnn: nn.Sequential; mlp: nn.Sequential }, test: Digits['test'], n: number, seen: number): ShiftRates {
  let cnn = 0;
  let mlp = 0;
  for (let i = 0; i < n; i++) {
    const img = test.images.subarray(i * 784, (i + 1) * 784);
    const batch = new Float32Array((SHIFTS.length + 1) * 784);
    batch.set(img, 0);
    SHIFTS.forEach(([dx, dy], k) => batch.set(shiftImage(img, dx, dy), (k + 1) * 784));
    const p = predict(nets, batch);
    const [c0, m0] = [argmax(p.cnn, 0), argmax(p.mlp, 0)];
    for (let k = 1; k <= SHIFTS.length; k++) {
      if (argmax(p.cnn, k * 10) !== c0) cnn++;
      if (argmax(p.mlp, k * 10) !== m0) mlp++;
    }
  }
  const pairs = n * SHIFTS.length;
  return { n, cnn: cnn / pairs, mlp: mlp / pairs, seen };
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

export class DrawModel implements FigureModel<typeof drawState.schema> {
  readonly spec = drawState;
  readonly initial: DrawState;
  pad: Float32Array = $state.raw(new Float32Array(PAD * PAD));
  dx = $state(0);
  dy = $state(0);
  /** The keyboard's cursor on the 28×28 grid. */
  cursor: [number, number] = $state.raw([14, 14]);
  rates: ShiftRates | null = $state.raw(null);
  measuring = $state(false);
  private cache = new NetCache();

  readonly source = $derived(trained.source);
  readonly trainedReport: TrainedNets | null = $derived(this.source?.shown ?? null);
  readonly empty = $derived(!this.pad.some((v) => v > 0));
  /** What the nets read: the drawing centred as MNIST's digits were, then shifted. */
  readonly centred = $derived(centreDigit(this.pad, PAD));
  readonly input = $derived(shiftImage(this.centred, this.dx, this.dy));
  readonly prediction: Prediction | null = $derived.by(() => {
    const r = this.trainedReport;
    if (!r || this.empty) return null;
    const p = predict(this.cache.nets(r), this.input);
    return { cnn: softmaxRow(p.cnn), mlp: softmaxRow(p.mlp) };
  });

  constructor(init: Partial<DrawState> = {}) {
    this.initial = drawState.defaults(init);
    this.apply(this.initial);
  }

  snapshot(): DrawState {
    return { ink: encodeInk(downsample(this.pad)), dx: this.dx, dy: this.dy };
  }

  apply(s: DrawState): void {
    this.pad = s.ink ? upsample(decodeInk(s.ink)) : new Float32Array(PAD * PAD);
    this.dx = s.dx;
    this.dy = s.dy;
  }

  reset(): void {
    this.rates = null;
    this.apply(this.initial);
  }

  /** A stroke from (x0, y0) to (x1, y1), in pad pixels. */
  stroke(x0: number, y0: number, x1: number, y1: number): void {
    const next = this.pad.slice();
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 1.5));
    for (let s = 0; s <= steps; s++) paint(next, PAD, x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, BRUSH);
    this.pad = next;
  }

  clear(): void {
    this.pad = new Float32Array(PAD * PAD);
  }

  /** The keyboard: move the cursor on the 28×28 grid. */
  moveCursor(dr: number, dc: number): void {
    const [r, c] = this.cursor;
    this.cursor = [Math.min(SIDE - 1, Math.max(0, r + dr)), Math.min(SIDE - 1, Math.max(0, c + dc))];
  }

  /** The keyboard: ink the cursor's pixel, or rub it out if it is inked. */
  toggleAtCursor(): void {
    const [r, c] = this.cursor;
    const next = this.pad.slice();
    const on = next[(r * SCALE + 1) * PAD + c * SCALE + 1] < 0.5;
    for (let i = 0; i < SCALE; i++) for (let j = 0; j < SCALE; j++) next[(r * SCALE + i) * PAD + c * SCALE + j] = on ? 1 : 0;
    this.pad = next;
  }

  /** Copies a test digit onto the pad. */
  useTestDigit(test: Digits['test'], i: number): void {
    this.pad = upsample(test.images.subarray(i * 784, (i + 1) * 784));
  }

  setShift(dx: number, dy: number): void {
    this.dx = Math.min(SHIFT_MAX, Math.max(-SHIFT_MAX, Math.round(dx)));
    this.dy = Math.min(SHIFT_MAX, Math.max(-SHIFT_MAX, Math.round(dy)));
  }

  /** Measures `shiftRates` on the first n test digits, in slices so the page stays responsive. */
  async measureShifts(test: Digits['test'], n = 500, slice = 25): Promise<void> {
    const r = this.trainedReport;
    if (!r || this.measuring) return;
    this.measuring = true;
    const nets = { cnn: buildCnn(r.preset, rng(0)), mlp: buildMlp(r.params.hidden, rng(0)) };
    loadWeights(nets.cnn, r.weights.cnn);
    loadWeights(nets.mlp, r.weights.mlp);
    nets.cnn.eval();
    nets.mlp.eval();
    let cnn = 0;
    let mlp = 0;
    for (let s = 0; s < n; s += slice) {
      const part = shiftRates(nets, { images: test.images.subarray(s * 784), labels: test.labels.subarray(s), n: Math.min(slice, n - s) }, Math.min(slice, n - s), r.seen);
      cnn += part.cnn * part.n;
      mlp += part.mlp * part.n;
      await new Promise((done) => setTimeout(done, 0));
    }
    this.rates = { n, cnn: cnn / n, mlp: mlp / n, seen: r.seen };
    this.measuring = false;
  }

  describe(): string {
    const px = (n: number) => `${Math.abs(n)} pixel${Math.abs(n) === 1 ? '' : 's'}`;
    const moves = [this.dx ? `${px(this.dx)} ${this.dx < 0 ? 'left' : 'right'}` : '', this.dy ? `${px(this.dy)} ${this.dy < 0 ? 'up' : 'down'}` : ''].filter(Boolean);
    const shift = moves.length ? ` shifted ${moves.join(' and ')}` : '';
    const rates = this.rates ? ` Shifting the first ${this.rates.n} test digits by 2 or 3 pixels changed the CNN's answer ${pct(this.rates.cnn)} of the time and the dense network's ${pct(this.rates.mlp)}.` : '';
    if (!this.source) return `No digit figure on this page has trained the nets.${rates}`;
    if (!this.trainedReport || this.trainedReport.seen === 0) return `The pad is ${this.empty ? 'empty' : 'drawn on'}; the nets in the digit figure are not trained yet: press Train there.${rates}`;
    if (this.empty || !this.prediction) return `The pad is empty: draw a digit.${rates}`;
    const { cnn, mlp } = this.prediction;
    return `Your digit${shift}: the CNN reads ${argmax(cnn)} (${pct(cnn[argmax(cnn)])}), the dense network ${argmax(mlp)} (${pct(mlp[argmax(mlp)])}), both trained on ${this.trainedReport.seen.toLocaleString('en-US')} images.${rates}`;
  }
}
