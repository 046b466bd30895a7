// What every unit of a Playground network computes over the plane: its output at each point of a grid,
// for the maps drawn inside the units of the network, for the preview a hovered unit shows in the large
// output map, and (in the trainer) for the output map itself. One forward pass, layer by layer and unit
// by unit over contiguous rows of cells, in plain loops on buffers that can be reused frame after frame
// (bench/README.md's Playground section has its cost beside the engine's tensor forward).
import { tanh32 } from '../../engine/ops/unary.ts';
import { featureRows, type FeatureName } from './features.ts';
import { gridInputs } from './grid.ts';
import type { Parameters } from './parameters.ts';
import type { Activation } from './settings.ts';

/** Grid resolution of the small maps inside the units. */
export const UNIT_GRID = 20;

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

/** The parameters fit the layer sizes (a report of an older network does not). */
const fitsSizes = (p: Parameters, sizes: number[]): boolean =>
  p.weights.length === sizes.length - 1 && p.weights.every((w, l) => w.length === sizes[l] * sizes[l + 1] && p.biases[l]?.length === sizes[l + 1]);

/** The last grid's features (the page asks for the same ones every frame). */
let lastGrid: { key: string; input: Float32Array } | null = null;

/**
 * The features at every point of the res×res grid, feature by feature ([features × res²]). The same array
 * for the same features and resolution as the last call: read it, never write it.
 */
export function gridFeatures(features: readonly FeatureName[], res: number): Float32Array {
  const key = `${res}:${features.join()}`;
  if (lastGrid?.key === key) return lastGrid.input;
  const cells = res * res;
  const F = features.length;
  const rows = featureRows(gridInputs(res), features);
  const input = new Float32Array(F * cells);
  for (let k = 0; k < cells; k++) for (let f = 0; f < F; f++) input[f * cells + k] = rows[k * F + f];
  lastGrid = { key, input };
  return input;
}

/** y = σ(y) in place, for the hidden layers' activation (the engine's definitions, tanh as the engine's float32 tanh). */
function activateRow(kind: Activation, y: Float32Array): void {
  const n = y.length;
  if (kind === 'tanh') for (let k = 0; k < n; k++) y[k] = tanh32(y[k]);
  else if (kind === 'relu') for (let k = 0; k < n; k++) y[k] = y[k] > 0 ? y[k] : 0;
  else if (kind === 'sigmoid') for (let k = 0; k < n; k++) y[k] = 1 / (1 + Math.exp(-y[k]));
}

/**
 * The forward pass behind `unitMaps`, into `maps` (maps[0], the input features, is read; maps[1..last] are
 * overwritten, [sizes[l] × cells] each): a⁽ˡ⁾ = σ(W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾), the output layer P(class 1) or
 * the predicted value. The parameters must fit `sizes`.
 */
export function forwardMaps(p: Parameters, o: UnitMapOptions, maps: Float32Array[], last = o.sizes.length - 1): void {
  const { sizes } = o;
  const cells = maps[0].length / sizes[0];
  for (let l = 1; l <= last; l++) {
    const inp = sizes[l - 1];
    const w = p.weights[l - 1];
    const b = p.biases[l - 1];
    const prev = maps[l - 1];
    const next = maps[l];
    const isOutput = l === sizes.length - 1;
    for (let u = 0; u < sizes[l]; u++) {
      const row = next.subarray(u * cells, (u + 1) * cells);
      row.fill(b[u]);
      for (let i = 0; i < inp; i++) {
        const wi = w[u * inp + i];
        if (wi === 0) continue;
        for (let k = 0, s = i * cells; k < cells; k++, s++) row[k] += wi * prev[s];
      }
      if (!isOutput) activateRow(o.activation, row);
      else if (!o.regression) activateRow('sigmoid', row);
    }
  }
}

/**
 * maps[l] holds the output of every unit of layer l on the res×res grid over [-1, 1]², unit by unit
 * ([sizes[l] × res²], row 0 of each map at the top): layer 0 the input features, layer l the activations
 * a⁽ˡ⁾ = σ(W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾), the last layer P(class 1) (or the predicted value). Empty when the
 * parameters do not fit the sizes (a report of an older network).
 */
export function unitMaps(p: Parameters, o: UnitMapOptions): Float32Array[] {
  const res = o.res ?? UNIT_GRID;
  const { sizes } = o;
  const last = Math.min(o.upTo ?? sizes.length - 1, sizes.length - 1);
  if (sizes[0] !== o.features.length || !fitsSizes(p, sizes)) return [];
  const maps = [gridFeatures(o.features, res)];
  for (let l = 1; l <= last; l++) maps.push(new Float32Array(sizes[l] * res * res));
  forwardMaps(p, o, maps, last);
  return maps;
}

/** The value range a unit's map is coloured over: probabilities [0, 1] for a classifier's output, else [-1, 1]. */
export const mapDomain = (layer: number, sizes: number[], regression: boolean): [number, number] =>
  layer === sizes.length - 1 && !regression ? [0, 1] : [-1, 1];
