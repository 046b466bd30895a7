// The arithmetic the convolution explorer shows, one plane and one kernel at a time: the output size
// (PyTorch's formula, with the numbers filled in), where each output cell's window lies on the input, the
// terms of its dot product, and the whole feature map. Cross-correlation, as the libraries compute it: the
// kernel is not flipped. Plain functions; the engine's conv2d is the oracle in the tests.
import { outputSize } from '../../engine/index.ts';

export interface Geometry {
  /** Input height and width. */
  H: number;
  W: number;
  /** Kernel side (square kernels). */
  k: number;
  stride: number;
  padding: number;
  dilation: number;
}

/** Output height and width, ⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1 on each axis (0 when the kernel does not fit). */
export function outputShape(g: Geometry): { Ho: number; Wo: number } {
  const Ho = outputSize(g.H, g.k, g.stride, g.padding, 2 * g.padding, g.dilation);
  const Wo = outputSize(g.W, g.k, g.stride, g.padding, 2 * g.padding, g.dilation);
  return { Ho: Math.max(0, Ho), Wo: Math.max(0, Wo) };
}

/** The formula for one axis with the numbers in, e.g. "⌊(14 + 2·1 − 1·(3 − 1) − 1) / 1⌋ + 1 = 14". */
export function formulaText(n: number, g: Geometry): string {
  const span = n + 2 * g.padding - g.dilation * (g.k - 1) - 1;
  const out = span < 0 ? 0 : Math.floor(span / g.stride) + 1;
  return `⌊(${n} + 2·${g.padding} − ${g.dilation}·(${g.k} − 1) − 1) / ${g.stride}⌋ + 1 = ${out}`;
}

/** One tap of the kernel on the input: the kernel entry (u, v), the input pixel (r, c) it reads, inside or in the padding. */
export interface Tap {
  u: number;
  v: number;
  r: number;
  c: number;
  inside: boolean;
  /** The input value there (0 in the padding). */
  x: number;
  w: number;
}

/** The taps of output cell (i, j): input row i·s + u·d − p, column j·s + v·d − p, for every kernel entry (u, v). */
export function windowAt(input: ArrayLike<number>, kernel: ArrayLike<number>, g: Geometry, i: number, j: number): Tap[] {
  const taps: Tap[] = [];
  for (let u = 0; u < g.k; u++)
    for (let v = 0; v < g.k; v++) {
      const r = i * g.stride + u * g.dilation - g.padding;
      const c = j * g.stride + v * g.dilation - g.padding;
      const inside = r >= 0 && r < g.H && c >= 0 && c < g.W;
      taps.push({ u, v, r, c, inside, x: inside ? input[r * g.W + c] : 0, w: kernel[u * g.k + v] });
    }
  return taps;
}

/** The dot product of a window: Σ w·x over its taps. */
export const dot = (taps: Tap[]): number => taps.reduce((s, t) => s + t.w * t.x, 0);

/** The whole feature map, row-major [Ho·Wo]. */
export function featureMap(input: ArrayLike<number>, kernel: ArrayLike<number>, g: Geometry): Float64Array {
  const { Ho, Wo } = outputShape(g);
  const out = new Float64Array(Ho * Wo);
  for (let i = 0; i < Ho; i++) for (let j = 0; j < Wo; j++) out[i * Wo + j] = dot(windowAt(input, kernel, g, i, j));
  return out;
}

/** A number as the figure writes it in a sum: at most two decimals, a true minus sign. */
export const num = (x: number): string => {
  const s = String(Math.round(x * 100) / 100 + 0);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
};

/** The dot product written out, "0.5·1 + 0·(−1) + … = 0.5"; taps in the padding read 0. */
export function dotText(taps: Tap[]): string {
  const terms = taps.map((t) => `${num(t.w)}·${t.x < 0 ? `(${num(t.x)})` : num(t.x)}`);
  return `${terms.join(' + ')} = ${num(dot(taps))}`;
}
