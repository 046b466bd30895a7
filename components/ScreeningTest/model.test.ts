// The screening arithmetic against Bayes' rule worked by hand, the normal CDF and quantile against tabled
// values, the presets against the published figures they quote, and the figure's state and description.
import { describe, expect, it } from 'vitest';
import { LINK_NOTICE } from '../ui/figureState.ts';
import { checkModel } from '../ui/modelContract.ts';
import { ScreeningModel, screeningState } from './model.svelte.ts';
import { countsPer, fitScreen, normalCdf, normalQuantile, presets, screen } from './screening.ts';

describe('the normal distribution', () => {
  it('matches tabled values of Φ', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.326348)).toBeCloseTo(0.01, 6);
  });

  it('inverts Φ across its range', () => {
    for (const p of [1e-4, 0.01, 0.1, 0.5, 0.889, 0.99, 0.9999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 7);
    expect(() => normalQuantile(1)).toThrow(/\(0, 1\)/);
  });
});

describe('screening arithmetic', () => {
  it("gives the PPV Bayes' rule gives at the default prevalence, worked by hand", () => {
    // Bayes: P(D | +) = P(+ | D) P(D) / [P(+ | D) P(D) + P(+ | no D) P(no D)], with the BCSC figures.
    const byHand = (0.869 * 0.0059) / (0.869 * 0.0059 + (1 - 0.889) * (1 - 0.0059));
    expect(byHand).toBeCloseTo(0.0444, 4);
    const model = new ScreeningModel();
    expect(model.result.ppv).toBeCloseTo(byHand, 6);
    // …and it is the PPV the BCSC measured: 4.4% of recalls were cancers (Lehman et al. 2017).
    expect(model.result.ppv.toFixed(3)).toBe('0.044');
  });

  it("NPV and accuracy by hand too, and the 'always no' baseline is 1 − prevalence", () => {
    const r = new ScreeningModel().result;
    expect(r.npv).toBeCloseTo((0.889 * 0.9941) / (0.889 * 0.9941 + 0.131 * 0.0059), 6);
    expect(r.accuracy).toBeCloseTo(0.869 * 0.0059 + 0.889 * 0.9941, 6);
    expect(r.baseline).toBeCloseTo(0.9941, 9);
    expect(r.accuracy).toBeLessThan(r.baseline);
  });

  it('counts per 10,000 add up and follow the rates', () => {
    expect(countsPer(0.0059, 0.869, 0.889)).toEqual({ tp: 51, fn: 8, fp: 1103, tn: 8838 });
    for (const [p, se, sp] of [[0.001, 0.5, 0.99], [0.3, 0.95, 0.7], [0.5, 1, 0]] as const) {
      const c = countsPer(p, se, sp);
      expect(c.tp + c.fn + c.fp + c.tn).toBe(10_000);
      expect(c.tp + c.fn).toBe(Math.round(10_000 * p));
    }
  });

  it('moving the threshold up trades sensitivity for specificity, and PPV rises with prevalence', () => {
    const at = (threshold: number, prevalence = 0.005) => screen({ prevalence, separation: 2, threshold });
    expect(at(2).sensitivity).toBeLessThan(at(1).sensitivity);
    expect(at(2).specificity).toBeGreaterThan(at(1).specificity);
    expect(at(1, 0.2).ppv).toBeGreaterThan(at(1, 0.005).ppv);
    expect(at(1, 0.2).sensitivity).toBeCloseTo(at(1, 0.005).sensitivity, 12);
  });

  it('each preset reproduces the sensitivity and specificity it quotes', () => {
    for (const p of presets) {
      const r = screen(fitScreen(p.prevalence, p.sensitivity, p.specificity));
      expect(r.sensitivity, p.id).toBeCloseTo(p.sensitivity, 6);
      expect(r.specificity, p.id).toBeCloseTo(p.specificity, 6);
    }
    // MASAI's sensitivity is screen-detected over screen-detected plus interval cancers: 5.0 / 6.76 and 6.4 / 7.95.
    expect(5.0 / 6.76).toBeCloseTo(0.74, 2);
    expect(6.4 / 7.95).toBeCloseTo(0.805, 3);
  });
});

describe('the ScreeningTest figure', () => {
  it('opens on the BCSC figures and says what it shows', () => {
    const m = new ScreeningModel();
    expect(m.preset?.id).toBe('bcsc');
    expect(m.describe()).toBe(
      'Prevalence 5.9 per 1,000, threshold 1.22, separation 2.34 (US digital mammography (BCSC)): sensitivity 86.9%, specificity 88.9%. ' +
        'Of 10,000 people screened, 59 have the disease: 51 test positive and 8 are missed; 1,103 of the 9,941 without it test positive too. ' +
        'So 51 of the 1,154 positives are real (PPV 4.4%), and NPV is 99.91%. Accuracy 88.9%, against 99.4% for always saying no.',
    );
  });

  it('switches presets, forgets the name once a slider moves, and resets', () => {
    const m = new ScreeningModel();
    m.usePreset('masai-ai');
    expect(m.preset?.id).toBe('masai-ai');
    expect(m.result.specificity).toBeCloseTo(0.985, 6);
    m.threshold += 0.3;
    expect(m.preset).toBeNull();
    m.reset();
    expect(m.preset?.id).toBe('bcsc');
  });

  it('round-trips its link, and a mangled link opens the defaults with a notice', () => {
    const m = new ScreeningModel();
    m.per1000 = 100;
    m.threshold = 0.5;
    const text = screeningState.encode(m.snapshot());
    expect(screeningState.read(text, screeningState.defaults()).state).toEqual(m.snapshot());
    const bad = screeningState.read('not-a-state', screeningState.defaults());
    expect(bad.notice).toBe(LINK_NOTICE);
    expect(bad.state).toEqual(screeningState.defaults());
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new ScreeningModel()));
});
