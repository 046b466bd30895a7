// The convolution explorer's state: an input, a square kernel the reader edits (or picks from presets),
// stride, padding and dilation, and how many output cells have been computed so far as the kernel steps
// across the input. Everything shown (output size, the window of the current cell, its dot product, the
// feature map so far) is derived from that state; ConvolutionView.svelte is the controls and the drawing.
import { z } from 'zod';
import { defineState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';
import { dot, dotText, featureMap, formulaText, num, outputShape, windowAt, type Geometry, type Tap } from './convolution.ts';
import { inputNames, inputs, presetOf, presets, type InputName, type PresetName } from './presets.ts';

export const KERNEL_MIN = -9;
export const KERNEL_MAX = 9;

export const convolutionState = defineState({
  version: 1,
  schema: z
    .object({
      input: z.enum(inputNames).default('digit'),
      k: z.number().int().min(1).max(5).default(3),
      kernel: z.array(z.number().min(KERNEL_MIN).max(KERNEL_MAX)).min(1).max(25).default(presets.vertical.kernel),
      stride: z.number().int().min(1).max(3).default(1),
      padding: z.number().int().min(0).max(3).default(0),
      dilation: z.number().int().min(1).max(3).default(1),
      /** Output cells computed so far, in reading order. */
      at: z.number().int().min(0).max(400).default(0),
    })
    .refine((s) => s.kernel.length === s.k * s.k, { message: 'the kernel must have k·k entries', path: ['kernel'] }),
});
export type ConvolutionState = z.output<typeof convolutionState.schema>;

export class ConvolutionModel extends StateModel<typeof convolutionState.schema> {
  input: InputName = $state(this.initial.input);
  k = $state(this.initial.k);
  kernel: number[] = $state.raw(this.initial.kernel);
  stride = $state(this.initial.stride);
  padding = $state(this.initial.padding);
  dilation = $state(this.initial.dilation);
  at = $state(this.initial.at);
  /** The output cell under the pointer, if any: its window is shown instead of the current one. */
  hover: number | null = $state(null);
  playing = $state(false);

  readonly image = $derived(inputs[this.input]);
  readonly geometry: Geometry = $derived({ H: this.image.size, W: this.image.size, k: this.k, stride: this.stride, padding: this.padding, dilation: this.dilation });
  readonly shape = $derived(outputShape(this.geometry));
  readonly cells = $derived(this.shape.Ho * this.shape.Wo);
  readonly output = $derived(featureMap(this.image.pixels, this.kernel, this.geometry));
  readonly preset: PresetName | null = $derived(presetOf(this.kernel));
  /** The cell whose window is shown: the one under the pointer, else the last one computed (or the first, before any). */
  readonly focus = $derived(this.hover ?? Math.max(0, this.at - 1));
  readonly taps: Tap[] = $derived(this.cells ? windowAt(this.image.pixels, this.kernel, this.geometry, Math.floor(this.focus / this.shape.Wo), this.focus % this.shape.Wo) : []);

  constructor(init: Partial<z.input<typeof convolutionState.schema>> = {}) {
    super(convolutionState, init);
    this.apply(this.initial);
  }

  get animating(): boolean {
    return this.playing;
  }

  /** The sweep stops; a cell past the end of the map is the end. */
  override apply(s: ConvolutionState): void {
    this.playing = false;
    super.apply(s);
    this.at = Math.min(s.at, this.cells);
  }

  override reset(): void {
    this.hover = null;
    super.reset();
  }

  /** A change of geometry or input starts the sweep over: the old cells would not be the new map's. */
  private restart(): void {
    this.playing = false;
    this.hover = null;
    this.at = 0;
  }

  setInput(name: InputName): void {
    this.input = name;
    this.restart();
  }

  setGeometry(patch: Partial<Pick<Geometry, 'stride' | 'padding' | 'dilation'>>): void {
    if (patch.stride !== undefined) this.stride = patch.stride;
    if (patch.padding !== undefined) this.padding = patch.padding;
    if (patch.dilation !== undefined) this.dilation = patch.dilation;
    this.restart();
  }

  /** A new kernel size keeps the centre of the old kernel and fills the rest with zeros. */
  setSize(k: number): void {
    if (k === this.k) return;
    const old = this.kernel, ok = this.k, shift = Math.floor((k - ok) / 2);
    const next = Array<number>(k * k).fill(0);
    for (let u = 0; u < ok; u++)
      for (let v = 0; v < ok; v++) {
        const [r, c] = [u + shift, v + shift];
        if (r >= 0 && r < k && c >= 0 && c < k) next[r * k + c] = old[u * ok + v];
      }
    this.k = k;
    this.kernel = next;
    this.restart();
  }

  usePreset(name: PresetName): void {
    this.k = 3;
    this.kernel = presets[name].kernel.slice();
    this.at = Math.min(this.at, this.cells);
  }

  /** Sets one kernel entry (clamped, rounded to hundredths); the cells computed so far are recomputed. */
  setWeight(index: number, value: number): void {
    if (!Number.isFinite(value) || index < 0 || index >= this.kernel.length) return;
    const next = this.kernel.slice();
    next[index] = Math.round(Math.min(KERNEL_MAX, Math.max(KERNEL_MIN, value)) * 100) / 100;
    this.kernel = next;
  }

  /** Computes the next output cell; false when the map is complete. */
  step(): boolean {
    if (this.at >= this.cells) {
      this.playing = false;
      return false;
    }
    this.at++;
    return true;
  }

  back(): void {
    this.playing = false;
    if (this.at > 0) this.at--;
  }

  fill(): void {
    this.playing = false;
    this.at = this.cells;
  }

  clear(): void {
    this.playing = false;
    this.at = 0;
  }

  /** Play from the start when the map is complete. */
  togglePlay(): void {
    if (this.playing) {
      this.playing = false;
      return;
    }
    if (this.at >= this.cells) this.at = 0;
    this.playing = this.cells > 0;
  }

  /** Row and column of output cell `n`. */
  cellOf(n: number): [number, number] {
    return [Math.floor(n / this.shape.Wo), n % this.shape.Wo];
  }

  /** The output-size formula for the rows (the input is square, so the columns are the same). */
  get formula(): string {
    return formulaText(this.image.size, this.geometry);
  }

  get dotProduct(): string {
    return dotText(this.taps);
  }

  get kernelName(): string {
    return this.preset ? presets[this.preset].label : 'your own';
  }

  describe(): string {
    const { Ho, Wo } = this.shape;
    const head = `Input: ${inputs[this.input].label}. Kernel ${this.k}×${this.k} (${this.kernelName}), stride ${this.stride}, padding ${this.padding}, dilation ${this.dilation}.`;
    if (!this.cells) return `${head} The kernel's reach, ${this.dilation * (this.k - 1) + 1} pixels, does not fit in the padded input: no output.`;
    const size = `Output ${Ho}×${Wo}: ${this.formula}.`;
    if (this.at === 0 && this.hover === null) return `${head} ${size} No output cell computed yet; press Step.`;
    const [i, j] = this.cellOf(this.focus);
    const padded = this.taps.filter((t) => !t.inside).length;
    const where = `Output cell (${i + 1}, ${j + 1}) reads input rows ${this.taps[0].r + 1} to ${this.taps.at(-1)!.r + 1} and columns ${this.taps[0].c + 1} to ${this.taps.at(-1)!.c + 1}${padded ? `, ${padded} of its ${this.taps.length} taps in the zero padding` : ''}; its value is ${num(dot(this.taps))}.`;
    return `${head} ${size} ${this.at} of ${this.cells} cells computed. ${where}`;
  }
}
