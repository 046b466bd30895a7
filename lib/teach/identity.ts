// Who a student is, as far as a serverless book can tell: the id they type, normalised so that the same
// student gets the same variants on any device and keyboard, and the teacher can re-derive them. The
// variant of each exercise is seeded from the assignment id and this normalised id.
import { Rng } from '../../engine/random.ts';
import { seedFor } from '../exercises/check.ts';
import type { ExerciseSpec } from '../exercises/types.ts';
import type { AssignmentSpec } from './spec.ts';

export const MAX_ID_CHARS = 100;
export const MAX_NAME_CHARS = 200;

/**
 * The student id as the book compares it: compatibility forms folded (NFKC: full-width "Ａ１２" is "A12"),
 * invisible format characters removed (zero-width spaces and joiners), white space collapsed and trimmed,
 * case folded (including "ß" → "ss"), and recomposed (NFC). Look-alike letters from other scripts (Cyrillic
 * "а" for Latin "a") are NOT merged: they are different ids, which `idWarnings` points out.
 */
export function normaliseId(raw: string): string {
  return raw
    .slice(0, MAX_ID_CHARS * 4)
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toUpperCase()
    .toLowerCase()
    .normalize('NFC');
}

const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Hebrew', 'Arabic', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Devanagari', 'Thai'] as const;

/** What a teacher should know about an id: empty, too long, or letters from several scripts (look-alikes). */
export function idWarnings(id: string): string[] {
  const out: string[] = [];
  if (id === '') out.push('The student id is empty.');
  if (id.length > MAX_ID_CHARS) out.push(`The student id is longer than ${MAX_ID_CHARS} characters.`);
  const scripts = SCRIPTS.filter((s) => new RegExp(`\\p{Script=${s}}`, 'u').test(id));
  if (scripts.length > 1) out.push(`The student id mixes ${scripts.join(' and ')} letters, which can look alike: check it is the id the student meant.`);
  return out;
}

/** The seed of every variant a student gets in an assignment (shared variants: the same for everyone). */
export function studentSeed(spec: Pick<AssignmentSpec, 'variants'>, assignmentId: string, normalisedId: string): string {
  return spec.variants === 'shared' ? `assignment:${assignmentId}` : `assignment:${assignmentId}:${normalisedId}`;
}

/** The numbers of exercise `fullId`'s variant for `seed`, exactly as the Exercise card draws them. */
export function variantParams(spec: ExerciseSpec, fullId: string, seed: string): unknown {
  return spec.params ? spec.params(new Rng(seedFor(fullId, seed))) : undefined;
}
