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
export { Embedding, LayerNorm, SelfAttention, TransformerBlock, positionalEncoding } from './sequence.ts';
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
