// Looking at tensors: printing them, and checking them for NaN and Infinity.
import { shapeStr, sizeOf, Tensor } from './tensor.ts';

/** Pretty-prints values with the shape, e.g. `tensor([[1, 2], [3, 4]], shape=[2,2])`. */
export function formatTensor(t: Tensor, maxPerDim = 6): string {
  const fmt = (x: number) => {
    if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
    const a = Math.abs(x);
    return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(3) : Number(x.toFixed(4)).toString();
  };
  const strides = t.shape.map((_, d) => sizeOf(t.shape.slice(d + 1)));
  const walk = (dim: number, offset: number, indent: string): string => {
    if (dim === t.shape.length) return fmt(t.data[offset]);
    const n = t.shape[dim];
    const items: string[] = [];
    const show = n > maxPerDim ? [0, 1, 2, -1, n - 3, n - 2, n - 1] : [...Array(n).keys()];
    for (const i of show) items.push(i === -1 ? '…' : walk(dim + 1, offset + i * strides[dim], indent + ' '));
    const sep = dim === t.shape.length - 1 ? ', ' : `,\n${indent} `;
    return `[${items.join(sep)}]`;
  };
  const body = t.shape.length === 0 ? fmt(t.data[0]) : walk(0, 0, '       ');
  return `tensor(${body}, shape=${shapeStr(t.shape)}${t.requiresGrad ? ', requiresGrad' : ''})`;
}

/** True if any value of the tensors is NaN or ±Infinity: lets a trainer stop and report divergence. */
export function hasNonFinite(x: Tensor | Tensor[] | { parameters(): Tensor[] }): boolean {
  const list = x instanceof Tensor ? [x] : Array.isArray(x) ? x : x.parameters();
  for (const t of list) {
    const d = t.data;
    for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return true;
  }
  return false;
}
