// Chapter 10's bank: the screening arithmetic against the figure's own model, the break-even prevalence
// against Bayes' rule, and the ScreeningTest goal read from the model at thresholds inside and outside
// its window.
import { describe, expect, it } from 'vitest';
import { ScreeningModel } from '../../components/ScreeningTest/model.svelte.ts';
import { countsPer, screen } from '../../components/ScreeningTest/screening.ts';
import { readFileSync } from 'node:fs';
import { useCorpus } from '../../components/SpamFilter/corpus.ts';
import { parseCorpus } from '../../components/SpamFilter/corpusFile.ts';
import { SpamModel } from '../../components/SpamFilter/model.svelte.ts';
import { spamSchedule } from '../../components/SpamFilter/task.ts';
import bank, { breakEven, ppv, screeningGoal, spamGoal, tablePer } from './10-applications.ts';
import { OPENS_WITH_VERDICT } from './runChecks.ts';

describe('bank 10-applications', () => {
  it('has at least six exercises, with a code exercise and a figure goal', () => {
    expect(bank.exercises.length).toBeGreaterThanOrEqual(6);
    expect(bank.exercises.map((e) => e.kind)).toEqual(expect.arrayContaining(['code', 'widget', 'numeric', 'vector', 'choice']));
  });

  it('counts the 2×2 table as the figure does', () => {
    expect(tablePer(0.0059, 0.869, 0.889)).toEqual(countsPer(0.0059, 0.869, 0.889));
    expect(tablePer(0.005, 0.87, 0.89)).toEqual({ tp: 44, fn: 6, fp: 1094, tn: 8856 });
  });

  it("gives Bayes' PPV, and a PPV of one half at the break-even prevalence", () => {
    expect(ppv(0.005, 0.87, 0.89)).toBeCloseTo(0.00435 / (0.00435 + 0.11 * 0.995), 10);
    for (const [se, sp] of [[0.87, 0.89], [0.95, 0.98], [0.75, 0.97]]) expect(ppv(breakEven(se, sp), se, sp)).toBeCloseTo(0.5, 10);
  });
});

describe('the screening goal', () => {
  const at = (threshold: number) => {
    const m = new ScreeningModel();
    m.threshold = threshold;
    return screeningGoal(m.report());
  };

  it('accepts a threshold that gives PPV ≥ 10% with sensitivity ≥ 65%, as the solution says', () => {
    expect(at(1.85).status).toBe('correct');
    const r = screen({ prevalence: 0.0059, separation: new ScreeningModel().separation, threshold: 1.85 });
    expect(r.specificity).toBeCloseTo(0.968, 3);
    expect(r.sensitivity).toBeCloseTo(0.69, 2);
    expect(r.ppv).toBeGreaterThan(0.1);
  });

  it('the window the hint gives holds the whole answer, and its ends fail for the reasons the feedback gives', () => {
    const ok = Array.from({ length: 21 }, (_, i) => +(1.75 + i * 0.01).toFixed(2)).filter((c) => at(c).status === 'correct');
    expect(ok.length).toBeGreaterThanOrEqual(5);
    expect(ok[0]).toBeGreaterThanOrEqual(1.75);
    expect(at(1.22)).toMatchObject({ status: 'wrong' });
    expect(at(1.22).feedback).toContain('to the right');
    expect(at(2.2)).toMatchObject({ status: 'partial', score: 0.5 });
  });

  it('rejects a changed prevalence, reads a missing state as invalid, and never opens with a verdict', () => {
    const m = new ScreeningModel();
    m.per1000 = 50;
    expect(screeningGoal(m.report()).status).toBe('wrong');
    expect(screeningGoal(null).status).toBe('invalid');
    for (const c of [1.22, 1.85, 2.2]) expect(at(c).feedback).not.toMatch(OPENS_WITH_VERDICT);
  });
});

describe('the spam goal', () => {
  const corpus = parseCorpus(new Uint8Array(readFileSync('public/data/spam.bin')));
  useCorpus(corpus);
  const m = new SpamModel();
  for (let e = 0; e < spamSchedule.maxEpochs(corpus.train); e++) m.training!.stepOnce();
  const at = (t: number) => {
    m.setThreshold(t);
    return spamGoal(m.report());
  };

  it('accepts exactly the thresholds from 0.82 to 0.90, as the solution says, and reads the MLP the solution quotes', () => {
    // the figure's report at every threshold it offers, 0.01 to 0.99
    const reports = Array.from({ length: 99 }, (_, i) => (m.setThreshold((i + 1) / 100), m.report()));
    expect(reports.map((r) => r.threshold)).toEqual(Array.from({ length: 99 }, (_, i) => (i + 1) / 100));
    const ok = reports.filter((r) => spamGoal(r).status === 'correct').map((r) => r.threshold);
    expect([ok[0], ok.at(-1), ok.length]).toEqual([0.82, 0.9, 9]);
    expect(reports[81].logistic).toMatchObject({ tp: 317 });
    expect(reports[89].logistic).toMatchObject({ tp: 304 });
    const mlpOk = reports.find((r) => r.mlp!.fp <= 2)!;
    expect(mlpOk.threshold).toBe(0.81);
    expect(mlpOk.mlp).toMatchObject({ tp: 345 });
    expect(mlpOk.logistic!.auc!.toFixed(3)).toBe('0.996');
    expect(mlpOk.mlp!.auc!.toFixed(3)).toBe('0.996');
  });

  it('says which way to move, reads an untrained filter as invalid, and never opens with a verdict', () => {
    expect(at(0.5)).toMatchObject({ status: 'wrong' });
    expect(at(0.5).feedback).toContain('Raise the threshold');
    expect(at(0.99)).toMatchObject({ status: 'partial', score: 0.5 });
    expect(spamGoal(new SpamModel().report()).status).toBe('invalid');
    expect(spamGoal(null).status).toBe('invalid');
    for (const t of [0.5, 0.85, 0.99]) expect(at(t).feedback).not.toMatch(OPENS_WITH_VERDICT);
  });
});
