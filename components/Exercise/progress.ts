// The reader's progress, kept in this browser (localStorage) under a versioned, validated schema.
// An older record is migrated; a corrupt one is set aside under another key with a notice, never a crash.
import { z } from 'zod';

export const STORAGE_KEY = 'dll-progress';
export const VERSION = 1;

const attempt = z.object({
  /** The exercise's version when answered: a changed exercise can tell old answers apart. */
  version: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  best: z.number().min(0).max(1),
  completed: z.boolean(),
  /** The last response, raw, as typed or chosen (teachers' grading re-checks responses, not scores). */
  response: z.unknown().optional(),
  updatedAt: z.string(),
});

export const progressSchema = z.object({
  version: z.literal(VERSION),
  /** The seed of this reader's exercise variants. */
  seed: z.string().min(1),
  exercises: z.record(z.string(), attempt),
});

export type Progress = z.infer<typeof progressSchema>;
export type Attempt = z.infer<typeof attempt>;

export interface Loaded {
  progress: Progress;
  notice: string | null;
}

interface Storage {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
}

/** A fresh record with a new random seed (the only randomness here: which variant this reader gets). */
export function emptyProgress(seed = randomSeed()): Progress {
  return { version: VERSION, seed, exercises: {} };
}

function randomSeed(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Version 0 (early drafts) kept `{ completed: string[], seed? }`: each completed id becomes a full record. */
function migrate(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && !('version' in raw) && Array.isArray((raw as { completed?: unknown }).completed)) {
    const old = raw as { completed: unknown[]; seed?: unknown };
    const now = new Date(0).toISOString();
    return {
      version: VERSION,
      seed: typeof old.seed === 'string' && old.seed ? old.seed : randomSeed(),
      exercises: Object.fromEntries(
        old.completed.filter((id): id is string => typeof id === 'string').map((id) => [id, { version: 0, attempts: 1, best: 1, completed: true, updatedAt: now }]),
      ),
    };
  }
  return raw;
}

/** Parses stored or imported text into a valid record, migrating old versions. Throws with a reason. */
export function parseProgress(text: string): Progress {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('it is not valid JSON');
  }
  const parsed = progressSchema.safeParse(migrate(raw));
  if (!parsed.success) throw new Error(`it does not match the progress format (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** Loads progress; a corrupt record is moved to `dll-progress-corrupt-<time>` and replaced by a fresh one. */
export function loadProgress(storage: Storage = localStorage): Loaded {
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch {
    return { progress: emptyProgress(), notice: 'This browser does not allow saving progress here; answers will last for this visit only.' };
  }
  if (text === null) return { progress: emptyProgress(), notice: null };
  try {
    return { progress: parseProgress(text), notice: null };
  } catch (e) {
    const aside = `${STORAGE_KEY}-corrupt-${Date.now()}`;
    try {
      storage.setItem(aside, text);
    } catch {
      // Nowhere to keep it: the notice still says what happened.
    }
    return {
      progress: emptyProgress(),
      notice: `Your saved progress could not be read (${(e as Error).message}), so it was set aside under "${aside}" and a fresh record started.`,
    };
  }
}

export function saveProgress(p: Progress, storage: Storage = localStorage): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(p));
  } catch {
    // Storage full or blocked: progress lasts for this visit.
  }
}

/** Records one checked attempt. */
export function recordAttempt(p: Progress, fullId: string, version: number, score: number, response: unknown, now = new Date()): Progress {
  const prev = p.exercises[fullId];
  const best = Math.max(prev?.best ?? 0, score);
  return {
    ...p,
    exercises: {
      ...p.exercises,
      [fullId]: { version, attempts: (prev?.attempts ?? 0) + 1, best, completed: best >= 1, response, updatedAt: now.toISOString() },
    },
  };
}

/** Merges an imported record into the current one: per exercise, the better (then the newer) entry wins. */
export function mergeProgress(current: Progress, imported: Progress): Progress {
  const exercises = { ...current.exercises };
  for (const [id, a] of Object.entries(imported.exercises)) {
    const b = exercises[id];
    if (!b || a.best > b.best || (a.best === b.best && a.updatedAt > b.updatedAt)) exercises[id] = a;
  }
  return { ...current, seed: imported.seed, exercises };
}
