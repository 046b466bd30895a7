// Progress storage: round trips, migration of an old record, and recovery from corrupt data.
import { describe, expect, it } from 'vitest';
import { emptyProgress, loadProgress, mergeProgress, parseProgress, recordAttempt, saveProgress, STORAGE_KEY } from './progress.ts';

class MemoryStorage {
  items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

describe('progress', () => {
  it('starts empty and round-trips through storage', () => {
    const s = new MemoryStorage();
    const first = loadProgress(s);
    expect(first.notice).toBeNull();
    const p = recordAttempt(first.progress, '02-neurons/and-gate', 1, 1, { w1: 1, w2: 1, b: -1.5 });
    saveProgress(p, s);
    expect(loadProgress(s).progress).toEqual(p);
  });

  it('counts attempts, keeps the best score and marks completion', () => {
    let p = emptyProgress('seed');
    p = recordAttempt(p, 'x/y', 1, 0, '3');
    p = recordAttempt(p, 'x/y', 1, 1, '4');
    p = recordAttempt(p, 'x/y', 1, 0, '5');
    expect(p.exercises['x/y']).toMatchObject({ attempts: 3, best: 1, completed: true, response: '5' });
  });

  it('migrates a version-0 record', () => {
    const p = parseProgress(JSON.stringify({ completed: ['01-introduction/one-step'], seed: 'abc' }));
    expect(p.version).toBe(1);
    expect(p.seed).toBe('abc');
    expect(p.exercises['01-introduction/one-step'].completed).toBe(true);
  });

  it.each([
    ['not JSON', '{oops'],
    ['the wrong shape', JSON.stringify({ version: 1, seed: 'a', exercises: { x: { attempts: -1 } } })],
    ['a future version', JSON.stringify({ version: 99, seed: 'a', exercises: {} })],
  ])('sets aside %s with a notice and starts fresh', (_, text) => {
    const s = new MemoryStorage();
    s.setItem(STORAGE_KEY, text);
    const loaded = loadProgress(s);
    expect(loaded.notice).toMatch(/could not be read/);
    expect(loaded.progress.exercises).toEqual({});
    const aside = [...s.items.keys()].find((k) => k.startsWith(`${STORAGE_KEY}-corrupt-`));
    expect(aside && s.getItem(aside)).toBe(text);
  });

  it('merges an import: the better, then the newer, entry wins', () => {
    const a = recordAttempt(emptyProgress('a'), 'e/1', 1, 0.5, 'x', new Date(1000));
    const b = recordAttempt(recordAttempt(emptyProgress('b'), 'e/1', 1, 1, 'y', new Date(500)), 'e/2', 1, 0, 'z');
    const m = mergeProgress(a, b);
    expect(m.exercises['e/1'].response).toBe('y');
    expect(Object.keys(m.exercises)).toEqual(['e/1', 'e/2']);
  });
});
