// The learning-rate range test (Smith, 2017): one short run in which the learning rate grows geometrically
// from η_min to η_max, one minibatch step per "epoch", recording the training loss after each step. The
// sweep stops changing the weights once the loss has blown up (four times its starting value, or not
// finite), so the curve ends where a learning rate becomes too large rather than in NaN.
import { crossEntropy, data as toyData, nn, noGrad, optim, Rng, type RngState, type Tensor } from '../../engine/index.ts';
import { defineTask, type Run } from '../trainer/task.ts';
import { cases, settingsFor } from './cases.ts';
import { labData } from './labTask.ts';

export interface RangeSettings {
  optimizer: 'sgd' | 'adam';
  lrMin: number;
  lrMax: number;
  steps: number;
  seed: number;
}

export interface RangeReport {
  /** The learning rate of each step taken so far, and the training loss after it. */
  lrs: number[];
  losses: number[];
  /** The step at which the loss blew up, or null. */
  blownAt: number | null;
}

/** The learning rate at step t of a sweep of `steps` steps from lrMin to lrMax. */
export const lrAt = (s: RangeSettings, t: number) => s.lrMin * (s.lrMax / s.lrMin) ** (t / Math.max(1, s.steps - 1));

export const rangeTask = defineTask<RangeSettings, RangeReport>({
  name: 'lr-range',
  create(s): Run<RangeReport> {
    if (!(s.lrMin > 0 && s.lrMax > s.lrMin)) throw new Error('The sweep needs 0 < η_min < η_max.');
    // The network and data of the first lab case (SGD with momentum, leaky ReLU, the spiral).
    const settings = { ...settingsFor(cases['lr-high'], cases['lr-high'].broken), optimizer: s.optimizer, seed: s.seed };
    const rng = new Rng(s.seed);
    const { train } = labData(settings);
    const net = new nn.MLP([2, ...settings.hidden, settings.classes], { activation: 'leakyRelu', init: 'he', rng: rng.fork() });
    const params = net.parameters();
    const opt: optim.Optimizer = s.optimizer === 'adam' ? new optim.Adam(params, { lr: s.lrMin }) : new optim.SGD(params, { lr: s.lrMin, momentum: 0.9 });
    const x = toyData.inputs(train), y = toyData.labels(train);
    const full = () => noGrad(() => crossEntropy(net.forward(x) as Tensor, y).item());
    const start = full();
    let lrs: number[] = [], losses: number[] = [];
    let blownAt: number | null = null;
    let order = rng.permutation(train.n), at = 0;
    return {
      epoch: 0,
      trainEpoch() {
        const t = this.epoch++;
        if (blownAt !== null || t >= s.steps) return;
        if (at + settings.batch > train.n) (order = rng.permutation(train.n)), (at = 0);
        const idx = order.subarray(at, at + settings.batch);
        at += settings.batch;
        const keep = params.map((p) => p.data.slice());
        opt.lr = lrAt(s, t);
        opt.zeroGrad();
        crossEntropy(net.forward(toyData.inputs(train, idx)) as Tensor, Int32Array.from(idx, (j) => y[j])).backward();
        opt.step();
        const l = full();
        if (!Number.isFinite(l) || l > 4 * start) {
          blownAt = t;
          params.forEach((p, i) => p.data.set(keep[i]));
          return;
        }
        lrs.push(opt.lr);
        losses.push(l);
      },
      measure: () => ({ loss: losses.length ? losses[losses.length - 1] : start }),
      parameters: () => params,
      report: () => ({ lrs: lrs.slice(), losses: losses.slice(), blownAt }),
      saveState: () => ({ optimizer: opt.stateDict(), rng: rng.getState(), lrs: lrs.slice(), losses: losses.slice(), blownAt, order: Array.from(order), at }),
      loadState(state) {
        const st = state as { optimizer: optim.OptimizerState; rng: RngState; lrs: number[]; losses: number[]; blownAt: number | null; order: number[]; at: number };
        opt.loadStateDict(st.optimizer);
        rng.setState(st.rng);
        lrs = st.lrs.slice();
        losses = st.losses.slice();
        blownAt = st.blownAt;
        order = Int32Array.from(st.order);
        at = st.at;
      },
    };
  },
});

/**
 * What the curve suggests: the learning rate at the lowest loss, and a tenth of it (a common rule of thumb,
 * not a law: a rate somewhat below the point where the loss is lowest, where it still falls steeply).
 */
export function suggestion(r: RangeReport): { best: number; suggested: number } | null {
  if (r.losses.length < 5) return null;
  let k = 0;
  for (let i = 1; i < r.losses.length; i++) if (r.losses[i] < r.losses[k]) k = i;
  return { best: r.lrs[k], suggested: r.lrs[k] / 10 };
}
