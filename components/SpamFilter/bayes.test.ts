// Naive Bayes against a table worked by hand.
import { describe, expect, it } from 'vitest';
import { bayesLogit, fitNaiveBayes } from './bayes.ts';
import type { SpamCorpus } from './corpusFile.ts';

/** Four training messages over the words [free, meeting]: spam {free}, spam {free, meeting}, ham {meeting}, ham {}. */
const corpus = {
  vocab: ['free', 'meeting'],
  train: 4,
  n: 4,
  labels: Uint8Array.from([1, 1, 0, 0]),
  offsets: Int32Array.from([0, 1, 3, 4, 4]),
  ids: Uint16Array.from([0, 0, 1, 1]),
} as unknown as SpamCorpus;

describe('fitNaiveBayes', () => {
  it('gives each word its smoothed log-odds ratio and the prior plus the absent words as the base', () => {
    const nb = fitNaiveBayes(corpus);
    // free: p = (2+1)/(2+2) = 3/4 in spam, q = (0+1)/(2+2) = 1/4 in ham. meeting: p = 2/4, q = 2/4.
    const lo = (p: number) => Math.log(p / (1 - p));
    expect(nb.weight[0]).toBeCloseTo(lo(3 / 4) - lo(1 / 4), 12);
    expect(nb.weight[1]).toBeCloseTo(0, 12);
    const base = Math.log(2 / 2) + Math.log((1 / 4) / (3 / 4)) + Math.log((2 / 4) / (2 / 4));
    expect(nb.base).toBeCloseTo(base, 12);
    // A message with "free": log P(spam | free) / P(ham | free) = log (3/4 · 2/4) / (1/4 · 2/4) = log 3.
    expect(bayesLogit(nb, [0])).toBeCloseTo(Math.log(3), 12);
    expect(bayesLogit(nb, [])).toBeCloseTo(Math.log(1 / 3), 12);
  });
});
