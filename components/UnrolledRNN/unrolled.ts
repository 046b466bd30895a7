// The numbers behind the UnrolledRNN figure: a 4-unit tanh RNN reads 8 samples of a sine wave and predicts
// the next sample at every step (squared error summed over the steps). One forward and backward pass in the
// engine gives every hidden state h_t, every prediction, every ∂L/∂h_t and the parameters' gradients; the
// figure reveals them in the order the computation produces them. Training takes Adam steps on the same net.
import { nn, optim, rng as makeRng, tensor, type Tensor } from '../../engine/index.ts';
import { randomOrthogonal } from '../GradientThroughTime/gradients.ts';

export const STEPS = 8;
export const UNITS = 4;

/** The toy sequence: x_t = sin(0.7 t), for t = 1 … T + 1 (the last one is only a target). */
export const wave = Array.from({ length: STEPS + 1 }, (_, i) => Math.sin(0.7 * (i + 1)));

export interface Pass {
  /** h_t for t = 1 … T, each UNITS numbers. */
  h: number[][];
  /** The prediction ŷ_t of x_{t+1}. */
  yhat: number[];
  /** The loss term L_t = (ŷ_t − x_{t+1})². */
  losses: number[];
  /** ‖∂L/∂h_t‖ for t = 1 … T. */
  gradNorms: number[];
  loss: number;
  /** ‖∂L/∂W_hh‖. */
  recurrentGradNorm: number;
}

/** The RNN and its readout, with W_hh = scale · Q for a random rotation Q, seeded. */
export class SineRNN {
  readonly rnn: nn.RNN;
  readonly head: nn.Linear;
  readonly opt: optim.Adam;
  trained = 0;

  constructor(readonly scale: number, seed = 5) {
    const r = makeRng(seed);
    this.rnn = new nn.RNN(1, UNITS, { rng: r });
    const q = randomOrthogonal(UNITS, r);
    for (let i = 0; i < q.length; i++) this.rnn.weight_hh_l0.data[i] = scale * q[i];
    this.head = new nn.Linear(UNITS, 1, { rng: r });
    this.opt = new optim.Adam([...this.rnn.parameters(), ...this.head.parameters()], { lr: 0.05 });
  }

  /** One forward and backward pass over the wave; leaves the gradients in place. */
  pass(): Pass {
    this.opt.zeroGrad();
    this.rnn.retainGrads = true;
    const x = tensor(wave.slice(0, STEPS), [1, STEPS, 1]);
    const target = tensor(wave.slice(1), [1, STEPS, 1]);
    const { output } = this.rnn.forward(x);
    const yhat: Tensor = this.head.forward(output);
    const err = yhat.sub(target);
    const sq = err.mul(err);
    const loss = sq.sum();
    loss.backward();
    const steps = this.rnn.steps as { h: Tensor }[];
    const g = this.rnn.weight_hh_l0.grad;
    return {
      h: steps.map((s) => Array.from(s.h.data)),
      yhat: Array.from(yhat.data),
      losses: Array.from(sq.data),
      gradNorms: steps.map((s) => Math.hypot(...(s.h.grad?.data ?? []))),
      loss: loss.item(),
      recurrentGradNorm: g ? Math.hypot(...g.data) : 0,
    };
  }

  /** One Adam step on the loss (η = 0.05). */
  train(): void {
    this.pass();
    this.opt.step();
    this.trained++;
  }
}
