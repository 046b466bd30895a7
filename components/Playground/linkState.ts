// The Playground's state in a share link: its settings, stop conditions and the controls a lesson link
// hides. Versioned: version 1 links (from before input features, regression, L1, stop conditions and
// lesson links) still open, migrated to version 2 with those at their defaults. A model file carries
// the same settings.
import { z } from 'zod';
import { datasetNames } from '../../engine/index.ts';
import { controlKeys, MAX_LAYERS, MAX_UNITS, ranges, type ControlName } from './controls.ts';
import { featureNames, sortFeatures } from './features.ts';
import { problemNames } from './problems.ts';
import { activationNames, featuresOf, optimizerNames, type Settings } from './settings.ts';

const within = (n: z.ZodNumber, [lo, hi]: readonly [number, number]) => n.min(lo).max(hi);

/** Settings fields shared by both versions. */
const common = {
  noise: within(z.number(), ranges.noise),
  trainFraction: within(z.number(), ranges.trainFraction),
  hidden: z.array(z.number().int().min(1).max(MAX_UNITS)).max(MAX_LAYERS),
  activation: z.enum(activationNames),
  lr: within(z.number(), ranges.lr),
  batch: within(z.number().int(), ranges.batch),
  optimizer: z.enum(optimizerNames),
  dropout: within(z.number(), ranges.dropout),
  seed: z.number().int().min(0).max(1e9),
  initSeed: z.number().int().min(0).max(1e9).optional(),
};

/** The trainer settings a link or a model file may carry (version 2). */
export const settingsSchema = z.object({
  ...common,
  dataset: z.enum(problemNames),
  l1: z.number().min(0).max(10),
  l2: z.number().min(0).max(10),
  features: z
    .array(z.enum(featureNames))
    .min(1)
    .refine((fs) => new Set(fs).size === fs.length, 'each input feature at most once')
    .transform((fs) => sortFeatures(fs)),
});

const v1 = z.object({ v: z.literal(1), ...common, dataset: z.enum(datasetNames), l2: z.number().min(0).max(1) });

const v2 = settingsSchema.extend({
  v: z.literal(2),
  /** Stop training at this epoch. */
  maxEpochs: z.number().int().min(1).max(1e6).optional(),
  /** Stop once the test loss has not improved for this many epochs (and restore the best weights). */
  patience: z.number().int().min(1).max(1e5).optional(),
  /** Controls hidden for a lesson. */
  hide: z.array(z.enum(controlKeys as [ControlName, ...ControlName[]])).optional(),
});

export type LinkState = z.output<typeof v2>;

/** A version 1 link's state in version 2: two inputs, x₁ and x₂, and no L1 penalty. */
export function migrate(state: z.output<typeof v1> | LinkState): LinkState {
  if (state.v === 2) return state;
  return { ...state, v: 2, l1: 0, features: ['x1', 'x2'] };
}

/** Any version of the link's state, validated and brought to the current version. */
export const linkSchema = z.discriminatedUnion('v', [v1, v2]).transform(migrate);

/** The link state of these settings and options. */
export function linkState(s: Settings, options: { maxEpochs?: number; patience?: number; hide?: ControlName[] } = {}): LinkState {
  const state: LinkState = {
    v: 2,
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
  const { v: _v, maxEpochs: _m, patience: _p, hide: _h, ...settings } = state;
  return { ...settings, initSeed: settings.initSeed, hidden: settings.hidden.slice(), features: settings.features.slice() };
}
