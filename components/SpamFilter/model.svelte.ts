// The spam filter figure's state: which filter is read (logistic regression, the small MLP, or the naive
// Bayes baseline), the threshold on P(spam), and which message is examined (a held-out one, or one the
// reader types); the corpus's loading, the baseline (fitted on the page), and the training of the two
// learned filters (the trainer service's TrainingFigure). Everything the view draws is derived here.
import { z } from 'zod';
import { LoadedTrainingModel, type LoadedFigureOptions } from '../trainer/loadedFigure.svelte.ts';
import { TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import { accuracy, confusionAt, precision, rocAuc, sensitivity, specificity, sweep, type Confusion, type SweepPoint } from '../ui/metrics.ts';
import { defineState } from '../ui/figureState.ts';
import { fitNaiveBayes, type NaiveBayes } from './bayes.ts';
import { corpus, loadCorpus } from './corpus.ts';
import { wordsOf, type SpamCorpus } from './corpusFile.ts';
import { bayesScorer, logisticScorer, mlpScorer, probability, pushes, type Kind, type Scorer } from './scoring.ts';
import { spamTask, type SpamReport, type SpamSettings } from './task.ts';
import { encode } from './tokens.ts';

export const kinds: Kind[] = ['logistic', 'mlp', 'bayes'];
export const kindNames: Record<Kind, string> = { logistic: 'logistic regression', mlp: 'small MLP', bayes: 'naive Bayes (baseline)' };
/** How many held-out messages the reader can pick (the corpus file carries their text). */
export const PICKS = 16;
export const TEXT_MAX = 2000;

export const spamState = defineState({
  version: 1,
  schema: z.object({
    kind: z.enum(['logistic', 'mlp', 'bayes']).default('logistic'),
    /** Messages with P(spam) at or above the threshold are flagged. */
    threshold: z.number().min(0.01).max(0.99).meta({ step: 0.01 }).default(0.5),
    /** The held-out message examined (an index into the corpus's previews), or -1 for the reader's own text. */
    pick: z.number().int().min(-1).max(PICKS - 1).default(0),
    text: z.string().max(TEXT_MAX).default(''),
  }),
});
export type SpamState = z.output<typeof spamState.schema>;

export const SEED = 1;
const pct = (v: number, d = 1) => (Number.isFinite(v) ? `${(100 * v).toFixed(d)}%` : 'undefined');

export interface Examined {
  subject: string;
  text: string;
  /** 1 spam, 0 ham, null for the reader's own message. */
  label: number | null;
  ids: number[];
  /** P(spam) under the chosen filter. */
  p: number;
  /** Present words, strongest push towards spam first. */
  words: { word: string; push: number }[];
}

export class SpamModel extends LoadedTrainingModel<typeof spamState.schema, SpamCorpus, SpamSettings, SpamReport> {
  kind: Kind = $state(this.initial.kind);
  threshold = $state(this.initial.threshold);
  pick = $state(this.initial.pick);
  text = $state(this.initial.text);
  data: SpamCorpus | null = $state.raw(null);
  nb: NaiveBayes | null = $state.raw(null);

  /** The held-out labels, in test order. */
  readonly labels: Uint8Array | null = $derived(this.data ? this.data.labels.subarray(this.data.train) : null);
  /** Naive Bayes's P(spam) for every held-out message (fitted once the corpus is here; nothing to train). */
  readonly bayesScores: Float32Array | null = $derived.by(() => {
    const c = this.data;
    const nb = this.nb;
    if (!c || !nb) return null;
    const s = bayesScorer(nb);
    return Float32Array.from({ length: c.n - c.train }, (_, k) => probability(s(wordsOf(c, c.train + k))));
  });
  readonly scores: Record<Kind, Float32Array | null> = $derived({
    logistic: this.shown?.scores?.logistic ?? null,
    mlp: this.shown?.scores?.mlp ?? null,
    bayes: this.bayesScores,
  });
  readonly curves: Record<Kind, SweepPoint[] | null> = $derived.by(() => {
    const y = this.labels;
    const out = { logistic: null, mlp: null, bayes: null } as Record<Kind, SweepPoint[] | null>;
    if (!y) return out;
    const scores = this.scores;
    for (const k of kinds) {
      const s = scores[k];
      if (s) out[k] = sweep(s, y);
    }
    return out;
  });
  /** Each filter's held-out confusion matrix at the current threshold (null until it has scores). */
  readonly confusions: Record<Kind, Confusion | null> = $derived.by(() => {
    const y = this.labels;
    const out = { logistic: null, mlp: null, bayes: null } as Record<Kind, Confusion | null>;
    if (!y) return out;
    const scores = this.scores;
    for (const k of kinds) {
      const s = scores[k];
      if (s) out[k] = confusionAt(s, y, this.threshold);
    }
    return out;
  });
  readonly auc: Record<Kind, number | null> = $derived.by(() => {
    const c = this.curves;
    return { logistic: c.logistic && rocAuc(c.logistic), mlp: c.mlp && rocAuc(c.mlp), bayes: c.bayes && rocAuc(c.bayes) };
  });
  readonly scorer: Scorer | null = $derived.by(() => {
    const c = this.data;
    if (!c) return null;
    const V = c.vocab.length;
    if (this.kind === 'bayes') return this.nb ? bayesScorer(this.nb) : null;
    const w = this.shown?.weights[this.kind];
    return w && this.shown!.seen > 0 ? (this.kind === 'logistic' ? logisticScorer(w, V) : mlpScorer(w, V)) : null;
  });
  readonly index: Map<string, number> | null = $derived(this.data ? new Map(this.data.vocab.map((w, i) => [w, i])) : null);
  readonly examined: Examined | null = $derived.by(() => {
    const c = this.data;
    if (!c || !this.index) return null;
    let subject = '';
    let text = this.text;
    let label: number | null = null;
    let ids: number[];
    if (this.pick >= 0) {
      const p = c.previews[Math.min(this.pick, c.previews.length - 1)];
      ({ subject, text } = p);
      label = c.labels[p.index];
      ids = Array.from(wordsOf(c, p.index));
    } else ids = encode(this.text, this.index);
    const s = this.scorer;
    if (!s) return { subject, text, label, ids, p: Number.NaN, words: [] };
    const words = pushes(s, ids)
      .map((w) => ({ word: c.vocab[w.id], push: w.push }))
      .sort((a, b) => b.push - a.push);
    return { subject, text, label, ids, p: probability(s(ids)), words };
  });

  constructor(init: Partial<SpamState> = {}, options: LoadedFigureOptions = {}) {
    super(spamState, init, { what: 'the mail corpus', load: loadCorpus, get: corpus }, options);
    this.readyIfLoaded();
  }

  /** The baseline (fitted here) and the training of the other two. */
  protected setUp(c: SpamCorpus): void {
    this.data = c;
    this.nb = fitNaiveBayes(c);
    this.training = new TrainingFigure(spamTask, { seed: SEED }, { worker: this.options.worker, trainingSetSize: c.train, everyEpoch: true });
  }

  override reset(): void {
    this.training?.halt();
    this.training?.restart({ seed: SEED });
    super.reset();
  }

  setThreshold(t: number): void {
    this.threshold = Math.min(0.99, Math.max(0.01, Math.round(t * 100) / 100));
  }

  /** Examines the reader's own text. */
  type(text: string): void {
    this.text = text.slice(0, TEXT_MAX);
    this.pick = -1;
  }

  /** What exercises read: the filter, the threshold and each filter's held-out numbers at it. */
  report() {
    // NOTE: each derived read once: outside an effect (an exercise's check reads this) Svelte computes a derived
    // again on every read, and these sort every held-out score.
    const confusions = this.confusions;
    const auc = this.auc;
    const at = (k: Kind) => {
      const c = confusions[k];
      return c && { ...c, accuracy: accuracy(c), recall: sensitivity(c), precision: precision(c), specificity: specificity(c), auc: auc[k] };
    };
    return { kind: this.kind, threshold: this.threshold, seen: this.shown?.seen ?? 0, logistic: at('logistic'), mlp: at('mlp'), bayes: at('bayes') };
  }

  /** "logistic regression flags 350 of the 359 held-out spams and 7 of the 822 hams (accuracy 98.6%)". */
  private line(k: Kind): string {
    const c = this.confusions[k];
    if (!c) return `${kindNames[k]}: not trained yet`;
    return `${kindNames[k]} flags ${c.tp} of the ${c.tp + c.fn} held-out spams and ${c.fp} of the ${c.fp + c.tn} legitimate messages (accuracy ${pct(accuracy(c))}, ROC area ${this.auc[k]!.toFixed(3)})`;
  }

  describe(): string {
    if (this.status === 'failed') return this.error;
    if (this.status !== 'ready' || !this.data) return 'The mail corpus (about 0.7 MB) loads when the figure comes into view.';
    const t = this.training;
    const seen = this.shown?.seen ?? 0;
    const head = `Threshold ${this.threshold.toFixed(2)} on P(spam), ${this.data.n - this.data.train} held-out messages. `;
    const progress = seen === 0 ? 'The learned filters are not trained yet; press Train. ' : t?.running ? `Training: ${seen.toLocaleString('en-US')} messages seen. ` : `After ${seen.toLocaleString('en-US')} training messages: `;
    const lines = kinds.filter((k) => k === this.kind || this.confusions[k]).map((k) => this.line(k));
    const e = this.examined;
    let msg = '';
    if (e && Number.isFinite(e.p)) {
      const who = this.pick >= 0 ? `The message “${e.subject}” (${e.label ? 'spam' : 'legitimate'})` : 'Your message';
      const top = e.words.filter((w) => w.push > 0).slice(0, 3).map((w) => w.word);
      msg = ` ${who} gets P(spam) ${pct(e.p)} from ${kindNames[this.kind]}, so it is ${e.p >= this.threshold ? 'flagged' : 'let through'}${top.length ? `; the words pushing it most towards spam: ${top.join(', ')}` : ''}.`;
    }
    return `${head}${progress}${lines.join('; ')}.${msg}${t?.message ? ` ${t.message}` : ''}`;
  }
}
