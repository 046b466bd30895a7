// The engine's public API: what widgets, code cells and exercises import. PyTorch-shaped and small.
export { Rng, rng, manualSeed, defaultGenerator, type RngState } from './random.ts';
export { Value, value, topoSort } from './value.ts';
export { scalarOps, scalarOpOf, localRule, type ScalarOp, type ScalarMethod, type ScalarSyntax } from './scalar-ops.ts';
export {
  Tensor,
  tensor,
  zeros,
  ones,
  full,
  arange,
  randn,
  rand,
  noGrad,
  isGradEnabled,
  type Shape,
  type NestedArray,
  type TensorOptions,
} from './tensor.ts';
export { add, sub, mul, div, pow } from './ops/arithmetic.ts';
export { neg, exp, log, sqrt, abs, relu, leakyRelu, tanh, sigmoid, gelu } from './ops/unary.ts';
export { matmul, linear } from './ops/matmul.ts';
export { sum, mean, max } from './ops/reduce.ts';
export { reshape, transpose, slice, select, gather, cat, stack } from './ops/shape.ts';
export { softmax, logSoftmax } from './ops/softmax.ts';
export { attention, packedSelfAttention, type AttentionMasks, type AttentionResult } from './ops/attention.ts';
export { layerNorm } from './ops/norm.ts';
export { conv2d, maxPool2d, type Conv2dOptions } from './ops/conv.ts';
export { mse, crossEntropy, binaryCrossEntropy } from './ops/losses.ts';
export { lstmGates, lstmCellState, lstmHidden, gruGates, gruHidden, rnnStep } from './ops/recurrent.ts';
export { clipGradNorm } from './optim/clip.ts';
export { sample, sampleProbabilities, type SampleOptions } from './sample.ts';
export { hasNonFinite, formatTensor } from './inspect.ts';
export { setPrecision } from './storage.ts';
export { gradCheck, type GradCheckResult } from './gradcheck.ts';
export * as nn from './nn/index.ts';
export * as optim from './optim/index.ts';
export * as data from './data/index.ts';
export { gradNorms, stats, histogram, type Stats } from './observe.ts';
export type { Dataset2D, DatasetName, RegressionSet, Digits } from './data/index.ts';
export { datasetNames } from './data/index.ts';
