// NumPy broadcasting: the shape two operands broadcast to, reading an operand at an output position, and
// summing an output-shaped gradient back down to an operand's shape.
import { alloc, shapeStr, sizeOf, type Shape } from '../tensor.ts';

/** The broadcast shape of a and b, or an error naming the op and both shapes. */
export function broadcastShape(a: Shape, b: Shape, op: string): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${op}: shapes ${shapeStr(a)} and ${shapeStr(b)} cannot be broadcast together (${da} vs ${db} in dimension ${i})`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** How an operand of `shape` is laid out inside `outShape`: 'same', 'scalar', 'suffix' (it repeats every
 * `size` elements, like a bias row) or 'general'. The first three are the fast paths. */
export type Layout = 'same' | 'scalar' | 'suffix' | 'general';

export function layoutOf(shape: Shape, outShape: Shape): Layout {
  const size = sizeOf(shape);
  if (size === sizeOf(outShape)) return 'same';
  if (size === 1) return 'scalar';
  const off = outShape.length - shape.length;
  let suffix = true;
  for (let i = 0; i < shape.length; i++) if (shape[i] !== outShape[off + i]) suffix = false;
  return suffix ? 'suffix' : 'general';
}

/** For each output position, the operand's flat index (only needed for the general layout). */
export function broadcastIndex(shape: Shape, outShape: Shape): Int32Array {
  const n = outShape.length;
  const strides = new Array<number>(n).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = n - shape.length + i;
    strides[d] = shape[i] === 1 ? 0 : s;
    s *= shape[i];
  }
  const total = sizeOf(outShape);
  const index = new Int32Array(total);
  const counter = new Array<number>(n).fill(0);
  let flat = 0;
  for (let k = 0; k < total; k++) {
    index[k] = flat;
    for (let d = n - 1; d >= 0; d--) {
      counter[d]++;
      flat += strides[d];
      if (counter[d] < outShape[d]) break;
      flat -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return index;
}

/** Reads an operand as if it had been expanded to the output shape. */
export function expand(data: Float32Array, shape: Shape, outShape: Shape): Float32Array {
  const layout = layoutOf(shape, outShape);
  if (layout === 'same') return data;
  const out = alloc(sizeOf(outShape));
  if (layout === 'scalar') return out.fill(data[0]);
  if (layout === 'suffix') {
    for (let i = 0; i < out.length; i += data.length) out.set(data, i);
    return out;
  }
  const index = broadcastIndex(shape, outShape);
  for (let i = 0; i < out.length; i++) out[i] = data[index[i]];
  return out;
}

/** Adds an output-shaped gradient `g` into `target`, an operand's gradient, summing over broadcast dims.
 * `scale` multiplies each term (1 for add, -1 for the subtrahend). */
export function accumulateReduced(g: Float32Array, outShape: Shape, target: Float32Array, shape: Shape, scale = 1): void {
  const layout = layoutOf(shape, outShape);
  if (layout === 'same') {
    for (let i = 0; i < g.length; i++) target[i] += scale * g[i];
  } else if (layout === 'scalar') {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i];
    target[0] += scale * s;
  } else if (layout === 'suffix') {
    const m = target.length;
    for (let i = 0; i < g.length; i += m) for (let j = 0; j < m; j++) target[j] += scale * g[i + j];
  } else {
    const index = broadcastIndex(shape, outShape);
    for (let i = 0; i < g.length; i++) target[index[i]] += scale * g[i];
  }
}
