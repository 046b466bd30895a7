// The Playground's controls: the choices the settings panel offers (the ranges of the settings come from
// the link state's schema, linkState.ts), and the names of the controls a lesson link can hide.
import type { OptimizerName } from './settings.ts';
import { namesOf } from '../ui/choices.ts';

/** The controls a lesson link can hide, by key, with the names the reader sees. */
export const controlNames = {
  dataset: 'Data set',
  features: 'Input features',
  layers: 'Hidden layers and units',
  activation: 'Activation',
  lr: 'Learning rate',
  optimizer: 'Optimizer',
  batch: 'Batch size',
  noise: 'Noise',
  split: 'Training share',
  regularization: 'Regularization',
  dropout: 'Dropout',
  speed: 'Epochs per frame',
  stop: 'Stop conditions',
  weights: 'New weights',
  model: 'Export and import',
} as const;
export type ControlName = keyof typeof controlNames;
export const controlKeys = namesOf(controlNames);

/** Epochs asked for per animation frame: the slider's range (not in the link: a speed is the reader's own). */
export const speedRange = { min: 1, max: 20, step: 1 } as const;

/** At most this many hidden layers, of at most this many units each. */
export const MAX_LAYERS = 6;
export const MAX_UNITS = 8;

/** How each optimizer is named in its menu. */
export const optimizerLabels: Record<OptimizerName, string> = { sgd: 'SGD', momentum: 'SGD + momentum', adam: 'Adam' };

/** Regularization rates offered, TensorFlow Playground's (0 is "none") and 0.0001 from version 1. */
export const regularizationRates = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

/** Epoch limits offered by "Stop at epoch". */
export const epochLimits = [50, 100, 200, 500, 1000, 2000, 5000];

/** Patiences offered by "Stop when test loss stalls for", in epochs. */
export const patiences = [10, 20, 50, 100, 200];
