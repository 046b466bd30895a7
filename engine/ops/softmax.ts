// Softmax and log-softmax along an axis, computed stably (the maximum is subtracted before exponentiating).
import { alloc, result, shapeStr, sizeOf, type Tensor } from '../tensor.ts';

/** Calls f(offset, stride, length) once for each line of values along `axis`. */
function lines(shape: number[], axis: number, op: string, f: (off: number, stride: number, len: number) => void): void {
  const ax = axis < 0 ? axis + shape.length : axis;
  if (ax < 0 || ax >= shape.length) throw new Error(`${op}: axis ${axis} is out of range for shape ${shapeStr(shape)}`);
  const outer = sizeOf(shape.slice(0, ax));
  const len = shape[ax];
  const inner = sizeOf(shape.slice(ax + 1));
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) f(o * len * inner + i, inner, len);
}

/**
 * Softmax along `axis` (default the last): each line becomes positive and sums to 1; same shape.
 * y_i = e^{x_i} / Σ_j e^{x_j}   dL/dx_i = y_i (g_i - Σ_j g_j y_j)
 */
export function softmax(a: Tensor, axis = -1): Tensor {
  const x = a.data;
  const y = alloc(x.length);
  lines(a.shape, axis, 'softmax', (off, st, len) => {
    let m = -Infinity;
    for (let j = 0; j < len; j++) m = Math.max(m, x[off + j * st]);
    let s = 0;
    for (let j = 0; j < len; j++) s += y[off + j * st] = Math.exp(x[off + j * st] - m);
    for (let j = 0; j < len; j++) y[off + j * st] /= s;
  });
  return result(y, a.shape, 'softmax', [a], (out) => {
    const g = out.grad!.data;
    const ga = a.gradData();
    lines(a.shape, axis, 'softmax', (off, st, len) => {
      let dot = 0;
      for (let j = 0; j < len; j++) dot += g[off + j * st] * y[off + j * st];
      for (let j = 0; j < len; j++) ga[off + j * st] += y[off + j * st] * (g[off + j * st] - dot);
    });
  });
}

/**
 * Log of the softmax along `axis` (default the last), computed without overflow; same shape.
 * y_i = x_i - log Σ_j e^{x_j}   dL/dx_i = g_i - softmax(x)_i Σ_j g_j
 */
export function logSoftmax(a: Tensor, axis = -1): Tensor {
  const x = a.data;
  const y = alloc(x.length);
  lines(a.shape, axis, 'logSoftmax', (off, st, len) => {
    let m = -Infinity;
    for (let j = 0; j < len; j++) m = Math.max(m, x[off + j * st]);
    let s = 0;
    for (let j = 0; j < len; j++) s += Math.exp(x[off + j * st] - m);
    const lse = m + Math.log(s);
    for (let j = 0; j < len; j++) y[off + j * st] = x[off + j * st] - lse;
  });
  return result(y, a.shape, 'logSoftmax', [a], (out) => {
    const g = out.grad!.data;
    const ga = a.gradData();
    lines(a.shape, axis, 'logSoftmax', (off, st, len) => {
      let gs = 0;
      for (let j = 0; j < len; j++) gs += g[off + j * st];
      for (let j = 0; j < len; j++) ga[off + j * st] += g[off + j * st] - Math.exp(y[off + j * st]) * gs;
    });
  });
}
