// Grading in the teacher's browser: every submission is read against the schema, matched to the
// assignment, its variants re-derived from the student's id, every final response re-checked (code in the
// isolated sandbox the page hands in), and scored under the assignment's policy. The score the student's
// page claimed is only compared. Across the class: duplicates (the latest by the file's own time counts),
// late files, and identical answers where variants differ.
import { judgeResponse, type CodeRunner } from '../exercises/judge.ts';
import type { CheckResult, ExerciseSpec } from '../exercises/types.ts';
import { idWarnings, normaliseId, studentSeed, variantParams } from './identity.ts';
import { isPastDue, totalPoints, type AssignmentItem, type AssignmentSpec, type HintPolicy } from './spec.ts';
import { finalAttempt, parseSubmission, type Submission, type WorkItem } from './submission.ts';

export type FlagKind =
  | 'malformed'
  | 'wrong-assignment'
  | 'score-mismatch'
  | 'duplicate'
  | 'superseded'
  | 'late'
  | 'identical-answers'
  | 'exercise-changed'
  | 'hints-off'
  | 'unknown-exercise'
  | 'id-warning';

export interface Flag {
  kind: FlagKind;
  message: string;
}

/** The fraction of an exercise's points kept after `hints` hints under the policy. */
export function hintFactor(policy: HintPolicy, hints: number): number {
  return policy.mode === 'penalty' ? Math.max(0, 1 - policy.perHint * hints) : 1;
}

/** Points earned on one exercise: the check's score times the points, less the hint penalty. */
export function itemPoints(item: AssignmentItem, policy: HintPolicy, score: number, hints: number): number {
  return Math.round(item.points * score * hintFactor(policy, hints) * 1000) / 1000;
}

export interface GradedItem {
  id: string;
  points: number;
  earned: number;
  /** The re-check of the final response, or null if the student gave none. */
  result: CheckResult | null;
  response: unknown;
  hasResponse: boolean;
  attempts: number;
  hintsShown: number;
  /** The variant's numbers, as the student saw them. */
  params: unknown;
}

export interface GradedSubmission {
  file: string;
  ok: true;
  student: { name: string; rawId: string; id: string };
  submittedAt: string;
  items: GradedItem[];
  total: number;
  outOf: number;
  claimed: { score: number; outOf: number };
  flags: Flag[];
  /** False for an older file of a student who handed in again. */
  counts: boolean;
}

export interface RejectedFile {
  file: string;
  ok: false;
  flags: Flag[];
}

export type FileResult = GradedSubmission | RejectedFile;

export interface GradingContext {
  spec: AssignmentSpec;
  assignmentId: string;
  specHash: string;
  /** The book's exercise "bank/id", or null if the book no longer has it. */
  exercise: (fullId: string) => ExerciseSpec | null;
  /** The sandbox that runs code answers (with a time limit). */
  runCode?: CodeRunner;
  /** Called before each submission's answers are checked (the page starts a fresh sandbox, so nothing one
   * student's code leaves behind reaches the next). */
  startSubmission?: () => void | Promise<void>;
}

const fmt = (x: number) => (Math.round(x * 100) / 100).toLocaleString('en');

/** Grades one file's text. Never throws: a file that cannot be read comes back with the reason as a flag. */
export async function gradeFile(ctx: GradingContext, file: string, text: string): Promise<FileResult> {
  const parsed = parseSubmission(text);
  if (!parsed.ok) return { file, ok: false, flags: [{ kind: 'malformed', message: `Could not read ${file}: ${parsed.error}.` }] };
  const sub = parsed.value;
  if (sub.assignmentId !== ctx.assignmentId) {
    return {
      file,
      ok: false,
      flags: [{ kind: 'wrong-assignment', message: `${file} is for another assignment ("${sub.title}", id ${sub.assignmentId}), not this one (id ${ctx.assignmentId}).` }],
    };
  }
  return gradeSubmission(ctx, file, sub);
}

export async function gradeSubmission(ctx: GradingContext, file: string, sub: Submission): Promise<GradedSubmission> {
  const { spec } = ctx;
  await ctx.startSubmission?.();
  const flags: Flag[] = [];
  if (sub.specHash !== ctx.specHash) flags.push({ kind: 'wrong-assignment', message: 'The file names this assignment but its spec hash differs: it was edited.' });
  const id = normaliseId(sub.student.id);
  for (const w of idWarnings(id)) flags.push({ kind: 'id-warning', message: w });
  const seed = studentSeed(spec, ctx.assignmentId, id);
  const items: GradedItem[] = [];
  for (const item of spec.items) {
    const work: WorkItem | undefined = Object.hasOwn(sub.work, item.id) ? sub.work[item.id] : undefined;
    const exercise = ctx.exercise(item.id);
    const hintsShown = work?.hintsShown ?? 0;
    if (!exercise) {
      flags.push({ kind: 'unknown-exercise', message: `The book no longer has exercise ${item.id}; it scores 0 here.` });
      items.push({ id: item.id, points: item.points, earned: 0, result: null, response: null, hasResponse: false, attempts: 0, hintsShown, params: undefined });
      continue;
    }
    if (exercise.version !== item.version) {
      flags.push({ kind: 'exercise-changed', message: `"${exercise.title}" changed in the book since this assignment was made (version ${item.version} → ${exercise.version}); it is checked as it is now.` });
    }
    if (spec.hints.mode === 'off' && hintsShown > 0) {
      flags.push({ kind: 'hints-off', message: `The file says ${hintsShown} hint(s) were shown on "${exercise.title}", but hints were off: the file was edited or made elsewhere.` });
    }
    const params = variantParams(exercise, item.id, seed);
    const last = finalAttempt(work);
    const result = last ? await judgeResponse(exercise, params, last.response, ctx.runCode) : null;
    const earned = result ? itemPoints(item, spec.hints, result.score, hintsShown) : 0;
    items.push({ id: item.id, points: item.points, earned, result, response: last?.response ?? null, hasResponse: last !== null, attempts: work?.attempts.length ?? 0, hintsShown, params });
  }
  for (const key of Object.keys(sub.work)) {
    if (!spec.items.some((it) => it.id === key)) flags.push({ kind: 'unknown-exercise', message: `The file has work on ${key}, which is not part of this assignment; it is ignored.` });
  }
  const total = Math.round(items.reduce((s, it) => s + it.earned, 0) * 1000) / 1000;
  const outOf = totalPoints(spec);
  if (Math.abs(total - sub.claimed.score) > 1e-6 || Math.abs(outOf - sub.claimed.outOf) > 1e-6) {
    flags.push({ kind: 'score-mismatch', message: `The file claims ${fmt(sub.claimed.score)} of ${fmt(sub.claimed.outOf)}; re-checking every answer gives ${fmt(total)} of ${fmt(outOf)}.` });
  }
  if (isPastDue(spec, new Date(sub.submittedAt))) {
    flags.push({ kind: 'late', message: `Submitted ${sub.submittedAt}, after the due time ${spec.due!.at}, by the student's own clock (which the student controls).` });
  }
  return { file, ok: true, student: { name: sub.student.name, rawId: sub.student.id, id }, submittedAt: sub.submittedAt, items, total, outOf, claimed: sub.claimed, flags, counts: true };
}

/** A response as compared across students: text trimmed and spaces collapsed, other values as JSON. */
const responseKey = (r: unknown) => (typeof r === 'string' ? r.trim().replace(/\s+/g, ' ') : JSON.stringify(r));

/** Marks duplicates (only the latest file of a student counts) and identical answers across students on
 * exercises whose variants differ between them. Mutates and returns the results. */
export function crossCheck(spec: AssignmentSpec, results: FileResult[], exercise: GradingContext['exercise']): FileResult[] {
  const graded = results.filter((r): r is GradedSubmission => r.ok);
  const byStudent = new Map<string, GradedSubmission[]>();
  for (const g of graded) byStudent.set(g.student.id, [...(byStudent.get(g.student.id) ?? []), g]);
  for (const [, subs] of byStudent) {
    if (subs.length < 2) continue;
    subs.sort((a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt));
    const [latest, ...older] = subs;
    latest.flags.push({ kind: 'duplicate', message: `This student handed in ${subs.length} files; this one, the latest (${latest.submittedAt}), counts. Older: ${older.map((o) => o.file).join(', ')}.` });
    for (const o of older) {
      o.counts = false;
      o.flags.push({ kind: 'superseded', message: `A newer file from this student (${latest.file}, ${latest.submittedAt}) counts instead of this one.` });
    }
  }
  if (spec.variants === 'per-student') {
    const counting = graded.filter((g) => g.counts);
    for (const item of spec.items) {
      const ex = exercise(item.id);
      // Choices and figure goals are often the same for everyone; compare typed answers and code only.
      if (!ex || ex.kind === 'choice' || ex.kind === 'widget' || !ex.params) continue;
      const seen = new Map<string, { g: GradedSubmission; params: string }>();
      for (const g of counting) {
        const gi = g.items.find((x) => x.id === item.id);
        if (!gi?.hasResponse) continue;
        const key = responseKey(gi.response);
        if (key === '' || key === '""') continue;
        const params = JSON.stringify(gi.params);
        const other = seen.get(key);
        if (other && other.params !== params) {
          const msg = (who: GradedSubmission) => `The answer to "${ex.title}" is identical to ${who.student.name || who.student.id}'s, although their numbers differ.`;
          g.flags.push({ kind: 'identical-answers', message: msg(other.g) });
          other.g.flags.push({ kind: 'identical-answers', message: msg(g) });
        } else if (!other) seen.set(key, { g, params });
      }
    }
  }
  return results;
}

export interface GradeProgress {
  done: number;
  total: number;
}

/**
 * Grades every file, yielding to the page between files so it stays responsive, then cross-checks.
 * `concurrency` files are graded at once: a code answer runs in a worker of its own, so while one file waits
 * on its sandbox another's can run on the next core. Results keep the order of `files`.
 */
export async function gradeAll(
  ctx: GradingContext,
  files: { name: string; text: string }[],
  onProgress: (p: GradeProgress) => void = () => {},
  yieldToPage: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0)),
  concurrency = 1,
): Promise<FileResult[]> {
  const out: FileResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = await gradeFile(ctx, files[i].name, files[i].text);
      onProgress({ done: ++done, total: files.length });
      if (done % 5 === 0) await yieldToPage();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, lane));
  return crossCheck(ctx.spec, out, ctx.exercise);
}

export interface ItemStats {
  id: string;
  points: number;
  mean: number;
  answered: number;
  /** Counts of students by fraction of points earned: 0, (0, ½), [½, 1), full. */
  distribution: { none: number; some: number; most: number; full: number };
  /** The most common wrong answers, most frequent first (up to 3). */
  commonWrong: { response: string; count: number }[];
}

/** Per-exercise statistics over the files that count. */
export function itemStats(spec: AssignmentSpec, results: FileResult[]): ItemStats[] {
  const counting = results.filter((r): r is GradedSubmission => r.ok && r.counts);
  return spec.items.map((item) => {
    const gs = counting.map((g) => g.items.find((x) => x.id === item.id)!).filter(Boolean);
    const dist = { none: 0, some: 0, most: 0, full: 0 };
    const wrong = new Map<string, number>();
    for (const gi of gs) {
      const f = item.points > 0 ? gi.earned / item.points : gi.result?.score ?? 0;
      if (f <= 0) dist.none++;
      else if (f < 0.5) dist.some++;
      else if (f < 1) dist.most++;
      else dist.full++;
      if (gi.hasResponse && gi.result && gi.result.status !== 'correct') {
        const key = responseKey(gi.response).slice(0, 200);
        wrong.set(key, (wrong.get(key) ?? 0) + 1);
      }
    }
    const mean = gs.length ? gs.reduce((s, gi) => s + gi.earned, 0) / gs.length : 0;
    const commonWrong = [...wrong].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([response, count]) => ({ response, count }));
    return { id: item.id, points: item.points, mean, answered: gs.filter((g) => g.hasResponse).length, distribution: dist, commonWrong };
  });
}
