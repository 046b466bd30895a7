// The convolution explorer's inputs and kernel presets. The digit is test digit 7 of the site's 14×14
// digits (public/data/digits-14.bin, from the `mnist` package), its pixels rounded to tenths.

export const inputNames = ['digit', 'square', 'diagonal', 'dot'] as const;
export type InputName = (typeof inputNames)[number];

export const inputLabels: Record<InputName, string> = {
  digit: 'a handwritten 7 (14×14)',
  square: 'a square outline (9×9)',
  diagonal: 'a diagonal line (9×9)',
  dot: 'a single dot (7×7)',
};

// prettier-ignore
const seven = [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,5,3,0,0,0,0,0,0,0,0,0,0,5,10,9,10,9,9,1,0,0,0,0,0,0,2,10,3,0,2,6,9,0,0,0,0,0,0,0,1,3,0,0,0,8,6,0,0,0,0,0,0,0,0,0,0,0,3,9,1,0,0,0,0,0,0,0,0,0,0,0,8,7,0,0,0,0,0,0,0,0,0,0,0,1,10,2,0,0,0,0,0,0,0,0,0,0,0,5,8,0,0,0,0,0,0,0,0,0,0,0,0,9,5,0,0,0,0,0,0,0,0,0,0,0,3,10,1,0,0,0,0,0,0,0,0,0,0,0,3,4,0,0,0,0,0,0,0];

function pattern(n: number, ink: (r: number, c: number) => boolean): number[] {
  return Array.from({ length: n * n }, (_, i) => (ink(Math.floor(i / n), i % n) ? 1 : 0));
}

/** An input image: side length and row-major pixels in [0, 1]. */
export interface Image {
  size: number;
  pixels: number[];
}

export const inputs: Record<InputName, Image> = {
  digit: { size: 14, pixels: seven.map((v) => v / 10) },
  square: { size: 9, pixels: pattern(9, (r, c) => (r === 2 || r === 6) && c >= 2 && c <= 6 || (c === 2 || c === 6) && r >= 2 && r <= 6) },
  diagonal: { size: 9, pixels: pattern(9, (r, c) => r === c) },
  dot: { size: 7, pixels: pattern(7, (r, c) => r === 3 && c === 3) },
};

export const presetNames = ['identity', 'blur', 'sharpen', 'horizontal', 'vertical', 'sobel-x', 'sobel-y'] as const;
export type PresetName = (typeof presetNames)[number];

export const presetLabels: Record<PresetName, string> = {
  identity: 'identity',
  blur: 'box blur',
  sharpen: 'sharpen',
  horizontal: 'horizontal edge',
  vertical: 'vertical edge',
  'sobel-x': 'Sobel (left–right change)',
  'sobel-y': 'Sobel (top–bottom change)',
};

/** 3×3 kernels, row-major. The box blur's ninths are rounded to 0.11 so the cells stay readable. */
export const presets: Record<PresetName, number[]> = {
  identity: [0, 0, 0, 0, 1, 0, 0, 0, 0],
  blur: Array(9).fill(0.11),
  sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
  horizontal: [1, 1, 1, 0, 0, 0, -1, -1, -1],
  vertical: [1, 0, -1, 1, 0, -1, 1, 0, -1],
  'sobel-x': [1, 0, -1, 2, 0, -2, 1, 0, -1],
  'sobel-y': [1, 2, 1, 0, 0, 0, -1, -2, -1],
};

/** The preset a kernel is, or null for one the reader edited. */
export function presetOf(kernel: readonly number[]): PresetName | null {
  return presetNames.find((p) => presets[p].length === kernel.length && presets[p].every((v, i) => v === kernel[i])) ?? null;
}
