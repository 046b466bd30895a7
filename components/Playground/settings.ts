// What a Playground run is made of: the problem, the network, the optimizer and the regularization, as
// one plain object of settings, with the defaults every figure starts from.
import type { FeatureName } from './features.ts';
import type { ProblemName } from './problems.ts';

export const activationNames = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export type Activation = (typeof activationNames)[number];
export const optimizerNames = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof optimizerNames)[number];

export interface Settings {
  dataset: ProblemName;
  noise: number;
  trainFraction: number;
  hidden: number[];
  activation: Activation;
  lr: number;
  batch: number;
  optimizer: OptimizerName;
  /** Weight decay λ (through the optimizer: every parameter, as torch.optim does). */
  l2: number;
  /** L1 penalty rate λ: λ·Σ|w| over the weight matrices is added to the training loss. Default 0. */
  l1?: number;
  /** The network's inputs (at least one); default x₁ and x₂. */
  features?: FeatureName[];
  dropout: number;
  seed: number;
  /**
   * Seed of the network's initial weights, when it should differ from `seed` ("New weights" keeps the
   * data and draws another start). Without it the weights follow `seed`.
   */
  initSeed?: number;
  /** Number of points in the data set (train and test together). */
  points?: number;
}

export const defaults: Settings = {
  dataset: 'spiral',
  noise: 0.1,
  trainFraction: 0.5,
  hidden: [8, 8],
  activation: 'tanh',
  lr: 0.03,
  batch: 10,
  optimizer: 'adam',
  l2: 0,
  l1: 0,
  features: ['x1', 'x2'],
  dropout: 0,
  seed: 1,
};

/** The network's inputs: the settings' features, or x₁ and x₂. */
export const featuresOf = (s: Settings): FeatureName[] => s.features ?? ['x1', 'x2'];

/** A copy of the settings that shares no array that is edited in place (the layer widths). */
export const copySettings = (s: Settings): Settings => ({ ...s, hidden: s.hidden.slice() });

/** Complete settings: `changes` over the defaults. */
export const withDefaults = (changes: Partial<Settings> = {}): Settings => ({ ...defaults, ...changes, hidden: (changes.hidden ?? defaults.hidden).slice() });

/** The network's layer sizes: one input per feature, the hidden layers, one output. */
export const layerSizes = (s: Settings): number[] => [featuresOf(s).length, ...s.hidden, 1];

/** The architecture as the figure writes it: layer sizes joined by dashes ("2-8-8-1"). */
export const architecture = (s: Settings): string => layerSizes(s).join('-');
