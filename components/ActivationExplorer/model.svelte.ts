// The numbers behind the ActivationExplorer figure: each activation and its derivative, both from the
// engine (the derivative by its backward pass), and what the figure says about each; and the figure's
// state (which activation, and the point z read off, kept as `x` in the link).
import { z } from 'zod';
import { tensor, type Tensor } from '../../engine/index.ts';
import { defineState, optionsOf, rangeOf } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';

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

/** The z axis of the plot: the slider's range. */
export const Z_RANGE = [rangeOf(activationState.schema.shape.x).min, rangeOf(activationState.schema.shape.x).max] as const;

/** z on a grid of 201 points over the plot's range. */
export const zGrid: number[] = Array.from({ length: 201 }, (_, i) => Z_RANGE[0] + (i * (Z_RANGE[1] - Z_RANGE[0])) / 200);

/**
 * The y range that holds both f and f' over the whole z range, widened to whole steps of `tick` (0.5 up
 * to a span of 3, else 1) with a margin, so that relu, leaky ReLU and gelu stay on the chart. Also the
 * tick values.
 */
export function yRange(name: ActivationName): { lo: number; hi: number; ticks: number[] } {
  const { f, df } = curves(name, zGrid);
  const all = [...f, ...df, 0, 1];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const tick = max - min <= 3 ? 0.5 : 1;
  const lo = Math.floor((min - 0.05) / tick) * tick;
  const hi = Math.ceil((max + 0.05) / tick) * tick;
  const ticks = Array.from({ length: Math.round((hi - lo) / tick) + 1 }, (_, k) => +(lo + k * tick).toFixed(6));
  return { lo, hi, ticks };
}

/** The z a click at `fraction` (0 at the left edge, 1 at the right) of the plot means, on the slider's grid. */
export function zAt(fraction: number): number {
  const { step } = rangeOf(activationState.schema.shape.x);
  const z = Z_RANGE[0] + Math.max(0, Math.min(1, fraction)) * (Z_RANGE[1] - Z_RANGE[0]);
  return +(Math.round(z / step) * step).toFixed(6);
}

export class ActivationModel extends StateModel<typeof activationState.schema> {
  name = $state(this.initial.name);
  x = $state(this.initial.x);
  /** f and f' at the chosen z. */
  readonly at = $derived(curves(this.name, [this.x]));

  constructor() {
    super(activationState);
  }

  describe(): string {
    return `${this.name} at z = ${fmt(this.x)}: f(z) = ${fmt(this.at.f[0])}, f'(z) = ${fmt(this.at.df[0])}. ${notes[this.name]}`;
  }

  report() {
    return { name: this.name, x: this.x, f: this.at.f[0], df: this.at.df[0] };
  }
}
