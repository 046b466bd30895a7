// Adam, with weight decay added to the gradient (L2, as torch.optim.Adam), and AdamW, with the decay
// applied to the weights directly (decoupled, as torch.optim.AdamW). Both count steps per parameter, as
// PyTorch does: a parameter's bias correction counts only the steps in which it had a gradient.
import type { Tensor } from '../tensor.ts';
import type { Optimizer } from './sgd.ts';
import { checkBuffers, checkKind, checkSteps, type AdamState, type LegacyAdamState } from './state.ts';

/** One parameter's state: its step count t and its moments m and v. */
interface Moments {
  t: number;
  m: Float32Array;
  v: Float32Array;
}

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
}

/**
 * Adam (Kingma & Ba 2014): m ← β₁m + (1-β₁)g, v ← β₂v + (1-β₂)g², m̂ = m/(1-β₁ᵗ), v̂ = v/(1-β₂ᵗ),
 * θ ← θ - η·m̂/(√v̂ + ε). Weight decay λ is added to the gradient, g ← g + λθ (L2, as in torch.optim.Adam),
 * so it too is divided by √v̂. Defaults: η = 0.001, β = (0.9, 0.999), ε = 1e-8, λ = 0.
 * A step leaves a parameter without a gradient alone, and t is that parameter's own count of the steps
 * that updated it (as in PyTorch), so its first update is corrected as a first step, whenever it comes.
 */
export class Adam implements Optimizer {
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private readonly moments: Map<Tensor, Moments> = new Map();

  constructor(
    readonly params: Tensor[],
    opts: AdamOptions = {},
  ) {
    this.lr = opts.lr ?? 1e-3;
    [this.beta1, this.beta2] = opts.betas ?? [0.9, 0.999];
    this.eps = opts.eps ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0;
  }

  step(): void {
    this.update(this.weightDecay, 0);
  }

  /** One step with L2 decay `l2` (added to the gradient) and decoupled decay `decay` (θ ← θ - ηλθ first). */
  protected update(l2: number, decay: number): void {
    const { lr, beta1: b1, beta2: b2, eps } = this;
    const keep = 1 - lr * decay;
    for (const p of this.params) {
      if (!p.grad) continue;
      const g = p.grad.data;
      const x = p.data;
      let state = this.moments.get(p);
      if (!state) this.moments.set(p, (state = { t: 0, m: new Float32Array(x.length), v: new Float32Array(x.length) }));
      const { m, v } = state;
      const t = ++state.t;
      const c1 = 1 - b1 ** t;
      const c2 = 1 - b2 ** t;
      for (let i = 0; i < x.length; i++) {
        const gi = g[i] + l2 * x[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        x[i] = keep * x[i] - (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
      }
    }
  }

  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }

  /** This class's name in a state: 'Adam' or 'AdamW' (the two update differently, so one's state is not the other's). */
  protected get kind(): AdamState['kind'] {
    return 'Adam';
  }

  stateDict(): AdamState {
    const states = this.params.map((p) => this.moments.get(p));
    return {
      kind: this.kind,
      steps: states.map((s) => s?.t ?? 0),
      m: states.map((s) => (s ? Array.from(s.m) : null)),
      v: states.map((s) => (s ? Array.from(s.v) : null)),
    };
  }

  /**
   * Also reads the state Adam wrote before it counted steps per parameter, with one count `t` for all
   * (Playground model files of version 2 hold one): each parameter with moments is given t steps, which
   * is the correction that state's optimizer would have gone on applying.
   */
  loadStateDict(state: AdamState | LegacyAdamState): void {
    const { kind } = this;
    const s = checkKind(state, kind);
    const m = checkBuffers(kind, 'm', s.m, this.params);
    const v = checkBuffers(kind, 'v', s.v, this.params, true);
    const unpaired = m.findIndex((b, i) => (b === null) !== (v[i] === null));
    if (unpaired >= 0) throw new Error(`${kind}.loadStateDict: m[${unpaired}] and v[${unpaired}] must both be null or both be arrays`);
    const steps = checkSteps(kind, s, m);
    this.moments.clear();
    m.forEach((b, i) => b && this.moments.set(this.params[i], { t: steps[i], m: b, v: v[i]! }));
  }
}

/**
 * AdamW (Loshchilov & Hutter 2019): Adam on the loss's gradient alone, with the weights decayed directly,
 * θ ← θ - ηλθ - η·m̂/(√v̂ + ε), so every weight shrinks by the same factor 1 - ηλ per step whatever its
 * gradient. As in torch.optim.AdamW, the decay is scaled by η (a schedule that lowers η lowers it too; the
 * paper scales only by the schedule), and λ defaults to 0.01; the other defaults are Adam's.
 */
export class AdamW extends Adam {
  constructor(params: Tensor[], opts: AdamOptions = {}) {
    super(params, { ...opts, weightDecay: opts.weightDecay ?? 0.01 });
  }

  override step(): void {
    this.update(0, this.weightDecay);
  }

  protected override get kind(): AdamState['kind'] {
    return 'AdamW';
  }
}
