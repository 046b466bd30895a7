// The steepness view of one neuron: sigmoid(w·x + b) along a line, which turns from a gentle S into a
// step as w grows. Version 1 links were written when this view shared the two-input neuron's state
// ({ w1, w2, b, activation, x1, x2 }); version 2 keeps only w and b.
import { z } from 'zod';
import { value } from '../../engine/index.ts';
import { defineState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';

export const steepnessState = defineState({
  version: 2,
  schema: z.object({
    w: z.number().min(0).max(50).meta({ step: 0.5 }).default(1),
    b: z.number().min(-25).max(25).meta({ step: 0.5 }).default(0),
  }),
  migrations: { 1: (old) => ({ w: old.w1, b: old.b }) },
});

export type SteepnessState = z.output<typeof steepnessState.schema>;

/** The curve is drawn over x in [-X_MAX, X_MAX]. */
export const X_MAX = 4;

const fmt = (v: number) => (Math.abs(v) < 1e-9 ? '0' : String(+v.toFixed(3)));

export class SteepnessModel extends StateModel<typeof steepnessState.schema> {
  w = $state(this.initial.w);
  b = $state(this.initial.b);

  constructor() {
    super(steepnessState);
  }

  /** sigmoid(w·x + b), through the engine. */
  output(x: number): number {
    return value(this.w).mul(x).add(this.b).sigmoid().data;
  }

  /** Where the curve crosses 0.5: x = −b/w, or null when w = 0 (a constant). */
  get midpoint(): number | null {
    return Math.abs(this.w) > 1e-9 ? -this.b / this.w : null;
  }

  /** `n` + 1 points of the curve over [−X_MAX, X_MAX]. */
  curve(n = 160): [number, number][] {
    return Array.from({ length: n + 1 }, (_, k) => {
      const x = -X_MAX + (2 * X_MAX * k) / n;
      return [x, this.output(x)];
    });
  }

  describe(): string {
    const m = this.midpoint;
    const shape = Math.abs(this.w) > 10 ? 'it is almost a step.' : Math.abs(this.w) < 2 ? 'it is a gentle S.' : 'it is a steep S.';
    return `sigmoid(w·x + b) with w = ${fmt(this.w)} and b = ${fmt(this.b)}: ` + (m === null ? 'w is zero, so the output is the constant sigmoid(b).' : `the curve crosses 0.5 at x = ${fmt(m)}; ${shape}`);
  }
}
