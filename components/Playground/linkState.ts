// The Playground's state, defined once for the figure kit (components/ui/figureState.ts): its settings,
// stop conditions and the controls a lesson link hides, each field with its default and range, so the
// TypeScript type, the defaults, the share link's parse and the sliders' ranges all come from here.
// Version 3 may carry a trained network too; version 2 links (input features, regression, L1, stop
// conditions and lesson links) and version 1 links (from before those, migrated with them at their
// defaults) still open. A model file carries the same settings.
import { z } from 'zod';
import { datasetNames } from '../../engine/index.ts';
import { defineState } from '../ui/figureState.ts';
import { controlKeys, MAX_LAYERS, MAX_UNITS, type ControlName } from './controls.ts';
import { featureNames, sortFeatures, type FeatureName } from './features.ts';
import { problemNames } from './problems.ts';
import { decodeParameters, MAX_SHARED_PARAMETERS } from './trainedLink.ts';
import { activationNames, defaults, featuresOf, optimizerNames, type Settings } from './settings.ts';

const noise = z.number().min(0).max(0.5).meta({ step: 0.05 });
const trainFraction = z.number().min(0.1).max(0.9).meta({ step: 0.1 });
const hidden = z.array(z.number().int().min(1).max(MAX_UNITS)).max(MAX_LAYERS);
/** The learning rate: its slider is logarithmic (40 steps a decade), so no step here. */
const lr = z.number().min(1e-5).max(10);
const batch = z.number().int().min(1).max(30);
const dropout = z.number().min(0).max(0.5).meta({ step: 0.05 });
const seed = z.number().int().min(0).max(1e9);
const features = z
  .array(z.enum(featureNames))
  .min(1)
  .refine((fs) => new Set(fs).size === fs.length, 'each input feature at most once')
  .transform((fs): FeatureName[] => sortFeatures(fs));

/**
 * The trainer settings a link or a model file carries. The defaults are settings.ts's (which the worker
 * imports without zod); the test checks that this schema's defaults are exactly those.
 */
export const settingsSchema = z.object({
  dataset: z.enum(problemNames).default(defaults.dataset),
  noise: noise.default(defaults.noise),
  trainFraction: trainFraction.default(defaults.trainFraction),
  hidden: hidden.default(() => defaults.hidden.slice()),
  activation: z.enum(activationNames).default(defaults.activation),
  lr: lr.default(defaults.lr),
  batch: batch.default(defaults.batch),
  optimizer: z.enum(optimizerNames).default(defaults.optimizer),
  l1: z.number().min(0).max(10).default(defaults.l1 ?? 0),
  l2: z.number().min(0).max(10).default(defaults.l2),
  features: features.default(() => featuresOf(defaults)),
  dropout: dropout.default(defaults.dropout),
  seed: seed.default(defaults.seed),
  /** The initial weights' seed after "New weights" (absent: the weights follow `seed`). */
  initSeed: seed.optional(),
});

/** A version 1 link's fields (every one required, as version 1 wrote them all). */
const v1 = z.object({
  dataset: z.enum(datasetNames),
  noise,
  trainFraction,
  hidden,
  activation: z.enum(activationNames),
  lr,
  batch,
  optimizer: z.enum(optimizerNames),
  l2: z.number().min(0).max(1),
  dropout,
  seed,
  initSeed: seed.optional(),
});

/** A trained network the link carries ("Copy link with weights"): its epoch and every weight and bias (trainedLink.ts). */
const trained = z.object({
  epoch: z.number().int().min(0).max(1e7),
  parameters: z.string().max(Math.ceil((MAX_SHARED_PARAMETERS * 4 * 4) / 3)),
});

/**
 * The Playground's link state. Version 2 is the format links had before the figure kit; version 3 may
 * also carry a trained network, whose numbers must fit the settings' network exactly.
 */
export const playgroundState = defineState({
  version: 3,
  schema: settingsSchema
    .extend({
      /** Stop training at this epoch. */
      maxEpochs: z.number().int().min(1).max(1e6).optional(),
      /** Stop once the test loss has not improved for this many epochs (and restore the best weights). */
      patience: z.number().int().min(1).max(1e5).optional(),
      /** Controls hidden for a lesson. */
      hide: z.array(z.enum(controlKeys as [ControlName, ...ControlName[]])).optional(),
      trained: trained.optional(),
    })
    .refine((s) => !s.trained || decodeParameters(s.trained.parameters, [s.features.length, ...s.hidden, 1]) !== null, {
      message: 'the trained network does not fit these settings',
      path: ['trained'],
    }),
  migrations: {
    // Version 1: two inputs, x₁ and x₂, and no L1 penalty; its own ranges still apply (l2 up to 1).
    1: (old) => ({ ...v1.parse(old), l1: 0, features: ['x1', 'x2'] }),
    // Version 2 had no trained network; its fields are version 3's.
    2: (old) => old,
  },
});

export type LinkState = z.output<typeof playgroundState.schema>;

/** The link state of these settings and options. */
export function linkState(s: Settings, options: { maxEpochs?: number; patience?: number; hide?: ControlName[] } = {}): LinkState {
  const state: LinkState = {
    dataset: s.dataset,
    noise: s.noise,
    trainFraction: s.trainFraction,
    hidden: s.hidden.slice(),
    activation: s.activation,
    lr: s.lr,
    batch: s.batch,
    optimizer: s.optimizer,
    l1: s.l1 ?? 0,
    l2: s.l2,
    features: sortFeatures(featuresOf(s)),
    dropout: s.dropout,
    seed: s.seed,
  };
  if (s.initSeed !== undefined) state.initSeed = s.initSeed;
  if (options.maxEpochs !== undefined) state.maxEpochs = options.maxEpochs;
  if (options.patience !== undefined) state.patience = options.patience;
  if (options.hide?.length) state.hide = options.hide.slice();
  return state;
}

/**
 * The trainer settings in a link state. `initSeed` is always present (undefined when the link has none),
 * so applying these settings over others clears an earlier "New weights".
 */
export function settingsOf(state: LinkState): Settings {
  const { maxEpochs: _m, patience: _p, hide: _h, trained: _t, ...settings } = state;
  return { ...settings, initSeed: settings.initSeed, hidden: settings.hidden.slice(), features: settings.features.slice() };
}
