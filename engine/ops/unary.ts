// Elementwise functions of one tensor: neg, exp, log, sqrt, abs and the activations. Each pairs its
// forward f(x) with its derivative, written in terms of the input x and the output y = f(x).
import { alloc, result, type Tensor } from '../tensor.ts';

type Fn = (x: number) => number;
type Deriv = (x: number, y: number) => number;

/** Applies f elementwise; the backward multiplies the incoming gradient by f'(x). */
function unary(a: Tensor, op: string, f: Fn, df: Deriv): Tensor {
  const x = a.data;
  const data = alloc(x.length);
  for (let i = 0; i < x.length; i++) data[i] = f(x[i]);
  return result(data, a.shape.slice(), op, [a], (out) => {
    const g = out.grad!.data;
    const ga = a.gradData();
    for (let i = 0; i < g.length; i++) ga[i] += g[i] * df(x[i], data[i]);
  });
}

// y = -x   dy/dx = -1
export const neg = (a: Tensor) => unary(a, 'neg', (x) => -x, () => -1);

// y = eˣ   dy/dx = eˣ = y
export const exp = (a: Tensor) => unary(a, 'exp', Math.exp, (_, y) => y);

// y = ln x   dy/dx = 1/x
export const log = (a: Tensor) => unary(a, 'log', Math.log, (x) => 1 / x);

// y = √x   dy/dx = 1/(2√x) = 1/(2y)
export const sqrt = (a: Tensor) => unary(a, 'sqrt', Math.sqrt, (_, y) => 0.5 / y);

// y = |x|   dy/dx = sign(x)   (0 at x = 0)
export const abs = (a: Tensor) => unary(a, 'abs', Math.abs, (x) => Math.sign(x));

// y = max(0, x)   dy/dx = 1 if x > 0 else 0
export const relu = (a: Tensor) => unary(a, 'relu', (x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0));

// y = x if x > 0 else s·x   dy/dx = 1 if x > 0 else s
export const leakyRelu = (a: Tensor, slope = 0.01) =>
  unary(a, 'leakyRelu', (x) => (x > 0 ? x : slope * x), (x) => (x > 0 ? 1 : slope));

// y = tanh x   dy/dx = 1 - y²
export const tanh = (a: Tensor) => unary(a, 'tanh', Math.tanh, (_, y) => 1 - y * y);

// y = 1 / (1 + e⁻ˣ)   dy/dx = y(1 - y)
export const sigmoid = (a: Tensor) =>
  unary(a, 'sigmoid', (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))), (_, y) => y * (1 - y));

const GELU_C = Math.sqrt(2 / Math.PI);

// GELU, the tanh approximation of Hendrycks & Gimpel (2016), as in GPT-2 and PyTorch's approximate='tanh':
// y = ½x(1 + tanh u), u = c(x + 0.044715x³), c = √(2/π)
// dy/dx = ½(1 + tanh u) + ½x(1 - tanh² u)·c(1 + 3·0.044715x²)
export const gelu = (a: Tensor) =>
  unary(
    a,
    'gelu',
    (x) => 0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x * x * x))),
    (x) => {
      const t = Math.tanh(GELU_C * (x + 0.044715 * x * x * x));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x);
    },
  );
