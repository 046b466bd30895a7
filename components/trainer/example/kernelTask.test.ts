// The example task learns its kernel through the trainer service, exactly as a figure would train it.
import { describe, expect, it } from 'vitest';
import { TaskHost } from '../host.ts';
import { kernelTask, TRUE_KERNEL, type KernelReport } from './kernelTask.ts';

describe('the example kernel task', () => {
  it('learns the edge filter: the loss falls and the kernel approaches the true one', () => {
    const host = new TaskHost([kernelTask]);
    const first = host.handle({ type: 'create', gen: 1, task: 'example-kernel', settings: { lr: 0.05, batch: 4, images: 16, seed: 3 } }).report;
    const start = (first.data as KernelReport).error;
    const r = host.handle({ type: 'frame', gen: 1, epochs: 60, stop: { targetLoss: 1e-4 } }).report;
    const end = r.data as KernelReport;
    expect(r.points[1]).toBeLessThan(first.points[1]);
    expect(end.error).toBeLessThan(start / 10);
    expect(Array.from(end.kernel, (v) => Math.round(v) + 0)).toEqual(TRUE_KERNEL);
    expect(r.stopped).toBe('target');
  });

  it('refuses settings it cannot train with a message', () => {
    const host = new TaskHost([kernelTask]);
    const r = host.handle({ type: 'create', gen: 1, task: 'example-kernel', settings: { lr: 0.05, batch: 8, images: 4, seed: 3 } }).report;
    expect(r.error).toMatch(/full batch/);
    expect(r.data).toBeNull();
  });
});
