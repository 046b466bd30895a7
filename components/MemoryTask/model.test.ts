// The MemoryTask model over the trainer service (on the page, as in Node): a step trains all three nets,
// the description reports them, a new delay starts over, and the link state is validated.
import { describe, expect, it } from 'vitest';
import { encodeText } from '../ui/figureState.ts';
import { checkModel } from '../ui/modelContract.ts';
import { MemoryModel, memoryState } from './model.svelte.ts';

describe('MemoryModel', () => {
  it('describes the untrained nets, then a step of training of all three', () => {
    const m = new MemoryModel(5);
    expect(m.describe()).toMatch(/Not trained yet/);
    m.training.stepOnce();
    expect(m.steps).toBe(10);
    expect(m.run?.at).toEqual([0, 10]);
    expect(m.describe()).toMatch(/^Delay T = 5, 10 of 300 steps \(paused\)\. Test accuracy: RNN \d+%, LSTM \d+%, GRU \d+%/);
    expect(m.report()).toMatchObject({ delay: 5, steps: 10 });
  });

  it('a new delay, rounded to a multiple of 5, starts the nets over', () => {
    const m = new MemoryModel(5);
    m.training.stepOnce();
    m.setDelay(23);
    expect(m.delay).toBe(25);
    expect(m.steps).toBe(0);
    expect(m.run?.delay).toBe(25);
    m.setDelay(500);
    expect(m.delay).toBe(80);
  });

  it('its link holds the delay only, within the slider\'s range, and reads the links written before the figure kit', () => {
    const m = new MemoryModel(40);
    expect(m.snapshot()).toEqual({ delay: 40 });
    const read = (o: unknown) => memoryState.read(encodeText(JSON.stringify(o)), { delay: 40 });
    expect(read({ v: 1, delay: 25 })).toEqual({ state: { delay: 25 }, notice: null });
    expect(read({ v: 1, delay: 3 }).notice).not.toBeNull();
    expect(read({ v: 1, delay: 41.5 }).notice).not.toBeNull();
  });

  it('Reset returns to the opening delay, untrained', () => {
    const m = new MemoryModel(10);
    m.apply({ delay: 30 });
    expect(m.delay).toBe(30);
    m.reset();
    expect(m.snapshot()).toEqual({ delay: 10 });
    expect(m.steps).toBe(0);
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new MemoryModel(10), { initial: { delay: 10 } }));
});
