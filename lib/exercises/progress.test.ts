// The progress record's pure functions: reading entry by entry, migration, limits, attempts, merging with
// each answer's seed, and what an import asks.
import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  importKind,
  MAX_RECORD_CHARS,
  mergeProgress,
  parseProgress,
  progressFile,
  recordAttempt,
  variantSeed,
  type Progress,
} from './progress.ts';

const entry = (over: object = {}) => ({ version: 1, attempts: 1, best: 1, completed: true, response: '0.5', updatedAt: '2026-01-01T00:00:00.000Z', ...over });
const record = (exercises: object, over: object = {}) => JSON.stringify({ version: 1, seed: 'abc', exercises, ...over });
const ok = (text: string) => {
  const r = parseProgress(text);
  if (!r.ok) throw new Error(r.error);
  return r;
};
const attempt = (score: number, response: unknown, seed = 's') => ({ version: 1, score, response, seed });

describe('reading a record', () => {
  it('round-trips a record it wrote', () => {
    const p = recordAttempt(emptyProgress('s'), '02-neurons/and-gate', attempt(1, { w1: 1, w2: 1, b: -1.5 }));
    expect(ok(progressFile(p)).progress).toEqual(p);
  });

  it('keeps every good entry and sets aside only the bad ones, with why', () => {
    const r = ok(record({ 'a/one': entry(), 'a/two': entry({ attempts: -1 }), 'a/three': entry({ best: 0, completed: false }), 'a/four': 'junk' }));
    expect(Object.keys(r.progress.exercises)).toEqual(['a/one', 'a/three']);
    expect(r.rejected.map((x) => x.id)).toEqual(['a/two', 'a/four']);
    expect(r.rejected[0].reason).toMatch(/attempts/);
    expect(r.rejected[1].entry).toBe('junk');
  });

  it('never lets a key reach the object prototype', () => {
    const text = '{"version":1,"seed":"abc","exercises":{"__proto__":' + JSON.stringify(entry()) + ',"constructor":' + JSON.stringify(entry()) + ',"a/b":' + JSON.stringify(entry()) + '}}';
    const r = ok(text);
    expect(Object.keys(r.progress.exercises)).toEqual(['a/b']);
    expect(r.rejected.map((x) => x.id).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(r.progress.exercises)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).version).toBeUndefined();
  });

  it('migrates a version-0 record', () => {
    const { progress } = ok(JSON.stringify({ completed: ['01-introduction/one-step'], seed: 'abc' }));
    expect(progress.version).toBe(1);
    expect(progress.seed).toBe('abc');
    expect(progress.exercises['01-introduction/one-step'].completed).toBe(true);
  });

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['a list', '[1, 2]', /not a progress record/],
    ['a future format', record({}, { version: 2 }), /newer version of this book \(format 2/],
    ['no format version', JSON.stringify({ seed: 'a', exercises: {} }), /no format version/],
    ['no seed', record({}, { seed: '' }), /no valid seed/],
    ['no table of exercises', record([]), /no table of exercises/],
  ])('refuses %s with a reason', (_, text, reason) => {
    const r = parseProgress(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
  });

  it('refuses an oversized file before reading it, saying how large it is', () => {
    const r = parseProgress(record({ 'a/b': entry({ response: 'x'.repeat(MAX_RECORD_CHARS) }) }));
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^it is 1\.0 MB, and a progress record is at most 1\.0 MB$/) });
    expect(parseProgress(' '.repeat(6e6))).toMatchObject({ ok: false, error: expect.stringContaining('6.0 MB') });
  });

  it('sets aside an entry whose answer is too large to keep, or nested too deep to write', () => {
    const deep = '['.repeat(40_000) + ']'.repeat(40_000);
    const withResponse = (json: string) => JSON.stringify(entry({ response: 0 })).replace('"response":0', `"response":${json}`);
    const text = `{"version":1,"seed":"abc","exercises":{"a/big":${withResponse(JSON.stringify('x'.repeat(200_000)))},"a/deep":${withResponse(deep)},"a/ok":${withResponse('[1]')}}}`;
    const r = ok(text);
    expect(Object.keys(r.progress.exercises)).toEqual(['a/ok']);
    expect(r.rejected.map((x) => [x.id, x.reason])).toEqual([
      ['a/big', expect.stringMatching(/over 100,000 characters/)],
      ['a/deep', expect.stringMatching(/over 100,000 characters or nested too deep/)],
    ]);
  });
});

describe('attempts', () => {
  it('counts attempts, keeps the best score and marks completion', () => {
    let p = emptyProgress('s');
    p = recordAttempt(p, 'x/y', attempt(0, '3'));
    p = recordAttempt(p, 'x/y', attempt(1, '4'));
    p = recordAttempt(p, 'x/y', attempt(0, '5'));
    expect(p.exercises['x/y']).toMatchObject({ attempts: 3, best: 1, completed: true, response: '5' });
    expect(p.exercises['x/y'].seed).toBeUndefined();
  });

  it("keeps the seed of an answer's variant when it is not the record's", () => {
    const p = recordAttempt(emptyProgress('mine'), 'x/y', attempt(1, '4', 'assignment-7'));
    expect(p.exercises['x/y'].seed).toBe('assignment-7');
    expect(variantSeed(p, 'x/y')).toBe('assignment-7');
    expect(variantSeed(p, 'x/z')).toBe('mine');
  });
});

describe('importing', () => {
  const mine = recordAttempt(emptyProgress('mine'), 'e/one', attempt(0.5, 'x', 'mine'), new Date(1000));
  const theirs: Progress = recordAttempt(recordAttempt(emptyProgress('theirs'), 'e/one', attempt(1, 'y', 'theirs'), new Date(500)), 'e/two', attempt(0, 'z', 'theirs'));

  it('merges keeping my seed: the better, then the newer, entry wins and keeps the seed it was answered with', () => {
    const m = mergeProgress(mine, theirs);
    expect(m.seed).toBe('mine');
    expect(m.exercises['e/one']).toMatchObject({ response: 'y', seed: 'theirs' });
    expect(variantSeed(m, 'e/two')).toBe('theirs');
    expect(Object.keys(m.exercises)).toEqual(['e/one', 'e/two']);
  });

  it('drops an entry seed that a merge makes equal to the record seed', () => {
    const back = recordAttempt(emptyProgress('theirs'), 'e/three', attempt(1, 'w', 'mine'));
    expect(mergeProgress(theirs, back).exercises['e/three'].seed).toBe('mine');
    expect(mergeProgress(mine, back).exercises['e/three'].seed).toBeUndefined();
  });

  it('asks only when another reader\'s file meets a record with entries', () => {
    expect(importKind(mine, { ...theirs, seed: 'mine' })).toBe('same');
    expect(importKind(emptyProgress('new'), theirs)).toBe('adopt');
    expect(importKind(mine, theirs)).toBe('ask');
  });
});
