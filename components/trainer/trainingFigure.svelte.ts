// The train/pause/step logic every training figure shares: whether it runs, Train and Pause, Step, the
// stop conditions (an epoch limit, a target loss, early stopping, divergence) with a clear message for
// each, whether training can go on or must start over, and the animation loop that pauses off screen and
// redraws less often (never trains less) for readers who asked for reduced motion. A figure's model
// class holds one; its view calls `attach` once and draws `live`.
import { LiveRun, type LiveRunOptions } from './liveRun.svelte.ts';
import type { FrameRequest, StopReason, StopRules } from './protocol.ts';
import type { Task } from './task.ts';

/** Milliseconds of training per animation frame at most (the service stops after the epoch that passes it). */
export const BUDGET_MS = 12;

/** With reduced motion, the picture and the numbers change at most this often while training runs. */
export const REDUCED_MOTION_MS = 500;

export interface TrainingFigureOptions extends LiveRunOptions {
  /**
   * When training stops by itself (the reader may change these later with `setStop`); by default, the end of
   * the task's schedule's budget.
   */
  stop?: StopRules;
  /** The training set's size, for a schedule whose budget is in passes over it. */
  trainingSetSize?: number;
  /** Epochs asked for per animation frame (default 1). */
  epochsPerFrame?: number;
  /** One loss point per epoch rather than one per frame. */
  everyEpoch?: boolean;
  /**
   * What the reader can do after training diverged, naming the control that helps (default: press Reset).
   * The figure should make that control restart training with the other settings kept.
   */
  divergenceAdvice?: string;
}

/** "1 epoch", "2 epochs". */
export const epochs = (n: number): string => `${n} epoch${n === 1 ? '' : 's'}`;

/** A loss in words: a number, or what overflowed. */
const lossText = (v: number): string => (Number.isNaN(v) ? 'not a number' : !Number.isFinite(v) ? 'infinite' : Math.abs(v) >= 1e4 ? v.toExponential(1) : v.toFixed(3));

export class TrainingFigure<S, R, F = unknown> {
  readonly live: LiveRun<S, R, F>;
  running = $state(false);
  /** Why training last stopped by itself (cleared when it starts again or starts over). */
  stopped: StopReason | null = $state(null);
  stop: StopRules = $state.raw({});
  epochsPerFrame = $state(1);
  /** Set by `attach`: the figure is on screen, and the reader asked for reduced motion. */
  visible = $state(true);
  reducedMotion = $state(false);
  readonly everyEpoch: boolean;
  readonly divergenceAdvice: string;

  /** Training cannot go on from here: after early stopping, a reached target or limit, or divergence. */
  readonly mustRestart = $derived.by(() => {
    const { stopped, stop } = this;
    const epoch = this.live.epoch;
    return stopped === 'early' || stopped === 'target' || stopped === 'diverged' || (stop.maxEpochs !== undefined && epoch >= stop.maxEpochs);
  });
  /** Train is of no use after divergence: the reader changes a setting (see `divergenceAdvice`) or resets. */
  readonly canTrain = $derived.by(() => this.live.diverged === null);
  readonly trainLabel = $derived(this.running ? 'Pause' : this.stopped && this.mustRestart ? 'Train again' : 'Train');
  /** Why training stopped, in words, or ''. */
  readonly message = $derived.by(() => this.stopMessage());
  readonly frameRequest: FrameRequest = $derived.by(() => ({ epochs: this.epochsPerFrame, budgetMs: BUDGET_MS, everyEpoch: this.everyEpoch, stop: this.stop }));

  constructor(task: Task<S, R, F>, settings: S, options: TrainingFigureOptions = {}) {
    this.live = new LiveRun(task, settings, options);
    this.stop = { ...task.schedule?.stop(options.trainingSetSize), ...options.stop };
    this.epochsPerFrame = options.epochsPerFrame ?? 1;
    this.everyEpoch = options.everyEpoch ?? false;
    this.divergenceAdvice = options.divergenceAdvice ?? 'Press Reset to start again.';
    this.live.onstop = (reason) => {
      this.running = false;
      this.stopped = reason;
    };
  }

  /** Train or Pause. Pause stops at once: the epoch on screen is where training stays. */
  toggle(): void {
    if (this.running) {
      this.running = false;
      this.live.pause();
      return;
    }
    if (!this.canTrain) return;
    this.unstop();
    this.running = true;
  }

  /** Trains one epoch (not while running or after divergence). */
  stepOnce(): void {
    if (this.running || !this.canTrain) return;
    this.unstop();
    this.live.step(1, this.stop, this.everyEpoch);
  }

  /** Starts over from `settings` (by default the current ones): epoch 0, training stopped. */
  restart(settings: S = this.live.settings, load?: unknown): void {
    this.halt();
    this.live.create(settings, load);
  }

  /** Changes the stop conditions; a limit raised past the epoch lets training go on. */
  setStop(patch: StopRules): void {
    this.stop = { ...this.stop, ...patch };
  }

  /** Stops training (no message): before a change of settings. */
  halt(): void {
    if (this.running) this.live.pause();
    this.running = false;
    this.stopped = null;
  }

  /**
   * The page's part: trains on every animation frame while running and on screen, follows the reader's
   * motion preference, and stops the worker when the figure goes. Call from `onMount`; returns the cleanup.
   */
  attach(el: Element | undefined): () => void {
    const motion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
    const onMotion = () => (this.reducedMotion = motion?.matches ?? false);
    onMotion();
    motion?.addEventListener('change', onMotion);
    const observer = el && typeof IntersectionObserver === 'function' ? new IntersectionObserver((es) => (this.visible = es.some((e) => e.isIntersecting)), { threshold: 0.05 }) : null;
    if (el) observer?.observe(el);
    const stop = this.connect(this);
    return () => {
      stop();
      observer?.disconnect();
      motion?.removeEventListener('change', onMotion);
    };
  }

  /**
   * As `attach`, for a figure whose kit already watches the screen and the motion preference (the figure
   * kit's `FigureKit` has both): `onMount(() => training.connect(kit))`.
   */
  connect(env: { readonly visible: boolean; readonly reducedMotion: boolean }): () => void {
    const stopLoop = $effect.root(() => {
      $effect(() => {
        // The figure's own view of the screen and the motion preference follows the kit's.
        this.visible = env.visible;
        this.reducedMotion = env.reducedMotion;
        this.live.redrawMs = env.reducedMotion ? REDUCED_MOTION_MS : 0;
      });
      $effect(() => {
        if (!this.running || !env.visible) return;
        return this.live.animate(this.frameRequest);
      });
    });
    return () => {
      stopLoop();
      this.live.dispose();
    };
  }

  private stopMessage(): string {
    const { live, stopped } = this;
    if (live.diverged) {
      const { epoch, loss } = live.diverged;
      const what = Number.isFinite(loss) ? `the training loss reached ${lossText(loss)}` : `the training loss became ${lossText(loss)}`;
      return `Training diverged after ${epochs(epoch)}: ${what}. ${this.divergenceAdvice}`;
    }
    if (stopped === 'max') return `Training stopped at the epoch limit, ${live.epoch}.`;
    if (stopped === 'target') return `Training stopped at epoch ${live.epoch}: the training loss, ${lossText(live.trainLoss)}, reached the target ${this.stop.targetLoss}.`;
    if (stopped === 'early') {
      return `Training stopped early: the test loss had not improved for ${epochs(this.stop.patience ?? 0)}, so the weights of epoch ${live.best.epoch}, where it was lowest (${lossText(live.best.loss)}), are restored.`;
    }
    return '';
  }

  /** Lets training go on after a stop, or starts it over from the same settings when it cannot go on. */
  private unstop(): void {
    if (!this.stopped) return;
    if (this.mustRestart) this.live.create(this.live.settings);
    else this.live.resume();
    this.stopped = null;
  }
}
