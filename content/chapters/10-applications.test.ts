// Every number chapter 10's prose reads off its figures or works out is recomputed here: the screening
// figure's counts and rates at the published figures, the "95% accurate" test, and the code cell on
// prevalence shift, run as the page runs it. Cited figures (the studies' own numbers) are checked against
// the presets that quote them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { ScreeningModel } from '../../components/ScreeningTest/model.svelte.ts';
import { presets } from '../../components/ScreeningTest/screening.ts';

const text = readFileSync(join(import.meta.dirname, '10-applications.mdx'), 'utf8');
const prose = text.replace(/<CodeCell[\s\S]*?client:visible \/>/g, '').replace(/\s+/g, ' ');
const says = (phrase: string) => expect(prose, phrase).toContain(phrase);

function cell(id: string): string {
  const m = new RegExp(`<CodeCell id="${id}"[^>]*?code=\\{\`([\\s\\S]*?)\`\\} client:visible />`).exec(text);
  if (!m) throw new Error(`no code cell ${id}`);
  return m[1];
}
function run(id: string): Record<string, unknown>[][] {
  const tables: Record<string, unknown>[][] = [];
  const scope: Record<string, unknown> = { ...engine, print: () => {}, plot: { line: () => {} }, table: (rows: Record<string, unknown>[]) => tables.push(rows) };
  new Function(...Object.keys(scope), cell(id))(...Object.values(scope));
  return tables;
}

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
