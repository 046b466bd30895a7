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
export { RNNCell, Embedding, LayerNorm, SelfAttention, TransformerBlock, positionalEncoding } from './sequence.ts';
export * as init from './init.ts';
