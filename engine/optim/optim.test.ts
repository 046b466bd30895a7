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
  const p = tensor([1], { requiresGrad: true });
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

  it('counts steps per parameter, as PyTorch: a parameter first updated at step 2 is corrected as at its first step', () => {
    for (const Opt of [optim.Adam, optim.AdamW]) {
      const a = tensor([1], { requiresGrad: true });
      const b = tensor([1], { requiresGrad: true });
      const opt = new Opt([a, b], { lr: 0.1, weightDecay: 0 });
      opt.zeroGrad();
      a.mul(2).sum().backward(); // b is not in the loss: it has no gradient, and the step leaves it alone
      opt.step();
      expect(b.data[0]).toBe(1);
      opt.zeroGrad();
      a.mul(2).add(b.mul(3)).sum().backward();
      opt.step();
      // A first Adam step moves by η·g/(|g| + ε), whatever g: 1 - 0.1 = 0.9, as torch.optim.Adam gives.
      // (Counted with the optimizer's two steps, it was 0.92559.)
      expect(b.data[0]).toBeCloseTo(0.9, 6);
      expect((opt.stateDict() as optim.AdamState).steps).toEqual([2, 1]);
    }
  });

  it('Adam follows the hand computation, one step count per parameter, when gradients come and go', () => {
    const lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
    // Which of the two parameters is in the loss at each step; loss = Σ (θᵢ - i - 1)² over those.
    const plan = [[0], [0, 1], [1], [0, 1], [0, 1], [0]];
    const theta = [1.5, -0.5], m = [0, 0], v = [0, 0], t = [0, 0];
    const ps = theta.map((x) => tensor([x], { requiresGrad: true }));
    const opt = new optim.Adam(ps, { lr, weightDecay: wd });
    for (const used of plan) {
      for (const i of used) {
        const g = 2 * (theta[i] - i - 1) + wd * theta[i];
        t[i]++;
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        theta[i] -= (lr * (m[i] / (1 - b1 ** t[i]))) / (Math.sqrt(v[i] / (1 - b2 ** t[i])) + eps);
      }
      opt.zeroGrad();
      used.map((i) => ps[i].sub(i + 1).pow(2).sum()).reduce((x, y) => x.add(y)).backward();
      opt.step();
      ps.forEach((p, i) => expect(p.data[0]).toBeCloseTo(theta[i], 5));
    }
    expect((opt.stateDict() as optim.AdamState).steps).toEqual(t);
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
      const p = tensor([2], { requiresGrad: true });
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

  describe('state dicts', () => {
    // A small least-squares problem with two parameters (a matrix and a vector), so order and sizes matter.
    const r = rng(11);
    const X = randn([6, 3], r), y = randn([6, 2], r), w0 = randn([3, 2], r), b0 = randn([2], r);
    const fresh = () => [tensor(w0.data.slice(), [3, 2], { requiresGrad: true }), tensor(b0.data.slice(), [2], { requiresGrad: true })];
    const gradStep = (opt: optim.Optimizer, [w, b]: ReturnType<typeof fresh>) => {
      opt.zeroGrad();
      X.matmul(w).add(b).sub(y).pow(2).mean().backward();
      opt.step();
    };
    const makers: [string, (ps: ReturnType<typeof fresh>) => optim.Optimizer][] = [
      ['SGD', (ps) => new optim.SGD(ps, { lr: 0.05, weightDecay: 0.01 })],
      ['SGD with momentum', (ps) => new optim.SGD(ps, { lr: 0.05, momentum: 0.9, weightDecay: 0.01 })],
      ['SGD with Nesterov momentum', (ps) => new optim.SGD(ps, { lr: 0.05, momentum: 0.9, nesterov: true })],
      ['Adam', (ps) => new optim.Adam(ps, { lr: 0.05, weightDecay: 0.01 })],
      ['AdamW', (ps) => new optim.AdamW(ps, { lr: 0.05, weightDecay: 0.1 })],
    ];

    it.each(makers)('%s: a fresh optimizer given the saved state (through JSON) takes the same next steps', (_, make) => {
      const ps = fresh();
      const opt = make(ps);
      for (let t = 0; t < 5; t++) gradStep(opt, ps);
      const saved = JSON.parse(JSON.stringify(opt.stateDict()));
      const copies = ps.map((p) => tensor(p.data.slice(), p.shape, { requiresGrad: true })) as ReturnType<typeof fresh>;
      const resumed = make(copies);
      resumed.loadStateDict(saved);
      expect(resumed.stateDict()).toEqual(opt.stateDict());
      for (let t = 0; t < 2; t++) {
        gradStep(opt, ps);
        gradStep(resumed, copies);
      }
      copies.forEach((c, i) => expect(Array.from(c.data)).toEqual(Array.from(ps[i].data)));
      // Without the state, the next step differs (for SGD without momentum there is no state to lose).
      const cold = ps.map((p) => tensor(p.data.slice(), p.shape, { requiresGrad: true })) as ReturnType<typeof fresh>;
      const warm = ps.map((p) => tensor(p.data.slice(), p.shape, { requiresGrad: true })) as ReturnType<typeof fresh>;
      const warmOpt = make(warm);
      warmOpt.loadStateDict(opt.stateDict());
      gradStep(make(cold), cold);
      gradStep(warmOpt, warm);
      if (_ === 'SGD') expect(Array.from(cold[0].data)).toEqual(Array.from(warm[0].data));
      else expect(Array.from(cold[0].data)).not.toEqual(Array.from(warm[0].data));
    });

    it('hold the right things: SGD its momentum buffers, Adam the steps, m and v of each parameter, null before a first step', () => {
      const ps = fresh();
      expect(new optim.SGD(ps, { lr: 0.1, momentum: 0.9 }).stateDict()).toEqual({ kind: 'SGD', momentumBuffers: [null, null] });
      expect(new optim.AdamW(ps).stateDict()).toEqual({ kind: 'AdamW', steps: [0, 0], m: [null, null], v: [null, null] });
      const adam = new optim.Adam(ps, { lr: 0.1 });
      gradStep(adam, ps);
      const s = adam.stateDict() as optim.AdamState;
      expect(s.steps).toEqual([1, 1]);
      expect(s.m.map((b) => b?.length)).toEqual([6, 2]);
      expect(s.v[1]!.every((x) => x > 0)).toBe(true);
    });

    it('refuse a state that does not fit, with a message saying why, and change nothing', () => {
      const ps = fresh();
      const adam = new optim.Adam(ps, { lr: 0.05 });
      const sgd = new optim.SGD(ps, { lr: 0.05, momentum: 0.9 });
      for (let t = 0; t < 3; t++) {
        gradStep(adam, ps);
        gradStep(sgd, ps);
      }
      const a = adam.stateDict() as optim.AdamState;
      const g = sgd.stateDict() as optim.SGDState;
      const refused = (opt: optim.Optimizer, state: unknown) => {
        const before = JSON.stringify(opt.stateDict());
        let message = 'accepted';
        try {
          opt.loadStateDict(state as optim.OptimizerState);
        } catch (e) {
          message = (e as Error).message;
        }
        expect(JSON.stringify(opt.stateDict())).toBe(before);
        return message;
      };
      expect(refused(adam, g)).toBe('Adam.loadStateDict: the state is for SGD, not Adam');
      expect(refused(new optim.AdamW(ps), a)).toBe('AdamW.loadStateDict: the state is for Adam, not AdamW');
      expect(refused(adam, null)).toMatch(/must be an object, got null/);
      expect(refused(adam, { ...a, m: [a.m[0]] })).toBe('Adam.loadStateDict: m has 1 entries for 2 parameters');
      expect(refused(adam, { ...a, v: [a.v[0], [1, 2, 3]] })).toBe('Adam.loadStateDict: v[1] has 3 numbers for a parameter of size 2');
      expect(refused(adam, { ...a, m: [a.m[0], [0.5, Number.NaN]] })).toBe('Adam.loadStateDict: m[1][1] is NaN, not a finite number');
      expect(refused(adam, { ...a, v: [a.v[0], [0.5, -1]] })).toMatch(/v\[1\]\[1\] is -1, but it must not be negative/);
      expect(refused(adam, { ...a, steps: [3] })).toBe('Adam.loadStateDict: steps has 1 entries for 2 parameters');
      expect(refused(adam, { ...a, steps: 3 })).toMatch(/steps must be an array with one step count per parameter/);
      expect(refused(adam, { ...a, steps: [3, 2.5] })).toBe('Adam.loadStateDict: steps[1] is 2.5, not a whole number of steps');
      expect(refused(adam, { ...a, steps: [3, 0] })).toBe('Adam.loadStateDict: steps[1] is 0, but parameter 1 has moments, so it has taken at least one step');
      expect(refused(adam, { kind: 'Adam', steps: [0, 1], m: [null, null], v: [null, null] })).toMatch(/steps\[1\] is 1, but parameter 1 has no moments/);
      const { steps: _, ...legacy } = a;
      expect(refused(adam, { ...legacy, t: 2.5 })).toMatch(/t must be a whole number/);
      expect(refused(adam, { ...legacy, t: -1 })).toMatch(/t must be a whole number/);
      expect(refused(adam, legacy)).toMatch(/steps must be an array/);
      expect(refused(adam, { ...a, m: [a.m[0], null] })).toMatch(/m\[1\] and v\[1\] must both be null/);
      expect(refused(sgd, a)).toBe('SGD.loadStateDict: the state is for Adam, not SGD');
      expect(refused(sgd, { ...g, momentumBuffers: [g.momentumBuffers[0], [1, 2], [3]] })).toBe('SGD.loadStateDict: momentumBuffers has 3 entries for 2 parameters');
      expect(refused(sgd, { ...g, momentumBuffers: [g.momentumBuffers[0], 'x'] })).toMatch(/momentumBuffers\[1\] must be null or an array of 2 numbers/);
      expect(refused(sgd, { ...g, momentumBuffers: [g.momentumBuffers[0], [1, Infinity]] })).toMatch(/momentumBuffers\[1\]\[1\] is Infinity/);
      expect(refused(new optim.SGD(ps, { lr: 0.1 }), g)).toMatch(/this SGD has no momentum/);
      expect(refused(adam, a)).toBe('accepted');
      expect(refused(adam, { ...legacy, t: 3 })).toBe('accepted');
    });

    it('still load the state Adam wrote with one step count t for all, and go on exactly as the optimizer that wrote it', () => {
      for (const Opt of [optim.Adam, optim.AdamW]) {
        const ps = fresh();
        const opt = new Opt(ps, { lr: 0.05, weightDecay: 0.01 });
        for (let t = 0; t < 4; t++) gradStep(opt, ps);
        const { kind, m, v } = opt.stateDict() as optim.AdamState;
        // What the optimizer wrote before it counted per parameter: every parameter had stepped 4 times.
        const legacy: optim.LegacyAdamState = JSON.parse(JSON.stringify({ kind, t: 4, m, v }));
        const copies = ps.map((p) => tensor(p.data.slice(), p.shape, { requiresGrad: true })) as ReturnType<typeof fresh>;
        const resumed = new Opt(copies, { lr: 0.05, weightDecay: 0.01 });
        resumed.loadStateDict(legacy);
        expect(resumed.stateDict()).toEqual(opt.stateDict());
        for (let t = 0; t < 2; t++) {
          gradStep(opt, ps);
          gradStep(resumed, copies);
        }
        copies.forEach((c, i) => expect(Array.from(c.data)).toEqual(Array.from(ps[i].data)));
      }
    });
  });
});
