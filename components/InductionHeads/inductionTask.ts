// The induction task as the trainer service hosts it (in the figure's worker, or on the page as a fallback).
import { defineTask } from '../trainer/task.ts';
import { inductionRun, type InductionReport, type InductionSettings } from './task.ts';

export const LAYER_OPTIONS = [1, 2] as const;
export const HEAD_OPTIONS = [1, 2, 4] as const;

export const inductionTask = defineTask<InductionSettings, InductionReport>({
  name: 'induction-heads',
  create(s) {
    if (!(LAYER_OPTIONS as readonly number[]).includes(s.layers)) throw new Error('The model has 1 or 2 layers.');
    if (!(HEAD_OPTIONS as readonly number[]).includes(s.heads)) throw new Error('Each layer has 1, 2 or 4 heads.');
    return inductionRun(s);
  },
});
