// The problems the Playground trains on: the engine's 2-D classification sets, and two regression sets
// (TensorFlow Playground's), each a set of points in [-1, 1]² with a target per point.
import { data, datasetNames, type DatasetName } from '../../engine/index.ts';

/** TensorFlow Playground's two regression problems: a tilted plane, and a Gaussian bump ('gaussian' there). */
export const regressionNames = ['plane', 'bump'] as const;
export type RegressionName = (typeof regressionNames)[number];
/** Every problem the trainer knows: the classification sets, then the regression sets. */
export const problemNames = [...datasetNames, ...regressionNames] as const;
export type ProblemName = DatasetName | RegressionName;

export const isRegression = (name: ProblemName): name is RegressionName => (regressionNames as readonly string[]).includes(name);

/**
 * Points of a problem: 2-D inputs (row-major) and a target each: a class id (0 or 1) for classification,
 * a real value for regression.
 */
export interface Points {
  x: Float32Array;
  y: Int32Array | Float32Array;
  n: number;
  dim: number;
}

/**
 * The data of a problem: a classification set, or a regression set of the same size and spread.
 * Seeded: the same arguments give the same points.
 */
export function problemData(dataset: ProblemName, options: { n: number; noise: number; seed: number }): Points {
  return isRegression(dataset) ? data.regression2d({ ...options, fn: dataset }) : data.toy(dataset, options);
}
