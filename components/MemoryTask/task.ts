// The memory task of chapter 8 (measured: with noise 0.1, gate biases 3, Adam 0.01, clip 1, 16 units, batches
// of 32 and 300 steps, over init seeds 1-4 with data seeds 101-104 and 500 test sequences, the plain RNN
// reached 1.00, 0.50, 0.50, 0.82 at T = 20 and 0.51, 0.51, 0.51, 0.50 at T = 40; every LSTM and GRU 1.00 at
// T = 5, 20 and 40; the chapter quotes these).
// The task: a sequence opens with one of two symbols (the bit), then T distractor
// symbols drawn at random; after the last one the net must say which bit it saw. An RNN, an LSTM and a GRU
// of the same width learn it from the same batches, each with a linear readout of its last hidden state.
import { clipGradNorm, crossEntropy, nn, noGrad, optim, rng as makeRng, tensor, type Rng, type Tensor } from '../../engine/index.ts';
import { defineSchedule } from '../trainer/schedule.ts';

export type CellKind = 'rnn' | 'lstm' | 'gru';
export const cellKinds: CellKind[] = ['rnn', 'lstm', 'gru'];

/** Symbols: 0 and 1 are the bit, 2 and 3 the distractors. */
export const SYMBOLS = 4;

export interface MemoryBatch {
  /** One-hot inputs [B, T + 1, 4]. */
  x: Tensor;
  /** The bit of each sequence. */
  y: Int32Array;
}

/** B sequences of the task with delay T: the bit at step 0, then T random distractors. */
export function memoryBatch(B: number, T: number, r: Rng, noise = 0): MemoryBatch {
  const L = T + 1;
  const x = new Float32Array(B * L * SYMBOLS);
  const y = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    y[b] = r.int(2);
    x[(b * L) * SYMBOLS + y[b]] = 1;
    for (let t = 1; t < L; t++) x[(b * L + t) * SYMBOLS + 2 + r.int(2)] = 1;
  }
  if (noise > 0) for (let i = 0; i < x.length; i++) x[i] += noise * r.normal();
  return { x: tensor(x, [B, L, SYMBOLS]), y };
}

export interface MemoryNetOptions {
  hidden?: number;
  lr?: number;
  clip?: number;
  seed?: number;
  optimizer?: 'adam' | 'sgd';
  momentum?: number;
  forgetBias?: number;
}

/** One recurrent layer and a linear readout of its last state, with its own Adam optimizer. */
export class MemoryNet {
  readonly kind: CellKind;
  readonly core: nn.RNN | nn.LSTM | nn.GRU;
  readonly head: nn.Linear;
  readonly opt: optim.Adam | optim.SGD;
  readonly clip: number;
  steps = 0;

  constructor(kind: CellKind, opts: MemoryNetOptions = {}) {
    const r = makeRng(opts.seed ?? 1);
    const H = opts.hidden ?? 16;
    this.kind = kind;
    this.core =
      kind === 'rnn' ? new nn.RNN(SYMBOLS, H, { rng: r }) : kind === 'lstm' ? new nn.LSTM(SYMBOLS, H, { rng: r, forgetBias: opts.forgetBias ?? 1 }) : new nn.GRU(SYMBOLS, H, { rng: r });
    if (this.core instanceof nn.GRU && opts.forgetBias) {
      // The GRU's update gate z (columns H…2H, PyTorch's order r, z, n) keeps the old state where z ≈ 1:
      // the same head start the LSTM's forget bias gives, so the two gated nets start alike.
      const b = this.core.bias_ih_l0;
      if (b) for (let j = H; j < 2 * H; j++) b.data[j] += opts.forgetBias;
    }
    this.head = new nn.Linear(H, 2, { rng: r });
    this.opt = opts.optimizer === 'sgd' ? new optim.SGD(this.parameters(), { lr: opts.lr ?? 0.1, momentum: opts.momentum ?? 0 }) : new optim.Adam(this.parameters(), { lr: opts.lr ?? 0.01 });
    this.clip = opts.clip ?? 1;
  }

  parameters(): Tensor[] {
    return [...this.core.parameters(), ...this.head.parameters()];
  }

  logits(x: Tensor): Tensor {
    return this.head.forward(this.core.forward(x).h);
  }

  /** One Adam step on the batch (gradients clipped to norm `clip`); returns the loss and the norm before clipping. */
  trainStep(batch: MemoryBatch): { loss: number; gradNorm: number } {
    this.opt.zeroGrad();
    const loss = crossEntropy(this.logits(batch.x), batch.y);
    loss.backward();
    const gradNorm = clipGradNorm(this.parameters(), this.clip);
    this.opt.step();
    this.steps++;
    return { loss: loss.item(), gradNorm };
  }

  /** The share of sequences whose bit the net names correctly. */
  accuracy(batch: MemoryBatch): number {
    const z = noGrad(() => this.logits(batch.x));
    let right = 0;
    for (let b = 0; b < batch.y.length; b++) if ((z.data[2 * b + 1] > z.data[2 * b] ? 1 : 0) === batch.y[b]) right++;
    return right / batch.y.length;
  }
}

export interface MemorySettings {
  /** The delay T: distractors between the bit and the answer. */
  delay: number;
  seed: number;
}

/** What the figure draws after each epoch. */
export interface MemoryReport {
  delay: number;
  /** Training steps each net has taken. */
  steps: number;
  /** The training steps at which accuracy was measured (0 for the untrained nets), rising. */
  at: number[];
  /** Test accuracy of each net at those steps. */
  accuracy: Record<CellKind, number[]>;
  /** The LSTM on one test sequence whose bit is 1: for its unit that carries the bit, each step's gates and cell. */
  gates: { unit: number; input: number[]; forget: number[]; output: number[]; cell: number[] };
}

/** Adam at 0.01 on batches of 32 sequences, 10 steps an epoch, measured after every one, for 300 steps at most. */
export const memorySchedule = defineSchedule({ batch: 32, lr: 0.01, stepsPerEpoch: 10, budget: { steps: 300 } });
export const NOISE = 0.1;
export const GATE_BIAS = 3;
export const TEST_SIZE = 200;

/**
 * The three nets trained side by side on the same batches: one epoch is memorySchedule's 10 Adam steps of
 * each. The shape is the trainer service's Run (components/trainer/task.ts).
 */
export function memoryRun(s: MemorySettings) {
  const T = s.delay;
  const nets = Object.fromEntries(cellKinds.map((k) => [k, new MemoryNet(k, { seed: s.seed, lr: memorySchedule.lr, forgetBias: GATE_BIAS })])) as Record<CellKind, MemoryNet>;
  const data = makeRng(s.seed + 100);
  const test = memoryBatch(TEST_SIZE, T, makeRng(s.seed + 200), NOISE);
  const probe = memoryPair(T, makeRng(s.seed + 300), NOISE);
  // One entry per measured epoch; a measurement of an epoch already measured (or earlier, after a rewind)
  // replaces the entries from there on.
  let history = { at: [] as number[], rnn: [] as number[], lstm: [] as number[], gru: [] as number[] };
  const copy = () => ({ at: history.at.slice(), rnn: history.rnn.slice(), lstm: history.lstm.slice(), gru: history.gru.slice() });
  let lastLoss = Math.log(2);
  const run = {
    epoch: 0,
    trainEpoch() {
      let sum = 0;
      const { batch: B, stepsPerEpoch } = memorySchedule;
      for (let i = 0; i < stepsPerEpoch; i++) {
        const batch = memoryBatch(B, T, data, NOISE);
        for (const k of cellKinds) sum += nets[k].trainStep(batch).loss;
      }
      lastLoss = sum / (stepsPerEpoch * cellKinds.length);
      run.epoch++;
    },
    measure() {
      const at = nets.lstm.steps;
      let keep = history.at.length;
      while (keep > 0 && history.at[keep - 1] >= at) keep--;
      history.at.length = keep;
      history.at.push(at);
      for (const k of cellKinds) {
        history[k].length = keep;
        history[k].push(nets[k].accuracy(test));
      }
      return { loss: lastLoss };
    },
    parameters: () => cellKinds.flatMap((k) => nets[k].parameters()),
    report: (): MemoryReport => ({
      delay: T,
      steps: nets.lstm.steps,
      at: history.at.slice(),
      accuracy: { rnn: history.rnn.slice(), lstm: history.lstm.slice(), gru: history.gru.slice() },
      gates: lstmGates(nets.lstm, probe),
    }),
    saveState: () => ({
      optimizers: cellKinds.map((k) => nets[k].opt.stateDict()),
      steps: nets.lstm.steps,
      data: data.getState(),
      history: copy(),
    }),
    loadState(state: unknown) {
      const st = state as { optimizers: unknown[]; steps: number; data: ReturnType<Rng['getState']>; history: typeof history };
      cellKinds.forEach((k, i) => {
        nets[k].opt.loadStateDict(st.optimizers[i] as never); // the state its own stateDict wrote
        nets[k].steps = st.steps;
      });
      history = { at: st.history.at.slice(), rnn: st.history.rnn.slice(), lstm: st.history.lstm.slice(), gru: st.history.gru.slice() };
      data.setState(st.data);
    },
  };
  return run;
}

/** Two sequences with the same distractors and noise, the first with bit 0 and the second with bit 1. */
export function memoryPair(T: number, r: Rng, noise = 0): MemoryBatch {
  const one = memoryBatch(1, T, r, noise);
  const L = T + 1;
  const x = new Float32Array(2 * L * SYMBOLS);
  x.set(one.x.data, 0);
  x.set(one.x.data, L * SYMBOLS);
  // Swap the bit channels of the first step in each copy so that copy 0 says 0 and copy 1 says 1.
  const [a, b] = [one.x.data[0], one.x.data[1]];
  const hi = Math.max(a, b);
  const lo = Math.min(a, b);
  [x[0], x[1]] = [hi, lo];
  [x[L * SYMBOLS], x[L * SYMBOLS + 1]] = [lo, hi];
  return { x: tensor(x, [2, L, SYMBOLS]), y: Int32Array.from([0, 1]) };
}

/** The LSTM's gates on the probe pair's bit-1 sequence, for the unit whose final cell differs most between the two bits. */
export function lstmGates(net: MemoryNet, probe: MemoryBatch): MemoryReport['gates'] {
  const core = net.core as nn.LSTM;
  noGrad(() => core.forward(probe.x));
  const H = core.hiddenSize;
  const L = probe.x.shape[1];
  const last = core.steps[L - 1].c.data;
  let unit = 0;
  let best = -1;
  for (let j = 0; j < H; j++) {
    const d = Math.abs(last[H + j] - last[j]);
    if (d > best) [best, unit] = [d, j];
  }
  const col = (gate: number) => core.steps.map((st) => st.gates.data[4 * H + gate * H + unit]);
  return { unit, input: col(0), forget: col(1), output: col(3), cell: core.steps.map((st) => st.c.data[H + unit]) };
}
