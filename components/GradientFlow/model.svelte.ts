// The numbers behind the GradientFlow figure: a deep MLP from the engine, one forward and backward pass
// on random inputs, and per layer the spread (standard deviation) of the activations and of their
// gradients, plus a histogram of one chosen layer.
import { z } from 'zod';
import { histogram, nn, randn, rng, stats, Tensor } from '../../engine/index.ts';
import { defineState, optionsOf } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';

/** The figure's state. The histogram's layer is a view choice and stays out of the link. */
export const flowState = defineState({
  version: 1,
  schema: z.object({
    activation: z.enum(['sigmoid', 'tanh', 'relu', 'leakyRelu']).default('relu'),
    init: z.enum(['zero', 'small', 'xavier', 'he']).default('xavier'),
  }),
});

export type FlowState = z.output<typeof flowState.schema>;
export type FlowActivation = FlowState['activation'];
export type FlowInit = FlowState['init'];
export const flowActivations = optionsOf(flowState.schema.shape.activation);
export const flowInits = optionsOf(flowState.schema.shape.init);
export const initLabels: Record<FlowInit, string> = { zero: 'zero', small: 'small random (σ = 0.01)', xavier: 'Xavier', he: 'He' };

const engineInit = { zero: 'zeros', small: 'normal', xavier: 'xavier', he: 'he' } as const;

export interface LayerStats {
  layer: number;
  activationStd: number;
  gradientStd: number;
  /** Share of activations exactly 0 (dead or inactive ReLU units). */
  zeros: number;
}

export interface FlowResult {
  layers: LayerStats[];
  /** Histograms (counts over `bins` on [lo, hi]) of the activations of every layer. */
  histograms: number[][];
  lo: number;
  hi: number;
}

/**
 * One forward and backward pass through `depth` layers of `width` units on a batch of standard-normal
 * inputs. The loss Σ a⁽ᴸ⁾·r/B, with r fixed and random, sends a gradient of typical size into every output.
 */
export function measure(activation: FlowActivation, init: FlowInit, depth = 10, width = 64, batch = 200, seed = 1): FlowResult {
  const r = rng(seed);
  const net = new nn.MLP(Array(depth + 1).fill(width), { activation, outputActivation: activation, init: engineInit[init], rng: r });
  net.retainGrads = true;
  const x = randn([batch, width], r);
  const out = net.forward(x);
  const weight = randn([batch, width], r).mul(1 / batch);
  out.mul(weight).sum().backward();
  // After each Linear comes its activation: the activation outputs are the odd entries.
  const acts: Tensor[] = net.activations.filter((_, i) => i % 2 === 1);
  const lo = activation === 'sigmoid' ? 0 : -3;
  const hi = activation === 'sigmoid' ? 1 : 3;
  return {
    layers: acts.map((a, l) => {
      const s = stats(a.data);
      return { layer: l + 1, activationStd: s.std, gradientStd: a.grad ? stats(a.grad.data).std : 0, zeros: s.zeros };
    }),
    histograms: acts.map((a) => histogram(a.data, 30, lo, hi)),
    lo,
    hi,
  };
}

const fmt = (x: number) => (x === 0 ? '0' : x < 1e-3 || x >= 1e3 ? x.toExponential(1) : String(+x.toPrecision(2)));

export class FlowModel extends StateModel<typeof flowState.schema> {
  activation: FlowActivation = $state(this.initial.activation);
  init: FlowInit = $state(this.initial.init);
  selected = $state(1);
  result: FlowResult = $state.raw(measure('relu', 'he'));

  constructor(activation: FlowActivation = 'relu', init: FlowInit = 'he') {
    super(flowState, { activation, init });
    this.set(activation, init);
  }

  set(activation: FlowActivation, init: FlowInit): void {
    this.activation = activation;
    this.init = init;
    this.result = measure(activation, init);
    this.selected = Math.min(this.selected, this.result.layers.length);
  }

  override apply(s: FlowState): void {
    this.set(s.activation, s.init);
  }

  describe(): string {
    const layers = this.result.layers;
    const first = layers[0];
    const last = layers[layers.length - 1];
    return (
      `${this.activation} with ${initLabels[this.init]} initialization, 10 layers of 64 units: activation spread ${fmt(first.activationStd)} in layer 1 and ${fmt(last.activationStd)} in layer 10; ` +
      `gradient spread ${fmt(first.gradientStd)} in layer 1 and ${fmt(last.gradientStd)} in layer 10.` +
      (last.zeros > 0.2 ? ` ${Math.round(last.zeros * 100)}% of layer 10's activations are exactly zero.` : '')
    );
  }

  report() {
    return { activation: this.activation, init: this.init, activationStd: this.result.layers.map((l) => l.activationStd), gradientStd: this.result.layers.map((l) => l.gradientStd) };
  }
}
