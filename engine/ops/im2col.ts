// The sliding-window geometry of convolution and pooling (PyTorch's output-size formula, 'same' padding,
// ceil mode) and the im2col / col2im kernels that turn a convolution into one matrix product.

/** Where a k×k window goes over an H×W plane: kernel, stride, padding (top, left), dilation, output size. */
export interface Window {
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  /** Zeros added above and left of the plane (the output size counts the ones below and right too). */
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  Ho: number;
  Wo: number;
}

/** A size given as one number for both axes or as [height, width], as PyTorch takes it. */
export type Pair = number | readonly [number, number];

/** The pair as [height, width], each a whole number ≥ min; `what` names the op and the argument in errors. */
export function pair(v: Pair, what: string, min: number): [number, number] {
  if (typeof v !== 'number' && !(Array.isArray(v) && v.length === 2)) {
    throw new Error(`${what} must be a number or [height, width], got ${JSON.stringify(v)}`);
  }
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  for (const n of p) {
    if (!Number.isInteger(n) || n < min) throw new Error(`${what} must be a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
  }
  return p;
}

/**
 * PyTorch's output size along one axis: ⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1, with `total` = 2p when the
 * padding is symmetric. In ceil mode the division rounds up, but a window may not start in the padding
 * at the end (as PyTorch's pooling: it must start inside the input or the padding before it).
 */
export function outputSize(n: number, k: number, s: number, pBefore: number, total: number, d = 1, ceil = false): number {
  const span = n + total - d * (k - 1) - 1;
  if (span < 0) return 0;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= n + pBefore) out--;
  return out;
}

/**
 * The padding 'same' needs along one axis at stride 1: d·(k − 1) zeros in total, the smaller half before
 * (PyTorch's rule for even kernels). Returns [before, total].
 */
export const samePadding = (k: number, d: number): [number, number] => [Math.floor((d * (k - 1)) / 2), d * (k - 1)];

/**
 * Unfolds C planes of X (starting at xo) into columns: cols[(c·kh + u)·kw + v, i·Wo + j] =
 * x[c, i·sh + u·dh − ph, j·sw + v·dw − pw], 0 outside the plane. Convolution is then cols times the weights.
 */
export function im2col(X: Float32Array, xo: number, C: number, g: Window, cols: Float32Array): void {
  const { H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo } = g;
  let at = 0;
  for (let c = 0; c < C; c++) {
    const plane = xo + c * H * W;
    for (let u = 0; u < kh; u++) {
      const ru = u * dh - ph;
      for (let v = 0; v < kw; v++) {
        const cv = v * dw - pw;
        // Output columns j whose input column j·sw + cv lies inside the plane: [j0, j1).
        const j0 = cv >= 0 ? 0 : Math.min(Wo, Math.ceil(-cv / sw));
        const j1 = Math.max(j0, Math.min(Wo, Math.floor((W - 1 - cv) / sw) + 1));
        for (let i = 0; i < Ho; i++, at += Wo) {
          const r = i * sh + ru;
          if (r < 0 || r >= H) {
            cols.fill(0, at, at + Wo);
            continue;
          }
          const src = plane + r * W + cv;
          for (let j = 0; j < j0; j++) cols[at + j] = 0;
          if (sw === 1) for (let j = j0; j < j1; j++) cols[at + j] = X[src + j];
          else for (let j = j0; j < j1; j++) cols[at + j] = X[src + j * sw];
          for (let j = j1; j < Wo; j++) cols[at + j] = 0;
        }
      }
    }
  }
}

/** The adjoint of im2col, for gradients: adds each column entry back into the pixel it was read from (G at go). */
export function col2imAdd(cols: Float32Array, C: number, g: Window, G: Float32Array, go: number): void {
  const { H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo } = g;
  let at = 0;
  for (let c = 0; c < C; c++) {
    const plane = go + c * H * W;
    for (let u = 0; u < kh; u++) {
      const ru = u * dh - ph;
      for (let v = 0; v < kw; v++) {
        const cv = v * dw - pw;
        const j0 = cv >= 0 ? 0 : Math.min(Wo, Math.ceil(-cv / sw));
        const j1 = Math.max(j0, Math.min(Wo, Math.floor((W - 1 - cv) / sw) + 1));
        for (let i = 0; i < Ho; i++, at += Wo) {
          const r = i * sh + ru;
          if (r < 0 || r >= H) continue;
          const dst = plane + r * W + cv;
          if (sw === 1) for (let j = j0; j < j1; j++) G[dst + j] += cols[at + j];
          else for (let j = j0; j < j1; j++) G[dst + j * sw] += cols[at + j];
        }
      }
    }
  }
}
