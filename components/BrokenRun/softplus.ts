// The lab's custom op: softplus, y = ln(1 + eˣ), written the way a reader would add an op to the engine,
// with a choice of backward rule. One rule is right (dy/dx = sigmoid(x)); the other two are mistakes people
// make (the derivative of the wrong function, or the right one mirrored), and only a gradient check tells
// them apart from the loss curve.
import { gradCheck, randn, Rng } from '../../engine/index.ts';
import { alloc, result, type Tensor } from '../../engine/tensor.ts';

export const backwardRules = ['sigmoid', 'sigmoidSlope', 'mirrored'] as const;
export type BackwardRule = (typeof backwardRules)[number];

/** The rules as the lab's menu writes them. */
export const ruleLabels: Record<BackwardRule, string> = {
  sigmoid: 'dy/dx = sigmoid(x)',
  sigmoidSlope: 'dy/dx = sigmoid(x)·(1 − sigmoid(x))',
  mirrored: 'dy/dx = sigmoid(−x)',
};

const sig = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * Elementwise softplus with the backward rule `rule`; same shape.
 * y = ln(1 + eˣ)   dy/dx = sigmoid(x)   (what the 'sigmoid' rule computes; the others are wrong)
 */
export function softplus(a: Tensor, rule: BackwardRule): Tensor {
  const x = a.data, y = alloc(x.length);
  // NOTE: ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|), which does not overflow for large x.
  for (let i = 0; i < x.length; i++) y[i] = Math.max(x[i], 0) + Math.log1p(Math.exp(-Math.abs(x[i])));
  return result(y, a.shape, 'softplus', [a], (out) => {
    const g = out.grad!.data, ga = a.gradData();
    for (let i = 0; i < g.length; i++) {
      const s = sig(x[i]);
      ga[i] += g[i] * (rule === 'sigmoid' ? s : rule === 'sigmoidSlope' ? s * (1 - s) : 1 - s);
    }
  });
}

/** The engine's gradient check of softplus with `rule` on 12 fixed inputs: the largest relative error. */
export function checkSoftplus(rule: BackwardRule): { maxError: number; ok: boolean } {
  const x = randn([3, 4], new Rng(11));
  const { maxError, ok } = gradCheck((t) => softplus(t, rule), [x]);
  return { maxError, ok };
}
