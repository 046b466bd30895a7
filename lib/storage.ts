// The book's one door to browser storage (localStorage), for everything it keeps there: exercise
// progress and edited code cells. Nothing here throws: every read and write says whether it worked and,
// if not, why (storage blocked by a browser setting, or full), so a view can say "not saved" at once
// instead of claiming a save that failed. Pass any object with the same three methods in tests.

/** The part of the Web Storage interface the book uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Why storage did not do what was asked. */
export type StorageFailure = 'blocked' | 'full' | 'failed';

export type WriteResult = { ok: true } | { ok: false; reason: StorageFailure; message: string };
export type ReadResult = { ok: true; value: string | null } | { ok: false; reason: StorageFailure; message: string };

/** What the reader is told, by reason; each ends without a full stop so callers can go on. */
export const FAILURE_MESSAGES: Record<StorageFailure, string> = {
  blocked: 'this browser does not let this site store anything (a privacy setting)',
  full: "this browser's storage for this site is full",
  failed: 'this browser refused to store it',
};

/** Reads the reason from what a Storage call threw. NOTE: browsers disagree on the quota error's name
 * (QuotaExceededError; Firefox's NS_ERROR_DOM_QUOTA_REACHED; legacy code 22), and blocked storage throws a
 * SecurityError, often from merely reading `window.localStorage`. */
export function failureOf(error: unknown): StorageFailure {
  const name = (error as { name?: unknown })?.name;
  const code = (error as { code?: unknown })?.code;
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014) return 'full';
  if (name === 'SecurityError' || code === 18) return 'blocked';
  return 'failed';
}

const failure = (reason: StorageFailure) => ({ ok: false as const, reason, message: FAILURE_MESSAGES[reason] });

/**
 * A storage that reports instead of throwing. `backing` null means blocked: reads find nothing and
 * writes fail with reason "blocked", so the page keeps working for the visit.
 */
export class SafeStorage {
  constructor(readonly backing: KeyValueStorage | null) {}

  /** False when the browser blocks storage for this site. */
  get available(): boolean {
    return this.backing !== null;
  }

  read(key: string): ReadResult {
    if (!this.backing) return failure('blocked');
    try {
      return { ok: true, value: this.backing.getItem(key) };
    } catch (e) {
      return failure(failureOf(e));
    }
  }

  write(key: string, value: string): WriteResult {
    if (!this.backing) return failure('blocked');
    try {
      this.backing.setItem(key, value);
      return { ok: true };
    } catch (e) {
      return failure(failureOf(e));
    }
  }

  remove(key: string): WriteResult {
    if (!this.backing) return failure('blocked');
    try {
      this.backing.removeItem(key);
      return { ok: true };
    } catch (e) {
      return failure(failureOf(e));
    }
  }
}

/** This page's localStorage, or null when the browser blocks it (then even reading the property throws). */
export function browserStorage(): KeyValueStorage | null {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    s.getItem('dll-probe'); // some browsers hand out the object and throw on first use
    return s;
  } catch {
    return null;
  }
}

let shared: SafeStorage | null = null;

/** The page's storage, shared by every view on it. */
export function pageStorage(): SafeStorage {
  return (shared ??= new SafeStorage(browserStorage()));
}
