// The ScreeningTest figure's state: prevalence (per 1,000 screened), the separation of the two score
// distributions and the threshold, with everything screening.ts reads off them, the preset that matches,
// and the live description.
import { z } from 'zod';
import { defineState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';
import { fitScreen, presets, screen, type Preset, type ScreenResult } from './screening.ts';

const opening = fitScreen(presets[0].prevalence, presets[0].sensitivity, presets[0].specificity);

export const screeningState = defineState({
  version: 1,
  schema: z.object({
    /** Cases per 1,000 people screened. */
    per1000: z.number().min(0.5).max(500).default(presets[0].prevalence * 1000),
    separation: z.number().min(0).max(5).meta({ step: 0.01 }).default(opening.separation),
    threshold: z.number().min(-3).max(7).meta({ step: 0.01 }).default(opening.threshold),
  }),
});
export type ScreeningState = z.output<typeof screeningState.schema>;

const pct = (x: number, digits = 1) => (Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : 'undefined');
const count = (n: number) => n.toLocaleString('en-US');
const per1000 = (v: number) => String(+v.toPrecision(3));

/** The state that reproduces a published programme's figures, or undefined for an unknown id. */
export function presetState(id: string): ScreeningState | undefined {
  const p = presets.find((q) => q.id === id);
  if (!p) return undefined;
  const s = fitScreen(p.prevalence, p.sensitivity, p.specificity);
  return { per1000: p.prevalence * 1000, separation: s.separation, threshold: s.threshold };
}

export class ScreeningModel extends StateModel<typeof screeningState.schema> {
  per1000 = $state(this.initial.per1000);
  separation = $state(this.initial.separation);
  threshold = $state(this.initial.threshold);
  readonly result: ScreenResult = $derived(screen({ prevalence: this.per1000 / 1000, separation: this.separation, threshold: this.threshold }));
  /** The published programme these settings reproduce, if any. */
  readonly preset: Preset | null = $derived(presets.find((p) => this.matches(p)) ?? null);

  constructor(initial: Partial<ScreeningState> = {}) {
    super(screeningState, initial);
  }

  /** Sets prevalence, separation and threshold to reproduce a published programme's figures. */
  usePreset(id: string): void {
    const s = presetState(id);
    if (s) this.apply(s);
  }

  private matches(p: Preset): boolean {
    const r = this.result;
    return Math.abs(this.per1000 - p.prevalence * 1000) < 1e-6 && Math.abs(r.sensitivity - p.sensitivity) < 5e-4 && Math.abs(r.specificity - p.specificity) < 5e-4;
  }

  /** What exercises read. */
  report() {
    const r = this.result;
    return { ...this.snapshot(), sensitivity: r.sensitivity, specificity: r.specificity, ppv: r.ppv, npv: r.npv, accuracy: r.accuracy, baseline: r.baseline, counts: r.counts };
  }

  describe(): string {
    const r = this.result;
    const c = r.counts;
    const ill = c.tp + c.fn;
    const flagged = c.tp + c.fp;
    const named = this.preset ? ` (${this.preset.label})` : '';
    return (
      `Prevalence ${per1000(this.per1000)} per 1,000, threshold ${this.threshold.toFixed(2)}, separation ${this.separation.toFixed(2)}${named}: ` +
      `sensitivity ${pct(r.sensitivity)}, specificity ${pct(r.specificity)}. ` +
      `Of 10,000 people screened, ${count(ill)} have the disease: ${count(c.tp)} test positive and ${count(c.fn)} are missed; ` +
      `${count(c.fp)} of the ${count(c.fp + c.tn)} without it test positive too. ` +
      `So ${count(c.tp)} of the ${count(flagged)} positives are real (PPV ${pct(r.ppv)}), and NPV is ${pct(r.npv, 2)}. ` +
      `Accuracy ${pct(r.accuracy)}, against ${pct(r.baseline)} for always saying no.`
    );
  }
}
