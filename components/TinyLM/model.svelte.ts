// The TinyLM figure's state and words: the temperature and the start of a name (in the share link), the
// names' loading, the training (the trainer service, in a worker), and what the trained weights say: the
// next-letter probabilities after the start, and names sampled from it with a seeded generator. With the
// LSTM on (in the link too), chapter 8's character LSTM trains beside it on the same windows, and the same
// questions are asked of it.
import { z } from 'zod';
import { rng, type nn } from '../../engine/index.ts';
import type { CharNet } from '../CharacterModel/charmodel.ts';
import { LoadedTrainingModel } from '../trainer/loadedFigure.svelte.ts';
import type { LiveRunOptions } from '../trainer/liveRun.svelte.ts';
import { TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import { defineState } from '../ui/figureState.ts';
import {
  ALPHABET,
  CONTEXT,
  loadNames,
  lstmNames,
  lstmProbabilities,
  lstmWith,
  modelWith,
  nextProbabilities,
  sampleNames,
  tinyLMSchedule,
  tinyLMTask,
  VOCAB,
  type TinyLMReport,
  type TinyLMSettings,
} from './task.ts';

const SEED = 1;
/** How many names a draw shows. */
export const DRAWS = 8;

export const tinyLMState = defineState({
  version: 2,
  // Version 1 had no LSTM beside the transformer: its links open without one.
  migrations: { 1: (old) => ({ ...old, lstm: false }) },
  schema: z.object({
    /** Chapter 8's LSTM trains beside the transformer, on the same windows. */
    lstm: z.boolean().default(true),
    temperature: z.number().min(0.1).max(2).meta({ step: 0.1 }).default(0.8),
    start: z.string().regex(/^[a-z]{0,8}$/).default(''),
    /** Which draw of names: the reader's "Draw again" count, so a link shows the same names. */
    draw: z.number().int().min(0).max(10_000).default(0),
  }),
});
export type TinyLMState = z.output<typeof tinyLMState.schema>;

const f2 = (v: number) => v.toFixed(2);

export class TinyLMModel extends LoadedTrainingModel<typeof tinyLMState.schema, string[], TinyLMSettings, TinyLMReport, unknown, LiveRunOptions & { base?: string }> {
  temperature = $state(this.initial.temperature);
  start = $state(this.initial.start);
  draw = $state(this.initial.draw);
  lstm = $state(this.initial.lstm);
  private names_: string[] = [];

  constructor(init: Partial<TinyLMState> = {}, options: LiveRunOptions & { base?: string } = {}) {
    super(tinyLMState, init, { what: 'the names', load: loadNames }, options);
  }

  /** Sets up training on `names` (tests call `ready(names)` directly). */
  protected setUp(names: string[]): void {
    const { base: _base, ...live } = this.options;
    this.names_ = names;
    this.training = new TrainingFigure(tinyLMTask, this.settings(), { ...live, everyEpoch: true });
  }

  get latest(): TinyLMReport | null {
    return this.shown;
  }

  get steps(): number {
    return this.latest?.steps ?? 0;
  }

  /** The page's copy of the model, with the latest reported weights. */
  // Two page copies of each model, used in turn: a report loads its weights into the one not shown (a new
  // object, so what is read from the model is read again) instead of building a model at every report.
  private pages = { net: [] as nn.TransformerLM[], lstm: [] as CharNet[], turn: 0, lstmTurn: 0 };

  readonly net: nn.TransformerLM | null = $derived.by(() => {
    const w = this.latest?.weights;
    if (!w) return null;
    const i = (this.pages.turn ^= 1);
    return (this.pages.net[i] = modelWith(w, this.pages.net[i]));
  });

  /** The next-letter probabilities after the start of the name (the end mark first), at the temperature. */
  readonly probabilities: number[] | null = $derived.by(() => (this.net ? nextProbabilities(this.net, this.start, this.temperature) : null));

  // While training, each report draws one name per model into the next of the DRAWS places (a full draw of 8
  // names by both models took 100 to 370 ms of the page's thread at every report, which froze it); paused, or
  // when the reader changes the start, the temperature or the draw, all DRAWS at once from the link's draw, so
  // a link shows the same names. `rolling` keeps the last list and what it was drawn for.
  private rolling = { key: '', names: [] as string[], lstm: [] as string[] };

  /** The names `draw` gives for this start, temperature and draw: all of them, or while training the list so far with one place drawn again. */
  private roll(which: 'names' | 'lstm', draw: (count: number, r: ReturnType<typeof rng>) => string[], seed: number): string[] {
    const key = `${this.start}|${this.temperature}|${this.draw}`;
    const prev = this.rolling.key === key ? this.rolling[which] : [];
    let out: string[];
    if (this.training?.running && prev.length === DRAWS) {
      out = prev.slice();
      const round = Math.round(this.steps / tinyLMSchedule.stepsPerEpoch);
      out[round % DRAWS] = draw(1, rng(seed + this.draw + 7919 * round))[0];
    } else out = draw(DRAWS, rng(seed + this.draw));
    if (this.rolling.key !== key) this.rolling = { key, names: [], lstm: [] };
    this.rolling[which] = out;
    return out;
  }

  readonly names: string[] = $derived.by(() => {
    const net = this.net;
    return net ? this.roll('names', (n, r) => sampleNames(net, this.start, n, this.temperature, r), 1000) : [];
  });

  /** The page's copy of the LSTM, when it trains beside the transformer. */
  readonly lstmNet: CharNet | null = $derived.by(() => {
    const w = this.lstm ? this.latest?.lstmWeights : undefined;
    if (!w) return null;
    const i = (this.pages.lstmTurn ^= 1);
    return (this.pages.lstm[i] = lstmWith(w, this.pages.lstm[i]));
  });

  readonly lstmProbabilities: number[] | null = $derived.by(() => (this.lstmNet ? lstmProbabilities(this.lstmNet, this.start, this.temperature) : null));

  readonly lstmNames: string[] = $derived.by(() => {
    const net = this.lstmNet;
    return net ? this.roll('lstm', (n, r) => lstmNames(net, this.start, n, this.temperature, r), 2000) : [];
  });

  private settings(): TinyLMSettings {
    return { names: this.names_, seed: SEED, lstm: this.lstm };
  }

  /** Switching the LSTM on or off starts training over. */
  override apply(s: TinyLMState): void {
    const restart = s.lstm !== this.lstm;
    super.apply(s);
    if (restart) this.training?.restart(this.settings());
  }

  /** The LSTM beside the transformer, or not: training starts over. */
  setLstm(on: boolean): void {
    if (on !== this.lstm) this.apply({ ...this.snapshot(), lstm: on });
  }

  override reset(): void {
    super.reset();
    this.training?.restart(this.settings());
  }

  /** Keeps only letters a–z, at most 8 of them. */
  setStart(text: string): void {
    this.start = text.toLowerCase().replace(/[^a-z]/g, '').slice(0, Math.min(8, CONTEXT - 2));
  }

  drawAgain(): void {
    this.draw = (this.draw + 1) % 10_000;
  }

  /** The transformer's likeliest next symbols, best first, with the LSTM's probability for each (when it trains). */
  top(k: number): { symbol: string; p: number; lstm: number | null }[] {
    const p = this.probabilities;
    if (!p) return [];
    const q = this.lstmProbabilities;
    return p
      .map((v, i) => ({ symbol: i === 0 ? 'end' : ALPHABET[i], p: v, lstm: q ? q[i] : null }))
      .sort((a, b) => b.p - a.p)
      .slice(0, k);
  }

  report() {
    const r = this.latest;
    return { ...this.snapshot(), steps: this.steps, testLoss: r?.testLoss.at(-1) ?? null, lstmTestLoss: r?.lstmTestLoss?.at(-1) ?? null, names: this.names.slice(), lstmNames: this.lstmNames.slice() };
  }

  describe(): string {
    if (this.status === 'failed') return this.error;
    if (this.status !== 'ready') return 'A tiny transformer language model on first names; the names are loading.';
    const r = this.latest;
    const after = this.start ? `after “${this.start}”` : 'at the start of a name';
    const beside = this.lstm ? ', with chapter 8’s LSTM beside it on the same windows' : '';
    if (!r || r.steps === 0) return `A tiny transformer language model (2 layers of 4 heads, width 32) on first names${beside}, not trained yet: its loss per letter is ${Math.log(VOCAB).toFixed(2)}, a uniform guess among 26 letters and the end mark. Press Train.`;
    if (this.training?.running) return `Training, ${r.steps} of ${tinyLMSchedule.budget.steps} steps; the samples are described when it pauses.`;
    const top = this.top(3).map((t) => `${t.symbol} ${f2(t.p)}`).join(', ');
    const lstmLoss = r.lstmTestLoss?.at(-1);
    const lstm = this.lstm && lstmLoss !== undefined ? ` The LSTM, after as many steps on the same windows: held-out loss ${f2(lstmLoss)} per letter; its names: ${this.lstmNames.join(', ')}.` : '';
    return `${r.steps} steps: held-out loss ${f2(r.testLoss.at(-1)!)} per letter (${Math.log(VOCAB).toFixed(2)} is a uniform guess). At temperature ${this.temperature}, the likeliest next letters ${after}: ${top}. Names drawn: ${this.names.join(', ')}.${lstm}`;
  }
}
