// The saved edits of code cells, through the book's one storage door (lib/storage.ts): one entry per cell,
// versioned ({ v: 1, code }), read back only if it is valid. Text saved by earlier versions of the book
// (the bare code) still loads. An entry that cannot be read (junk, another version, oversized) is set aside
// under its own key, once, with a notice, and the cell opens with its original code; a failed write says
// why at once instead of claiming a save.
import { z } from 'zod';
import { pageStorage, type SafeStorage } from '../../lib/storage.ts';
import { safeParseFile } from '../../lib/safeParse.ts';

/** Longest code a cell saves (a reader's edit is a few KB; a 1 MB paste is a mistake, not a program). */
export const MAX_SAVED_CODE = 200_000;
const VERSION = 1;

const entry = z.object({ v: z.literal(VERSION), code: z.string().max(MAX_SAVED_CODE) });

export interface LoadResult {
  /** The saved code, or null if there is none (or it could not be read). */
  code: string | null;
  /** What the reader should be told, if anything went wrong. */
  notice: string | null;
}

export type SaveResult = { saved: true } | { saved: false; message: string };

export class CellStore {
  constructor(
    private key: string,
    private storage: SafeStorage = pageStorage(),
  ) {}

  static forCell(path: string, id: string, storage?: SafeStorage): CellStore {
    return new CellStore(`dll-cell:${path}:${id}`, storage);
  }

  load(): LoadResult {
    const r = this.storage.read(this.key);
    if (!r.ok) return { code: null, notice: r.reason === 'blocked' ? `Edits to this cell will not be kept: ${r.message}.` : null };
    const text = r.value;
    if (text === null) return { code: null, notice: null };
    if (text.length > MAX_SAVED_CODE + 64) return this.setAside(text, 'it was too large');
    if (!text.startsWith('{"v":')) return { code: text, notice: null }; // bare code, as saved before version 1
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.setAside(text, 'it was damaged');
    }
    const valid = safeParseFile(entry, parsed);
    if (!valid.success) return this.setAside(text, (parsed as { v?: unknown })?.v !== VERSION ? 'it came from another version of the book' : 'it was damaged');
    return { code: valid.data.code, notice: null };
  }

  private setAside(text: string, why: string): LoadResult {
    const aside = this.storage.write(`${this.key}:set-aside`, text.slice(0, MAX_SAVED_CODE + 64));
    this.storage.remove(this.key);
    return {
      code: null,
      notice: `Your saved edit of this cell could not be read (${why}), so the cell shows its original code.${aside.ok ? ' The saved text was kept aside in this browser.' : ''}`,
    };
  }

  /** Saves `code`, or forgets the saved edit when `code` is the original. */
  save(code: string, original: string): SaveResult {
    if (code === original) {
      const r = this.storage.remove(this.key);
      return r.ok ? { saved: true } : { saved: false, message: r.message };
    }
    if (code.length > MAX_SAVED_CODE) return { saved: false, message: `the code is longer than ${MAX_SAVED_CODE.toLocaleString('en-US')} characters` };
    const r = this.storage.write(this.key, JSON.stringify({ v: VERSION, code }));
    return r.ok ? { saved: true } : { saved: false, message: r.message };
  }
}
