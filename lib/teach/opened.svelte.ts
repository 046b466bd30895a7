// An assignment a page has opened, from its link or from a file: the spec once it reads, and its ids (the
// assignment id and the spec's hash) once they are computed. The student's page and the grading page each
// open one this way. The hash is asynchronous, so a second open that starts before the first one's hash
// arrives wins, in whichever order the two hashes finish.
import { specHash, type AssignmentSpec, type Parsed } from './spec.ts';

export interface AssignmentIds {
  /** The assignment id: the hash's first 16 hex digits. */
  id: string;
  /** The spec's SHA-256, 64 hex digits. */
  hash: string;
}

export class OpenedAssignment {
  spec: AssignmentSpec | null = $state.raw(null);
  /** The ids of `spec`, or null while they are being computed (or nothing is open). */
  ids: AssignmentIds | null = $state.raw(null);
  /** Why the last open failed, or '' when it did not. */
  error = $state('');
  #opens = 0;

  /**
   * Opens a parsed spec, and resolves with its ids once they are computed: null when it did not parse or a
   * later open (or a close) came first. A spec that does not parse closes what was open, unless `keep`.
   */
  async open(parsed: Parsed<AssignmentSpec>, { keep = false } = {}): Promise<AssignmentIds | null> {
    const n = ++this.#opens;
    if (!parsed.ok) {
      this.error = parsed.error;
      if (!keep) this.#clear();
      return null;
    }
    this.error = '';
    this.spec = parsed.value;
    this.ids = null;
    const ids = await specHash(parsed.value);
    if (n !== this.#opens) return null;
    this.ids = ids;
    return ids;
  }

  /** Nothing open, no error, and an open still hashing is dropped. */
  close(): void {
    this.#opens++;
    this.error = '';
    this.#clear();
  }

  #clear(): void {
    this.spec = null;
    this.ids = null;
  }
}
