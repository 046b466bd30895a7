// The MemoryTask figure's state: the delay T the reader sets, the training of the three nets (the trainer
// service's TrainingFigure, with memorySchedule's budget of steps each), and the words that describe it.
import { z } from 'zod';
import { defineState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';
import { TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import type { WorkerLike } from '../trainer/connection.ts';
import { cellKinds, memorySchedule, type CellKind, type MemoryReport } from './task.ts';
import { DELAY_MAX, DELAY_MIN, memoryTask } from './memoryTask.ts';

export const names: Record<CellKind, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

/** The figure's state: the delay. Links written before the figure kit ({ v: 1, delay }) read the same. */
export const memoryState = defineState({
  version: 1,
  schema: z.object({ delay: z.number().int().min(DELAY_MIN).max(DELAY_MAX).meta({ step: 5 }).default(40) }),
});
export type MemoryState = z.output<typeof memoryState.schema>;

const pct = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v * 100)}%`);

export class MemoryModel extends StateModel<typeof memoryState.schema> {
  delay = $state(this.initial.delay);
  readonly training: TrainingFigure<{ delay: number; seed: number }, MemoryReport>;

  constructor(delay = 40, worker?: () => WorkerLike) {
    super(memoryState, { delay });
    this.training = new TrainingFigure(memoryTask, { delay: this.initial.delay, seed: 1 }, { worker, everyEpoch: true });
  }

  /** A new delay (rounded to a multiple of 5) starts the three nets over. */
  setDelay(delay: number): void {
    const d = Math.min(DELAY_MAX, Math.max(DELAY_MIN, Math.round(delay / 5) * 5));
    if (d === this.delay) return;
    this.delay = d;
    this.training.restart({ delay: d, seed: 1 });
  }

  /** The latest report of the three nets' run. */
  get run(): MemoryReport | null {
    return this.training.live.shown;
  }

  /** Each net's latest test accuracy. */
  get latest(): Record<CellKind, number | undefined> {
    const r = this.run;
    return { rnn: r?.accuracy.rnn.at(-1), lstm: r?.accuracy.lstm.at(-1), gru: r?.accuracy.gru.at(-1) };
  }

  get steps(): number {
    return this.run?.steps ?? 0;
  }

  get animating(): boolean {
    return this.training.running;
  }

  override apply(s: MemoryState): void {
    this.setDelay(s.delay);
  }

  /** Back to the opening delay, the three nets untrained. */
  override reset(): void {
    this.training.halt();
    this.delay = this.initial.delay;
    this.training.restart({ delay: this.initial.delay, seed: 1 });
  }

  /** What a figure goal reads: the delay, the steps taken and each net's accuracy. */
  report() {
    return { delay: this.delay, steps: this.steps, accuracy: this.latest };
  }

  describe(): string {
    const r = this.run;
    if (!r || r.steps === 0) return `Delay T = ${this.delay}: the bit comes ${this.delay} steps before the answer. Not trained yet; press Train to train the three nets side by side.`;
    const acc = cellKinds.map((k) => `${names[k]} ${pct(this.latest[k])}`).join(', ');
    const g = r.gates;
    const meanForget = g.forget.slice(1).reduce((a, v) => a + v, 0) / Math.max(1, g.forget.length - 1);
    const status = this.training.running ? 'training' : this.steps >= memorySchedule.budget.steps ? 'budget spent' : 'paused';
    return `Delay T = ${this.delay}, ${this.steps} of ${memorySchedule.budget.steps} steps (${status}). Test accuracy: ${acc} (50% is guessing). The LSTM unit that differs most between the two bits, unit ${g.unit + 1}, keeps its forget gate at ${meanForget.toFixed(2)} on average over the delay; its cell ends at ${g.cell.at(-1)!.toFixed(2)}.`;
  }
}
