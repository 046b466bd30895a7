// What a student hands in: a file with every raw response and attempt, the hints they revealed, and the
// score their page computed. The teacher's page trusts none of it: it re-derives the variants, re-checks
// every response and only compares the claimed score. The same shape is the student's saved work.
import { z } from 'zod';
import { EXERCISE_ID, MAX_RESPONSE_CHARS } from '../exercises/progress.ts';
import { MAX_ID_CHARS, MAX_NAME_CHARS } from './identity.ts';
import { explain, type Parsed } from './spec.ts';
import { safeParseFile } from '../safeParse.ts';

export const SUBMISSION_VERSION = 1;
/** The largest submission file read (bytes). Ten exercises with every attempt kept is well under 1 MB. */
export const MAX_SUBMISSION_BYTES = 5_000_000;
export const MAX_ATTEMPTS = 500;

/** A response is whatever the exercise's kind stores (indices, text, a figure's state), within a size cap. */
const response = z.unknown().refine((r) => {
  try {
    return JSON.stringify(r ?? null).length <= MAX_RESPONSE_CHARS;
  } catch {
    return false;
  }
}, `a response is at most ${MAX_RESPONSE_CHARS.toLocaleString('en')} characters`);

export const attemptSchema = z
  .object({
    at: z.iso.datetime({ offset: true }),
    response,
    /** The score the student's page gave this attempt, in [0, 1]: shown to compare, never trusted. */
    score: z.number().min(0).max(1),
  })
  .strict();

export const workItemSchema = z
  .object({
    version: z.number().int().min(0).max(1_000_000),
    attempts: z.array(attemptSchema).max(MAX_ATTEMPTS),
    hintsShown: z.number().int().min(0).max(100),
    solutionShown: z.boolean(),
  })
  .strict();

const exerciseKey = z.string().max(160).regex(EXERCISE_ID);

export const submissionSchema = z
  .object({
    kind: z.literal('dll-submission'),
    v: z.literal(SUBMISSION_VERSION),
    assignmentId: z.string().regex(/^[0-9a-f]{16}$/),
    specHash: z.string().regex(/^[0-9a-f]{64}$/),
    title: z.string().max(200),
    student: z.object({ name: z.string().max(MAX_NAME_CHARS), id: z.string().max(MAX_ID_CHARS * 4) }).strict(),
    /** When the student pressed Submit, by their own clock. */
    submittedAt: z.iso.datetime({ offset: true }),
    claimed: z.object({ score: z.number().min(0).max(1e6), outOf: z.number().min(0).max(1e6) }).strict(),
    work: z.record(exerciseKey, workItemSchema),
  })
  .strict();

export type Submission = z.infer<typeof submissionSchema>;
export type WorkItem = z.infer<typeof workItemSchema>;
export type Attempt = z.infer<typeof attemptSchema>;

/** Reads a submission file's text; every failure is a sentence (the grader shows it as the file's flag). */
export function parseSubmission(text: string): Parsed<Submission> {
  if (text.length > MAX_SUBMISSION_BYTES) {
    return { ok: false, error: `it is ${(text.length / 1e6).toFixed(1)} MB; a submission is at most ${MAX_SUBMISSION_BYTES / 1e6} MB` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: text.trim() === '' ? 'it is empty' : 'it is not a complete JSON file (cut short, or not a submission)' };
  }
  if (!raw || typeof raw !== 'object' || (raw as { kind?: unknown }).kind !== 'dll-submission') {
    return { ok: false, error: 'it is not a submission from this book' };
  }
  const v = (raw as { v?: unknown }).v;
  if (typeof v === 'number' && v > SUBMISSION_VERSION) return { ok: false, error: `it was made by a newer version of the book (format ${v}); reload this page` };
  const parsed = safeParseFile(submissionSchema, raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: `it is damaged or edited: ${explain(parsed.error)}` };
}

/** A file name a person and an LMS can both read: student, id and assignment, no unsafe characters. */
export function submissionFileName(sub: Pick<Submission, 'student' | 'title' | 'assignmentId'>): string {
  const slug = (s: string, max: number) =>
    s
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max) || 'x';
  return `${slug(sub.student.name, 40)}_${slug(sub.student.id, 30)}_${slug(sub.title, 40)}_${sub.assignmentId}.json`;
}

/** The attempt that counts: the last one by its time (the answer handed in), or null if none. */
export function finalAttempt(item: WorkItem | undefined): Attempt | null {
  if (!item || item.attempts.length === 0) return null;
  return item.attempts.reduce((a, b) => (Date.parse(b.at) >= Date.parse(a.at) ? b : a));
}
