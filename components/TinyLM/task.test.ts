// The tiny language model: trained as the figure trains it (in Node here), its held-out loss per letter falls
// well below a uniform guess and below a letter-frequency model's; its samples are names-like strings; the
// next-letter probabilities sum to 1 and sharpen as the temperature falls; the run resumes deterministically.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rng } from '../../engine/index.ts';
import { splitNames, stream } from '../CharacterModel/charmodel.ts';
import { ALPHABET, modelWith, namesOf, nextProbabilities, sampleNames, tinyLMRun, VOCAB } from './task.ts';

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
    const run = tinyLMRun({ names, seed: 1 });
    run.measure();
    for (let e = 0; e < 40; e++) run.trainEpoch();
    run.measure();
    const r = run.report();
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
});
