// The Progress page's state and words: how many of each chapter's exercises this reader has completed, what
// each exercise's line says, and what export, import (with the choice when the file is someone else's) and
// clear did, in a sentence. The view adds the file picker, the dialog, the confirm and the download.
import { MAX_RECORD_CHARS, tooLarge, type Entry, type Progress, type Rejected } from '../../lib/exercises/progress.ts';
import type { ProgressStore } from '../../lib/exercises/store.svelte.ts';
import type { WriteResult } from '../../lib/storage.ts';

/** A bank as the Progress page lists it: plain data, so the page can hand it over from the build. */
export interface BankSummary {
  id: string;
  title: string;
  exercises: { id: string; title: string; href: string }[];
}

/** What the page needs of a file the reader picked (a browser File is one). */
export interface PickedFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** An import waiting for the reader's choice. */
export interface PendingImport {
  name: string;
  imported: Progress;
  rejected: Rejected[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const records = (p: Progress) => plural(Object.keys(p.exercises).length, 'exercise record');

/** What a write's failure means for the reader, after `done` says what was done. */
function saved(done: string, result: WriteResult): string {
  return result.ok ? done : `${done} It could not be saved (${result.message}), so it lasts until you leave this page: export it to keep it.`;
}

const leftOut = (rejected: Rejected[]) =>
  rejected.length ? ` ${plural(rejected.length, 'entry', 'entries')} in the file could not be read and ${rejected.length === 1 ? 'was' : 'were'} left out.` : '';

export class ProgressModel {
  /** What the last action did, for the page's status line. */
  message = $state('');
  /** An import that waits for the reader to merge, replace or cancel. */
  pending: PendingImport | null = $state.raw(null);
  /** What happened when the stored record was read, if this page is the first to ask. */
  readonly notice: string | null;

  private store: ProgressStore;
  readonly banks: BankSummary[];

  constructor(store: ProgressStore, banks: BankSummary[]) {
    this.store = store;
    this.banks = banks;
    this.notice = store.claimNotice();
  }

  get progress(): Progress {
    return this.store.progress;
  }

  /** Why nothing is being saved, when the last write failed; else null. */
  get unsaved(): string | null {
    return this.store.persistence === 'unsaved' ? this.store.problem : null;
  }

  entry(bank: BankSummary, exerciseId: string): Entry | undefined {
    return this.progress.exercises[`${bank.id}/${exerciseId}`];
  }

  done(bank: BankSummary): number {
    return bank.exercises.filter((e) => this.entry(bank, e.id)?.completed).length;
  }

  get total(): number {
    return this.banks.reduce((n, b) => n + b.exercises.length, 0);
  }

  get totalDone(): number {
    return this.banks.reduce((n, b) => n + this.done(b), 0);
  }

  /** How many exercise records this reader has here, in words ("3 exercise records"). */
  get records(): string {
    return records(this.progress);
  }

  /** One exercise's line: its mark and its state in words. */
  status(bank: BankSummary, exerciseId: string): { completed: boolean; mark: string; text: string } {
    const rec = this.entry(bank, exerciseId);
    if (rec?.completed) return { completed: true, mark: '✓', text: 'completed' };
    if (rec) return { completed: false, mark: '…', text: `${plural(rec.attempts, 'attempt')}, not yet right` };
    return { completed: false, mark: '○', text: 'not started' };
  }

  /** The record as a progress file's text, for the view to download. */
  exportText(): string {
    const text = this.store.exportText();
    this.message = 'Progress exported.';
    return text;
  }

  /** Reads a picked file: refused with a reason, imported, or left pending when the reader must choose
   * (then the view asks). */
  async importFile(file: PickedFile): Promise<void> {
    // A file far too large is refused before it is read (a character takes at most 4 bytes).
    const plan = file.size > 4 * MAX_RECORD_CHARS ? { ok: false as const, error: tooLarge(file.size) } : this.store.planImport(await file.text());
    if (!plan.ok) {
      this.message = `Could not import ${file.name}: ${plan.error}. Nothing was changed.`;
      return;
    }
    if (plan.kind === 'ask') {
      this.pending = { name: file.name, imported: plan.imported, rejected: plan.rejected };
      return;
    }
    const result = this.store.applyImport(plan.imported, plan.kind === 'same' ? 'merge' : 'replace');
    this.message = saved(`Imported ${records(plan.imported)} from ${file.name}.${leftOut(plan.rejected)}`, result);
  }

  /** The reader's choice for the pending import. */
  choose(how: 'merge' | 'replace' | 'cancel'): void {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    if (how === 'cancel') {
      this.message = `Nothing was imported from ${p.name}.`;
      return;
    }
    const n = records(p.imported);
    const result = this.store.applyImport(p.imported, how);
    const done = how === 'merge' ? `Merged ${n} from ${p.name} into yours.` : `Replaced your progress with the ${n} from ${p.name}.`;
    this.message = saved(`${done}${leftOut(p.rejected)}`, result);
  }

  /** Deletes every entry (the view has asked the reader first). */
  clear(): void {
    this.message = saved('Progress cleared.', this.store.clear());
  }
}
