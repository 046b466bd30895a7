// Optimizers follow PyTorch's update rules, checked against the formulas computed by hand in float64.
import { describe, expect, it } from 'vitest';
import { optim, tensor } from '../index.ts';

/** Runs an optimizer on f(θ) = ½·θ² (gradient θ) for a few steps from θ = 1 and returns the path. */
function path(make: (p: ReturnType<typeof tensor>) => { step(): void; zeroGrad(): void }, steps = 4) {
  const p = tensor([1], undefined, { requiresGrad: true });
  const opt = make(p);
  const out: number[] = [];
  for (let t = 0; t < steps; t++) {
    opt.zeroGrad();
    p.mul(p).mul(0.5).sum().backward();
    opt.step();
    out.push(p.data[0]);
  }
  return out;
}

describe('optim', () => {
  it('plain SGD: θ ← θ - ηg', () => {
    path((p) => new optim.SGD([p], { lr: 0.1 })).forEach((x, i) => expect(x).toBeCloseTo([0.9, 0.81, 0.729, 0.6561][i], 6));
  });

  it('SGD with momentum and weight decay matches the hand computation', () => {
    const lr = 0.1, beta = 0.9, wd = 0.01;
    let theta = 1, v = 0;
    const expected: number[] = [];
    for (let t = 0; t < 4; t++) {
      const g = theta + wd * theta;
      v = t === 0 ? g : beta * v + g;
      theta -= lr * v;
      expected.push(theta);
    }
    path((p) => new optim.SGD([p], { lr, momentum: beta, weightDecay: wd })).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 6));
  });

  it('Nesterov momentum matches the hand computation', () => {
    const lr = 0.1, beta = 0.9;
    let theta = 1, v = 0;
    const expected: number[] = [];
    for (let t = 0; t < 4; t++) {
      const g = theta;
      v = t === 0 ? g : beta * v + g;
      theta -= lr * (g + beta * v);
      expected.push(theta);
    }
    path((p) => new optim.SGD([p], { lr, momentum: beta, nesterov: true })).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 6));
  });

  it('Adam with bias correction matches the hand computation', () => {
    const lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    let theta = 1, m = 0, v = 0;
    const expected: number[] = [];
    for (let t = 1; t <= 4; t++) {
      const g = theta;
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      theta -= (lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
      expected.push(theta);
    }
    path((p) => new optim.Adam([p], { lr })).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 5));
  });

  it('schedules: StepLR and ExponentialLR', () => {
    const opt = new optim.SGD([], { lr: 1 });
    const step = new optim.StepLR(opt, { stepSize: 2, gamma: 0.5 });
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      step.step();
      seen.push(opt.lr);
    }
    expect(seen).toEqual([1, 0.5, 0.5, 0.25]);
    const opt2 = new optim.Adam([], { lr: 1 });
    const exp = new optim.ExponentialLR(opt2, { gamma: 0.9 });
    exp.step();
    exp.step();
    expect(opt2.lr).toBeCloseTo(0.81, 10);
  });
});
