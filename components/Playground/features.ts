// The inputs a Playground network can be given: features computed from the point (x₁, x₂), their names
// in the settings and in the link, how each is written for the reader, and the map from points to rows.
// Plain TypeScript (no DOM): the worker, the page and the tests share it.

/** The input features a network can be given, in the order its input units are drawn. */
export const featureNames = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sin1', 'sin2'] as const;
export type FeatureName = (typeof featureNames)[number];

/** How each feature is written (on the network drawing, the controls and in the text). */
export const featureLabels: Record<FeatureName, string> = {
  x1: 'x₁',
  x2: 'x₂',
  x1sq: 'x₁²',
  x2sq: 'x₂²',
  x1x2: 'x₁x₂',
  sin1: 'sin πx₁',
  sin2: 'sin πx₂',
};

/** The value of feature `f` at the point (a, b). The sines take πx, one period across [-1, 1]. */
function feature(f: FeatureName, a: number, b: number): number {
  switch (f) {
    case 'x1':
      return a;
    case 'x2':
      return b;
    case 'x1sq':
      return a * a;
    case 'x2sq':
      return b * b;
    case 'x1x2':
      return a * b;
    case 'sin1':
      return Math.sin(Math.PI * a);
    case 'sin2':
      return Math.sin(Math.PI * b);
  }
}

/** Rows of 2-D points ([n, 2], row-major) as rows of features ([n, features.length]). */
export function featureRows(points: Float32Array, features: readonly FeatureName[]): Float32Array {
  const n = points.length / 2;
  const F = features.length;
  const out = new Float32Array(n * F);
  for (let i = 0; i < n; i++) {
    const a = points[2 * i];
    const b = points[2 * i + 1];
    for (let k = 0; k < F; k++) out[i * F + k] = feature(features[k], a, b);
  }
  return out;
}

/** Features in their canonical order, without repeats. */
export const sortFeatures = (fs: readonly FeatureName[]): FeatureName[] => featureNames.filter((f) => fs.includes(f));
