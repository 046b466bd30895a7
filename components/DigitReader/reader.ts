// The digit reader's arithmetic: the test set's confusion matrix from the trained CNN's predictions, the
// digits in each of its cells, and each class's precision and recall read off the matrix. Pure functions.

/** The nets the reader loads: chapter 7's LeNet-shaped CNN, trained from this seed for the whole budget. */
export const READER_PRESET = 'lenet' as const;
export const READER_SEED = 1;
export const CLASSES = 10;

/** The 10×10 confusion matrix (row: true digit, column: predicted), row-major. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>): Int32Array {
  const m = new Int32Array(CLASSES * CLASSES);
  for (let i = 0; i < labels.length; i++) m[labels[i] * CLASSES + predicted[i]]++;
  return m;
}

/** The test digits in cell (true y, predicted p), in test order. */
export function cellDigits(labels: ArrayLike<number>, predicted: ArrayLike<number>, y: number, p: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === y && predicted[i] === p) out.push(i);
  return out;
}

export interface ClassRates {
  /** Of the digits predicted k, the share that are k: diagonal over column sum (NaN for an empty column). */
  precision: number;
  /** Of the digits that are k, the share predicted k: diagonal over row sum. */
  recall: number;
  /** Row sum: the test digits of class k. */
  support: number;
}

/** Each class's precision and recall, read off the matrix. */
export function classRates(m: Int32Array): ClassRates[] {
  return Array.from({ length: CLASSES }, (_, k) => {
    let row = 0;
    let col = 0;
    for (let j = 0; j < CLASSES; j++) {
      row += m[k * CLASSES + j];
      col += m[j * CLASSES + k];
    }
    const d = m[k * CLASSES + k];
    return { precision: col ? d / col : Number.NaN, recall: row ? d / row : Number.NaN, support: row };
  });
}

/** The share of the matrix on its diagonal. */
export function matrixAccuracy(m: Int32Array): number {
  let d = 0;
  let all = 0;
  for (let i = 0; i < m.length; i++) {
    all += m[i];
    if (i % (CLASSES + 1) === 0) d += m[i];
  }
  return all ? d / all : Number.NaN;
}
