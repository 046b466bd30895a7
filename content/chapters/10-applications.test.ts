// Every number chapter 10's prose reads off its figures or works out is recomputed here: the screening
// figure's counts and rates at the published figures, the "95% accurate" test, and the code cell on
// prevalence shift, run as the page runs it; the spam filter's numbers, from the same training the figure runs. Cited figures (the studies' own numbers) are checked against
// the presets that quote them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { proseWords } from '../prose.ts';
import { ScreeningModel } from '../../components/ScreeningTest/model.svelte.ts';
import { presets } from '../../components/ScreeningTest/screening.ts';
import { bayesLogit, fitNaiveBayes } from '../../components/SpamFilter/bayes.ts';
import { parseCorpus, wordsOf } from '../../components/SpamFilter/corpusFile.ts';
import { SEED as SPAM_SEED } from '../../components/SpamFilter/model.svelte.ts';
import { probability } from '../../components/SpamFilter/scoring.ts';
import { spamRun, spamSchedule } from '../../components/SpamFilter/task.ts';
import { accuracy, confusionAt, rocAuc, sweep } from '../../components/ui/metrics.ts';
import { useDigits } from '../../components/DigitCNN/digits.ts';
import { ReaderModel } from '../../components/DigitReader/model.svelte.ts';
import { chapterText } from './chapterText.ts';

const { text, prose, run, says } = chapterText('10-applications.mdx', { squash: true });

describe('chapter 10 numbers', () => {
  it('the screening figure at the BCSC figures gives the counts, PPV and accuracies the prose reads off it', () => {
    const m = new ScreeningModel();
    const { counts: c, ppv, npv, accuracy, baseline } = m.result;
    expect([c.tp + c.fn, c.tp, c.fn, c.fp + c.tn, c.fp, c.tp + c.fp]).toEqual([59, 51, 8, 9941, 1103, 1154]);
    says('59 have a cancer: the test finds 51 and misses 8');
    says('Of the 9,941 without one, 88.9% are cleared, but the other 1,103 are recalled');
    says('So 1,154 women are recalled, and only 51 of them have cancer: the PPV is 4.4%');
    expect((100 * ppv).toFixed(1)).toBe('4.4');
    expect((100 * npv).toFixed(2)).toBe('99.91');
    says('here 99.91%');
    expect([(100 * accuracy).toFixed(1), (100 * baseline).toFixed(1)]).toEqual(['88.9', '99.4']);
    says('88.9%, against 99.4% for the rule "always say no"');
  });

  it('the prose quotes the figures the BCSC preset holds', () => {
    const bcsc = presets.find((p) => p.id === 'bcsc')!;
    expect([bcsc.prevalence, bcsc.sensitivity, bcsc.specificity]).toEqual([0.0059, 0.869, 0.889]);
    expect(5.1 + 0.8).toBeCloseTo(5.9, 10);
    says('5.1 cancers were detected and 0.8 were missed');
    says('sensitivity was 86.9% and their specificity 88.9%');
  });

  it('a "95% accurate" test at the same prevalence has a PPV of 10.1%', () => {
    const p = 0.0059;
    const v = (0.95 * p) / (0.95 * p + 0.05 * (1 - p));
    expect((100 * v).toFixed(1)).toBe('10.1');
    says('\\approx 10.1\\%');
  });

  it('the MASAI presets follow from the trial figures the prose quotes', () => {
    const [double, ai] = ['masai-double', 'masai-ai'].map((id) => presets.find((p) => p.id === id)!);
    expect(double.prevalence).toBeCloseTo((5.0 + 1.76) / 1000, 8);
    expect(ai.prevalence).toBeCloseTo((6.4 + 1.55) / 1000, 8);
    says('1.55 per 1,000 with AI support and 1.76 without, giving sensitivities of 80.5% and 73.8% at a specificity of 98.5%');
    // The recall rate the double-reading preset implies is the trial's 2%.
    const recall = double.sensitivity * double.prevalence + (1 - double.specificity) * (1 - double.prevalence);
    expect(recall).toBeCloseTo(0.02, 3);
  });

  it('the prevalence-shift cell gives the probabilities the prose reads, near what Bayes gives', () => {
    const [rows] = run('prevalence-shift');
    const [enriched, screening] = rows.map((r) => r['P(disease | s = 2)'] as number);
    expect(enriched.toFixed(2)).toBe('0.88');
    expect(screening.toFixed(2)).toBe('0.07');
    says('The first model says 0.88, the second 0.07');
    const bayes = (p: number) => 1 / (1 + Math.exp(-(2 * 2 - 2 + Math.log(p / (1 - p)))));
    expect(bayes(0.5).toFixed(2)).toBe('0.88');
    expect(bayes(0.01).toFixed(3)).toBe('0.069');
    expect(Math.log(0.01 / 0.99).toFixed(1)).toBe('-4.6');
  });
});

describe('chapter 10 spam filter numbers', () => {
  const c = parseCorpus(new Uint8Array(readFileSync('public/data/spam.bin')));
  const y = c.labels.subarray(c.train);
  const nb = fitNaiveBayes(c);
  const base = Float32Array.from({ length: y.length }, (_, k) => probability(bayesLogit(nb, wordsOf(c, c.train + k))));
  const run = spamRun({ seed: SPAM_SEED }, c);
  for (let e = 0; e < spamSchedule.maxEpochs(c.train); e++) {
    run.trainEpoch();
    run.measure();
  }
  const r = run.report();
  const scores = { logistic: r.scores!.logistic, mlp: r.scores!.mlp, bayes: base };
  const at = (k: keyof typeof scores, t: number) => confusionAt(scores[k], y, t);
  const auc = (k: keyof typeof scores) => rocAuc(sweep(scores[k], y)).toFixed(3);
  const acc = (k: keyof typeof scores) => (100 * accuracy(at(k, 0.5))).toFixed(1);

  it('the corpus and its split are as the prose says (6,046 messages in the package, checked in corpusFile.test)', () => {
    expect([6046 - c.n, c.n - c.train, y.reduce((s, v) => s + v, 0), c.train, c.vocab.length]).toEqual([139, 1181, 359, 4726, 2000]);
    says('The SpamAssassin public corpus is 6,046 e-mails');
    says('After dropping 139 duplicates, a fixed fifth of each group, 1,181 messages (359 of them spam), is held out for testing; the other 4,726 train.');
    says('a 2,000-word vocabulary');
  });

  it('the three filters at 0.5 score what the prose reads off the figure', () => {
    expect(at('bayes', 0.5)).toMatchObject({ tp: 330, fp: 15 });
    expect([acc('bayes'), auc('bayes')]).toEqual(['96.3', '0.992']);
    says('naive Bayes catches 330 of the 359 held-out spams and flags 15 legitimate messages: accuracy 96.3%, ROC area 0.992');
    expect(r.passes).toBe(4);
    expect(at('logistic', 0.5)).toMatchObject({ tp: 350, fp: 7 });
    expect(at('mlp', 0.5)).toMatchObject({ tp: 353, fp: 8 });
    expect([acc('logistic'), acc('mlp'), auc('logistic'), auc('mlp')]).toEqual(['98.6', '98.8', '0.996', '0.996']);
    says('After four passes over the training set, logistic regression reaches 98.6% (350 caught, 7 flagged) and the MLP 98.8% (353 caught, 8 flagged), both with ROC area 0.996.');
  });

  it('the thresholds the prose picks give the counts it quotes', () => {
    expect([at('bayes', 0.1).fp, at('bayes', 0.99).fp]).toEqual([21, 13]);
    says('from the threshold 0.10 to 0.99 its false alarms only fall from 21 to 13');
    const lowest = Array.from({ length: 99 }, (_, i) => (i + 1) / 100).find((t) => at('logistic', t).fp <= 2)!;
    expect(lowest).toBe(0.82);
    expect(at('logistic', 0.82).tp).toBe(317);
    says('logistic regression flags at most 2 legitimate messages from 0.82 up, and still catches 317 spams there');
  });

  it('the strongest signs of ham are the lists the prose names, and the hard ham it names is flagged', () => {
    const w = r.weights.logistic;
    const hammy = Array.from({ length: c.vocab.length }, (_, i) => i)
      .sort((a, b) => w[a] - w[b])
      .slice(0, 10)
      .map((i) => c.vocab[i]);
    for (const word of ['newsisfree', 'satalk', 'razor', 'spambayes', 'freshrpms']) expect(hammy).toContain(word);
    says('"newsisfree", "satalk", "razor", "spambayes" and "freshrpms"');
    const hi = c.previews.find((p) => p.subject === "Re: Hi! I'm new here.")!;
    expect(c.labels[hi.index]).toBe(0);
    for (const k of ['logistic', 'mlp', 'bayes'] as const) expect(scores[k][hi.index - c.train]).toBeGreaterThan(0.5);
    says('pick "Re: Hi! I\'m new here."');
  });
});

describe('chapter 10 digit reader numbers', () => {
  it('the trained CNN on the test digits gives the accuracy, mistakes, recall and precision the prose reads', async () => {
    useDigits(await engine.data.loadDigits({ all: true }));
    const m = new ReaderModel({}, { readNets: async () => readFileSync('public/data/digit-lenet.json', 'utf8'), pause: async () => {} });
    await m.load();
    const M = m.matrix!;
    const r = m.rates!;
    expect((100 * m.accuracy).toFixed(1)).toBe('97.4');
    says('Its diagonal holds 97.4% of the digits.');
    let worst = [0, 0, -1];
    for (let y = 0; y < 10; y++) for (let p = 0; p < 10; p++) if (y !== p && M[y * 10 + p] > worst[2]) worst = [y, p, M[y * 10 + p]];
    expect(worst).toEqual([8, 2, 7]);
    const lowest = (k: 'recall' | 'precision') => r.reduce((b, v, i) => (v[k] < r[b][k] ? i : b), 0);
    expect([lowest('recall'), (100 * r[8].recall).toFixed(1)]).toEqual([8, '94.7']);
    expect([lowest('precision'), (100 * r[9].precision).toFixed(1)]).toEqual([9, '94.1']);
    says('The 8s have the lowest recall, 94.7%: they are read as other digits, most often as 2 (7 times, the network\'s commonest mistake).');
    says('The 9s have the lowest precision, 94.1%: other digits, 3s and 4s among them, are read as 9.');
    expect([M[3 * 10 + 9], M[4 * 10 + 9]].every((n) => n >= 3)).toBe(true);
  }, 60_000);
});

describe('chapter 10 length', () => {
  it('keeps 2,500 to 4,000 words of prose, as the issue asks', () => {
    const n = proseWords(text);
    expect(n).toBeGreaterThanOrEqual(2500);
    expect(n).toBeLessThanOrEqual(4000);
  });
});
