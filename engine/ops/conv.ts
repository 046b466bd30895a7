// 2-D convolution over images in [batch, channels, height, width] layout (PyTorch's NCHW), as im2col plus
// a matrix product, with stride, padding ('same' too), dilation and groups.
import { mmNN, mmNT, mmTN } from './matmul.ts';
import { col2imAdd, im2col, outputSize, pair, samePadding, type Pair, type Window } from './im2col.ts';
import { alloc, result, shapeStr, type Tensor } from '../tensor.ts';
import { isStorage } from '../storage.ts';

export interface Conv2dOptions {
  /** Step between windows (default 1). */
  stride?: Pair;
  /** Zeros around the input on each side (default 0); 'same' keeps the size at stride 1, 'valid' is 0. */
  padding?: Pair | 'same' | 'valid';
  /** Spacing between the kernel's taps (default 1: adjacent pixels). */
  dilation?: Pair;
  /** Channels split into this many groups, each convolved with its own filters (default 1). */
  groups?: number;
}

// The unfolded columns of one image are rebuilt in backward rather than kept, so two scratch buffers serve
// every call (columns, and their gradient): no allocation per image or per step.
let colsBuf: Float32Array = alloc(0);
let gcolsBuf: Float32Array = alloc(0);
const scratch = (buf: Float32Array, n: number): Float32Array => (buf.length >= n && isStorage(buf) ? buf : alloc(n));

/** The window geometry of a convolution, checked, with 'same' and 'valid' resolved. */
export function convWindow(H: number, W: number, kh: number, kw: number, opts: Conv2dOptions): Window {
  const [sh, sw] = pair(opts.stride ?? 1, 'conv2d: stride', 1);
  const [dh, dw] = pair(opts.dilation ?? 1, 'conv2d: dilation', 1);
  const pad = opts.padding ?? 0;
  let ph: number, pw: number, th: number, tw: number;
  if (pad === 'same') {
    if (sh !== 1 || sw !== 1) throw new Error(`conv2d: padding 'same' needs stride 1, got stride ${JSON.stringify(opts.stride)}`);
    [ph, th] = samePadding(kh, dh);
    [pw, tw] = samePadding(kw, dw);
  } else if (pad === 'valid') [ph, pw, th, tw] = [0, 0, 0, 0];
  else {
    [ph, pw] = pair(pad, 'conv2d: padding', 0);
    [th, tw] = [2 * ph, 2 * pw];
  }
  const Ho = outputSize(H, kh, sh, ph, th, dh);
  const Wo = outputSize(W, kw, sw, pw, tw, dw);
  if (Ho <= 0 || Wo <= 0) {
    throw new Error(`conv2d: kernel ${kh}×${kw} (dilation ${dh}×${dw}) does not fit a ${H}×${W} input with padding ${JSON.stringify(pad)}`);
  }
  return { H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo };
}

/**
 * 2-D cross-correlation (what deep learning calls convolution), as torch.nn.functional.conv2d:
 * y[b,o,i,j] = bias[o] + Σ_{c,u,v} w[o,c,u,v] · x[b, g·C/G + c, i·s + u·d − p, j·s + v·d − p]   (0 outside),
 * where g = ⌊o/(O/G)⌋ is the output channel's group. x: [B, C, H, W], w: [O, C/G, kh, kw], bias: [O] or null
 * → y: [B, O, Ho, Wo], Ho = ⌊(H + 2p − d·(kh − 1) − 1)/s⌋ + 1 (and likewise Wo).
 * Per image and group, with X = im2col(x) of shape [C/G·kh·kw, Ho·Wo] and w as [O/G, C/G·kh·kw]: y = w·X + bias.
 * Backward: dL/dw += g·Xᵀ, dL/dX = wᵀ·g folded back into dL/dx (col2im: the adjoint of the unfolding,
 * itself a convolution of g with the flipped kernel), dL/dbias = Σ g over batch and positions.
 */
export function conv2d(x: Tensor, w: Tensor, bias: Tensor | null = null, opts: Conv2dOptions = {}): Tensor {
  const G = opts.groups ?? 1;
  if (x.shape.length !== 4 || w.shape.length !== 4) {
    throw new Error(`conv2d: input ${shapeStr(x.shape)} and weight ${shapeStr(w.shape)} do not match (expects [B,C,H,W] and [O,C/groups,kh,kw])`);
  }
  const [B, C, H, W] = x.shape;
  const [O, Cg, kh, kw] = w.shape;
  if (!Number.isInteger(G) || G < 1 || C % G !== 0 || O % G !== 0) {
    throw new Error(`conv2d: groups must be a whole number dividing both ${C} input and ${O} output channels, got ${G}`);
  }
  if (Cg * G !== C) {
    throw new Error(`conv2d: input ${shapeStr(x.shape)} and weight ${shapeStr(w.shape)} do not match (weight needs ${C / G} input channels per group, has ${Cg})`);
  }
  if (bias && (bias.shape.length !== 1 || bias.shape[0] !== O)) {
    throw new Error(`conv2d: bias ${shapeStr(bias.shape)} does not match weight ${shapeStr(w.shape)} (expects [${O}])`);
  }
  const win = convWindow(H, W, kh, kw, opts);
  const Og = O / G, K = Cg * kh * kw, P = win.Ho * win.Wo, HW = H * W;
  // A 1×1 kernel at stride 1 without padding reads the image as it is: no unfolding.
  const direct = kh === 1 && kw === 1 && win.sh === 1 && win.sw === 1 && win.ph === 0 && win.pw === 0 && P === HW;
  const X = x.data, Wt = w.data;
  const y = alloc(B * O * P);
  if (bias) for (let b = 0; b < B; b++) for (let o = 0; o < O; o++) y.fill(bias.data[o], (b * O + o) * P, (b * O + o + 1) * P);
  const cols = direct ? X : (colsBuf = scratch(colsBuf, K * P));
  for (let b = 0; b < B; b++)
    for (let g = 0; g < G; g++) {
      const xo = (b * C + g * Cg) * HW;
      if (!direct) im2col(X, xo, Cg, win, cols);
      mmNN(Wt, g * Og * K, cols, direct ? xo : 0, y, (b * O + g * Og) * P, Og, K, P);
    }
  const inputs = bias ? [x, w, bias] : [x, w];
  return result(y, [B, O, win.Ho, win.Wo], 'conv2d', inputs, (out) => {
    const gy = out.grad!.data;
    const cols = direct ? X : (colsBuf = scratch(colsBuf, K * P));
    const gcols = x.requiresGrad && !direct ? (gcolsBuf = scratch(gcolsBuf, K * P)) : null;
    const gw = w.requiresGrad ? w.gradData() : null;
    const gx = x.requiresGrad ? x.gradData() : null;
    for (let b = 0; b < B; b++)
      for (let g = 0; g < G; g++) {
        const xo = (b * C + g * Cg) * HW, yo = (b * O + g * Og) * P;
        if (gw) {
          if (!direct) im2col(X, xo, Cg, win, cols);
          mmNT(gy, yo, cols, direct ? xo : 0, gw, g * Og * K, Og, P, K);
        }
        if (gcols) {
          gcols.fill(0, 0, K * P);
          mmTN(Wt, g * Og * K, gy, yo, gcols, 0, K, Og, P);
          col2imAdd(gcols, Cg, win, gx!, xo);
        } else if (gx) mmTN(Wt, g * Og * K, gy, yo, gx, xo, K, Og, P);
      }
    if (bias && bias.requiresGrad) {
      const gb = bias.gradData();
      for (let b = 0; b < B; b++)
        for (let o = 0; o < O; o++) {
          const base = (b * O + o) * P;
          let sum = 0;
          for (let k = 0; k < P; k++) sum += gy[base + k];
          gb[o] += sum;
        }
    }
  });
}
