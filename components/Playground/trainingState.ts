// What training holds besides the weights, so that an exported and re-imported network trains on exactly
// as if it had never stopped: the optimizer's state (momentum buffers, Adam's moments and step counts) and
// the place of the generator that shuffles the training set into minibatches. Also the optimizer the
// settings name, and the check an imported state must pass before anything changes.
import { nn, optim, Rng, type RngState, type Tensor } from '../../engine/index.ts';
import { layerSizes, type Settings } from './settings.ts';

export interface TrainingState {
  optimizer?: optim.OptimizerState;
  /** The minibatch shuffler's state. */
  rng?: RngState;
}

/** The optimizer the settings name, with their learning rate and weight decay (SGD's momentum is 0.9). */
export function optimizer(params: Tensor[], s: Settings): optim.Optimizer {
  if (s.optimizer === 'adam') return new optim.Adam(params, { lr: s.lr, weightDecay: s.l2 });
  return new optim.SGD(params, { lr: s.lr, momentum: s.optimizer === 'momentum' ? 0.9 : 0, weightDecay: s.l2 });
}

/** The kind of optimizer state the settings' optimizer keeps: 'sgd' and 'momentum' are SGD, 'adam' is Adam. */
export function stateKind(s: Settings): optim.OptimizerState['kind'] {
  return s.optimizer === 'adam' ? 'Adam' : 'SGD';
}

/**
 * An optimizer for a network with these settings, holding `state`, and the shuffler put at `state.rng`.
 * Throws an Error saying what is wrong when the state does not fit those settings.
 */
export function restore(params: Tensor[], s: Settings, state: TrainingState): { opt: optim.Optimizer; rng: Rng | null } {
  const opt = optimizer(params, s);
  if (state.optimizer) {
    const kind = (state.optimizer as { kind?: unknown }).kind;
    if (kind !== stateKind(s)) throw new Error(`The optimizer state is for ${String(kind)}, but the settings' optimizer (${s.optimizer}) keeps ${stateKind(s)} state.`);
    try {
      opt.loadStateDict(state.optimizer);
    } catch (e) {
      throw new Error(`The optimizer state does not fit the network: ${(e as Error).message.replace(/^\w+\.loadStateDict: /, '')}.`);
    }
  }
  let rng: Rng | null = null;
  if (state.rng) {
    rng = new Rng(0);
    try {
      rng.setState(state.rng);
    } catch (e) {
      throw new Error(`The minibatch order’s state is wrong: ${(e as Error).message.replace(/^Rng\.setState: /, '')}.`);
    }
  }
  return { opt, rng };
}

/** Checks `state` against a network with these settings (no network needed); throws as `restore` does. */
export function checkTrainingState(s: Settings, state: TrainingState): void {
  // Only the parameters' sizes matter: a generator of its own leaves the engine's default stream alone.
  restore(new nn.MLP(layerSizes(s), { rng: new Rng(0) }).parameters(), s, state);
}
