// The Playground's state and logic, testable without a browser: the training (on the trainer service,
// as the MLP task), the stop conditions, the controls a lesson link hides, what each control does, and
// what the figure says. It is a figure model for the kit (components/ui/figure.svelte.ts): its link state
// (linkState.ts), snapshot, apply, reset and description. PlaygroundView.svelte and its panels draw it and do
// the page's part (the clipboard, files).
import { z } from 'zod';
import type { LiveRunOptions } from '../trainer/liveRun.svelte.ts';
import { TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import type { FigureModel } from '../ui/figure.svelte.ts';
import { controlKeys, MAX_LAYERS, MAX_UNITS, regularizationRates, type ControlName } from './controls.ts';
import { caption, describe, stopRulesText, thrashText } from './describe.ts';
import { featureNames, sortFeatures, type FeatureName } from './features.ts';
import { linkState, playgroundState, settingsOf, settingsSchema, type LinkState } from './linkState.ts';
import { LessonDraft } from './lessonDraft.svelte.ts';
import { mlpTask, type MlpData, type MlpReport } from './mlpTask.ts';
import { ModelTransfer } from './modelTransfer.svelte.ts';
import { problemNames } from './problems.ts';
import { activationNames, copySettings, featuresOf, layerSizes, optimizerNames, type Settings } from './settings.ts';
import { decodeParameters, encodeParameters, MAX_SHARED_PARAMETERS, parameterCount } from './trainedLink.ts';
import { mlpSnapshot } from './snapshot.ts';

/** What to do after divergence: the control that works, and what it keeps. */
export const DIVERGENCE_ADVICE = 'Lower the learning rate η: training starts over with your other settings kept.';

/** A unit of the network: layer 0 holds the inputs, the last layer the output. */
export interface UnitRef {
  layer: number;
  unit: number;
}

/** A weight: of linear layer `layer` (0 feeds the first hidden layer), from unit `inp` to unit `out`. */
export interface WeightRef {
  layer: number;
  out: number;
  inp: number;
}

/** The words of a comma-separated list ("" has none). */
const words = (s: string) =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
/** A comma-separated list of names from `allowed` (a chapter's tag writes lists this way). */
const listOf = (allowed: readonly string[]) =>
  z.string().refine((s) => words(s).every((w) => allowed.includes(w)), `names one of: ${allowed.join(', ')}`);

/**
 * The props a chapter may give a Playground tag; anything else, or a value out of range, stops the build
 * (parseProps). Lists are comma-separated text, as an author writes them.
 */
export const playgroundProps = z.object({
  dataset: z.enum(problemNames).default('spiral'),
  /** Hidden layer widths, e.g. "4,4"; "" for no hidden layer. */
  hidden: z
    .string()
    .refine((s) => words(s).length <= MAX_LAYERS && words(s).every((w) => /^\d+$/.test(w) && +w >= 1 && +w <= MAX_UNITS), `at most ${MAX_LAYERS} widths from 1 to ${MAX_UNITS}, e.g. "4,4"`)
    .default('8,8'),
  activation: z.enum(activationNames).default('tanh'),
  lr: settingsSchema.shape.lr,
  optimizer: z.enum(optimizerNames).default('adam'),
  /** Input features, e.g. "x1,x2,x1sq"; default "x1,x2". */
  features: listOf(featureNames).default('x1,x2'),
  /** Controls to hide for a focused exercise, e.g. "dataset,features" (the reader can show them all). */
  hide: listOf(controlKeys).default(''),
  /**
   * For a figure inside the prose: the only controls it offers, e.g. "layers,activation" (Train, Step,
   * Reset, the drawing and the maps are always there); absent, the full Playground.
   */
  controls: listOf(controlKeys).optional(),
  /** Key of this figure's state in the page address, and its anchor (unique on the page). */
  id: z.string().regex(/^[\w-]+$/).default('playground'),
  /** The figure's heading; distinct for each figure on a page (a chapter may hold several). */
  title: z.string().min(1).default('Playground'),
});
export type PlaygroundProps = z.output<typeof playgroundProps>;

/** The controls a `controls` prop names, in the usual order; null (every control) without one. */
export const offeredControls = (controls: string | undefined): ControlName[] | null =>
  controls === undefined ? null : controlKeys.filter((k) => words(controls).includes(k));

/** The start the props describe (x₁ and x₂ when no feature is named). */
export function startState(p: Omit<PlaygroundProps, 'controls' | 'id' | 'title'>): LinkState {
  const features = sortFeatures(words(p.features) as FeatureName[]);
  return playgroundState.defaults({
    dataset: p.dataset,
    hidden: words(p.hidden).map(Number),
    activation: p.activation,
    lr: p.lr,
    optimizer: p.optimizer,
    features: features.length ? features : ['x1', 'x2'],
    hide: controlKeys.filter((k) => words(p.hide).includes(k)),
  });
}

export class PlaygroundModel implements FigureModel<typeof playgroundState.schema> {
  readonly spec = playgroundState;
  readonly training: TrainingFigure<Settings, MlpReport, MlpData>;
  /** Where Reset returns: the props' start, or a lesson link's. */
  start: LinkState;
  /** Controls hidden by a lesson link. */
  hiddenControls: ControlName[] = $state([]);
  /** The only controls a figure in the prose offers (its `controls` prop), or null for all of them. */
  readonly offered: ControlName[] | null;
  /** A figure in the prose: its chosen controls only, no weight editor, files or lesson links. */
  get compact(): boolean {
    return this.offered !== null;
  }
  /** The regularization rate last chosen, kept while regularization is off. */
  rateMemory = $state(0.003);
  /** The width each hidden layer last had, so that removing layers and adding them back keeps them. */
  private widthMemory: number[] = [];
  /** The unit whose map the large output map previews (hovered or focused), or null for the output. */
  preview: UnitRef | null = $state(null);
  /** The weight selected for reading and editing, or null. */
  selected: WeightRef | null = $state(null);
  readonly files: ModelTransfer;
  readonly lesson = new LessonDraft();

  readonly live = $derived.by(() => this.training.live);
  readonly settings = $derived.by(() => this.training.live.settings);
  readonly running = $derived.by(() => this.training.running);
  readonly diverged = $derived.by(() => this.training.live.diverged !== null);
  /** Stop conditions: an epoch limit, and early stopping's patience in epochs. */
  readonly maxEpochs = $derived.by(() => this.training.stop.maxEpochs);
  readonly patience = $derived.by(() => this.training.stop.patience);
  /** Epochs asked for per animation frame. */
  readonly speed = $derived.by(() => this.training.epochsPerFrame);
  readonly features: FeatureName[] = $derived(featuresOf(this.settings));
  readonly regression = $derived.by(() => this.training.live.fixed?.regression ?? false);
  readonly regKind = $derived((this.settings.l1 ?? 0) > 0 ? 'l1' : this.settings.l2 > 0 ? 'l2' : 'none');
  readonly regRate = $derived((this.settings.l1 ?? 0) || this.settings.l2 || this.rateMemory);
  /** The rates offered, with the current one among them. */
  readonly rateOptions = $derived([...new Set([...regularizationRates, this.regRate])].sort((a, b) => a - b));
  /**
   * The thrashing warning, or '': the training loss far above what a constant 50/50 answer scores (ln 2).
   * Cross-entropy of a tanh network rarely blows up to infinity, so this is how a too-large η usually shows.
   */
  readonly thrash = $derived.by(() => {
    const { epoch, trainLoss } = this.live;
    return !this.regression && !this.diverged && epoch >= 3 && trainLoss > 2 * Math.LN2 ? thrashText(trainLoss) : '';
  });
  /** Why training stopped by itself or diverged, in words, or ''. */
  readonly stoppedText = $derived.by(() => this.training.message);
  readonly description = $derived.by(() => {
    const { epoch, trainLoss, testLoss, shown } = this.live;
    const stopRules = stopRulesText(this.maxEpochs, this.patience);
    const run = { settings: this.settings, regression: this.regression, running: this.running, epoch, trainLoss, testLoss };
    const results = { testAccuracy: shown?.testAccuracy ?? NaN, confusion: shown?.confusion ?? [0, 0, 0, 0] };
    return describe({ ...run, ...results, stopRules, thrash: this.thrash, stopped: this.stoppedText, diverged: this.diverged });
  });
  readonly caption = $derived(caption(this.regression, { weightEditor: !this.compact, newWeights: this.shows('weights') }));
  readonly mustRestart = $derived.by(() => this.training.mustRestart);
  /** What the training loop is doing: running, held while the figure is off screen, or stopped. */
  readonly activity: 'running' | 'paused off screen' | 'stopped' = $derived.by(() =>
    !this.running ? 'stopped' : this.training.visible ? 'running' : 'paused off screen',
  );
  readonly trainLabel = $derived.by(() => this.training.trainLabel);

  /** The layer sizes the figure draws: inputs, hidden layers, output (from the settings, so they follow a change at once). */
  readonly sizes = $derived([this.features.length, ...this.settings.hidden, 1]);
  /** The selected weight's value and |gradient| in the last step, from the report on screen (null when none fits). */
  readonly selectedWeight = $derived.by(() => {
    const w = this.selected;
    const d = this.live.shown;
    if (!w || !d || d.sizes.join() !== this.sizes.join()) return null;
    const k = w.out * d.sizes[w.layer] + w.inp;
    const value = d.weights[w.layer]?.[k];
    return value === undefined ? null : { ...w, value, gradient: d.gradients[w.layer][k] };
  });

  /**
   * Starts from `start` (the props' state; the kit then applies the link's, if any), offering the
   * controls in `offered` only (null: all of them).
   */
  constructor(start: LinkState, options: LiveRunOptions = {}, offered: ControlName[] | null = null) {
    this.start = start;
    this.offered = offered;
    this.training = new TrainingFigure(mlpTask, settingsOf(start), { ...options, stop: stopOf(start), divergenceAdvice: DIVERGENCE_ADVICE });
    this.hiddenControls = start.hide ?? [];
    this.remember(start.hidden);
    this.files = new ModelTransfer(
      () => this.current(),
      (m) => {
        this.preview = null;
        this.selected = null;
        this.training.restart(m.settings, { parameters: m.parameters, epoch: m.epoch, training: m.training });
        this.remember(m.settings.hidden);
      },
    );
  }

  /** Whether the figure shows `control`: one it offers, and not hidden by a lesson link. */
  shows(control: ControlName): boolean {
    return (this.offered === null || this.offered.includes(control)) && !this.hiddenControls.includes(control);
  }

  /** Whether it shows any of `controls`. */
  showsAny(...controls: ControlName[]): boolean {
    return controls.some((c) => this.shows(c));
  }

  /** The share link's state: settings, stop conditions, and the controls it hides (by default those hidden now). */
  shareState(hide: ControlName[] = this.hiddenControls): LinkState {
    return linkState(this.settings, { maxEpochs: this.maxEpochs, patience: this.patience, hide });
  }

  /** True while training runs: the kit then updates the live description at most every 2 s. */
  get animating(): boolean {
    return this.running;
  }

  /** The state the link holds (what Share copies and the address keeps). */
  snapshot(): LinkState {
    return this.shareState();
  }

  /** Shows a link's state; a lesson link's (one that hides controls) also becomes Reset's start. */
  apply(state: LinkState): void {
    if (state.hide?.length) this.start = state;
    this.applyStart(state);
  }

  /** What a widget goal reads: the settings and the numbers on screen. */
  report() {
    return mlpSnapshot(this.live);
  }

  describe(): string {
    return this.description;
  }

  /** Applies settings that change the problem or the network: training starts over. */
  change(patch: Partial<Settings>): void {
    const next = copySettings({ ...this.settings, ...patch });
    this.preview = null;
    if (next.hidden.join() !== this.settings.hidden.join() || featuresOf(next).length !== this.features.length) this.selected = null;
    this.remember(next.hidden);
    this.training.restart(next);
  }

  /**
   * A new learning rate. Training goes on with it (the optimizer keeps its state); after divergence the
   * network is beyond saving, so training starts over with the new rate and every other setting kept.
   */
  setLearningRate(lr: number): void {
    if (this.diverged) this.change({ lr });
    else {
      this.live.settings = { ...this.settings, lr };
      this.live.call('lr', lr);
    }
  }

  /** Back to the start (the props', or a lesson link's). */
  reset(): void {
    this.files.clear();
    this.applyStart(this.start);
  }

  /** Train or Pause (Pause stops at once). With reduced motion the same training runs, drawn less often. */
  toggle(): void {
    this.training.toggle();
  }

  stepOnce(): void {
    this.training.stepOnce();
  }

  setSpeed(epochs: number): void {
    this.training.epochsPerFrame = epochs;
  }

  /** The same data and settings from another random start (the data's seed stays). */
  newWeights(): void {
    this.change({ initSeed: ((this.settings.initSeed ?? this.settings.seed) + 1) % 1e9 });
  }

  /** `n` hidden layers: each layer keeps the width it last had; a layer never seen takes the first one's (or 4). */
  setLayers(n: number): void {
    const { hidden } = this.settings;
    const width = hidden[0] ?? this.widthMemory[0] ?? 4;
    this.change({ hidden: Array.from({ length: n }, (_, i) => hidden[i] ?? this.widthMemory[i] ?? width) });
  }

  /** One more hidden layer (up to MAX_LAYERS), as wide as it last was. */
  addLayer(): void {
    if (this.settings.hidden.length < MAX_LAYERS) this.setLayers(this.settings.hidden.length + 1);
  }

  /** One hidden layer fewer (the last one). */
  removeLayer(): void {
    if (this.settings.hidden.length > 0) this.setLayers(this.settings.hidden.length - 1);
  }

  /** One unit more (`by` = 1) or fewer (-1) in hidden layer `layer` (0 for the first), within 1 to MAX_UNITS. */
  resizeLayer(layer: number, by: 1 | -1): void {
    const width = this.settings.hidden[layer];
    if (width === undefined) return;
    const next = Math.min(MAX_UNITS, Math.max(1, width + by));
    if (next !== width) this.setUnits(layer, next);
  }

  /** Selects a weight to read and edit (null: none); a weight the network does not have selects none. */
  selectWeight(w: WeightRef | null): void {
    const { sizes } = this;
    const fits = w && w.layer >= 0 && w.layer < sizes.length - 1 && w.inp >= 0 && w.inp < sizes[w.layer] && w.out >= 0 && w.out < sizes[w.layer + 1];
    this.selected = fits ? { ...w } : null;
  }

  /**
   * Gives the selected weight a new value (training pauses first; it goes on from the edited network).
   * Values that are not finite are ignored.
   */
  setWeight(value: number): void {
    const w = this.selected;
    if (!w || !Number.isFinite(value) || this.diverged) return;
    if (this.running) this.training.toggle();
    this.live.call('weight', { ...w, value });
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
    this.training.setStop(patch);
  }

  showAllControls(): void {
    this.hiddenControls = [];
  }

  /**
   * The link to the trained network on screen ("Copy link with weights"): the settings with every weight
   * and bias and the epoch, so the receiver sees this network, not epoch 0. Refused, with the reason,
   * before the first report, while training runs, after divergence, and for a network too large for a link.
   */
  trainedState(): { ok: true; state: LinkState } | { ok: false; message: string } {
    const now = this.current();
    if (!now || this.running || this.diverged) return { ok: false, message: 'Pause training first: the link holds the network as it is on screen.' };
    // NOTE: the size is the drawn network's (the settings'), not the last report's: just after a layer is
    // added, the last report may still be the smaller network's.
    const n = parameterCount(layerSizes(this.settings));
    if (n > MAX_SHARED_PARAMETERS) {
      return {
        ok: false,
        message: `This network has ${n} weights and biases; a link carries at most ${MAX_SHARED_PARAMETERS}. Use Export model to save it as a file, or Share for its settings only.`,
      };
    }
    const state = { ...linkState(now.settings, { maxEpochs: this.maxEpochs, patience: this.patience, hide: this.hiddenControls }), trained: { epoch: now.epoch, parameters: encodeParameters(now.parameters) } };
    return { ok: true, state };
  }

  /** The network on screen, for export (null before the first report). */
  private current() {
    const { live } = this;
    const d = live.shown;
    if (!d || !live.fixed) return null;
    const settings = live.fixed.settings;
    const results = {
      trainLoss: live.trainLoss,
      testLoss: live.testLoss,
      trainAccuracy: this.regression ? null : d.trainAccuracy,
      testAccuracy: this.regression ? null : d.testAccuracy,
    };
    return { settings: { ...settings, lr: this.settings.lr }, parameters: { weights: d.weights, biases: d.biases }, epoch: live.epoch, training: d.training, results };
  }

  private remember(hidden: number[]): void {
    hidden.forEach((w, i) => (this.widthMemory[i] = w));
  }

  /** Shows `state`: its settings from epoch 0, or the trained network it carries at its epoch. */
  private applyStart(state: LinkState): void {
    this.preview = null;
    this.selected = null;
    this.hiddenControls = state.hide ?? [];
    this.training.setStop({ maxEpochs: state.maxEpochs, patience: state.patience });
    this.remember(state.hidden);
    const settings = settingsOf(state);
    const parameters = state.trained && decodeParameters(state.trained.parameters, layerSizes(settings));
    this.training.restart(settings, parameters ? { parameters, epoch: state.trained!.epoch } : undefined);
  }
}

/** The stop conditions a link state holds. */
const stopOf = (s: LinkState) => ({ maxEpochs: s.maxEpochs, patience: s.patience });
