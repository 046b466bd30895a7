// Batch normalization (Ioffe and Szegedy 2015) as one fused op over [N, C, ...] tensors, channel axis 1,
// with PyTorch's training and evaluation semantics and its running-statistics update.
import { alloc, result, shapeStr, type Tensor } from '../tensor.ts';

export interface BatchNormOptions {
  /** Normalize with the batch's statistics and update the running ones (default false, as PyTorch's functional form). */
  training?: boolean;
  /** Weight of the new batch in the running statistics (default 0.1). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

/** Checks that a per-channel tensor (running statistic, weight or bias) is [C]. */
function checkChannel(t: Tensor | null, C: number, what: string): void {
  if (t && (t.shape.length !== 1 || t.shape[0] !== C)) throw new Error(`batchNorm: ${what} ${shapeStr(t.shape)} does not match ${C} channels (expects [${C}])`);
}

/**
 * Batch normalization, as torch.nn.functional.batch_norm. x: [N, C, ...] (any number of trailing axes, e.g.
 * [N, C] or [N, C, H, W]) → same shape; runningMean, runningVar, weight γ and bias β: [C] or null.
 * Per channel c, over the m = N·(H·W·…) values x of that channel:
 *   training:   μ = mean x, σ² = mean (x − μ)² (biased), x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β; and in place
 *               running_mean ← (1 − momentum)·running_mean + momentum·μ,
 *               running_var  ← (1 − momentum)·running_var + momentum·σ²·m/(m − 1) (unbiased), as PyTorch;
 *   evaluation: x̂ = (x − running_mean)/√(running_var + ε), y = γ·x̂ + β.
 * Backward (training, the batch statistics depend on x): dL/dx = γ/(m·√(σ² + ε)) · (m·g − Σg − x̂·Σ(g·x̂));
 * (evaluation) dL/dx = g·γ/√(running_var + ε); in both dL/dγ = Σ g·x̂ and dL/dβ = Σ g.
 */
export function batchNorm(x: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, weight: Tensor | null = null, bias: Tensor | null = null, opts: BatchNormOptions = {}): Tensor {
  const training = opts.training ?? false;
  const momentum = opts.momentum ?? 0.1;
  const eps = opts.eps ?? 1e-5;
  if (x.shape.length < 2) throw new Error(`batchNorm: expects [N, C, ...], got ${shapeStr(x.shape)}`);
  const N = x.shape[0], C = x.shape[1];
  const S = x.size / Math.max(1, N * C);
  const m = N * S;
  checkChannel(runningMean, C, 'running_mean');
  checkChannel(runningVar, C, 'running_var');
  checkChannel(weight, C, 'weight');
  checkChannel(bias, C, 'bias');
  if (!training && (!runningMean || !runningVar)) throw new Error('batchNorm: evaluation mode needs running_mean and running_var (or pass training: true)');
  if (training && m < 2) throw new Error(`batchNorm: training needs more than one value per channel, got input ${shapeStr(x.shape)}`);
  const X = x.data;
  const mean = new Float64Array(C), invStd = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    if (!training) {
      mean[c] = runningMean!.data[c];
      invStd[c] = 1 / Math.sqrt(runningVar!.data[c] + eps);
      continue;
    }
    let s = 0;
    for (let n = 0; n < N; n++) for (let k = (n * C + c) * S, end = k + S; k < end; k++) s += X[k];
    const mu = s / m;
    let q = 0;
    for (let n = 0; n < N; n++)
      for (let k = (n * C + c) * S, end = k + S; k < end; k++) {
        const d = X[k] - mu;
        q += d * d;
      }
    const variance = q / m;
    mean[c] = mu;
    invStd[c] = 1 / Math.sqrt(variance + eps);
    if (runningMean) runningMean.data[c] = (1 - momentum) * runningMean.data[c] + momentum * mu;
    if (runningVar) runningVar.data[c] = (1 - momentum) * runningVar.data[c] + momentum * variance * (m / (m - 1));
  }
  const y = alloc(x.size);
  for (let c = 0; c < C; c++) {
    const a = invStd[c] * (weight ? weight.data[c] : 1);
    const b = (bias ? bias.data[c] : 0) - mean[c] * a;
    for (let n = 0; n < N; n++) for (let k = (n * C + c) * S, end = k + S; k < end; k++) y[k] = X[k] * a + b;
  }
  const inputs = [x, weight, bias].filter((t): t is Tensor => t !== null);
  return result(y, x.shape, 'batchNorm', inputs, (out) => {
    const g = out.grad!.data;
    const gx = x.requiresGrad ? x.gradData() : null;
    const gw = weight && weight.requiresGrad ? weight.gradData() : null;
    const gb = bias && bias.requiresGrad ? bias.gradData() : null;
    for (let c = 0; c < C; c++) {
      const mu = mean[c], is = invStd[c];
      let sg = 0, sgx = 0;
      for (let n = 0; n < N; n++)
        for (let k = (n * C + c) * S, end = k + S; k < end; k++) {
          sg += g[k];
          sgx += g[k] * (X[k] - mu) * is;
        }
      if (gw) gw[c] += sgx;
      if (gb) gb[c] += sg;
      if (!gx) continue;
      const scale = is * (weight ? weight.data[c] : 1);
      if (!training) {
        for (let n = 0; n < N; n++) for (let k = (n * C + c) * S, end = k + S; k < end; k++) gx[k] += g[k] * scale;
        continue;
      }
      const mg = sg / m, mgx = sgx / m;
      for (let n = 0; n < N; n++)
        for (let k = (n * C + c) * S, end = k + S; k < end; k++) gx[k] += scale * (g[k] - mg - (X[k] - mu) * is * mgx);
    }
  });
}
