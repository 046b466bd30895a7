// A trained Playground network as a JSON file: its settings (data, features, architecture, training),
// its weights and biases, the results it had, and (from version 2) the optimizer's state and the minibatch
// order's, so that training after an import goes on exactly as if it had never stopped. Export writes
// one; import validates one completely (format, ranges, and that every layer and every optimizer buffer
// has the size its settings imply) before anything changes. Version 1 files, without the optimizer's
// state, still import: training after them starts a fresh optimizer.
import { z } from 'zod';
import { featureNames } from './features.ts';
import type { Parameters } from './parameters.ts';
import { isRegression } from './problems.ts';
import { activationNames, copySettings, featuresOf, layerSizes, type Settings } from './settings.ts';
import { linkState, settingsSchema } from './linkState.ts';
import { checkTrainingState, type TrainingState } from './trainingState.ts';
import { parseFormatFile } from '../../lib/safeParse.ts';

export const MODEL_FORMAT = 'deep-learning-live/playground-model';

/** Larger than any Playground network's file (7 inputs, six layers of 8: a few kilobytes). */
const MAX_BYTES = 1_000_000;

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.union([z.literal(1), z.literal(2)]),
  settings: settingsSchema,
  epoch: z.number().int().min(0),
  network: z.object({
    inputs: z.array(z.enum(featureNames)),
    sizes: z.array(z.number().int().min(1)),
    activation: z.enum(activationNames),
    output: z.enum(['sigmoid', 'linear']),
    loss: z.enum(['binary cross-entropy', 'mean squared error']),
  }),
  layers: z.array(z.object({ weight: z.array(z.array(z.number())), bias: z.array(z.number()) })),
  results: z.record(z.string(), z.number().nullable()).optional(),
  // Checked in full against the network by the engine's loadStateDict (checkTrainingState).
  optimizer: z.looseObject({ kind: z.enum(['SGD', 'Adam', 'AdamW']) }).optional(),
  rng: z.object({ words: z.array(z.number().int().min(0).max(2 ** 32 - 1)).length(4), spare: z.number().nullable() }).optional(),
});

/** A model file as export writes it (the optimizer block typed as the engine's state). */
export type ModelFile = Omit<z.input<typeof modelSchema>, 'optimizer' | 'rng'> & TrainingState;

export interface Model {
  settings: Settings;
  parameters: Parameters;
  epoch: number;
  /** The optimizer's state and the minibatch order's (none in a version 1 file). */
  training: TrainingState;
}

/**
 * The file for a network with these settings and parameters ([out × in] weights, row-major), after
 * `epoch` epochs, with the optimizer's and the minibatch order's state `training`.
 */
export function modelFile(
  settings: Settings,
  parameters: Parameters,
  epoch: number,
  results: Record<string, number | null> = {},
  training: TrainingState = {},
): ModelFile {
  const features = featuresOf(settings);
  const sizes = layerSizes(settings);
  const regression = isRegression(settings.dataset);
  const finite = (v: number | null) => (v === null || Number.isFinite(v) ? v : null);
  const plain = linkState(settings);
  return {
    format: MODEL_FORMAT,
    version: 2,
    settings: plain,
    epoch,
    network: {
      inputs: features.slice(),
      sizes,
      activation: settings.activation,
      output: regression ? 'linear' : 'sigmoid',
      loss: regression ? 'mean squared error' : 'binary cross-entropy',
    },
    layers: parameters.weights.map((w, l) => {
      const [inp, out] = [sizes[l], sizes[l + 1]];
      return {
        weight: Array.from({ length: out }, (_, o) => Array.from(w.subarray(o * inp, (o + 1) * inp))),
        bias: Array.from(parameters.biases[l]),
      };
    }),
    results: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, finite(v)])),
    ...(training.optimizer && { optimizer: training.optimizer }),
    ...(training.rng && { rng: training.rng }),
  };
}

/** Reads a model file's text: the model, or a message saying what is wrong with the file. */
export function parseModelFile(text: string): { ok: true; model: Model } | { ok: false; message: string } {
  const parsed = parseFormatFile(text, { format: MODEL_FORMAT, what: 'a Playground model', called: 'model file', maxChars: MAX_BYTES, size: (n) => `${Math.round(n / 1000)} kB`, schema: modelSchema });
  if (!parsed.ok) return parsed;
  const { settings, network, layers, epoch, optimizer, rng } = parsed.data;
  const sizes = layerSizes(settings);
  const inputs = network.inputs.join(', ');
  if (inputs !== settings.features.join(', ')) {
    return { ok: false, message: `The network's inputs (${inputs}) differ from the settings' features (${settings.features.join(', ')}).` };
  }
  if (network.sizes.join('-') !== sizes.join('-')) {
    return { ok: false, message: `The network's layer sizes ${network.sizes.join('-')} differ from the ${sizes.join('-')} its settings imply.` };
  }
  if (network.activation !== settings.activation) return { ok: false, message: `The network's activation, ${network.activation}, differs from the settings' ${settings.activation}.` };
  if (layers.length !== sizes.length - 1) {
    return { ok: false, message: `The network needs ${sizes.length - 1} layers of weights; the file has ${layers.length}.` };
  }
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 0; l < layers.length; l++) {
    const [inp, out] = [sizes[l], sizes[l + 1]];
    const { weight, bias } = layers[l];
    if (weight.length !== out || weight.some((row) => row.length !== inp) || bias.length !== out) {
      return {
        ok: false,
        message: `Layer ${l + 1} needs a ${out}×${inp} weight matrix and ${out} biases; the file has ${weight.length}×${weight[0]?.length ?? 0} and ${bias.length}.`,
      };
    }
    weights.push(Float32Array.from(weight.flat()));
    biases.push(Float32Array.from(bias));
  }
  if ([...weights, ...biases].some((a) => a.some((v) => !Number.isFinite(v)))) {
    return { ok: false, message: 'Some weights are too large for 32-bit numbers.' };
  }
  const training: TrainingState = { optimizer: optimizer as TrainingState['optimizer'], rng: rng as TrainingState['rng'] };
  try {
    checkTrainingState(settings, training);
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  return { ok: true, model: { settings: copySettings(settings), parameters: { weights, biases }, epoch, training } };
}
