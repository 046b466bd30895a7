// One neuron with two inputs: z = w₁x₁ + w₂x₂ + b and a = σ(z). The model holds the weights, the bias,
// the activation and an input point, and computes what the figure draws (the output over the square,
// the boundary line z = 0 clipped to the square). It uses the engine's Value, so the numbers are the
// engine's own.
import { z } from 'zod';
import { value } from '../../engine/index.ts';
import { defineState, optionsOf } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';

const weight = (dflt: number) => z.number().min(-5).max(5).meta({ step: 0.1 }).default(dflt);
const coordinate = z.number().min(-1).max(1).meta({ step: 0.05 }).default(0.5);

/** The figure's state: the sliders' ranges and the link's schema. Version 1 is the first link format. */
export const neuronState = defineState({
  version: 1,
  schema: z.object({
    w1: weight(2),
    w2: weight(1),
    b: weight(-1),
    activation: z.enum(['sigmoid', 'tanh', 'relu', 'step']).default('sigmoid'),
    x1: coordinate,
    x2: coordinate,
  }),
});

export type NeuronState = z.output<typeof neuronState.schema>;
export type NeuronActivation = NeuronState['activation'];
export const neuronActivations = optionsOf(neuronState.schema.shape.activation);
export const neuronDefaults: NeuronState = neuronState.defaults();

/** σ(z) for each activation, through the engine (step is the threshold 1 if z > 0 else 0). */
export function activate(z: number, activation: NeuronActivation): number {
  if (activation === 'step') return z > 0 ? 1 : 0;
  const v = value(z);
  return (activation === 'sigmoid' ? v.sigmoid() : activation === 'tanh' ? v.tanh() : v.relu()).data;
}

/** The output mapped to [0, 1] for shading: tanh from [-1, 1], relu clipped at `reluMax`. */
export function shade(a: number, activation: NeuronActivation, reluMax = 2): number {
  if (activation === 'tanh') return (a + 1) / 2;
  if (activation === 'relu') return Math.min(1, a / reluMax) * 0.5 + (a > 0 ? 0.5 : 0);
  return a;
}

/** The part of the line w₁x₁ + w₂x₂ + b = 0 inside [-1, 1]², or null if it misses the square. */
export function boundarySegment(w1: number, w2: number, b: number): [[number, number], [number, number]] | null {
  const pts: [number, number][] = [];
  const add = (x: number, y: number) => {
    x += 0; // no negative zeros
    y += 0;
    if (x >= -1 - 1e-9 && x <= 1 + 1e-9 && y >= -1 - 1e-9 && y <= 1 + 1e-9 && !pts.some(([a, c]) => Math.abs(a - x) < 1e-9 && Math.abs(c - y) < 1e-9)) pts.push([x, y]);
  };
  if (Math.abs(w2) > 1e-12) for (const x of [-1, 1]) add(x, -(w1 * x + b) / w2);
  if (Math.abs(w1) > 1e-12) for (const y of [-1, 1]) add(-(w2 * y + b) / w1, y);
  return pts.length >= 2 ? [pts[0], pts[1]] : null;
}

const fmt = (v: number) => (Math.abs(v) < 1e-9 ? '0' : String(+v.toFixed(3)));
const corners = [[0, 0], [0, 1], [1, 0], [1, 1]] as const;

export class NeuronModel extends StateModel<typeof neuronState.schema> {
  w1 = $state(this.initial.w1);
  w2 = $state(this.initial.w2);
  b = $state(this.initial.b);
  activation: NeuronActivation = $state(this.initial.activation);
  x1 = $state(this.initial.x1);
  x2 = $state(this.initial.x2);

  constructor(init: Partial<NeuronState> = {}) {
    super(neuronState, init);
    this.set(this.initial);
  }

  set(s: Partial<NeuronState>): void {
    if (s.w1 !== undefined) this.w1 = s.w1;
    if (s.w2 !== undefined) this.w2 = s.w2;
    if (s.b !== undefined) this.b = s.b;
    if (s.activation !== undefined) this.activation = s.activation;
    if (s.x1 !== undefined) this.x1 = Math.max(-1, Math.min(1, s.x1));
    if (s.x2 !== undefined) this.x2 = Math.max(-1, Math.min(1, s.x2));
  }

  /** z = w₁x₁ + w₂x₂ + b, built from Values as a reader would in a code cell. */
  z(x1 = this.x1, x2 = this.x2): number {
    return value(this.w1).mul(x1).add(value(this.w2).mul(x2)).add(this.b).data;
  }

  output(x1 = this.x1, x2 = this.x2): number {
    return activate(this.z(x1, x2), this.activation);
  }

  /** Shading values on an n×n grid over [-1, 1]², row 0 at the top (x₂ = 1). */
  grid(n: number): Float32Array {
    const out = new Float32Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x1 = -1 + (2 * (j + 0.5)) / n;
        const x2 = 1 - (2 * (i + 0.5)) / n;
        const z = this.w1 * x1 + this.w2 * x2 + this.b;
        out[i * n + j] = shade(activate(z, this.activation), this.activation);
      }
    }
    return out;
  }

  override apply(state: NeuronState): void {
    this.set(state);
  }

  /** The corners of the unit square on the positive side (z > 0). */
  positiveCorners(): (readonly [number, number])[] {
    return corners.filter(([a, c]) => this.z(a, c) > 0);
  }

  describe(): string {
    const seg = boundarySegment(this.w1, this.w2, this.b);
    return (
      `Neuron with w₁ = ${fmt(this.w1)}, w₂ = ${fmt(this.w2)}, b = ${fmt(this.b)}, activation ${this.activation}. ` +
      (seg ? 'The boundary z = 0 crosses the square; ' : 'The boundary z = 0 lies outside the square, so every point in it gets the same side; ') +
      `at the input point (${fmt(this.x1)}, ${fmt(this.x2)}), z = ${fmt(this.z())} and the output is ${fmt(this.output())}. ` +
      `Corners with z > 0: ${this.positiveCorners().map(([a, c]) => `(${a}, ${c})`).join(', ') || 'none'}.`
    );
  }
}
