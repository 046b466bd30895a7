// The numbers behind the GradientThroughTime figure: an RNN whose recurrent weight is ρ times a random
// orthogonal matrix (so every eigenvalue has size ρ and the spectral radius is exactly ρ), run over random
// inputs; one backward pass from a loss on the last state gives ‖∂L/∂h_t‖ for every t, and the gradient
// of the recurrent weight before and after clipping.
import { clipGradNorm, nn, randn, rng as makeRng, tensor, type Rng, type Tensor } from '../../engine/index.ts';

export type Activation = 'tanh' | 'linear';

/** A random orthogonal n×n matrix (Gram–Schmidt on a Gaussian matrix), row-major. */
export function randomOrthogonal(n: number, r: Rng): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from({ length: n }, () => r.normal());
    for (let k = 0; k < i; k++) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += v[j] * q[k * n + j];
      for (let j = 0; j < n; j++) v[j] -= dot * q[k * n + j];
    }
    const norm = Math.hypot(...v);
    for (let j = 0; j < n; j++) q[i * n + j] = v[j] / norm;
  }
  return q;
}

export interface ThroughTime {
  /** back[k] = ‖∂L/∂h_{T−k}‖ for k = 0 … T − 1: k steps back from the loss (back[0] = 1). */
  back: number[];
  /** The norm of the recurrent weight's gradient before clipping. */
  gradNorm: number;
  /** Its norm after clipping (equal to gradNorm when clipping is off or not needed). */
  clippedNorm: number;
  /** The cosine between the gradient before and after clipping: 1 when the direction is kept. */
  cosine: number;
  /** The mean |h_t| over the run: near 1 means the tanh units are saturated. */
  meanAbsH: number;
}

export interface ThroughTimeOptions {
  rho: number;
  activation: Activation;
  /** Steps after h_0; the loss reads h_T. */
  T?: number;
  hidden?: number;
  /** Clip the gradient to this norm (0 or absent: no clipping). */
  clip?: number;
  seed?: number;
}

/**
 * h_t = σ(W_hh h_{t-1} + W_xh x_t + b) with W_hh = ρQ, x_t ~ N(0, 1), h_0 = 0, and the loss L = rᵀh_T with a
 * fixed unit vector r, so ∂L/∂h_T = r and ‖∂L/∂h_t‖ is the size of the product of the Jacobians from T back to t.
 */
export function throughTime(opts: ThroughTimeOptions): ThroughTime {
  const { rho, activation } = opts;
  const T = opts.T ?? 51;
  const H = opts.hidden ?? 16;
  const r = makeRng(opts.seed ?? 3);
  const rnn = new nn.RNN(4, H, { nonlinearity: activation, rng: r });
  const q = randomOrthogonal(H, r);
  for (let i = 0; i < H * H; i++) rnn.weight_hh_l0.data[i] = rho * q[i];
  const readout = randn([H], r);
  const rNorm = Math.hypot(...readout.data);
  const unit = tensor(Array.from(readout.data, (v) => v / rNorm));
  // x_1 … x_T give h_1 … h_T (steps[t - 1] holds h_t) from h_0 = 0.
  const x = randn([1, T, 4], r);
  rnn.retainGrads = true;
  const { h } = rnn.forward(x);
  h.mul(unit).sum().backward();
  const back = rnn.steps.map((s: { h: Tensor }) => Math.hypot(...(s.h.grad?.data ?? [0]))).reverse();
  let sumAbs = 0;
  for (const s of rnn.steps) for (const v of s.h.data) sumAbs += Math.abs(v);
  const g = rnn.weight_hh_l0.grad;
  const before = g ? Float64Array.from(g.data) : new Float64Array(H * H);
  const gradNorm = Math.hypot(...before);
  let clippedNorm = gradNorm;
  let cosine = 1;
  if (opts.clip && opts.clip > 0 && g) {
    clipGradNorm([rnn.weight_hh_l0], opts.clip);
    const after = g.data;
    clippedNorm = Math.hypot(...after);
    let dot = 0;
    for (let i = 0; i < after.length; i++) dot += after[i] * before[i];
    cosine = clippedNorm > 0 && gradNorm > 0 ? dot / (clippedNorm * gradNorm) : 1;
  }
  return { back, gradNorm, clippedNorm, cosine, meanAbsH: sumAbs / (T * H) };
}
