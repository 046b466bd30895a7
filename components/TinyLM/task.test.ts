// The tiny language model: trained as the figure trains it (in Node here), its held-out loss per letter falls
// well below a uniform guess and below a letter-frequency model's; its samples are names-like strings; the
// next-letter probabilities sum to 1 and sharpen as the temperature falls; the run resumes deterministically.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rng } from '../../engine/index.ts';
import { CharNet, splitNames, stream } from '../CharacterModel/charmodel.ts';
import { ALPHABET, CONTEXT, LSTM_LR, lstmNames, lstmProbabilities, lstmWith, modelWith, namesOf, nextProbabilities, sampleNames, tinyLMRun, tinyLMSchedule, VOCAB } from './task.ts';

const names = namesOf(JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/names.json'), 'utf8')));

/** The held-out loss per letter of the best model that ignores context: the letter frequencies of the training names. */
function unigramLoss(): number {
  const { train, test } = splitNames(names, rng(2));
  const counts = new Array(VOCAB).fill(1);
  for (const id of stream(train, rng(3))) counts[id]++;
  const total = counts.reduce((a, b) => a + b, 0);
  const t = stream(test, rng(4));
  let sum = 0;
  for (let i = 1; i < t.length; i++) sum -= Math.log(counts[t[i]] / total);
  return sum / (t.length - 1);
}

describe('the tiny language model', () => {
  it('learns the names: held-out loss per letter below the letter frequencies, samples that look like names', () => {
    // 300 of the figure's 1,000 steps: the loss per letter is already well below the letter frequencies' (chapter 9's
    // test reads the whole run, recorded, for the prose)
    const run = tinyLMRun({ names, seed: 1 });
    run.measure();
    for (let e = 0; e < 300 / tinyLMSchedule.stepsPerEpoch; e++) run.trainEpoch();
    run.measure();
    const r = run.report();
    expect(r.steps).toBe(300);
    expect(r.testLoss[0]).toBeCloseTo(Math.log(VOCAB), 1);
    const uni = unigramLoss();
    console.log('tiny-lm', r.steps, r.testLoss.map((v) => v.toFixed(3)).join(' '), 'unigram', uni.toFixed(3));
    expect(r.testLoss.at(-1)!).toBeLessThan(uni - 0.3);
    const m = modelWith(r.weights);
    const p = nextProbabilities(m, 'ma', 1);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const cold = nextProbabilities(m, 'ma', 0.3);
    expect(Math.max(...cold)).toBeGreaterThan(Math.max(...p));
    const drawn = sampleNames(m, '', 12, 0.8, rng(5));
    console.log(drawn.join(' '));
    for (const n of drawn) expect(n).toMatch(/^[a-z]{0,15}$/);
    expect(drawn.filter((n) => n.length >= 3).length).toBeGreaterThanOrEqual(9);
    expect(ALPHABET[p.indexOf(Math.max(...p))]).toMatch(/[a-z.]/);
  }, 120_000);

  it('with the LSTM beside it: the same windows as a CharNet trained alone, the transformer unchanged, and Pause’s state restores both', () => {
    const both = tinyLMRun({ names, seed: 1, lstm: true });
    const alone = tinyLMRun({ names, seed: 1 });
    both.measure();
    // for Pause (below): the state and the weights before the epoch
    const saved = structuredClone(both.saveState());
    const weights = both.parameters().map((p) => p.data.slice());
    both.trainEpoch();
    alone.trainEpoch();
    const m = both.measure();
    expect(m).toEqual(alone.measure());
    // chapter 8's CharNet, trained by hand on windows from a generator seeded as the run's data
    const { train, test } = splitNames(names, rng(2));
    const net = new CharNet({ seed: 1, lr: LSTM_LR });
    const r = rng(5);
    const trainText = stream(train, rng(3));
    for (let i = 0; i < tinyLMSchedule.stepsPerEpoch; i++) net.trainStep(trainText, r, tinyLMSchedule.batch, CONTEXT);
    const report = both.report();
    expect(report.lstmTestLoss).toHaveLength(2);
    expect(report.lstmTestLoss![0]).toBeCloseTo(Math.log(VOCAB), 1);
    expect(report.lstmTestLoss![1]).toBe(net.evaluate(stream(test, rng(4)).subarray(0, 64 * CONTEXT + 1), CONTEXT));
    expect(alone.report().lstmTestLoss).toBeUndefined();
    expect(both.parameters().length).toBe(alone.parameters().length + net.parameters().length);
    // Pause: put the saved state and weights back and train the epoch again: the same numbers, the same curves
    const lstmCurve = report.lstmTestLoss!.slice();
    both.parameters().forEach((p, i) => p.data.set(weights[i]));
    both.loadState(saved);
    both.trainEpoch();
    expect(both.measure()).toEqual(m);
    expect(both.report().lstmTestLoss).toEqual(lstmCurve);
    // its weights on the page: probabilities that sum to 1, names that start with the prefix
    const page = lstmWith(both.report().lstmWeights!);
    const p = lstmProbabilities(page, 'ma', 1);
    expect(p).toHaveLength(VOCAB);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const drawn = lstmNames(page, 'ma', 5, 1, rng(3));
    for (const n of drawn) expect(n).toMatch(/^ma[a-z]{0,13}$/);
    expect(lstmNames(page, 'ma', 5, 1, rng(3))).toEqual(drawn);
  }, 30_000);
});
