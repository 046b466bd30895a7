// The trainer service: the host trains any registered task and applies every stop condition; Pause
// goes back to the frame on screen even with frames in flight; a figure knows when training can go on
// and says why it stopped; reduced motion redraws less and trains the same. All in Node, without a
// browser, on the example task (a convolution, not an MLP).
import { describe, expect, it } from 'vitest';
import { kernelTask, type KernelSettings } from './example/kernelTask.ts';
import { TaskHost, transferables } from './host.ts';
import { LiveRun } from './liveRun.svelte.ts';
import type { Command, Report } from './protocol.ts';
import { ManualWorker } from './testing.ts';
import { epochs, TrainingFigure } from './trainingFigure.svelte.ts';

const settings: KernelSettings = { lr: 0.05, batch: 4, images: 16, seed: 3 };
const create = (s: Partial<KernelSettings> = {}): Command => ({ type: 'create', gen: 1, task: kernelTask.name, settings: { ...settings, ...s } });

describe('TaskHost', () => {
  it('answers an unknown task, or a command before any run, with a message and no data', () => {
    const host = new TaskHost([kernelTask]);
    expect(host.handle({ type: 'frame', gen: 0, epochs: 1 }).report.error).toMatch(/not been set up/);
    expect(host.handle({ ...create(), task: 'nope' } as Command).report.error).toMatch(/no task named “nope”/);
  });

  it('reports every measurement once, with the epoch it was taken at', () => {
    const host = new TaskHost([kernelTask]);
    const a = host.handle(create()).report;
    expect(a.fresh).toBe(true);
    expect(a.points.filter((_, i) => i % 3 === 0)).toEqual([0]);
    const b = host.handle({ type: 'frame', gen: 1, epochs: 3, everyEpoch: true }).report;
    expect(b.points.filter((_, i) => i % 3 === 0)).toEqual([1, 2, 3]);
    const c = host.handle({ type: 'frame', gen: 1, epochs: 3 }).report;
    expect(c.points.filter((_, i) => i % 3 === 0)).toEqual([6]);
    expect(c.trained).toBe(3);
  });

  it('stops at the epoch limit and trains no further until resumed', () => {
    const host = new TaskHost([kernelTask]);
    host.handle(create());
    const r = host.handle({ type: 'frame', gen: 1, epochs: 10, stop: { maxEpochs: 4 } }).report;
    expect([r.epoch, r.stopped, r.streaming]).toEqual([4, 'max', false]);
    expect(host.handle({ type: 'frame', gen: 1, epochs: 10, stop: { maxEpochs: 8 } }).report.epoch).toBe(4);
    host.handle({ type: 'resume', gen: 2 });
    expect(host.handle({ type: 'frame', gen: 2, epochs: 10, stop: { maxEpochs: 8 } }).report.epoch).toBe(8);
  });

  it('reports divergence with the epoch and the loss, and keeps finite numbers behind', () => {
    const host = new TaskHost([kernelTask]);
    host.handle(create({ lr: 50 }));
    const r = host.handle({ type: 'frame', gen: 1, epochs: 20, everyEpoch: true }).report;
    expect(r.stopped).toBe('diverged');
    expect(r.diverged!.epoch).toBe(r.epoch);
    expect(r.diverged!.epoch).toBeLessThan(20);
    expect(r.diverged!.loss > 1e6 || !Number.isFinite(r.diverged!.loss)).toBe(true);
    // The loss plot shows the blow-up: the diverging measurement is among the points.
    expect(r.points.at(-2)).toBe(r.diverged!.loss);
  });

  it('a rewind to a frame after divergence keeps the divergence (Pause after a blow-up)', () => {
    const host = new TaskHost([kernelTask]);
    host.handle(create({ lr: 50 }));
    const frame: Command = { type: 'frame', gen: 1, epochs: 20, budgetMs: 1000, everyEpoch: true };
    const shown = host.handle(frame).report;
    expect(shown.stopped).toBe('diverged');
    host.handle(frame); // in flight when the page took the divergence: answered without training
    const back = host.handle({ type: 'rewind', gen: 2, seq: shown.seq }).report;
    expect(back.diverged).toEqual(shown.diverged);
  });

  it('early stopping puts back the parameters of the best epoch', () => {
    const host = new TaskHost([kernelTask]);
    host.handle(create({ lr: 0.4 })); // too large to settle: the loss wanders up again
    let r: Report | undefined;
    for (let i = 0; i < 30 && !r?.stopped; i++) r = host.handle({ type: 'frame', gen: 1, epochs: 5, stop: { patience: 3 } }).report;
    expect(r!.stopped).toBe('early');
    expect(r!.epoch - r!.best.epoch).toBe(3);
    expect(r!.points.at(-2)).toBe(r!.best.loss); // the last point: the restored epoch's loss
  });

  it('a task command runs, and an unknown one or a bad value answers with a message', () => {
    const host = new TaskHost([kernelTask]);
    host.handle(create());
    expect(host.handle({ type: 'call', gen: 1, name: 'lr', payload: 0.01 }).report.error).toBeUndefined();
    expect(host.handle({ type: 'call', gen: 1, name: 'lr', payload: -1 }).report.error).toMatch(/positive/);
    expect(host.handle({ type: 'call', gen: 1, name: 'fly' }).report.error).toMatch(/no command “fly”/);
  });

  it('rewinds to the state after an earlier animation frame, exactly', () => {
    const host = new TaskHost([kernelTask]);
    host.handle(create());
    const frame: Command = { type: 'frame', gen: 1, epochs: 2, budgetMs: 1000 };
    const shown = host.handle(frame).report;
    host.handle(frame);
    host.handle(frame);
    const back = host.handle({ type: 'rewind', gen: 2, seq: shown.seq }).report;
    expect([back.epoch, back.seq]).toEqual([shown.epoch, shown.seq]);
    expect(back.data).toEqual(shown.data);
    // Training from there gives what it would have given without the frames in between.
    const again = host.handle({ ...frame, gen: 2 }).report;
    const straight = new TaskHost([kernelTask]);
    straight.handle(create());
    straight.handle(frame);
    expect(again.data).toEqual(straight.handle(frame).report.data);
  });

  it('lists each typed array buffer of a report once for transfer', () => {
    const a = new Float32Array(3);
    expect(transferables({ a, list: [a, new Int32Array(2)], n: 1 })).toHaveLength(2);
  });
});

/** A live run in a worker that answers only when told. */
function inWorker() {
  let worker!: ManualWorker;
  const live = new LiveRun(kernelTask, settings, { worker: () => (worker = new ManualWorker([kernelTask])) });
  return { live, worker: () => worker };
}

describe('LiveRun', () => {
  it('starts on the page and moves to the worker with the same state on the first frame', () => {
    const { live, worker } = inWorker();
    expect(live.mode).toBe('page');
    expect(live.epoch).toBe(0);
    live.frame({ epochs: 1, budgetMs: 1000 });
    expect(live.mode).toBe('worker');
    expect(worker().inbox.map((c) => c.type)).toEqual(['create', 'frame']);
  });

  it('Pause stops at once: frames computed ahead never reach the screen, and training goes on from the shown epoch', () => {
    const { live, worker } = inWorker();
    const request = { epochs: 1, budgetMs: 1000 };
    for (let i = 0; i < 6; i++) {
      live.frame(request);
      worker().answer(1);
    }
    worker().answer(); // everything in flight has arrived, and waits for its animation frame
    const before = live.epoch;
    live.pause();
    const atClick = live.epoch; // the numbers catch up with the picture on screen, at the click
    expect(atClick).toBeGreaterThan(0);
    expect(atClick).toBeGreaterThanOrEqual(before);
    worker().answer();
    expect(live.epoch).toBe(atClick);
    live.step(1);
    worker().answer();
    expect(live.epoch).toBe(atClick + 1);
    expect(live.history.toArrays().epochs.at(-1)).toBe(atClick + 1);
  });

  it('a task command called before training starts reaches the worker, and the page again after a crash', () => {
    const { live, worker } = inWorker();
    live.call('lr', 0.5);
    live.frame({ epochs: 1, budgetMs: 1000 });
    const inbox = worker().inbox;
    expect(inbox.map((c) => c.type)).toEqual(['create', 'call', 'frame']);
    expect(inbox[1]).toMatchObject({ name: 'lr', payload: 0.5, gen: inbox[0].gen });
    worker().crash();
    // On the page now: the same create and the same rate, so two runs of one epoch agree.
    live.step(1);
    const onPage = live.trainLoss;
    const fresh = new LiveRun(kernelTask, settings);
    fresh.call('lr', 0.5);
    fresh.step(1);
    expect(onPage).toBe(fresh.trainLoss);
    const slow = new LiveRun(kernelTask, settings);
    slow.step(1);
    expect(slow.trainLoss).not.toBe(onPage);
  });

  it('divergence in the worker, with frames in flight, survives the pause that follows it', () => {
    let worker!: ManualWorker;
    const live = new LiveRun(kernelTask, { ...settings, lr: 50 }, { worker: () => (worker = new ManualWorker([kernelTask])) });
    let stopped = '';
    live.onstop = (reason) => {
      stopped = reason;
      live.pause(); // what a figure does when training stops by itself
    };
    const request = { epochs: 1, budgetMs: 1000 };
    for (let i = 0; i < 40 && !stopped; i++) {
      live.frame(request);
      live.frame(request); // one more asked ahead, as a fast figure does
      worker.answer(1);
    }
    expect(stopped).toBe('diverged');
    worker.answer(); // the frame asked ahead, then the rewind to the frame on screen
    expect(live.diverged).not.toBeNull();
    expect(live.diverged!.epoch).toBe(live.epoch);
  });

  it('a new run forgets the commands of the one before', () => {
    const { live, worker } = inWorker();
    live.call('lr', 0.5);
    live.create(settings);
    live.frame({ epochs: 1, budgetMs: 1000 });
    expect(worker().inbox.map((c) => c.type)).toEqual(['create', 'frame']);
  });

  it('falls back to the page when the worker crashes, from the same settings', () => {
    const { live, worker } = inWorker();
    live.frame({ epochs: 1, budgetMs: 1000 });
    worker().crash();
    expect(live.mode).toBe('page');
    expect(live.epoch).toBe(0);
    live.step(2);
    expect(live.epoch).toBe(2);
  });

  it('with reduced motion draws at most every redrawMs but takes in every loss point', () => {
    const { live, worker } = inWorker();
    live.redrawMs = 60_000;
    for (let i = 0; i < 8; i++) {
      live.frame({ epochs: 1, budgetMs: 1000 });
      worker().answer();
    }
    expect(live.history.count).toBeGreaterThan(4); // points keep coming
    const drawn = live.epoch;
    live.pause(); // the latest taken-in frame is drawn at once
    worker().answer();
    expect(live.epoch).toBeGreaterThan(drawn);
  });
});

describe('TrainingFigure', () => {
  it('toggles, steps, and stops at the epoch limit; training again starts over', () => {
    const fig = new TrainingFigure(kernelTask, settings, { stop: { maxEpochs: 3 } });
    fig.stepOnce();
    fig.stepOnce();
    fig.stepOnce();
    expect([fig.live.epoch, fig.stopped, fig.mustRestart, fig.trainLabel]).toEqual([3, 'max', true, 'Train again']);
    expect(fig.message).toBe('Training stopped at the epoch limit, 3.');
    fig.setStop({ maxEpochs: 10 });
    expect(fig.mustRestart).toBe(false);
    expect(fig.trainLabel).toBe('Train');
    fig.toggle();
    expect(fig.running).toBe(true);
    expect(fig.live.epoch).toBe(3); // goes on: the limit was raised
    fig.toggle();
    expect(fig.running).toBe(false);
  });

  it('stops at a target loss and says so', () => {
    const fig = new TrainingFigure(kernelTask, settings, { stop: { targetLoss: 0.5 } });
    for (let i = 0; i < 40 && !fig.stopped; i++) fig.stepOnce();
    expect(fig.stopped).toBe('target');
    expect(fig.message).toMatch(/^Training stopped at epoch \d+: the training loss, 0\.\d+, reached the target 0\.5\.$/);
  });

  it('after divergence names what helps, counts epochs in good English, and disables Train', () => {
    const fig = new TrainingFigure(kernelTask, { ...settings, lr: 500 }, { divergenceAdvice: 'Lower the learning rate.' });
    fig.stepOnce();
    expect(fig.live.diverged?.epoch).toBe(1);
    expect(fig.message).toMatch(/^Training diverged after 1 epoch: the training loss (reached|became) .+\. Lower the learning rate\.$/);
    expect(fig.canTrain).toBe(false);
    fig.toggle();
    expect(fig.running).toBe(false);
    fig.restart({ ...settings, lr: 0.05 });
    expect(fig.canTrain).toBe(true);
    expect(fig.message).toBe('');
    expect(epochs(2)).toBe('2 epochs');
  });
});
