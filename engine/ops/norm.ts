// Layer normalization, fused into one node: over the last axis, y = γ·(x − μ)/√(σ² + ε) + β.
import { alloc, result, shapeStr, type Tensor } from '../tensor.ts';

/**
 * Layer normalization over the last axis of x [..., d], with weight γ [d] and bias β [d] (either may be
 * null), σ² the biased variance (as torch.nn.functional.layer_norm). With x̂ = (x − μ)·r, r = 1/√(σ² + ε):
 *   dβ = Σ_rows g,  dγ = Σ_rows g ⊙ x̂,  dx = r·(ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)) where ĝ = g ⊙ γ.
 */
export function layerNorm(x: Tensor, weight: Tensor | null, bias: Tensor | null, eps = 1e-5): Tensor {
  const d = x.shape[x.shape.length - 1];
  for (const p of [weight, bias]) {
    if (p && (p.ndim !== 1 || p.shape[0] !== d)) throw new Error(`layerNorm: parameter ${shapeStr(p.shape)} does not match input ${shapeStr(x.shape)} (expects [${d}])`);
  }
  const rows = x.size / d, xd = x.data;
  const xhat = alloc(x.size), rstd = alloc(rows), y = alloc(x.size);
  const w = weight?.data, b = bias?.data;
  for (let r = 0, o = 0; r < rows; r++, o += d) {
    let mu = 0;
    for (let j = 0; j < d; j++) mu += xd[o + j];
    mu /= d;
    let v = 0;
    for (let j = 0; j < d; j++) v += (xd[o + j] - mu) * (xd[o + j] - mu);
    const rs = (rstd[r] = 1 / Math.sqrt(v / d + eps));
    for (let j = 0; j < d; j++) {
      const h = (xhat[o + j] = (xd[o + j] - mu) * rs);
      y[o + j] = (w ? h * w[j] : h) + (b ? b[j] : 0);
    }
  }
  const inputs = [x, weight, bias].filter((t): t is Tensor => t !== null);
  return result(y, x.shape, 'layerNorm', inputs, (out) => {
    const g = out.grad!.data;
    const gx = x.requiresGrad ? x.gradData() : null;
    const gw = weight?.requiresGrad ? weight.gradData() : null;
    const gb = bias?.requiresGrad ? bias.gradData() : null;
    for (let r = 0, o = 0; r < rows; r++, o += d) {
      let sg = 0, sgh = 0;
      for (let j = 0; j < d; j++) {
        const gh = w ? g[o + j] * w[j] : g[o + j];
        sg += gh;
        sgh += gh * xhat[o + j];
        if (gw) gw[j] += g[o + j] * xhat[o + j];
        if (gb) gb[j] += g[o + j];
      }
      if (!gx) continue;
      sg /= d;
      sgh /= d;
      const rs = rstd[r];
      for (let j = 0; j < d; j++) gx[o + j] += rs * ((w ? g[o + j] * w[j] : g[o + j]) - sg - xhat[o + j] * sgh);
    }
  });
}
