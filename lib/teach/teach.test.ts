// The assignment cycle without a DOM: spec, link, ids, variants, submissions, grading, flags, CSV, zips.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CodeRun } from '../exercises/judge.ts';
import type { ExerciseSpec } from '../exercises/types.ts';
import { gradebookCsv, safeCell } from './csv.ts';
import { expandFiles, lmsNameOf, readDropped } from './files.ts';
import { crossCheck, gradeAll, gradeFile, hintFactor, itemStats, type GradedSubmission, type GradingContext } from './grade.ts';
import { idWarnings, normaliseId, studentSeed, variantParams } from './identity.ts';
import { blankSpec, canonicalJson, decodeSpec, encodeSpec, parseSpecText, specHash, type AssignmentSpec } from './spec.ts';
import { parseSubmission, submissionFileName } from './submission.ts';
import { addAttempt, emptyWork, makeSubmission, ownScore, parseWork, setHints } from './work.ts';

// A small bank of our own: a numeric exercise with variants, a choice, and a code exercise.
const square: ExerciseSpec<{ a: number }> = {
  kind: 'numeric',
  id: 'square',
  version: 2,
  title: 'Square it',
  params: (rng) => ({ a: 2 + Math.floor(rng.uniform() * 50) }),
  prompt: (p) => `What is $${p.a}^2$?`,
  hints: [() => 'Multiply it by itself.', () => 'Really.'],
  solution: (p) => `${p.a * p.a}`,
  answer: (p) => p.a * p.a,
};
const pick: ExerciseSpec = {
  kind: 'choice',
  id: 'pick',
  version: 1,
  title: 'Pick one',
  prompt: () => 'Which is even?',
  hints: [],
  solution: () => '2',
  choices: () => [
    { text: '1', correct: false },
    { text: '2', correct: true },
  ],
};
const code: ExerciseSpec = {
  kind: 'code',
  id: 'double',
  version: 1,
  title: 'Double',
  prompt: () => 'Write double(x).',
  hints: [],
  solution: () => 'const double = (x) => 2 * x;',
  starter: () => 'function double(x) {}',
  checkCode: () => '__report(double(3) === 6 ? 1 : 0, "")',
};
const bank: Record<string, ExerciseSpec> = { 't/square': square, 't/pick': pick, 't/double': code };
const exercise = (id: string) => bank[id] ?? null;

/** A stand-in for the sandbox: runs nothing, but reads the code the way the checks would, and reports a
 * loop as the sandbox's time limit does. (The real sandbox is tested in e2e.) */
const runCode = async (src: string): Promise<CodeRun> => {
  if (/while\s*\(true\)/.test(src)) return { outcome: 'timeout', report: null };
  if (/fetch\(/.test(src)) return { outcome: 'done', report: null };
  return { outcome: 'done', report: { score: /2 \* x/.test(src) ? 1 : 0, feedback: '' } };
};

const spec = (over: Partial<AssignmentSpec> = {}): AssignmentSpec => ({
  ...blankSpec(),
  title: 'Week 1',
  items: [
    { id: 't/square', version: 2, points: 4 },
    { id: 't/pick', version: 1, points: 1 },
    { id: 't/double', version: 1, points: 5 },
  ],
  ...over,
});

async function context(s = spec()): Promise<GradingContext> {
  const { id, hash } = await specHash(s);
  return { spec: s, assignmentId: id, specHash: hash, exercise, runCode };
}

/** A student does the assignment as their page would record it. */
async function submit(ctx: GradingContext, name: string, sid: string, answers: { square?: 'right' | 'wrong' | string; pick?: number; code?: string; hints?: number }, at = '2026-12-01T10:00:00.000Z') {
  let w = emptyWork(ctx.assignmentId, name, sid);
  const seed = studentSeed(ctx.spec, ctx.assignmentId, normaliseId(sid));
  const p = variantParams(square, 't/square', seed) as { a: number };
  if (answers.square) {
    const text = answers.square === 'right' ? String(p.a * p.a) : answers.square === 'wrong' ? String(p.a * p.a * 2) : answers.square;
    w = addAttempt(w, 't/square', 2, '7', 0, new Date('2026-12-01T09:00:00Z'));
    w = addAttempt(w, 't/square', 2, text, 1, new Date('2026-12-01T09:30:00Z'));
  }
  if (answers.hints) w = setHints(w, 't/square', 2, answers.hints);
  if (answers.pick !== undefined) w = addAttempt(w, 't/pick', 1, [answers.pick], 1);
  if (answers.code) w = addAttempt(w, 't/double', 1, answers.code, 1);
  const score = await ownScore(ctx.spec, ctx.assignmentId, w, exercise, runCode);
  return { work: w, sub: makeSubmission(ctx.spec, { id: ctx.assignmentId, hash: ctx.specHash }, w, score, new Date(at)), p };
}

describe('the spec and its link', () => {
  it('round-trips through the link, and its id changes with any change to the spec', async () => {
    const s = spec({ instructions: 'Show your working. Ünïcödé: 数学 ✓', due: { at: '2026-12-24T17:00:00+01:00', timeZone: 'Europe/Berlin' } });
    const frag = encodeSpec(s);
    expect(frag).toMatch(/^a1\.[A-Za-z0-9_-]+$/);
    const back = decodeSpec(`https://book.example/teach/do/#${frag}`);
    expect(back).toEqual({ ok: true, value: s });
    const a = await specHash(s);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect((await specHash({ ...s, items: s.items.map((it, i) => (i === 0 ? { ...it, points: 5 } : it)) })).id).not.toBe(a.id);
    // Key order does not matter: the canonical text is the same.
    const reverse = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverse) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v;
    const reordered = reverse(s) as AssignmentSpec;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(s));
    expect(canonicalJson(reordered)).toBe(canonicalJson(s));
    expect((await specHash(reordered)).hash).toBe(a.hash);
  });

  it('refuses invalid specs with a reason a teacher can act on', () => {
    expect(parseSpecText(JSON.stringify({ ...spec(), title: '  ' }))).toEqual({ ok: false, error: expect.stringContaining('give the assignment a title') });
    expect(parseSpecText(JSON.stringify({ ...spec(), items: [] }))).toEqual({ ok: false, error: expect.stringContaining('pick at least one exercise') });
    const twice = spec();
    twice.items.push({ ...twice.items[0] });
    expect(parseSpecText(JSON.stringify(twice))).toEqual({ ok: false, error: expect.stringContaining('appears twice') });
    expect(parseSpecText(JSON.stringify({ ...spec(), v: 9 }))).toEqual({ ok: false, error: expect.stringContaining('newer version') });
    expect(parseSpecText(JSON.stringify({ ...spec(), items: [{ id: '__proto__/x', version: 1, points: 1 }] })).ok).toBe(false);
    expect(parseSpecText('{"kind":"dll-assign').ok).toBe(false);
  });

  it('reads any mangled link as a clear error, never a throw, and never inflates without bound', () => {
    const good = encodeSpec(spec());
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => good.slice(0, 10) + s), fc.nat(good.length).map((n) => good.slice(0, n)), fc.constant('a1.' + 'A'.repeat(5000))), (frag) => {
        const r = decodeSpec(frag);
        if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
        else expect(r.value.kind).toBe('dll-assignment');
      }),
      { numRuns: 300 },
    );
    // A deflate bomb: 50 MB of spaces compresses to a few kB.
    const bomb = 'a1.' + Buffer.from(require('node:zlib').deflateRawSync(Buffer.alloc(50_000_000, 32))).toString('base64url');
    expect(decodeSpec(bomb)).toEqual({ ok: false, error: expect.stringContaining('broken') });
    expect(decodeSpec('a2.xyz')).toEqual({ ok: false, error: expect.stringContaining('newer version') });
  });
});

describe('student ids and variants', () => {
  it('normalises ids typed on different keyboards to one id', () => {
    const same = ['S1234', ' s1234 ', 'ｓ１２３４', 's\u200b1234', 'S1234\u00a0'];
    expect(new Set(same.map(normaliseId))).toEqual(new Set(['s1234']));
    expect(normaliseId('Straße')).toBe(normaliseId('STRASSE'));
    expect(normaliseId('Cafe\u0301')).toBe(normaliseId('Café'));
  });

  it('keeps look-alike letters from other scripts apart, and warns about them', () => {
    const cyrillic = 's\u0430m'; // Cyrillic "а"
    expect(normaliseId(cyrillic)).not.toBe(normaliseId('sam'));
    expect(idWarnings(normaliseId(cyrillic))).toEqual([expect.stringContaining('Latin and Cyrillic')]);
    expect(idWarnings('sam')).toEqual([]);
    expect(idWarnings('')).toEqual(['The student id is empty.']);
  });

  it('gives a student the same variant everywhere, and different students different ones', async () => {
    const { id } = await specHash(spec());
    const of = (sid: string) => variantParams(square, 't/square', studentSeed(spec(), id, normaliseId(sid)));
    expect(of('ａｌｉｃｅ')).toEqual(of('Alice'));
    const students = Array.from({ length: 40 }, (_, i) => `student-${i}`);
    expect(new Set(students.map((s) => JSON.stringify(of(s)))).size).toBeGreaterThan(20);
    const shared = spec({ variants: 'shared' });
    const sharedId = (await specHash(shared)).id;
    const sh = (sid: string) => variantParams(square, 't/square', studentSeed(shared, sharedId, normaliseId(sid)));
    expect(sh('a')).toEqual(sh('b'));
  });
});

describe('scoring and grading', () => {
  it('re-checks every final answer and scores under each hint policy', async () => {
    for (const [hints, expected] of [
      [{ mode: 'allowed' } as const, 10],
      [{ mode: 'penalty', perHint: 0.25 } as const, 4 * 0.5 + 1 + 5],
      [{ mode: 'off' } as const, 10],
    ] as const) {
      const ctx = await context(spec({ hints }));
      const { sub } = await submit(ctx, 'Ann', 'a1', { square: 'right', pick: 1, code: 'const double = (x) => 2 * x;', hints: hints.mode === 'off' ? 0 : 2 });
      const g = (await gradeFile(ctx, 'ann.json', JSON.stringify(sub))) as GradedSubmission;
      expect(g.ok).toBe(true);
      expect(g.total).toBe(expected);
      expect(g.flags).toEqual([]);
    }
    expect(hintFactor({ mode: 'penalty', perHint: 0.4 }, 3)).toBe(0);
  });

  it('ignores the claimed score and flags a forged one', async () => {
    const ctx = await context();
    const { sub } = await submit(ctx, 'Bob', 'b2', { square: 'wrong', pick: 0 });
    const forged = { ...sub, claimed: { score: 10, outOf: 10 } };
    const g = (await gradeFile(ctx, 'bob.json', JSON.stringify(forged))) as GradedSubmission;
    expect(g.total).toBe(0);
    expect(g.flags).toEqual([{ kind: 'score-mismatch', message: 'The file claims 10 of 10; re-checking every answer gives 0 of 10.' }]);
    // Forging an attempt's own score changes nothing either: the response is re-checked.
    const attempts = sub.work['t/square'].attempts.map((a) => ({ ...a, score: 1 }));
    const g2 = (await gradeFile(ctx, 'bob.json', JSON.stringify({ ...sub, work: { ...sub.work, 't/square': { ...sub.work['t/square'], attempts } } }))) as GradedSubmission;
    expect(g2.items[0].earned).toBe(0);
  });

  it('counts the last attempt by time, and re-derives the variant from the id', async () => {
    const ctx = await context();
    const { sub, p } = await submit(ctx, 'Cy', 'C3', { square: 'right' });
    const g = (await gradeFile(ctx, 'cy.json', JSON.stringify(sub))) as GradedSubmission;
    expect(g.items[0]).toMatchObject({ earned: 4, attempts: 2, params: p });
    // Someone else's right answer under this student's id is wrong for this variant.
    const other = await submit(ctx, 'Di', 'd4', { square: 'right' });
    const swapped = { ...other.sub, student: { name: 'Cy', id: 'C3' } };
    const g2 = (await gradeFile(ctx, 'swap.json', JSON.stringify(swapped))) as GradedSubmission;
    if (JSON.stringify(other.p) !== JSON.stringify(p)) expect(g2.items[0].earned).toBe(0);
  });

  it('flags wrong assignments, edited specs, truncated, empty and oversized files', async () => {
    const ctx = await context();
    const { sub } = await submit(ctx, 'Eve', 'e5', { square: 'right' });
    const text = JSON.stringify(sub);
    const otherCtx = await context(spec({ title: 'Week 2' }));
    expect(await gradeFile(otherCtx, 'eve.json', text)).toEqual({ file: 'eve.json', ok: false, flags: [{ kind: 'wrong-assignment', message: expect.stringContaining('another assignment ("Week 1"') }] });
    const edited = (await gradeFile(ctx, 'eve.json', JSON.stringify({ ...sub, specHash: 'f'.repeat(64) }))) as GradedSubmission;
    expect(edited.flags.map((f) => f.kind)).toContain('wrong-assignment');
    for (const bad of [text.slice(0, text.length / 2), '', '[]', 'x'.repeat(50_000_000)]) {
      const r = await gradeFile(ctx, 'bad.json', bad);
      expect(r.ok).toBe(false);
      expect(r.flags[0].kind).toBe('malformed');
    }
    expect((await gradeFile(ctx, 'big.json', 'x'.repeat(50_000_000))).flags[0].message).toContain('50.0 MB');
  });

  it('scores a code answer that loops forever or reaches for the network as unfinished, not right', async () => {
    const ctx = await context();
    for (const src of ['while (true) {}', "fetch('http://evil.example/'); __report(1, 'ok')"]) {
      const { sub } = await submit(ctx, 'Fay', 'f6', { code: src });
      const g = (await gradeFile(ctx, 'fay.json', JSON.stringify(sub))) as GradedSubmission;
      expect(g.items[2]).toMatchObject({ earned: 0, result: { status: 'invalid' } });
    }
  });

  it('keeps the latest of a student’s files, flags lateness and identical answers across variants', async () => {
    const ctx = await context(spec({ due: { at: '2026-12-01T12:00:00Z', timeZone: 'UTC' } }));
    const early = await submit(ctx, 'Gil', 'g7', { square: 'wrong' }, '2026-12-01T10:00:00.000Z');
    const late = await submit(ctx, 'Gil', ' G7 ', { square: 'right' }, '2026-12-01T13:00:00.000Z');
    const copier = await submit(ctx, 'Hal', 'h8', { square: String((late.p.a * late.p.a)) }, '2026-12-01T11:00:00.000Z');
    const results = await gradeAll(ctx, [
      { name: 'gil-1.json', text: JSON.stringify(early.sub) },
      { name: 'gil-2.json', text: JSON.stringify(late.sub) },
      { name: 'hal.json', text: JSON.stringify(copier.sub) },
    ]);
    const [g1, g2, h] = results as GradedSubmission[];
    expect(g1.counts).toBe(false);
    expect(g1.flags.map((f) => f.kind)).toEqual(['superseded']);
    expect(g2.counts).toBe(true);
    expect(g2.flags.map((f) => f.kind).sort()).toEqual(['duplicate', 'identical-answers', 'late']);
    expect(g2.flags.find((f) => f.kind === 'late')!.message).toContain("student's own clock");
    if (JSON.stringify(copier.p) !== JSON.stringify(late.p)) expect(h.flags.map((f) => f.kind)).toEqual(['identical-answers']);
    const stats = itemStats(ctx.spec, results);
    expect(stats[0]).toMatchObject({ id: 't/square', answered: 2 });
    expect(stats[0].distribution.full + stats[0].distribution.none).toBe(2);
  });

  it('grades several files at once when asked, at most that many, with the same results in the same order', async () => {
    const ctx = await context();
    const files = await Promise.all(
      ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'].map(async (id, k) => {
        const { sub } = await submit(ctx, `Student ${id}`, id, { square: k % 2 ? 'wrong' : 'right' });
        return { name: `${id}.json`, text: JSON.stringify(sub) };
      }),
    );
    const one = await gradeAll(ctx, files);
    let started = 0;
    let finished = 0;
    let most = 0;
    const slow = {
      ...ctx,
      startSubmission: async () => {
        started++;
        most = Math.max(most, started - finished);
        await new Promise((r) => setTimeout(r, 5));
      },
    };
    const three = await gradeAll(slow, files, () => finished++, undefined, 3);
    expect(most).toBe(3);
    expect(three).toEqual(one);
    expect(three.map((r) => r.file)).toEqual(files.map((f) => f.name));
  });

  it('never trusts keys that would reach the object prototype', async () => {
    const ctx = await context();
    const { sub } = await submit(ctx, 'Ivy', 'i9', {});
    const text = JSON.stringify(sub).replace('"work":{}', '"work":{"__proto__":{"version":1,"attempts":[],"hintsShown":0,"solutionShown":false}}');
    const r = await gradeFile(ctx, 'ivy.json', text);
    // Either refused or read without the key: never a prototype changed, never work credited.
    expect(({} as Record<string, unknown>).version).toBeUndefined();
    if (r.ok) expect(r.items.every((i) => !i.hasResponse)).toBe(true);
  });

  it('fuzz: any text graded is a result or a flagged file, never a throw', async () => {
    const ctx = await context();
    const { sub } = await submit(ctx, 'Jo', 'j1', { square: 'right', pick: 1 });
    const good = JSON.stringify(sub);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.nat(good.length).map((n) => good.slice(0, n)),
          fc.jsonValue().map((v) => JSON.stringify({ ...sub, work: { 't/square': v } })),
          fc.jsonValue().map((v) => JSON.stringify({ ...sub, claimed: v })),
          fc.constantFrom('{"kind":"dll-submission","v":1e308}', '{"constructor":{"prototype":{"x":1}}}'),
        ),
        async (text) => {
          const r = await gradeFile(ctx, 'f.json', text);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('student work and submission files', () => {
  it('saves and reads work back, and refuses junk', async () => {
    const ctx = await context();
    const { work, sub } = await submit(ctx, 'Kim', 'k2', { square: 'right' });
    expect(parseWork(JSON.stringify(work), ctx.assignmentId)).toEqual(work);
    expect(parseWork('{"v":1', ctx.assignmentId)).toBeNull();
    expect(parseWork(JSON.stringify(work), '0'.repeat(16))).toBeNull();
    expect(parseSubmission(JSON.stringify(sub))).toEqual({ ok: true, value: sub });
  });

  it('names the file after the student and the assignment, safely', () => {
    expect(submissionFileName({ student: { name: 'Zoë  O’Brien', id: 'S/12:34' }, title: 'Week 1: CNNs', assignmentId: 'abcdef0123456789' })).toBe(
      'Zoe-O-Brien_S-12-34_Week-1-CNNs_abcdef0123456789.json',
    );
    expect(submissionFileName({ student: { name: '李雷', id: '../../etc' }, title: 'x', assignmentId: 'abcdef0123456789' })).toBe('李雷_etc_x_abcdef0123456789.json');
  });
});

describe('gradebook CSV', () => {
  it('neutralises formula injection', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) expect(safeCell(bad)).toBe(`'${bad}`);
    expect(safeCell('Ann')).toBe('Ann');
    expect(safeCell(-3)).toBe(-3);
  });

  it('writes Canvas, Moodle and plain layouts that read back with names in any script intact', async () => {
    const ctx = await context();
    const names = ['Σωκράτης Παπαδόπουλος', '=HYPERLINK("http://x")', 'José "Pepe", Núñez', '山田 太郎', 'محمد'];
    const results = (await Promise.all(names.map(async (n, i) => gradeFile(ctx, `${i}.json`, JSON.stringify((await submit(ctx, n, `id-${i}`, { square: 'right', pick: i % 2 })).sub))))) as GradedSubmission[];
    crossCheck(ctx.spec, results, exercise);
    const read = (layout: 'canvas' | 'moodle' | 'plain') => parse(gradebookCsv(ctx.spec, ctx.assignmentId, results, layout), { bom: true }) as string[][];
    const canvas = read('canvas');
    expect(canvas[0]).toEqual(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', `Week 1 (${ctx.assignmentId})`]);
    expect(canvas[1]).toEqual(['Points Possible', '', '', '', '', '10']);
    expect(canvas.slice(2).map((r) => r[0])).toEqual(names.map((n) => (n.startsWith('=') ? `'${n}` : n)));
    expect(canvas[2][5]).toBe('4');
    const moodle = read('moodle');
    expect(moodle[0].slice(0, 3)).toEqual(['ID number', 'Full name', `Week 1 (${ctx.assignmentId})`]);
    expect(moodle[2]).toEqual(['id-1', `'${names[1]}`, '5', '']);
    const plain = read('plain');
    expect(plain[0]).toEqual(['Name', 'Student id', 't/square (4)', 't/pick (1)', 't/double (5)', 'Total', 'Out of', 'Submitted', 'Flags']);
    expect(plain[4].slice(0, 7)).toEqual(['山田 太郎', 'id-3', '4', '1', '0', '5', '10']);
  });
});

describe('dropped files and LMS zips', () => {
  const sub = (n: string) => strToU8(`{"n":"${n}"}`);
  it('reads loose files, Canvas and Moodle zips, and skips what is not a submission', () => {
    const canvas = zipSync({ 'doejane_12345_67890_week1.json': sub('jane'), 'roebob_LATE_222_333_week1.json': sub('bob'), 'notes.txt': strToU8('x'), '__MACOSX/._a.json': sub('junk') });
    const moodle = zipSync({ 'Jane Doe_12345_assignsubmission_file_/week1.json': sub('jane'), 'Bob Roe_777_assignsubmission_file_week1.json': sub('bob') });
    const { files, skipped } = expandFiles([
      { name: 'loose.json', bytes: sub('x') },
      { name: 'canvas.zip', bytes: canvas },
      { name: 'moodle.zip', bytes: moodle },
      { name: 'broken.zip', bytes: canvas.slice(0, 40) },
    ]);
    expect(files.map((f) => f.name)).toEqual([
      'loose.json',
      'canvas.zip › doejane_12345_67890_week1.json',
      'canvas.zip › roebob_LATE_222_333_week1.json',
      'moodle.zip › Bob Roe_777_assignsubmission_file_week1.json',
      'moodle.zip › Jane Doe_12345_assignsubmission_file_/week1.json',
    ]);
    expect(skipped).toEqual([{ name: 'broken.zip', reason: expect.stringContaining('not a zip file') }]);
    expect(lmsNameOf('doejane_12345_67890_week1.json')).toEqual({ lms: 'canvas', who: 'doejane' });
    expect(lmsNameOf('Jane Doe_12345_assignsubmission_file_/week1.json')).toEqual({ lms: 'moodle', who: 'Jane Doe' });
    expect(lmsNameOf('Bob Roe_777_assignsubmission_file_week1.json')).toEqual({ lms: 'moodle', who: 'Bob Roe' });
    expect(lmsNameOf('week1.json')).toBeNull();
  });

  it('reads dropped files a chunk at a time, yielding between chunks, into what reading them at once gives', async () => {
    const canvas = zipSync({ 'doejane_12345_67890_week1.json': sub('jane'), 'roebob_LATE_222_333_week1.json': sub('bob') });
    const inputs = [
      { name: 'a.json', bytes: sub('a') },
      { name: 'canvas.zip', bytes: canvas },
      { name: 'broken.zip', bytes: canvas.slice(0, 40) },
      { name: 'b.json', bytes: sub('b') },
      { name: 'c.json', bytes: sub('c') },
    ];
    let yields = 0;
    const progress: [number, number][] = [];
    const read = await readDropped(
      inputs.map((f) => new File([f.bytes], f.name)),
      async () => void yields++,
      (done, total) => progress.push([done, total]),
      2,
    );
    expect(read).toEqual(expandFiles(inputs));
    expect(progress).toEqual([[2, 5], [4, 5], [5, 5]]);
    expect(yields).toBe(2);
  });
});
