// nn: layers and modules, PyTorch-shaped.
export { Module } from './module.ts';
export {
  Linear,
  Activation,
  ReLU,
  LeakyReLU,
  Tanh,
  Sigmoid,
  GELU,
  Identity,
  Dropout,
  Sequential,
  MLP,
  type ActivationName,
  type LayerOptions,
  type MLPOptions,
} from './layers.ts';
export { Conv2d, MaxPool2d, AvgPool2d, Flatten, BatchNorm1d, BatchNorm2d, type Conv2dLayerOptions, type BatchNormLayerOptions } from './cnn.ts';
export { summary, forwardWithActivations, type SummaryRow, type Summary, type LayerActivation } from './summary.ts';
export { type ForwardHook } from './module.ts';
export { type StateDict, type TensorState } from './state.ts';
export { Embedding, LayerNorm, SelfAttention, positionalEncoding } from './sequence.ts';
export { MultiHeadAttention, type AttentionCallOptions, type BoolMask } from './attention.ts';
export {
  TransformerBlock,
  PositionalEmbedding,
  TransformerLM,
  type TransformerBlockOptions,
  type TransformerLMOptions,
} from './transformer.ts';
export {
  RNNCell,
  LSTMCell,
  GRUCell,
  RNN,
  LSTM,
  GRU,
  type Nonlinearity,
  type RecurrentOptions,
  type LSTMOptions,
  type LSTMState,
  type RNNStep,
  type LSTMStep,
  type GRUStep,
} from './recurrent.ts';
export * as init from './init.ts';
