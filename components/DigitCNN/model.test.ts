// The digit figure's model on the page's own trainer host: it waits for the digits, trains in steps of
// 400 images, describes what it shows, answers the probe and preset controls, round-trips its link,
// resets, and reports to exercises the last measured accuracy of each net.
import { beforeAll, describe, expect, it } from 'vitest';
import { data } from '../../engine/index.ts';
import { useDigits } from './digits.ts';
import { checkModel } from '../ui/modelContract.ts';
import { DigitModel, digitState } from './model.svelte.ts';
import { digitSchedule } from './task.ts';

beforeAll(async () => {
  useDigits(await data.loadDigits({ all: true }));
});

describe('DigitModel', () => {
  it('trains both nets, measures them every 2,000 images and says what it shows', () => {
    const m = new DigitModel();
    expect(m.status).toBe('ready');
    expect(m.describe()).toMatch(/^The LeNet-shaped CNN \(61,706 parameters\) and a dense network with 78 hidden units \(62,020 parameters\), after 0 training images/);
    expect(m.report()).toMatchObject({ preset: 'lenet', seen: 0, accuracy: { cnn: undefined, mlp: undefined } });
    for (let i = 0; i < digitSchedule.testEvery; i++) m.training!.stepOnce();
    const rep = m.report();
    expect(rep.seen).toBe(2_000);
    expect(rep.accuracy.cnn).toBeGreaterThan(0.6);
    expect(m.describe()).toMatch(/after 2,000 training images \(pass 1 of 6\): test accuracy \d+\.\d% for the CNN and \d+\.\d% for the dense network\./);
    expect(m.describe()).toMatch(/Test digit 1, a \d: the CNN says \d/);
  });

  it('shows another test digit without touching training, and a new preset starts over', () => {
    const m = new DigitModel();
    m.training!.stepOnce();
    m.setProbe(41);
    expect(m.shown!.probe).toBe(41);
    expect(m.shown!.seen).toBe(400);
    m.setPreset('small');
    expect(m.shown!.seen).toBe(0);
    expect(m.shown!.params.cnn).toBe(4_266);
    expect(m.shown!.probe).toBe(41);
    expect(m.describe()).toMatch(/^The small CNN \(4,266 parameters\) and a dense network with 5 hidden units/);
  });

  it('round-trips its link, refuses a bad one, and resets to where it opened', () => {
    const m = new DigitModel({ preset: 'small' });
    m.setPreset('lenet');
    m.setProbe(7);
    const text = digitState.encode(m.snapshot());
    const back = digitState.decode(text);
    if (!back.ok) throw new Error(back.reason);
    expect(back.state).toEqual({ preset: 'lenet', probe: 7 });
    expect(digitState.parse({ v: 1, preset: 'huge' }).ok).toBe(false);
    expect(digitState.parse({ v: 1, probe: 5000 }).ok).toBe(false);
    m.training!.stepOnce();
    m.reset();
    expect(m.snapshot()).toEqual({ preset: 'small', probe: 0 });
    expect(m.shown!.seen).toBe(0);
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new DigitModel()));
});
