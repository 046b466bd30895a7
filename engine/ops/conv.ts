// Convolution (as im2col + matrix product) and max-pooling over images in [batch, channels, height, width]
// layout (PyTorch's NCHW).
import { mmNN, mmNT, mmTN } from './matmul.ts';
import { alloc, result, shapeStr, type Tensor } from '../tensor.ts';
import { isStorage } from '../storage.ts';

export interface Conv2dOptions {
  stride?: number;
  padding?: number;
}

/**
 * Unfolds one image x[C,H,W] (at offset xo) into columns: cols[(c·kh + u)·kw + v, i·Wo + j] =
 * x[c, i·s + u - p, j·s + v - p], 0 outside the image ("im2col"). Convolution is then one matrix product.
 */
function im2col(X: Float32Array, xo: number, C: number, H: number, W: number, kh: number, kw: number, s: number, p: number, Ho: number, Wo: number, cols: Float32Array): void {
  for (let c = 0; c < C; c++)
    for (let u = 0; u < kh; u++)
      for (let v = 0; v < kw; v++) {
        const row = ((c * kh + u) * kw + v) * Ho * Wo;
        for (let i = 0; i < Ho; i++) {
          const r = i * s + u - p;
          const at = row + i * Wo;
          if (r < 0 || r >= H) {
            cols.fill(0, at, at + Wo);
            continue;
          }
          const xrow = xo + (c * H + r) * W;
          for (let j = 0; j < Wo; j++) {
            const col = j * s + v - p;
            cols[at + j] = col >= 0 && col < W ? X[xrow + col] : 0;
          }
        }
      }
}

/** The reverse of im2col for gradients: adds each column entry back into the pixel it was read from. */
function col2imAdd(cols: Float32Array, C: number, H: number, W: number, kh: number, kw: number, s: number, p: number, Ho: number, Wo: number, G: Float32Array, go: number): void {
  for (let c = 0; c < C; c++)
    for (let u = 0; u < kh; u++)
      for (let v = 0; v < kw; v++) {
        const row = ((c * kh + u) * kw + v) * Ho * Wo;
        for (let i = 0; i < Ho; i++) {
          const r = i * s + u - p;
          if (r < 0 || r >= H) continue;
          const grow = go + (c * H + r) * W;
          for (let j = 0; j < Wo; j++) {
            const col = j * s + v - p;
            if (col >= 0 && col < W) G[grow + col] += cols[row + i * Wo + j];
          }
        }
      }
}

// The unfolded columns of one image are rebuilt in backward rather than kept, so two scratch buffers serve
// every call (columns, and their gradient): no allocation per image or per step.
let colsBuf: Float32Array = alloc(0);
let gcolsBuf: Float32Array = alloc(0);
const scratch = (buf: Float32Array, n: number): Float32Array => (buf.length >= n && isStorage(buf) ? buf : alloc(n));

/**
 * 2-D cross-correlation (what deep learning calls convolution):
 * y[b,o,i,j] = bias[o] + Σ_{c,u,v} w[o,c,u,v] · x[b, c, i·s + u - p, j·s + v - p]   (zero outside the image).
 * x: [B, C, H, W], w: [O, C, kh, kw], bias: [O] or null → y: [B, O, Ho, Wo], Ho = ⌊(H + 2p - kh)/s⌋ + 1.
 * Per image, with X = im2col(x[b]) of shape [C·kh·kw, Ho·Wo] and w as [O, C·kh·kw]: y[b] = w·X + bias.
 * Backward: dL/dw += g[b]·Xᵀ, dL/dX = wᵀ·g[b] folded back into dL/dx[b] (col2im), dL/dbias = Σ g.
 */
export function conv2d(x: Tensor, w: Tensor, bias: Tensor | null = null, opts: Conv2dOptions = {}): Tensor {
  const s = opts.stride ?? 1;
  const p = opts.padding ?? 0;
  if (x.shape.length !== 4 || w.shape.length !== 4 || x.shape[1] !== w.shape[1]) {
    throw new Error(`conv2d: input ${shapeStr(x.shape)} and weight ${shapeStr(w.shape)} do not match (expects [B,C,H,W] and [O,C,kh,kw])`);
  }
  const [B, C, H, W] = x.shape;
  const [O, , kh, kw] = w.shape;
  if (bias && (bias.shape.length !== 1 || bias.shape[0] !== O)) {
    throw new Error(`conv2d: bias ${shapeStr(bias.shape)} does not match weight ${shapeStr(w.shape)} (expects [${O}])`);
  }
  const Ho = Math.floor((H + 2 * p - kh) / s) + 1;
  const Wo = Math.floor((W + 2 * p - kw) / s) + 1;
  if (Ho <= 0 || Wo <= 0) throw new Error(`conv2d: kernel ${kh}×${kw} does not fit input ${shapeStr(x.shape)} with padding ${p}`);
  const K = C * kh * kw;
  const P = Ho * Wo;
  const cols = (colsBuf = scratch(colsBuf, K * P));
  const y = alloc(B * O * P);
  for (let b = 0; b < B; b++) {
    im2col(x.data, b * C * H * W, C, H, W, kh, kw, s, p, Ho, Wo, cols);
    if (bias) for (let o = 0; o < O; o++) y.fill(bias.data[o], (b * O + o) * P, (b * O + o + 1) * P);
    mmNN(w.data, 0, cols, 0, y, b * O * P, O, K, P);
  }
  const inputs = bias ? [x, w, bias] : [x, w];
  return result(y, [B, O, Ho, Wo], 'conv2d', inputs, (out) => {
    const g = out.grad!.data;
    const cols = (colsBuf = scratch(colsBuf, K * P));
    const gcols = x.requiresGrad ? (gcolsBuf = scratch(gcolsBuf, K * P)) : null;
    for (let b = 0; b < B; b++) {
      if (w.requiresGrad) {
        im2col(x.data, b * C * H * W, C, H, W, kh, kw, s, p, Ho, Wo, cols);
        mmNT(g, b * O * P, cols, 0, w.gradData(), 0, O, P, K);
      }
      if (gcols) {
        gcols.fill(0, 0, K * P);
        mmTN(w.data, 0, g, b * O * P, gcols, 0, K, O, P);
        col2imAdd(gcols, C, H, W, kh, kw, s, p, Ho, Wo, x.gradData(), b * C * H * W);
      }
    }
    if (bias && bias.requiresGrad) {
      const gb = bias.gradData();
      for (let b = 0; b < B; b++)
        for (let o = 0; o < O; o++) {
          const base = (b * O + o) * P;
          let sum = 0;
          for (let k = 0; k < P; k++) sum += g[base + k];
          gb[o] += sum;
        }
    }
  });
}

/** The maximum of each k×k window (stride s) of `planes` images H×W into y, and where it was, into arg. */
function poolAny(X: Float32Array, planes: number, H: number, W: number, Ho: number, Wo: number, k: number, s: number, y: Float32Array, arg: Int32Array): void {
  for (let bc = 0; bc < planes; bc++)
    for (let i = 0; i < Ho; i++)
      for (let j = 0; j < Wo; j++) {
        let best = -Infinity;
        let at = -1;
        for (let u = 0; u < k; u++) {
          const row = (bc * H + i * s + u) * W + j * s;
          for (let v = 0; v < k; v++) {
            if (X[row + v] > best || at < 0) {
              best = X[row + v];
              at = row + v;
            }
          }
        }
        const o = (bc * Ho + i) * Wo + j;
        y[o] = best;
        arg[o] = at;
      }
}

/** maxPool2d's common case, 2×2 windows with stride 2, unrolled: the same first-maximum rule. */
function pool2(X: Float32Array, planes: number, H: number, W: number, Ho: number, Wo: number, y: Float32Array, arg: Int32Array): void {
  let k = 0;
  for (let bc = 0; bc < planes; bc++)
    for (let i = 0; i < Ho; i++) {
      const row = (bc * H + 2 * i) * W;
      for (let j = 0; j < Wo; j++, k++) {
        const p = row + 2 * j;
        let at = p, best = X[p];
        if (X[p + 1] > best) best = X[(at = p + 1)];
        if (X[p + W] > best) best = X[(at = p + W)];
        if (X[p + W + 1] > best) best = X[(at = p + W + 1)];
        y[k] = best;
        arg[k] = at;
      }
    }
}

/**
 * Max-pooling: y[b,c,i,j] = max over the k×k window at (i·s, j·s). x: [B, C, H, W] → [B, C, Ho, Wo],
 * Ho = ⌊(H - k)/s⌋ + 1, stride s defaults to k. The gradient goes to the (first) maximum in each window, nowhere else.
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
  if (kernel === 2 && stride === 2) pool2(X, B * C, H, W, Ho, Wo, y, arg);
  else poolAny(X, B * C, H, W, Ho, Wo, kernel, stride, y, arg);
  return result(y, [B, C, Ho, Wo], 'maxPool2d', [x], (out) => {
    const g = out.grad!.data;
    const gx = x.gradData();
    for (let k = 0; k < g.length; k++) gx[arg[k]] += g[k];
  });
}
