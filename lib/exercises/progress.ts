// The reader's progress record: its versioned schema, and the pure functions that read, update, merge and
// write it. Reading never throws and never trusts: a record or file is checked entry by entry, so one bad
// entry is set aside while every good one is kept, and anything too large, too new or not JSON gets a clear
// reason. Where the record lives (browser storage, a file) is store.svelte.ts's business, not this file's.
import { z } from 'zod';
import { safeParseFile } from '../safeParse.ts';

export const STORAGE_KEY = 'dll-progress';
/** Where set-aside entries go, with the time appended. */
export const ASIDE_PREFIX = `${STORAGE_KEY}-corrupt-`;
export const VERSION = 1;

/** The largest record or progress file read (characters). A record of every exercise in the book with
 * code answers is a few tens of kilobytes; browsers give a site about 5 million characters in all. */
export const MAX_RECORD_CHARS = 1_000_000;
/** The largest single saved response (characters of JSON). */
export const MAX_RESPONSE_CHARS = 100_000;
/** The most entries a record may hold. */
export const MAX_ENTRIES = 10_000;

/** "bank/exercise", e.g. "02-neurons/and-gate": lower-case words and digits joined by hyphens. NOTE: this
 * also keeps `__proto__`, `constructor` and the like out of the record's keys. */
export const EXERCISE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_ID_CHARS = 160;

const seedSchema = z.string().min(1).max(200);

const entrySchema = z.object({
  /** The exercise's version when answered: a changed exercise can tell old answers apart. */
  version: z.number().int().min(0).max(1_000_000),
  /** The seed of this answer's variant, when it is not the record's own (entries merged from another
   * reader's or browser's file keep theirs, so every saved answer matches the numbers it answered). */
  seed: seedSchema.optional(),
  attempts: z.number().int().min(0).max(1_000_000_000),
  best: z.number().min(0).max(1),
  completed: z.boolean(),
  /** The last response, raw, as typed or chosen (teachers' grading re-checks responses, not scores). */
  response: z.unknown().optional(),
  updatedAt: z.iso.datetime(),
});

export type Entry = z.infer<typeof entrySchema>;

export interface Progress {
  version: typeof VERSION;
  /** The seed of this reader's exercise variants. */
  seed: string;
  exercises: Record<string, Entry>;
}

/** An entry that could not be read, with why. */
export interface Rejected {
  id: string;
  entry: unknown;
  reason: string;
}

/** What reading a record or file gives: a valid record (with any entries set aside), or why not. */
export type Parsed = { ok: true; progress: Progress; rejected: Rejected[] } | { ok: false; error: string };

/** A fresh record with a new random seed (the only randomness here: which variant this reader gets). */
export function emptyProgress(seed = randomSeed()): Progress {
  return { version: VERSION, seed, exercises: {} };
}

/** 16 hexadecimal digits from the browser's (or Node's) cryptographic generator. */
export function randomSeed(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The seed that drew `id`'s variant for this reader: the entry's own, else the record's. */
export function variantSeed(p: Progress, id: string): string {
  return p.exercises[id]?.seed ?? p.seed;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const megabytes = (chars: number) => `${(chars / 1e6).toFixed(1)} MB`;

/** Why a record of `size` characters (or bytes) is refused. */
export const tooLarge = (size: number) => `it is ${megabytes(size)}, and a progress record is at most ${megabytes(MAX_RECORD_CHARS)}`;

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'the entry'}: ${issue?.message ?? 'not valid'}`;
}

/** The deepest nesting of arrays and objects a saved answer may have (a matrix has 2, a figure's state 3 or 4). */
const MAX_DEPTH = 32;

/** The characters of `value` as JSON, or Infinity when it is nested deeper than MAX_DEPTH. NOTE: checked
 * without recursion, since JSON.parse builds depths that JSON.stringify's recursion cannot write back. */
function jsonSize(value: unknown): number {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) return Infinity;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return JSON.stringify(value)?.length ?? 0;
}

function readEntry(id: string, raw: unknown): { entry: Entry } | { reason: string } {
  if (id.length > MAX_ID_CHARS || !EXERCISE_ID.test(id)) return { reason: 'not an exercise id' };
  const parsed = safeParseFile(entrySchema, raw);
  if (!parsed.success) return { reason: firstIssue(parsed.error) };
  if (parsed.data.response !== undefined && jsonSize(parsed.data.response) > MAX_RESPONSE_CHARS) {
    return { reason: `the saved answer is over ${MAX_RESPONSE_CHARS.toLocaleString('en')} characters or nested too deep` };
  }
  if (parsed.data.completed !== parsed.data.best >= 1) return { reason: 'completed does not match the best score' };
  return { entry: parsed.data };
}

/** Version 0 (early drafts) kept `{ completed: string[], seed? }`: each completed id becomes a full entry. */
function migrate(raw: Record<string, unknown>): unknown {
  if ('version' in raw || !Array.isArray(raw.completed)) return raw;
  const now = new Date(0).toISOString();
  return {
    version: VERSION,
    seed: typeof raw.seed === 'string' && raw.seed ? raw.seed : randomSeed(),
    exercises: Object.fromEntries(
      raw.completed.filter((id): id is string => typeof id === 'string').map((id) => [id, { version: 0, attempts: 1, best: 1, completed: true, updatedAt: now }]),
    ),
  };
}

/**
 * Reads stored or imported text into a valid record, migrating old versions. Never throws. The frame
 * (format version, seed, the table of exercises) must be right or the whole text is refused with a
 * reason; inside it, each entry is checked on its own and a bad one is returned in `rejected`.
 */
export function parseProgress(text: string): Parsed {
  if (typeof text !== 'string') return { ok: false, error: 'it is not text' };
  if (text.length > MAX_RECORD_CHARS) return { ok: false, error: tooLarge(text.length) };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'it is not valid JSON' };
  }
  if (!isObject(raw)) return { ok: false, error: 'it is not a progress record' };
  const frame = migrate(raw);
  if (!isObject(frame)) return { ok: false, error: 'it is not a progress record' };
  if (typeof frame.version === 'number' && frame.version > VERSION) {
    return { ok: false, error: `it was written by a newer version of this book (format ${frame.version}; this page reads format ${VERSION})` };
  }
  if (frame.version !== VERSION) return { ok: false, error: 'it is not a progress record (no format version this book knows)' };
  const seed = seedSchema.safeParse(frame.seed);
  if (!seed.success) return { ok: false, error: 'it has no valid seed' };
  if (!isObject(frame.exercises)) return { ok: false, error: 'it has no table of exercises' };
  const ids = Object.keys(frame.exercises);
  if (ids.length > MAX_ENTRIES) return { ok: false, error: `it has ${ids.length.toLocaleString('en')} entries, and a record holds at most ${MAX_ENTRIES.toLocaleString('en')}` };
  const exercises: Record<string, Entry> = {};
  const rejected: Rejected[] = [];
  for (const id of ids) {
    const raw = frame.exercises[id];
    const read = readEntry(id, raw);
    if ('entry' in read) exercises[id] = read.entry;
    else rejected.push({ id, entry: raw, reason: read.reason });
  }
  return { ok: true, progress: { version: VERSION, seed: seed.data, exercises }, rejected };
}

/** What one checked attempt adds. */
export interface AttemptInput {
  /** The exercise's version. */
  version: number;
  score: number;
  response: unknown;
  /** The seed that drew the variant answered. */
  seed: string;
}

/** Records one checked attempt: counts it, keeps the best score, and keeps the response with its seed. */
export function recordAttempt(p: Progress, fullId: string, a: AttemptInput, now = new Date()): Progress {
  const prev = p.exercises[fullId];
  const best = Math.max(prev?.best ?? 0, a.score);
  const entry: Entry = { version: a.version, attempts: (prev?.attempts ?? 0) + 1, best, completed: best >= 1, response: a.response, updatedAt: now.toISOString() };
  if (a.seed !== p.seed) entry.seed = a.seed;
  return { ...p, exercises: { ...p.exercises, [fullId]: entry } };
}

/** `e` as an entry of a record whose seed is `seed`: its own seed is written only when it differs. */
function rebase(e: Entry, from: string, to: string): Entry {
  const own = e.seed ?? from;
  const { seed: _, ...rest } = e;
  return own === to ? rest : { ...rest, seed: own };
}

/**
 * Merges an imported record into the current one, keeping the current seed: per exercise, the better
 * (then the newer) entry wins, and it keeps the seed of the variant it answered.
 */
export function mergeProgress(current: Progress, imported: Progress): Progress {
  const exercises = { ...current.exercises };
  for (const [id, a] of Object.entries(imported.exercises)) {
    const b = exercises[id];
    if (!b || a.best > b.best || (a.best === b.best && a.updatedAt > b.updatedAt)) exercises[id] = rebase(a, imported.seed, current.seed);
  }
  return { ...current, exercises };
}

/**
 * How an import relates to the current record. "same": the same reader (same seed), merged without a
 * question. "adopt": nothing is recorded here yet, so the file's record (and its seed) is simply taken.
 * "ask": another reader's or browser's record; the reader chooses to merge or to replace.
 */
export function importKind(current: Progress, imported: Progress): 'same' | 'adopt' | 'ask' {
  if (imported.seed === current.seed) return 'same';
  return Object.keys(current.exercises).length === 0 ? 'adopt' : 'ask';
}

/** The record as a progress file. */
export function progressFile(p: Progress): string {
  return JSON.stringify(p, null, 2);
}

/** The name of a progress file exported on `date`. */
export function progressFileName(date = new Date()): string {
  return `deep-learning-live-progress-${date.toISOString().slice(0, 10)}.json`;
}
