// The numbers behind the GradientFlow figure: a deep MLP from the engine, one forward and backward pass
// on random inputs, and per layer the spread (standard deviation) of the activations and of their
// gradients, plus a histogram of one chosen layer.
import { histogram, nn, randn, rng, stats, Tensor } from '../../engine/index.ts';

export type FlowActivation = 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu';
export type FlowInit = 'zero' | 'small' | 'xavier' | 'he';
export const flowActivations: FlowActivation[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu'];
export const flowInits: FlowInit[] = ['zero', 'small', 'xavier', 'he'];

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

export class FlowModel {
  activation: FlowActivation = $state('relu');
  init: FlowInit = $state('he');
  selected = $state(1);
  result: FlowResult = $state.raw(measure('relu', 'he'));

  constructor(activation: FlowActivation = 'relu', init: FlowInit = 'he') {
    this.set(activation, init);
  }

  set(activation: FlowActivation, init: FlowInit): void {
    this.activation = activation;
    this.init = init;
    this.result = measure(activation, init);
    this.selected = Math.min(this.selected, this.result.layers.length);
  }
}
