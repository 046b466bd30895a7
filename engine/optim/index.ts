// Optimizers and learning-rate schedules, with PyTorch's update rules and names. An optimizer reads `.grad`
// of its parameters and changes their values in place; a schedule sets its optimizer's `lr`.
export { type Optimizer, SGD } from './sgd.ts';
export { type AdamOptions, Adam, AdamW } from './adam.ts';
export type { AdamState, LegacyAdamState, OptimizerState, SGDState } from './state.ts';
export { StepLR, ExponentialLR, CosineAnnealingLR, LambdaLR, LinearLR } from './schedules.ts';
