// How well a network's outputs fit their targets: cross-entropy, accuracy and the confusion counts for
// classification (the outputs are logits), the mean squared error for regression. Plain loops over the
// outputs of one forward pass, so measuring costs no graph.

/**
 * Mean binary cross-entropy (numerically stable form) and accuracy of logits z[from..] against labels y;
 * with `confusion`, also the counts [true 0, false 1, false 0, true 1] (actual class 0 predicted 0, 0
 * predicted 1, 1 predicted 0, 1 predicted 1).
 */
export function score(z: Float32Array, from: number, y: Int32Array | Float32Array, confusion?: Int32Array): { loss: number; accuracy: number } {
  let loss = 0;
  let right = 0;
  confusion?.fill(0);
  for (let i = 0; i < y.length; i++) {
    const v = z[from + i];
    loss += Math.max(v, 0) - v * y[i] + Math.log1p(Math.exp(-Math.abs(v)));
    const predicted = v > 0 ? 1 : 0;
    if (predicted === y[i]) right++;
    if (confusion) confusion[2 * y[i] + predicted]++;
  }
  return { loss: loss / y.length, accuracy: right / y.length };
}

/** Mean squared error of predictions z[from..] against targets y. */
export function squaredError(z: Float32Array, from: number, y: Int32Array | Float32Array): number {
  let loss = 0;
  for (let i = 0; i < y.length; i++) {
    const d = z[from + i] - y[i];
    loss += d * d;
  }
  return loss / y.length;
}

/**
 * Loss and accuracy of outputs z[from..] against targets y: cross-entropy and accuracy (and the confusion
 * counts, when given) for classification, the squared error and NaN for regression.
 */
export function fit(z: Float32Array, from: number, y: Int32Array | Float32Array, regression: boolean, confusion?: Int32Array): { loss: number; accuracy: number } {
  return regression ? { loss: squaredError(z, from, y), accuracy: NaN } : score(z, from, y, confusion);
}
