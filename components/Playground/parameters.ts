// A network's parameters as plain typed arrays: copies out (for the figures, export and the worker's
// reports) and checked copies in (an imported model), so nothing outside the trainer holds the engine's
// tensors.
import type { nn } from '../../engine/index.ts';

/** A trained network's parameters: each layer's weight ([out × in], row-major) and bias. */
export interface Parameters {
  weights: Float32Array[];
  biases: Float32Array[];
}

/** Copies of every layer's weight matrix and bias (zeros for a layer without one). */
export function copyParameters(net: nn.MLP): Parameters {
  return {
    weights: net.linears.map((l) => l.weight.data.slice()),
    biases: net.linears.map((l) => (l.bias ? l.bias.data.slice() : new Float32Array(l.weight.shape[0]))),
  };
}

/** Puts `p` into the network. Throws, changing nothing, when a layer's size differs. */
export function setParameters(net: nn.MLP, p: Parameters): void {
  const { linears } = net;
  const fits =
    p.weights.length === linears.length &&
    p.biases.length === linears.length &&
    linears.every((l, i) => p.weights[i].length === l.weight.size && p.biases[i].length === l.weight.shape[0]);
  if (!fits) throw new Error(`The parameters do not fit a network with layer sizes ${net.sizes.join('-')}.`);
  linears.forEach((l, i) => {
    l.weight.data.set(p.weights[i]);
    l.bias?.data.set(p.biases[i]);
  });
}

/** Layer sizes, and copies of every weight matrix ([out × in], row-major) and of |its gradient| (zeros before any). */
export function weightsAndGradients(net: nn.MLP): { sizes: number[]; weights: Float32Array[]; gradients: Float32Array[] } {
  const weights = net.linears.map((l) => l.weight.data.slice());
  const gradients = net.linears.map((l) => {
    const g = l.weight.grad?.data;
    const out = new Float32Array(l.weight.size);
    if (g) for (let i = 0; i < out.length; i++) out[i] = Math.abs(g[i]);
    return out;
  });
  return { sizes: net.sizes.slice(), weights, gradients };
}
