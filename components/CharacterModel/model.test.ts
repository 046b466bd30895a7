// The character model figure over the trainer service (on the page, as in Node): it loads the names file the
// build writes, trains in steps of 25, beats the bigram baseline on held-out names, says where its samples
// come from, answers the temperature, round-trips its link, and resets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../ui/modelContract.ts';
import { CharModel, charState, parseNames } from './model.svelte.ts';
import { charSchedule, SAMPLES } from './task.ts';

const file = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/names.json'), 'utf8'));
const loaded = async () => {
  const m = new CharModel({}, { fetchNames: async () => file });
  await m.load();
  return m;
};

describe('CharModel', () => {
  it('loads the name lists, and refuses a file of another shape', async () => {
    expect(parseNames(file).length).toBe(file.female.length + file.male.length);
    expect(() => parseNames({ version: 2, female: [] })).toThrow(/expected format/);
    const bad = new CharModel({}, { fetchNames: async () => ({}) });
    await bad.load();
    expect(bad.status).toBe('failed');
    expect(bad.describe()).toMatch(/^The names could not be loaded/);
  });

  it('describes the untrained net against its baselines, then a step of training and its samples', async () => {
    const m = await loaded();
    expect(m.status).toBe('ready');
    const f = m.fixed!;
    expect(f.train + f.test).toBeGreaterThan(8000);
    expect(f.baselines.bigram).toBeLessThan(f.baselines.unigram);
    expect(m.testLoss!).toBeGreaterThan(Math.log(27) - 0.2);
    expect(m.describe()).toMatch(/^An LSTM with 64 units, not trained yet: its held-out loss is 3\.\d\d nats per character \(bigram 2\.\d\d, letter frequencies alone 2\.\d\d\)/);
    m.training!.stepOnce();
    expect(m.shown!.steps).toBe(charSchedule.stepsPerEpoch);
    expect(m.shown!.samples).toHaveLength(SAMPLES);
    expect(m.shown!.origins.count).toBe(2 * SAMPLES);
    expect(m.describe()).toMatch(/^After 25 of 3,000 steps \(paused\): held-out loss .* Samples at temperature 1: .* Of the last 16 samples, \d+% copy a training name/);
    const probe = m.shown!.probe;
    expect(probe.probs.length).toBe(Math.min(probe.name.length + 1, 17));
  });

  it('after 100 steps the held-out loss is below the bigram baseline', async () => {
    // (chapter 8's test reads the same run, recorded, to 3,000 steps, and trains its first 500 again)
    const m = await loaded();
    for (let i = 0; i < 100 / charSchedule.stepsPerEpoch; i++) m.training!.stepOnce();
    expect(m.shown!.steps).toBe(100);
    expect(m.shown!.curve.at).toEqual([0, 100]);
    expect(m.testLoss!).toBeLessThan(m.fixed!.baselines.bigram);
    expect(m.report()).toMatchObject({ steps: 100, temperature: 1 });
  }, 60_000);

  it('a new temperature draws new samples from the same weights and starts the counts over; Train again keeps it', async () => {
    const m = await loaded();
    m.training!.stepOnce();
    m.setTemperature(0.31);
    expect(m.temperature).toBe(0.3);
    expect(m.shown!.temperature).toBe(0.3);
    expect(m.shown!.steps).toBe(charSchedule.stepsPerEpoch);
    expect(m.shown!.origins.count).toBe(SAMPLES);
    expect(m.training!.live.settings.temperature).toBe(0.3);
    const before = m.shown!.samples.map((s) => s.name);
    m.resample();
    expect(m.shown!.samples.map((s) => s.name)).not.toEqual(before);
    m.setTemperature(9);
    expect(m.temperature).toBe(2);
  });

  it('round-trips its link, refuses a bad one, and resets to where it opened', async () => {
    const m = await loaded();
    m.setTemperature(0.5);
    const back = charState.decode(charState.encode(m.snapshot()));
    if (!back.ok) throw new Error(back.reason);
    expect(back.state).toEqual({ temperature: 0.5 });
    expect(charState.parse({ v: 1, temperature: 5 }).ok).toBe(false);
    expect(charState.parse({ v: 1, temperature: 'hot' }).ok).toBe(false);
    m.training!.stepOnce();
    m.reset();
    expect(m.snapshot()).toEqual({ temperature: 1 });
    expect(m.shown!.steps).toBe(0);
    expect(m.shown!.temperature).toBe(1);
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', async () => checkModel(await loaded()));
});
