// Reductions over axes: sum, mean and max, with keepdim as in PyTorch.
import { alloc, result, shapeStr, sizeOf, type Tensor } from '../tensor.ts';

export type Axes = number | number[] | undefined;

/** The reduced axes (normalised, sorted) and the output shape. */
function plan(shape: number[], axes: Axes, keepdim: boolean, op: string): { reduced: boolean[]; outShape: number[] } {
  const list = axes === undefined ? shape.map((_, i) => i) : Array.isArray(axes) ? axes : [axes];
  const reduced = shape.map(() => false);
  for (const ax of list) {
    const a = ax < 0 ? ax + shape.length : ax;
    if (a < 0 || a >= shape.length) throw new Error(`${op}: axis ${ax} is out of range for shape ${shapeStr(shape)}`);
    reduced[a] = true;
  }
  const outShape: number[] = [];
  shape.forEach((d, i) => {
    if (!reduced[i]) outShape.push(d);
    else if (keepdim) outShape.push(1);
  });
  return { reduced, outShape };
}

/** If the reduced axes form one run lo..hi, the input read as [outer, len, inner] with len reduced. */
function run(shape: number[], reduced: boolean[]): [number, number, number] | null {
  const lo = reduced.indexOf(true);
  const hi = reduced.lastIndexOf(true);
  for (let d = lo; d <= hi; d++) if (!reduced[d]) return null;
  return [sizeOf(shape.slice(0, lo)), sizeOf(shape.slice(lo, hi + 1)), sizeOf(shape.slice(hi + 1))];
}

/** For each input position, the flat index of the output position it reduces into. */
function reduceIndex(shape: number[], reduced: boolean[]): Int32Array {
  const n = shape.length;
  const outStrides = new Array<number>(n).fill(0);
  let s = 1;
  for (let d = n - 1; d >= 0; d--) {
    if (!reduced[d]) {
      outStrides[d] = s;
      s *= shape[d];
    }
  }
  const total = sizeOf(shape);
  const index = new Int32Array(total);
  const counter = new Array<number>(n).fill(0);
  let flat = 0;
  for (let k = 0; k < total; k++) {
    index[k] = flat;
    for (let d = n - 1; d >= 0; d--) {
      counter[d]++;
      flat += outStrides[d];
      if (counter[d] < shape[d]) break;
      flat -= outStrides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return index;
}

/** c·Σ x over the axes: the sum (c = 1) and the mean (c = 1/n) in one op. */
function scaledSum(a: Tensor, axes: Axes, keepdim: boolean, op: string, mean: boolean): Tensor {
  const { reduced, outShape } = plan(a.shape, axes, keepdim, op);
  const x = a.data;
  const y = alloc(sizeOf(outShape));
  const c = mean ? y.length / Math.max(1, x.length) : 1;
  const r = run(a.shape, reduced);
  if (r) {
    // Fast path, no index table: y[o, i] = c·Σ_l x[o, l, i].
    const [outer, len, inner] = r;
    for (let o = 0; o < outer; o++)
      for (let l = 0; l < len; l++) {
        const src = (o * len + l) * inner;
        for (let i = 0; i < inner; i++) y[o * inner + i] += x[src + i];
      }
    if (c !== 1) for (let i = 0; i < y.length; i++) y[i] *= c;
    return result(y, outShape, op, [a], (out) => {
      const g = out.grad!.data;
      const ga = a.gradData();
      for (let o = 0; o < outer; o++)
        for (let l = 0; l < len; l++) {
          const dst = (o * len + l) * inner;
          for (let i = 0; i < inner; i++) ga[dst + i] += c * g[o * inner + i];
        }
    });
  }
  const index = reduceIndex(a.shape, reduced);
  for (let i = 0; i < x.length; i++) y[index[i]] += x[i];
  if (c !== 1) for (let i = 0; i < y.length; i++) y[i] *= c;
  return result(y, outShape, op, [a], (out) => {
    const g = out.grad!.data;
    const ga = a.gradData();
    for (let i = 0; i < ga.length; i++) ga[i] += c * g[index[i]];
  });
}

/** Sum over `axes` (all by default); keepdim keeps them as size-1 dimensions. [..] → the shape without them.
 * y = Σ x over the axes   dy/dx = 1 (each input gets the gradient of the output it was summed into) */
export const sum = (a: Tensor, axes?: Axes, keepdim = false): Tensor => scaledSum(a, axes, keepdim, 'sum', false);

/** Mean over `axes` (all by default), shaped as `sum`.
 * y = (1/n) Σ x   dy/dx = 1/n, n the number of values averaged into each output */
export const mean = (a: Tensor, axes?: Axes, keepdim = false): Tensor => scaledSum(a, axes, keepdim, 'mean', true);

/** Maximum over `axes` (all by default), shaped as `sum`.
 * y = max x over the axes   dy/dx = 1 at the (first) position of the maximum, 0 elsewhere */
export function max(a: Tensor, axes?: Axes, keepdim = false): Tensor {
  const { reduced, outShape } = plan(a.shape, axes, keepdim, 'max');
  const x = a.data;
  const y = alloc(sizeOf(outShape)).fill(-Infinity);
  const arg = new Int32Array(y.length).fill(-1); // where each maximum came from, for the backward
  const take = (o: number, i: number) => {
    if (x[i] > y[o] || arg[o] < 0) {
      y[o] = x[i];
      arg[o] = i;
    }
  };
  const r = run(a.shape, reduced);
  if (r) {
    const [outer, len, inner] = r;
    for (let o = 0; o < outer; o++) for (let l = 0; l < len; l++) for (let i = 0; i < inner; i++) take(o * inner + i, (o * len + l) * inner + i);
  } else {
    const index = reduceIndex(a.shape, reduced);
    for (let i = 0; i < x.length; i++) take(index[i], i);
  }
  return result(y, outShape, 'max', [a], (out) => {
    const g = out.grad!.data;
    const ga = a.gradData();
    for (let o = 0; o < g.length; o++) ga[arg[o]] += g[o];
  });
}
