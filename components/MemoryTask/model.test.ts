// The MemoryTask model over the trainer service (on the page, as in Node): a step trains all three nets,
// the description reports them, a new delay starts over, and the link state is validated.
import { describe, expect, it } from 'vitest';
import { MemoryModel, linkSchema } from './model.svelte.ts';

describe('MemoryModel', () => {
  it('describes the untrained nets, then a step of training of all three', () => {
    const m = new MemoryModel(5);
    expect(m.description).toMatch(/Not trained yet/);
    m.training.stepOnce();
    expect(m.steps).toBe(10);
    expect(m.report?.at).toEqual([0, 10]);
    expect(m.description).toMatch(/^Delay T = 5, 10 of 300 steps \(paused\)\. Test accuracy: RNN \d+%, LSTM \d+%, GRU \d+%/);
    expect(m.snapshot).toMatchObject({ delay: 5, steps: 10 });
  });

  it('a new delay, rounded to a multiple of 5, starts the nets over', () => {
    const m = new MemoryModel(5);
    m.training.stepOnce();
    m.setDelay(23);
    expect(m.delay).toBe(25);
    expect(m.steps).toBe(0);
    expect(m.report?.delay).toBe(25);
    m.setDelay(500);
    expect(m.delay).toBe(80);
  });

  it('its link holds the delay only, within the slider\'s range', () => {
    expect(linkSchema.parse(new MemoryModel(40).link)).toEqual({ v: 1, delay: 40 });
    expect(linkSchema.safeParse({ v: 1, delay: 3 }).success).toBe(false);
    expect(linkSchema.safeParse({ v: 1, delay: 41.5 }).success).toBe(false);
  });
});
