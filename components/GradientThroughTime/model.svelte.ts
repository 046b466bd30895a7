// The GradientThroughTime figure's state: the spectral radius ρ, the activation and whether clipping is on,
// with the measurements of gradients.ts for those settings and the state a figure goal reads.
import { z } from 'zod';
import { defineState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';
import { throughTime, type Activation, type ThroughTime } from './gradients.ts';

export const RHO_MIN = 0.5;
export const RHO_MAX = 2;
/** The threshold clipping uses, in units of the gradient's length. */
export const CLIP = 1;

/** The figure's state. Links written before the figure kit ({ v: 1, rho, activation, clip } under the same key)
 * read the same. */
export const gradientState = defineState({
  version: 1,
  schema: z.object({
    rho: z.number().min(RHO_MIN).max(RHO_MAX).meta({ step: 0.01 }).default(0.9),
    activation: z.enum(['tanh', 'linear']).default('linear'),
    clip: z.boolean().default(false),
  }),
});
export type GradientState = z.output<typeof gradientState.schema>;

const fmt = (x: number) => (x === 0 ? '0' : x < 1e-2 || x >= 1e3 ? x.toExponential(1) : String(+x.toPrecision(2)));

export class GradientModel extends StateModel<typeof gradientState.schema> {
  rho = $state(this.initial.rho);
  activation: Activation = $state(this.initial.activation);
  clip = $state(this.initial.clip);
  result: ThroughTime = $derived(throughTime({ rho: this.rho, activation: this.activation, clip: this.clip ? CLIP : 0 }));

  constructor(initial: Partial<GradientState> = {}) {
    super(gradientState, initial);
    this.set(this.initial);
  }

  override apply(s: GradientState): void {
    this.set(s);
  }

  /** Any of the state's fields; ρ rounded to hundredths and kept in range. */
  set(s: Partial<GradientState>): void {
    if (s.rho !== undefined) this.rho = Math.min(RHO_MAX, Math.max(RHO_MIN, Math.round(s.rho * 100) / 100));
    if (s.activation !== undefined) this.activation = s.activation;
    if (s.clip !== undefined) this.clip = s.clip;
  }

  /** ρ^k for k = 0 … T − 1: the geometric rate the prose derives (exact for the linear net). */
  get geometric(): number[] {
    return this.result.back.map((_, k) => this.rho ** k);
  }

  /** What the figure announces for exercise goals. */
  report() {
    return { rho: this.rho, activation: this.activation, clip: this.clip, back: this.result.back, gradNorm: this.result.gradNorm, clippedNorm: this.result.clippedNorm };
  }

  describe(): string {
    const r = this.result;
    const k = r.back.length - 1;
    const last = r.back[k];
    const trend = last < 0.1 ? 'vanishes' : last > 10 ? 'explodes' : 'keeps roughly its size';
    const clip = this.clip
      ? ` Clipping at ${CLIP}: the recurrent weight's gradient has length ${fmt(r.gradNorm)} before and ${fmt(r.clippedNorm)} after, cosine ${r.cosine.toFixed(3)} between them.`
      : ` The recurrent weight's gradient has length ${fmt(r.gradNorm)}.`;
    return `${this.activation === 'tanh' ? 'Tanh' : 'Linear'} RNN, spectral radius ρ = ${this.rho}: the gradient ${k} steps back from the loss is ${fmt(last)} times its size at the loss (ρ^${k} = ${fmt(this.rho ** k)}); it ${trend}.${clip}`;
  }
}
