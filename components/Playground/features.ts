// The inputs a Playground network can be given: features computed from the point (x₁, x₂), their names
// in the settings and in the link, how each is written for the reader, and the map from points to rows.
// Plain TypeScript (no DOM): the worker, the page and the tests share it.
import { namesOf } from '../ui/choices.ts';

/** An input feature: how it is written (on the network drawing, the controls and in the text) and its value at the point (a, b). */
export interface Feature {
  label: string;
  at: (a: number, b: number) => number;
}

/** The input features a network can be given, in the order its input units are drawn. The sines take πx, one period across [-1, 1]. */
export const features = {
  x1: { label: 'x₁', at: (a) => a },
  x2: { label: 'x₂', at: (_, b) => b },
  x1sq: { label: 'x₁²', at: (a) => a * a },
  x2sq: { label: 'x₂²', at: (_, b) => b * b },
  x1x2: { label: 'x₁x₂', at: (a, b) => a * b },
  sin1: { label: 'sin πx₁', at: (a) => Math.sin(Math.PI * a) },
  sin2: { label: 'sin πx₂', at: (_, b) => Math.sin(Math.PI * b) },
} satisfies Record<string, Feature>;
export type FeatureName = keyof typeof features;
export const featureNames = namesOf(features);

/** Rows of 2-D points ([n, 2], row-major) as rows of features ([n, features.length]). */
export function featureRows(points: Float32Array, names: readonly FeatureName[]): Float32Array {
  const n = points.length / 2;
  const F = names.length;
  const at = names.map((f) => features[f].at);
  const out = new Float32Array(n * F);
  for (let i = 0; i < n; i++) {
    const a = points[2 * i];
    const b = points[2 * i + 1];
    for (let k = 0; k < F; k++) out[i * F + k] = at[k](a, b);
  }
  return out;
}

/** Features in their canonical order, without repeats. */
export const sortFeatures = (fs: readonly FeatureName[]): FeatureName[] => featureNames.filter((f) => fs.includes(f));
