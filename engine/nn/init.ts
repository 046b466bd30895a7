// Weight initializers. Each fills a tensor in place from the seeded generator; the variance each aims for
// is in its comment (fanIn = inputs per output unit, fanOut = outputs per input unit).
import type { Rng } from '../random.ts';
import type { Tensor } from '../tensor.ts';

/** Fan-in and fan-out of a weight: [out, in] for Linear, [out, in, kh, kw] for Conv2d. */
export function fans(w: Tensor): { fanIn: number; fanOut: number } {
  if (w.shape.length < 2) return { fanIn: w.shape[0] ?? 1, fanOut: w.shape[0] ?? 1 };
  const receptive = w.shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: w.shape[1] * receptive, fanOut: w.shape[0] * receptive };
}

/** All zeros. For weights this leaves every unit of a layer identical (symmetry is never broken). */
export function zeros(w: Tensor): Tensor {
  w.data.fill(0);
  return w;
}

/** Uniform in [-a, a]: Var = a²/3. */
export function uniform(w: Tensor, rng: Rng, a = 0.1): Tensor {
  for (let i = 0; i < w.size; i++) w.data[i] = rng.uniform(-a, a);
  return w;
}

/** Normal with mean 0 and standard deviation `std`. */
export function normal(w: Tensor, rng: Rng, std = 0.01): Tensor {
  for (let i = 0; i < w.size; i++) w.data[i] = rng.normal(0, std);
  return w;
}

/**
 * Xavier/Glorot (Glorot & Bengio 2010): Var(w) = 2 / (fanIn + fanOut), which keeps the variance of activations
 * (forward) and of gradients (backward) roughly constant through layers with activations near-linear at 0, like tanh.
 * Uniform: a = √(6 / (fanIn + fanOut)); normal: std = √(2 / (fanIn + fanOut)).
 */
export function xavier(w: Tensor, rng: Rng, dist: 'uniform' | 'normal' = 'uniform', gain = 1): Tensor {
  const { fanIn, fanOut } = fans(w);
  const std = gain * Math.sqrt(2 / (fanIn + fanOut));
  return dist === 'uniform' ? uniform(w, rng, Math.sqrt(3) * std) : normal(w, rng, std);
}

/**
 * He/Kaiming (He et al. 2015): Var(w) = 2 / fanIn. ReLU zeroes half of its inputs and so halves the second
 * moment; the factor 2 restores it, keeping activation variance constant through deep ReLU networks.
 */
export function he(w: Tensor, rng: Rng, dist: 'uniform' | 'normal' = 'normal'): Tensor {
  const { fanIn } = fans(w);
  const std = Math.sqrt(2 / fanIn);
  return dist === 'uniform' ? uniform(w, rng, Math.sqrt(3) * std) : normal(w, rng, std);
}

export type InitName = 'zeros' | 'uniform' | 'normal' | 'xavier' | 'he';

/** Applies an initializer by name (the form widgets and options use). */
export function initialize(w: Tensor, name: InitName, rng: Rng): Tensor {
  switch (name) {
    case 'zeros':
      return zeros(w);
    case 'uniform':
      return uniform(w, rng);
    case 'normal':
      return normal(w, rng);
    case 'xavier':
      return xavier(w, rng);
    case 'he':
      return he(w, rng);
  }
}
