// Learning-rate schedules, as in torch.optim.lr_scheduler: each holds an optimizer and sets its `lr`.
// Call the schedule's `step()` once after each optimizer step (or each epoch, if you count in epochs).
import type { Optimizer } from './sgd.ts';

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

/**
 * Cosine annealing (Loshchilov & Hutter 2017), from the optimizer's rate η₀ down to `etaMin` over `tMax`
 * calls of `step()`, after an optional linear warm-up of `warmup` steps (0 by default). With T = tMax,
 * T_w = warmup and t the number of `step()` calls so far:
 *
 *   t < T_w:        η_t = η₀·(t + 1)/(T_w + 1)                                   (rising towards η₀)
 *   T_w ≤ t ≤ T:    η_t = η_min + ½(η₀ - η_min)(1 + cos(π(t - T_w)/(T - T_w)))   (η₀ at T_w, η_min at T)
 *   t > T:          η_t = η_min
 *
 * The rate for the first step is set at construction. Without warm-up this is torch.optim.lr_scheduler.
 * CosineAnnealingLR up to T; PyTorch's then climbs back up the cosine, this one stays at η_min.
 */
export class CosineAnnealingLR {
  private epoch = 0;
  private readonly base: number;
  private readonly tMax: number;
  private readonly etaMin: number;
  private readonly warmup: number;

  constructor(private readonly opt: Optimizer, opts: { tMax: number; etaMin?: number; warmup?: number }) {
    this.base = opt.lr;
    this.tMax = opts.tMax;
    this.etaMin = opts.etaMin ?? 0;
    this.warmup = opts.warmup ?? 0;
    if (!Number.isInteger(this.warmup) || this.warmup < 0) {
      throw new RangeError(`CosineAnnealingLR: warmup must be a whole number of steps, 0 or more (got ${opts.warmup})`);
    }
    if (!Number.isInteger(this.tMax) || this.tMax <= this.warmup) {
      throw new RangeError(`CosineAnnealingLR: tMax must be a whole number of steps larger than warmup (${this.warmup}); got ${opts.tMax}`);
    }
    opt.lr = this.rateAt(0);
  }

  /** The rate after `t` calls of `step()`. */
  rateAt(t: number): number {
    const { base, tMax: T, etaMin, warmup: Tw } = this;
    if (t < Tw) return (base * (t + 1)) / (Tw + 1);
    if (t >= T) return etaMin;
    return etaMin + 0.5 * (base - etaMin) * (1 + Math.cos((Math.PI * (t - Tw)) / (T - Tw)));
  }

  step(): void {
    this.epoch++;
    this.opt.lr = this.rateAt(this.epoch);
  }
}

/**
 * The rate as a function of the step: η_t = η₀·f(t), f given (torch.optim.lr_scheduler.LambdaLR). With it any
 * schedule can be written, e.g. a linear warm-up then cosine decay: t ↦ t < w ? (t + 1)/w : ½(1 + cos(π(t − w)/(T − w))).
 */
export class LambdaLR {
  private epoch = 0;
  private readonly base: number;

  constructor(private readonly opt: Optimizer, private readonly lrLambda: (step: number) => number) {
    this.base = opt.lr;
    opt.lr = this.rateAt(0);
  }

  /** The rate after `t` calls of `step()`. */
  rateAt(t: number): number {
    const f = this.lrLambda(t);
    if (!Number.isFinite(f)) throw new RangeError(`LambdaLR: the factor at step ${t} is ${f}, not a finite number`);
    return this.base * f;
  }

  step(): void {
    this.epoch++;
    this.opt.lr = this.rateAt(this.epoch);
  }
}

/**
 * A linear change of the factor from `startFactor` to `endFactor` over `totalIters` steps, then constant
 * (torch.optim.lr_scheduler.LinearLR, with its defaults 1/3, 1 and 5): the usual warm-up.
 *   η_t = η₀·(s + (e − s)·min(t, N)/N)
 */
export class LinearLR {
  private epoch = 0;
  private readonly base: number;
  private readonly start: number;
  private readonly end: number;
  private readonly total: number;

  constructor(private readonly opt: Optimizer, opts: { startFactor?: number; endFactor?: number; totalIters?: number } = {}) {
    this.base = opt.lr;
    this.start = opts.startFactor ?? 1 / 3;
    this.end = opts.endFactor ?? 1;
    this.total = opts.totalIters ?? 5;
    if (!(this.start > 0 && this.start <= 1) || !(this.end >= 0 && this.end <= 1)) {
      throw new RangeError(`LinearLR: startFactor must be in (0, 1] and endFactor in [0, 1] (got ${opts.startFactor}, ${opts.endFactor})`);
    }
    if (!Number.isInteger(this.total) || this.total < 1) throw new RangeError(`LinearLR: totalIters must be a whole number of steps, 1 or more (got ${opts.totalIters})`);
    opt.lr = this.rateAt(0);
  }

  /** The rate after `t` calls of `step()`. */
  rateAt(t: number): number {
    return this.base * (this.start + ((this.end - this.start) * Math.min(t, this.total)) / this.total);
  }

  step(): void {
    this.epoch++;
    this.opt.lr = this.rateAt(this.epoch);
  }
}
