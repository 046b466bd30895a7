// The tiny transformer's tasks as the trainer service hosts them (in the figure's worker, or on the page as a fallback).
import { defineTask } from '../trainer/task.ts';
import { inductionRun, inductionSchedule, TASKS, type InductionReport, type InductionSettings } from './task.ts';

export const LAYER_OPTIONS = [1, 2, 3] as const;
export const HEAD_OPTIONS = [1, 2, 4] as const;
export const WIDTH_OPTIONS = [32, 64] as const;

export const inductionTask = defineTask<InductionSettings, InductionReport>({
  name: 'induction-heads',
  schedule: inductionSchedule,
  create(s) {
    if (!(LAYER_OPTIONS as readonly number[]).includes(s.layers)) throw new Error('The model has 1, 2 or 3 layers.');
    if (!(HEAD_OPTIONS as readonly number[]).includes(s.heads)) throw new Error('Each layer has 1, 2 or 4 heads.');
    if (s.width !== undefined && !(WIDTH_OPTIONS as readonly number[]).includes(s.width)) throw new Error('The model is 32 or 64 wide.');
    if (s.task !== undefined && !(TASKS as readonly string[]).includes(s.task)) throw new Error('The tasks are induction, copy, reverse and sort.');
    return inductionRun(s);
  },
});
