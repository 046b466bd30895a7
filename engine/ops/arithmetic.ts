// Elementwise arithmetic with broadcasting: add, sub, mul, div, and powers by a constant.
import { accumulateReduced, broadcastShape, expand } from './broadcast.ts';
import { alloc, asTensor, result, type Tensor } from '../tensor.ts';

type Operand = Tensor | number;

/** Runs `f` over a and b broadcast to one shape. */
function zipWith(a: Tensor, b: Tensor, op: string, f: (x: number, y: number) => number): { data: Float32Array; shape: number[] } {
  const shape = broadcastShape(a.shape, b.shape, op);
  const x = expand(a.data, a.shape, shape);
  const y = expand(b.data, b.shape, shape);
  const data = alloc(x.length);
  for (let i = 0; i < data.length; i++) data[i] = f(x[i], y[i]);
  return { data, shape };
}

// z = x + y   dz/dx = 1, dz/dy = 1  (summed over broadcast dimensions)
export function add(a: Tensor, bIn: Operand): Tensor {
  const b = asTensor(bIn);
  const shape = broadcastShape(a.shape, b.shape, 'add');
  const data = expand(a.data, a.shape, shape).slice();
  const y = expand(b.data, b.shape, shape);
  for (let i = 0; i < data.length; i++) data[i] += y[i];
  return result(data, shape, 'add', [a, b], (out) => {
    const g = out.grad!.data;
    if (a.requiresGrad) accumulateReduced(g, shape, a.gradData(), a.shape);
    if (b.requiresGrad) accumulateReduced(g, shape, b.gradData(), b.shape);
  });
}

// z = x - y   dz/dx = 1, dz/dy = -1
export function sub(a: Tensor, bIn: Operand): Tensor {
  const b = asTensor(bIn);
  const { data, shape } = zipWith(a, b, 'sub', (x, y) => x - y);
  return result(data, shape, 'sub', [a, b], (out) => {
    const g = out.grad!.data;
    if (a.requiresGrad) accumulateReduced(g, shape, a.gradData(), a.shape);
    if (b.requiresGrad) accumulateReduced(g, shape, b.gradData(), b.shape, -1);
  });
}

// z = x·y   dz/dx = y, dz/dy = x
export function mul(a: Tensor, bIn: Operand): Tensor {
  const b = asTensor(bIn);
  const { data, shape } = zipWith(a, b, 'mul', (x, y) => x * y);
  return result(data, shape, 'mul', [a, b], (out) => {
    const g = out.grad!.data;
    const x = expand(a.data, a.shape, shape);
    const y = expand(b.data, b.shape, shape);
    const t = alloc(g.length);
    if (a.requiresGrad) {
      for (let i = 0; i < g.length; i++) t[i] = g[i] * y[i];
      accumulateReduced(t, shape, a.gradData(), a.shape);
    }
    if (b.requiresGrad) {
      for (let i = 0; i < g.length; i++) t[i] = g[i] * x[i];
      accumulateReduced(t, shape, b.gradData(), b.shape);
    }
  });
}

// z = x / y   dz/dx = 1/y, dz/dy = -x/y²
export function div(a: Tensor, bIn: Operand): Tensor {
  const b = asTensor(bIn);
  const { data, shape } = zipWith(a, b, 'div', (x, y) => x / y);
  return result(data, shape, 'div', [a, b], (out) => {
    const g = out.grad!.data;
    const x = expand(a.data, a.shape, shape);
    const y = expand(b.data, b.shape, shape);
    const t = alloc(g.length);
    if (a.requiresGrad) {
      for (let i = 0; i < g.length; i++) t[i] = g[i] / y[i];
      accumulateReduced(t, shape, a.gradData(), a.shape);
    }
    if (b.requiresGrad) {
      for (let i = 0; i < g.length; i++) t[i] = (-g[i] * x[i]) / (y[i] * y[i]);
      accumulateReduced(t, shape, b.gradData(), b.shape);
    }
  });
}

// z = xᵏ   dz/dx = k·xᵏ⁻¹   (k a plain number)
export function pow(a: Tensor, k: number): Tensor {
  const x = a.data;
  const data = alloc(x.length);
  for (let i = 0; i < x.length; i++) data[i] = k === 2 ? x[i] * x[i] : x[i] ** k;
  return result(data, a.shape.slice(), 'pow', [a], (out) => {
    const g = out.grad!.data;
    const ga = a.gradData();
    for (let i = 0; i < g.length; i++) ga[i] += g[i] * (k === 2 ? 2 * x[i] : k * x[i] ** (k - 1));
  });
}
