// A student's work on one assignment, kept in the browser while they do it (answers and attempts persist
// per assignment, so closing the tab loses nothing), and the submission file made from it.
import { judgeResponse, type CodeRunner } from '../exercises/judge.ts';
import type { ExerciseSpec } from '../exercises/types.ts';
import { normaliseId, studentSeed, variantParams } from './identity.ts';
import { itemPoints } from './grade.ts';
import { totalPoints, type AssignmentSpec } from './spec.ts';
import { finalAttempt, MAX_ATTEMPTS, SUBMISSION_VERSION, submissionSchema, type Submission, type WorkItem } from './submission.ts';
import { z } from 'zod';
import { safeParseFile } from '../safeParse.ts';

export const workSchema = z
  .object({
    v: z.literal(1),
    assignmentId: z.string().regex(/^[0-9a-f]{16}$/),
    student: submissionSchema.shape.student,
    work: submissionSchema.shape.work,
    /** When the student last pressed Submit, or null. */
    submittedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .strict();

export type Work = z.infer<typeof workSchema>;

/** The storage key of an assignment's work. */
export const workKey = (assignmentId: string) => `dll-assignment-${assignmentId}`;

export function emptyWork(assignmentId: string, name = '', id = ''): Work {
  return { v: 1, assignmentId, student: { name, id }, work: {}, submittedAt: null };
}

/** Reads saved work; anything unreadable gives null (the page then starts fresh and says so). */
export function parseWork(text: string | null, assignmentId: string): Work | null {
  if (!text) return null;
  try {
    const parsed = safeParseFile(workSchema, JSON.parse(text));
    return parsed.success && parsed.data.assignmentId === assignmentId ? parsed.data : null;
  } catch {
    return null;
  }
}

const item = (w: Work, id: string, version: number): WorkItem =>
  Object.hasOwn(w.work, id) ? w.work[id] : { version, attempts: [], hintsShown: 0, solutionShown: false };

/** Records an attempt (a new object; the old one is unchanged). */
export function addAttempt(w: Work, id: string, version: number, response: unknown, score: number, now = new Date()): Work {
  const it = item(w, id, version);
  const attempts = [...it.attempts, { at: now.toISOString(), response, score: Math.min(1, Math.max(0, score)) }].slice(-MAX_ATTEMPTS);
  return { ...w, work: { ...w.work, [id]: { ...it, version, attempts } } };
}

export function setHints(w: Work, id: string, version: number, hintsShown: number): Work {
  return { ...w, work: { ...w.work, [id]: { ...item(w, id, version), hintsShown } } };
}

export function setSolutionShown(w: Work, id: string, version: number): Work {
  return { ...w, work: { ...w.work, [id]: { ...item(w, id, version), solutionShown: true } } };
}

/** The seed of this student's variants. */
export const seedOf = (spec: AssignmentSpec, assignmentId: string, w: Work) => studentSeed(spec, assignmentId, normaliseId(w.student.id));

/** The score the student's own page computes (re-checking each final answer, as the grader will). */
export async function ownScore(spec: AssignmentSpec, assignmentId: string, w: Work, exercise: (id: string) => ExerciseSpec | null, runCode?: CodeRunner): Promise<number> {
  const seed = seedOf(spec, assignmentId, w);
  let total = 0;
  for (const it of spec.items) {
    const ex = exercise(it.id);
    const last = finalAttempt(Object.hasOwn(w.work, it.id) ? w.work[it.id] : undefined);
    if (!ex || !last) continue;
    const r = await judgeResponse(ex, variantParams(ex, it.id, seed), last.response, runCode);
    total += itemPoints(it, spec.hints, r.score, w.work[it.id].hintsShown);
  }
  return Math.round(total * 1000) / 1000;
}

/** The submission file's content. */
export function makeSubmission(spec: AssignmentSpec, ids: { id: string; hash: string }, w: Work, score: number, now = new Date()): Submission {
  return {
    kind: 'dll-submission',
    v: SUBMISSION_VERSION,
    assignmentId: ids.id,
    specHash: ids.hash,
    title: spec.title,
    student: { name: w.student.name.trim(), id: w.student.id.trim() },
    submittedAt: now.toISOString(),
    claimed: { score, outOf: totalPoints(spec) },
    work: w.work,
  };
}

/** How many of the assignment's exercises have at least one attempt. */
export const answeredCount = (spec: AssignmentSpec, w: Work) => spec.items.filter((it) => Object.hasOwn(w.work, it.id) && w.work[it.id].attempts.length > 0).length;

/** The score the page shows and writes into the file: each exercise's last checked attempt, under the
 * hint policy. (The grader re-checks every response itself and only compares this.) */
export function claimedScore(spec: AssignmentSpec, w: Work): number {
  let total = 0;
  for (const it of spec.items) {
    const item = Object.hasOwn(w.work, it.id) ? w.work[it.id] : undefined;
    const last = finalAttempt(item);
    if (last) total += itemPoints(it, spec.hints, last.score, item!.hintsShown);
  }
  return Math.round(total * 1000) / 1000;
}
