// Chapter 5's bank: every check accepts the right answer and rejects wrong ones, on many variants; the
// hand-computed Adam and momentum steps agree with engine/optim; the code exercise's hidden checks pass
// the worked solution and fail the starter and the usual slips.
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { checkChoice, checkNumeric, checkVector } from '../../lib/exercises/check.ts';
import type { CodeExercise, ExerciseSpec, MultipleChoice, Numeric, VectorAnswer, WidgetGoal } from '../../lib/exercises/types.ts';
import bank, { adamTwoSteps, momentumTwoSteps } from './05-sgd.ts';
import { OPENS_WITH_VERDICT, runChecks } from './runChecks.ts';

const get = <T extends ExerciseSpec>(id: string) => bank.exercises.find((e) => e.id === id) as T;
const variants = <P,>(spec: ExerciseSpec<P>, n = 40): P[] =>
  Array.from({ length: n }, (_, seed) => (spec.params ? spec.params(engine.rng(seed + 1)) : (undefined as P)));

describe('05-sgd bank', () => {
  it('has unique ids and renders every prompt, hint and solution for many variants', () => {
    expect(new Set(bank.exercises.map((e) => e.id)).size).toBe(bank.exercises.length);
    for (const spec of bank.exercises) {
      for (const p of variants(spec, 10)) {
        for (const text of [spec.prompt(p), spec.solution(p), ...spec.hints.map((h) => h(p))]) {
          expect(text).not.toMatch(/undefined|NaN|\[object/);
          expect(text.length).toBeGreaterThan(20);
        }
      }
    }
  });

  it('stable-rate: accepts 2/λmax as a decimal or a fraction and rejects 2/λmin, 1/λmax and 2/(λmax + λmin)', () => {
    const spec = get<Numeric<{ a: number; b: number; c: number; lmax: number; lmin: number }>>('stable-rate');
    for (const p of variants(spec)) {
      const { a, b, c } = p;
      const mean = (a + c) / 2;
      const lmax = mean + Math.sqrt(((a - c) / 2) ** 2 + b * b);
      expect(spec.answer(p)).toBeCloseTo(2 / lmax, 12);
      expect(checkNumeric((2 / lmax).toFixed(4), spec.answer(p), spec.tolerance).status).toBe('correct');
      expect(checkNumeric(`2/${p.lmax}`, spec.answer(p), spec.tolerance).status).toBe('correct');
      for (const wrong of [2 / p.lmin, 1 / p.lmax, 2 / (p.lmax + p.lmin)]) {
        expect(checkNumeric(String(wrong), spec.answer(p), spec.tolerance).status).toBe('wrong');
      }
    }
  });

  it('momentum-steps: the hand computation matches optim.SGD, and plain gradient descent is rejected', () => {
    const spec = get<VectorAnswer<{ c: number; eta: number; beta: number }>>('momentum-steps');
    for (const p of variants(spec)) {
      const theta = engine.tensor([1, 1], undefined, { requiresGrad: true });
      const opt = new engine.optim.SGD([theta], { lr: p.eta, momentum: p.beta });
      for (let t = 0; t < 2; t++) {
        opt.zeroGrad();
        theta.mul(theta).mul(engine.tensor([0.5, 0.5 * p.c])).sum().backward();
        opt.step();
      }
      const answer = spec.answer(p) as number[];
      expect(answer[0]).toBeCloseTo(theta.data[0], 5);
      expect(answer[1]).toBeCloseTo(theta.data[1], 5);
      expect(checkVector(answer.map((x) => x.toFixed(4)).join(', '), answer, spec.tolerance).status).toBe('correct');
      // Plain gradient descent for two steps forgets the velocity.
      const gd = [(1 - p.eta) ** 2, (1 - p.eta * p.c) ** 2];
      expect(checkVector(gd.join(', '), answer, spec.tolerance).status).not.toBe('correct');
      // One step only.
      const one = momentumTwoSteps(p.c, p.eta, p.beta)[0].theta;
      expect(checkVector(one.join(', '), answer, spec.tolerance).status).not.toBe('correct');
    }
  });

  it('adam-steps: the hand computation matches optim.Adam; no bias correction and one step only are rejected', () => {
    const spec = get<Numeric<{ g1: number; g2: number; lr: number }>>('adam-steps');
    for (const p of variants(spec)) {
      const theta = engine.tensor([1], undefined, { requiresGrad: true });
      const opt = new engine.optim.Adam([theta], { lr: p.lr });
      for (const g of [p.g1, p.g2]) {
        opt.zeroGrad();
        theta.mul(g).sum().backward();
        opt.step();
      }
      const answer = spec.answer(p);
      expect(answer).toBeCloseTo(theta.data[0], 5);
      expect(checkNumeric(answer.toFixed(6), answer, spec.tolerance).status).toBe('correct');
      let m = 0, v = 0, raw = 1;
      for (const g of [p.g1, p.g2]) {
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g * g;
        raw -= (p.lr * m) / (Math.sqrt(v) + 1e-8);
      }
      expect(checkNumeric(raw.toFixed(6), answer, spec.tolerance).status).toBe('wrong');
      expect(checkNumeric(adamTwoSteps(1, p.g1, p.g2, p.lr)[0].theta.toFixed(6), answer, spec.tolerance).status).toBe('wrong');
    }
  });

  it('the choice exercises accept exactly the right set', () => {
    for (const id of ['batch-size', 'robbins-monro']) {
      const spec = get<MultipleChoice>(id);
      const correct = spec.choices(undefined).map((c) => c.correct);
      const right = correct.flatMap((c, i) => (c ? [i] : []));
      expect(right.length).toBeGreaterThan(0);
      expect(checkChoice(right, correct).status).toBe('correct');
      expect(checkChoice(correct.map((_, i) => i), correct).status).not.toBe('correct');
      expect(checkChoice(right.slice(1), correct).status).not.toBe('correct');
    }
  });

  it('ravine-momentum: reads the LossLandscape state the way the figure reports it', async () => {
    const { LandscapeModel } = await import('../../components/LossLandscape/model.svelte.ts');
    const spec = get<WidgetGoal>('ravine-momentum');
    const state = (lr: number, beta: number, steps = 60) => {
      const m = new LandscapeModel('ravine');
      m.lr = lr;
      m.beta = beta;
      m.steps = steps;
      return m.report();
    };
    expect(spec.check(undefined, null).status).toBe('invalid');
    expect(spec.check(undefined, state(0.07, 0.9)).status).toBe('wrong'); // the starting state: SGD converges
    expect(spec.check(undefined, state(0.09, 0.9)).status).toBe('partial'); // SGD diverges, momentum is slow
    expect(spec.check(undefined, state(0.09, 0.5)).status).toBe('correct');
    expect(spec.check(undefined, state(0.11, 0.45)).status).toBe('correct');
    expect(spec.check(undefined, state(0.2, 0.5)).status).toBe('wrong'); // momentum diverges too
    expect(spec.check(undefined, state(0.09, 0.5, 200)).status).toBe('wrong'); // too many steps
    expect(spec.check(undefined, { ...state(0.09, 0.5), surface: 'bowl' }).status).toBe('wrong');
    for (const [lr, beta] of [[0.07, 0.9], [0.09, 0.9], [0.09, 0.5]]) expect(spec.check(undefined, state(lr, beta)).feedback).not.toMatch(OPENS_WITH_VERDICT);
  });

  describe('adam-code', () => {
    const spec = get<CodeExercise<{ lr: number; beta1: number }>>('adam-code');
    const solution = `function adamStep(theta, g, state, lr, beta1, beta2, eps) {
      state.t += 1;
      const c1 = 1 - beta1 ** state.t, c2 = 1 - beta2 ** state.t;
      for (let i = 0; i < theta.length; i++) {
        state.m[i] = beta1 * state.m[i] + (1 - beta1) * g[i];
        state.v[i] = beta2 * state.v[i] + (1 - beta2) * g[i] * g[i];
        theta[i] -= lr * (state.m[i] / c1) / (Math.sqrt(state.v[i] / c2) + eps);
      }
    }`;
    const ps = variants(spec, 4);

    it('gives full marks to the worked solution, and to one that returns a new array', () => {
      for (const p of ps) expect(runChecks(solution, spec.checkCode(p))?.score).toBe(1);
      const returning = `function adamStep(theta, g, state, lr, beta1, beta2, eps) {
        state.t += 1;
        return theta.map((x, i) => {
          state.m[i] = beta1 * state.m[i] + (1 - beta1) * g[i];
          state.v[i] = beta2 * state.v[i] + (1 - beta2) * g[i] * g[i];
          return x - lr * (state.m[i] / (1 - beta1 ** state.t)) / (Math.sqrt(state.v[i] / (1 - beta2 ** state.t)) + eps);
        });
      }`;
      expect(runChecks(returning, spec.checkCode(ps[0]))?.score).toBe(1);
    });

    it('runs the starter (it must print without error) and gives it nothing', () => {
      for (const p of ps) expect(runChecks(spec.starter(p), spec.checkCode(p))?.score).toBe(0);
    });

    it('names the missing bias correction', () => {
      const slip = solution.replace('const c1 = 1 - beta1 ** state.t, c2 = 1 - beta2 ** state.t;', 'const c1 = 1, c2 = 1;');
      const r = runChecks(slip, spec.checkCode(ps[0]));
      expect(r?.score).toBe(0);
      expect(r?.feedback).toMatch(/bias correction is missing/);
    });

    it('catches eps inside the square root, hard-coded betas and a missing step counter', () => {
      const epsInside = solution.replace('(Math.sqrt(state.v[i] / c2) + eps)', 'Math.sqrt(state.v[i] / c2 + eps)');
      const inside = runChecks(epsInside, spec.checkCode(ps[0]));
      expect(inside?.score).toBeLessThan(1);
      expect(inside?.feedback).toMatch(/eps = 0\.5 a first step was/);
      const fixedBetas = solution.replace('function adamStep(theta, g, state, lr, beta1, beta2, eps) {', 'function adamStep(theta, g, state, lr, b1, b2, eps) { const beta1 = 0.9, beta2 = 0.999;');
      const p09 = ps.find((p) => p.beta1 === 0.9) ?? { lr: 0.05, beta1: 0.9 };
      expect(runChecks(fixedBetas, spec.checkCode(p09))?.score).toBeCloseTo(2 / 3, 6);
      const noCounter = solution.replace('state.t += 1;', '');
      const r = runChecks(noCounter, spec.checkCode(ps[0]));
      expect(r?.score).toBe(0);
      expect(r?.feedback).toMatch(/NaN or infinite/);
    });
  });
});
