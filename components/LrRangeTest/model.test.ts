// The range-test figure: it opens unrun, a sweep ends where the loss blew up and suggests a rate, a change
// of optimizer starts over, and its link round-trips.
import { describe, expect, it } from 'vitest';
import { checkModel } from '../ui/modelContract.ts';
import { LrRangeModel, rangeState, STEPS } from './model.svelte.ts';

describe('LrRangeModel', () => {
  it('opens unrun, then sweeps to a blow-up and suggests a tenth of the best rate', () => {
    const m = new LrRangeModel();
    expect(m.describe()).toBe(`SGD with momentum, η from 1e-4 to 100 over ${STEPS} steps: not run yet.`);
    m.training.live.step(STEPS, m.training.stop);
    expect(m.result.blownAt).not.toBeNull();
    expect(m.suggested!.suggested).toBeCloseTo(m.suggested!.best / 10, 10);
    expect(m.describe()).toMatch(/The loss was lowest at η = [\d.]+; a tenth of that, η = [\d.]+, is the suggestion\. The loss blew up at η = /);
    expect(m.report()).toMatchObject({ optimizer: 'sgd', steps: STEPS, suggested: m.suggested!.suggested });
  });

  it('a change of optimizer starts over; the link round-trips and reset restores the defaults', () => {
    const m = new LrRangeModel();
    m.training.live.step(20, m.training.stop);
    m.apply({ ...m.options, optimizer: 'adam' });
    expect(m.training.live.epoch).toBe(0);
    expect(rangeState.decode(rangeState.encode(m.snapshot()))).toEqual({ ok: true, state: { optimizer: 'adam', lrMax: 100 } });
    m.reset();
    expect(m.snapshot()).toEqual(rangeState.defaults());
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new LrRangeModel()));
});
