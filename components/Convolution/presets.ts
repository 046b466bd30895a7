// The convolution explorer's inputs and kernel presets, each a table from its name to its label and its
// pixels or weights. The digit is test digit 7 of the site's 14×14 digits (public/data/digits-14.bin, from
// the `mnist` package), its pixels rounded to tenths.
import { namesOf } from '../ui/choices.ts';

// prettier-ignore
const seven = [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,5,3,0,0,0,0,0,0,0,0,0,0,5,10,9,10,9,9,1,0,0,0,0,0,0,2,10,3,0,2,6,9,0,0,0,0,0,0,0,1,3,0,0,0,8,6,0,0,0,0,0,0,0,0,0,0,0,3,9,1,0,0,0,0,0,0,0,0,0,0,0,8,7,0,0,0,0,0,0,0,0,0,0,0,1,10,2,0,0,0,0,0,0,0,0,0,0,0,5,8,0,0,0,0,0,0,0,0,0,0,0,0,9,5,0,0,0,0,0,0,0,0,0,0,0,3,10,1,0,0,0,0,0,0,0,0,0,0,0,3,4,0,0,0,0,0,0,0];

function pattern(n: number, ink: (r: number, c: number) => boolean): number[] {
  return Array.from({ length: n * n }, (_, i) => (ink(Math.floor(i / n), i % n) ? 1 : 0));
}

/** An input image: how the menu names it, its side length and its row-major pixels in [0, 1]. */
export interface Image {
  label: string;
  size: number;
  pixels: number[];
}

export const inputs = {
  digit: { label: 'a handwritten 7 (14×14)', size: 14, pixels: seven.map((v) => v / 10) },
  square: { label: 'a square outline (9×9)', size: 9, pixels: pattern(9, (r, c) => (r === 2 || r === 6) && c >= 2 && c <= 6 || (c === 2 || c === 6) && r >= 2 && r <= 6) },
  diagonal: { label: 'a diagonal line (9×9)', size: 9, pixels: pattern(9, (r, c) => r === c) },
  dot: { label: 'a single dot (7×7)', size: 7, pixels: pattern(7, (r, c) => r === 3 && c === 3) },
} satisfies Record<string, Image>;
export type InputName = keyof typeof inputs;
export const inputNames = namesOf(inputs);

/** A kernel preset: its name in the menu and its 3×3 weights, row-major. */
export interface Preset {
  label: string;
  kernel: number[];
}

/** The box blur's ninths are rounded to 0.11 so the cells stay readable. */
export const presets = {
  identity: { label: 'identity', kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0] },
  blur: { label: 'box blur', kernel: Array(9).fill(0.11) },
  sharpen: { label: 'sharpen', kernel: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
  horizontal: { label: 'horizontal edge', kernel: [1, 1, 1, 0, 0, 0, -1, -1, -1] },
  vertical: { label: 'vertical edge', kernel: [1, 0, -1, 1, 0, -1, 1, 0, -1] },
  'sobel-x': { label: 'Sobel (left–right change)', kernel: [1, 0, -1, 2, 0, -2, 1, 0, -1] },
  'sobel-y': { label: 'Sobel (top–bottom change)', kernel: [1, 2, 1, 0, 0, 0, -1, -2, -1] },
} satisfies Record<string, Preset>;
export type PresetName = keyof typeof presets;
export const presetNames = namesOf(presets);

/** The preset a kernel is, or null for one the reader edited. */
export function presetOf(kernel: readonly number[]): PresetName | null {
  return presetNames.find((p) => presets[p].kernel.length === kernel.length && presets[p].kernel.every((v, i) => v === kernel[i])) ?? null;
}
