// The "think harder" exercises of chapters 3 to 6, checked against what they claim: each answer is derived
// independently here (by the engine's backward pass, by running the recurrence, by sampling), and the
// tempting wrong answers are rejected.
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { checkNumeric, checkVector } from '../../lib/exercises/check.ts';
import type { ExerciseBank, Numeric, VectorAnswer } from '../../lib/exercises/types.ts';
import depth from './03-depth.ts';
import backprop from './04-backpropagation.ts';
import sgd from './05-sgd.ts';
import init from './06-relu-init.ts';

const get = <T,>(bank: ExerciseBank, id: string) => bank.exercises.find((e) => e.id === id) as T;
const draws = <P,>(spec: { params?: (r: engine.Rng) => P }) => Array.from({ length: 30 }, (_, s) => spec.params!(engine.rng(s + 1)));

describe('think-harder exercises', () => {
  it('03 interpolation-threshold: the peak is where the fitted numbers equal N; N itself is wrong when there is a constant term', () => {
    const spec = get<Numeric<{ N: number; extra: number }>>(depth, 'interpolation-threshold');
    for (const p of draws(spec)) {
      expect(spec.answer(p)).toBe(p.N - p.extra);
      if (p.extra) expect(checkNumeric(String(p.N), spec.answer(p), spec.tolerance).status).toBe('wrong');
      expect(checkNumeric(String(p.N + 1), spec.answer(p), spec.tolerance).status).toBe('wrong');
    }
  });

  it("04 softmax-vjp: the answer is the engine's backward pass through softmax, and v - p.v without the factor p is rejected", () => {
    const spec = get<VectorAnswer<{ p: number[]; v: number[] }>>(backprop, 'softmax-vjp');
    for (const p of draws(spec)) {
      const z = engine.tensor(p.p.map(Math.log), undefined, { requiresGrad: true });
      z.softmax().mul(engine.tensor(p.v)).sum().backward();
      const answer = spec.answer(p) as number[];
      answer.forEach((a, i) => expect(a).toBeCloseTo(z.grad!.data[i], 5));
      expect(answer.reduce((s, a) => s + a, 0)).toBeCloseTo(0, 9);
      expect(checkVector(answer.join(', '), answer, spec.tolerance).status).toBe('correct');
      const pv = p.p.reduce((s, pi, i) => s + pi * p.v[i], 0);
      expect(checkVector(p.v.map((v) => v - pv).join(', '), answer, spec.tolerance).status).not.toBe('correct');
    }
  });

  it('05 heavy-ball-region: the recurrence converges just below 2(1 + beta)/lambda and diverges just above; 2/lambda is rejected', () => {
    const spec = get<Numeric<{ lambda: number; beta: number }>>(sgd, 'heavy-ball-region');
    const run = (eta: number, lambda: number, beta: number) => {
      let [prev, c] = [1, 1];
      for (let t = 0; t < 5000 && Math.abs(c) < 1e6; t++) [prev, c] = [c, (1 + beta - eta * lambda) * c - beta * prev];
      return Math.abs(c);
    };
    for (const p of draws(spec)) {
      const eta = spec.answer(p);
      expect(run(0.99 * eta, p.lambda, p.beta)).toBeLessThan(1e-3);
      expect(run(1.01 * eta, p.lambda, p.beta)).toBeGreaterThan(1e3);
      expect(checkNumeric(String(2 / p.lambda), eta, spec.tolerance).status).toBe('wrong');
    }
  });

  it("06 he-leaky: the standard deviation keeps E[a^2] = Var(z)/ (n Var(w)) by sampling, and plain He's sqrt(2/n) is rejected", () => {
    const spec = get<Numeric<{ alpha: number; nIn: number }>>(init, 'he-leaky');
    const r = engine.rng(7);
    for (const p of draws(spec)) {
      const std = spec.answer(p);
      // one leaky layer on unit-variance symmetric inputs: Var(z_next) = n Var(w) E[a^2] should be 1
      let meanSquare = 0;
      const samples = 20000;
      for (let i = 0; i < samples; i++) {
        const z = r.normal();
        const a = z > 0 ? z : p.alpha * z;
        meanSquare += (a * a) / samples;
      }
      expect(p.nIn * std * std * meanSquare).toBeCloseTo(1, 1);
      expect(checkNumeric(String(Math.sqrt(2 / p.nIn)), std, spec.tolerance).status).toBe('wrong');
    }
  });
});
