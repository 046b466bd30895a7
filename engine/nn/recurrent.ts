// Recurrent layers, PyTorch-shaped: the cells RNNCell, LSTMCell and GRUCell (one time step) and RNN, LSTM and
// GRU, which run one over a batch-first sequence. Parameter names and shapes, gate order, equations and the
// initial weights' distribution are PyTorch's, so numbers can be compared with torch.nn one for one.
// The steps are fused ops (engine/ops/recurrent.ts); the sequence layers compute the input's share of every
// step in one product, keep each step's tensors in `steps`, and with `retainGrads` their gradients too.
// NOTE: parameter names are PyTorch's, snake_case included (weight_ih, bias_hh_l0, …), so that a state dict
// maps one to one.
import { linear } from '../ops/matmul.ts';
import { gruGates, gruHidden, lstmCellState, lstmGates, lstmHidden, rnnStep, recurrentInput } from '../ops/recurrent.ts';
import { stack } from '../ops/shape.ts';
import { defaultGenerator, type Rng } from '../random.ts';
import { shapeStr, type Tensor, zeros } from '../tensor.ts';
import { Module } from './module.ts';

/** An RNN's activation: PyTorch's tanh or relu, or 'linear' (none), for studying gradients through time. */
export type Nonlinearity = 'tanh' | 'relu' | 'linear';

export interface RecurrentOptions {
  /** Without biases when false (default true). */
  bias?: boolean;
  rng?: Rng;
}

/** PyTorch's initialization of recurrent layers: every weight and bias uniform in ±1/√H. */
function uniform(shape: number[], hidden: number, rng: Rng): Tensor {
  const t = zeros(shape, { requiresGrad: true });
  const k = 1 / Math.sqrt(hidden);
  for (let i = 0; i < t.size; i++) t.data[i] = rng.uniform(-k, k);
  return t;
}

/** weight_ih [G, in], weight_hh [G, H], bias_ih [G], bias_hh [G] for G = gates·H, drawn in that order. */
function parameters(gates: number, inputSize: number, hiddenSize: number, opts: RecurrentOptions): [Tensor, Tensor, Tensor | null, Tensor | null] {
  const rng = opts.rng ?? defaultGenerator;
  const G = gates * hiddenSize;
  const wIh = uniform([G, inputSize], hiddenSize, rng);
  const wHh = uniform([G, hiddenSize], hiddenSize, rng);
  if (opts.bias === false) return [wIh, wHh, null, null];
  return [wIh, wHh, uniform([G], hiddenSize, rng), uniform([G], hiddenSize, rng)];
}

/**
 * States as [B, H], zeros where absent. Each given one must be [B, H], or [H] when the input is unbatched
 * (one example, or one sequence); it is named in the error with the input's shape.
 */
function initialStates(op: string, states: (Tensor | undefined)[], B: number, H: number, unbatched: boolean, x: Tensor): Tensor[] {
  const want = unbatched ? [H] : [B, H];
  return states.map((h) => {
    if (!h) return zeros([B, H]);
    if (h.shape.length !== want.length || h.shape.some((d, i) => d !== want[i])) {
      throw new Error(`${op}: state ${shapeStr(h.shape)} should be ${shapeStr(want)} for input ${shapeStr(x.shape)}`);
    }
    return unbatched ? h.reshape(1, H) : h;
  });
}

/** A cell's input as [B, in] (an unbatched [in] becomes [1, in]) and its states as [B, H]. */
function cellInputs(op: string, x: Tensor, inputSize: number, hiddenSize: number, states: (Tensor | undefined)[]) {
  const unbatched = x.shape.length === 1;
  if ((x.shape.length !== 1 && x.shape.length !== 2) || x.shape[x.shape.length - 1] !== inputSize) {
    throw new Error(`${op}: input ${shapeStr(x.shape)} should be [B, ${inputSize}] or [${inputSize}]`);
  }
  const xb = unbatched ? x.reshape(1, inputSize) : x;
  return { xb, s: initialStates(op, states, xb.shape[0], hiddenSize, unbatched, x), unbatched };
}

const unbatch = (t: Tensor, unbatched: boolean): Tensor => (unbatched ? t.reshape(t.shape[1]) : t);

/**
 * One step of an Elman RNN, as torch.nn.RNNCell:  h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)  (or relu, or
 * 'linear': none).
 * x: [B, in] or [in]; h: [B, H] or [H] (zeros when absent) → h' of h's shape.
 * weight_ih [H, in], weight_hh [H, H], bias_ih [H], bias_hh [H].
 */
export class RNNCell extends Module {
  weight_ih: Tensor;
  weight_hh: Tensor;
  bias_ih: Tensor | null;
  bias_hh: Tensor | null;
  readonly nonlinearity: Nonlinearity;

  constructor(readonly inputSize: number, readonly hiddenSize: number, opts: RecurrentOptions & { nonlinearity?: Nonlinearity } = {}) {
    super();
    [this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh] = parameters(1, inputSize, hiddenSize, opts);
    this.nonlinearity = opts.nonlinearity ?? 'tanh';
  }

  forward(x: Tensor, h?: Tensor): Tensor {
    const { xb, s, unbatched } = cellInputs('RNNCell', x, this.inputSize, this.hiddenSize, [h]);
    const xg = linear(xb, this.weight_ih, this.bias_ih);
    return unbatch(rnnStep(xg, s[0], this.weight_hh, this.bias_hh, this.nonlinearity), unbatched);
  }
}

export interface LSTMOptions extends RecurrentOptions {
  /**
   * Added to the forget gate's block of bias_ih after PyTorch's initialization (default 0). With 1 the cell
   * starts out keeping about 73% of its state per step instead of 50%, which lets gradients reach back far
   * enough to learn long memories at all (Gers et al. 2000; Jozefowicz, Zaremba and Sutskever 2015).
   */
  forgetBias?: number;
}

function addForgetBias(bias: Tensor | null, H: number, value = 0): void {
  if (value === 0) return;
  if (!bias) throw new Error('LSTM: forgetBias needs the biases (bias: false was given)');
  for (let k = H; k < 2 * H; k++) bias.data[k] += value;
}

/** An LSTM's state: the hidden state h and the cell state c, each [B, H]. */
export interface LSTMState {
  h: Tensor;
  c: Tensor;
}

/**
 * One step of an LSTM (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000), as
 * torch.nn.LSTMCell, gates in PyTorch's order i, f, g, o:
 *   i = σ(W_ii x + b_ii + W_hi h + b_hi)      input gate
 *   f = σ(W_if x + b_if + W_hf h + b_hf)      forget gate
 *   g = tanh(W_ig x + b_ig + W_hg h + b_hg)   candidate cell
 *   o = σ(W_io x + b_io + W_ho h + b_ho)      output gate
 *   c' = f⊙c + i⊙g,   h' = o⊙tanh(c')
 * weight_ih [4H, in] stacks W_ii, W_if, W_ig, W_io by rows; weight_hh [4H, H], bias_ih and bias_hh [4H] likewise.
 * forward(x [B, in] or [in], { h, c }?) → { h, c, gates }: the new state, and the activated gates [B, 4H].
 */
export class LSTMCell extends Module {
  weight_ih: Tensor;
  weight_hh: Tensor;
  bias_ih: Tensor | null;
  bias_hh: Tensor | null;

  constructor(readonly inputSize: number, readonly hiddenSize: number, opts: LSTMOptions = {}) {
    super();
    [this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh] = parameters(4, inputSize, hiddenSize, opts);
    addForgetBias(this.bias_ih, hiddenSize, opts.forgetBias);
  }

  forward(x: Tensor, state?: LSTMState): LSTMState & { gates: Tensor } {
    const { xb, s, unbatched } = cellInputs('LSTMCell', x, this.inputSize, this.hiddenSize, [state?.h, state?.c]);
    const gates = lstmGates(linear(xb, this.weight_ih, this.bias_ih), s[0], this.weight_hh, this.bias_hh);
    const c = lstmCellState(gates, s[1]);
    const h = lstmHidden(gates, c);
    return { h: unbatch(h, unbatched), c: unbatch(c, unbatched), gates };
  }
}

/**
 * One step of a GRU (Cho et al. 2014), as torch.nn.GRUCell, gates in PyTorch's order r, z, n:
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)          reset gate
 *   z = σ(W_iz x + b_iz + W_hz h + b_hz)          update gate
 *   n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn))   candidate
 *   h' = (1 - z)⊙n + z⊙h
 * weight_ih [3H, in], weight_hh [3H, H], bias_ih and bias_hh [3H], stacked by rows in that order.
 * x: [B, in] or [in]; h: [B, H] or [H] (zeros when absent) → h'.
 */
export class GRUCell extends Module {
  weight_ih: Tensor;
  weight_hh: Tensor;
  bias_ih: Tensor | null;
  bias_hh: Tensor | null;

  constructor(readonly inputSize: number, readonly hiddenSize: number, opts: RecurrentOptions = {}) {
    super();
    [this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh] = parameters(3, inputSize, hiddenSize, opts);
  }

  forward(x: Tensor, h?: Tensor): Tensor {
    const { xb, s, unbatched } = cellInputs('GRUCell', x, this.inputSize, this.hiddenSize, [h]);
    const gates = gruGates(linear(xb, this.weight_ih, this.bias_ih), s[0], this.weight_hh, this.bias_hh);
    return unbatch(gruHidden(gates, s[0]), unbatched);
  }
}

/** What a sequence layer keeps of each step: the live tensors of the graph, [B, H] (and gates [B, G]). */
export interface RNNStep {
  h: Tensor;
}
export interface LSTMStep extends LSTMState {
  gates: Tensor;
}
export interface GRUStep {
  h: Tensor;
  gates: Tensor;
}

/**
 * The shared part of RNN, LSTM and GRU: one layer's parameters, named as PyTorch's for layer 0, and the
 * batch-first sequence. x: [B, T, in] (batch_first=True in PyTorch) or one sequence [T, in].
 */
abstract class Recurrent<Step> extends Module {
  weight_ih_l0: Tensor;
  weight_hh_l0: Tensor;
  bias_ih_l0: Tensor | null;
  bias_hh_l0: Tensor | null;
  /** After each forward: step t's tensors (B = 1 for one sequence). */
  steps: Step[] = [];
  /** Set before a forward pass to keep every step's gradients after backward (dL/dh_t through time, …). */
  retainGrads = false;

  constructor(gates: number, readonly inputSize: number, readonly hiddenSize: number, opts: RecurrentOptions) {
    super();
    [this.weight_ih_l0, this.weight_hh_l0, this.bias_ih_l0, this.bias_hh_l0] = parameters(gates, inputSize, hiddenSize, opts);
  }

  /**
   * The input's share of every step in one product, xg [B, T, G]; the recurrent weight and bias as the steps
   * should read them; the initial states as [B, H]; and `previous`, to be filled with h_{t-1} for step t.
   * With `deferred` (LSTM, RNN), the steps read W_hh and b_hh detached, and their gradient for every step is
   * added at once by recurrentInput (engine/ops/recurrent.ts): one product instead of one per step.
   */
  protected begin(op: string, x: Tensor, states: (Tensor | undefined)[], deferred: boolean) {
    const unbatched = x.shape.length === 2;
    if ((x.shape.length !== 2 && x.shape.length !== 3) || x.shape[x.shape.length - 1] !== this.inputSize) {
      throw new Error(`${op}: input ${shapeStr(x.shape)} should be [B, T, ${this.inputSize}] (batch first) or [T, ${this.inputSize}]`);
    }
    const xb = unbatched ? x.reshape(1, ...x.shape) : x;
    const [B, T] = xb.shape;
    if (T === 0) throw new Error(`${op}: the sequence is empty`);
    const s = initialStates(op, states, B, this.hiddenSize, unbatched, x);
    const [wIh, bIh, w, b] = [this.weight_ih_l0, this.bias_ih_l0, this.weight_hh_l0, this.bias_hh_l0];
    const previous: Tensor[] = [];
    if (!deferred) return { xg: linear(xb, wIh, bIh), w, b, T, s, unbatched, previous };
    return { xg: recurrentInput(xb, wIh, bIh, w, b, previous), w: w.detach(), b: b && b.detach(), T, s, unbatched, previous };
  }

  /** Keeps the steps (retaining their gradients if asked); the outputs h_1 … h_T as [B, T, H] (or [T, H]). */
  protected finish(steps: Step[], hs: Tensor[], unbatched: boolean): Tensor {
    if (this.retainGrads) for (const s of steps) for (const t of Object.values(s as object) as Tensor[]) t.retainGrad();
    this.steps = steps;
    const out = stack(hs, 1);
    return unbatched ? out.reshape(out.shape[1], out.shape[2]) : out;
  }
}

/**
 * An Elman RNN over a batch-first sequence, as torch.nn.RNN(batch_first=True) with one layer: h_t as in
 * RNNCell, from h_0 (zeros when absent). x: [B, T, in] → { output [B, T, H] (h_1 … h_T), h: h_T [B, H] };
 * one sequence [T, in] gives [T, H] and [H]. Parameters weight_ih_l0 [H, in], weight_hh_l0 [H, H],
 * bias_ih_l0 and bias_hh_l0 [H]. After a forward, `steps[t].h` is the state after reading x[:, t].
 */
export class RNN extends Recurrent<RNNStep> {
  readonly nonlinearity: Nonlinearity;

  constructor(inputSize: number, hiddenSize: number, opts: RecurrentOptions & { nonlinearity?: Nonlinearity } = {}) {
    super(1, inputSize, hiddenSize, opts);
    this.nonlinearity = opts.nonlinearity ?? 'tanh';
  }

  forward(x: Tensor, h0?: Tensor): { output: Tensor; h: Tensor } {
    const { xg, w, b, T, s, unbatched, previous } = this.begin('RNN', x, [h0], true);
    let h = s[0];
    const steps: RNNStep[] = [];
    const hs: Tensor[] = [];
    for (let t = 0; t < T; t++) {
      previous.push(h);
      h = rnnStep(xg, h, w, b, this.nonlinearity, t);
      steps.push({ h });
      hs.push(h);
    }
    return { output: this.finish(steps, hs, unbatched), h: unbatch(h, unbatched) };
  }
}

/**
 * An LSTM over a batch-first sequence, as torch.nn.LSTM(batch_first=True) with one layer: each step as in
 * LSTMCell, from { h, c } (zeros when absent). x: [B, T, in] → { output [B, T, H] (h_1 … h_T), h: h_T, c: c_T }
 * ([B, H]; one sequence [T, in] gives [T, H] and [H]). Parameters weight_ih_l0 [4H, in], weight_hh_l0
 * [4H, H], bias_ih_l0 and bias_hh_l0 [4H]. After a forward, `steps[t]` holds h, c and the gates (i, f, g, o)
 * [B, 4H] of the step that read x[:, t].
 */
export class LSTM extends Recurrent<LSTMStep> {
  constructor(inputSize: number, hiddenSize: number, opts: LSTMOptions = {}) {
    super(4, inputSize, hiddenSize, opts);
    addForgetBias(this.bias_ih_l0, hiddenSize, opts.forgetBias);
  }

  forward(x: Tensor, state?: LSTMState): { output: Tensor } & LSTMState {
    const { xg, w, b, T, s, unbatched, previous } = this.begin('LSTM', x, [state?.h, state?.c], true);
    let [h, c] = s;
    const steps: LSTMStep[] = [];
    const hs: Tensor[] = [];
    for (let t = 0; t < T; t++) {
      previous.push(h);
      const gates = lstmGates(xg, h, w, b, t);
      c = lstmCellState(gates, c);
      h = lstmHidden(gates, c);
      steps.push({ h, c, gates });
      hs.push(h);
    }
    return { output: this.finish(steps, hs, unbatched), h: unbatch(h, unbatched), c: unbatch(c, unbatched) };
  }
}

/**
 * A GRU over a batch-first sequence, as torch.nn.GRU(batch_first=True) with one layer: each step as in
 * GRUCell, from h_0 (zeros when absent). x: [B, T, in] → { output [B, T, H] (h_1 … h_T), h: h_T [B, H] }; one
 * sequence [T, in] gives [T, H] and [H]. Parameters weight_ih_l0 [3H, in], weight_hh_l0 [3H, H], bias_ih_l0
 * and bias_hh_l0 [3H]. After a forward, `steps[t]` holds h and the gates (r, z, n) [B, 3H] of the step that
 * read x[:, t].
 */
export class GRU extends Recurrent<GRUStep> {
  constructor(inputSize: number, hiddenSize: number, opts: RecurrentOptions = {}) {
    super(3, inputSize, hiddenSize, opts);
  }

  forward(x: Tensor, h0?: Tensor): { output: Tensor; h: Tensor } {
    const { xg, w, b, T, s, unbatched } = this.begin('GRU', x, [h0], false);
    let h = s[0];
    const steps: GRUStep[] = [];
    const hs: Tensor[] = [];
    for (let t = 0; t < T; t++) {
      const gates = gruGates(xg, h, w, b, t);
      h = gruHidden(gates, h);
      steps.push({ h, gates });
      hs.push(h);
    }
    return { output: this.finish(steps, hs, unbatched), h: unbatch(h, unbatched) };
  }
}
