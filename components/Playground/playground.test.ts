// The Playground's model on the trainer service, for the training bugs a review found (issue 11): Pause
// stops at once, the description never lags the counter, layer widths survive removing layers, reduced
// motion trains on (drawn less often), and divergence says which control helps, keeps the settings and
// shows the blow-up on the loss plot.
import { describe, expect, it, vi } from 'vitest';
import { ManualWorker } from '../trainer/testing.ts';
import { linkState } from './linkState.ts';
import { mlpTask } from './mlpTask.ts';
import { LINK_NOTICE, parseProps } from '../ui/figureState.ts';
import { playgroundState } from './linkState.ts';
import { decodeParameters, encodeParameters, parameterCount } from './trainedLink.ts';
import { offeredControls, PlaygroundModel, playgroundProps, startState } from './model.svelte.ts';
import { defaults, type Settings } from './settings.ts';

const playground = (s: Partial<Settings> = {}, withWorker = false) => {
  let worker: ManualWorker | undefined;
  const pg = new PlaygroundModel(linkState({ ...defaults, ...s }), withWorker ? { worker: () => (worker = new ManualWorker([mlpTask])) } : {});
  return { pg, worker: () => worker! };
};

describe('Playground model', () => {
  it('Pause stops at once: the epoch at the click is the epoch it stays at, and the description names it', () => {
    const { pg, worker } = playground({ dataset: 'circle' }, true);
    pg.toggle();
    for (let i = 0; i < 8; i++) {
      pg.live.frame(pg.training.frameRequest);
      worker().answer(1);
    }
    worker().answer();
    pg.toggle();
    const atClick = pg.live.epoch;
    expect(atClick).toBeGreaterThan(0);
    worker().answer();
    expect(pg.live.epoch).toBe(atClick);
    expect(pg.description).toContain(`Epoch ${atClick}:`);
  });

  it('while training runs the description is one line of progress that names its epoch, and follows the training', () => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] });
    const { pg } = playground({ dataset: 'circle' });
    pg.toggle();
    expect(pg.animating).toBe(true);
    expect(pg.description).toMatch(/^Training, at epoch 0: training loss [\d.]+, test loss [\d.]+, test accuracy \d+%\. Pause for the full description\.$/);
    for (let i = 0; i < 5; i++) pg.live.frame(pg.training.frameRequest);
    vi.advanceTimersByTime(120); // the numbers follow the frames at most every 66 ms
    expect(pg.description).toContain(`at epoch ${pg.live.epoch}:`);
    expect(pg.live.epoch).toBeGreaterThan(0);
    expect(pg.description).not.toMatch(/Epoch \d/); // the paused form, which settled() in the e2e waits for
    pg.toggle();
    expect(pg.description).toContain(`Epoch ${pg.live.epoch}:`);
    vi.useRealTimers();
  });

  it('going from 4 to 0 to 6 layers keeps each layer’s width', () => {
    const { pg } = playground({ hidden: [3, 5, 7, 2] });
    pg.setLayers(0);
    expect(pg.settings.hidden).toEqual([]);
    pg.setLayers(6);
    expect(pg.settings.hidden).toEqual([3, 5, 7, 2, 3, 3]);
    pg.setUnits(1, 8);
    pg.setLayers(1);
    pg.setLayers(2);
    expect(pg.settings.hidden).toEqual([3, 8]);
  });

  it('with reduced motion Train keeps training past 20 epochs, drawing less often, until Pause', () => {
    const { pg } = playground({ dataset: 'circle' });
    pg.training.reducedMotion = true;
    pg.live.redrawMs = 500; // what attach sets for reduced motion
    pg.toggle();
    for (let i = 0; i < 30; i++) pg.live.frame(pg.training.frameRequest);
    expect(pg.running).toBe(true);
    pg.toggle();
    expect(pg.live.epoch).toBe(30);
    expect(pg.stoppedText).toBe('');
  });

  it('divergence (plane, SGD, η = 10) names the learning rate, says “1 epoch”, shows the blow-up, and lowering η trains again with the settings kept', () => {
    const { pg } = playground({ dataset: 'plane', optimizer: 'sgd', lr: 10, hidden: [4, 2], batch: 5 });
    pg.stepOnce();
    expect(pg.diverged).toBe(true);
    expect(pg.stoppedText).toMatch(/^Training diverged after 1 epoch: the training loss (reached|became) .+\. Lower the learning rate η: training starts over with your other settings kept\.$/);
    expect(pg.description).toContain(pg.stoppedText);
    expect(pg.live.curves.epochs).toEqual([0, 1]); // the first point and the blow-up: the plot draws a line
    expect(pg.live.curves.train[1] > 1e3 || !Number.isFinite(pg.live.curves.train[1])).toBe(true);
    pg.setLearningRate(0.03);
    expect(pg.diverged).toBe(false);
    expect(pg.settings).toMatchObject({ dataset: 'plane', optimizer: 'sgd', lr: 0.03, hidden: [4, 2], batch: 5 });
    expect(pg.live.epoch).toBe(0);
    pg.stepOnce();
    expect([pg.live.epoch, pg.diverged]).toEqual([1, false]);
  });

  it('a new learning rate without divergence keeps training where it is', () => {
    const { pg } = playground({ dataset: 'circle' });
    pg.stepOnce();
    pg.stepOnce();
    pg.setLearningRate(0.01);
    expect([pg.live.epoch, pg.settings.lr, pg.shareState().lr]).toEqual([2, 0.01, 0.01]);
  });

  it('says what training is doing: stopped, running, or held while the figure is off screen', () => {
    const { pg } = playground({ dataset: 'circle' });
    expect(pg.activity).toBe('stopped');
    pg.toggle();
    expect(pg.activity).toBe('running');
    pg.training.visible = false;
    expect(pg.activity).toBe('paused off screen');
    pg.training.visible = true;
    pg.toggle();
    expect(pg.activity).toBe('stopped');
  });

  it('stops at the epoch limit, says so, and Train then starts over', () => {
    const { pg } = playground({ dataset: 'circle' });
    pg.setStop({ maxEpochs: 2 });
    pg.stepOnce();
    pg.stepOnce();
    expect([pg.trainLabel, pg.stoppedText]).toEqual(['Train again', 'Training stopped at the epoch limit, 2.']);
    pg.stepOnce();
    expect(pg.live.epoch).toBe(1);
  });

  it('+ and − change layers and units within their bounds, and a removed layer comes back as wide as it was', () => {
    const { pg } = playground({ hidden: [3] });
    pg.resizeLayer(0, -1);
    pg.resizeLayer(0, -1);
    pg.resizeLayer(0, -1);
    expect(pg.settings.hidden).toEqual([1]);
    pg.addLayer();
    pg.resizeLayer(1, 1);
    expect(pg.settings.hidden).toEqual([1, 2]);
    pg.removeLayer();
    pg.removeLayer();
    pg.removeLayer();
    expect(pg.sizes).toEqual([2, 1]);
    for (let i = 0; i < 8; i++) pg.addLayer();
    expect(pg.settings.hidden).toEqual([1, 2, 1, 1, 1, 1]);
    for (let i = 0; i < 10; i++) pg.resizeLayer(5, 1);
    expect(pg.settings.hidden[5]).toBe(8);
  });

  it('selects only weights the network has, and forgets the selection when the network changes shape', () => {
    const { pg } = playground({ hidden: [3] });
    pg.selectWeight({ layer: 0, out: 2, inp: 1 });
    expect(pg.selected).toEqual({ layer: 0, out: 2, inp: 1 });
    expect(pg.selectedWeight?.value).toBe(pg.live.shown!.weights[0][2 * 2 + 1]);
    pg.selectWeight({ layer: 1, out: 1, inp: 0 });
    expect(pg.selected).toBeNull();
    pg.selectWeight({ layer: 1, out: 0, inp: 2 });
    pg.addLayer();
    expect(pg.selected).toBeNull();
  });

  it('editing a weight pauses training, changes that weight only and what the network predicts, and training goes on from there', () => {
    const { pg } = playground({ dataset: 'circle', hidden: [3] });
    pg.stepOnce();
    pg.toggle();
    const before = pg.live.shown!;
    pg.selectWeight({ layer: 0, out: 1, inp: 0 });
    pg.setWeight(4);
    expect(pg.running).toBe(false);
    const after = pg.live.shown!;
    expect(after.weights[0][2]).toBe(4);
    expect(Array.from(after.weights[0]).filter((v, k) => v !== before.weights[0][k])).toEqual([4]);
    expect(after.boundary).not.toEqual(before.boundary);
    expect(pg.selectedWeight).toMatchObject({ value: 4 });
    pg.stepOnce();
    expect(pg.live.epoch).toBe(2);
    pg.setWeight(Number.NaN);
    expect(pg.live.shown!.weights[0][2]).not.toBeNaN();
  });

  it('a figure in the prose offers only the controls its tag names; a lesson link can hide those too', () => {
    const props = parseProps(playgroundProps, { dataset: 'spiral', controls: 'optimizer,lr', id: 'a' }, 'Playground');
    const { controls, id: _id, title: _title, ...start } = props;
    const pg = new PlaygroundModel(startState(start), {}, offeredControls(controls));
    expect(pg.offered).toEqual(['lr', 'optimizer']);
    expect([pg.compact, pg.shows('lr'), pg.shows('optimizer'), pg.shows('dataset'), pg.shows('layers'), pg.showsAny('noise', 'batch')]).toEqual([true, true, true, false, false, false]);
    pg.apply({ ...pg.snapshot(), hide: ['lr'] });
    expect([pg.shows('lr'), pg.shows('optimizer')]).toEqual([false, true]);
    const full = new PlaygroundModel(startState(start));
    expect([full.compact, full.shows('dataset'), full.shows('model')]).toEqual([false, true, true]);
  });

  it('a tag with an unknown prop, control, feature or value stops the build, naming what it allows', () => {
    expect(() => parseProps(playgroundProps, { controls: 'layer' }, 'Playground')).toThrow(/<Playground>: controls="layer": names one of: dataset, features, layers/);
    expect(() => parseProps(playgroundProps, { compact: true }, 'Playground')).toThrow(/unknown prop "compact"; it takes dataset, hidden/);
    expect(() => parseProps(playgroundProps, { features: 'x1,x3' }, 'Playground')).toThrow(/features="x1,x3"/);
    expect(() => parseProps(playgroundProps, { hidden: '4,9' }, 'Playground')).toThrow(/hidden="4,9": at most 6 widths from 1 to 8/);
    expect(() => parseProps(playgroundProps, { dataset: 'spirals' }, 'Playground')).toThrow(/dataset="spirals": .*allowed: circle, xor, gaussians, spiral, moons, plane, bump\./);
    expect(() => parseProps(playgroundProps, { lr: 50 }, 'Playground')).toThrow(/lr=50/);
    expect(parseProps(playgroundProps, { hidden: '', controls: '' }, 'Playground')).toMatchObject({ hidden: '', controls: '' });
  });

});

describe('Copy link with weights (a trained network)', () => {
  it('encodes every weight and bias to the bit and back, and refuses text that does not fit', () => {
    const p = { weights: [Float32Array.of(0.1, -2.5, 1e-7, 3), Float32Array.of(-0.25, 7)], biases: [Float32Array.of(0.5, -0.5), Float32Array.of(1 / 3)] };
    const text = encodeParameters(p);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeParameters(text, [2, 2, 1])).toEqual(p);
    expect(decodeParameters(text, [2, 3, 1])).toBeNull();
    expect(decodeParameters(text.slice(0, -2), [2, 2, 1])).toBeNull();
    expect(decodeParameters(`${text}!`, [2, 2, 1])).toBeNull();
    expect(decodeParameters(encodeParameters({ weights: [Float32Array.of(Number.NaN, 0, 0, 0), Float32Array.of(0, 0)], biases: p.biases }), [2, 2, 1])).toBeNull();
    expect(parameterCount([2, 8, 8, 1])).toBe(105);
  });

  it('round-trips a trained network through the link: the receiver opens at the same epoch with the same numbers', () => {
    const { pg } = playground({ dataset: 'circle', hidden: [4] });
    for (let i = 0; i < 7; i++) pg.stepOnce();
    const shared = pg.trainedState();
    if (!shared.ok) throw new Error(shared.message);
    const text = playgroundState.encode(shared.state);
    expect(text.length).toBeLessThan(1000);
    const read = playgroundState.read(text, playgroundState.defaults());
    expect(read.notice).toBeNull();
    const other = playground().pg;
    other.apply(read.state);
    expect(other.live.epoch).toBe(7);
    expect([other.live.trainLoss, other.live.testLoss]).toEqual([pg.live.trainLoss, pg.live.testLoss]);
    expect(other.live.shown!.weights).toEqual(pg.live.shown!.weights);
    expect(other.live.shown!.boundary).toEqual(pg.live.shown!.boundary);
    other.stepOnce(); // and it trains on from there
    expect(other.live.epoch).toBe(8);
    // The address keeps the settings only: a change of settings leaves the trained network behind.
    expect(other.snapshot().trained).toBeUndefined();
  });

  it('a mangled or mismatched trained link opens the defaults with a notice', () => {
    const { pg } = playground({ dataset: 'circle', hidden: [4] });
    pg.stepOnce();
    const shared = pg.trainedState();
    if (!shared.ok) throw new Error(shared.message);
    const bad = [
      { ...shared.state, hidden: [5] }, // weights for 2-4-1, settings for 2-5-1
      { ...shared.state, trained: { ...shared.state.trained!, parameters: shared.state.trained!.parameters.slice(4) } },
      { ...shared.state, trained: { ...shared.state.trained!, parameters: '%%%' } },
      { ...shared.state, trained: { ...shared.state.trained!, epoch: -1 } },
    ];
    const fallback = playgroundState.defaults();
    for (const state of bad) expect(playgroundState.read(playgroundState.encode(state), fallback)).toEqual({ state: fallback, notice: LINK_NOTICE });
  });

  it('refuses while training runs and for a network too large for a link, saying what to do instead', () => {
    const { pg } = playground({ hidden: [8, 8, 8, 8, 8, 8], features: ['x1', 'x2', 'x1sq'] });
    const big = pg.trainedState();
    expect(big).toEqual({ ok: false, message: expect.stringMatching(/^This network has 401 weights and biases; a link carries at most 300\. Use Export model/) });
    const small = playground().pg;
    small.toggle();
    expect(small.trainedState()).toEqual({ ok: false, message: expect.stringMatching(/^Pause training first/) });
  });
});
