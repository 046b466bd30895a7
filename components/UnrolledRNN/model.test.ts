// The UnrolledRNN model: the pass is the engine's (BPTT by hand agrees), stepping reveals the forward pass
// before the backward one and never runs past either end, training lowers the loss, and links replay.
import { describe, expect, it } from 'vitest';
import { SineRNN, STEPS, UNITS, wave } from './unrolled.ts';
import { encodeText } from '../ui/figureState.ts';
import { checkModel } from '../ui/modelContract.ts';
import { UnrolledModel, unrolledState } from './model.svelte.ts';

describe('SineRNN', () => {
  it('its ∂L/∂h_t are what BPTT by hand gives from its own states and weights', () => {
    const net = new SineRNN(1.5);
    const p = net.pass();
    const W = net.rnn.weight_hh_l0.data;
    const v = net.head.weight.data;
    let delta = new Array(UNITS).fill(0);
    const want: number[] = [];
    for (let t = STEPS; t >= 1; t--) {
      const err = 2 * (p.yhat[t - 1] - wave[t]);
      // from the next step: W_hhᵀ D_{t+1} δ_{t+1}
      const next = new Array(UNITS).fill(0);
      if (t < STEPS) {
        const hn = p.h[t];
        for (let j = 0; j < UNITS; j++) for (let i = 0; i < UNITS; i++) next[j] += W[i * UNITS + j] * (1 - hn[i] ** 2) * delta[i];
      }
      delta = next.map((d, j) => d + err * v[j]);
      want.unshift(Math.hypot(...delta));
    }
    want.forEach((g, i) => expect(p.gradNorms[i]).toBeCloseTo(g, 4));
  });

  it('training lowers the loss', () => {
    const net = new SineRNN(1);
    const before = net.pass().loss;
    for (let i = 0; i < 50; i++) net.train();
    expect(net.pass().loss).toBeLessThan(before / 5);
  });

  it('a small recurrent scale fades the gradient towards the first step, a large one grows it', () => {
    const small = new SineRNN(0.5).pass().gradNorms;
    const large = new SineRNN(1.5).pass().gradNorms;
    expect(small[0]).toBeLessThan(small[STEPS - 1]);
    expect(large[0]).toBeGreaterThan(large[STEPS - 1]);
  });
});

describe('UnrolledModel', () => {
  it('steps forward to the end before it can step backward, and stops at both ends', () => {
    const m = new UnrolledModel();
    expect(m.canStepBackward).toBe(false);
    m.stepBackward();
    expect(m.backward).toBe(0);
    for (let i = 0; i < STEPS + 3; i++) m.stepForward();
    expect(m.forward).toBe(STEPS);
    expect(m.gradientShown(STEPS)).toBe(false);
    m.stepBackward();
    expect(m.gradientShown(STEPS)).toBe(true);
    expect(m.gradientShown(STEPS - 1)).toBe(false);
    for (let i = 0; i < STEPS + 3; i++) m.stepBackward();
    expect(m.backward).toBe(STEPS);
    expect(m.describe()).toMatch(/‖∂L\/∂W_hh‖/);
    m.rewind();
    expect(m.describe()).toMatch(/Nothing computed yet/);
  });

  it('describes the state being computed', () => {
    const m = new UnrolledModel();
    m.stepForward();
    m.stepForward();
    expect(m.describe()).toMatch(/Forward pass at step 2 of 8: h_2 = \(/);
  });

  it('a link replays the training: the same loss comes back', () => {
    const m = new UnrolledModel({ scale: 1.5 });
    m.train(30);
    m.runAll();
    const read = unrolledState.read(unrolledState.encode(m.snapshot()), unrolledState.defaults());
    expect(read.notice).toBeNull();
    const again = new UnrolledModel();
    again.apply(read.state);
    expect(again.pass.loss).toBe(m.pass.loss);
    expect(again.backward).toBe(STEPS);
    // A link from before the figure kit reads the same; one past the training budget is refused.
    const old = { v: 1, scale: 1.5, trained: 30, forward: STEPS, backward: STEPS };
    expect(unrolledState.read(encodeText(JSON.stringify(old)), unrolledState.defaults()).state).toEqual(m.snapshot());
    expect(unrolledState.read(encodeText(JSON.stringify({ ...old, trained: 10_000 })), unrolledState.defaults()).notice).not.toBeNull();
    // Reset goes back to the opening state.
    again.reset();
    expect(again.snapshot()).toEqual({ scale: 1, trained: 0, forward: 0, backward: 0 });
  });

  it('changing the scale starts training over', () => {
    const m = new UnrolledModel();
    m.train(10);
    m.setScale(2);
    expect(m.trained).toBe(0);
    expect(m.scale).toBe(2);
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new UnrolledModel()));
});
