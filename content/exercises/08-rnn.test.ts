// Chapter 8's bank: the by-hand numbers against the engine, the usual mistakes rejected, the BPTT code
// exercise graded as a reader's attempts would be, and the GradientThroughTime goal read from the model.
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { Rng } from '../../engine/random.ts';
import { checkChoice, checkNumeric, checkVector } from '../../lib/exercises/check.ts';
import type { CodeExercise, ExerciseSpec, MultipleChoice, Numeric, VectorAnswer, WidgetGoal } from '../../lib/exercises/types.ts';
import { throughTime } from '../../components/GradientThroughTime/gradients.ts';
import bank, { clipByNorm, firstProbability, scalarSteps, stepsToVanish } from './08-rnn.ts';
import { OPENS_WITH_VERDICT, runChecks } from './runChecks.ts';

const get = <T extends ExerciseSpec>(id: string) => bank.exercises.find((e) => e.id === id) as T;
const variants = <P,>(spec: ExerciseSpec<P>, n = 12) => Array.from({ length: n }, (_, i) => spec.params!(new Rng(i * 101 + 7)));

describe('bank 08-rnn', () => {
  it('has at least six exercises, a code exercise and a figure goal among them', () => {
    expect(bank.exercises.length).toBeGreaterThanOrEqual(6);
    const kinds = new Set(bank.exercises.map((e) => e.kind));
    for (const k of ['code', 'widget', 'choice', 'numeric', 'vector']) expect(kinds.has(k as never)).toBe(true);
  });

  it('scalar-steps: the hand values match the engine, and forgetting the tanh slope is rejected', () => {
    const spec = get<VectorAnswer<{ w: number; u: number; x1: number; x2: number }>>('scalar-steps');
    for (const p of variants(spec)) {
      const h0 = engine.value(0);
      const h1 = engine.value(p.u * p.x1).tanh();
      const h1d = engine.value(h1.data);
      const h2 = h1d.mul(p.w).add(p.u * p.x2).tanh();
      h2.backward();
      const s = scalarSteps(p.w, p.u, p.x1, p.x2);
      expect(s.h1).toBeCloseTo(h1.data, 10);
      expect(s.h2).toBeCloseTo(h2.data, 10);
      expect(s.jacobian).toBeCloseTo(h1d.grad, 10);
      expect(h0.data).toBe(0);
      const answer = spec.answer(p) as number[];
      expect(checkVector(answer.map((v) => v.toFixed(3)).join(', '), answer, spec.tolerance).status).toBe('correct');
      // The weight alone, without the slope of tanh, is the usual slip; it is right only when h2 = 0.
      if (Math.abs(s.h2) > 0.1) expect(checkVector([s.h1, s.h2, p.w].join(', '), answer, spec.tolerance).status).not.toBe('correct');
    }
  });

  it('steps-to-vanish: the first k with ρ^k below 10^-m, not the one before', () => {
    const spec = get<Numeric<{ rho: number; m: number }>>('steps-to-vanish');
    for (const p of variants(spec)) {
      const k = spec.answer(p);
      expect(p.rho ** k).toBeLessThan(10 ** -p.m);
      expect(p.rho ** (k - 1)).toBeGreaterThanOrEqual(10 ** -p.m);
      expect(checkNumeric(String(k), k, spec.tolerance).status).toBe('correct');
      expect(checkNumeric(String(k - 1), k, spec.tolerance).status).toBe('wrong');
    }
    expect(stepsToVanish(0.9, 3)).toBe(66); // 0.9^65 ≈ 1.06e-3, 0.9^66 ≈ 9.6e-4
  });

  it('clip-vector: matches clipGradNorm, and clipping entry by entry is rejected', () => {
    const spec = get<VectorAnswer<{ g: number[]; norm: number; c: number }>>('clip-vector');
    for (const p of variants(spec)) {
      expect(Math.hypot(...p.g)).toBeCloseTo(p.norm, 10);
      const t = engine.tensor(p.g.map(() => 0), [3], { requiresGrad: true });
      t.mul(engine.tensor(p.g)).sum().backward();
      const before = engine.clipGradNorm([t], p.c);
      expect(before).toBeCloseTo(p.norm, 4);
      const answer = spec.answer(p) as number[];
      answer.forEach((v, i) => expect(v).toBeCloseTo(t.grad!.data[i], 4));
      expect(clipByNorm(p.g, p.c)).toEqual(answer);
      expect(checkVector(answer.map((v) => v.toFixed(4)).join(', '), answer, spec.tolerance).status).toBe('correct');
      const entrywise = p.g.map((v) => Math.max(-p.c, Math.min(p.c, v)));
      expect(checkVector(entrywise.join(', '), answer, spec.tolerance).status).not.toBe('correct');
    }
  });

  it('temperature: matches the engine\'s sampleProbabilities, and the untempered softmax is rejected', () => {
    const spec = get<Numeric<{ z: number[]; tau: number }>>('temperature');
    for (const p of variants(spec)) {
      const want = engine.sampleProbabilities(p.z, { temperature: p.tau })[0];
      expect(spec.answer(p)).toBeCloseTo(want, 6);
      expect(checkNumeric(want.toFixed(4), spec.answer(p), spec.tolerance).status).toBe('correct');
      expect(checkNumeric(String(firstProbability(p.z, 1)), spec.answer(p), spec.tolerance).status).not.toBe('correct');
    }
  });

  it('lstm-claims accepts exactly the right set', () => {
    const spec = get<MultipleChoice>('lstm-claims');
    const correct = spec.choices(undefined).map((c) => c.correct);
    const right = correct.flatMap((c, i) => (c ? [i] : []));
    expect(right).toHaveLength(3);
    expect(checkChoice(right, correct).status).toBe('correct');
    expect(checkChoice(right.slice(1), correct).status).not.toBe('correct');
  });

  describe('bptt-step', () => {
    const spec = get<CodeExercise<{ seed: number }>>('bptt-step');
    const ps = variants(spec, 3);
    const solution = `function bpttStep(w, u, b, hPrev, x, h, delta) {
      const dz = delta * (1 - h * h);
      return { dw: dz * hPrev, du: dz * x, db: dz, dhPrev: dz * w };
    }`;

    it('gives full marks to the worked solution', () => {
      for (const p of ps) expect(runChecks(solution, spec.checkCode(p))?.score).toBe(1);
    });

    it('gives the starter nothing, and names the missing tanh slope', () => {
      for (const p of ps) {
        const r = runChecks(spec.starter(p), spec.checkCode(p));
        expect(r?.score).toBe(0);
        expect(r?.feedback).toMatch(/slope of tanh/);
      }
    });

    it('catches dhPrev without the weight, a missing return, and an answer that is wrong only when chained', () => {
      const noWeight = solution.replace('dhPrev: dz * w', 'dhPrev: dz');
      expect(runChecks(noWeight, spec.checkCode(ps[0]))?.score).toBe(0);
      expect(runChecks('function bpttStep() {}', spec.checkCode(ps[0]))?.feedback).toMatch(/four finite numbers/);
      expect(runChecks('const nothing = 1;', spec.checkCode(ps[0]))?.feedback).toMatch(/no function called bpttStep/);
      for (const r of [runChecks(noWeight, spec.checkCode(ps[0])), runChecks(solution, spec.checkCode(ps[0]))]) expect(r?.feedback).not.toMatch(OPENS_WITH_VERDICT);
    });
  });

  it('gradient-goal: reads the figure\'s measurements as the model computes them', () => {
    const spec = get<WidgetGoal>('gradient-goal');
    const state = (rho: number, activation: 'tanh' | 'linear' = 'tanh') => ({ rho, activation, back: throughTime({ rho, activation }).back });
    expect(spec.check(undefined, null).status).toBe('invalid');
    expect(spec.check(undefined, { rho: 1 }).status).toBe('invalid');
    expect(spec.check(undefined, state(0.9)).status).toBe('wrong'); // the starting state: it vanishes
    expect(spec.check(undefined, state(1.5)).status).toBe('correct');
    expect(spec.check(undefined, state(1, 'linear')).status).toBe('wrong'); // right size, wrong activation
    expect(spec.check(undefined, state(2)).status).not.toBe('correct'); // it explodes
    for (const rho of [0.9, 1.2, 1.5, 2]) expect(spec.check(undefined, state(rho)).feedback).not.toMatch(OPENS_WITH_VERDICT);
  });

  it('memory-goal: an LSTM at 95% at a delay of 40 or more meets it; a short delay is half; missing training is invalid', () => {
    const spec = get<WidgetGoal>('memory-goal');
    const state = (delay: number, lstm: number, rnn = 0.5, steps = 150) => ({ delay, steps, accuracy: { rnn, lstm, gru: lstm } });
    expect(spec.check(undefined, null).status).toBe('invalid');
    expect(spec.check(undefined, { delay: 40, steps: 0, accuracy: {} }).status).toBe('invalid');
    expect(spec.check(undefined, state(40, 1)).status).toBe('correct');
    expect(spec.check(undefined, state(20, 1)).status).toBe('partial');
    expect(spec.check(undefined, state(40, 0.6)).status).toBe('wrong');
    expect(spec.check(undefined, state(40, 0.6, 0.5, 300)).feedback).toMatch(/Reset/);
    for (const s of [state(40, 1), state(20, 1), state(40, 0.6)]) expect(spec.check(undefined, s).feedback).not.toMatch(OPENS_WITH_VERDICT);
  });

  it('names-goal: 0.3 nats below the bigram meets it, below the bigram is half, no training is invalid', () => {
    const spec = get<WidgetGoal>('names-goal');
    const state = (testLoss: number, steps = 400) => ({ steps, testLoss, baselines: { bigram: 2.44, unigram: 2.87 } });
    expect(spec.check(undefined, null).status).toBe('invalid');
    expect(spec.check(undefined, { steps: 0, testLoss: 3.3, baselines: null }).status).toBe('invalid');
    expect(spec.check(undefined, state(2.13)).status).toBe('correct');
    expect(spec.check(undefined, state(2.3))).toMatchObject({ status: 'partial', score: 0.5 });
    expect(spec.check(undefined, state(2.5)).status).toBe('wrong');
    expect(spec.check(undefined, state(Number.NaN)).status).toBe('invalid');
    for (const s of [state(2.13), state(2.3), state(2.5)]) expect(spec.check(undefined, s).feedback).not.toMatch(OPENS_WITH_VERDICT);
  });

  it('gradient-goal: the solution\'s numbers are the model\'s', () => {
    const at = (rho: number) => throughTime({ rho, activation: 'tanh' }).back[50];
    expect(at(1.5)).toBeGreaterThan(0.5);
    expect(at(1.5)).toBeLessThan(2);
    expect(at(1.2)).toBeLessThan(0.1);
    expect(Math.abs(at(2) - 200)).toBeLessThan(20);
  });
});
