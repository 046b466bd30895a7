// The character model figure's state: the temperature the reader sets (the link's one field), the names'
// loading, and the training (the trainer service's TrainingFigure, created once the names are here), with
// the words that say what the model has learned and what it has not. CharacterModel.svelte draws it.
import { z } from 'zod';
import { LoadedTrainingModel, type LoadedFigureOptions } from '../trainer/loadedFigure.svelte.ts';
import { TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import { defineState } from '../ui/figureState.ts';
import { charSchedule, charTask, TEMPERATURE_MAX, TEMPERATURE_MIN, type CharFixed, type CharReport, type CharSettings } from './task.ts';

export const charState = defineState({
  version: 1,
  schema: z.object({
    temperature: z.number().min(TEMPERATURE_MIN).max(TEMPERATURE_MAX).meta({ step: 0.05 }).default(1),
  }),
});
export type CharState = z.output<typeof charState.schema>;

export const SEED = 1;

/** The names file the build writes (scripts/build-names.mjs). */
export interface NamesFile {
  version: 1;
  source: string;
  female: string[];
  male: string[];
}

/** Reads public/data/names.json, checking its shape. */
export function parseNames(raw: unknown): string[] {
  const f = raw as Partial<NamesFile> | null;
  if (!f || f.version !== 1 || !Array.isArray(f.female) || !Array.isArray(f.male)) throw new Error('the names file is not in the expected format');
  return [...f.female, ...f.male].filter((n): n is string => typeof n === 'string');
}

export interface CharOptions extends LoadedFigureOptions {
  /** How the names are fetched (the page's fetch by default). */
  fetchNames?: (url: string) => Promise<unknown>;
}

const nats = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(2));
const pct = (k: number, n: number) => `${Math.round((100 * k) / Math.max(1, n))}%`;
const rounded = (t: number) => Math.min(TEMPERATURE_MAX, Math.max(TEMPERATURE_MIN, Math.round(t * 20) / 20));

export class CharModel extends LoadedTrainingModel<typeof charState.schema, string[], CharSettings, CharReport, CharFixed, CharOptions> {
  temperature = $state(this.initial.temperature);

  readonly fixed: CharFixed | null = $derived(this.training?.live.fixed ?? null);
  /** The latest held-out loss (nats per character). */
  readonly testLoss: number | undefined = $derived(this.shown?.curve.test.at(-1));

  constructor(init: Partial<CharState> = {}, options: CharOptions = {}) {
    const get = options.fetchNames ?? (async (url: string) => (await fetch(url)).json());
    super(charState, init, { what: 'the names', load: async (base) => parseNames(await get(`${base}/data/names.json`)) }, options);
  }

  /** Sets up training on `names` (the loaded list, or a list of a test's own). */
  protected setUp(names: string[]): void {
    this.training = new TrainingFigure(charTask, { names, seed: SEED, temperature: this.temperature }, { worker: this.options.worker, everyEpoch: true });
  }

  override apply(s: CharState): void {
    this.setTemperature(s.temperature);
  }

  /** A new temperature (rounded to 0.05): new samples from the same weights; training goes on. */
  setTemperature(value: number): void {
    const r = rounded(value);
    if (r === this.temperature) return;
    this.temperature = r;
    const t = this.training;
    if (!t) return;
    // NOTE: the settings too, so that "Train again" (which starts over from them) keeps this temperature.
    t.live.settings = { ...t.live.settings, temperature: r };
    t.live.call('temperature', r);
  }

  /** New samples from the current weights. */
  resample(): void {
    this.training?.live.call('resample');
  }

  override reset(): void {
    this.temperature = this.initial.temperature;
    const t = this.training;
    if (t) t.restart({ ...t.live.settings, temperature: this.temperature });
  }

  /** What exercises read: the steps, the temperature, the held-out loss and the baselines, the samples' origins. */
  report() {
    return { steps: this.shown?.steps ?? 0, temperature: this.temperature, testLoss: this.testLoss ?? null, baselines: this.fixed?.baselines ?? null, origins: this.shown?.origins ?? null };
  }

  describe(): string {
    if (this.status === 'failed') return this.error;
    if (this.status !== 'ready' || !this.training) return 'The first-name lists load when the figure comes into view.';
    const r = this.shown;
    const f = this.fixed;
    const t = this.training;
    if (t.live.diverged) return t.message;
    if (!r || !f) return 'The LSTM is being set up.';
    const base = `bigram ${nats(f.baselines.bigram)}, letter frequencies alone ${nats(f.baselines.unigram)}`;
    const samples = `Samples at temperature ${this.temperature}: ${r.samples.map((s) => s.name || '(empty)').join(', ')}.`;
    if (r.steps === 0) return `An LSTM with 64 units, not trained yet: its held-out loss is ${nats(this.testLoss)} nats per character (${base}); its samples are random letters. ${samples} Press Train.`;
    const o = r.origins;
    const origins = `Of the last ${o.count} samples, ${pct(o.train, o.count)} copy a training name, ${pct(o.heldOut, o.count)} are real names it never trained on and ${pct(o.novel, o.count)} are new; their mean length is ${o.meanLength.toFixed(1)} letters (training names: ${f.meanLength.toFixed(1)}).`;
    const state = t.running ? 'training' : r.steps >= charSchedule.budget.steps ? 'budget spent' : 'paused';
    return `After ${r.steps.toLocaleString('en-US')} of ${charSchedule.budget.steps.toLocaleString('en-US')} steps (${state}): held-out loss ${nats(this.testLoss)} nats per character (${base}). ${samples} ${origins}`;
  }
}
