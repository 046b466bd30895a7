// The spam filter's training in Node, for its whole budget on the shipped corpus: both learned filters beat
// the naive Bayes baseline on the held-out messages, the page's scorers agree with the worker's scores,
// and the same seed gives the same numbers.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { accuracy, confusionAt, rocAuc, sweep } from '../ui/metrics.ts';
import { bayesLogit, fitNaiveBayes } from './bayes.ts';
import { parseCorpus, wordsOf, type SpamCorpus } from './corpusFile.ts';
import { logisticScorer, mlpScorer, probability } from './scoring.ts';
import { spamRun, spamSchedule, type SpamReport } from './task.ts';

let c: SpamCorpus;
let report: SpamReport;
beforeAll(() => {
  c = parseCorpus(new Uint8Array(readFileSync('public/data/spam.bin')));
  const run = spamRun({ seed: 1 }, c);
  for (let e = 0; e < spamSchedule.maxEpochs(c.train); e++) {
    run.trainEpoch();
    run.measure();
  }
  report = run.report();
}, 60_000);

const heldOut = () => c.labels.subarray(c.train);

describe('the spam task', () => {
  it('trains both filters for four passes and measures them on every held-out message', () => {
    expect(report.passes).toBe(4);
    expect(report.seen).toBeGreaterThanOrEqual(4 * c.train - 32 * 15);
    expect(report.scores!.logistic).toHaveLength(c.n - c.train);
    expect(report.accuracy.at.length).toBeGreaterThan(10);
  });

  it('beats the naive Bayes baseline on held-out mail, in accuracy at 0.5 and in ROC area', () => {
    const nb = fitNaiveBayes(c);
    const y = heldOut();
    const base = Float32Array.from({ length: y.length }, (_, k) => probability(bayesLogit(nb, wordsOf(c, c.train + k))));
    const acc = (s: Float32Array) => accuracy(confusionAt(s, y, 0.5));
    const auc = (s: Float32Array) => rocAuc(sweep(s, y));
    for (const k of ['logistic', 'mlp'] as const) {
      expect(acc(report.scores![k])).toBeGreaterThan(acc(base) + 0.01);
      expect(auc(report.scores![k])).toBeGreaterThan(auc(base));
    }
    // The numbers the chapter quotes.
    expect(acc(base).toFixed(3)).toBe('0.963');
    expect(auc(base).toFixed(3)).toBe('0.992');
    expect(acc(report.scores!.logistic).toFixed(3)).toBe('0.986');
    expect(acc(report.scores!.mlp).toFixed(3)).toBe('0.988');
  });

  it('gives the page the weights to score any message as the worker does', () => {
    const V = c.vocab.length;
    const score = { logistic: logisticScorer(report.weights.logistic, V), mlp: mlpScorer(report.weights.mlp, V) };
    for (const k of ['logistic', 'mlp'] as const)
      for (const i of [0, 1, 17, 500, 1180]) expect(probability(score[k](wordsOf(c, c.train + i)))).toBeCloseTo(report.scores![k][i], 5);
  });

  it('gives the same scores from the same seed', () => {
    const a = spamRun({ seed: 1 }, c);
    const b = spamRun({ seed: 1 }, c);
    for (let e = 0; e < 2; e++) {
      a.trainEpoch();
      b.trainEpoch();
      a.measure();
      b.measure();
    }
    expect(Array.from(a.report().scores!.mlp)).toEqual(Array.from(b.report().scores!.mlp));
  });
});
