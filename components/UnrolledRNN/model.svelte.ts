// The UnrolledRNN figure's state: the recurrent scale, how many training steps have been taken, and how far
// the reader has stepped through the forward pass (states revealed) and then the backward pass (gradients
// revealed from the last step back). The numbers are always those of one real pass (unrolled.ts).
import { z } from 'zod';
import { defineState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';
import { SineRNN, STEPS, type Pass } from './unrolled.ts';

export const SCALE_MIN = 0.5;
export const SCALE_MAX = 3;
export const MAX_TRAINED = 500;

/** The figure's state. Links written before the figure kit ({ v: 1, scale, trained, forward, backward } under
 * the same key) read the same. */
export const unrolledState = defineState({
  version: 1,
  schema: z.object({
    scale: z.number().min(SCALE_MIN).max(SCALE_MAX).meta({ step: 0.1 }).default(1),
    trained: z.number().int().min(0).max(MAX_TRAINED).default(0),
    forward: z.number().int().min(0).max(STEPS).default(0),
    backward: z.number().int().min(0).max(STEPS).default(0),
  }),
});
export type UnrolledState = z.output<typeof unrolledState.schema>;

const f3 = (v: number) => String(+v.toFixed(3));

export class UnrolledModel extends StateModel<typeof unrolledState.schema> {
  scale = $state(1);
  trained = $state(0);
  /** States revealed: h_1 … h_forward. */
  forward = $state(0);
  /** Gradients revealed: ∂L/∂h_t for t = T − backward + 1 … T; only once the forward pass is complete. */
  backward = $state(0);
  pass: Pass = $state.raw(new SineRNN(1).pass());
  private net = new SineRNN(1);

  constructor(initial: Partial<UnrolledState> = {}) {
    super(unrolledState, initial);
    this.load(this.initial);
  }

  override apply(s: UnrolledState): void {
    this.load(s);
  }

  /** What exercise goals read: the state, the loss and the gradient norms. */
  report() {
    return { ...this.snapshot(), loss: this.pass.loss, gradNorms: this.pass.gradNorms };
  }

  /** Rebuilds the net at `scale` and replays `trained` Adam steps (seeded, so the same numbers come back). */
  load(s: Partial<UnrolledState>): void {
    const scale = Math.min(SCALE_MAX, Math.max(SCALE_MIN, Math.round((s.scale ?? this.scale) * 10) / 10));
    const trained = Math.min(MAX_TRAINED, Math.max(0, Math.floor(s.trained ?? 0)));
    this.scale = scale;
    this.net = new SineRNN(scale);
    for (let i = 0; i < trained; i++) this.net.train();
    this.trained = trained;
    this.pass = this.net.pass();
    this.forward = Math.min(STEPS, Math.max(0, s.forward ?? 0));
    this.backward = this.forward === STEPS ? Math.min(STEPS, Math.max(0, s.backward ?? 0)) : 0;
  }

  setScale(scale: number): void {
    this.load({ scale, trained: 0, forward: this.forward, backward: this.backward });
  }

  get canStepForward(): boolean {
    return this.forward < STEPS;
  }

  get canStepBackward(): boolean {
    return this.forward === STEPS && this.backward < STEPS;
  }

  stepForward(): void {
    if (this.canStepForward) this.forward++;
  }

  stepBackward(): void {
    if (this.canStepBackward) this.backward++;
  }

  /** Reveals the whole forward and backward pass. */
  runAll(): void {
    this.forward = STEPS;
    this.backward = STEPS;
  }

  /** Hides everything again (the net keeps its training). */
  rewind(): void {
    this.forward = 0;
    this.backward = 0;
  }

  /** `n` Adam steps; the revealed part of the pass shows the new numbers. */
  train(n = 10): void {
    const k = Math.min(n, MAX_TRAINED - this.trained);
    for (let i = 0; i < k; i++) this.net.train();
    this.trained += k;
    this.pass = this.net.pass();
  }

  get canTrain(): boolean {
    return this.trained < MAX_TRAINED;
  }

  /** Whether the gradient at step t (1-based) has been revealed. */
  gradientShown(t: number): boolean {
    return this.forward === STEPS && t > STEPS - this.backward;
  }

  describe(): string {
    const p = this.pass;
    const head = `Recurrent scale ${this.scale}, ${this.trained} training steps, loss ${f3(p.loss)}.`;
    if (this.forward === 0) return `${head} Nothing computed yet: step forward to compute h_1.`;
    if (this.forward < STEPS) {
      const t = this.forward;
      return `${head} Forward pass at step ${t} of ${STEPS}: h_${t} = (${p.h[t - 1].map(f3).join(', ')}), predicting ${f3(p.yhat[t - 1])} for the next sample.`;
    }
    if (this.backward === 0) return `${head} Forward pass complete; step backward to send the gradient from step ${STEPS}.`;
    const t = STEPS - this.backward + 1;
    const shown = p.gradNorms.slice(t - 1).map(f3).join(', ');
    return `${head} Backward pass at step ${t}: ‖∂L/∂h_t‖ for t = ${t} … ${STEPS} is ${shown}.${this.backward === STEPS ? ` ‖∂L/∂W_hh‖ = ${f3(p.recurrentGradNorm)}.` : ''}`;
  }
}
