// Splitting a data set into training and test parts, and iterating over shuffled minibatches.
import type { Rng } from '../random.ts';
import { Tensor } from '../tensor.ts';

interface Rows {
  x: Float32Array;
  y: Float32Array | Int32Array;
  n: number;
  dim: number;
}

/** The rows `idx` of a data set, as a new data set of the same kind. */
export function subset<T extends Rows>(ds: T, idx: ArrayLike<number>): T {
  const x = new Float32Array(idx.length * ds.dim);
  const y = new (ds.y.constructor as Int32ArrayConstructor | Float32ArrayConstructor)(idx.length);
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r];
    x.set(ds.x.subarray(i * ds.dim, (i + 1) * ds.dim), r * ds.dim);
    y[r] = ds.y[i];
  }
  return { ...ds, x, y, n: idx.length };
}

/** A random split: `trainFraction` of the rows (rounded) for training, the rest for testing. */
export function trainTestSplit<T extends Rows>(ds: T, trainFraction: number, rng: Rng): { train: T; test: T } {
  if (!(trainFraction > 0 && trainFraction < 1)) throw new Error(`trainTestSplit: fraction must be in (0, 1), got ${trainFraction}`);
  const perm = rng.permutation(ds.n);
  const cut = Math.round(ds.n * trainFraction);
  return { train: subset(ds, perm.subarray(0, cut)), test: subset(ds, perm.subarray(cut)) };
}

/** Shuffled minibatches of row indices covering 0..n-1 once (one epoch); the last batch may be smaller. */
export function* batches(n: number, batchSize: number, rng: Rng): Generator<Int32Array> {
  const perm = rng.permutation(n);
  for (let i = 0; i < n; i += batchSize) yield perm.subarray(i, Math.min(n, i + batchSize));
}

/** Inputs of the rows `idx` (all rows if omitted) as a [B, dim] tensor. */
export function inputs(ds: Rows, idx?: ArrayLike<number>): Tensor {
  const part = idx ? subset(ds, idx) : ds;
  return new Tensor(part.x.slice(), [part.n, ds.dim]);
}

/** Targets of the rows `idx` as a [B, 1] float tensor (regression, or 0/1 labels for binary losses). */
export function targets(ds: Rows, idx?: ArrayLike<number>): Tensor {
  const part = idx ? subset(ds, idx) : ds;
  return new Tensor(Float32Array.from(part.y), [part.n, 1]);
}

/** Class labels of the rows `idx` as integers, for crossEntropy. */
export function labels(ds: Rows, idx?: ArrayLike<number>): Int32Array {
  const part = idx ? subset(ds, idx) : ds;
  return Int32Array.from(part.y);
}
