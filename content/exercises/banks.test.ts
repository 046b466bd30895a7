// Every exercise of every bank, the same checks for all: the same seed draws the same variant, every
// variant renders, the right answer scores 1 and a wrong one does not, a code exercise's worked solution
// passes its hidden checks while its starter does not, and a figure goal reads a missing state as invalid.
// Each bank's own test file checks what is particular to it (the by-hand numbers, the usual mistakes).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/random.ts';
import { checkChoice, checkNumeric, checkVector, seedFor } from '../../lib/exercises/check.ts';
import { renderRich } from '../../lib/exercises/richtext.ts';
import type { ExerciseBank, ExerciseSpec } from '../../lib/exercises/types.ts';
import { OPENS_WITH_VERDICT as VERDICT, runChecks } from './runChecks.ts';

const modules = import.meta.glob<{ default: ExerciseBank }>(['./[0-9][0-9]-*.ts', '!./*.test.ts'], { eager: true });
const banks = Object.entries(modules).map(([path, m]) => ({ file: path.slice(2, -3), bank: m.default }));

const seeds = Array.from({ length: 12 }, (_, i) => i * 7919 + 3);
const variants = (spec: ExerciseSpec) => seeds.map((s) => (spec.params ? spec.params(new Rng(s)) : undefined));

/** A value that no sensible tolerance accepts for `a`. */
const farFrom = (a: number) => a + 0.5 + Math.abs(a);

it('finds a bank for every chapter with exercises', () => {
  expect(banks.map((b) => b.file)).toEqual(['01-introduction', '02-neurons', '03-depth', '04-backpropagation', '05-sgd', '06-relu-init', '07-cnn', '08-rnn', '09-transformers', '10-applications', '11-debugging', '13-engine']);
});

describe.each(banks)('bank $file', ({ file, bank }) => {
  it('is named for its file, has unique ids and at least three exercises of mixed kinds', () => {
    expect(bank.id).toBe(file);
    const ids = bank.exercises.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(bank.exercises.map((e) => e.kind)).size).toBeGreaterThanOrEqual(3);
    for (const e of bank.exercises) {
      expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Number.isInteger(e.version) && e.version >= 1).toBe(true);
    }
  });

  it.each(bank.exercises.map((e) => [e.id, e] as const))('%s: the same seed gives the same variant, and every variant renders', (_id, spec) => {
    for (const s of seeds) {
      if (spec.params) expect(spec.params(new Rng(s))).toEqual(spec.params(new Rng(s)));
    }
    expect(spec.hints.length).toBeGreaterThanOrEqual(2);
    for (const p of variants(spec)) {
      const texts = [spec.title, spec.prompt(p), spec.solution(p), ...spec.hints.map((h) => h(p))];
      if (spec.kind === 'choice') texts.push(...spec.choices(p).flatMap((c) => [c.text, c.why ?? '']));
      if (spec.kind === 'code') texts.push(spec.starter(p));
      // Every drawn number is finite; the word NaN may appear in prose ("the loss is NaN"), a NaN drawn into
      // a formula may not.
      expect(JSON.stringify(p ?? null, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? 'NON-FINITE' : v))).not.toContain('NON-FINITE');
      for (const t of texts) {
        expect(t).not.toMatch(/undefined|\[object|(?<![A-Za-z] )\bNaN\b/);
        expect(renderRich(t)).not.toContain('katex-error');
      }
      // A problem is stated as a person would write it: no "(w − 0)²", no "x + −2" (worked solutions may
      // show such a term while they substitute the numbers).
      expect(spec.prompt(p), 'a drawn zero or sign left in the prompt').not.toMatch(/[-+\u2212] 0(?![.\d])|[-+\u2212] [-\u2212]\d/);
    }
  });

  it("re-derives a student's variant from the seed text alone and checks it purely, as a grading page will", () => {
    const students = Array.from({ length: 20 }, (_, i) => `class-7/student-${i}`);
    for (const spec of bank.exercises) {
      const fullId = `${bank.id}/${spec.id}`;
      const draw = (who: string) => (spec.params ? spec.params(new Rng(seedFor(fullId, who))) : undefined);
      for (const who of students.slice(0, 3)) {
        const p = draw(who);
        expect(draw(who), fullId).toEqual(p);
        const before = structuredClone(p);
        const answers = () => (spec.kind === 'numeric' || spec.kind === 'vector' ? [spec.answer(p)] : spec.kind === 'choice' ? spec.choices(p).map((c) => c.correct) : []);
        const first = [spec.prompt(p), spec.solution(p), ...answers()];
        expect([spec.prompt(p), spec.solution(p), ...answers()], `${fullId}: the same text and answer twice`).toEqual(first);
        if (spec.kind === 'widget') expect(spec.check(p, {}), fullId).toEqual(spec.check(p, {}));
        if (spec.kind === 'code') expect(spec.checkCode(p), fullId).toBe(spec.checkCode(p));
        expect(p, `${fullId}: drawing and checking leave the variant as drawn`).toEqual(before);
      }
      if (spec.params) expect(new Set(students.map((who) => JSON.stringify(draw(who)))).size, `${fullId}: students get different variants`).toBeGreaterThan(1);
    }
  });

  it('accepts the right answer and rejects a wrong one, in every variant', () => {
    for (const spec of bank.exercises) {
      for (const p of variants(spec)) {
        if (spec.kind === 'numeric') {
          const a = spec.answer(p);
          expect(Number.isFinite(a)).toBe(true);
          expect(checkNumeric(String(a), a, spec.tolerance).status, spec.id).toBe('correct');
          expect(checkNumeric(String(farFrom(a)), a, spec.tolerance).status, spec.id).toBe('wrong');
        } else if (spec.kind === 'vector') {
          const a = spec.answer(p);
          const rows = (Array.isArray(a[0]) ? a : [a]) as number[][];
          expect(rows.flat().every(Number.isFinite)).toBe(true);
          const typed = (f: (v: number) => number) => rows.map((r) => r.map((v) => String(f(v))).join(', ')).join('; ');
          expect(checkVector(typed((v) => v), a, spec.tolerance).status, spec.id).toBe('correct');
          expect(checkVector(typed(farFrom), a, spec.tolerance).status, spec.id).toBe('wrong');
        } else if (spec.kind === 'choice') {
          const correct = spec.choices(p).map((c) => c.correct);
          const n = correct.filter(Boolean).length;
          if (spec.multiple) expect(n, spec.id).toBeGreaterThanOrEqual(1);
          else expect(n, spec.id).toBe(1);
          expect(checkChoice(correct.flatMap((c, i) => (c ? [i] : [])), correct).status, spec.id).toBe('correct');
          expect(checkChoice([correct.findIndex((c) => !c)], correct).status, spec.id).not.toBe('correct');
        } else if (spec.kind === 'widget') {
          for (const state of [null, {}, 'not a state']) expect(spec.check(p, state).feedback, spec.id).not.toMatch(VERDICT);
          expect(spec.check(p, null).status, spec.id).toBe('invalid');
          expect(spec.check(p, {}).status, spec.id).toBe('invalid');
          expect(spec.check(p, 'not a state').status, spec.id).toBe('invalid');
        }
      }
    }
  });

  const code = bank.exercises.filter((e) => e.kind === 'code');
  it.runIf(code.length > 0).each(code.map((e) => [e.id, e] as const))('%s: the worked solution passes the hidden checks and the starter does not', (_id, spec) => {
    if (spec.kind !== 'code') throw new Error('not a code exercise');
    for (const p of variants(spec).slice(0, 4)) {
      const solution = /```js\n([\s\S]*?)```/.exec(spec.solution(p));
      expect(solution, 'the worked solution shows its code in a js block').not.toBeNull();
      const check = (source: string) => runChecks(source, spec.checkCode(p));
      const reports = [check(solution![1]), check(spec.starter(p)), check('const nothing = 1;')];
      expect(reports[0], 'worked solution').toMatchObject({ score: 1 });
      expect(reports[1]!.score, 'starter').toBeLessThan(1);
      expect(reports[2]!.score, 'no function at all').toBe(0);
      for (const r of reports) expect(r!.feedback, 'the view states the verdict; feedback must not repeat it').not.toMatch(VERDICT);
    }
  });
});
