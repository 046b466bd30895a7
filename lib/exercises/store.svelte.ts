// This page's progress record: read from browser storage once per page load, shared by every exercise on
// the page and by the Progress page, written back after every change. It keeps the promises the book makes
// about storage: the reader's seed is saved before any exercise draws a variant from it; entries that cannot
// be read are set aside once (not once per exercise) and every good entry is kept; a write that fails says
// so at once while the record lives on in memory, ready to export; with storage blocked, everything works
// for the visit and the reader is told that nothing will be remembered.
import { pageStorage, SafeStorage, type StorageFailure, type WriteResult } from '../storage.ts';
import {
  ASIDE_PREFIX,
  emptyProgress,
  importKind,
  MAX_RECORD_CHARS,
  mergeProgress,
  parseProgress,
  progressFile,
  recordAttempt,
  STORAGE_KEY,
  type AttemptInput,
  type Entry,
  type Progress,
  type Rejected,
} from './progress.ts';

/** "saved": the record is in storage. "blocked": the browser stores nothing for this site, so nothing
 * outlives the visit. "unsaved": the last write failed (storage full); the record is kept in memory. */
export type Persistence = 'saved' | 'blocked' | 'unsaved';

export const BLOCKED_NOTICE =
  'This browser does not let this site store anything (a privacy setting), so nothing you do here will be remembered: your answers last until you leave or reload this page. To keep them, export your progress before you go.';

/** A progress file read and ready to apply, or why it cannot be. */
export type ImportPlan =
  | { ok: true; imported: Progress; rejected: Rejected[]; kind: 'same' | 'adopt' | 'ask' }
  | { ok: false; error: string };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export class ProgressStore {
  /** The record as this page knows it (including anything not yet saved). */
  progress: Progress = $state.raw(emptyProgress('unread'));
  persistence: Persistence = $state('saved');
  /** Why the last write failed, in words for the reader; null after a good write. */
  problem: string | null = $state(null);
  /** What happened when the stored record was read (entries set aside, a record refused), or null. */
  readonly notice: string | null = null;

  private storage: SafeStorage;
  private clock: () => Date;
  /** The stored text as last read or written: a different text on the next read means another tab wrote. */
  private lastText: string | null = null;
  /** True when bad entries could not be set aside: the stored record is then left untouched (nothing lost)
   * and every change of this visit stays in memory. */
  private hold = false;
  private noticeClaimed = false;

  constructor(storage: SafeStorage, clock: () => Date = () => new Date()) {
    this.storage = storage;
    this.clock = clock;
    const read = storage.read(STORAGE_KEY);
    if (!read.ok) {
      this.persistence = read.reason === 'blocked' ? 'blocked' : 'unsaved';
      this.problem = read.message;
      this.notice = read.reason === 'blocked' ? BLOCKED_NOTICE : `Your saved progress could not be read (${read.message}), so this visit starts a fresh record.`;
      this.progress = emptyProgress();
      return;
    }
    if (read.value === null) {
      // A new reader: the seed is saved now, before any exercise draws its variant from it.
      this.progress = emptyProgress();
      this.write(this.progress);
      return;
    }
    const adopted = this.adopt(read.value);
    this.progress = adopted.progress;
    this.notice = adopted.notice;
  }

  /** The load notice, to the first view that asks (so a page with seven exercises shows it once). */
  claimNotice(): string | null {
    if (this.noticeClaimed) return null;
    this.noticeClaimed = true;
    return this.notice;
  }

  get seed(): string {
    return this.progress.seed;
  }

  entry(fullId: string): Entry | undefined {
    return this.progress.exercises[fullId];
  }

  /** Records one checked attempt, in memory at once and in storage if it can. */
  record(fullId: string, attempt: AttemptInput): WriteResult {
    return this.commit(recordAttempt(this.latest(), fullId, attempt, this.clock()));
  }

  /** Reads a progress file: refused with a reason, or a plan saying whether the reader must choose. */
  planImport(text: string): ImportPlan {
    const parsed = parseProgress(text);
    if (!parsed.ok) return parsed;
    return { ok: true, imported: parsed.progress, rejected: parsed.rejected, kind: importKind(this.latest(), parsed.progress) };
  }

  /** Applies a planned import: "merge" keeps this reader's seed and adds the file's entries (each with the
   * seed of its variant); "replace" takes the file's record, seed and all. */
  applyImport(imported: Progress, how: 'merge' | 'replace'): WriteResult {
    return this.commit(how === 'merge' ? mergeProgress(this.latest(), imported) : imported);
  }

  /** Deletes every entry and starts a new seed. */
  clear(): WriteResult {
    return this.commit(emptyProgress());
  }

  /** The record as a progress file, unsaved changes included. */
  exportText(): string {
    return progressFile(this.progress);
  }

  /** Tries the last write again (after the reader freed some space, say). */
  retry(): WriteResult {
    return this.commit(this.latest());
  }

  private commit(next: Progress): WriteResult {
    this.progress = next;
    return this.write(next);
  }

  /** The record to change: the stored one if another tab wrote since this page read it (with this page's
   * unsaved changes merged in), else this page's. */
  private latest(): Progress {
    if (this.persistence === 'blocked' || this.hold) return this.progress;
    const read = this.storage.read(STORAGE_KEY);
    if (!read.ok || read.value === null || read.value === this.lastText) return this.progress;
    const adopted = this.adopt(read.value).progress;
    return this.persistence === 'unsaved' ? mergeProgress(adopted, this.progress) : adopted;
  }

  private write(p: Progress): WriteResult {
    if (this.hold) return this.failed('failed', this.problem ?? 'what could not be read could not be set aside');
    let text: string;
    try {
      text = JSON.stringify(p);
    } catch {
      return this.failed('failed', 'the record could not be written as text');
    }
    if (text.length > MAX_RECORD_CHARS) return this.failed('full', `the record has grown past ${MAX_RECORD_CHARS / 1e6} MB`);
    const done = this.storage.write(STORAGE_KEY, text);
    if (!done.ok) return this.failed(done.reason, done.message);
    this.lastText = text;
    this.persistence = 'saved';
    this.problem = null;
    return done;
  }

  private failed(reason: StorageFailure, message: string): WriteResult {
    this.persistence = reason === 'blocked' ? 'blocked' : 'unsaved';
    this.problem = message;
    return { ok: false, reason, message };
  }

  /** Reads stored text. What cannot be read is set aside under its own key (a whole record that cannot be
   * read, or just its bad entries) and the cleaned record is written back at once, so the next page finds
   * nothing to set aside again. */
  private adopt(text: string): { progress: Progress; notice: string | null } {
    const parsed = parseProgress(text);
    if (parsed.ok && parsed.rejected.length === 0) {
      this.lastText = text;
      return { progress: parsed.progress, notice: null };
    }
    const key = `${ASIDE_PREFIX}${this.clock().getTime()}`;
    const progress = parsed.ok ? parsed.progress : emptyProgress();
    const aside = parsed.ok ? JSON.stringify({ setAside: parsed.rejected.map(({ id, entry, reason }) => ({ id, reason, entry })) }) : text;
    const n = parsed.ok ? parsed.rejected.length : 1;
    const first = parsed.ok ? parsed.rejected[0] : null;
    const what = first
      ? `${plural(n, 'saved exercise entry', 'saved exercise entries')} could not be read (the first, "${first.id.slice(0, 80)}": ${first.reason})`
      : `Your saved progress could not be read (${parsed.ok ? '' : parsed.error})`;
    const stored = this.storage.write(key, aside);
    if (!stored.ok) {
      this.hold = true;
      this.lastText = text;
      this.failed(stored.reason, `what could not be read could not be set aside (${stored.message})`);
      return {
        progress,
        notice: `${what}, and there is no room to set ${n === 1 ? 'it' : 'them'} aside (${stored.message}). Your saved record is left as it was, and this visit's answers are kept in memory only: export your progress to keep them.`,
      };
    }
    this.write(progress);
    const k = Object.keys(progress.exercises).length;
    const rest = !first ? ' and a fresh record started' : k === 0 ? '' : `; the other ${k === 1 ? 'entry is' : `${k} entries are`} kept`;
    return { progress, notice: `${what}, so ${n === 1 ? 'it was' : 'they were'} set aside under "${key}"${rest}.` };
  }
}

let shared: ProgressStore | null = null;

/** The page's store, shared by every exercise on it and the Progress page. */
export function progressStore(): ProgressStore {
  return (shared ??= new ProgressStore(pageStorage()));
}
