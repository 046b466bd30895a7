// The classifier metrics against tables worked by hand, and the area under the ROC curve by the trapezoid
// rule against the rank statistic it must equal.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/random.ts';
import { accuracy, aucByRanks, averagePrecision, confusionAt, f1, npv, precision, rocAuc, sensitivity, specificity, sweep } from './metrics.ts';

describe('rates from a confusion matrix', () => {
  // 100 e-mails: 40 spam, of which 30 flagged; 60 legitimate, of which 6 flagged.
  const c = { tp: 30, fn: 10, fp: 6, tn: 54 };
  it('match the table worked by hand', () => {
    expect(sensitivity(c)).toBe(0.75);
    expect(specificity(c)).toBe(0.9);
    expect(precision(c)).toBeCloseTo(30 / 36, 12);
    expect(npv(c)).toBeCloseTo(54 / 64, 12);
    expect(accuracy(c)).toBe(0.84);
    expect(f1(c)).toBeCloseTo((2 * (30 / 36) * 0.75) / (30 / 36 + 0.75), 12);
  });
  it('call 0/0 undefined rather than inventing a value', () => {
    expect(precision({ tp: 0, fp: 0, fn: 3, tn: 7 })).toBeNaN();
  });
});

describe('thresholds and curves', () => {
  const scores = [0.9, 0.8, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1];
  const labels = [1, 1, 0, 1, 0, 1, 0, 0];

  it('counts the confusion matrix at a threshold, a score equal to it counting as flagged', () => {
    expect(confusionAt(scores, labels, 0.8)).toEqual({ tp: 2, fp: 1, fn: 2, tn: 3 });
    expect(confusionAt(scores, labels, 0.05)).toEqual({ tp: 4, fp: 4, fn: 0, tn: 0 });
  });

  it('sweeps one point per distinct score, from (0, 0) to (1, 1)', () => {
    const pts = sweep(scores, labels);
    expect(pts).toHaveLength(8);
    expect(pts[0]).toMatchObject({ tpr: 0, fpr: 0 });
    expect(pts.at(-1)).toMatchObject({ tpr: 1, fpr: 1, precision: 0.5 });
    expect(pts[2]).toMatchObject({ threshold: 0.8, tpr: 0.5, fpr: 0.25 });
  });

  it('gives the hand-computed AUC, ties counting one half', () => {
    // Pairs (positive, negative) won: 0.9 beats 4; 0.8 beats 3 and ties 1; 0.6 beats 3; 0.3 beats 2: 12.5 of 16.
    expect(aucByRanks(scores, labels)).toBe(12.5 / 16);
    expect(rocAuc(sweep(scores, labels))).toBeCloseTo(12.5 / 16, 12);
  });

  it('the trapezoid area equals the rank statistic on random scores with ties', () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 20 + rng.int(80);
      const ls = Array.from({ length: n }, () => (rng.uniform(0, 1) < 0.3 ? 1 : 0));
      ls[0] = 1;
      ls[1] = 0;
      const ss = ls.map((l) => Math.round((rng.normal() + l) * 4) / 4);
      expect(rocAuc(sweep(ss, ls))).toBeCloseTo(aucByRanks(ss, ls), 10);
    }
  });

  it('average precision is 1 for a perfect ranking and the positive share for a useless constant score', () => {
    expect(averagePrecision(sweep([3, 2, 1, 0], [1, 1, 0, 0]))).toBe(1);
    expect(averagePrecision(sweep([1, 1, 1, 1], [1, 0, 0, 0]))).toBe(0.25);
  });
});
