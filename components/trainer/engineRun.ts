// The usual run: an engine model, an optimizer, and a generator that shuffles the data into minibatches.
// A task says what one epoch's minibatch losses are, how to measure, and what to report; this does the
// rest (train and eval mode, zeroing, backward, the step, the saved state that Pause and model files use).
import { noGrad, type optim, type Rng, type RngState, type Tensor } from '../../engine/index.ts';
import type { Measurement, Run } from './task.ts';

export interface EngineRunSpec<R> {
  /** Anything with parameters, and train and eval modes (an nn.Module, or several behind one object). */
  model: { parameters(): Tensor[]; train(): unknown; eval(): unknown };
  optimizer: optim.Optimizer;
  /** The generator that orders the minibatches (its place is part of the saved state). */
  rng: Rng;
  /** One epoch: each minibatch's loss, built on demand (the run zeroes the gradients before each one). */
  batches(rng: Rng): Iterable<() => Tensor>;
  /** The losses now, computed in eval mode without gradients. */
  measure(): Measurement;
  /** What the figure draws (fresh copies of any typed arrays). */
  report(): R;
  /** Between backward and the step, e.g. gradient clipping. */
  beforeStep?(): void;
  /** More commands; `lr` (a new learning rate, keeping the optimizer's state) is always there. */
  commands?: Record<string, (payload: never) => void>;
  /** The epoch to start counting from (a loaded run). */
  epoch?: number;
}

interface EngineState {
  optimizer: optim.OptimizerState;
  rng: RngState;
}

/** A Run over an engine model: one `trainEpoch` is one pass over `spec.batches`. */
export function engineRun<R>(spec: EngineRunSpec<R>): Run<R> {
  const { model, optimizer, rng } = spec;
  return {
    epoch: spec.epoch ?? 0,
    trainEpoch() {
      model.train();
      for (const lossOf of spec.batches(rng)) {
        optimizer.zeroGrad();
        lossOf().backward();
        spec.beforeStep?.();
        optimizer.step();
      }
      this.epoch++;
    },
    measure() {
      model.eval();
      return noGrad(() => spec.measure());
    },
    parameters: () => model.parameters(),
    report: () => spec.report(),
    saveState: (): EngineState => ({ optimizer: optimizer.stateDict(), rng: rng.getState() }),
    loadState(state) {
      const s = state as EngineState;
      optimizer.loadStateDict(s.optimizer);
      rng.setState(s.rng);
    },
    commands: {
      lr: (lr: number) => {
        if (!(lr > 0 && Number.isFinite(lr))) throw new Error(`The learning rate must be a positive number, not ${lr}.`);
        optimizer.lr = lr;
      },
      ...spec.commands,
    },
  };
}

/**
 * `n` optimizer steps, each on the loss `lossOf()` builds (gradients zeroed, the loss back-propagated, the
 * step taken); returns their mean loss. For runs that keep their own state rather than use engineRun.
 */
export function trainSteps(optimizer: optim.Optimizer, n: number, lossOf: () => Tensor): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    optimizer.zeroGrad();
    const loss = lossOf();
    loss.backward();
    optimizer.step();
    sum += loss.item();
  }
  return sum / n;
}
