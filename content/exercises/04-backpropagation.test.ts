// The chapter 4 bank: every variant renders, every check accepts the right answer and rejects wrong ones,
// the figure goal reads the ComputationGraph's state, and the code exercise's hidden checks pass the worked
// solution and fail the starter and the usual mistakes.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/random.ts';
import { checkChoice, checkNumeric, checkVector } from '../../lib/exercises/check.ts';
import { renderRich } from '../../lib/exercises/richtext.ts';
import type { CodeExercise, ExerciseSpec, WidgetGoal } from '../../lib/exercises/types.ts';
import bank from './04-backpropagation.ts';
import { OPENS_WITH_VERDICT, runChecks } from './runChecks.ts';

const seeds = Array.from({ length: 40 }, (_, i) => i * 7919 + 1);
const variants = (spec: ExerciseSpec) => seeds.map((s) => (spec.params ? spec.params(new Rng(s)) : undefined));
const byId = (id: string) => bank.exercises.find((e) => e.id === id)!;


describe('the chapter 4 exercise bank', () => {
  it('has unique ids and at least five exercises of at least four kinds', () => {
    const ids = bank.exercises.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(new Set(bank.exercises.map((e) => e.kind)).size).toBeGreaterThanOrEqual(4);
  });

  it.each(bank.exercises.map((e) => [e.id, e] as const))('%s renders every variant without errors', (_id, spec) => {
    for (const p of variants(spec)) {
      const texts = [spec.prompt(p), spec.solution(p), ...spec.hints.map((h) => h(p))];
      if (spec.kind === 'choice') texts.push(...spec.choices(p).flatMap((c) => [c.text, c.why ?? '']));
      for (const t of texts) {
        expect(t).not.toMatch(/undefined|NaN|\[object/);
        expect(renderRich(t)).not.toContain('katex-error');
      }
      expect(spec.hints.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('accepts the right numbers and vectors and rejects wrong ones', () => {
    for (const spec of bank.exercises) {
      for (const p of variants(spec)) {
        if (spec.kind === 'numeric') {
          const a = spec.answer(p);
          expect(a).not.toBe(0);
          expect(checkNumeric(String(a), a, spec.tolerance).status).toBe('correct');
          expect(checkNumeric(String(a + 0.5), a, spec.tolerance).status).toBe('wrong');
          expect(checkNumeric(String(-a), a, spec.tolerance).status).toBe('wrong');
        }
        if (spec.kind === 'vector') {
          const a = spec.answer(p);
          const rows = (Array.isArray(a[0]) ? a : [a]) as number[][];
          const typed = rows.map((r) => r.map((v) => v.toFixed(3)).join(', ')).join('; ');
          expect(checkVector(typed, a, spec.tolerance).status).toBe('correct');
          const wrong = rows.map((r) => r.map((v) => (v + 1).toFixed(3)).join(', ')).join('; ');
          expect(checkVector(wrong, a, spec.tolerance).status).toBe('wrong');
        }
      }
    }
  });

  it('computes the by-hand answers the chapter teaches', () => {
    const neuron = byId('neuron-backward');
    if (neuron.kind !== 'numeric') throw new Error('neuron-backward is numeric');
    // z = 1·2 + 0.5·(−2) + 0.5 = 1.5, a = 1.5, dL/da = 1.5 − 1 = 0.5, dL/dw1 = 0.5 · x1 = 1
    expect(neuron.answer({ w1: 1, w2: 0.5, b: 0.5, x1: 2, x2: -2, y: 1, wrt: 'w1' })).toBe(1);
    expect(neuron.answer({ w1: 1, w2: 0.5, b: 0.5, x1: 2, x2: -2, y: 1, wrt: 'x1' })).toBe(0.5);
    const soft = byId('softmax-gradient');
    if (soft.kind !== 'vector') throw new Error('softmax-gradient is a vector');
    const g = soft.answer({ z: [2, 1, 0], c: 1 }) as number[];
    expect(g.map((v) => Number(v.toFixed(3)))).toEqual([-0.335, 0.245, 0.09]);
    const layer = byId('layer-weight-gradient');
    if (layer.kind !== 'vector') throw new Error('layer-weight-gradient is a vector');
    // z = (1 - 1 + 0, 2 + 2 + 1) = (0, 5): the first unit is off, so its row is zero
    expect(layer.answer({ W: [[1, 0, -1], [2, 1, 0]], b: [0, 1], a: [1, 2, 1], g: [3, -2] })).toEqual([
      [0, 0, 0],
      [-2, -4, -2],
    ]);
  });

  it('has right answers in every choice variant, exactly one unless several are allowed', () => {
    for (const spec of bank.exercises) {
      if (spec.kind !== 'choice') continue;
      for (const p of variants(spec)) {
        const correct = spec.choices(p).map((c) => c.correct);
        const n = correct.filter(Boolean).length;
        if (spec.multiple) expect(n).toBeGreaterThanOrEqual(1);
        else expect(n).toBe(1);
        const right = correct.flatMap((c, i) => (c ? [i] : []));
        expect(checkChoice(right, correct).status).toBe('correct');
        const wrong = correct.findIndex((c) => !c);
        expect(checkChoice([wrong], correct).status).not.toBe('correct');
      }
    }
  });

  describe('the cross-entropy figure goal', () => {
    const spec = byId('cross-entropy-graph') as WidgetGoal<{ z: number; y: number }>;
    const p = { z: 2, y: 0 };
    const bce = '-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))';
    const state = (expression: string, values: Record<string, number>, step = 12, nodes = 12) => ({ expression, values, step, nodes, output: 0 });

    it('accepts the cross-entropy, in any correct form, with the values set and the backward pass run', () => {
      expect(spec.check(p, state(bce, { y: 0, z: 2 })).status).toBe('correct');
      expect(spec.check(p, state('-y*log(sigmoid(z)) - (1 - y)*log(1 - sigmoid(z))', { z: 2, y: 0 })).status).toBe('correct');
      expect(spec.check(p, state('-log(y*sigmoid(z) + (1-y)*(1-sigmoid(z)))', { z: 2, y: 0 })).status).toBe('correct');
      expect(spec.check(p, state(bce, { y: 0, z: 2 })).feedback).toContain('0.8808');
      expect(spec.check(p, state(bce, { y: 0, z: 2 })).feedback).not.toMatch(OPENS_WITH_VERDICT);
    });

    it('gives partial credit until the values are set and the backward pass has run', () => {
      expect(spec.check(p, state(bce, { y: 1, z: 1 }))).toMatchObject({ status: 'partial', score: 0.5 });
      expect(spec.check(p, state(bce, { y: 0, z: 2 }, 3, 12))).toMatchObject({ status: 'partial', score: 0.5 });
    });

    it('rejects wrong expressions with a reason, and reads a missing state as invalid', () => {
      expect(spec.check(p, state('y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z))', { z: 2, y: 0 })).feedback).toMatch(/sign/);
      expect(spec.check(p, state('-log(sigmoid(z))', { z: 2, y: 0 })).status).toBe('wrong');
      expect(spec.check(p, state('(sigmoid(z) - y)^2', { z: 2, y: 0 })).status).toBe('wrong');
      expect(spec.check(p, state('(sigmoid(w*x + b) - y)^2', { w: 0.5, x: 2, b: -1, y: 1 })).feedback).toMatch(/exactly the two variables/);
      expect(spec.check(p, state('-(y*log(sigmoid(z)', { z: 2, y: 0 })).feedback).toMatch(/cannot read/);
      expect(spec.check(p, null).status).toBe('invalid');
      expect(spec.check(p, { expression: bce }).status).toBe('invalid');
    });
  });

  describe('the linear-backward code exercise', () => {
    const spec = byId('linear-backward') as CodeExercise<undefined>;
    const solution = /```js\n([\s\S]*?)```/.exec(spec.solution(undefined))![1];
    const check = (source: string) => runChecks(source, spec.checkCode(undefined));

    it('passes the worked solution', () => {
      expect(check(solution)).toMatchObject({ score: 1 });
    });

    it('fails the starter, and names the transposed dW and the unsummed db', () => {
      expect(check(spec.starter(undefined))!.score).toBe(0);
      expect(check(solution.replace('G.T.matmul(X)', 'X.T.matmul(G)'))!.feedback).toMatch(/transposed/);
      expect(check(solution.replace('G.sum(0)', 'G'))!.feedback).toMatch(/summed over the batch/);
      expect(check(solution.replace('G.matmul(W)', 'G.matmul(W).mul(2)'))!.score).toBe(0);
      expect(check('const nothing = 1;')!.feedback).toMatch(/no function/);
    });
  });
});
