// Chapter 6's exercise bank: every variant renders without KaTeX errors, every check accepts the right
// answer and rejects the wrong answers a reader is likely to give, the figure goal agrees with what the
// GradientFlow figure measures, and the code exercise's hidden checks pass the worked solutions and fail the starter.
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { Rng } from '../../engine/random.ts';
import { prepare, SCOPE } from '../../components/CodeCell/transform.ts';
import { checkChoice, checkNumeric, checkVector } from '../../lib/exercises/check.ts';
import { renderRich } from '../../lib/exercises/richtext.ts';
import type { CodeExercise, MultipleChoice, Numeric, VectorAnswer, WidgetGoal } from '../../lib/exercises/types.ts';
import { measure, type FlowActivation, type FlowInit } from '../../components/GradientFlow/model.svelte.ts';
import bank, { activationMatrix, flowCheck, scales } from './06-relu-init.ts';
import { OPENS_WITH_VERDICT } from './runChecks.ts';

const spec = <T,>(id: string) => bank.exercises.find((e) => e.id === id) as T;
const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
const paramsFor = (s: { params?: (r: Rng) => unknown }, seed: number) => (s.params ? s.params(new Rng(seed)) : undefined);
/** A number as a reader would type it: three or four significant figures. */
const typed = (x: number, digits = 4) => x.toPrecision(digits);

describe('06-relu-init bank', () => {
  it('has unique ids and at least five exercises of four kinds', () => {
    const ids = bank.exercises.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(new Set(bank.exercises.map((e) => e.kind)).size).toBeGreaterThanOrEqual(4);
  });

  it('renders every prompt, hint, choice and solution without KaTeX errors', () => {
    for (const ex of bank.exercises) {
      for (const seed of seeds.slice(0, 12)) {
        const p = paramsFor(ex, seed);
        const texts = [ex.prompt(p), ex.solution(p), ...ex.hints.map((h) => h(p))];
        if (ex.kind === 'choice') texts.push(...ex.choices(p).flatMap((c) => [c.text, c.why ?? '']));
        for (const t of texts) {
          expect(t.length).toBeGreaterThan(0);
          expect(renderRich(t)).not.toContain('katex-error');
        }
      }
    }
  });

  it('sigmoid-product: accepts 4^-k or the saturated product, rejects one factor too many or too few', () => {
    const s = spec<Numeric>('sigmoid-product');
    for (const seed of seeds) {
      const p = s.params!(new Rng(seed)) as { k: number; scenario: number; z: number };
      const answer = s.answer(p);
      const expected = p.scenario === 0 ? 0.25 ** p.k : (Math.exp(-p.z) / (1 + Math.exp(-p.z)) ** 2) ** p.k;
      expect(answer).toBeCloseTo(expected, 15);
      expect(checkNumeric(typed(answer, 3), answer, s.tolerance).status).toBe('correct');
      expect(checkNumeric(typed(answer * 4, 3), answer, s.tolerance).status).toBe('wrong');
      expect(checkNumeric(typed(answer / 4, 3), answer, s.tolerance).status).toBe('wrong');
      // Scenario 0: a slope of 1/2 per layer; scenario 1: the bound instead of the saturated slopes.
      const slip = p.scenario === 0 ? 0.5 ** p.k : 0.25 ** p.k;
      expect(checkNumeric(typed(slip, 3), answer, s.tolerance).status).toBe('wrong');
    }
  });

  it('init-scale: accepts He std, Xavier std and Xavier bound; rejects swaps and variances', () => {
    const s = spec<VectorAnswer>('init-scale');
    for (const seed of seeds) {
      const p = s.params!(new Rng(seed)) as { nIn: number; nOut: number };
      const { heStd, xavierStd, xavierBound } = scales(p.nIn, p.nOut);
      expect(heStd).toBeCloseTo(Math.sqrt(2 / p.nIn), 12);
      expect(xavierBound).toBeCloseTo(Math.sqrt(3) * xavierStd, 12);
      const answer = s.answer(p);
      expect(checkVector([heStd, xavierStd, xavierBound].map((x) => typed(x, 3)).join(', '), answer, s.tolerance).status).toBe('correct');
      expect(checkVector([xavierStd, heStd, xavierBound].map((x) => typed(x)).join(', '), answer, s.tolerance).status).not.toBe('correct');
      expect(checkVector([2 / p.nIn, 2 / (p.nIn + p.nOut), xavierBound].map((x) => typed(x)).join(', '), answer, s.tolerance).status).not.toBe('correct');
      expect(checkVector([heStd, xavierStd, xavierStd].map((x) => typed(x)).join(', '), answer, s.tolerance).status).not.toBe('correct');
      expect(checkVector([heStd, xavierStd].map((x) => typed(x)).join(', '), answer, s.tolerance).status).toBe('invalid');
    }
  });

  it('xavier-relu-depth: accepts 2^-(L-1)/2, rejects L steps instead of L - 1 and the variance ratio', () => {
    const s = spec<Numeric>('xavier-relu-depth');
    for (const seed of seeds) {
      const p = s.params!(new Rng(seed)) as { L: number };
      const answer = s.answer(p);
      expect(answer).toBeCloseTo(Math.SQRT1_2 ** (p.L - 1), 15);
      expect(checkNumeric(typed(answer, 3), answer, s.tolerance).status).toBe('correct');
      expect(checkNumeric(typed(Math.SQRT1_2 ** p.L, 3), answer, s.tolerance).status).toBe('wrong');
      expect(checkNumeric(typed(0.5 ** (p.L - 1), 3), answer, s.tolerance).status).toBe('wrong');
    }
  });

  it('zero-init: exactly the two symmetry statements are right', () => {
    const s = spec<MultipleChoice>('zero-init');
    const correct = s.choices(undefined).map((c) => c.correct);
    expect(correct).toEqual([true, true, false, false, false]);
    expect(checkChoice([0, 1], correct).status).toBe('correct');
    expect(checkChoice([0], correct).status).toBe('partial');
    expect(checkChoice([0, 1, 3], correct).status).not.toBe('correct');
  });

  it('dead-or-sparse: the matrix has dead and live units, and the two fractions are told apart', () => {
    const s = spec<VectorAnswer>('dead-or-sparse');
    for (const seed of seeds) {
      const p = activationMatrix(new Rng(seed));
      const { A, dead } = p;
      const n = A[0].length;
      const deadCols = Array.from({ length: n }, (_, j) => j).filter((j) => A.every((row) => row[j] === 0));
      expect(deadCols).toEqual(dead);
      expect(dead.length).toBeGreaterThan(0);
      expect(dead.length).toBeLessThan(n);
      expect(A.flat().every((v) => v >= 0)).toBe(true);
      const zeros = A.flat().filter((v) => v === 0).length / A.flat().length;
      const answer = s.answer(p);
      expect(checkVector(`${typed(zeros, 3)}, ${typed(dead.length / n, 3)}`, answer, s.tolerance).status).toBe('correct');
      const total = A.length * n;
      const zeroCount = Math.round(zeros * total);
      expect(checkVector(`${zeroCount}/${total}, ${dead.length}/${n}`, answer, s.tolerance).status).toBe('correct');
      if (Math.abs(zeros - dead.length / n) > 0.01) {
        expect(checkVector(`${typed(dead.length / n, 3)}, ${typed(zeros, 3)}`, answer, s.tolerance).status).not.toBe('correct');
      }
      expect(checkVector(`${typed(zeros, 3)}, ${typed(zeros, 3)}`, answer, s.tolerance).status).not.toBe('correct');
    }
  });

  it('flow-goal: agrees with the GradientFlow measurements', () => {
    const s = spec<WidgetGoal>('flow-goal');
    expect(s.widget).toBe('GradientFlow');
    const stateOf = (activation: FlowActivation, init: FlowInit) => {
      const r = measure(activation, init);
      return { activation, init, activationStd: r.layers.map((l) => l.activationStd), gradientStd: r.layers.map((l) => l.gradientStd) };
    };
    for (const [a, i] of [['relu', 'he'], ['leakyRelu', 'he'], ['tanh', 'he']] as const) {
      expect(s.check(undefined, stateOf(a, i)).status).toBe('correct');
      expect(s.check(undefined, stateOf(a, i)).feedback).not.toMatch(OPENS_WITH_VERDICT);
    }
    for (const [a, i] of [['relu', 'xavier'], ['relu', 'small'], ['relu', 'zero'], ['tanh', 'zero'], ['sigmoid', 'he'], ['leakyRelu', 'xavier']] as const) {
      expect(s.check(undefined, stateOf(a, i)).status).not.toBe('correct');
    }
    expect(s.check(undefined, stateOf('sigmoid', 'xavier')).status).toBe('partial');
    expect(s.check(undefined, stateOf('tanh', 'xavier')).status).toBe('wrong');
    expect(s.check(undefined, null).status).toBe('invalid');
    expect(s.check(undefined, { activationStd: [1, Number.NaN], gradientStd: [1, 1] }).status).toBe('invalid');
    expect(flowCheck({ activation: 'relu', init: 'he', activationStd: [0.8, 0.75], gradientStd: [0.005, 0.006] }).feedback).toMatch(/^ReLU with He initialization keeps both signals/);
  });

  describe('write-initializer', () => {
    const s = spec<CodeExercise>('write-initializer');
    const g = globalThis as unknown as Record<string, unknown>;

    /** Runs reader code and the hidden checks the way the code-cell worker does; returns the report. */
    async function runChecks(source: string, params: unknown): Promise<{ score: number; feedback: string }> {
      Object.assign(g, engine);
      g[SCOPE] = g;
      g.print = () => {};
      let report: { score: number; feedback: string } | null = null;
      g.__report = (score: number, feedback: string) => (report = { score, feedback });
      const prepared = prepare(`${source}\n;\n${s.checkCode(params)}`);
      for (const name of prepared.names) if (!(name in g)) g[name] = undefined;
      await new Function(`return (async () => {\n${prepared.body}\n})();`)();
      expect(report).not.toBeNull();
      return report!;
    }

    const kinds = ['he-normal', 'he-uniform', 'xavier-normal', 'xavier-uniform'];
    const solutionCode = (kind: string) => /```js\n([\s\S]*?)```/.exec(s.solution({ kind }))![1];

    it('draws every kind across seeds', () => {
      const drawn = new Set(seeds.map((seed) => (s.params!(new Rng(seed)) as { kind: string }).kind));
      expect([...drawn].sort()).toEqual([...kinds].sort());
    });

    it.each(kinds)('passes the worked solution and fails the starter (%s)', async (kind) => {
      const good = await runChecks(solutionCode(kind), { kind });
      expect(good.feedback).toMatch(/^All checks pass/);
      expect(good.score).toBe(1);
      const starter = await runChecks(s.starter({ kind }), { kind });
      expect(starter.score).toBeLessThan(1);
      expect(starter.feedback).toMatch(/^Still to fix/);
    });

    it('rejects the usual slips', async () => {
      const variance = solutionCode('he-normal').replace('Math.sqrt(2 / nIn)', '2 / nIn');
      expect((await runChecks(variance, { kind: 'he-normal' })).score).toBeLessThan(1);
      const stdAsBound = solutionCode('xavier-uniform').replace('Math.sqrt(6 / (nIn + nOut))', 'Math.sqrt(2 / (nIn + nOut))');
      expect((await runChecks(stdAsBound, { kind: 'xavier-uniform' })).score).toBeLessThan(1);
      const normalForUniform = solutionCode('he-normal');
      expect((await runChecks(normalForUniform, { kind: 'he-uniform' })).score).toBeLessThan(1);
      const transposed = solutionCode('he-normal').replace('[nOut, nIn]', '[nIn, nOut]');
      expect((await runChecks(transposed, { kind: 'he-normal' })).score).toBeLessThan(1);
      const xavierForHe = solutionCode('xavier-normal');
      expect((await runChecks(xavierForHe, { kind: 'he-normal' })).score).toBeLessThan(1);
      const unseeded = solutionCode('he-normal').replace('r.normal(0, s)', 'Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random()) * s');
      expect((await runChecks(unseeded, { kind: 'he-normal' })).feedback).toMatch(/same seed/);
      const thrower = 'function init() { throw new Error("boom"); }';
      expect((await runChecks(thrower, { kind: 'he-normal' })).feedback).toMatch(/boom/);
    });
  });
});
