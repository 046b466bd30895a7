// The numbers behind the ActivationExplorer figure: each activation and its derivative, both from the
// engine (the derivative by its backward pass), and what the figure says about each; and the figure's
// state (which activation, and the point z read off, kept as `x` in the link).
import { z } from 'zod';
import { tensor, type Tensor } from '../../engine/index.ts';
import type { FigureModel } from '../ui/figure.svelte.ts';
import { defineState, optionsOf } from '../ui/figureState.ts';

export const activationState = defineState({
  version: 1,
  schema: z.object({
    name: z.enum(['sigmoid', 'tanh', 'relu', 'leakyRelu', 'gelu']).default('sigmoid'),
    x: z.number().min(-5).max(5).meta({ step: 0.1 }).default(0),
  }),
});

export type ActivationState = z.output<typeof activationState.schema>;
export type ActivationName = ActivationState['name'];
export const activationNames = optionsOf(activationState.schema.shape.name);

/** What the figure says about each derivative; every number in it is checked in model.test.ts. */
export const notes: Record<ActivationName, string> = {
  sigmoid: "sigmoid'(z) = sigmoid(z)(1 − sigmoid(z)) is at most 1/4, at z = 0, and below 0.01 once |z| > 4.6: passing back through a sigmoid unit multiplies a gradient by at most 1/4.",
  tanh: "tanh'(z) = 1 − tanh²(z) reaches 1 at z = 0 but also vanishes for large |z|.",
  relu: "relu'(z) is exactly 1 for z > 0 and exactly 0 for z < 0: no shrinking where the unit is active, no gradient at all where it is not.",
  leakyRelu: "leakyRelu'(z) is 1 for z > 0 and 0.01 for z < 0: a small gradient survives on the negative side.",
  gelu: "gelu'(z) is smooth, negative below z ≈ −0.75 (lowest, about −0.13, near z ≈ −1.4), slightly above 1 for moderate positive z (about 1.13 near z ≈ 1.4), and tends to 1 for large z.",
};

const apply = (t: Tensor, n: ActivationName) => (n === 'leakyRelu' ? t.leakyRelu(0.01) : t[n]());

/** f and f' at each of `xs`, through the engine's autograd. */
export function curves(n: ActivationName, xs: number[]): { f: number[]; df: number[] } {
  const t = tensor(xs, undefined, { requiresGrad: true });
  const y = apply(t, n);
  y.sum().backward();
  return { f: Array.from(y.data), df: Array.from(t.grad!.data) };
}

const fmt = (v: number) => String(+v.toFixed(4));

export class ActivationModel implements FigureModel<typeof activationState.schema> {
  readonly spec = activationState;
  name: ActivationName = $state('sigmoid');
  x = $state(0);
  /** f and f' at the chosen z. */
  readonly at = $derived(curves(this.name, [this.x]));

  snapshot(): ActivationState {
    return { name: this.name, x: this.x };
  }

  apply(s: ActivationState): void {
    this.name = s.name;
    this.x = s.x;
  }

  reset(): void {
    this.apply(activationState.defaults());
  }

  describe(): string {
    return `${this.name} at z = ${fmt(this.x)}: f(z) = ${fmt(this.at.f[0])}, f'(z) = ${fmt(this.at.df[0])}. ${notes[this.name]}`;
  }

  report() {
    return { name: this.name, x: this.x, f: this.at.f[0], df: this.at.df[0] };
  }
}
