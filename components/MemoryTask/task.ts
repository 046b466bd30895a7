// The memory task of chapter 8 (measured: with noise 0.1, gate biases 3, Adam 0.01, clip 1, 16 units, batches
// of 32 and 300 steps, over init seeds 1-4 with data seeds 101-104 and 500 test sequences, the plain RNN
// reached 1.00, 0.50, 0.50, 0.82 at T = 20 and 0.51, 0.51, 0.51, 0.50 at T = 40; every LSTM and GRU 1.00 at
// T = 5, 20 and 40; the chapter quotes these).
// The task: a sequence opens with one of two symbols (the bit), then T distractor
// symbols drawn at random; after the last one the net must say which bit it saw. An RNN, an LSTM and a GRU
// of the same width learn it from the same batches, each with a linear readout of its last hidden state.
import { clipGradNorm, crossEntropy, nn, noGrad, optim, rng as makeRng, tensor, type Rng, type Tensor } from '../../engine/index.ts';

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
