// The InductionHeads figure's state and words: the task, how many layers and heads the tiny transformer has
// and how wide it is (in the share link), its training by the trainer service (TrainingFigure, for inductionSchedule's budget),
// and what it has learned so far: the losses, the accuracy on repeated tokens, and each head's scores.
import { z } from 'zod';
import type { LiveRunOptions } from '../trainer/liveRun.svelte.ts';
import { OptionsModel } from '../trainer/optionsModel.svelte.ts';
import { TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import { defineState } from '../ui/figureState.ts';
import { inductionTask } from './inductionTask.ts';
import { inductionSchedule, TASKS, VOCAB, type InductionReport, type InductionSettings, type TaskName } from './task.ts';

const SEED = 1;

export const inductionState = defineState({
  version: 3,
  schema: z.object({
    task: z.enum(TASKS).default('induction'),
    layers: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
    heads: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(2),
    width: z.union([z.literal(32), z.literal(64)]).default(32),
    /** Which sequence the heat maps are drawn on: 0 is the first, "Another sequence" counts up. */
    probe: z.number().int().min(0).max(9999).default(0),
  }),
  // Version 1 had the induction task at width 32 only.
  // Version 2 drew the first sequence only.
  migrations: { 1: (old) => ({ ...old, task: 'induction', width: 32 }), 2: (old) => ({ ...old, probe: 0 }) },
});
export type InductionState = z.output<typeof inductionState.schema>;

const settingsOf = (s: InductionState): InductionSettings => ({ task: s.task, layers: s.layers, heads: s.heads, width: s.width, seed: SEED });

/** What each task calls the tokens that can be predicted, and the others; and where the answer is. */
export const TASK_WORDS: Record<TaskName, { name: string; predictable: string; rest: string; answer: string }> = {
  induction: { name: 'induction (repeated random stretches)', predictable: 'repeated tokens', rest: 'first occurrences', answer: 'the tokens that followed earlier occurrences of the current one' },
  copy: { name: 'copy', predictable: 'answer tokens', rest: 'input tokens', answer: 'the input token to be written next' },
  reverse: { name: 'reverse', predictable: 'answer tokens', rest: 'input tokens', answer: 'the input token to be written next' },
  sort: { name: 'sort', predictable: 'answer tokens', rest: 'input tokens', answer: 'input tokens equal to the one to be written next' },
};
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** The head with the largest score in a layer: its number (from 1) and the score. */
export function bestHead(scores: number[] | undefined): { head: number; score: number } | null {
  if (!scores || scores.length === 0) return null;
  let head = 0;
  scores.forEach((v, h) => {
    if (v > scores[head]) head = h;
  });
  return { head: head + 1, score: scores[head] };
}

export class InductionModel extends OptionsModel<typeof inductionState.schema, InductionSettings, InductionReport> {
  readonly training: TrainingFigure<InductionSettings, InductionReport>;

  constructor(init: Partial<InductionState> = {}, options: LiveRunOptions = {}) {
    super(inductionState, init, settingsOf);
    this.training = new TrainingFigure(inductionTask, settingsOf(this.initial), { ...options, everyEpoch: true });
    if (this.initial.probe > 0) this.training.live.call('probe', this.initial.probe);
  }

  /** What the trainer last showed: the losses, accuracy and attention patterns. */
  get latest(): InductionReport | null {
    return this.training.live.shown;
  }

  get steps(): number {
    return this.latest?.steps ?? 0;
  }

  /** New settings: training starts over, drawing the heat maps on the state's sequence. */
  override apply(state: InductionState): void {
    super.apply(state);
    if (state.probe > 0) this.training.live.call('probe', state.probe);
  }

  /** Draws the heat maps and the loss per position on another sequence; training goes on where it was. */
  anotherSequence(): void {
    const probe = (this.options.probe + 1) % 10_000;
    this.options = { ...this.options, probe };
    this.training.live.call('probe', probe);
  }


  setTask(task: TaskName): void {
    if (task !== this.options.task) this.apply({ ...this.options, task });
  }

  setWidth(width: 32 | 64): void {
    if (width !== this.options.width) this.apply({ ...this.options, width });
  }

  setLayers(layers: 1 | 2 | 3): void {
    if (layers !== this.options.layers) this.apply({ ...this.options, layers });
  }

  setHeads(heads: 1 | 2 | 4): void {
    if (heads !== this.options.heads) this.apply({ ...this.options, heads });
  }

  /** What exercises read: the settings, the steps, and the latest loss and accuracy on the predictable tokens. */
  report() {
    const r = this.latest;
    return { ...this.options, steps: this.steps, repeatLoss: r?.repeatLoss.at(-1) ?? null, repeatAccuracy: r?.repeatAccuracy.at(-1) ?? null };
  }

  describe(): string {
    const { layers, heads, width, task } = this.options;
    const words = TASK_WORDS[task];
    const shape = `${layers} layer${layers === 1 ? '' : 's'} of ${heads} head${heads === 1 ? '' : 's'}${width === 32 ? '' : `, width ${width}`}`;
    const on = task === 'induction' ? '' : ` on the ${task} task`;
    const r = this.latest;
    if (!r || r.steps === 0) return `A tiny transformer with ${shape}${on}, not trained yet: its loss on ${words.predictable} is ${Math.log(VOCAB).toFixed(2)}, a uniform guess among ${VOCAB} tokens. Press Train.`;
    if (this.training.running) return `${shape}${on}: training, ${r.steps} of ${inductionSchedule.budget.steps} steps; the numbers are described when it pauses.`;
    const loss = r.repeatLoss.at(-1)!;
    const acc = r.repeatAccuracy.at(-1)!;
    const prev = bestHead(r.previousToken[0]);
    const ind = bestHead(r.induction[layers - 1]);
    const heads_ =
      (prev ? ` In layer 1, head ${prev.head} puts ${prev.score.toFixed(2)} of its weight on the previous token.` : '') +
      (ind ? ` In layer ${layers}, head ${ind.head} puts ${ind.score.toFixed(2)} on ${words.answer}.` : '');
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
    const probe = r.probeLoss.length
      ? ` On the sequence drawn below, the loss averages ${mean(r.probeLoss.slice(0, r.probePeriod)).toFixed(2)} over its first ${r.probePeriod} positions and ${mean(r.probeLoss.slice(r.probePeriod)).toFixed(2)} over ${task === 'induction' ? 'the repeat' : 'the answer'}.`
      : '';
    const status = r.steps >= inductionSchedule.budget.steps ? ' The budget is spent.' : '';
    return `${shape}${on}, ${r.steps} steps: loss on ${words.predictable} ${loss.toFixed(2)} (${Math.log(VOCAB).toFixed(2)} is a uniform guess), the right token ranked first at ${pct(acc)} of ${words.predictable.replace('tokens', 'positions')}.${heads_}${probe}${status}`;
  }
}
