// The arithmetic of a screening test: two score distributions (with and without the disease), a threshold,
// and a prevalence, giving sensitivity, specificity, PPV, NPV, accuracy and the counts per 10,000 people;
// and the published screening figures the presets reproduce. Pure functions, no DOM.
import { accuracy, npv, precision, sensitivity, specificity, type Confusion } from '../ui/metrics.ts';

/** Φ(x), the standard normal CDF, via erfc (Numerical Recipes' erfc approximation, relative error < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Φ⁻¹(p), the standard normal quantile (Acklam's rational approximation, refined by one Newton step). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  // One Newton step on Φ(x) − p.
  const e = normalCdf(x) - p;
  return x - e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
}

/** The standard normal density. */
export const normalPdf = (x: number) => Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);

/**
 * A screening test in the equal-variance binormal model: scores of people without the disease are N(0, 1),
 * of people with it N(separation, 1); a score ≥ threshold is a positive (a recall). `prevalence` is the
 * share of those screened who have the disease.
 */
export interface Screen {
  prevalence: number;
  separation: number;
  threshold: number;
}

export interface ScreenResult {
  sensitivity: number;
  specificity: number;
  /** P(disease | positive), by Bayes' rule. */
  ppv: number;
  /** P(no disease | negative). */
  npv: number;
  accuracy: number;
  /** The accuracy of calling everyone negative: 1 − prevalence. */
  baseline: number;
  /** The share of those screened who test positive (the recall rate). */
  positiveRate: number;
  /** Whole-person counts per `per` people (default 10,000), rounded so that they add up. */
  counts: Confusion;
}

/** Expected whole counts among `per` people: the sick and the well rounded first, then each split. */
export function countsPer(prevalence: number, sens: number, spec: number, per = 10_000): Confusion {
  const ill = Math.round(per * prevalence);
  const well = per - ill;
  const tp = Math.round(ill * sens);
  const fp = Math.round(well * (1 - spec));
  return { tp, fn: ill - tp, fp, tn: well - fp };
}

/** Everything the figure reads off one screen. The rates are exact (not from the rounded counts). */
export function screen({ prevalence: p, separation, threshold }: Screen): ScreenResult {
  const sens = 1 - normalCdf(threshold - separation);
  const spec = normalCdf(threshold);
  // Expected shares of the whole population in each cell.
  const exact: Confusion = { tp: p * sens, fn: p * (1 - sens), fp: (1 - p) * (1 - spec), tn: (1 - p) * spec };
  return {
    sensitivity: sensitivity(exact),
    specificity: specificity(exact),
    ppv: precision(exact),
    npv: npv(exact),
    accuracy: accuracy(exact),
    baseline: 1 - p,
    positiveRate: exact.tp + exact.fp,
    counts: countsPer(p, sens, spec),
  };
}

/** The threshold and separation that give this sensitivity and specificity: t = Φ⁻¹(spec), d = t − Φ⁻¹(1 − sens). */
export function fitScreen(prevalence: number, sens: number, spec: number): Screen {
  const threshold = normalQuantile(spec);
  return { prevalence, threshold, separation: threshold - normalQuantile(1 - sens) };
}

/** A published screening programme's figures. Prevalence counts screen-detected plus missed cancers. */
export interface Preset {
  id: string;
  label: string;
  source: string;
  prevalence: number;
  sensitivity: number;
  specificity: number;
}

export const presets: Preset[] = [
  {
    id: 'bcsc',
    label: 'US digital mammography (BCSC)',
    source: 'Lehman et al. (2017): 1,682,504 screens read by 359 US radiologists, 2007–2013; 5.1 cancers detected and 0.8 missed per 1,000 screens.',
    prevalence: 0.0059,
    sensitivity: 0.869,
    specificity: 0.889,
  },
  {
    id: 'masai-double',
    label: 'Swedish double reading (MASAI, control arm)',
    source: 'MASAI trial (2026), standard double reading: 5.0 cancers detected and 1.76 interval cancers per 1,000 screens.',
    prevalence: 0.00676,
    sensitivity: 0.738,
    specificity: 0.985,
  },
  {
    id: 'masai-ai',
    label: 'AI-supported reading (MASAI, AI arm)',
    source: 'MASAI trial (2026), AI-supported reading: 6.4 cancers detected and 1.55 interval cancers per 1,000 screens.',
    prevalence: 0.00795,
    sensitivity: 0.805,
    specificity: 0.985,
  },
];
