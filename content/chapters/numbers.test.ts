// The numbers the prose states, recomputed. Each block derives a chapter's figures from their inputs
// and checks that the chapter prints exactly those figures, so an edit to either side that breaks the
// arithmetic fails here. (Numbers measured by running the engine are checked in the engine's own tests
// or in the code cell that prints them.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const chapter = (file: string) => readFileSync(join(import.meta.dirname, file), 'utf8').replace(/\s+/g, ' ');
/** 10934 → "10,934", as the prose writes thousands. */
const grouped = (n: number) => n.toLocaleString('en-US');
const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;

describe('chapter 1: the screening worked example', () => {
  const text = chapter('01-introduction.mdx');
  // Rounded from Lehman et al. (2017): cancer detection 5.1 and false negatives 0.8 per 1,000 screens
  // give a prevalence of 5.9 ≈ 6 per 1,000; sensitivity 86.9% ≈ 87%, specificity 88.9% ≈ 89%.
  const screened = 100_000;
  const prevalence = 0.006;
  const sensitivity = 0.87;
  const specificity = 0.89;
  const ill = screened * prevalence;
  const well = screened - ill;
  const tp = Math.round(ill * sensitivity);
  const fn = ill - tp;
  const tn = Math.round(well * specificity);
  const fp = well - tn;

  it('derives every count, rate and the baseline from prevalence, sensitivity and specificity', () => {
    expect([ill, tp, fn, well, tn, fp]).toEqual([600, 522, 78, 99_400, 88_466, 10_934]);
    for (const n of [ill, tp, fn, well, tn, fp, tp + fp]) expect(text).toContain(grouped(n));
    expect(text).toContain(`${grouped(tp)} / ${grouped(tp + fp)}, or ${pct(tp / (tp + fp))}`); // PPV 4.6%
    expect(text).toContain(`(${grouped(tp)} + ${grouped(tn)}) / ${grouped(screened)}, or ${pct((tp + tn) / screened)}`); // 89.0%
    expect(text).toContain(`accuracy is ${pct(well / screened)}`); // "always negative": 99.4%
    expect(text).toContain(`(the **prevalence**, ${pct(prevalence)})`);
  });
});
