// Gradient clipping by the total norm, as torch.nn.utils.clip_grad_norm_: the cure for exploding gradients
// through time (Pascanu, Mikolov and Bengio 2013) that keeps the update's direction.
import { Tensor } from '../tensor.ts';

/**
 * Scales the gradients of `parameters` (a list of tensors, one tensor, or a module) together so that their
 * total L2 norm is at most `maxNorm`, and returns the total norm before clipping:
 *   n = √(Σ_p Σ_i g_pi²),   g ← g · min(1, maxNorm / (n + 1e-6))
 * Every gradient is multiplied by the same factor, so the update keeps its direction; parameters without a
 * gradient are skipped. The 1e-6 is PyTorch's, so results agree with it to float32 rounding.
 * NOTE: when n is NaN or infinite it is returned and the gradients are left as they are (PyTorch would
 * multiply them by 0 or NaN): the caller sees the divergence, e.g. with hasNonFinite, instead of a silent zero.
 */
export function clipGradNorm(parameters: Tensor[] | Tensor | { parameters(): Tensor[] }, maxNorm: number): number {
  if (!(maxNorm > 0)) throw new Error(`clipGradNorm: maxNorm must be a positive number, got ${maxNorm}`);
  const list = parameters instanceof Tensor ? [parameters] : Array.isArray(parameters) ? parameters : parameters.parameters();
  let sum = 0;
  for (const p of list) {
    const g = p.grad?.data;
    if (g) for (let i = 0; i < g.length; i++) sum += g[i] * g[i];
  }
  const norm = Math.sqrt(sum);
  const scale = maxNorm / (norm + 1e-6);
  if (Number.isFinite(norm) && scale < 1) {
    for (const p of list) {
      const g = p.grad?.data;
      if (g) for (let i = 0; i < g.length; i++) g[i] *= scale;
    }
  }
  return norm;
}
