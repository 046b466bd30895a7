// Optimizers and learning-rate schedules, with PyTorch's update rules. Each reads `.grad` of its
// parameters and changes their values in place.
import type { Tensor } from '../tensor.ts';

export interface Optimizer {
  lr: number;
  step(): void;
  zeroGrad(): void;
}

/**
 * Stochastic gradient descent. With weight decay λ: g ← g + λθ. With momentum β: v ← βv + g, then
 * θ ← θ - η·v (or, Nesterov, θ ← θ - η·(g + βv)). Without momentum: θ ← θ - η·g.
 */
export class SGD implements Optimizer {
  lr: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  private readonly velocity: Map<Tensor, Float32Array> = new Map();

  constructor(
    readonly params: Tensor[],
    opts: { lr: number; momentum?: number; nesterov?: boolean; weightDecay?: number },
  ) {
    this.lr = opts.lr;
    this.momentum = opts.momentum ?? 0;
    this.nesterov = opts.nesterov ?? false;
    this.weightDecay = opts.weightDecay ?? 0;
  }

  step(): void {
    const { lr, momentum: beta, weightDecay: wd, nesterov } = this;
    for (const p of this.params) {
      if (!p.grad) continue;
      const g = p.grad.data;
      const x = p.data;
      if (beta === 0) {
        for (let i = 0; i < x.length; i++) x[i] -= lr * (g[i] + wd * x[i]);
        continue;
      }
      let v = this.velocity.get(p);
      const first = !v;
      if (!v) this.velocity.set(p, (v = new Float32Array(x.length)));
      for (let i = 0; i < x.length; i++) {
        const gi = g[i] + wd * x[i];
        v[i] = first ? gi : beta * v[i] + gi;
        x[i] -= lr * (nesterov ? gi + beta * v[i] : v[i]);
      }
    }
  }

  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }
}

/**
 * Adam (Kingma & Ba 2014): m ← β₁m + (1-β₁)g, v ← β₂v + (1-β₂)g², m̂ = m/(1-β₁ᵗ), v̂ = v/(1-β₂ᵗ),
 * θ ← θ - η·m̂/(√v̂ + ε). Weight decay λ is added to the gradient (L2, as in torch.optim.Adam).
 */
export class Adam implements Optimizer {
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private t = 0;
  private readonly moments: Map<Tensor, [Float32Array, Float32Array]> = new Map();

  constructor(
    readonly params: Tensor[],
    opts: { lr?: number; betas?: [number, number]; eps?: number; weightDecay?: number } = {},
  ) {
    this.lr = opts.lr ?? 1e-3;
    [this.beta1, this.beta2] = opts.betas ?? [0.9, 0.999];
    this.eps = opts.eps ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0;
  }

  step(): void {
    this.t++;
    const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd } = this;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    for (const p of this.params) {
      if (!p.grad) continue;
      const g = p.grad.data;
      const x = p.data;
      let mv = this.moments.get(p);
      if (!mv) this.moments.set(p, (mv = [new Float32Array(x.length), new Float32Array(x.length)]));
      const [m, v] = mv;
      for (let i = 0; i < x.length; i++) {
        const gi = g[i] + wd * x[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        x[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
      }
    }
  }

  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }
}

/** Multiplies the learning rate by γ every `stepSize` calls of `step()`: η_t = η₀·γ^⌊t/stepSize⌋. */
export class StepLR {
  private epoch = 0;
  private readonly base: number;

  constructor(private readonly opt: Optimizer, private readonly opts: { stepSize: number; gamma?: number }) {
    this.base = opt.lr;
  }

  step(): void {
    this.epoch++;
    this.opt.lr = this.base * (this.opts.gamma ?? 0.1) ** Math.floor(this.epoch / this.opts.stepSize);
  }
}

/** Multiplies the learning rate by γ at every call of `step()`: η_t = η₀·γᵗ. */
export class ExponentialLR {
  private epoch = 0;
  private readonly base: number;

  constructor(private readonly opt: Optimizer, private readonly opts: { gamma: number }) {
    this.base = opt.lr;
  }

  step(): void {
    this.epoch++;
    this.opt.lr = this.base * this.opts.gamma ** this.epoch;
  }
}
