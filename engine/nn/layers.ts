// The basic layers: Linear, the activation modules, Dropout, Sequential and MLP (Conv2d and the other
// convolutional layers are in cnn.ts).
import { linear } from '../ops/matmul.ts';
import { defaultGenerator, Rng } from '../random.ts';
import { alloc, result, Tensor, zeros } from '../tensor.ts';
import { initialize, type InitName } from './init.ts';
import { Module } from './module.ts';

export interface LayerOptions {
  bias?: boolean;
  init?: InitName;
  /** Where the initial weights come from; without one, the default stream (`manualSeed` sets it). */
  rng?: Rng;
}

/** y = x·Wᵀ + b. x: [..., in] → [..., out]. weight: [out, in], bias: [out]. */
export class Linear extends Module {
  weight: Tensor;
  bias: Tensor | null;

  constructor(inFeatures: number, outFeatures: number, opts: LayerOptions = {}) {
    super();
    this.weight = initialize(zeros([outFeatures, inFeatures], { requiresGrad: true }), opts.init ?? 'xavier', opts.rng ?? defaultGenerator);
    this.bias = opts.bias === false ? null : zeros([outFeatures], { requiresGrad: true });
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
}

export type ActivationName = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'gelu' | 'linear';

/** An activation as a layer, so it can sit in a Sequential. */
export class Activation extends Module {
  constructor(readonly kind: ActivationName) {
    super();
  }

  forward(x: Tensor): Tensor {
    switch (this.kind) {
      case 'relu':
        return x.relu();
      case 'leakyRelu':
        return x.leakyRelu(0.01);
      case 'tanh':
        return x.tanh();
      case 'sigmoid':
        return x.sigmoid();
      case 'gelu':
        return x.gelu();
      case 'linear':
        return x;
    }
  }
}

export class ReLU extends Activation { constructor() { super('relu'); } }
export class LeakyReLU extends Activation { constructor() { super('leakyRelu'); } }
export class Tanh extends Activation { constructor() { super('tanh'); } }
export class Sigmoid extends Activation { constructor() { super('sigmoid'); } }
export class GELU extends Activation { constructor() { super('gelu'); } }
export class Identity extends Activation { constructor() { super('linear'); } }

/**
 * Inverted dropout: in training, each value is zeroed with probability p and the survivors are scaled by
 * 1/(1-p), so the expected output equals the input; in evaluation it passes values through unchanged.
 * The masks come from `{ rng }`, or from the default stream without one. (`new Dropout(p, rng)`, the
 * generator itself as the second argument, is read the same way.)
 */
export class Dropout extends Module {
  private readonly rng: Rng;

  constructor(readonly p = 0.5, opts: { rng?: Rng } | Rng = {}) {
    super();
    if (!(p >= 0 && p < 1)) throw new Error(`Dropout: p must be in [0, 1), got ${p}`);
    this.rng = (opts instanceof Rng ? opts : opts.rng) ?? defaultGenerator;
  }

  // y = m·x/(1-p), m ~ Bernoulli(1-p)   dy/dx = m/(1-p)
  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const scale = 1 / (1 - this.p);
    const mask = alloc(x.size);
    const data = alloc(x.size);
    for (let i = 0; i < x.size; i++) {
      mask[i] = this.rng.next() >= this.p ? scale : 0;
      data[i] = x.data[i] * mask[i];
    }
    return result(data, x.shape.slice(), 'dropout', [x], (out) => {
      const g = out.grad!.data;
      const gx = x.gradData();
      for (let i = 0; i < g.length; i++) gx[i] += g[i] * mask[i];
    });
  }
}

/**
 * Layers applied in order. After each forward, `activations[i]` is the output of layer i (the live tensor);
 * with `retainGrads` on, each keeps its gradient after backward, so a widget can show gradient flow.
 */
export class Sequential extends Module {
  layers: Module[];
  activations: Tensor[] = [];
  retainGrads = false;

  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
  }

  forward(x: Tensor): Tensor {
    const acts: Tensor[] = [];
    let h = x;
    for (const layer of this.layers) {
      h = (layer as Module & { forward(x: Tensor): Tensor }).forward(h);
      if (this.retainGrads && h.requiresGrad) h.retainGrad();
      acts.push(h);
    }
    this.activations = acts;
    return h;
  }
}

export interface MLPOptions {
  activation?: ActivationName;
  outputActivation?: ActivationName;
  init?: InitName;
  /** Dropout probability after each hidden activation (0: none). */
  dropout?: number;
  rng?: Rng;
}

/**
 * A multilayer perceptron: sizes [n0, n1, ..., nL] gives L Linear layers, each hidden one followed by the
 * activation. `linears[l]` is layer l+1's Linear, `hidden(l)` the output of hidden layer l+1 after the last forward.
 */
export class MLP extends Sequential {
  readonly sizes: number[];
  readonly linears: Linear[];

  constructor(sizes: number[], opts: MLPOptions = {}) {
    const rng = opts.rng ?? defaultGenerator;
    const act = opts.activation ?? 'relu';
    const init = opts.init ?? (act === 'relu' || act === 'leakyRelu' ? 'he' : 'xavier');
    const layers: Module[] = [];
    const linears: Linear[] = [];
    for (let l = 1; l < sizes.length; l++) {
      const lin = new Linear(sizes[l - 1], sizes[l], { init, rng });
      linears.push(lin);
      layers.push(lin);
      const last = l === sizes.length - 1;
      const a = last ? (opts.outputActivation ?? 'linear') : act;
      if (a !== 'linear') layers.push(new Activation(a));
      if (!last && opts.dropout) layers.push(new Dropout(opts.dropout, { rng: rng.fork() }));
    }
    super(...layers);
    this.sizes = sizes.slice();
    this.linears = linears;
  }
}
