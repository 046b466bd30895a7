// A student's work on one assignment, kept in browser storage under its own key as they go: every checked
// attempt, the hints revealed, the name and id, and when they last submitted. It offers the exercise cards
// the same door as the reader's progress (AttemptStore), so a card works the same in a chapter and here.
import type { AttemptStore } from '../exercises/model.svelte.ts';
import type { AttemptInput, Entry, Progress } from '../exercises/progress.ts';
import { pageStorage, type SafeStorage, type WriteResult } from '../storage.ts';
import { normaliseId, studentSeed } from './identity.ts';
import type { AssignmentSpec } from './spec.ts';
import { finalAttempt } from './submission.ts';
import { addAttempt, emptyWork, parseWork, setHints, workKey, type Work } from './work.ts';

export class AssignmentStore implements AttemptStore {
  work: Work = $state.raw(emptyWork('0'.repeat(16)));
  /** Why the last save failed, or null. */
  problem: string | null = $state(null);
  /** What happened when saved work was read (unreadable work set aside), or null. */
  readonly notice: string | null = null;

  constructor(
    readonly spec: AssignmentSpec,
    readonly assignmentId: string,
    private storage: SafeStorage = pageStorage(),
    private clock: () => Date = () => new Date(),
  ) {
    this.work = emptyWork(assignmentId);
    const read = storage.read(workKey(assignmentId));
    if (!read.ok) {
      this.problem = read.message;
      this.notice = `Your work on this assignment cannot be saved in this browser (${read.message}): it lasts until you leave this page, so submit before you go.`;
    } else if (read.value !== null) {
      const saved = parseWork(read.value, assignmentId);
      if (saved) this.work = saved;
      else {
        storage.write(`${workKey(assignmentId)}-unreadable-${clock().getTime()}`, read.value);
        this.notice = 'Your saved work on this assignment could not be read, so it was set aside and you start afresh.';
      }
    }
  }

  /** The seed of this student's variants (it changes with the id they type). */
  get seed(): string {
    return studentSeed(this.spec, this.assignmentId, normaliseId(this.work.student.id));
  }

  /** The work as a progress record, which is what exercise cards read. */
  get progress(): Progress {
    const exercises: Record<string, Entry> = {};
    for (const [id, item] of Object.entries(this.work.work)) {
      const last = finalAttempt(item);
      if (!last) continue;
      const best = Math.max(...item.attempts.map((a) => a.score));
      exercises[id] = { version: item.version, attempts: item.attempts.length, best, completed: best >= 1, response: last.response, updatedAt: last.at };
    }
    return { version: 1, seed: this.seed, exercises };
  }

  record(fullId: string, a: AttemptInput): WriteResult {
    return this.commit(addAttempt(this.work, fullId, a.version, a.response, a.score, this.clock()));
  }

  hints(fullId: string, version: number, shown: number): WriteResult {
    return this.commit(setHints(this.work, fullId, version, shown));
  }

  setStudent(name: string, id: string): WriteResult {
    return this.commit({ ...this.work, student: { name, id } });
  }

  markSubmitted(at: Date): WriteResult {
    return this.commit({ ...this.work, submittedAt: at.toISOString() });
  }

  private commit(next: Work): WriteResult {
    this.work = next;
    const r = this.storage.write(workKey(this.assignmentId), JSON.stringify(next));
    this.problem = r.ok ? null : r.message;
    return r;
  }
}
