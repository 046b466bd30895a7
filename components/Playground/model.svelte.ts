// The Playground's state and logic, testable without a browser: the trainer, the stop conditions, the
// controls a lesson link hides, what each control does, and what the figure says. Playground.svelte and
// its panels draw it and do the page's part (the address, the clipboard, files, the animation loop).
import { controlKeys, MAX_LAYERS, MAX_UNITS, ranges, regularizationRates, type ControlName } from './controls.ts';
import { caption, describe, stoppedText, stopRulesText, thrashText } from './describe.ts';
import { featureNames, sortFeatures, type FeatureName } from './features.ts';
import type { FrameOptions, StopReason } from './host.ts';
import { LessonDraft } from './lessonDraft.svelte.ts';
import { linkState, settingsOf, type LinkState } from './linkState.ts';
import { LiveTrainer } from './liveTrainer.svelte.ts';
import { ModelTransfer } from './modelTransfer.svelte.ts';
import type { ProblemName } from './problems.ts';
import { defaults, featuresOf, type Activation, type OptimizerName, type Settings } from './settings.ts';

/** Milliseconds of training per animation frame at most (the worker stops after the epoch that passes it). */
const BUDGET_MS = 12;

/** The props a Playground starts from (lists as comma-separated text, as an author writes them). */
export interface StartProps {
  dataset: ProblemName;
  hidden: string;
  activation: Activation;
  lr: number;
  optimizer: OptimizerName;
  features: string;
  hide: string;
}

/** The items of `allowed` that the comma-separated list `s` names, in `allowed`'s order. */
const parseList = <T extends string>(s: string, allowed: readonly T[]) => allowed.filter((v) => s.split(',').map((w) => w.trim()).includes(v));

/** The start the props describe: widths out of range are dropped, the learning rate clamped, x₁ and x₂ if no feature is named. */
export function startState(p: StartProps): LinkState {
  const hidden = p.hidden
    .split(',')
    .map((v) => Math.round(Number(v)))
    .filter((v) => v >= 1 && v <= MAX_UNITS)
    .slice(0, MAX_LAYERS);
  const features = parseList(p.features, featureNames);
  const lr = Math.min(ranges.lr[1], Math.max(ranges.lr[0], p.lr));
  const settings = { ...defaults, dataset: p.dataset, hidden, activation: p.activation, lr, optimizer: p.optimizer, initSeed: undefined };
  return linkState({ ...settings, features: features.length ? features : ['x1', 'x2'] }, { hide: parseList(p.hide, controlKeys) });
}

export class PlaygroundModel {
  readonly trainer: LiveTrainer;
  /** Where Reset returns: the props' start, or a lesson link's. */
  start: LinkState;
  running = $state(false);
  /** Epochs asked for per animation frame. */
  speed = $state(1);
  /** Set when the page address held state this figure could not read. */
  notice: string | null = $state(null);
  /** Stop conditions: an epoch limit, and early stopping's patience in epochs. */
  maxEpochs: number | undefined = $state();
  patience: number | undefined = $state();
  /** Why training last stopped by itself (cleared when it starts again or the settings change). */
  stopped: Exclude<StopReason, 'diverged'> | null = $state(null);
  /** Controls hidden by a lesson link. */
  hiddenControls: ControlName[] = $state([]);
  /** The regularization rate last chosen, kept while regularization is off. */
  rateMemory = $state(0.003);
  readonly files: ModelTransfer;
  readonly lesson = new LessonDraft();

  readonly settings = $derived.by(() => this.trainer.settings);
  readonly features: FeatureName[] = $derived(featuresOf(this.settings));
  readonly regression = $derived.by(() => this.trainer.regression);
  readonly regKind = $derived((this.settings.l1 ?? 0) > 0 ? 'l1' : this.settings.l2 > 0 ? 'l2' : 'none');
  readonly regRate = $derived((this.settings.l1 ?? 0) || this.settings.l2 || this.rateMemory);
  /** The rates offered, with the current one among them. */
  readonly rateOptions = $derived([...new Set([...regularizationRates, this.regRate])].sort((a, b) => a - b));
  /**
   * The thrashing warning, or '': the training loss far above what a constant 50/50 answer scores (ln 2).
   * Cross-entropy of a tanh network rarely blows up to infinity, so this is how a too-large η usually shows.
   */
  readonly thrash = $derived.by(() => {
    const { diverged, epoch, trainLoss } = this.trainer;
    return !this.regression && !diverged && epoch >= 3 && trainLoss > 2 * Math.LN2 ? thrashText(trainLoss) : '';
  });
  readonly stoppedText = $derived.by(() => {
    const { epoch, bestEpoch, bestTestLoss } = this.trainer;
    return stoppedText(this.stopped, { epoch, patience: this.patience, bestEpoch, bestTestLoss });
  });
  readonly description = $derived.by(() => {
    const { diverged, epoch, trainLoss, testLoss, testAccuracy, confusion } = this.trainer;
    const stopRules = stopRulesText(this.maxEpochs, this.patience);
    const run = { settings: this.settings, regression: this.regression, running: this.running, diverged, epoch, trainLoss, testLoss, testAccuracy, confusion };
    return describe({ ...run, stopRules, thrash: this.thrash, stopped: this.stoppedText });
  });
  readonly caption = $derived(caption(this.regression));
  /** After a stop, whether training can only start over (early stopping, or the epoch limit still reached). */
  readonly mustRestart = $derived.by(() => this.stopped === 'early' || (this.maxEpochs !== undefined && this.trainer.epoch >= this.maxEpochs));
  readonly trainLabel = $derived(this.running ? 'Pause' : this.stopped && this.mustRestart ? 'Train again' : 'Train');
  /** What each animation frame asks of the trainer. */
  readonly frameOptions: FrameOptions = $derived({ epochs: this.speed, budgetMs: BUDGET_MS, maxEpoch: this.maxEpochs, patience: this.patience });

  /** Writes the share-link state into the page address after each change. */
  private readonly save: (state: LinkState) => void;

  /** Starts from `start`; `save` writes the share-link state into the page address after each change. */
  constructor(start: LinkState, save: (state: LinkState) => void = () => {}) {
    this.save = save;
    this.start = start;
    this.trainer = new LiveTrainer(settingsOf(start));
    this.maxEpochs = start.maxEpochs;
    this.patience = start.patience;
    this.hiddenControls = start.hide ?? [];
    this.files = new ModelTransfer(this.trainer, (m) => {
      this.halt();
      this.trainer.load(m.settings, m.parameters, m.epoch, m.training);
      this.changed();
    });
    this.trainer.onstop = (reason) => {
      this.running = false;
      if (reason !== 'diverged') this.stopped = reason;
    };
  }

  shows(control: ControlName): boolean {
    return !this.hiddenControls.includes(control);
  }

  /** The share link's state: settings, stop conditions, and the controls it hides (by default those hidden now). */
  shareState(hide: ControlName[] = this.hiddenControls): LinkState {
    return linkState(this.trainer.settings, { maxEpochs: this.maxEpochs, patience: this.patience, hide });
  }

  /** Takes what the page address held: a link's state (a lesson link's becomes Reset's start), and any notice. */
  open(loaded: { state: LinkState; notice: string | null }): void {
    this.notice = loaded.notice;
    if (loaded.state === this.start) return;
    if (loaded.state.hide?.length) this.start = loaded.state;
    this.applyStart(loaded.state);
  }

  /** Applies settings that change the problem or the network: training restarts. */
  change(patch: Partial<Settings>): void {
    this.halt();
    this.trainer.reset(patch);
    this.changed();
  }

  setLearningRate(lr: number): void {
    this.trainer.setLearningRate(lr);
    this.changed();
  }

  reset(): void {
    this.notice = null;
    this.files.clear();
    this.applyStart(this.start);
    this.changed();
  }

  /** Train or Pause; with reduced motion, a block of 20 epochs at once instead of an animation. */
  toggle(reducedMotion: boolean): void {
    if (this.trainer.diverged) return;
    if (!this.running) this.unstop();
    if (reducedMotion) {
      this.trainer.step(20, { maxEpoch: this.maxEpochs, patience: this.patience });
      return;
    }
    this.running = !this.running;
  }

  stepOnce(): void {
    this.unstop();
    this.trainer.step(1);
  }

  /** The same data and settings from another random start (the data's seed stays). */
  newWeights(): void {
    this.change({ initSeed: ((this.settings.initSeed ?? this.settings.seed) + 1) % 1e9 });
  }

  /** `n` hidden layers: existing widths are kept, new layers take the first one's (or 4). */
  setLayers(n: number): void {
    const { hidden } = this.settings;
    const width = hidden[0] ?? 4;
    this.change({ hidden: Array.from({ length: n }, (_, i) => hidden[i] ?? width) });
  }

  setUnits(layer: number, units: number): void {
    this.change({ hidden: this.settings.hidden.map((w, k) => (k === layer ? units : w)) });
  }

  /** Switches an input feature on or off; the last one stays on. */
  toggleFeature(f: FeatureName): void {
    const next = this.features.includes(f) ? this.features.filter((g) => g !== f) : [...this.features, f];
    if (next.length) this.change({ features: sortFeatures(next) });
  }

  /** L1, L2 or none at `rate`; with none, only the remembered rate changes. */
  setRegularization(kind: string, rate: number): void {
    this.rateMemory = rate;
    if (kind === 'none' && this.regKind === 'none') return;
    this.change({ l1: kind === 'l1' ? rate : 0, l2: kind === 'l2' ? rate : 0 });
  }

  setStop(patch: { maxEpochs?: number | undefined; patience?: number | undefined }): void {
    if ('maxEpochs' in patch) this.maxEpochs = patch.maxEpochs;
    if ('patience' in patch) this.patience = patch.patience;
    this.changed();
  }

  showAllControls(): void {
    this.hiddenControls = [];
    this.changed();
  }

  private changed(): void {
    this.save(this.shareState());
  }

  private halt(): void {
    this.running = false;
    this.stopped = null;
  }

  private applyStart(state: LinkState): void {
    this.halt();
    this.maxEpochs = state.maxEpochs;
    this.patience = state.patience;
    this.hiddenControls = state.hide ?? [];
    this.trainer.reset(settingsOf(state));
  }

  /** Lets training go on after a stop, or starts it over from the same start when it cannot go on. */
  private unstop(): void {
    if (!this.stopped) return;
    if (this.mustRestart) this.trainer.reset();
    else this.trainer.resume();
    this.stopped = null;
  }
}
