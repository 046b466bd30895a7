// What every unit of a Playground network computes over the plane: its output at each point of a small
// grid, for the maps drawn inside the units of the network and for the preview a hovered unit shows in
// the large output map. Computed on the page from the weights a report carries (plain loops: a few
// hundred thousand multiply-adds for 20×20 maps), so the worker sends nothing more per frame.
import { featureRows, type FeatureName } from './features.ts';
import { gridInputs } from './grid.ts';
import type { Parameters } from './parameters.ts';
import type { Activation } from './settings.ts';

/** Grid resolution of the small maps inside the units. */
export const UNIT_GRID = 20;

/** σ(z) for the hidden layers' activation (the engine's definitions). */
function activate(kind: Activation, z: number): number {
  switch (kind) {
    case 'relu':
      return z > 0 ? z : 0;
    case 'tanh':
      return Math.tanh(z);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'linear':
      return z;
  }
}

export interface UnitMapOptions {
  /** Layer sizes, inputs first ([features, ...hidden, 1]). */
  sizes: number[];
  features: readonly FeatureName[];
  activation: Activation;
  /** Regression: the output unit is linear; classification: P(class 1) = sigmoid(z). */
  regression: boolean;
  /** Grid resolution (default UNIT_GRID). */
  res?: number;
  /** Stop after this layer (default: the output layer); later layers' maps are left out. */
  upTo?: number;
}

/**
 * maps[l] holds the output of every unit of layer l on the res×res grid over [-1, 1]², unit by unit
 * ([sizes[l] × res²], row 0 of each map at the top): layer 0 the input features, layer l the activations
 * a⁽ˡ⁾ = σ(W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾), the last layer P(class 1) (or the predicted value). Empty when the
 * parameters do not fit the sizes (a report of an older network).
 */
export function unitMaps(p: Parameters, o: UnitMapOptions): Float32Array[] {
  const res = o.res ?? UNIT_GRID;
  const cells = res * res;
  const { sizes } = o;
  const last = Math.min(o.upTo ?? sizes.length - 1, sizes.length - 1);
  const fits = sizes[0] === o.features.length && p.weights.length === sizes.length - 1 && p.weights.every((w, l) => w.length === sizes[l] * sizes[l + 1] && p.biases[l]?.length === sizes[l + 1]);
  if (!fits) return [];
  const rows = featureRows(gridInputs(res), o.features);
  const input = new Float32Array(sizes[0] * cells);
  for (let k = 0; k < cells; k++) for (let f = 0; f < sizes[0]; f++) input[f * cells + k] = rows[k * sizes[0] + f];
  const maps = [input];
  for (let l = 1; l <= last; l++) {
    const inp = sizes[l - 1];
    const out = sizes[l];
    const w = p.weights[l - 1];
    const b = p.biases[l - 1];
    const prev = maps[l - 1];
    const next = new Float32Array(out * cells);
    const isOutput = l === sizes.length - 1;
    for (let u = 0; u < out; u++) {
      const row = next.subarray(u * cells, (u + 1) * cells);
      row.fill(b[u]);
      for (let i = 0; i < inp; i++) {
        const wi = w[u * inp + i];
        if (wi === 0) continue;
        const src = prev.subarray(i * cells, (i + 1) * cells);
        for (let k = 0; k < cells; k++) row[k] += wi * src[k];
      }
      for (let k = 0; k < cells; k++) row[k] = isOutput ? (o.regression ? row[k] : 1 / (1 + Math.exp(-row[k]))) : activate(o.activation, row[k]);
    }
    maps.push(next);
  }
  return maps;
}

/** The value range a unit's map is coloured over: probabilities [0, 1] for a classifier's output, else [-1, 1]. */
export const mapDomain = (layer: number, sizes: number[], regression: boolean): [number, number] =>
  layer === sizes.length - 1 && !regression ? [0, 1] : [-1, 1];
