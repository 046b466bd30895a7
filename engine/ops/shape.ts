// Shape ops: reshape, flatten, transpose, slice, select, gather rows (embeddings), concatenation and stacking. Each moves
// values without arithmetic; its backward moves the gradient back the same way.
import { alloc, result, shapeStr, sizeOf, type Tensor } from '../tensor.ts';

const norm = (axis: number, n: number, op: string, shape: number[]): number => {
  const a = axis < 0 ? axis + n : axis;
  if (a < 0 || a >= n) throw new Error(`${op}: axis ${axis} is out of range for shape ${shapeStr(shape)}`);
  return a;
};

/** Same values, new shape (one dimension may be -1). Shares the data; the gradient flows back unchanged. */
export function reshape(a: Tensor, shape: number[]): Tensor {
  const known = shape.filter((d) => d !== -1);
  const inferred = shape.length - known.length;
  const fixed = sizeOf(known);
  if (inferred > 1 || (inferred === 1 && (fixed === 0 || a.size % fixed !== 0)) || (inferred === 0 && fixed !== a.size)) {
    throw new Error(`reshape: cannot reshape ${shapeStr(a.shape)} (${a.size} values) into ${shapeStr(shape)}`);
  }
  const out = shape.map((d) => (d === -1 ? a.size / fixed : d));
  return result(a.data, out, 'reshape', [a], (o) => {
    const g = o.grad!.data;
    const ga = a.gradData();
    for (let i = 0; i < g.length; i++) ga[i] += g[i];
  });
}

/**
 * Copies between [A, n0, B, n1, C] and its axis-swapped layout [A, n1, B, n0, C] (C contiguous values
 * move together). `back` adds from the swapped layout into the original one instead, for the gradient.
 */
function swapAxes(from: Float32Array, to: Float32Array, A: number, n0: number, B: number, n1: number, C: number, back: boolean): void {
  for (let a = 0; a < A; a++)
    for (let j = 0; j < n1; j++)
      for (let b = 0; b < B; b++)
        for (let i = 0; i < n0; i++) {
          const src = (((a * n0 + i) * B + b) * n1 + j) * C;
          const dst = (((a * n1 + j) * B + b) * n0 + i) * C;
          if (back) for (let c = 0; c < C; c++) to[src + c] += from[dst + c];
          else for (let c = 0; c < C; c++) to[dst + c] = from[src + c];
        }
}

/** Swaps two axes (default: the last two). Copies into the new layout. */
export function transpose(a: Tensor, ax0 = -2, ax1 = -1): Tensor {
  const n = a.shape.length;
  if (n < 2 && ax0 === -2 && ax1 === -1) return a;
  const i0 = Math.min(norm(ax0, n, 'transpose', a.shape), norm(ax1, n, 'transpose', a.shape));
  const i1 = Math.max(norm(ax0, n, 'transpose', a.shape), norm(ax1, n, 'transpose', a.shape));
  const sh = a.shape;
  if (i0 === i1) return reshape(a, sh.slice());
  const dims: [number, number, number, number, number] = [
    sizeOf(sh.slice(0, i0)), sh[i0], sizeOf(sh.slice(i0 + 1, i1)), sh[i1], sizeOf(sh.slice(i1 + 1)),
  ];
  const outShape = sh.slice();
  [outShape[i0], outShape[i1]] = [sh[i1], sh[i0]];
  const data = alloc(a.size);
  swapAxes(a.data, data, ...dims, false);
  return result(data, outShape, 'transpose', [a], (o) => swapAxes(o.grad!.data, a.gradData(), ...dims, true));
}

/** Outer count, axis length and inner block size around `axis`. */
function around(shape: number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis], sizeOf(shape.slice(axis + 1))];
}

/** Elements start..end-1 along `axis` (like x[:, start:end] for axis 1). */
export function slice(a: Tensor, axis: number, start: number, end?: number): Tensor {
  const ax = norm(axis, a.shape.length, 'slice', a.shape);
  const len = a.shape[ax];
  const s = Math.max(0, start < 0 ? start + len : start);
  const e = Math.min(len, end === undefined ? len : end < 0 ? end + len : end);
  if (e <= s) throw new Error(`slice: empty range ${start}:${end} on axis ${axis} of shape ${shapeStr(a.shape)}`);
  const [outer, , inner] = around(a.shape, ax);
  const outShape = a.shape.slice();
  outShape[ax] = e - s;
  const data = alloc(sizeOf(outShape));
  const block = (e - s) * inner;
  for (let o = 0; o < outer; o++) data.set(a.data.subarray((o * len + s) * inner, (o * len + e) * inner), o * block);
  return result(data, outShape, 'slice', [a], (out) => {
    const g = out.grad!.data;
    const ga = a.gradData();
    for (let o = 0; o < outer; o++) {
      const base = (o * len + s) * inner;
      for (let i = 0; i < block; i++) ga[base + i] += g[o * block + i];
    }
  });
}

/** The index-th entry along `axis`, with that dimension removed (x[i] for axis 0). */
export function select(a: Tensor, axis: number, index: number): Tensor {
  const ax = norm(axis, a.shape.length, 'select', a.shape);
  const i = index < 0 ? index + a.shape[ax] : index;
  if (i < 0 || i >= a.shape[ax]) throw new Error(`select: index ${index} is out of range for axis ${axis} of shape ${shapeStr(a.shape)}`);
  const outShape = a.shape.filter((_, d) => d !== ax);
  return slice(a, ax, i, i + 1).reshape(...outShape);
}

/** Rows of a [n, ...] tensor picked by integer ids: the lookup of an embedding table. */
export function gather(a: Tensor, ids: ArrayLike<number>): Tensor {
  const n = a.shape[0];
  const row = a.size / n;
  const data = alloc(ids.length * row);
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r];
    if (!Number.isInteger(id) || id < 0 || id >= n) throw new Error(`gather: id ${id} is out of range for ${n} rows`);
    data.set(a.data.subarray(id * row, (id + 1) * row), r * row);
  }
  return result(data, [ids.length, ...a.shape.slice(1)], 'gather', [a], (out) => {
    const g = out.grad!.data;
    const ga = a.gradData();
    for (let r = 0; r < ids.length; r++) {
      const base = ids[r] * row;
      for (let j = 0; j < row; j++) ga[base + j] += g[r * row + j];
    }
  });
}

/** Joins tensors along `axis`; all other dimensions must agree. */
export function cat(ts: Tensor[], axis = 0): Tensor {
  if (ts.length === 0) throw new Error('cat: needs at least one tensor');
  const first = ts[0];
  const ax = norm(axis, first.shape.length, 'cat', first.shape);
  for (const t of ts) {
    if (t.shape.length !== first.shape.length || t.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw new Error(`cat: shapes ${shapeStr(first.shape)} and ${shapeStr(t.shape)} differ outside axis ${axis}`);
    }
  }
  const outShape = first.shape.slice();
  outShape[ax] = ts.reduce((s, t) => s + t.shape[ax], 0);
  const [outer, total, inner] = around(outShape, ax);
  const data = alloc(sizeOf(outShape));
  let at = 0;
  const starts: number[] = [];
  for (const t of ts) {
    starts.push(at);
    const w = t.shape[ax] * inner;
    for (let o = 0; o < outer; o++) data.set(t.data.subarray(o * w, (o + 1) * w), o * total * inner + at * inner);
    at += t.shape[ax];
  }
  return result(data, outShape, 'cat', ts, (out) => {
    const g = out.grad!.data;
    ts.forEach((t, k) => {
      if (!t.requiresGrad) return;
      const gt = t.gradData();
      const w = t.shape[ax] * inner;
      for (let o = 0; o < outer; o++) {
        const base = o * total * inner + starts[k] * inner;
        for (let i = 0; i < w; i++) gt[o * w + i] += g[base + i];
      }
    });
  });
}

/** Joins tensors of one shape along a new axis, as torch.stack: n tensors of shape S give S with n inserted at `axis`. */
export function stack(ts: Tensor[], axis = 0): Tensor {
  if (ts.length === 0) throw new Error('stack: needs at least one tensor');
  const shape = ts[0].shape;
  const ax = norm(axis, shape.length + 1, 'stack', shape);
  for (const t of ts) {
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new Error(`stack: shapes ${shapeStr(shape)} and ${shapeStr(t.shape)} differ`);
    }
  }
  const n = ts.length;
  const outer = sizeOf(shape.slice(0, ax));
  const inner = sizeOf(shape.slice(ax));
  const data = alloc(n * outer * inner);
  for (let k = 0; k < n; k++)
    for (let o = 0; o < outer; o++) data.set(ts[k].data.subarray(o * inner, (o + 1) * inner), (o * n + k) * inner);
  return result(data, [...shape.slice(0, ax), n, ...shape.slice(ax)], 'stack', ts, (out) => {
    const g = out.grad!.data;
    for (let k = 0; k < n; k++) {
      if (!ts[k].requiresGrad) continue;
      const gt = ts[k].gradData();
      for (let o = 0; o < outer; o++) {
        const base = (o * n + k) * inner;
        for (let i = 0; i < inner; i++) gt[o * inner + i] += g[base + i];
      }
    }
  });
}

/**
 * The axes startDim … endDim (inclusive, negative counts from the end) merged into one, as torch.flatten:
 * [B, C, H, W] with (1, -1) → [B, C·H·W]. A reshape: shares the data, and the gradient flows back unchanged.
 */
export function flatten(a: Tensor, startDim = 0, endDim = -1): Tensor {
  if (a.shape.length === 0) return reshape(a, [1]);
  const s = norm(startDim, a.shape.length, 'flatten', a.shape);
  const e = norm(endDim, a.shape.length, 'flatten', a.shape);
  if (s > e) throw new Error(`flatten: startDim ${startDim} comes after endDim ${endDim} for shape ${shapeStr(a.shape)}`);
  if (s === e) return a;
  return reshape(a, [...a.shape.slice(0, s), sizeOf(a.shape.slice(s, e + 1)), ...a.shape.slice(e + 1)]);
}
