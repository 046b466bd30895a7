// The numbers behind the ActivationExplorer figure: each activation and its derivative, both from the
// engine (the derivative by its backward pass), and what the figure says about each.
import { tensor, type Tensor } from '../../engine/index.ts';

export const activationNames = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'gelu'] as const;
export type ActivationName = (typeof activationNames)[number];

/** What the figure says about each derivative; every number in it is checked in model.test.ts. */
export const notes: Record<ActivationName, string> = {
  sigmoid: "sigmoid'(z) = sigmoid(z)(1 − sigmoid(z)) is at most 1/4, at z = 0, and below 0.01 once |z| > 4.6: passing back through a sigmoid unit multiplies a gradient by at most 1/4.",
  tanh: "tanh'(z) = 1 − tanh²(z) reaches 1 at z = 0 but also vanishes for large |z|.",
  relu: "relu'(z) is exactly 1 for z > 0 and exactly 0 for z < 0: no shrinking where the unit is active, no gradient at all where it is not.",
  leakyRelu: "leakyRelu'(z) is 1 for z > 0 and 0.01 for z < 0: a small gradient survives on the negative side.",
  gelu: "gelu'(z) is smooth, negative below z ≈ −0.75 (lowest, about −0.13, near z ≈ −1.4), slightly above 1 for moderate positive z (about 1.13 near z ≈ 1.4), and tends to 1 for large z.",
};

const apply = (t: Tensor, n: ActivationName) => (n === 'leakyRelu' ? t.leakyRelu(0.01) : t[n]());

/** f and f' at each of `xs`, through the engine's autograd. */
export function curves(n: ActivationName, xs: number[]): { f: number[]; df: number[] } {
  const t = tensor(xs, undefined, { requiresGrad: true });
  const y = apply(t, n);
  y.sum().backward();
  return { f: Array.from(y.data), df: Array.from(t.grad!.data) };
}
