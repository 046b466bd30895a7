// Pooling over images in [batch, channels, height, width] layout: max-pooling and average-pooling with
// PyTorch's stride, padding, dilation and ceil-mode semantics.
import { outputSize, pair, type Pair } from './im2col.ts';
import { alloc, result, shapeStr, type Tensor } from '../tensor.ts';

export interface PoolOptions {
  /** Step between windows (default: the kernel size). */
  stride?: Pair;
  /** Implicit padding on each side, at most half the (effective) kernel (default 0). */
  padding?: Pair;
  /** Round the output size up instead of down (default false). */
  ceilMode?: boolean;
}

export interface MaxPoolOptions extends PoolOptions {
  /** Spacing between the window's taps (default 1). */
  dilation?: Pair;
}

export interface AvgPoolOptions extends PoolOptions {
  /** Count the padding's zeros in each window's average (default true, as PyTorch). */
  countIncludePad?: boolean;
}

interface PoolWindow {
  B: number;
  C: number;
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  Ho: number;
  Wo: number;
}

/** Reads kernel, stride, padding and dilation, checks them against x and computes the output size. */
function poolWindow(op: string, x: Tensor, kernel: Pair, opts: MaxPoolOptions): PoolWindow {
  if (x.shape.length !== 4) throw new Error(`${op}: expects [B,C,H,W], got ${shapeStr(x.shape)}`);
  const [B, C, H, W] = x.shape;
  const [kh, kw] = pair(kernel, `${op}: kernel size`, 1);
  const [sh, sw] = pair(opts.stride ?? [kh, kw], `${op}: stride`, 1);
  const [ph, pw] = pair(opts.padding ?? 0, `${op}: padding`, 0);
  const [dh, dw] = pair(opts.dilation ?? 1, `${op}: dilation`, 1);
  if (2 * ph > dh * (kh - 1) + 1 || 2 * pw > dw * (kw - 1) + 1) {
    throw new Error(`${op}: padding ${JSON.stringify(opts.padding)} is more than half the kernel ${kh}×${kw}`);
  }
  const ceil = opts.ceilMode ?? false;
  const Ho = outputSize(H, kh, sh, ph, 2 * ph, dh, ceil);
  const Wo = outputSize(W, kw, sw, pw, 2 * pw, dw, ceil);
  if (Ho <= 0 || Wo <= 0) throw new Error(`${op}: window ${kh}×${kw} does not fit input ${shapeStr(x.shape)} with padding ${ph}×${pw}`);
  return { B, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo };
}

/** The maximum of each window into y and its flat input index into arg (the first maximum, or the last NaN, as PyTorch's CPU kernel). */
function poolMax(X: Float32Array, g: PoolWindow, y: Float32Array, arg: Int32Array): void {
  const { H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo } = g;
  let k = 0;
  for (let plane = 0; plane < g.B * g.C; plane++)
    for (let i = 0; i < Ho; i++)
      for (let j = 0; j < Wo; j++, k++) {
        let best = -Infinity;
        let at = -1;
        for (let u = 0; u < kh; u++) {
          const r = i * sh - ph + u * dh;
          if (r < 0 || r >= H) continue;
          const row = (plane * H + r) * W;
          for (let v = 0; v < kw; v++) {
            const c = j * sw - pw + v * dw;
            if (c < 0 || c >= W) continue;
            const val = X[row + c];
            if (val > best || val !== val || at < 0) {
              best = val;
              at = row + c;
            }
          }
        }
        y[k] = best;
        arg[k] = at;
      }
}

/** maxPool2d's common case, 2×2 windows with stride 2 and no padding, unrolled: the same first-maximum rule. */
function poolMax2(X: Float32Array, planes: number, H: number, W: number, Ho: number, Wo: number, y: Float32Array, arg: Int32Array): void {
  let k = 0;
  for (let bc = 0; bc < planes; bc++)
    for (let i = 0; i < Ho; i++) {
      const row = (bc * H + 2 * i) * W;
      for (let j = 0; j < Wo; j++, k++) {
        const p = row + 2 * j;
        let at = p, best = X[p], v = X[p + 1];
        if (v > best || v !== v) best = X[(at = p + 1)];
        v = X[p + W];
        if (v > best || v !== v) best = X[(at = p + W)];
        v = X[p + W + 1];
        if (v > best || v !== v) best = X[(at = p + W + 1)];
        y[k] = best;
        arg[k] = at;
      }
    }
}

/**
 * Max-pooling, as torch.nn.functional.max_pool2d: y[b,c,i,j] = the maximum of x[b, c, i·s − p + u·d, j·s − p + v·d]
 * over the window's taps u, v < k that fall inside the input (padding never wins). x: [B, C, H, W] →
 * [B, C, Ho, Wo], Ho = ⌊(H + 2p − d·(k − 1) − 1)/s⌋ + 1 (⌈⌉ in ceil mode); the stride defaults to the kernel.
 * The third argument is the stride or the options. The gradient goes to each window's (first) maximum, nowhere else.
 */
export function maxPool2d(x: Tensor, kernel: Pair, strideOrOpts?: Pair | MaxPoolOptions, padding?: Pair): Tensor {
  const opts: MaxPoolOptions =
    typeof strideOrOpts === 'number' || Array.isArray(strideOrOpts) ? { stride: strideOrOpts as Pair, padding } : { ...(strideOrOpts as MaxPoolOptions) };
  const g = poolWindow('maxPool2d', x, kernel, opts);
  const { B, C, H, W, Ho, Wo } = g;
  const y = alloc(B * C * Ho * Wo);
  const arg = new Int32Array(y.length);
  const two = g.kh === 2 && g.kw === 2 && g.sh === 2 && g.sw === 2 && g.ph === 0 && g.pw === 0 && g.dh === 1 && g.dw === 1;
  if (two && 2 * Ho <= H && 2 * Wo <= W) poolMax2(x.data, B * C, H, W, Ho, Wo, y, arg);
  else poolMax(x.data, g, y, arg);
  return result(y, [B, C, Ho, Wo], 'maxPool2d', [x], (out) => {
    const gy = out.grad!.data;
    const gx = x.gradData();
    for (let k = 0; k < gy.length; k++) gx[arg[k]] += gy[k];
  });
}

/**
 * Average-pooling, as torch.nn.functional.avg_pool2d: y[b,c,i,j] = the sum of x over the k×k window at
 * (i·s − p, j·s − p), divided by the window's size counted with the padding (countIncludePad, the default)
 * or without it. x: [B, C, H, W] → [B, C, Ho, Wo], Ho = ⌊(H + 2p − k)/s⌋ + 1 (⌈⌉ in ceil mode).
 * Backward: each window's gradient, divided by the same divisor, spread evenly over its pixels.
 */
export function avgPool2d(x: Tensor, kernel: Pair, strideOrOpts?: Pair | AvgPoolOptions, padding?: Pair): Tensor {
  const opts: AvgPoolOptions =
    typeof strideOrOpts === 'number' || Array.isArray(strideOrOpts) ? { stride: strideOrOpts as Pair, padding } : { ...(strideOrOpts as AvgPoolOptions) };
  const g = poolWindow('avgPool2d', x, kernel, { ...opts, dilation: 1 });
  const { B, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo } = g;
  const withPad = opts.countIncludePad ?? true;
  const y = alloc(B * C * Ho * Wo);
  // Each window's bounds inside the input and its divisor, the same for every plane: computed once.
  const rows = new Int32Array(2 * Ho), colsAt = new Int32Array(2 * Wo);
  const div = new Float64Array(Ho * Wo);
  for (let i = 0; i < Ho; i++) {
    const r0 = i * sh - ph;
    rows[2 * i] = Math.max(r0, 0);
    rows[2 * i + 1] = Math.min(r0 + kh, H);
  }
  for (let j = 0; j < Wo; j++) {
    const c0 = j * sw - pw;
    colsAt[2 * j] = Math.max(c0, 0);
    colsAt[2 * j + 1] = Math.min(c0 + kw, W);
  }
  for (let i = 0; i < Ho; i++)
    for (let j = 0; j < Wo; j++) {
      const r0 = i * sh - ph, c0 = j * sw - pw;
      const padded = (Math.min(r0 + kh, H + ph) - r0) * (Math.min(c0 + kw, W + pw) - c0);
      const inside = (rows[2 * i + 1] - rows[2 * i]) * (colsAt[2 * j + 1] - colsAt[2 * j]);
      div[i * Wo + j] = withPad ? padded : inside;
    }
  const X = x.data;
  let k = 0;
  for (let plane = 0; plane < B * C; plane++)
    for (let i = 0; i < Ho; i++)
      for (let j = 0; j < Wo; j++, k++) {
        let s = 0;
        for (let r = rows[2 * i]; r < rows[2 * i + 1]; r++) {
          const row = (plane * H + r) * W;
          for (let c = colsAt[2 * j]; c < colsAt[2 * j + 1]; c++) s += X[row + c];
        }
        y[k] = s / div[i * Wo + j];
      }
  return result(y, [B, C, Ho, Wo], 'avgPool2d', [x], (out) => {
    const gy = out.grad!.data;
    const gx = x.gradData();
    let k = 0;
    for (let plane = 0; plane < B * C; plane++)
      for (let i = 0; i < Ho; i++)
        for (let j = 0; j < Wo; j++, k++) {
          const share = gy[k] / div[i * Wo + j];
          for (let r = rows[2 * i]; r < rows[2 * i + 1]; r++) {
            const row = (plane * H + r) * W;
            for (let c = colsAt[2 * j]; c < colsAt[2 * j + 1]; c++) gx[row + c] += share;
          }
        }
  });
}
