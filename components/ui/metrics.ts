// The numbers a binary classifier is judged by, from its confusion matrix or from its scores: sensitivity
// (recall), specificity, precision (PPV), NPV, accuracy; the ROC and precision-recall curves a threshold
// sweeps out, and the areas under them. Pure functions, shared by the chapter 10 figures.

/** A 2×2 confusion matrix: true/false positives and negatives (counts, or expected counts). */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** 0/0 is reported as NaN, never as a made-up 0 or 1: the rate is undefined. */
const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);

/** Sensitivity = recall = TP / (TP + FN): the share of actual positives the classifier flags. */
export const sensitivity = (c: Confusion) => ratio(c.tp, c.tp + c.fn);
/** Specificity = TN / (TN + FP): the share of actual negatives it clears. */
export const specificity = (c: Confusion) => ratio(c.tn, c.tn + c.fp);
/** Precision = positive predictive value = TP / (TP + FP): the share of flagged cases that are positive. */
export const precision = (c: Confusion) => ratio(c.tp, c.tp + c.fp);
/** Negative predictive value = TN / (TN + FN): the share of cleared cases that are negative. */
export const npv = (c: Confusion) => ratio(c.tn, c.tn + c.fn);
/** Accuracy = (TP + TN) / all. */
export const accuracy = (c: Confusion) => ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn);
/** F1 = 2PR / (P + R), the harmonic mean of precision and recall. */
export const f1 = (c: Confusion) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);

/** The confusion matrix of flagging every score ≥ threshold as positive. `labels[i]` is 1 for a positive. */
export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i] >= threshold;
    if (labels[i] === 1) flagged ? c.tp++ : c.fn++;
    else flagged ? c.fp++ : c.tn++;
  }
  return c;
}

/** One point of a threshold sweep: the threshold, and the rates at it. */
export interface SweepPoint {
  threshold: number;
  tpr: number;
  fpr: number;
  precision: number;
}

/**
 * The ROC and precision-recall curves: every distinct score as a threshold, from the highest (nothing
 * flagged but that score's ties) down, plus a first point above every score (nothing flagged). Tied scores
 * enter together, so the curve has one point per distinct score, not per example.
 */
export function sweep(scores: ArrayLike<number>, labels: ArrayLike<number>): SweepPoint[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let P = 0;
  for (let i = 0; i < labels.length; i++) P += labels[i] === 1 ? 1 : 0;
  const N = labels.length - P;
  const points: SweepPoint[] = [{ threshold: Number.POSITIVE_INFINITY, tpr: 0, fpr: 0, precision: 1 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; ) {
    const s = scores[order[k]];
    while (k < order.length && scores[order[k]] === s) {
      if (labels[order[k]] === 1) tp++;
      else fp++;
      k++;
    }
    points.push({ threshold: s, tpr: ratio(tp, P), fpr: ratio(fp, N), precision: ratio(tp, tp + fp) });
  }
  return points;
}

/** The area under the ROC curve by the trapezoid rule over `sweep`'s points (ties count as half). */
export function rocAuc(points: SweepPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) area += ((points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr)) / 2;
  return area;
}

/**
 * The area under the ROC curve as a rank statistic (Mann–Whitney): the probability that a random
 * positive scores above a random negative, ties counting one half. O(P·N); for tests and small sets.
 */
export function aucByRanks(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] === 1) continue;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return ratio(wins, pairs);
}

/** Average precision: the precision at each threshold, weighted by the recall it adds (the PR curve's area as a step sum). */
export function averagePrecision(points: SweepPoint[]): number {
  let ap = 0;
  for (let i = 1; i < points.length; i++) ap += (points[i].tpr - points[i - 1].tpr) * points[i].precision;
  return ap;
}
