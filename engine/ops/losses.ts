// Loss functions, each averaged over the examples of a batch. The classification losses take logits
// (scores before softmax or sigmoid) and are computed in a numerically stable form.
import { allocFrom, alloc, asTensor, result, shapeStr, Tensor } from '../tensor.ts';

/**
 * Mean squared error between a prediction and a target of the same size (or a number); a scalar.
 * L = (1/n) Σ (ŷ - y)²   dL/dŷ = 2(ŷ - y)/n,  dL/dy = -2(ŷ - y)/n
 */
export function mse(pred: Tensor, target: Tensor | number): Tensor {
  const t = asTensor(target);
  if (t.size !== 1 && t.size !== pred.size) {
    throw new Error(`mse: prediction ${shapeStr(pred.shape)} and target ${shapeStr(t.shape)} differ in size`);
  }
  const n = pred.size;
  const p = pred.data;
  const y = t.data;
  const one = t.size === 1;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = p[i] - (one ? y[0] : y[i]);
    s += d * d;
  }
  return result(alloc(1).fill(s / n), [], 'mse', [pred, t], (out) => {
    const g = out.grad!.data[0];
    if (pred.requiresGrad) {
      const gp = pred.gradData();
      for (let i = 0; i < n; i++) gp[i] += (2 * g * (p[i] - (one ? y[0] : y[i]))) / n;
    }
    if (t.requiresGrad) {
      const gt = t.gradData();
      for (let i = 0; i < n; i++) gt[one ? 0 : i] -= (2 * g * (p[i] - (one ? y[0] : y[i]))) / n;
    }
  });
}

/**
 * Softmax cross-entropy from logits, fused: L = (1/B) Σ_b [log Σ_k e^{z_bk} - z_{b,y_b}].
 * logits: [B, K]; targets: B class indices in 0..K-1 (an array, Int32Array or a Tensor of indices); a scalar.
 * dL/dz_bk = (softmax(z_b)_k - [k = y_b]) / B.
 */
export function crossEntropy(logits: Tensor, targetsIn: ArrayLike<number> | Tensor): Tensor {
  const targets = targetsIn instanceof Tensor ? targetsIn.data : targetsIn;
  if (logits.shape.length !== 2) throw new Error(`crossEntropy: logits must be [B, K], got ${shapeStr(logits.shape)}`);
  const [B, K] = logits.shape;
  if (targets.length !== B) throw new Error(`crossEntropy: ${targets.length} targets for logits ${shapeStr(logits.shape)}`);
  const z = logits.data;
  const probs = alloc(B * K);
  let total = 0;
  for (let b = 0; b < B; b++) {
    const y = targets[b];
    if (!Number.isInteger(y) || y < 0 || y >= K) throw new Error(`crossEntropy: target ${y} is not a class index in 0..${K - 1}`);
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, z[b * K + k]);
    let s = 0;
    for (let k = 0; k < K; k++) s += probs[b * K + k] = Math.exp(z[b * K + k] - m);
    for (let k = 0; k < K; k++) probs[b * K + k] /= s;
    total += m + Math.log(s) - z[b * K + y];
  }
  return result(alloc(1).fill(total / B), [], 'crossEntropy', [logits], (out) => {
    const g = out.grad!.data[0] / B;
    const gz = logits.gradData();
    for (let b = 0; b < B; b++) {
      for (let k = 0; k < K; k++) gz[b * K + k] += g * probs[b * K + k];
      gz[b * K + targets[b]] -= g;
    }
  });
}

/**
 * Binary cross-entropy from logits: L = (1/n) Σ [max(z, 0) - z·y + log(1 + e^{-|z|})], targets y in [0, 1],
 * one per logit (any shape of the same size); a scalar. The stable form of -y·log σ(z) - (1-y)·log(1-σ(z)).
 * dL/dz = (sigmoid(z) - y) / n.
 */
export function binaryCrossEntropy(logits: Tensor, targets: Tensor | ArrayLike<number>): Tensor {
  const y = targets instanceof Tensor ? targets.data : allocFrom(targets);
  if (y.length !== logits.size) {
    throw new Error(`binaryCrossEntropy: ${y.length} targets for logits ${shapeStr(logits.shape)}`);
  }
  const z = logits.data;
  const n = z.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
  return result(alloc(1).fill(s / n), [], 'binaryCrossEntropy', [logits], (out) => {
    const g = out.grad!.data[0] / n;
    const gz = logits.gradData();
    for (let i = 0; i < n; i++) gz[i] += g * (1 / (1 + Math.exp(-z[i])) - y[i]);
  });
}
