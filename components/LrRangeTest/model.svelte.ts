// The learning-rate range test as a model the view draws: one sweep on the trainer service (the lab's
// range task), its optimizer and range in the share link, the curve and the suggested learning rate.
import { z } from 'zod';
import { lrAt, rangeTask, suggestion, type RangeReport, type RangeSettings } from '../BrokenRun/rangeTask.ts';
import type { LiveRunOptions } from '../trainer/liveRun.svelte.ts';
import { OptionsModel } from '../trainer/optionsModel.svelte.ts';
import { TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import { defineState } from '../ui/figureState.ts';

export const STEPS = 200;

export const rangeState = defineState({
  version: 1,
  schema: z.object({
    optimizer: z.enum(['sgd', 'adam']).default('sgd'),
    lrMax: z.number().min(0.1).max(100).default(100),
  }),
});
type RangeState = z.output<typeof rangeState.schema>;

const settingsOf = (s: RangeState): RangeSettings => ({ optimizer: s.optimizer, lrMin: 1e-4, lrMax: s.lrMax, steps: STEPS, seed: 3 });
const fmt = (v: number) => (v >= 0.01 ? String(+v.toPrecision(2)) : v.toExponential(1));

export class LrRangeModel extends OptionsModel<typeof rangeState.schema, RangeSettings, RangeReport> {
  readonly training: TrainingFigure<RangeSettings, RangeReport>;

  constructor(options: LiveRunOptions = {}) {
    super(rangeState, {}, settingsOf);
    // Several steps per frame: the sweep takes a few seconds, not STEPS frames.
    this.training = new TrainingFigure(rangeTask, settingsOf(this.options), { ...options, stop: { maxEpochs: STEPS }, epochsPerFrame: 4 });
  }

  readonly result: RangeReport = $derived.by(() => this.training.live.shown ?? { lrs: [], losses: [], blownAt: null });
  readonly suggested = $derived.by(() => suggestion(this.result));
  /** The learning rate the sweep is at now. */
  readonly current = $derived.by(() => lrAt(settingsOf(this.options), Math.max(0, Math.min(STEPS - 1, this.training.live.epoch - 1))));

  report() {
    return { ...this.options, steps: this.training.live.epoch, blownAt: this.result.blownAt, best: this.suggested?.best ?? null, suggested: this.suggested?.suggested ?? null };
  }

  describe(): string {
    const { running, live } = this.training;
    const opt = this.options.optimizer === 'sgd' ? 'SGD with momentum' : 'Adam';
    if (live.epoch === 0) return `${opt}, η from 1e-4 to ${fmt(this.options.lrMax)} over ${STEPS} steps: not run yet.`;
    if (running) return `${opt}: sweeping, now at η = ${fmt(this.current)}.`;
    const r = this.result;
    const s = this.suggested;
    const end = r.blownAt !== null ? `The loss blew up at η = ${fmt(lrAt(settingsOf(this.options), r.blownAt))}, and the sweep stopped there.` : `The loss did not blow up below η = ${fmt(this.options.lrMax)}.`;
    return `${opt}, ${r.losses.length} steps swept. ${s ? `The loss was lowest at η = ${fmt(s.best)}; a tenth of that, η = ${fmt(s.suggested)}, is the suggestion.` : ''} ${end}`;
  }
}
