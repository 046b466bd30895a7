// Stochastic gradient descent, with momentum and weight decay as in torch.optim.SGD, and the interface
// every optimizer shares (the schedules in schedules.ts change its `lr`).
import type { Tensor } from '../tensor.ts';
import { checkBuffers, checkKind, type OptimizerState, type SGDState } from './state.ts';

export interface Optimizer {
  lr: number;
  step(): void;
  zeroGrad(): void;
  /** The optimizer's buffers as plain JSON (copies), as torch.optim's `state_dict()`; not `lr` or the options. */
  stateDict(): OptimizerState;
  /**
   * Puts back a state from `stateDict()` of the same kind of optimizer over parameters of the same sizes,
   * in the same order. Throws an Error naming what is wrong, changing nothing, for any other state.
   */
  loadStateDict(state: OptimizerState): void;
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

  stateDict(): SGDState {
    return { kind: 'SGD', momentumBuffers: this.params.map((p) => this.velocity.get(p)).map((v) => (v ? Array.from(v) : null)) };
  }

  loadStateDict(state: SGDState): void {
    const s = checkKind(state, 'SGD');
    const buffers = checkBuffers('SGD', 'momentumBuffers', s.momentumBuffers, this.params);
    if (this.momentum === 0 && buffers.some((b) => b !== null)) {
      throw new Error('SGD.loadStateDict: the state has momentum buffers, but this SGD has no momentum');
    }
    this.velocity.clear();
    buffers.forEach((b, i) => b && this.velocity.set(this.params[i], b));
  }
}
