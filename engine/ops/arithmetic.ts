// Elementwise arithmetic with NumPy broadcasting: add, sub, mul, div, and powers by a constant.
// Operands that are not already output-shaped are expanded first (a cheap copy: bias rows and scalars have
// fast paths in broadcast.ts), so each kernel below is one plain loop over equal-length buffers.
import { accumulateReduced, broadcastShape, expand } from './broadcast.ts';
import { alloc, asTensor, result, type Tensor } from '../tensor.ts';

type Operand = Tensor | number;
const ADD = 0, SUB = 1, MUL = 2, DIV = 3;
const NAMES = ['add', 'sub', 'mul', 'div'];

/** Both operands read at every position of their broadcast shape, and the op applied. */
function forward(a: Tensor, b: Tensor, kind: number) {
  const shape = broadcastShape(a.shape, b.shape, NAMES[kind]);
  const x = expand(a.data, a.shape, shape);
  const y = expand(b.data, b.shape, shape);
  const z = alloc(x.length);
  const n = z.length;
  // NOTE: one loop per op, not a callback per element: this is the hottest code in the engine.
  if (kind === ADD) for (let i = 0; i < n; i++) z[i] = x[i] + y[i];
  else if (kind === SUB) for (let i = 0; i < n; i++) z[i] = x[i] - y[i];
  else if (kind === MUL) for (let i = 0; i < n; i++) z[i] = x[i] * y[i];
  else for (let i = 0; i < n; i++) z[i] = x[i] / y[i];
  return { x, y, z, shape };
}

/**
 * Elementwise a + b with NumPy broadcasting: shapes [..a] and [..b] give their broadcast shape.
 * z = x + y   dz/dx = 1, dz/dy = 1  (summed over broadcast dimensions)
 */
export function add(a: Tensor, bIn: Operand): Tensor {
  const b = asTensor(bIn);
  const { z, shape } = forward(a, b, ADD);
  return result(z, shape, 'add', [a, b], (out) => {
    const g = out.grad!.data;
    if (a.requiresGrad) accumulateReduced(g, shape, a.gradData(), a.shape);
    if (b.requiresGrad) accumulateReduced(g, shape, b.gradData(), b.shape);
  });
}

/**
 * Elementwise a - b with NumPy broadcasting.
 * z = x - y   dz/dx = 1, dz/dy = -1
 */
export function sub(a: Tensor, bIn: Operand): Tensor {
  const b = asTensor(bIn);
  const { z, shape } = forward(a, b, SUB);
  return result(z, shape, 'sub', [a, b], (out) => {
    const g = out.grad!.data;
    if (a.requiresGrad) accumulateReduced(g, shape, a.gradData(), a.shape);
    if (b.requiresGrad) accumulateReduced(g, shape, b.gradData(), b.shape, -1);
  });
}

/**
 * Elementwise product a·b with NumPy broadcasting (not the matrix product: see matmul).
 * z = x·y   dz/dx = y, dz/dy = x
 */
export function mul(a: Tensor, bIn: Operand): Tensor {
  const b = asTensor(bIn);
  const { x, y, z, shape } = forward(a, b, MUL);
  return result(z, shape, 'mul', [a, b], (out) => {
    const g = out.grad!.data;
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

/**
 * Elementwise a / b with NumPy broadcasting.
 * z = x / y   dz/dx = 1/y, dz/dy = -x/y² = -z/y
 */
export function div(a: Tensor, bIn: Operand): Tensor {
  const b = asTensor(bIn);
  const { y, z, shape } = forward(a, b, DIV);
  return result(z, shape, 'div', [a, b], (out) => {
    const g = out.grad!.data;
    const t = alloc(g.length);
    if (a.requiresGrad) {
      for (let i = 0; i < g.length; i++) t[i] = g[i] / y[i];
      accumulateReduced(t, shape, a.gradData(), a.shape);
    }
    if (b.requiresGrad) {
      for (let i = 0; i < g.length; i++) t[i] = (-g[i] * z[i]) / y[i];
      accumulateReduced(t, shape, b.gradData(), b.shape);
    }
  });
}

/**
 * Elementwise power xᵏ by a constant exponent k; same shape as a.
 * z = xᵏ   dz/dx = k·xᵏ⁻¹   (k a plain number)
 */
export function pow(a: Tensor, k: number): Tensor {
  const x = a.data;
  const z = alloc(x.length);
  if (k === 2) for (let i = 0; i < x.length; i++) z[i] = x[i] * x[i];
  else for (let i = 0; i < x.length; i++) z[i] = x[i] ** k;
  return result(z, a.shape, 'pow', [a], (out) => {
    const g = out.grad!.data;
    const ga = a.gradData();
    if (k === 2) for (let i = 0; i < g.length; i++) ga[i] += 2 * x[i] * g[i];
    else for (let i = 0; i < g.length; i++) ga[i] += k * x[i] ** (k - 1) * g[i];
  });
}
