// Gradient checking: compares the gradients backward() computes with central finite differences.
// By default it runs in float64, where the difference quotient is accurate to about 1e-8.
import { noGrad, setPrecision, Tensor, tensor } from './tensor.ts';
import { sum } from './ops/reduce.ts';
import { mul } from './ops/arithmetic.ts';

export interface GradCheckResult {
  /** Largest |analytic - numeric| / max(1, |analytic|, |numeric|) over every input element. */
  maxError: number;
  ok: boolean;
  /** Per input: the analytic and the numeric gradient, flat. */
  analytic: number[][];
  numeric: number[][];
}

/**
 * Checks the gradient of `fn` at `inputs`. If `fn` returns a non-scalar tensor, the check uses the scalar
 * Σ fn(x)·r for a fixed random-looking weight r, which exercises every output.
 * Central difference: ∂L/∂x_i ≈ (L(x + h·e_i) - L(x - h·e_i)) / 2h, error O(h²).
 */
export function gradCheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  opts: { h?: number; tolerance?: number; precision?: 'float32' | 'float64' } = {},
): GradCheckResult {
  const precision = opts.precision ?? 'float64';
  const h = opts.h ?? (precision === 'float64' ? 1e-6 : 1e-2);
  const tolerance = opts.tolerance ?? (precision === 'float64' ? 1e-5 : 2e-2);
  setPrecision(precision);
  try {
    const xs = inputs.map((t) => tensor(Array.from(t.data), t.shape.slice(), { requiresGrad: true }));
    let weights: Tensor | null = null;
    const loss = (): Tensor => {
      const y = fn(...xs);
      if (y.size === 1) return sum(y);
      weights ??= tensor(Array.from({ length: y.size }, (_, i) => Math.sin(1.7 * i + 0.3) + 0.1), y.shape.slice());
      return sum(mul(y, weights));
    };
    loss().backward();
    const analytic = xs.map((x) => Array.from(x.grad?.data ?? new Float32Array(x.size)));
    const numeric = xs.map((x) =>
      noGrad(() =>
        Array.from(x.data, (_, i) => {
          const keep = x.data[i];
          x.data[i] = keep + h;
          const up = loss().item();
          x.data[i] = keep - h;
          const down = loss().item();
          x.data[i] = keep;
          return (up - down) / (2 * h);
        }),
      ),
    );
    let maxError = 0;
    analytic.forEach((a, k) =>
      a.forEach((g, i) => {
        const n = numeric[k][i];
        maxError = Math.max(maxError, Math.abs(g - n) / Math.max(1, Math.abs(g), Math.abs(n)));
      }),
    );
    return { maxError, ok: maxError <= tolerance, analytic, numeric };
  } finally {
    setPrecision('float32');
  }
}
