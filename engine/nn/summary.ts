// Reading a model: every layer's output from one forward pass (for widgets that draw feature maps), and
// nn.summary, a table of layers with their output shapes and parameter counts (as torchinfo prints it).
import { noGrad, shapeStr, Tensor, zeros } from '../tensor.ts';
import { AvgPool2d, BatchNorm1d, BatchNorm2d, Conv2d, Flatten, MaxPool2d } from './cnn.ts';
import { Activation, Dropout, Linear, MLP, Sequential } from './layers.ts';
import { Module } from './module.ts';
import { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell } from './recurrent.ts';
import { Embedding, LayerNorm, SelfAttention } from './sequence.ts';
import { MultiHeadAttention } from './attention.ts';
import { PositionalEmbedding, TransformerBlock, TransformerLM } from './transformer.ts';

/** One module's output during a forward pass: its dotted name ('' for the model itself) and the value. */
export interface LayerActivation {
  name: string;
  module: Module;
  output: unknown;
}

/**
 * Runs `model.forward(...args)` once and returns its output with the output of every module inside it, in
 * the order their forwards finished (a layer before the block that holds it; a module called twice gives
 * two entries). The model itself is not listed. Works in `noGrad` too; nothing is run twice.
 */
export function forwardWithActivations<T = unknown>(model: Module, ...args: unknown[]): { output: T; activations: LayerActivation[] } {
  const activations: LayerActivation[] = [];
  const handles = model
    .namedModules()
    .filter(([name]) => name !== '')
    .map(([name, m]) => m.registerForwardHook((module, _inputs, output) => activations.push({ name, module, output })));
  try {
    const output = (model.forward as (...a: unknown[]) => T)(...args);
    return { output, activations };
  } finally {
    for (const h of handles) h.remove();
  }
}

const activationNames: Record<string, string> = { relu: 'ReLU', leakyRelu: 'LeakyReLU', tanh: 'Tanh', sigmoid: 'Sigmoid', gelu: 'GELU', linear: 'Identity' };
// NOTE: a map rather than constructor.name, which a minifying bundler (the site's build) renames.
const layerNames = new Map<unknown, string>([
  [Linear, 'Linear'], [Conv2d, 'Conv2d'], [MaxPool2d, 'MaxPool2d'], [AvgPool2d, 'AvgPool2d'], [Flatten, 'Flatten'],
  [BatchNorm1d, 'BatchNorm1d'], [BatchNorm2d, 'BatchNorm2d'], [Dropout, 'Dropout'], [Sequential, 'Sequential'], [MLP, 'MLP'],
  [Embedding, 'Embedding'], [LayerNorm, 'LayerNorm'], [SelfAttention, 'SelfAttention'], [TransformerBlock, 'TransformerBlock'],
  [MultiHeadAttention, 'MultiHeadAttention'], [PositionalEmbedding, 'PositionalEmbedding'], [TransformerLM, 'TransformerLM'],
  [RNNCell, 'RNNCell'], [LSTMCell, 'LSTMCell'], [GRUCell, 'GRUCell'], [RNN, 'RNN'], [LSTM, 'LSTM'], [GRU, 'GRU'],
]);

/** A module's class name as PyTorch prints it: 'Conv2d', 'ReLU', or the class's own name for other modules. */
export function typeName(m: Module): string {
  if (m instanceof Activation) return activationNames[m.kind];
  return layerNames.get(m.constructor) ?? m.constructor.name;
}

export interface SummaryRow {
  /** Dotted name, as in namedModules(). */
  name: string;
  type: string;
  /** The output's shape (batch first), or null if the layer returned something other than a tensor. */
  outputShape: number[] | null;
  /** Values in the layer's own parameters (sub-modules' included). */
  params: number;
}

export interface Summary {
  /** The layers that hold no sub-modules, in the order they ran. */
  rows: SummaryRow[];
  totalParams: number;
  outputShape: number[] | null;
  /** The table as text, one layer per line. */
  text: string;
}

const shapeOf = (v: unknown): number[] | null =>
  v instanceof Tensor ? v.shape.slice() : v && typeof v === 'object' && (v as { output?: unknown }).output instanceof Tensor ? (v as { output: Tensor }).output.shape.slice() : null;

/**
 * Runs the model once on zeros of `inputShape` (batch first, e.g. [1, 1, 28, 28]) and lists each layer's
 * output shape and parameter count, as torchinfo's summary. The model runs in evaluation mode without
 * recording a graph, so no running statistic moves and no random number is drawn; its modes are restored after.
 */
export function summary(model: Module, inputShape: number[]): Summary {
  const modes = model.namedModules().map(([, m]) => [m, m.training] as const);
  model.eval();
  let run: { output: unknown; activations: LayerActivation[] };
  try {
    run = noGrad(() => forwardWithActivations(model, zeros(inputShape)));
  } finally {
    for (const [m, on] of modes) m.training = on;
  }
  const rows = run.activations
    .filter(({ module }) => module.children().length === 0)
    .map(({ name, module, output }) => ({ name, type: typeName(module), outputShape: shapeOf(output), params: module.parameterCount() }));
  const totalParams = model.parameterCount();
  const table = [['Layer (type)', 'Output shape', 'Param #'], ...rows.map((r) => [`${r.name} (${r.type})`, r.outputShape ? shapeStr(r.outputShape) : '–', r.params.toLocaleString('en-US')])];
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((row) => row[c].length)));
  const line = (row: string[]) => `${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2].padStart(widths[2])}`;
  const text = [line(table[0]), ...table.slice(1).map(line), `Total parameters: ${totalParams.toLocaleString('en-US')} (input ${shapeStr(inputShape)})`].join('\n');
  return { rows, totalParams, outputShape: shapeOf(run.output), text };
}
