// The figures' view of a trainer: reactive numbers to draw, and commands that go to a Web Worker where
// the training runs (trainer.worker.ts), so the page's main thread stays free to draw and to answer
// the reader. Before the first training command, during server rendering, and where workers are
// missing, the same host runs on the page instead: the numbers are identical either way (seeded).
import type { Command, FrameOptions, Report, StopReason } from './host.ts';
import { LossHistory } from '../trainer/lossHistory.ts';
import type { Parameters } from './parameters.ts';
import type { Points } from './problems.ts';
import { copySettings, withDefaults, type Settings } from './settings.ts';
import { snapshot } from './snapshot.ts';
import { Throttle } from '../trainer/throttle.ts';
import { TrainerConnection } from './trainerConnection.ts';
import type { TrainingState } from './trainingState.ts';

export interface LiveTrainerOptions {
  /** Train in a Web Worker once training starts (default: wherever workers exist). */
  worker?: boolean;
}

/** Frames computed ahead of the one on screen, at most. */
const AHEAD = 3;

/** Shortest time between two updates of the numbers and the loss curves while frames stream in. */
const TEXT_MS = 66;

export class LiveTrainer {
  settings: Settings = $state.raw(withDefaults());
  epoch = $state(0);
  /** Accuracies (NaN for regression). */
  trainAccuracy = $state(0);
  testAccuracy = $state(0);
  /** The test set's counts: actual 0 predicted 0, 0 predicted 1, 1 predicted 0, 1 predicted 1. */
  confusion: [number, number, number, number] = $state.raw([0, 0, 0, 0]);
  diverged = $state(false);
  bestEpoch = $state(0);
  bestTestLoss = $state(Infinity);
  /** At each grid point, row-major, row 0 at the top: P(class 1), or for regression the predicted value. */
  boundary: Float32Array = $state.raw(new Float32Array(0));
  sizes: number[] = $state.raw([]);
  weights: Float32Array[] = $state.raw([]);
  gradients: Float32Array[] = $state.raw([]);
  /** The data shown are a regression problem's (the boundary holds predicted values, not probabilities). */
  regression = $state(false);
  train: Points = $state.raw({ x: new Float32Array(0), y: new Int32Array(0), n: 0, dim: 2 });
  test: Points = $state.raw({ x: new Float32Array(0), y: new Int32Array(0), n: 0, dim: 2 });
  /** Epochs trained in the last frame, and that frame's training time in milliseconds. */
  lastFrame = $state({ epochs: 0, ms: 0 });
  /** A command that failed (a bug, not a reader's mistake): shown by the figure. */
  error: string | null = $state(null);
  /** Where training runs now. */
  mode: 'page' | 'worker' = $state('page');

  /** The latest measured losses (NaN before the first measurement). */
  trainLoss = $state(NaN);
  testLoss = $state(NaN);

  /**
   * Loss measurements (mutable typed arrays), and `curves`, a copy for the loss plot.
   *
   * While frames stream in, the boundary follows every frame, but the numbers (epoch, losses,
   * accuracies, best epoch), `curves` and the network's weights and gradients follow at most every
   * TEXT_MS, and at once when the stream stops. Changing text makes the browser lay out and repaint the
   * figure, which cost more of the page's thread than anything else (the network drawing came next); a
   * counter that moves fifteen times a second reads the same as one that moves sixty times.
   */
  readonly history = new LossHistory(512);
  curves: { epochs: number[]; train: number[]; test: number[] } = $state.raw({ epochs: [], train: [], test: [] });
  private readonly text = new Throttle<Report>(TEXT_MS, (r) => this.showText(r));
  /**
   * The parameters, epoch and training state (optimizer, minibatch order) of the last report applied: the
   * network behind the boundary on screen.
   */
  private latest: { parameters: Parameters; epoch: number; training: TrainingState } | null = null;

  /** Called when a frame ends training for good: divergence, the epoch limit, or early stopping. */
  onstop: ((reason: StopReason) => void) | null = null;

  private gen = 0;
  /** Frame reports that arrived before the animation frame that shows them (one is shown per frame). */
  private queue: Report[] = [];
  private animating = false;
  /** The command that built the current state (a reset or a load): a worker starting later repeats it. */
  private setup: Extract<Command, { type: 'reset' | 'load' }>;
  private readonly connection: TrainerConnection;

  constructor(settings: Partial<Settings> = {}, options: LiveTrainerOptions = {}) {
    this.connection = new TrainerConnection({
      worker: options.worker ?? true,
      setup: () => ({ ...this.setup, gen: this.gen, settings: this.settings }),
      onreport: (r) => this.receive(r),
      onfail: () => this.fallBack(),
    });
    this.settings = withDefaults(settings);
    this.setup = { type: 'reset', gen: 0, settings: this.settings };
    this.send(this.setup);
  }

  /** Rebuilds data, network and optimizer from the settings merged with `changes`; clears the history. */
  reset(changes: Partial<Settings> = {}): void {
    this.rebuild({ type: 'reset', gen: ++this.gen, settings: copySettings({ ...this.settings, ...changes }) });
  }

  /**
   * Rebuilds from `settings` with a trained network's parameters (an imported model) at `epoch`; with
   * `training`, the optimizer and the minibatch order go on from where the export left them.
   */
  load(settings: Settings, parameters: Parameters, epoch: number, training?: TrainingState): void {
    this.rebuild({ type: 'load', gen: ++this.gen, settings: copySettings(settings), parameters, epoch, training });
  }

  /** Changes the learning rate without restarting (the optimizer keeps its state). */
  setLearningRate(lr: number): void {
    this.settings = { ...this.settings, lr };
    this.send({ type: 'lr', gen: this.gen, lr });
  }

  /**
   * Call once per animation frame while training: shows the next finished frame, if any, and asks for
   * another. Up to AHEAD frames are computed ahead, so the worker always has the next one in hand and an
   * uneven worker still gives every animation frame a new boundary; a network too slow for the frame
   * rate lowers the boundary's frame rate instead of queueing work. Returns whether it asked.
   */
  frame(options: FrameOptions): boolean {
    this.startWorker();
    this.animating = this.connection.inWorker;
    const next = this.queue.shift();
    if (next) this.apply(next);
    if (this.connection.pending + this.queue.length >= AHEAD) return false;
    this.send({ type: 'frame', gen: this.gen, ...options });
    return true;
  }

  /** Calls `frame(options)` on every animation frame until the returned function is called, which pauses. */
  animate(options: FrameOptions): () => void {
    const tick = () => {
      this.frame(options);
      id = requestAnimationFrame(tick);
    };
    let id = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(id);
      this.pause();
    };
  }

  /** Call when the animation stops: shows what was computed ahead, and later reports as they come. */
  pause(): void {
    this.animating = false;
    const queued = this.queue;
    this.queue = [];
    for (const r of queued) this.apply(r);
  }

  /** Trains `epochs` whole epochs however long they take (Step, and reduced motion). */
  step(epochs = 1, options: Omit<FrameOptions, 'epochs' | 'budgetMs'> = {}): void {
    this.startWorker();
    this.send({ type: 'frame', gen: this.gen, epochs, ...options });
  }

  restoreBest(): void {
    this.send({ type: 'restoreBest', gen: this.gen });
  }

  /** Lets training go on after a frame stopped it (frames asked for before this change nothing). */
  resume(): void {
    this.queue = [];
    this.send({ type: 'resume', gen: ++this.gen });
  }

  /**
   * The network behind the boundary on screen, for export: its parameters, epoch and training state (the
   * numbers and the network drawing may be a few milliseconds behind while frames stream in; this is not).
   */
  current(): { settings: Settings; parameters: Parameters; epoch: number; training: TrainingState } | null {
    return this.latest && { settings: this.settings, ...this.latest };
  }

  /** Stops the worker (when the figure leaves the page). */
  dispose(): void {
    this.connection.dispose();
    this.text.cancel();
  }

  /** The state a widget goal or a share link needs: settings and current results. */
  snapshot() {
    return snapshot(this);
  }

  /** Starts over from a reset or a load command (a new generation: reports from before are dropped). */
  private rebuild(setup: Extract<Command, { type: 'reset' | 'load' }>): void {
    this.settings = setup.settings;
    this.queue = [];
    this.setup = setup;
    this.send(setup);
  }

  private startWorker(): void {
    if (this.connection.startWorker()) this.mode = 'worker';
  }

  /** A report from the worker: queued for the next animation frame while animating, else shown now. */
  private receive(r: Report): void {
    if (r.gen !== this.gen) return;
    if (this.animating && r.streaming) this.queue.push(r);
    else {
      this.pause();
      this.apply(r);
    }
  }

  /** The worker failed to start or crashed: train on the page from the current settings. */
  private fallBack(): void {
    this.queue = [];
    this.animating = false;
    this.mode = 'page';
    this.gen++;
    this.send({ ...this.setup, gen: this.gen, settings: this.settings });
  }

  /** Shows the numbers and curves of report `r` (through `text`: at most every TEXT_MS while streaming). */
  private showText(r: Report): void {
    const n = this.history.length;
    if (this.curves.epochs.length !== n || this.curves.epochs[n - 1] !== this.history.epochs[n - 1] || r.fresh) this.curves = this.history.toArrays();
    const { train, test } = this.history.latest;
    this.trainLoss = train;
    this.testLoss = test;
    this.epoch = r.epoch;
    this.trainAccuracy = r.trainAccuracy;
    this.testAccuracy = r.testAccuracy;
    this.confusion = r.confusion;
    this.diverged = r.diverged;
    this.bestEpoch = r.bestEpoch;
    this.bestTestLoss = r.bestTestLoss;
    this.sizes = r.sizes;
    this.weights = r.weights;
    this.gradients = r.gradients;
  }

  private send(cmd: Command): void {
    const report = this.connection.send(cmd);
    if (report) this.apply(report);
  }

  private apply(r: Report): void {
    if (r.gen !== this.gen) return; // from before a reset
    this.error = r.error ?? null;
    if (r.boundary === undefined) return; // a failed command that could not report a state
    if (r.fresh) {
      this.history.clear();
      this.regression = r.fresh.regression;
      this.train = r.fresh.train;
      this.test = r.fresh.test;
    }
    for (let i = 0; i < r.points.length; i += 3) this.history.push(r.points[i], r.points[i + 1], r.points[i + 2]);
    this.text.push(r, !r.streaming);
    this.boundary = r.boundary;
    this.latest = { parameters: { weights: r.weights, biases: r.biases }, epoch: r.epoch, training: r.training };
    if (r.trained) this.lastFrame = { epochs: r.trained, ms: r.ms };
    if (r.stopped) this.onstop?.(r.stopped);
  }
}
