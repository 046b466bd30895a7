// Optimizers and schedules follow PyTorch's rules, checked against the formulas computed by hand in
// float64, and Adam/AdamW against TensorFlow.js's Adam where it has one (it has no AdamW and no schedules).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { optim, randn, rng, tensor } from '../index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  // Silences the one-time banner that suggests installing tfjs-node.
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
});

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

  it('AdamW decays the weights directly, then takes the Adam step: matches the hand computation', () => {
    const lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.5;
    let theta = 1, m = 0, v = 0;
    const expected: number[] = [];
    for (let t = 1; t <= 4; t++) {
      const g = theta; // the loss's gradient only: no λθ in it
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      theta = theta - lr * wd * theta - (lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
      expected.push(theta);
    }
    path((p) => new optim.AdamW([p], { lr, weightDecay: wd })).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 5));
  });

  it('AdamW shrinks a weight with zero gradient by 1 - ηλ per step; Adam with L2 moves it by about η', () => {
    const lr = 0.01, wd = 0.1;
    const run = (make: (p: ReturnType<typeof tensor>) => optim.Optimizer) => {
      const p = tensor([2], undefined, { requiresGrad: true });
      const opt = make(p);
      for (let t = 0; t < 10; t++) {
        opt.zeroGrad();
        p.mul(0).sum().backward(); // the loss does not depend on p: its gradient is 0
        opt.step();
      }
      return p.data[0];
    };
    expect(run((p) => new optim.AdamW([p], { lr, weightDecay: wd }))).toBeCloseTo(2 * (1 - lr * wd) ** 10, 5);
    // Adam divides the decay term λθ by its own size: each step is about η, whatever λ.
    expect(run((p) => new optim.Adam([p], { lr, weightDecay: wd }))).toBeCloseTo(2 - 10 * lr, 3);
  });

  it('AdamW defaults to λ = 0.01 and, with λ = 0, is Adam', () => {
    expect(new optim.AdamW([]).weightDecay).toBe(0.01);
    const a = path((p) => new optim.Adam([p], { lr: 0.05 }));
    const w = path((p) => new optim.AdamW([p], { lr: 0.05, weightDecay: 0 }));
    expect(w).toEqual(a);
  });

  it('Adam and AdamW without decay agree with TensorFlow.js Adam on a random least-squares problem', () => {
    const r = rng(3);
    const X = randn([8, 3], r), y = randn([8, 1], r), w0 = randn([3, 1], r);
    const lr = 0.05, betas: [number, number] = [0.8, 0.99], eps = 1e-6, steps = 25;
    const ours = (make: (p: ReturnType<typeof tensor>) => optim.Optimizer) => {
      const w = tensor(w0.data.slice(), [3, 1], { requiresGrad: true });
      const opt = make(w);
      for (let t = 0; t < steps; t++) {
        opt.zeroGrad();
        X.matmul(w).sub(y).pow(2).mean().backward();
        opt.step();
      }
      return Array.from(w.data);
    };
    const tw = tf.variable(tf.tensor(Array.from(w0.data), [3, 1]));
    const tX = tf.tensor(Array.from(X.data), [8, 3]), ty = tf.tensor(Array.from(y.data), [8, 1]);
    const tOpt = tf.train.adam(lr, betas[0], betas[1], eps);
    for (let t = 0; t < steps; t++) tOpt.minimize(() => tf.mean(tf.square(tf.sub(tf.matMul(tX, tw), ty))) as tf.Scalar);
    const want = Array.from(tw.dataSync());
    for (const got of [ours((p) => new optim.Adam([p], { lr, betas, eps })), ours((p) => new optim.AdamW([p], { lr, betas, eps, weightDecay: 0 }))]) {
      got.forEach((x, i) => expect(Math.abs(x - want[i])).toBeLessThan(1e-5));
    }
    expect(Math.abs(want[0] - w0.data[0])).toBeGreaterThan(0.1); // the weights did move
  });

  it('CosineAnnealingLR follows ½(1 + cos) from η₀ to η_min over tMax steps, then stays at η_min', () => {
    const opt = new optim.SGD([], { lr: 1 });
    const sched = new optim.CosineAnnealingLR(opt, { tMax: 4, etaMin: 0.2 });
    const seen = [opt.lr];
    for (let t = 0; t < 6; t++) {
      sched.step();
      seen.push(opt.lr);
    }
    const cos = (t: number) => 0.2 + 0.5 * 0.8 * (1 + Math.cos((Math.PI * t) / 4));
    [cos(0), cos(1), cos(2), cos(3), 0.2, 0.2, 0.2].forEach((want, i) => expect(seen[i]).toBeCloseTo(want, 12));
    expect(seen[2]).toBeCloseTo(0.6, 12); // halfway: the mean of η₀ and η_min
  });

  it('CosineAnnealingLR with warm-up rises linearly, peaks at η₀, then anneals to 0', () => {
    const opt = new optim.Adam([], { lr: 0.3 });
    const sched = new optim.CosineAnnealingLR(opt, { tMax: 7, warmup: 2 });
    const seen = [opt.lr];
    for (let t = 0; t < 7; t++) {
      sched.step();
      seen.push(opt.lr);
    }
    // t = 0, 1: 0.3·1/3, 0.3·2/3; t = 2..7: 0.15·(1 + cos(π(t - 2)/5)).
    const want = [0.1, 0.2, 0.3, ...[1, 2, 3, 4].map((k) => 0.15 * (1 + Math.cos((Math.PI * k) / 5))), 0];
    want.forEach((w, i) => expect(seen[i]).toBeCloseTo(w, 12));
    expect(sched.rateAt(100)).toBe(0);
  });

  it('CosineAnnealingLR refuses a tMax not past the warm-up, or a fractional warm-up', () => {
    const opt = new optim.SGD([], { lr: 1 });
    expect(() => new optim.CosineAnnealingLR(opt, { tMax: 5, warmup: 5 })).toThrow('tMax must be a whole number of steps larger than warmup (5); got 5');
    expect(() => new optim.CosineAnnealingLR(opt, { tMax: 5, warmup: 1.5 })).toThrow('warmup must be a whole number of steps');
    expect(opt.lr).toBe(1); // unchanged by the refused schedules
  });
});
