// Every lab case really has its fault, and its worked fix reaches the goal within the budget, trained
// the way the figure trains it (the lab task, epoch by epoch, in Node).
import { describe, expect, it } from 'vitest';
import { caseIds, cases, doubleSoftmaxFloor, settingsFor, type CaseId, type Fix, type Outcome } from './cases.ts';
import { labTask, type LabReport } from './labTask.ts';

/** Trains case `id` with the controls at `fix` for its budget; the outcome at the end and the reports on the way. */
function train(id: CaseId, fix: Fix, epochs = cases[id].budget) {
  const run = labTask.create(settingsFor(cases[id], fix));
  const fixed = run.fixed!();
  const reports: { epoch: number; loss: number; report: LabReport }[] = [];
  let m = run.measure();
  let diverged = false;
  for (let e = 1; e <= epochs && !diverged; e++) {
    run.trainEpoch();
    m = run.measure();
    diverged = !Number.isFinite(m.loss) || m.loss > 1e6;
    if (e % 10 === 0 || diverged || e === epochs) reports.push({ epoch: e, loss: m.loss, report: run.report() });
  }
  const r = run.report();
  const outcome: Outcome = { epoch: run.epoch, diverged, trainLoss: m.loss, testLoss: m.testLoss ?? NaN, trainAccuracy: r.trainAccuracy, testAccuracy: r.testAccuracy, overlap: fixed.overlap, gradCheckOk: fixed.gradCheck?.ok ?? null, fix };
  return { outcome, fixed, reports, last: r };
}

const broken = (id: CaseId) => train(id, cases[id].broken);
const fixed = (id: CaseId) => train(id, { ...cases[id].broken, ...cases[id].solution });

describe.each(caseIds.map((id) => [id]))('case %s', (id) => {
  const c = cases[id];
  it('has one right diagnosis among four, its fix among its controls, and a broken run that misses the goal', () => {
    expect(c.choices).toHaveLength(4);
    expect(c.choices.filter((ch) => ch.correct)).toHaveLength(1);
    for (const k of Object.keys(c.solution)) expect(c.controls).toContain(k);
    expect(c.met(broken(id).outcome)).toBe(false);
  });

  it('reaches its goal within the budget once fixed', () => {
    const { outcome } = fixed(id);
    expect(outcome, JSON.stringify(outcome)).toSatisfy(c.met);
  });
});

describe('the healthy run', () => {
  it('meets its goal as it is, with gradients of similar size in every layer', () => {
    const { outcome, last } = broken('healthy');
    expect(cases.healthy.met(outcome)).toBe(true);
    const g = last.layers.map((l) => l.gradNorm);
    expect(Math.max(...g) / Math.min(...g)).toBeLessThan(100);
  });
});

describe('each broken run shows its fault', () => {
  it('a learning rate of 10 gives a NaN loss after the first epoch (as the case says)', () => {
    const { outcome } = broken('lr-high');
    expect(outcome.diverged).toBe(true);
    expect(outcome.epoch).toBe(1);
    expect(outcome.trainLoss).toBeNaN();
  });

  it('a learning rate of 3e-4 moves each weight by less than 1e-4 of its size per step, and the loss stays near ln 3', () => {
    const { outcome, last } = broken('lr-low');
    expect(Math.max(...last.layers.map((l) => l.updateRatio))).toBeLessThan(1e-4);
    expect(Math.min(...last.layers.map((l) => l.gradNorm))).toBeGreaterThan(1e-3);
    expect(outcome.trainLoss).toBeGreaterThan(1);
  });

  it('a bias of −2 kills the ReLUs: every hidden unit dead, gradients exactly 0', () => {
    const { last } = train('dead-relu', cases['dead-relu'].broken, 5);
    expect(last.layers[1].dead).toBe(1);
    expect(last.layers[0].gradNorm).toBe(0);
  });

  it('unscaled inputs: one feature 100 times the other, and a loss at initialisation far above ln 3', () => {
    const { fixed: f } = train('unscaled-inputs', cases['unscaled-inputs'].broken, 1);
    expect(f.features[1].std / f.features[0].std).toBeGreaterThan(50);
    expect(f.initialLoss).toBeGreaterThan(5 * f.expectedInitialLoss);
  });

  it('without zeroing, the gradient norm grows with the steps; with zeroing it does not', () => {
    const grows = train('no-zero-grad', cases['no-zero-grad'].broken, 5).last.gradHistory;
    const steady = train('no-zero-grad', { ...cases['no-zero-grad'].broken, zeroGrad: true }, 5).last.gradHistory;
    expect(grows[4]).toBeGreaterThan(10 * grows[0]);
    expect(steady[4]).toBeLessThan(3 * steady[0]);
  });

  it('the wrong softplus backward fails the gradient check; the right one passes', () => {
    expect(broken('wrong-backward').fixed.gradCheck).toMatchObject({ ok: false });
    expect(broken('wrong-backward').fixed.gradCheck!.maxError).toBeGreaterThan(0.1);
    expect(fixed('wrong-backward').fixed.gradCheck).toMatchObject({ ok: true });
  });

  it('shuffled labels are memorised: training accuracy far above chance, test accuracy at chance', () => {
    const { outcome } = broken('shuffled-labels');
    expect(outcome.trainAccuracy).toBeGreaterThan(0.8);
    expect(outcome.testAccuracy).toBeLessThan(0.5);
  });

  it('the leak inflates the test accuracy: it collapses once the leak is removed', () => {
    const leaky = broken('test-leak').outcome;
    const honest = fixed('test-leak').outcome;
    expect(leaky.overlap).toBe(120);
    expect(leaky.testAccuracy).toBeGreaterThan(0.85);
    expect(honest.testAccuracy).toBeLessThan(leaky.testAccuracy - 0.15);
  });

  it('the deep sigmoid stack: the first layer gets a gradient at least 1,000 times smaller than the last', () => {
    const { last } = train('deep-sigmoid', cases['deep-sigmoid'].broken, 20);
    const g = last.layers.map((l) => l.gradNorm);
    expect(g[0] * 1000).toBeLessThan(g[g.length - 1]);
  });

  it('twelve points are fitted exactly while the test loss is far above the training loss', () => {
    const { outcome } = broken('tiny-data');
    expect(outcome.trainAccuracy).toBe(1);
    expect(outcome.testLoss).toBeGreaterThan(20 * outcome.trainLoss);
  });

  it('softmax twice: the loss at initialisation is near ln 3, it stays above the floor −ln(e/(e + 2)), while the outputs grow confident', () => {
    const { outcome, fixed: f, last } = broken('double-softmax');
    expect(Math.abs(f.initialLoss - Math.log(3))).toBeLessThan(0.05);
    expect(outcome.trainLoss).toBeGreaterThan(doubleSoftmaxFloor(3).loss);
    expect(Math.max(...last.predictions.map((p) => Math.max(...p.probs)))).toBeGreaterThan(0.9);
  });
});
