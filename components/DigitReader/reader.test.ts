// The digit reader's arithmetic on a table worked by hand.
import { describe, expect, it } from 'vitest';
import { cellDigits, classRates, confusionMatrix, matrixAccuracy } from './reader.ts';

// Six digits: two 0s (one read as 6), three 1s (one read as 7), one 6 (read as 0).
const labels = [0, 0, 1, 1, 1, 6];
const predicted = [0, 6, 1, 7, 1, 0];

describe('the confusion matrix of a digit reader', () => {
  const m = confusionMatrix(labels, predicted);
  it('counts each (true, read as) pair in its cell, row by true digit', () => {
    expect([m[0], m[6], m[11], m[17], m[60]]).toEqual([1, 1, 2, 1, 1]);
    expect(m.reduce((s, v) => s + v, 0)).toBe(6);
    expect(matrixAccuracy(m)).toBeCloseTo(3 / 6, 12);
  });
  it('lists the digits of a cell in test order', () => {
    expect(cellDigits(labels, predicted, 1, 1)).toEqual([2, 4]);
    expect(cellDigits(labels, predicted, 6, 0)).toEqual([5]);
    expect(cellDigits(labels, predicted, 2, 2)).toEqual([]);
  });
  it('reads recall along a row and precision down a column, undefined for an empty one', () => {
    const r = classRates(m);
    // 0: read right once of 2 (recall 1/2); read as 0 twice, once rightly (precision 1/2).
    expect(r[0]).toEqual({ precision: 1 / 2, recall: 1 / 2, support: 2 });
    // 1: 2 of 3 found; everything read as 1 is a 1.
    expect(r[1]).toEqual({ precision: 1, recall: 2 / 3, support: 3 });
    // 6: never read right; the one read as 6 was a 0.
    expect(r[6]).toEqual({ precision: 0, recall: 0, support: 1 });
    // 7: no 7s (recall undefined); one digit read as 7, wrongly.
    expect(r[7].recall).toBeNaN();
    expect(r[7].precision).toBe(0);
    expect(r[2].precision).toBeNaN();
  });
});
