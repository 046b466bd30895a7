// Splitting a data set into training and test parts, and iterating over shuffled minibatches.
import type { Rng } from '../random.ts';
import { alloc, copyOf, Tensor } from '../tensor.ts';

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
  const { dim } = ds;
  if (!idx) return new Tensor(copyOf(ds.x.subarray(0, ds.n * dim)), [ds.n, dim]);
  // NOTE: rows are gathered straight into engine storage: this runs once per training step.
  const x = alloc(idx.length * dim);
  for (let r = 0; r < idx.length; r++) {
    const from = idx[r] * dim;
    for (let k = 0; k < dim; k++) x[r * dim + k] = ds.x[from + k];
  }
  return new Tensor(x, [idx.length, dim]);
}

/** Targets of the rows `idx` as a [B, 1] float tensor (regression, or 0/1 labels for binary losses). */
export function targets(ds: Rows, idx?: ArrayLike<number>): Tensor {
  const n = idx ? idx.length : ds.n;
  const y = alloc(n);
  for (let r = 0; r < n; r++) y[r] = ds.y[idx ? idx[r] : r];
  return new Tensor(y, [n, 1]);
}

/** Class labels of the rows `idx` as integers, for crossEntropy. */
export function labels(ds: Rows, idx?: ArrayLike<number>): Int32Array {
  const n = idx ? idx.length : ds.n;
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) y[r] = ds.y[idx ? idx[r] : r];
  return y;
}
