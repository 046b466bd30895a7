// The spam figure's model on the page's own trainer host: the baseline is there before any training,
// training fills in the learned filters, the threshold moves every matrix, a picked or typed message gets
// its score and its words, and the link round-trips and resets.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCorpus } from './corpus.ts';
import { parseCorpus } from './corpusFile.ts';
import { checkModel } from '../ui/modelContract.ts';
import { SpamModel, spamState } from './model.svelte.ts';
import { spamSchedule } from './task.ts';

beforeAll(() => {
  useCorpus(parseCorpus(new Uint8Array(readFileSync('public/data/spam.bin'))));
});

describe('SpamModel', () => {
  it('shows the naive Bayes baseline at once and the learned filters once trained', () => {
    const m = new SpamModel();
    expect(m.status).toBe('ready');
    expect(m.confusions.bayes).toEqual({ tp: 330, fn: 29, fp: 15, tn: 807 });
    expect(m.confusions.logistic).toBeNull();
    expect(m.describe()).toMatch(/^Threshold 0\.50 on P\(spam\), 1181 held-out messages\. The learned filters are not trained yet; press Train\. logistic regression: not trained yet; naive Bayes \(baseline\) flags 330 of the 359 held-out spams and 15 of the 822 legitimate messages \(accuracy 96\.3%, ROC area 0\.992\)\./);
    for (let i = 0; i < spamSchedule.testEvery; i++) m.training!.stepOnce();
    const c = m.confusions.logistic!;
    expect(c.tp + c.fn).toBe(359);
    expect(m.report().seen).toBe(960);
    expect(m.describe()).toMatch(/After 960 training messages: logistic regression flags \d+ of the 359 held-out spams/);
    expect(m.describe()).toMatch(/The message “[^”]+” \(spam\) gets P\(spam\) \d+\.\d% from logistic regression/);
  });

  it('moves every confusion matrix with the threshold', () => {
    const m = new SpamModel();
    const before = m.confusions.bayes!;
    m.setThreshold(0.999);
    expect(m.threshold).toBe(0.99);
    const after = m.confusions.bayes!;
    expect(after.fp).toBeLessThanOrEqual(before.fp);
    expect(after.tp).toBeLessThan(before.tp);
    expect(after.tp + after.fn).toBe(359);
  });

  it('scores a typed message word by word, and the words add up to the score', () => {
    const m = new SpamModel({ kind: 'bayes' });
    m.type('Subject: FREE money!!! Click here to claim your cash prize now');
    const e = m.examined!;
    expect(e.label).toBeNull();
    expect(e.p).toBeGreaterThan(0.99);
    expect(e.words[0].push).toBeGreaterThan(0);
    expect(e.words.map((w) => w.word)).toContain('click');
    const base = m.nb!.base;
    const total = base + e.words.reduce((s, w) => s + w.push, 0);
    expect(1 / (1 + Math.exp(-total))).toBeCloseTo(e.p, 10);
    m.type('Re: the patch builds on RH 7.3, thanks for the cvs fix');
    expect(m.examined!.p).toBeLessThan(0.5);
    expect(m.describe()).toMatch(/Your message gets P\(spam\) \d+\.\d% from naive Bayes \(baseline\), so it is let through/);
  });

  it('round-trips its link, refuses a bad one, and resets to where it opened', () => {
    const m = new SpamModel();
    m.kind = 'mlp';
    m.setThreshold(0.8);
    m.type('hello there');
    const back = spamState.decode(spamState.encode(m.snapshot()));
    if (!back.ok) throw new Error(back.reason);
    expect(back.state).toEqual({ kind: 'mlp', threshold: 0.8, pick: -1, text: 'hello there' });
    expect(spamState.parse({ v: 1, kind: 'svm' }).ok).toBe(false);
    expect(spamState.parse({ v: 1, threshold: 2 }).ok).toBe(false);
    expect(spamState.parse({ v: 1, pick: 16 }).ok).toBe(false);
    m.training!.stepOnce();
    m.reset();
    expect(m.snapshot()).toEqual({ kind: 'logistic', threshold: 0.5, pick: 0, text: '' });
    expect(m.shown!.seen).toBe(0);
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new SpamModel()));
});
