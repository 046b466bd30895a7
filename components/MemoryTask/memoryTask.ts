// The memory task as the trainer service hosts it (in the figure's worker, or on the page as a fallback).
import { defineTask } from '../trainer/task.ts';
import { memoryRun, memorySchedule, type MemoryReport, type MemorySettings } from './task.ts';

export const DELAY_MIN = 5;
export const DELAY_MAX = 80;

export const memoryTask = defineTask<MemorySettings, MemoryReport>({
  name: 'memory-task',
  schedule: memorySchedule,
  create(s) {
    if (!Number.isInteger(s.delay) || s.delay < DELAY_MIN || s.delay > DELAY_MAX) throw new Error(`The delay must be a whole number from ${DELAY_MIN} to ${DELAY_MAX}.`);
    return memoryRun(s);
  },
});
