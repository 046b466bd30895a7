// The exercise model as a reader meets it, over an in-memory storage: variants that stay put across
// reloads, verdicts said once, attempts, hints, the solution, saved answers, code checks and failed saves.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/random.ts';
import { SafeStorage } from '../storage.ts';
import { MemoryStorage } from '../testStorage.ts';
import { seedFor } from './check.ts';
import { ExerciseModel, verdictText, type CodeRun } from './model.svelte.ts';
import { STORAGE_KEY } from './progress.ts';
import { ProgressStore } from './store.svelte.ts';
import type { CodeExercise, MultipleChoice, Numeric } from './types.ts';

interface StepParams {
  w0: number;
  eta: number;
}

const step: Numeric<StepParams> = {
  id: 'step',
  version: 1,
  kind: 'numeric',
  title: 'One step',
  params: (rng) => ({ w0: rng.int(100) + 0.5, eta: [0.1, 0.2][rng.int(2)] }),
  prompt: ({ w0, eta }) => `Minimize $w^2$ from $w = ${w0}$ with $\\eta = ${eta}$.`,
  answer: ({ w0, eta }) => w0 - eta * 2 * w0,
  hints: [() => 'The gradient is $2w$.', ({ w0 }) => `At $w = ${w0}$ it is $${2 * w0}$.`],
  solution: ({ w0, eta }) => `$${w0 - eta * 2 * w0}$`,
};

const pick: MultipleChoice = {
  id: 'pick',
  version: 1,
  kind: 'choice',
  multiple: true,
  title: 'Pick',
  prompt: () => 'Which?',
  choices: () => [
    { text: 'a', correct: true, why: 'a is right' },
    { text: 'b', correct: true },
    { text: 'c', correct: false, why: 'c is not' },
  ],
  hints: [() => 'h1', () => 'h2'],
  solution: () => 'a and b',
};

const code: CodeExercise = {
  id: 'code',
  version: 1,
  kind: 'code',
  title: 'Code',
  prompt: () => 'Write f.',
  starter: () => 'function f() {}',
  checkCode: () => '__report(f(), "checked")',
  hints: [() => 'h'],
  solution: () => 'f',
};

const storeOver = (m: MemoryStorage) => new ProgressStore(new SafeStorage(m));
const model = (m: MemoryStorage, spec = step as typeof step | typeof pick | typeof code, extra: object = {}) =>
  new ExerciseModel({ id: `bank/${spec.id}`, spec, store: storeOver(m), ...extra });
const answerOf = (x: ExerciseModel) => step.answer(x.params as StepParams);

describe('variants', () => {
  it("draws the variant from the reader's seed and the exercise's id", () => {
    const m = new MemoryStorage();
    const x = model(m);
    expect(x.params).toEqual(step.params!(new Rng(seedFor('bank/step', x.seed))));
    expect(x.seed).toBe(JSON.parse(m.getItem(STORAGE_KEY)!).seed);
  });

  it('a new reader answers, checks and reloads: the same numbers, the answer still there (issue 11)', async () => {
    const m = new MemoryStorage();
    const first = model(m);
    first.text = String(answerOf(first));
    await first.check();
    expect(first.completed).toBe(true);
    const reloaded = model(m);
    expect(reloaded.params).toEqual(first.params);
    expect(reloaded.prompt).toBe(first.prompt);
    expect(reloaded.text).toBe(first.text);
    expect(reloaded.completed).toBe(true);
    expect(reloaded.attempts).toBe(1);
  });

  it("saves each answer with the seed it answered, so an exported answer re-checks against the exported seed", async () => {
    const m = new MemoryStorage();
    const x = model(m);
    x.text = String(answerOf(x));
    await x.check();
    const exported = JSON.parse(storeOver(m).exportText());
    const entry = exported.exercises['bank/step'];
    const params = step.params!(new Rng(seedFor('bank/step', entry.seed ?? exported.seed)));
    expect(Number(entry.response)).toBe(step.answer(params));
  });

  it("takes an assignment's seed over the reader's, and restores an answer only to the variant it was given for", async () => {
    const m = new MemoryStorage();
    const own = model(m);
    const assigned = model(m, step, { seed: 'class-7/ada' });
    expect(assigned.seed).toBe('class-7/ada');
    assigned.text = String(answerOf(assigned));
    await assigned.check();
    expect(JSON.parse(m.getItem(STORAGE_KEY)!).exercises['bank/step'].seed).toBe('class-7/ada');
    // The reader's own page now shows the variant the saved answer belongs to.
    const again = model(m);
    expect(again.seed).toBe('class-7/ada');
    expect(again.text).toBe(assigned.text);
    expect(own.seed).not.toBe('class-7/ada');
  });
});

describe('checking', () => {
  it('says the verdict once: "Correct." alone, and feedback after a wrong answer', async () => {
    const x = model(new MemoryStorage());
    x.text = String(answerOf(x) + 1);
    await x.check();
    expect(x.verdict).toBe('Not yet. Check your working, or take a hint.');
    x.text = String(answerOf(x));
    await x.check();
    expect(x.verdict).toBe('Correct.');
    expect(verdictText({ status: 'partial', score: 0.5, feedback: '2 of 3 entries are right.' })).toBe('Partly right. 2 of 3 entries are right.');
  });

  it('does not count an unreadable answer as an attempt', async () => {
    const x = model(new MemoryStorage());
    x.text = 'twelve';
    await x.check();
    expect(x.result?.status).toBe('invalid');
    expect(x.verdict).toMatch(/^Cannot check\. "twelve" is not a number/);
    expect(x.attempts).toBe(0);
  });

  it('gives each checked choice its reason, and restores the choices after a reload', async () => {
    const m = new MemoryStorage();
    const x = model(m, pick);
    x.toggleChoice(0);
    x.toggleChoice(2);
    await x.check();
    expect(x.result).toMatchObject({ status: 'partial' });
    expect(x.reasons).toEqual(['a is right', 'c is not']);
    x.toggleChoice(2);
    x.toggleChoice(1);
    await x.check();
    expect(x.verdict).toBe('Correct.');
    expect(model(m, pick).selected).toEqual([0, 1]);
  });

  it('runs code with the hidden checks after it, and reads the report', async () => {
    const runs: [string, string][] = [];
    const run = (report: CodeRun['report'], outcome: CodeRun['outcome'] = 'done') => async (code: string, checks: string) => {
      runs.push([code, checks]);
      return { outcome, report };
    };
    const m = new MemoryStorage();
    const x = model(m, code, { runCode: run({ score: 0.5, feedback: 'One case of two.' }) });
    x.code = 'function f() { return 0.5; }';
    await x.check();
    expect(runs[0]).toEqual(['function f() { return 0.5; }', '__report(f(), "checked")']);
    expect(x.verdict).toBe('Partly right. One case of two.');
    expect(model(m, code).code).toBe('function f() { return 0.5; }');
    const stuck = model(m, code, { runCode: run(null, 'timeout') });
    await stuck.check();
    expect(stuck.verdict).toBe('Cannot check. Your code did not finish (an endless loop?), so it could not be checked.');
    const crashed = model(m, code, { runCode: run(null, 'crashed') });
    await crashed.check();
    expect(crashed.verdict).toMatch(/^Cannot check\. Your code could not be checked: the sandbox that runs it stopped/);
    const stopped = model(m, code, { runCode: run(null, 'stopped') });
    await stopped.check();
    expect(stopped.verdict).toMatch(/^Cannot check\. Your code was stopped before the checks ran/);
    expect(stopped.attempts).toBe(1);
    const forged = model(m, code, { runCode: run({ score: Number.NaN, feedback: 'x' }) });
    await forged.check();
    expect(forged.result?.status).toBe('invalid');
  });
});

describe('hints and the solution', () => {
  it('shows hints one at a time up to the last, and reveals the solution', () => {
    const x = model(new MemoryStorage());
    expect(x.hints).toEqual([]);
    x.showHint();
    x.showHint();
    x.showHint();
    expect(x.hints).toHaveLength(2);
    expect(x.hintsLeft).toBe(0);
    expect(x.solutionShown).toBe(false);
    x.revealSolution();
    expect(x.solutionShown).toBe(true);
    expect(x.solution).toBe(`$${answerOf(x)}$`);
  });
});

describe('saving', () => {
  it('says at once when an answer could not be saved, and keeps it for the visit', async () => {
    const m = new MemoryStorage();
    const x = model(m);
    m.quota = m.getItem(STORAGE_KEY)!.length + STORAGE_KEY.length;
    x.text = String(answerOf(x));
    await x.check();
    expect(x.completed).toBe(true);
    expect(x.saveProblem).toMatch(/full/);
  });
});
