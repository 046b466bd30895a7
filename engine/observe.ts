// What widgets read off a network after a step: gradient norms per parameter, summary statistics and
// histograms of activations or gradients.
import type { Module } from './nn/module.ts';

/** The L2 norm of each parameter's gradient (0 where there is none yet), by parameter name. */
export function gradNorms(m: Module): { name: string; norm: number }[] {
  return m.namedParameters().map(([name, p]) => {
    let s = 0;
    const g = p.grad?.data;
    if (g) for (let i = 0; i < g.length; i++) s += g[i] * g[i];
    return { name, norm: Math.sqrt(s) };
  });
}

export interface Stats {
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Fraction of values exactly 0 (dead ReLU units show up here). */
  zeros: number;
}

/** Mean, standard deviation, range and share of zeros of a list of values. */
export function stats(values: ArrayLike<number>): Stats {
  const n = values.length;
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  let z = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    s += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) z++;
  }
  const mean = n ? s / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, std: n ? Math.sqrt(ss / n) : 0, min: n ? min : 0, max: n ? max : 0, zeros: n ? z / n : 0 };
}

/** Counts of values in `bins` equal-width bins over [lo, hi]; values outside are clamped to the end bins. */
export function histogram(values: ArrayLike<number>, bins: number, lo: number, hi: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const w = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / w)))]++;
  }
  return counts;
}
