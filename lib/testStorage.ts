// For tests: an in-memory Storage that can be filled to a quota and that throws the errors browsers throw.
import type { KeyValueStorage } from './storage.ts';

export class MemoryStorage implements KeyValueStorage {
  items = new Map<string, string>();
  /** The most characters (keys and values) it holds, as browsers count their quota. */
  constructor(public quota = Infinity) {}

  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }

  setItem(k: string, v: string): void {
    const used = [...this.items].reduce((n, [key, value]) => n + (key === k ? 0 : key.length + value.length), 0);
    if (used + k.length + v.length > this.quota) throw new DOMException(`Setting the value of '${k}' exceeded the quota.`, 'QuotaExceededError');
    this.items.set(k, String(v));
  }

  removeItem(k: string): void {
    this.items.delete(k);
  }

  keys(prefix = ''): string[] {
    return [...this.items.keys()].filter((k) => k.startsWith(prefix));
  }
}
