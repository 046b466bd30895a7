// Convolution and max-pooling over images in [batch, channels, height, width] layout (PyTorch's NCHW).
import { alloc, result, shapeStr, type Tensor } from '../tensor.ts';

export interface Conv2dOptions {
  stride?: number;
  padding?: number;
}

/**
 * 2-D cross-correlation (what deep learning calls convolution):
 * y[b,o,i,j] = bias[o] + Σ_{c,u,v} w[o,c,u,v] · x[b, c, i·s + u - p, j·s + v - p]   (zero outside the image).
 * x: [B, C, H, W], w: [O, C, kh, kw], bias: [O] or null → y: [B, O, Ho, Wo], Ho = ⌊(H + 2p - kh)/s⌋ + 1.
 * Backward: each product x·w sends g·w to x and g·x to w; the input's gradient is skipped when x needs none.
 */
export function conv2d(x: Tensor, w: Tensor, bias: Tensor | null = null, opts: Conv2dOptions = {}): Tensor {
  const s = opts.stride ?? 1;
  const p = opts.padding ?? 0;
  if (x.shape.length !== 4 || w.shape.length !== 4 || x.shape[1] !== w.shape[1]) {
    throw new Error(`conv2d: input ${shapeStr(x.shape)} and weight ${shapeStr(w.shape)} do not match (expects [B,C,H,W] and [O,C,kh,kw])`);
  }
  const [B, C, H, W] = x.shape;
  const [O, , kh, kw] = w.shape;
  const Ho = Math.floor((H + 2 * p - kh) / s) + 1;
  const Wo = Math.floor((W + 2 * p - kw) / s) + 1;
  if (Ho <= 0 || Wo <= 0) throw new Error(`conv2d: kernel ${kh}×${kw} does not fit input ${shapeStr(x.shape)} with padding ${p}`);
  const X = x.data;
  const K = w.data;
  const y = alloc(B * O * Ho * Wo);
  // Visits every (output, input, weight) triple once; `f` gets their flat positions.
  const each = (f: (yi: number, xi: number, wi: number) => void) => {
    for (let b = 0; b < B; b++)
      for (let o = 0; o < O; o++)
        for (let c = 0; c < C; c++)
          for (let u = 0; u < kh; u++)
            for (let v = 0; v < kw; v++) {
              const wi = ((o * C + c) * kh + u) * kw + v;
              for (let i = 0; i < Ho; i++) {
                const r = i * s + u - p;
                if (r < 0 || r >= H) continue;
                const xrow = ((b * C + c) * H + r) * W;
                const yrow = ((b * O + o) * Ho + i) * Wo;
                for (let j = 0; j < Wo; j++) {
                  const col = j * s + v - p;
                  if (col >= 0 && col < W) f(yrow + j, xrow + col, wi);
                }
              }
            }
  };
  each((yi, xi, wi) => (y[yi] += X[xi] * K[wi]));
  if (bias) {
    for (let b = 0; b < B; b++) for (let o = 0; o < O; o++) {
      const base = (b * O + o) * Ho * Wo;
      for (let k = 0; k < Ho * Wo; k++) y[base + k] += bias.data[o];
    }
  }
  const inputs = bias ? [x, w, bias] : [x, w];
  return result(y, [B, O, Ho, Wo], 'conv2d', inputs, (out) => {
    const g = out.grad!.data;
    const gx = x.requiresGrad ? x.gradData() : null;
    const gw = w.requiresGrad ? w.gradData() : null;
    if (gx && gw) each((yi, xi, wi) => ((gx[xi] += g[yi] * K[wi]), (gw[wi] += g[yi] * X[xi])));
    else if (gw) each((yi, xi, wi) => (gw[wi] += g[yi] * X[xi]));
    else if (gx) each((yi, xi, wi) => (gx[xi] += g[yi] * K[wi]));
    if (bias && bias.requiresGrad) {
      const gb = bias.gradData();
      for (let b = 0; b < B; b++) for (let o = 0; o < O; o++) {
        const base = (b * O + o) * Ho * Wo;
        for (let k = 0; k < Ho * Wo; k++) gb[o] += g[base + k];
      }
    }
  });
}

/**
 * Max-pooling: y[b,c,i,j] = max over the k×k window at (i·s, j·s). x: [B, C, H, W] → [B, C, Ho, Wo],
 * Ho = ⌊(H - k)/s⌋ + 1, stride s defaults to k. The gradient goes to the (first) maximum of each window.
 */
export function maxPool2d(x: Tensor, kernel: number, stride = kernel): Tensor {
  if (x.shape.length !== 4) throw new Error(`maxPool2d: expects [B,C,H,W], got ${shapeStr(x.shape)}`);
  const [B, C, H, W] = x.shape;
  const Ho = Math.floor((H - kernel) / stride) + 1;
  const Wo = Math.floor((W - kernel) / stride) + 1;
  if (Ho <= 0 || Wo <= 0) throw new Error(`maxPool2d: window ${kernel} does not fit input ${shapeStr(x.shape)}`);
  const X = x.data;
  const y = alloc(B * C * Ho * Wo);
  const arg = new Int32Array(y.length);
  for (let bc = 0; bc < B * C; bc++) {
    for (let i = 0; i < Ho; i++) {
      for (let j = 0; j < Wo; j++) {
        let best = -Infinity;
        let at = -1;
        for (let u = 0; u < kernel; u++) {
          const row = (bc * H + i * stride + u) * W + j * stride;
          for (let v = 0; v < kernel; v++) {
            if (X[row + v] > best || at < 0) {
              best = X[row + v];
              at = row + v;
            }
          }
        }
        const k = (bc * Ho + i) * Wo + j;
        y[k] = best;
        arg[k] = at;
      }
    }
  }
  return result(y, [B, C, Ho, Wo], 'maxPool2d', [x], (out) => {
    const g = out.grad!.data;
    const gx = x.gradData();
    for (let k = 0; k < g.length; k++) gx[arg[k]] += g[k];
  });
}
