// The channels-and-filters figure: a 7×7 colour image held as 3 channels (red, green, blue), and 2 filters,
// each a stack of 3 kernels of 3×3 (one per input channel) with a bias, so the layer's weight has shape
// 2 × 3 × 3 × 3. Each output map is one filter's response: at every position, the sum over the channels
// of each slice's dot product with its channel's window, plus the bias. The reader edits any weight,
// picks presets, and selects an output cell to see its sum taken apart channel by channel.
import { z } from 'zod';
import { defineState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';
import { dot, num, windowAt, type Geometry } from '../Convolution/convolution.ts';
import { namesOf } from '../ui/choices.ts';

export const SIDE = 7;
export const K = 3;
export const OUT = SIDE - K + 1;
export const channelNames = ['red', 'green', 'blue'] as const;
export const C_IN = channelNames.length;
export const C_OUT = 2;
export const W_MIN = -9;
export const W_MAX = 9;
const geometry: Geometry = { H: SIDE, W: SIDE, k: K, stride: 1, padding: 0, dilation: 1 };

const ink = (f: (r: number, c: number) => boolean) => Array.from({ length: SIDE * SIDE }, (_, i) => (f(Math.floor(i / SIDE), i % SIDE) ? 1 : 0));
/** The image: a red square, a green vertical bar through it, a blue diagonal; where they cross, colours mix. */
export const image: number[][] = [
  ink((r, c) => r >= 1 && r <= 4 && c >= 1 && c <= 4),
  ink((_r, c) => c === 4),
  ink((r, c) => r === c),
];

const zeros = () => Array(K * K).fill(0);
const vertical = [1, 0, -1, 1, 0, -1, 1, 0, -1];
const box = Array(K * K).fill(1);
const centre = [0, 0, 0, 0, 1, 0, 0, 0, 0];

/** Presets for one filter: its three slices (red, green, blue) and bias. */
export const presets = {
  'red-vertical': { label: 'vertical edges in red only', slices: [vertical, zeros(), zeros()], bias: 0 },
  'any-colour': { label: 'how much colour, any channel (box sum)', slices: [box, box, box], bias: 0 },
  'green-not-blue': { label: 'green here, but not blue', slices: [centre, centre, [0, 0, 0, 0, -1, 0, 0, 0, 0]], bias: 0 },
  'yellow': { label: 'red and green together (yellow), minus one', slices: [centre, centre, zeros()], bias: -1 },
} as const;
export type PresetName = keyof typeof presets;
export const presetNames = namesOf(presets);

const weight = z.number().min(W_MIN).max(W_MAX);
const filter = z.object({ slices: z.array(z.array(weight).length(K * K)).length(C_IN), bias: weight });
const flat = (p: PresetName) => ({ slices: presets[p].slices.map((s) => [...s]), bias: presets[p].bias });

export const channelState = defineState({
  version: 1,
  schema: z.object({
    filters: z.array(filter).length(C_OUT).default([flat('red-vertical'), flat('any-colour')]),
    /** The selected output cell: filter, row, column. */
    cell: z.object({ f: z.number().int().min(0).max(C_OUT - 1), i: z.number().int().min(0).max(OUT - 1), j: z.number().int().min(0).max(OUT - 1) }).default({ f: 0, i: 1, j: 0 }),
  }),
});
export type ChannelState = z.output<typeof channelState.schema>;
export type Filter = ChannelState['filters'][number];

/** The whole layer's output: C_OUT maps of OUT×OUT, each bias + Σ over channels of the slice's feature map. */
export function layerOutput(filters: Filter[], input: number[][] = image): number[][] {
  return filters.map((f) => {
    const out: number[] = [];
    for (let i = 0; i < OUT; i++)
      for (let j = 0; j < OUT; j++) out.push(f.bias + f.slices.reduce((s, slice, c) => s + dot(windowAt(input[c], slice, geometry, i, j)), 0));
    return out;
  });
}

/** Output cell (i, j) of filter f, taken apart: each channel's dot product, the bias and the total. */
export function cellParts(f: Filter, i: number, j: number, input: number[][] = image): { parts: number[]; bias: number; total: number } {
  const parts = f.slices.map((slice, c) => dot(windowAt(input[c], slice, geometry, i, j)));
  return { parts, bias: f.bias, total: parts.reduce((a, b) => a + b, f.bias) };
}

// NOTE: the filters and the selected cell are replaced, never changed in place, so a snapshot can hand them out.
export class ChannelModel extends StateModel<typeof channelState.schema> {
  filters: Filter[] = $state.raw(this.initial.filters);
  cell = $state.raw(this.initial.cell);
  readonly output = $derived(layerOutput(this.filters));
  readonly parts = $derived(cellParts(this.filters[this.cell.f], this.cell.i, this.cell.j));

  constructor() {
    super(channelState);
  }

  /** Sets one weight (clamped to the range), or the bias when `entry` is 'bias'. */
  setWeight(f: number, c: number, entry: number, value: number): void {
    const v = Math.min(W_MAX, Math.max(W_MIN, Number.isFinite(value) ? Math.round(value * 100) / 100 : 0));
    this.filters = this.filters.map((fl, k) => (k !== f ? fl : { ...fl, slices: fl.slices.map((s, cc) => (cc !== c ? s : s.map((w, e) => (e === entry ? v : w)))) }));
  }

  setBias(f: number, value: number): void {
    const v = Math.min(W_MAX, Math.max(W_MIN, Number.isFinite(value) ? Math.round(value * 100) / 100 : 0));
    this.filters = this.filters.map((fl, k) => (k === f ? { ...fl, bias: v } : fl));
  }

  usePreset(f: number, p: PresetName): void {
    this.filters = this.filters.map((fl, k) => (k === f ? flat(p) : fl));
  }

  /** The preset filter f is, or null once edited. */
  presetOf(f: number): PresetName | null {
    const fl = this.filters[f];
    return presetNames.find((p) => presets[p].bias === fl.bias && presets[p].slices.every((s, c) => s.every((w, e) => w === fl.slices[c][e]))) ?? null;
  }

  select(f: number, i: number, j: number): void {
    this.cell = { f: Math.min(C_OUT - 1, Math.max(0, f)), i: Math.min(OUT - 1, Math.max(0, i)), j: Math.min(OUT - 1, Math.max(0, j)) };
  }

  describe(): string {
    const { f, i, j } = this.cell;
    const p = this.parts;
    const names = (k: number) => (this.presetOf(k) ? presets[this.presetOf(k)!].label : 'edited');
    const sum = p.parts.map((v, c) => `${channelNames[c]} ${num(v)}`).join(' + ');
    return `A 7×7 image in 3 channels and 2 filters, each 3 slices of 3×3 plus a bias: weight shape 2 × 3 × 3 × 3, ${C_OUT * (C_IN * K * K + 1)} parameters. Filter 1: ${names(0)}; filter 2: ${names(1)}. Output of filter ${f + 1} at row ${i + 1}, column ${j + 1}: ${sum} + bias ${num(p.bias)} = ${num(p.total)}.`;
  }

  report() {
    return { ...this.snapshot(), total: this.parts.total, parts: this.parts.parts };
  }
}
