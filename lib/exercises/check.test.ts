// Checkers: how typed answers are read, tolerance edges, invalid versus wrong, and variant seeds.
import { describe, expect, it } from 'vitest';
import { checkChoice, checkNumeric, checkVector, close, parseMatrix, parseNumber, seedFor } from './check.ts';

describe('parseNumber', () => {
  it.each([
    ['0.25', 0.25],
    ['-0.25', -0.25],
    [' 1e-3 ', 0.001],
    ['2.5E+4', 25000],
    ['1/4', 0.25],
    ['-3/8', -0.375],
    ['.5', 0.5],
    ['\u22122', -2],
    ['1 / 4', 0.25],
  ])('reads %s', (text, value) => expect(parseNumber(text)).toBeCloseTo(value, 12));

  it.each(['', '   ', 'abc', '1/0', '0/0', '1e999', '1,5', '2x', '--1', '1/2/3'])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('checkNumeric', () => {
  it('treats empty and unreadable input as invalid, not wrong', () => {
    expect(checkNumeric('', 1).status).toBe('invalid');
    expect(checkNumeric('one half', 0.5).status).toBe('invalid');
    expect(checkNumeric('1/0', 1).status).toBe('invalid');
  });

  it('accepts within the relative tolerance and rejects just outside it', () => {
    expect(checkNumeric('1.0009', 1, { rel: 1e-3 }).status).toBe('correct');
    expect(checkNumeric('1.0011', 1, { rel: 1e-3 }).status).toBe('wrong');
  });

  it('uses the absolute tolerance near zero, where a relative one is useless', () => {
    expect(checkNumeric('1e-7', 0, { abs: 1e-6 }).status).toBe('correct');
    expect(checkNumeric('1e-5', 0, { abs: 1e-6 }).status).toBe('wrong');
    expect(close(0, 0)).toBe(true);
  });

  it('says nothing more than the verdict for a right answer (the view says "Correct.")', () => {
    expect(checkNumeric('0.5', 0.5)).toEqual({ status: 'correct', score: 1, feedback: '' });
    expect(checkVector('1, 2', [1, 2]).feedback).toBe('');
    expect(checkChoice([0], [true]).feedback).toBe('');
  });

  it('refuses an answer past the length cap with a reason, without reading it', () => {
    const huge = '1'.repeat(50_000) + 'x';
    expect(parseNumber(huge)).toBeNull();
    expect(checkNumeric(huge, 1)).toMatchObject({ status: 'invalid', feedback: expect.stringMatching(/50,001 characters long/) });
    expect(parseMatrix('1 '.repeat(6_000))).toBeNull();
    expect(checkVector('1 '.repeat(6_000), [1]).feedback).toMatch(/12,000 characters long/);
    expect(parseNumber('1'.repeat(99))).toBe(Number('1'.repeat(99)));
  });

  it('says when only the sign is wrong', () => {
    expect(checkNumeric('-0.5', 0.5).feedback).toMatch(/sign/);
  });

  it('accepts fractions for decimal answers', () => {
    expect(checkNumeric('1/3', 0.333333, { rel: 1e-4 }).status).toBe('correct');
  });
});

describe('vectors and matrices', () => {
  it('reads vectors and matrices in the usual notations', () => {
    expect(parseMatrix('1, 2, 3')).toEqual([[1, 2, 3]]);
    expect(parseMatrix('[1 2 3]')).toEqual([[1, 2, 3]]);
    expect(parseMatrix('1 2; 3 4')).toEqual([[1, 2], [3, 4]]);
    expect(parseMatrix('[[1, 2], [3, 4]]')).toEqual([[1, 2], [3, 4]]);
    expect(parseMatrix('1 2\n3 4')).toEqual([[1, 2], [3, 4]]);
    expect(parseMatrix('1, x')).toBeNull();
  });

  it('checks elementwise, counts partial credit, and calls a wrong shape invalid', () => {
    expect(checkVector('1, 2, 3', [1, 2, 3]).status).toBe('correct');
    expect(checkVector('1; 2; 3', [1, 2, 3]).status).toBe('correct');
    expect(checkVector('1, 2, 4', [1, 2, 3])).toMatchObject({ status: 'partial', feedback: '2 of 3 entries are right.' });
    expect(checkVector('1, 2', [1, 2, 3]).status).toBe('invalid');
    expect(checkVector('1 2; 3 4', [[1, 2], [3, 4]]).status).toBe('correct');
    expect(checkVector('1 2 3 4', [[1, 2], [3, 4]]).status).toBe('invalid');
    expect(checkVector('', [1]).status).toBe('invalid');
  });
});

describe('checkChoice', () => {
  it('scores single and multiple answers', () => {
    expect(checkChoice([1], [false, true, false]).status).toBe('correct');
    expect(checkChoice([0], [false, true, false]).status).toBe('wrong');
    expect(checkChoice([0, 1], [true, true, false]).status).toBe('correct');
    expect(checkChoice([0], [true, true, false])).toMatchObject({ status: 'partial', score: 0 });
    expect(checkChoice([0, 2], [true, true, false]).feedback).toMatch(/1 that should not be/);
    expect(checkChoice([], [true]).status).toBe('invalid');
  });
});

describe('seedFor', () => {
  it('is stable and distinguishes its inputs', () => {
    expect(seedFor('02-neurons/and-gate', 'alice')).toBe(seedFor('02-neurons/and-gate', 'alice'));
    expect(seedFor('02-neurons/and-gate', 'alice')).not.toBe(seedFor('02-neurons/and-gate', 'bob'));
    expect(seedFor('a', 'bc')).not.toBe(seedFor('ab', 'c'));
  });
});
