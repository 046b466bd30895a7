// Elementwise functions of one tensor: neg, exp, log, sqrt, abs and the activations. Each op is a forward
// loop y = f(x) and a backward loop dL/dx += dL/dy · f'(x), with f' written in terms of x or y = f(x).
// NOTE: plain loops, no callback per element: activations run on every layer of every step.
import { alloc, result, type Tensor } from '../tensor.ts';
import { isFloat32 } from '../storage.ts';

/** Wraps an op's output y = f(x) with its backward: `grad(g, ga)` adds g·f' into ga. */
const unary = (a: Tensor, y: Float32Array, op: string, grad: (g: Float32Array, ga: Float32Array) => void): Tensor =>
  result(y, a.shape, op, [a], (out) => grad(out.grad!.data, a.gradData()));

/**
 * Elementwise -x; same shape.
 * y = -x   dy/dx = -1
 */
export function neg(a: Tensor): Tensor {
  const x = a.data, y = alloc(x.length);
  for (let i = 0; i < x.length; i++) y[i] = -x[i];
  return unary(a, y, 'neg', (g, ga) => { for (let i = 0; i < g.length; i++) ga[i] -= g[i]; });
}

/**
 * Elementwise eˣ; same shape.
 * y = eˣ   dy/dx = eˣ = y
 */
export function exp(a: Tensor): Tensor {
  const x = a.data, y = alloc(x.length);
  for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i]);
  return unary(a, y, 'exp', (g, ga) => { for (let i = 0; i < g.length; i++) ga[i] += g[i] * y[i]; });
}

/**
 * Elementwise natural logarithm; same shape.
 * y = ln x   dy/dx = 1/x
 */
export function log(a: Tensor): Tensor {
  const x = a.data, y = alloc(x.length);
  for (let i = 0; i < x.length; i++) y[i] = Math.log(x[i]);
  return unary(a, y, 'log', (g, ga) => { for (let i = 0; i < g.length; i++) ga[i] += g[i] / x[i]; });
}

/**
 * Elementwise square root; same shape.
 * y = √x   dy/dx = 1/(2√x) = 1/(2y)
 */
export function sqrt(a: Tensor): Tensor {
  const x = a.data, y = alloc(x.length);
  for (let i = 0; i < x.length; i++) y[i] = Math.sqrt(x[i]);
  return unary(a, y, 'sqrt', (g, ga) => { for (let i = 0; i < g.length; i++) ga[i] += (0.5 * g[i]) / y[i]; });
}

/**
 * Elementwise |x|; same shape.
 * y = |x|   dy/dx = sign(x)   (0 at x = 0)
 */
export function abs(a: Tensor): Tensor {
  const x = a.data, y = alloc(x.length);
  for (let i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
  return unary(a, y, 'abs', (g, ga) => { for (let i = 0; i < g.length; i++) ga[i] += x[i] > 0 ? g[i] : x[i] < 0 ? -g[i] : 0; });
}

/**
 * Rectified linear unit, elementwise; same shape.
 * y = max(0, x)   dy/dx = 1 if x > 0 else 0
 */
export function relu(a: Tensor): Tensor {
  const x = a.data, y = alloc(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : 0;
  return unary(a, y, 'relu', (g, ga) => { for (let i = 0; i < g.length; i++) if (x[i] > 0) ga[i] += g[i]; });
}

/**
 * Leaky ReLU with slope s (default 0.01) for negative inputs, elementwise; same shape.
 * y = x if x > 0 else s·x   dy/dx = 1 if x > 0 else s
 */
export function leakyRelu(a: Tensor, slope = 0.01): Tensor {
  const x = a.data, y = alloc(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : slope * x[i];
  return unary(a, y, 'leakyRelu', (g, ga) => { for (let i = 0; i < g.length; i++) ga[i] += x[i] > 0 ? g[i] : slope * g[i]; });
}

// tanh to float32 accuracy (absolute error under 1e-7, at most 3 units in float32's last place), several
// times faster than Math.tanh: the odd rational minimax fit p(x)/q(x) that Eigen uses for float32, on
// inputs clamped to [-9, 9] (where it reaches ±1 in float32, as tanh does). Branch-free, so it pipelines.
// Gradient checks run in float64 and keep Math.tanh.
// NOTE: the coefficients are literals, not module constants: bundlers may turn a top-level const into a
// var, which the JIT then reloads on every call instead of folding (twice as slow).
export function tanh32(v: number): number {
  const x = Math.min(Math.max(v, -9), 9);
  const x2 = x * x;
  const p = x * (4.89352455891786e-3 + x2 * (6.37261928875436e-4 + x2 * (1.48572235717979e-5 +
    x2 * (5.12229709037114e-8 + x2 * (-8.60467152213735e-11 + x2 * (2.00018790482477e-13 + x2 * -2.76076847742355e-16))))));
  return p / (4.89352518554385e-3 + x2 * (2.26843463243900e-3 + x2 * (1.18534705686654e-4 + x2 * 1.19825839466702e-6)));
}

/**
 * Hyperbolic tangent, elementwise, into (-1, 1); same shape.
 * y = tanh x   dy/dx = 1 - y²
 */
export function tanh(a: Tensor): Tensor {
  const x = a.data, y = alloc(x.length);
  if (isFloat32()) for (let i = 0; i < x.length; i++) y[i] = tanh32(x[i]);
  else for (let i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]);
  return unary(a, y, 'tanh', (g, ga) => { for (let i = 0; i < g.length; i++) ga[i] += g[i] * (1 - y[i] * y[i]); });
}

/**
 * Logistic sigmoid, elementwise, into (0, 1); same shape.
 * y = 1 / (1 + e⁻ˣ)   dy/dx = y(1 - y)   (computed as eˣ/(1 + eˣ) for x < 0, so e⁻ˣ never overflows)
 */
export function sigmoid(a: Tensor): Tensor {
  const x = a.data, y = alloc(x.length);
  for (let i = 0; i < x.length; i++) {
    const e = Math.exp(-Math.abs(x[i]));
    y[i] = x[i] >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
  return unary(a, y, 'sigmoid', (g, ga) => { for (let i = 0; i < g.length; i++) ga[i] += g[i] * y[i] * (1 - y[i]); });
}

const C = Math.sqrt(2 / Math.PI);
const K = 0.044715;

/**
 * Gaussian error linear unit, elementwise; same shape.
 * GELU, the tanh approximation (Hendrycks & Gimpel 2016), as in GPT-2 and PyTorch's approximate='tanh':
 * y = ½x(1 + tanh u), u = c(x + 0.044715x³), c = √(2/π)
 * dy/dx = ½(1 + tanh u) + ½x(1 - tanh² u)·c(1 + 3·0.044715x²)
 */
export function gelu(a: Tensor): Tensor {
  const x = a.data, y = alloc(x.length);
  const t = alloc(x.length); // tanh u, kept for the backward
  const f32 = isFloat32(); // the fast float32 tanh, as in `tanh`; Math.tanh for gradient checks in float64
  for (let i = 0; i < x.length; i++) {
    const v = x[i], u = C * (v + K * v * v * v);
    t[i] = f32 ? tanh32(u) : Math.tanh(u);
    y[i] = 0.5 * v * (1 + t[i]);
  }
  return unary(a, y, 'gelu', (g, ga) => {
    for (let i = 0; i < g.length; i++) {
      const v = x[i];
      ga[i] += g[i] * (0.5 * (1 + t[i]) + 0.5 * v * (1 - t[i] * t[i]) * C * (1 + 3 * K * v * v));
    }
  });
}
