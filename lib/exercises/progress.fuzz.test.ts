// Fuzzing the progress file and the stored record (fast-check): random bytes, truncated and over-long
// text, NaN and infinities, huge counts, prototype keys and wrong versions. Whatever arrives, reading gives a
// valid record or a clear reason, never throws past its caller, and the store over it keeps working.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SafeStorage } from '../storage.ts';
import { MemoryStorage } from '../testStorage.ts';
import { EXERCISE_ID, MAX_RECORD_CHARS, parseProgress, progressFile, recordAttempt, STORAGE_KEY, type Parsed } from './progress.ts';
import { ProgressStore } from './store.svelte.ts';

/** A parse result is either a record that reads back to itself with nothing set aside, or a reason. */
function wellFormed(r: Parsed): void {
  if (!r.ok) {
    expect(typeof r.error).toBe('string');
    expect(r.error.length).toBeGreaterThan(5);
    return;
  }
  for (const [id, e] of Object.entries(r.progress.exercises)) {
    expect(id).toMatch(EXERCISE_ID);
    expect(Number.isInteger(e.attempts) && e.attempts >= 0 && e.attempts <= 1e9).toBe(true);
    expect(e.best >= 0 && e.best <= 1).toBe(true);
    expect(e.completed).toBe(e.best >= 1);
  }
  const again = parseProgress(progressFile(r.progress));
  expect(again).toEqual({ ok: true, progress: r.progress, rejected: [] });
}

const untouchedPrototype = () => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

const goodEntry = { version: 1, attempts: 2, best: 1, completed: true, response: '0.5', updatedAt: '2026-01-01T00:00:00.000Z' };
const nasty = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53 + 1, 1e9 + 1, 0.5, -1, 1.5),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);
const key = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,6})?\/[a-z0-9]{1,6}$/), weight: 4 },
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'a/b', '01-introduction/one-step', ''),
  fc.string({ maxLength: 30 }),
);
/** An entry with some fields replaced by nasty values, some removed, some added under hostile names. */
const entry = fc.record({
  replace: fc.dictionary(fc.constantFrom('version', 'seed', 'attempts', 'best', 'completed', 'response', 'updatedAt'), nasty, { maxKeys: 2 }),
  extra: fc.dictionary(key, nasty, { maxKeys: 2 }),
  drop: fc.subarray(['version', 'attempts', 'best', 'completed', 'updatedAt'], { maxLength: 1 }),
});
/** A record: the right frame mostly, a wrong version or seed sometimes, and entries under any key. */
const record = fc.record({
  version: fc.oneof({ arbitrary: fc.constant(1), weight: 6 }, nasty),
  seed: fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 20 }), weight: 6 }, nasty),
  entries: fc.array(fc.tuple(key, fc.oneof({ arbitrary: entry, weight: 4 }, nasty)), { maxLength: 8 }),
});

/** JSON text with `__proto__` as a real key (JSON.parse makes it an own property; object literals do not). */
type RecordShape = typeof record extends fc.Arbitrary<infer T> ? T : never;

function recordText(r: RecordShape): string {
  const body = r.entries
    .map(([k, e]) => {
      let value: string;
      if (e && typeof e === 'object' && 'replace' in e && 'drop' in e) {
        const fields: Record<string, unknown> = { ...goodEntry };
        for (const d of e.drop as string[]) delete fields[d];
        value = `{${[...Object.entries({ ...fields, ...(e.replace as object) }), ...Object.entries(e.extra as object)].map(([f, v]) => `${JSON.stringify(f)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
      } else value = JSON.stringify(e) ?? 'null';
      return `${JSON.stringify(k)}:${value}`;
    })
    .join(',');
  return `{"version":${JSON.stringify(r.version) ?? 'null'},"seed":${JSON.stringify(r.seed) ?? 'null'},"exercises":{${body}}}`;
}

describe('reading a progress file or stored record, fuzzed', () => {
  it('random text and random bytes: a valid record or a reason', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder().decode(b)), fc.json({ maxDepth: 4 })), (text) => {
        wellFormed(parseProgress(text));
      }),
      { numRuns: 400 },
    );
  });

  it('records with hostile fields and keys: good entries kept, the rest set aside, the prototype untouched', () => {
    fc.assert(
      fc.property(record, (r) => {
        const text = recordText(r);
        const parsed = parseProgress(text);
        wellFormed(parsed);
        untouchedPrototype();
        if (parsed.ok) expect(Object.keys(parsed.progress.exercises).length + parsed.rejected.length).toBe(new Set(JSON.parse(text).exercises ? Object.keys(JSON.parse(text).exercises) : []).size);
      }),
      { numRuns: 400 },
    );
  });

  it('a real record cut off anywhere, or padded past the limit', () => {
    let p = recordAttempt({ version: 1, seed: 'seed', exercises: {} }, '01-introduction/one-step', { version: 1, score: 1, response: '2.5', seed: 'seed' });
    p = recordAttempt(p, '02-neurons/and-gate', { version: 1, score: 0.5, response: { w1: 1, w2: 1, b: -1 }, seed: 'other' });
    const text = progressFile(p);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length }), (cut) => wellFormed(parseProgress(text.slice(0, cut)))),
      { numRuns: 200 },
    );
    const long = parseProgress(text.replace('"2.5"', JSON.stringify('9'.repeat(MAX_RECORD_CHARS))));
    expect(long).toEqual({ ok: false, error: expect.stringMatching(/MB, and a progress record is at most 1\.0 MB/) });
  });

  it('huge counts of entries are refused with a reason, not worked through', () => {
    const many = `{"version":1,"seed":"s","exercises":{${Array.from({ length: 20_000 }, (_, i) => `"a/e${i}":0`).join(',')}}}`;
    expect(parseProgress(many)).toEqual({ ok: false, error: 'it has 20,000 entries, and a record holds at most 10,000' });
  });

  it('the store over any stored text opens, records an answer, and leaves a record that reads cleanly', () => {
    fc.assert(
      fc.property(fc.oneof(record.map(recordText), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const m = new MemoryStorage();
        m.setItem(STORAGE_KEY, text);
        const store = new ProgressStore(new SafeStorage(m));
        expect(store.record('a/b', { version: 1, score: 1, response: '1', seed: store.seed })).toEqual({ ok: true });
        const stored = parseProgress(m.getItem(STORAGE_KEY)!);
        expect(stored.ok && stored.rejected).toEqual([]);
        expect(stored.ok && stored.progress.exercises['a/b'].completed).toBe(true);
        untouchedPrototype();
      }),
      { numRuns: 300 },
    );
  });
});
