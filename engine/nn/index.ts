// nn: layers and modules, PyTorch-shaped.
export { Module } from './module.ts';
export {
  Linear,
  Conv2d,
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
