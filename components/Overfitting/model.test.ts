// The overfitting figure: the test loss turns up while the training loss falls; early stopping stops
// with a message and restores the best epoch; a remedy switched on starts over; its link round-trips.
import { describe, expect, it } from 'vitest';
import { checkModel } from '../ui/modelContract.ts';
import { MAX_EPOCHS, OverfittingModel, overfittingState, PATIENCE } from './model.svelte.ts';

describe('OverfittingModel', () => {
  it('overfits without a remedy: one loss point per epoch, the test loss ends above its lowest', () => {
    const fig = new OverfittingModel();
    fig.training.live.step(150, fig.training.stop, true);
    const { live } = fig.training;
    expect(live.curves.epochs).toHaveLength(151);
    expect(live.testLoss).toBeGreaterThan(live.best.loss);
    expect(live.trainLoss).toBeLessThan(live.curves.train[0] / 2);
  });

  it('early stopping stops once the best epoch is PATIENCE old, restores it, says so, and Train starts over', () => {
    const fig = new OverfittingModel({ early: true });
    fig.training.live.step(MAX_EPOCHS, fig.training.stop, true);
    const { live } = fig.training;
    expect(fig.training.stopped).toBe('early');
    expect(live.epoch - live.best.epoch).toBe(PATIENCE);
    expect(live.testLoss).toBeCloseTo(live.best.loss, 5);
    expect(fig.describe()).toContain(`Training stopped early: the test loss had not improved for ${PATIENCE} epochs`);
    expect(fig.report()).toMatchObject({ early: true, stoppedEarly: true, bestEpoch: live.best.epoch });
    expect(fig.training.trainLabel).toBe('Train again');
  });

  it('switching a remedy on starts over with it, and the link state follows', () => {
    const fig = new OverfittingModel();
    fig.training.stepOnce();
    fig.toggleRemedy('l2');
    expect(fig.training.live.epoch).toBe(0);
    expect(fig.training.live.settings.l2).toBeGreaterThan(0);
    expect(fig.snapshot()).toEqual({ dataset: 'xor', l2: true, dropout: false, early: false });
    // The link format from before the figure kit still opens.
    const old = Buffer.from(JSON.stringify({ v: 1, dataset: 'xor', l2: true, dropout: false, early: false })).toString('base64url');
    expect(overfittingState.decode(old)).toEqual({ ok: true, state: fig.snapshot() });
    fig.reset();
    expect(fig.snapshot().l2).toBe(false);
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new OverfittingModel()));
});
