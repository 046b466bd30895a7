// LambdaLR and LinearLR give PyTorch's rates (the values in torch.optim.lr_scheduler's documentation), and a
// warm-up-then-cosine schedule written with LambdaLR drives AdamW as transformers are trained.
import { describe, expect, it } from 'vitest';
import { AdamW } from './adam.ts';
import { LambdaLR, LinearLR } from './schedules.ts';
import { tensor } from '../tensor.ts';

const opt = (lr: number) => new AdamW([tensor([1], { requiresGrad: true })], { lr });

function rates(o: { lr: number }, s: { step(): void }, n: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < n; t++) {
    out.push(o.lr);
    s.step();
  }
  return out;
}

describe('LinearLR', () => {
  it('rises from startFactor·η₀ to η₀ over totalIters steps, then stays (PyTorch\'s documented example)', () => {
    const o = opt(0.05);
    const got = rates(o, new LinearLR(o, { startFactor: 0.5, totalIters: 4 }), 6);
    [0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05].forEach((want, i) => expect(got[i]).toBeCloseTo(want, 10));
  });

  it('has PyTorch\'s defaults (1/3 to 1 over 5 steps) and refuses factors out of range', () => {
    const o = opt(0.3);
    expect(rates(o, new LinearLR(o), 7).map((x) => +x.toFixed(6))).toEqual([0.1, 0.14, 0.18, 0.22, 0.26, 0.3, 0.3]);
    expect(() => new LinearLR(opt(1), { startFactor: 0 })).toThrow(/startFactor must be in \(0, 1\]/);
    expect(() => new LinearLR(opt(1), { totalIters: 0 })).toThrow(/totalIters/);
  });
});

describe('LambdaLR', () => {
  it('sets η₀·f(t), from the first step on', () => {
    const o = opt(0.1);
    expect(rates(o, new LambdaLR(o, (t) => 0.95 ** t), 3).map((x) => +x.toFixed(6))).toEqual([0.1, 0.095, 0.09025]);
  });

  it('writes warm-up then cosine decay, the schedule transformers train with, and AdamW follows it', () => {
    const w = tensor([2, -1], { requiresGrad: true });
    const o = new AdamW([w], { lr: 1e-2, weightDecay: 0.1 });
    const warm = 10, total = 100;
    const s = new LambdaLR(o, (t) => (t < warm ? (t + 1) / warm : 0.5 * (1 + Math.cos((Math.PI * Math.min(t - warm, total - warm)) / (total - warm)))));
    const seen: number[] = [];
    for (let t = 0; t < total + 1; t++) {
      seen.push(o.lr);
      o.zeroGrad();
      w.pow(2).sum().backward();
      o.step();
      s.step();
    }
    expect(seen[0]).toBeCloseTo(1e-3, 12);
    expect(seen[9]).toBeCloseTo(1e-2, 12);
    expect(seen[55]).toBeCloseTo(5e-3, 12);
    expect(seen[100]).toBeCloseTo(0, 12);
    expect(Math.abs(w.data[0])).toBeLessThan(2);
  });

  it('refuses a factor that is not a finite number', () => {
    expect(() => new LambdaLR(opt(1), () => NaN)).toThrow(/factor at step 0 is NaN/);
  });
});
