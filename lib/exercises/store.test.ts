// The page's progress store over a storage that can be empty, corrupt, full or blocked.
import { describe, expect, it } from 'vitest';
import { SafeStorage } from '../storage.ts';
import { MemoryStorage } from '../testStorage.ts';
import { ASIDE_PREFIX, emptyProgress, recordAttempt, STORAGE_KEY } from './progress.ts';
import { BLOCKED_NOTICE, ProgressStore } from './store.svelte.ts';

const entry = (over: object = {}) => ({ version: 1, attempts: 1, best: 1, completed: true, response: '0.5', updatedAt: '2026-01-01T00:00:00.000Z', ...over });
const attempt = (score: number, response: unknown, seed: string) => ({ version: 1, score, response, seed });
let tick = 0;
const clock = () => new Date(Date.UTC(2026, 0, 1) + tick++ * 1000);
const open = (m: MemoryStorage) => new ProgressStore(new SafeStorage(m), clock);
const stored = (m: MemoryStorage) => JSON.parse(m.getItem(STORAGE_KEY)!);

describe('a new reader', () => {
  it('gets a seed that is saved before anything else happens, so every page draws the same variants', () => {
    const m = new MemoryStorage();
    const first = open(m);
    expect(stored(m).seed).toBe(first.seed);
    expect(open(m).seed).toBe(first.seed);
    expect(first.persistence).toBe('saved');
    expect(first.notice).toBeNull();
  });
});

describe('a record with bad entries', () => {
  const text = JSON.stringify({ version: 1, seed: 'abc', exercises: { 'a/one': entry(), 'a/two': entry({ attempts: 'many' }), 'a/three': entry() } });

  it('keeps every good entry, sets the bad one aside once, and writes the cleaned record back', () => {
    const m = new MemoryStorage();
    m.setItem(STORAGE_KEY, text);
    const store = open(m);
    expect(Object.keys(store.progress.exercises)).toEqual(['a/one', 'a/three']);
    expect(store.notice).toMatch(/^1 saved exercise entry could not be read \(the first, "a\/two": attempts: .*\), so it was set aside under "dll-progress-corrupt-\d+"; the other 2 entries are kept\.$/);
    const aside = m.keys(ASIDE_PREFIX);
    expect(aside).toHaveLength(1);
    expect(JSON.parse(m.getItem(aside[0])!).setAside).toEqual([{ id: 'a/two', reason: expect.any(String), entry: entry({ attempts: 'many' }) }]);
    expect(Object.keys(stored(m).exercises)).toEqual(['a/one', 'a/three']);
    // The next page (or the next exercise's view on this one) finds nothing more to set aside.
    expect(open(m).notice).toBeNull();
    expect(m.keys(ASIDE_PREFIX)).toHaveLength(1);
  });

  it('hands the notice to the first view that asks, and to no other', () => {
    const m = new MemoryStorage();
    m.setItem(STORAGE_KEY, text);
    const store = open(m);
    expect(store.claimNotice()).toMatch(/set aside/);
    expect(store.claimNotice()).toBeNull();
  });

  it('sets a record it cannot read at all aside whole, and starts afresh', () => {
    const m = new MemoryStorage();
    m.setItem(STORAGE_KEY, '{not json');
    const store = open(m);
    expect(store.notice).toMatch(/^Your saved progress could not be read \(it is not valid JSON\), so it was set aside under "dll-progress-corrupt-\d+" and a fresh record started\.$/);
    expect(m.getItem(m.keys(ASIDE_PREFIX)[0])).toBe('{not json');
    expect(stored(m).seed).toBe(store.seed);
  });

  it('with no room to set them aside, leaves the stored record untouched and keeps this visit in memory', () => {
    const m = new MemoryStorage(text.length + STORAGE_KEY.length + 10);
    m.setItem(STORAGE_KEY, text);
    const store = open(m);
    expect(store.notice).toMatch(/no room to set it aside .*left as it was/);
    expect(store.persistence).toBe('unsaved');
    expect(store.record('a/four', attempt(1, '1', store.seed)).ok).toBe(false);
    expect(store.entry('a/four')?.completed).toBe(true);
    expect(m.getItem(STORAGE_KEY)).toBe(text);
    expect(JSON.parse(store.exportText()).exercises['a/four'].completed).toBe(true);
  });
});

describe('writes that fail', () => {
  it('report a full storage at once, keep the answer in memory for export, and recover when there is room', () => {
    const m = new MemoryStorage(400);
    const store = open(m);
    const seed = store.seed;
    m.setItem('filler', 'x'.repeat(400 - m.getItem(STORAGE_KEY)!.length - STORAGE_KEY.length - 'filler'.length));
    const result = store.record('a/b', attempt(1, 'a long answer', seed));
    expect(result).toMatchObject({ ok: false, reason: 'full', message: expect.stringMatching(/full/) });
    expect(store.persistence).toBe('unsaved');
    expect(store.problem).toMatch(/full/);
    expect(store.entry('a/b')?.completed).toBe(true);
    expect(stored(m).exercises['a/b']).toBeUndefined();
    expect(JSON.parse(store.exportText()).exercises['a/b']).toMatchObject({ completed: true, response: 'a long answer' });
    m.removeItem('filler');
    expect(store.retry()).toEqual({ ok: true });
    expect(store.persistence).toBe('saved');
    expect(stored(m).exercises['a/b'].response).toBe('a long answer');
  });
});

describe('storage blocked by a browser setting', () => {
  it('works for the visit and says that nothing will be remembered', () => {
    const store = new ProgressStore(new SafeStorage(null), clock);
    expect(store.persistence).toBe('blocked');
    expect(store.notice).toBe(BLOCKED_NOTICE);
    expect(store.notice).toMatch(/nothing you do here will be remembered/);
    const r = store.record('a/b', attempt(1, '2', store.seed));
    expect(r).toMatchObject({ ok: false, reason: 'blocked' });
    expect(store.entry('a/b')?.attempts).toBe(1);
    expect(store.persistence).toBe('blocked');
  });
});

describe('another tab', () => {
  it('is not overwritten: a write starts from what the other tab stored', () => {
    const m = new MemoryStorage();
    const here = open(m);
    const there = open(m);
    there.record('a/there', attempt(1, 'x', there.seed));
    here.record('a/here', attempt(1, 'y', here.seed));
    expect(Object.keys(stored(m).exercises).sort()).toEqual(['a/here', 'a/there']);
  });
});

describe('imports', () => {
  it('merge keeps my seed and each answer keeps its own; replace takes the file whole', () => {
    const m = new MemoryStorage();
    const store = open(m);
    store.record('a/mine', attempt(1, 'm', store.seed));
    const theirs = recordAttempt(emptyProgress('theirs'), 'a/theirs', attempt(1, 't', 'theirs'));
    const plan = store.planImport(JSON.stringify(theirs));
    expect(plan).toMatchObject({ ok: true, kind: 'ask' });
    if (!plan.ok) return;
    store.applyImport(plan.imported, 'merge');
    expect(stored(m).seed).toBe(store.seed);
    expect(stored(m).exercises['a/theirs'].seed).toBe('theirs');
    store.applyImport(plan.imported, 'replace');
    expect(stored(m)).toEqual(theirs);
  });

  it('refuse a file that is too large, and change nothing', () => {
    const m = new MemoryStorage();
    const store = open(m);
    const before = m.getItem(STORAGE_KEY);
    expect(store.planImport('x'.repeat(6e6))).toEqual({ ok: false, error: expect.stringMatching(/6\.0 MB.*at most 1\.0 MB/) });
    expect(m.getItem(STORAGE_KEY)).toBe(before);
  });
});
