// The first network: trains on Train and stops at once on Pause, keeps training with reduced motion
// (drawn less often: issue 11 found it stopped silently after 50 epochs), stops at its epoch limit with
// a message and starts over on Train, and its link state round-trips.
import { describe, expect, it } from 'vitest';
import { checkModel } from '../ui/modelContract.ts';
import { FirstNetworkModel, firstNetworkState, MAX_EPOCHS } from './model.svelte.ts';

describe('FirstNetworkModel', () => {
  it('trains while running and describes the numbers once paused', () => {
    const fig = new FirstNetworkModel({ dataset: 'circle' });
    expect(fig.describe()).toMatch(/^circle data set, a 2-8-8-1 tanh network after 0 epochs: training loss \d/);
    fig.training.toggle();
    for (let i = 0; i < 3; i++) fig.training.live.frame(fig.training.frameRequest);
    expect(fig.describe()).toMatch(/training, up to 400 epochs; the numbers are described when it pauses\.$/);
    fig.training.toggle();
    expect(fig.describe()).toMatch(/^circle data set, a 2-8-8-1 tanh network after 3 epochs: .* accuracy \d+% on training points/);
    expect(fig.report()).toMatchObject({ dataset: 'circle', epoch: 3, hidden: [8, 8] });
  });

  it('with reduced motion keeps training past 50 epochs until paused', () => {
    const fig = new FirstNetworkModel({ dataset: 'xor' });
    fig.training.live.redrawMs = 500;
    fig.training.toggle();
    for (let i = 0; i < 60; i++) fig.training.live.frame(fig.training.frameRequest);
    expect(fig.training.running).toBe(true);
    expect(fig.training.live.history.toArrays().epochs.at(-1)).toBe(60); // trained, not all drawn yet
    fig.training.toggle();
    expect(fig.training.live.epoch).toBe(60);
    expect(fig.training.message).toBe('');
  });

  it('stops at its epoch limit with a message, and Train starts over', () => {
    const fig = new FirstNetworkModel({ dataset: 'gaussians' });
    fig.training.live.step(MAX_EPOCHS + 10, fig.training.stop);
    expect([fig.training.live.epoch, fig.training.trainLabel]).toEqual([MAX_EPOCHS, 'Train again']);
    expect(fig.describe()).toContain(`Training stopped at the epoch limit, ${MAX_EPOCHS}.`);
    fig.training.toggle();
    expect([fig.training.running, fig.training.live.epoch]).toEqual([true, 0]);
  });

  it('applies a link state and resets to its start', () => {
    const fig = new FirstNetworkModel({ dataset: 'moons' });
    // A link written before the figure kit: { v: 1, dataset } in URL-safe base64.
    const old = Buffer.from(JSON.stringify({ v: 1, dataset: 'spiral' })).toString('base64url');
    const read = firstNetworkState.decode(old);
    if (!read.ok) throw new Error(read.reason);
    fig.apply(read.state);
    expect(fig.snapshot()).toEqual({ dataset: 'spiral' });
    expect(firstNetworkState.encode(fig.snapshot())).toBe(old);
    fig.reset();
    expect(fig.snapshot()).toEqual({ dataset: 'moons' });
    expect(firstNetworkState.parse({ v: 1, dataset: 'swirl' }).ok).toBe(false);
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new FirstNetworkModel({ dataset: 'moons' }), { initial: { dataset: 'moons' }, describes: / data set, a 2-8-8-1 tanh network/ }));
});
