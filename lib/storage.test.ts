// The storage door: it never throws, and it says why a read or write failed.
import { describe, expect, it } from 'vitest';
import { browserStorage, failureOf, SafeStorage } from './storage.ts';
import { MemoryStorage } from './testStorage.ts';

describe('SafeStorage', () => {
  it('reads, writes and removes', () => {
    const s = new SafeStorage(new MemoryStorage());
    expect(s.write('k', 'v')).toEqual({ ok: true });
    expect(s.read('k')).toEqual({ ok: true, value: 'v' });
    expect(s.remove('k')).toEqual({ ok: true });
    expect(s.read('k')).toEqual({ ok: true, value: null });
  });

  it('reports a full storage instead of throwing', () => {
    const s = new SafeStorage(new MemoryStorage(10));
    expect(s.write('k', 'x'.repeat(20))).toEqual({ ok: false, reason: 'full', message: "this browser's storage for this site is full" });
  });

  it('treats missing storage as blocked: reads and writes fail with that reason', () => {
    const s = new SafeStorage(null);
    expect(s.available).toBe(false);
    expect(s.read('k')).toMatchObject({ ok: false, reason: 'blocked' });
    expect(s.write('k', 'v')).toMatchObject({ ok: false, reason: 'blocked', message: expect.stringMatching(/privacy setting/) });
  });

  it('tells the reasons apart by the errors browsers throw', () => {
    expect(failureOf(new DOMException('', 'QuotaExceededError'))).toBe('full');
    expect(failureOf({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe('full');
    expect(failureOf(new DOMException('', 'SecurityError'))).toBe('blocked');
    expect(failureOf(new Error('other'))).toBe('failed');
    expect(failureOf(undefined)).toBe('failed');
  });

  it('hands out null when merely reading localStorage throws, as it does where storage is blocked', () => {
    const had = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', { configurable: true, get: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    try {
      expect(browserStorage()).toBeNull();
      Object.defineProperty(globalThis, 'localStorage', { configurable: true, value: new MemoryStorage() });
      expect(browserStorage()).toBeInstanceOf(MemoryStorage);
    } finally {
      if (had) Object.defineProperty(globalThis, 'localStorage', had);
      else delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
