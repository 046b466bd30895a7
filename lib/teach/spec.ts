// An assignment, as a teacher composes it: which exercises, in what order, for how many points, with
// which policies. The whole spec travels in the student link's fragment (compressed, versioned, checked
// by this schema on the way in), so nothing is ever sent to a server. Its id is derived from the spec
// itself with SHA-256, so any change to the spec makes a new assignment.
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { EXERCISE_ID } from '../exercises/progress.ts';
import { safeParseFile } from '../safeParse.ts';

export const SPEC_VERSION = 1;
/** The longest spec read (characters of JSON); a 100-exercise assignment with long instructions is ~20 k. */
export const MAX_SPEC_CHARS = 200_000;
/** The longest link fragment read (characters). */
export const MAX_FRAGMENT_CHARS = 100_000;
export const MAX_EXERCISES = 100;

const hintPolicy = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('allowed') }).strict(),
  /** Each hint revealed takes `perHint` (a fraction of the exercise's points) off, down to zero. */
  z.object({ mode: z.literal('penalty'), perHint: z.number().min(0).max(1) }).strict(),
  z.object({ mode: z.literal('off') }).strict(),
]);

export const itemSchema = z
  .object({
    /** "bank/exercise", e.g. "02-neurons/and-gate". */
    id: z.string().max(160).regex(EXERCISE_ID, 'an exercise id looks like "02-neurons/and-gate"'),
    /** The exercise's version when the assignment was made: grading says if the book's exercise changed since. */
    version: z.number().int().min(0).max(1_000_000),
    points: z.number().min(0).max(1000),
  })
  .strict();

export const specSchema = z
  .object({
    kind: z.literal('dll-assignment'),
    v: z.literal(SPEC_VERSION),
    title: z.string().trim().min(1, 'give the assignment a title').max(200),
    instructions: z.string().max(10_000),
    items: z
      .array(itemSchema)
      .min(1, 'pick at least one exercise')
      .max(MAX_EXERCISES)
      .refine((xs) => new Set(xs.map((x) => x.id)).size === xs.length, 'an exercise appears twice'),
    /** Per-student variants draw each exercise's numbers from the student's id; shared ones give everyone the same. */
    variants: z.enum(['per-student', 'shared']),
    /** The due moment as an ISO time with offset, and the time zone it was set in (for display). */
    due: z
      .object({ at: z.iso.datetime({ offset: true }), timeZone: z.string().min(1).max(64) })
      .strict()
      .nullable(),
    hints: hintPolicy,
    solutions: z.enum(['never', 'after-submit', 'after-due']),
  })
  .strict();

export type AssignmentSpec = z.infer<typeof specSchema>;
export type AssignmentItem = z.infer<typeof itemSchema>;
export type HintPolicy = z.infer<typeof hintPolicy>;

/** A new, empty assignment (not yet valid: it needs a title and an exercise). */
export function blankSpec(): AssignmentSpec {
  return {
    kind: 'dll-assignment',
    v: SPEC_VERSION,
    title: '',
    instructions: '',
    items: [],
    variants: 'per-student',
    due: null,
    hints: { mode: 'allowed' },
    solutions: 'after-submit',
  };
}

/** JSON with every object's keys sorted, so one spec has one text, and so one hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/** The spec's SHA-256 (64 hex digits) and the assignment id (its first 16). */
export async function specHash(spec: AssignmentSpec): Promise<{ hash: string; id: string }> {
  const hash = hex(await crypto.subtle.digest('SHA-256', strToU8(canonicalJson(spec)) as Uint8Array<ArrayBuffer>));
  return { hash, id: hash.slice(0, 16) };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A zod error as one sentence a teacher can act on. */
export function explain(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first.path.length ? ` (at ${first.path.join('.')})` : '';
  return `${first.message}${where}`;
}

/** Reads a spec from parsed JSON: the current version, checked. */
export function readSpec(raw: unknown): Parsed<AssignmentSpec> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: 'This is not an assignment.' };
  const r = raw as Record<string, unknown>;
  if (r.kind !== 'dll-assignment') return { ok: false, error: 'This is not an assignment.' };
  if (typeof r.v === 'number' && r.v > SPEC_VERSION) {
    return { ok: false, error: `This assignment was made by a newer version of the book (format ${r.v}); reload the page to get it.` };
  }
  const parsed = safeParseFile(specSchema, raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: `This assignment is not valid: ${explain(parsed.error)}.` };
}

/** Reads a spec file's text. */
export function parseSpecText(text: string): Parsed<AssignmentSpec> {
  if (text.length > MAX_SPEC_CHARS) return { ok: false, error: `This file is ${text.length.toLocaleString('en')} characters long; an assignment is at most ${MAX_SPEC_CHARS.toLocaleString('en')}.` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not an assignment: it is not JSON, or it was cut short.' };
  }
  return readSpec(raw);
}

const toBase64Url = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (text: string): Uint8Array | null => {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
};

/** Inflates with a cap on the output, so a small crafted fragment cannot expand into gigabytes. */
function inflateCapped(data: Uint8Array, cap: number): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > cap) over = true;
    else chunks.push(chunk);
  });
  try {
    for (let i = 0; i < data.length && !over; i += 4096) inflater.push(data.subarray(i, i + 4096), i + 4096 >= data.length);
  } catch {
    return null;
  }
  if (over) return null;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const PREFIX = 'a1.';

/** The fragment (without "#") that carries the spec: "a1." and the deflated canonical JSON in base64url. */
export function encodeSpec(spec: AssignmentSpec): string {
  return PREFIX + toBase64Url(deflateSync(strToU8(canonicalJson(spec)), { level: 9 }));
}

/** Reads a link's fragment (with or without "#"), or a whole link; never throws. */
export function decodeSpec(fragmentOrUrl: string): Parsed<AssignmentSpec> {
  const broken = (why: string): Parsed<AssignmentSpec> => ({ ok: false, error: `This assignment link is broken (${why}). Ask your teacher to send it again.` });
  if (fragmentOrUrl.length > MAX_FRAGMENT_CHARS + 2000) return broken('it is far too long');
  const hashAt = fragmentOrUrl.indexOf('#');
  const fragment = hashAt >= 0 ? fragmentOrUrl.slice(hashAt + 1) : fragmentOrUrl;
  if (fragment === '') return { ok: false, error: 'This link has no assignment in it.' };
  if (!fragment.startsWith(PREFIX)) {
    return /^a\d+\./.test(fragment)
      ? { ok: false, error: 'This assignment link was made by a newer version of the book; reload the page to get it.' }
      : broken('it does not start the way an assignment link does');
  }
  const bytes = fromBase64Url(fragment.slice(PREFIX.length));
  if (!bytes) return broken('it has characters an assignment link never has');
  const json = inflateCapped(bytes, MAX_SPEC_CHARS);
  if (!json) return broken('it was cut short or changed');
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(json));
  } catch {
    return broken('it was cut short or changed');
  }
  return readSpec(raw);
}

/** The total points of an assignment. */
export const totalPoints = (spec: AssignmentSpec) => spec.items.reduce((s, it) => s + it.points, 0);

/** Whether the due moment has passed at `now`. */
export const isPastDue = (spec: AssignmentSpec, now: Date) => spec.due !== null && now.getTime() > Date.parse(spec.due.at);
