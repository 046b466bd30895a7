// Pure checkers for exercise answers: reading numbers the way people type them, tolerances, vectors and
// matrices, and multiple choice. "Invalid" (unreadable) is kept apart from "wrong". Feedback never repeats
// the verdict ("Correct", "Not yet"): the view says that first, and a right answer needs no more words.
// Reading is linear in the input, and input past a length cap is refused, so no answer can stall a page
// (or a grading page re-checking a class).
import type { CheckResult } from './types.ts';

/** The longest typed number read (characters); 1e-3 and 0.333333333 are far shorter. */
export const MAX_NUMBER_CHARS = 100;
/** The longest typed vector or matrix read (characters). */
export const MAX_MATRIX_CHARS = 10_000;

const invalid = (feedback: string): CheckResult => ({ status: 'invalid', score: 0, feedback });
const RIGHT: CheckResult = { status: 'correct', score: 1, feedback: '' };

// NOTE: `\d+(?:\.\d*)?` and not `\d+\.?\d*`: the second can split a run of digits between its two parts
// in every way before failing, which takes time quadratic in the run's length.
const NUMBER = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?';
const DECIMAL = new RegExp(`^${NUMBER}$`);
const FRACTION = new RegExp(`^(${NUMBER})/(${NUMBER})$`);

/**
 * Reads a number as typed: `-0.25`, `1e-3`, `2.5E+4`, `1/4`, `-3/8`, `.5`, with optional spaces and a
 * unicode minus. Returns null for anything else (including empty input, `1/0` and non-finite values).
 */
export function parseNumber(text: string): number | null {
  if (text.length > MAX_NUMBER_CHARS) return null;
  const s = text.trim().replace(/\u2212/g, '-').replace(/\s+/g, '');
  if (s === '') return null;
  const frac = FRACTION.exec(s);
  if (frac) {
    const v = Number(frac[1]) / Number(frac[2]);
    return Number.isFinite(v) ? v : null;
  }
  if (!DECIMAL.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

export interface Tolerance {
  rel?: number;
  abs?: number;
}

/** True if x is within the absolute OR the relative tolerance of the answer (defaults: rel 1e-3, abs 1e-9). */
export function close(x: number, answer: number, tol: Tolerance = {}): boolean {
  const rel = tol.rel ?? 1e-3;
  const abs = tol.abs ?? 1e-9;
  const d = Math.abs(x - answer);
  return d <= abs || d <= rel * Math.abs(answer);
}

/** Checks a typed number against the answer. */
export function checkNumeric(response: string, answer: number, tol: Tolerance = {}): CheckResult {
  if (response.length > MAX_NUMBER_CHARS) return invalid(`That is ${response.length.toLocaleString('en')} characters long; a number here needs far fewer. Write it like 0.25, -1.5, 1e-3 or 1/4.`);
  const x = parseNumber(response);
  if (x === null) {
    return invalid(
      response.trim() === ''
        ? 'Type a number first.'
        : `"${response.trim()}" is not a number this box can read. Write it like 0.25, -1.5, 1e-3 or 1/4.`,
    );
  }
  if (close(x, answer, tol)) return RIGHT;
  const sameSize = Math.abs(x) > 0 && Math.abs(answer) > 0 && close(Math.abs(x), Math.abs(answer), tol);
  return {
    status: 'wrong',
    score: 0,
    feedback: sameSize ? 'The size is right but the sign is not.' : 'Check your working, or take a hint.',
  };
}

/** Reads a vector ("1, 2, 3" or "[1 2 3]") or a matrix (rows separated by ";", new lines, or "], ["
 * as in "[[1, 2], [3, 4]]"). Returns null for anything else, and for input over MAX_MATRIX_CHARS. */
export function parseMatrix(text: string): number[][] | null {
  if (text.length > MAX_MATRIX_CHARS) return null;
  const out: number[][] = [];
  // A row ends at ";", a new line or "]"; "[" and the commas between rows are only decoration.
  for (const row of text.split(/[;\n\]]/)) {
    const cells = row.replace(/\[/g, ' ').split(/[\s,]+/).filter((c) => c !== '');
    if (cells.length === 0) continue;
    const nums = cells.map(parseNumber);
    if (nums.some((n) => n === null)) return null;
    out.push(nums as number[]);
  }
  return out.length ? out : null;
}

/** Checks a typed vector or matrix against the answer, elementwise within the tolerance. */
export function checkVector(response: string, answer: number[] | number[][], tol: Tolerance = {}): CheckResult {
  const want = Array.isArray(answer[0]) ? (answer as number[][]) : [answer as number[]];
  if (response.length > MAX_MATRIX_CHARS) return invalid(`That is ${response.length.toLocaleString('en')} characters long, more than this box reads (${MAX_MATRIX_CHARS.toLocaleString('en')}).`);
  const got = parseMatrix(response);
  if (!got) return invalid(response.trim() === '' ? 'Type your answer first.' : 'Could not read that. Separate numbers with commas or spaces, and rows with ";" or new lines.');
  const flatGot = got.length === 1 && want.length > 1 && got[0].length === want.length * want[0].length ? null : got;
  const shapeOf = (m: number[][]) => `${m.length}×${m[0].length}`;
  const vectorWanted = want.length === 1;
  const asRows = flatGot ?? [got[0]];
  const sameShape =
    (vectorWanted && asRows.length === 1 && asRows[0].length === want[0].length) ||
    (vectorWanted && asRows.length === want[0].length && asRows.every((r) => r.length === 1)) ||
    (asRows.length === want.length && asRows.every((r, i) => r.length === want[i].length));
  if (!sameShape) {
    return invalid(
      vectorWanted
        ? `The answer has ${want[0].length} numbers; you gave ${asRows.flat().length}.`
        : `The answer is a ${shapeOf(want)} matrix; you gave ${asRows.length} row(s) of ${asRows.map((r) => r.length).join(', ')}.`,
    );
  }
  const g = asRows.flat();
  const w = want.flat();
  const right = g.filter((x, i) => close(x, w[i], tol)).length;
  if (right === w.length) return RIGHT;
  return {
    status: right > 0 ? 'partial' : 'wrong',
    score: 0,
    feedback: `${right} of ${w.length} entries are right.`,
  };
}

/** Scores a choice: one answer, or several (all-or-nothing, with how many were right). */
export function checkChoice(selected: number[], correct: boolean[]): CheckResult {
  if (selected.length === 0) return invalid('Choose an answer first.');
  const want = correct.flatMap((c, i) => (c ? [i] : []));
  const hits = selected.filter((i) => correct[i]).length;
  const misses = selected.length - hits;
  if (hits === want.length && misses === 0) return RIGHT;
  if (want.length === 1) return { status: 'wrong', score: 0, feedback: 'That is not the one.' };
  return {
    status: hits > 0 ? 'partial' : 'wrong',
    score: 0,
    feedback: `${hits} of ${want.length} right choices selected${misses ? `, and ${misses} that should not be` : ''}.`,
  };
}

/** A stable 32-bit seed from text (FNV-1a): the variant of exercise `id` for reader or student `who`. */
export function seedFor(...parts: string[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
