// The figures' view of a trainer: reactive numbers to draw, and commands that go to a Web Worker where
// the training runs (trainer.worker.ts), so the page's main thread stays free to draw and to answer
// the reader. Before the first training command, during server rendering, and where workers are
// missing, the same host runs on the page instead: the numbers are identical either way (seeded).
import { TrainerHost, type Command, type Report, type StopReason } from './host.ts';
import { LossHistory } from './lossHistory.ts';
import type { Parameters } from './parameters.ts';
import type { Points } from './problems.ts';
import { defaults, type Settings } from './settings.ts';
import { snapshot } from './snapshot.ts';

export { featureLabels, featureNames, type FeatureName } from './features.ts';
export { GRID } from './grid.ts';
export type { Parameters } from './parameters.ts';
export { isRegression, problemNames, type ProblemName } from './problems.ts';
export { defaults, type Activation, type OptimizerName, type Settings } from './settings.ts';
export type { StopReason } from './host.ts';

export interface FrameOptions {
  /** Epochs to train in this frame (fewer if the time budget runs out first). */
  epochs: number;
  /** Milliseconds of training per frame; the epoch that passes it is the last. */
  budgetMs?: number;
  maxEpoch?: number;
  patience?: number;
  /** Measure after every epoch (one loss point each) rather than once per frame. */
  everyEpoch?: boolean;
}

export interface LiveTrainerOptions {
  /** Train in a Web Worker once training starts (default: wherever workers exist). */
  worker?: boolean;
}

/** Frames computed ahead of the one on screen, at most. */
const AHEAD = 3;

/** Shortest time between two updates of the numbers and the loss curves while frames stream in. */
const TEXT_MS = 66;

export class LiveTrainer {
  settings: Settings = $state.raw({ ...defaults, hidden: defaults.hidden.slice() });
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
  biases: Float32Array[] = $state.raw([]);
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
  private textAt = -Infinity;
  private textTimer: ReturnType<typeof setTimeout> | null = null;
  /** The report whose numbers are not shown yet. */
  private unshown: Report | null = null;
  /** The parameters and epoch of the last report applied (the network behind the boundary on screen). */
  private latest: { parameters: Parameters; epoch: number } | null = null;

  /** Called when a frame ends training for good: divergence, the epoch limit, or early stopping. */
  onstop: ((reason: StopReason) => void) | null = null;

  private gen = 0;
  private pending = 0;
  /** Frame reports that arrived before the animation frame that shows them (one is shown per frame). */
  private queue: Report[] = [];
  private animating = false;
  private local: TrainerHost | null = new TrainerHost();
  /** The command that built the current state (a reset or a load): a worker starting later repeats it. */
  private setup: Extract<Command, { type: 'reset' | 'load' }>;
  private worker: Worker | null = null;
  private allowWorker: boolean;

  constructor(settings: Partial<Settings> = {}, options: LiveTrainerOptions = {}) {
    this.allowWorker = options.worker ?? true;
    this.settings = { ...defaults, ...settings, hidden: (settings.hidden ?? defaults.hidden).slice() };
    this.setup = { type: 'reset', gen: 0, settings: this.settings };
    this.send(this.setup);
  }


  /** Rebuilds data, network and optimizer from the settings merged with `changes`; clears the history. */
  reset(changes: Partial<Settings> = {}): void {
    const settings = { ...this.settings, ...changes };
    settings.hidden = settings.hidden.slice();
    this.settings = settings;
    this.queue = [];
    this.setup = { type: 'reset', gen: ++this.gen, settings };
    this.send(this.setup);
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
    this.animating = this.worker !== null;
    const next = this.queue.shift();
    if (next) this.apply(next);
    if (this.pending + this.queue.length >= AHEAD) return false;
    this.send({ type: 'frame', gen: this.gen, ...options });
    return true;
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

  /** Rebuilds from `settings` with a trained network's parameters (an imported model) at `epoch`. */
  load(settings: Settings, parameters: Parameters, epoch: number): void {
    this.settings = { ...settings, hidden: settings.hidden.slice() };
    this.queue = [];
    this.setup = { type: 'load', gen: ++this.gen, settings: this.settings, parameters, epoch };
    this.send(this.setup);
  }

  /**
   * The network behind the boundary on screen, for export: its parameters and epoch (the numbers and the
   * network drawing may be a few milliseconds behind while frames stream in; this is not).
   */
  current(): { settings: Settings; parameters: Parameters; epoch: number } | null {
    return this.latest && { settings: this.settings, ...this.latest };
  }

  /** Stops the worker (when the figure leaves the page). */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    if (this.textTimer !== null) clearTimeout(this.textTimer);
  }

  /** The state a widget goal or a share link needs: settings and current results. */
  snapshot() {
    return snapshot(this);
  }

  /**
   * Moves training into a worker on first use. The page's host has not trained yet, so repeating the
   * command that built its state (with the current settings) gives the worker the same state.
   */
  private startWorker(): void {
    if (this.worker || !this.local || !this.allowWorker || typeof Worker === 'undefined') return;
    try {
      const worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'playground-trainer' });
      worker.onmessage = (e: MessageEvent<Report>) => {
        this.pending = Math.max(0, this.pending - 1);
        if (e.data.gen !== this.gen) return;
        if (this.animating && e.data.streaming) this.queue.push(e.data);
        else {
          this.pause();
          this.apply(e.data);
        }
      };
      worker.onerror = (e) => {
        e.preventDefault();
        this.fallBack();
      };
      this.worker = worker;
      this.local = null;
      this.mode = 'worker';
      this.pending = 0;
      this.post({ ...this.setup, gen: this.gen, settings: this.settings });
    } catch {
      this.worker = null;
    }
  }

  /** The worker failed to start or crashed: train on the page from the current settings. */
  private fallBack(): void {
    this.worker?.terminate();
    this.worker = null;
    this.allowWorker = false; // do not try again
    this.pending = 0;
    this.queue = [];
    this.animating = false;
    this.mode = 'page';
    this.local = new TrainerHost();
    this.gen++;
    this.apply(this.local.handle({ ...this.setup, gen: this.gen, settings: this.settings }).report);
  }

  /** Shows the numbers and curves of report `r`: at once, or within TEXT_MS of the last time. */
  private showText(r: Report, now: boolean): void {
    this.unshown = r;
    const wait = TEXT_MS - (performance.now() - this.textAt);
    if (!now && wait > 0) {
      this.textTimer ??= setTimeout(() => this.unshown && this.showText(this.unshown, true), wait);
      return;
    }
    if (this.textTimer !== null) clearTimeout(this.textTimer);
    this.textTimer = null;
    this.textAt = performance.now();
    this.unshown = null;
    const n = this.history.length;
    if (this.curves.epochs.length !== n || this.curves.epochs[n - 1] !== this.history.epochs[n - 1] || r.fresh) this.curves = this.history.toArrays();
    this.trainLoss = n ? this.history.train[n - 1] : NaN;
    this.testLoss = n ? this.history.test[n - 1] : NaN;
    this.epoch = r.epoch;
    this.trainAccuracy = r.trainAccuracy;
    this.testAccuracy = r.testAccuracy;
    this.confusion = r.confusion;
    this.diverged = r.diverged;
    this.bestEpoch = r.bestEpoch;
    this.bestTestLoss = r.bestTestLoss;
    this.sizes = r.sizes;
    this.weights = r.weights;
    this.biases = r.biases;
    this.gradients = r.gradients;
  }

  private send(cmd: Command): void {
    if (this.worker) this.post(cmd);
    else if (this.local) this.apply(this.local.handle(cmd).report);
  }

  private post(cmd: Command): void {
    this.pending++;
    this.worker!.postMessage(cmd);
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
    this.showText(r, !r.streaming);
    this.boundary = r.boundary;
    this.latest = { parameters: { weights: r.weights, biases: r.biases }, epoch: r.epoch };
    if (r.trained) this.lastFrame = { epochs: r.trained, ms: r.ms };
    if (r.stopped) this.onstop?.(r.stopped);
  }
}
