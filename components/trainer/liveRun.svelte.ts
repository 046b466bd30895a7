// A figure's reactive view of one training run: the numbers and the task's report to draw, and the
// commands that go to the trainer service (a Web Worker once training starts, the page before that).
// It keeps the loss history, shows one finished frame per animation frame, computes a few ahead, and
// on Pause goes back to the frame on screen, so nothing moves after the click.
import { TrainerConnection, type WorkerLike } from './connection.ts';
import type { AnyTask } from './host.ts';
import { LossHistory } from './lossHistory.ts';
import type { Command, Divergence, FrameRequest, Report, StopReason, StopRules } from './protocol.ts';
import type { Task } from './task.ts';
import { Throttle } from './throttle.ts';

export interface LiveRunOptions {
  /** Starts the Web Worker that hosts the task (see TrainerConnection); without it, training stays on the page. */
  worker?: () => WorkerLike;
  /** Every task the worker hosts (default: just this one), so the page's host can stand in for it. */
  tasks?: readonly AnyTask[];
}

/** Frames computed ahead of the one on screen, at most. */
const AHEAD = 3;

/**
 * Shortest time between two updates of the numbers, the curves and `shown` while frames stream in:
 * changing text makes the browser lay out and repaint the figure, and a counter that moves fifteen
 * times a second reads the same as one that moves sixty times.
 */
const TEXT_MS = 66;

export class LiveRun<S, R, F = unknown> {
  settings: S = $state.raw() as S;
  /** The task's latest report, every frame (the picture: a boundary, an image). Null before the first. */
  data: R | null = $state.raw(null);
  /** The task's report at most every TEXT_MS while streaming (numbers, small drawings), with the fields below. */
  shown: R | null = $state.raw(null);
  /** What stays the same for the run (`Run.fixed`: the data set, say), from the last create. */
  fixed: F | null = $state.raw(null);
  epoch = $state(0);
  /** The latest measured losses (NaN before the first measurement; test NaN for a task without a test set). */
  trainLoss = $state(NaN);
  testLoss = $state(NaN);
  best = $state.raw({ epoch: 0, loss: Infinity });
  diverged: Divergence | null = $state.raw(null);
  /** A command that failed, in words. */
  error: string | null = $state(null);
  /** Where training runs now. */
  mode: 'page' | 'worker' = $state('page');
  /** Epochs trained in the last frame, and that frame's training time in milliseconds. */
  lastFrame = $state({ epochs: 0, ms: 0 });
  /** Loss measurements (mutable typed arrays), and `curves`, a copy for the loss plot. */
  readonly history = new LossHistory(512);
  curves: { epochs: number[]; train: number[]; test: number[] } = $state.raw({ epochs: [], train: [], test: [] });
  /**
   * At least this many milliseconds between two redraws while streaming (0: every animation frame).
   * Reduced motion sets it to 500: the same training, fewer pictures.
   */
  redrawMs = 0;
  /** Called when a command ended training by itself (divergence, the epoch limit, the target, early stopping). */
  onstop: ((reason: StopReason) => void) | null = null;

  private readonly task: Task<S, R, F>;
  private gen = 0;
  /** Frame reports that arrived before the animation frame that shows them. */
  private queue: Report<R>[] = [];
  private animating = false;
  /** Streaming frames were asked for since the last pause (so there may be work to go back from). */
  private ahead = false;
  /** The sequence number of the last report taken in: the state on screen. */
  private seq = 0;
  /** A report taken in but not drawn yet (reduced motion draws at most every `redrawMs`). */
  private undrawn: Report<R> | null = null;
  /** The last report taken in. */
  private taken: Report<R> | null = null;
  private drawnAt = -Infinity;
  private setup: Extract<Command, { type: 'create' }>;
  /** The task commands called since `setup` (a new learning rate, say), in order. */
  private calls: { name: string; payload: unknown }[] = [];
  private readonly connection: TrainerConnection;
  private readonly text = new Throttle<Report<R>>(TEXT_MS, (r) => this.showText(r));

  constructor(task: Task<S, R, F>, settings: S, options: LiveRunOptions = {}) {
    this.task = task;
    this.connection = new TrainerConnection({
      tasks: options.tasks ?? [task as AnyTask],
      worker: options.worker,
      setup: () => this.replay(),
      onreport: (r) => this.receive(r as Report<R>),
      onfail: () => this.fallBack(),
    });
    this.settings = settings;
    this.setup = { type: 'create', gen: 0, task: task.name, settings };
    this.send(this.setup);
  }

  /** Builds a new run from `settings` (and the task's `load`): epoch 0 or the load's, a fresh history. */
  create(settings: S, load?: unknown): void {
    this.settings = settings;
    this.queue = [];
    this.undrawn = null;
    this.taken = null;
    this.animating = false;
    this.ahead = false;
    this.setup = { type: 'create', gen: ++this.gen, task: this.task.name, settings, ...(load !== undefined && { load }) };
    this.calls = [];
    this.send(this.setup);
  }

  /** A command of the task (e.g. `call('lr', 0.01)`), after the frames already asked for. */
  call(name: string, payload?: unknown): void {
    this.calls.push({ name, payload });
    this.send({ type: 'call', gen: this.gen, name, payload });
  }

  /** What rebuilds the current run elsewhere (a worker starting, or the page after a crash): its create, then its task commands. */
  private replay(): Command[] {
    const gen = this.gen;
    return [{ ...this.setup, gen }, ...this.calls.map(({ name, payload }): Command => ({ type: 'call', gen, name, payload }))];
  }

  /**
   * Call once per animation frame while training: takes in the next finished frame, if any, and asks for
   * another. Up to AHEAD frames are computed ahead, so an uneven worker still gives every animation frame
   * a new picture; a model too slow for the frame rate lowers the picture's frame rate instead of
   * queueing work. Returns whether it asked.
   */
  frame(request: FrameRequest): boolean {
    this.startWorker();
    this.animating = this.connection.inWorker;
    const next = this.queue.shift();
    if (next) this.take(next);
    if (this.undrawn && performance.now() - this.drawnAt >= this.redrawMs) this.draw(this.undrawn);
    if (this.connection.pending + this.queue.length >= AHEAD) return false;
    this.ahead = true;
    this.send({ type: 'frame', gen: this.gen, ...request });
    return true;
  }

  /** Calls `frame(request)` on every animation frame until the returned function is called, which pauses. */
  animate(request: FrameRequest): () => void {
    const tick = () => {
      this.frame(request);
      id = requestAnimationFrame(tick);
    };
    let id = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(id);
      this.pause();
    };
  }

  /**
   * Stops where the screen is: frames computed ahead are dropped and the service goes back to the state
   * on screen, so the epoch shown at the click is the one training stopped at.
   */
  pause(): void {
    this.animating = false;
    this.queue = [];
    if (this.undrawn) this.draw(this.undrawn);
    if (this.taken) this.text.push(this.taken, true); // the numbers catch up with the picture now
    if (!this.ahead) return;
    this.ahead = false;
    this.send({ type: 'rewind', gen: ++this.gen, seq: this.seq });
  }

  /** Trains `epochs` whole epochs however long they take (Step), within `stop`. */
  step(epochs = 1, stop: StopRules = {}, everyEpoch = false): void {
    this.startWorker();
    this.send({ type: 'frame', gen: this.gen, epochs, stop, everyEpoch });
  }

  /** Lets training go on after a stop (frames asked for before this change nothing). */
  resume(): void {
    this.queue = [];
    this.send({ type: 'resume', gen: ++this.gen });
  }

  /** Stops the worker (when the figure leaves the page). */
  dispose(): void {
    this.connection.dispose();
    this.text.cancel();
  }

  private startWorker(): void {
    if (this.connection.startWorker()) this.mode = 'worker';
  }

  /** A report from the worker: queued for the next animation frame while animating, else taken in now. */
  private receive(r: Report<R>): void {
    if (r.gen !== this.gen) return;
    if (this.animating && r.streaming) {
      this.queue.push(r);
      return;
    }
    const queued = this.queue;
    this.queue = [];
    for (const q of queued) this.take(q);
    this.take(r);
  }

  /** The worker failed to start or crashed: train on the page from the current setup. */
  private fallBack(): void {
    this.queue = [];
    this.animating = false;
    this.ahead = false;
    this.mode = 'page';
    this.gen++;
    for (const cmd of this.replay()) this.send(cmd);
  }

  private send(cmd: Command): void {
    const report = this.connection.send(cmd);
    if (report) this.take(report as Report<R>);
  }

  /** Takes in a report: its loss points always, its picture now or (reduced motion) within `redrawMs`. */
  private take(r: Report<R>): void {
    if (r.gen !== this.gen) return; // from before a create or a pause
    this.error = r.error ?? null;
    if (r.data === null) return; // a failed command before any run existed
    if (r.fresh) {
      this.history.clear();
      if (r.fixed !== undefined) this.fixed = r.fixed as F;
    }
    for (let i = 0; i < r.points.length; i += 3) this.history.push(r.points[i], r.points[i + 1], r.points[i + 2]);
    this.seq = r.seq;
    this.taken = r;
    if (r.trained) this.lastFrame = { epochs: r.trained, ms: r.ms };
    if (!r.streaming || performance.now() - this.drawnAt >= this.redrawMs) this.draw(r);
    else this.undrawn = r;
    if (r.stopped) this.onstop?.(r.stopped);
  }

  private draw(r: Report<R>): void {
    this.undrawn = null;
    this.drawnAt = performance.now();
    this.data = r.data;
    this.text.push(r, !r.streaming || this.redrawMs > 0);
  }

  private showText(r: Report<R>): void {
    const n = this.history.length;
    if (r.fresh || this.curves.epochs.length !== n || this.curves.epochs[n - 1] !== this.history.epochs[n - 1]) this.curves = this.history.toArrays();
    const { train, test } = this.history.latest;
    this.trainLoss = train;
    this.testLoss = test;
    this.epoch = r.epoch;
    this.best = r.best;
    this.diverged = r.diverged;
    this.shown = r.data;
  }
}
