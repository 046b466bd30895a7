// Loss surfaces and optimizer paths: gradients match the engine, the quadratic stability limit holds,
// divergence is reported rather than drawn as NaN, and the update rules match engine/optim.
import { describe, expect, it } from 'vitest';
import { optim, tensor } from '../../engine/index.ts';
import { encodeText } from '../ui/figureState.ts';
import { namesOf } from '../ui/choices.ts';
import { checkModel } from '../ui/modelContract.ts';
import { drawOrder, evaluate, LandscapeModel, landscapeState, run, surfaces } from './model.svelte.ts';

describe('loss landscape', () => {
  it('computes values and gradients through the engine', () => {
    const { loss, grad } = evaluate(surfaces.ravine, 1, 0.5);
    expect(loss).toBeCloseTo(0.5 * (1 + 25 * 0.25), 12);
    expect(grad).toEqual([1, 12.5]);
  });

  it('plain SGD on the ravine converges for η < 2/25 and diverges above it', () => {
    expect(run(surfaces.ravine, 'sgd', [1, 1], 0.079, 0.9, 400).divergedAt).toBeNull();
    const bad = run(surfaces.ravine, 'sgd', [1, 1], 0.081, 0.9, 2000);
    expect(bad.divergedAt).not.toBeNull();
    expect(bad.points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);
  });

  it('the presets do what their names say on every surface', () => {
    for (const [name, s] of Object.entries(surfaces)) {
      const right = run(s, 'sgd', s.start, s.rates[1], 0.9, 300);
      expect(right.divergedAt, name).toBeNull();
      expect(right.losses.at(-1)!, name).toBeLessThan(right.losses[0]);
    }
    expect(run(surfaces.bowl, 'sgd', surfaces.bowl.start, surfaces.bowl.rates[2], 0.9, 300).divergedAt).not.toBeNull();
  });

  it('"too large" makes SGD diverge within the default 60 steps on every surface, so the figure says so', () => {
    for (const name of namesOf(surfaces)) {
      const s = surfaces[name];
      const diverged = run(s, 'sgd', s.start, s.rates[2], 0.9, new LandscapeModel(name).steps).divergedAt;
      expect(diverged, name).not.toBeNull();
    }
  });

  it('momentum and Adam follow engine/optim exactly', () => {
    const s = surfaces.ravine;
    for (const [method, make] of [
      ['momentum', (p: ReturnType<typeof tensor>) => new optim.SGD([p], { lr: 0.01, momentum: 0.9 })],
      ['adam', (p: ReturnType<typeof tensor>) => new optim.Adam([p], { lr: 0.01 })],
    ] as const) {
      const path = run(s, method, [1, 1], 0.01, 0.9, 5);
      const p = tensor([1, 1], undefined, { requiresGrad: true });
      const opt = make(p);
      for (let t = 0; t < 5; t++) {
        opt.zeroGrad();
        p.pow(2).mul(tensor([0.5, 12.5])).sum().backward();
        opt.step();
      }
      expect(path.points[5][0]).toBeCloseTo(p.data[0], 5);
      expect(path.points[5][1]).toBeCloseTo(p.data[1], 5);
    }
  });

  it('reports divergence per method in what exercises read', () => {
    const m = new LandscapeModel('bowl');
    m.lr = 2.5;
    const snap = m.report();
    expect(snap.diverged.sgd).toBe(true);
    expect(snap.finalLoss.sgd).toBeNull();
  });
});

describe('LandscapeModel on the figure kit', () => {
  it('snapshots, applies, resets to its opening surface, and describes every path', () => {
    const m = new LandscapeModel('ravine');
    const all = { sgd: true, momentum: true, adam: true };
    expect(m.snapshot()).toEqual({ show: all, surface: 'ravine', lr: 0.07, beta: 0.9, steps: 60, start: [-1.7, 0.8] });
    m.apply({ show: all, surface: 'bowl', lr: 2.5, beta: 0.5, steps: 10, start: [1, 1] });
    expect(m.describe()).toMatch(/^bowl: .*, learning rate η = 2.5, momentum β = 0.5, 10 steps from \(1, 1\): SGD diverged after \d+ steps; momentum/);
    m.reset();
    expect(m.snapshot().surface).toBe('ravine');
  });

  it('reads the links it wrote before the kit (version 1, which drew every path)', () => {
    const old = encodeText(JSON.stringify({ v: 1, surface: 'saddle', lr: 0.1, beta: 0.8, steps: 100, start: [-1.8, 0.02] }));
    expect(landscapeState.decode(old)).toEqual({ ok: true, state: { show: { sgd: true, momentum: true, adam: true }, surface: 'saddle', lr: 0.1, beta: 0.8, steps: 100, start: [-1.8, 0.02] } });
  });

  it('says when SGD and momentum share one line, as on chapter 5’s bowl, and draws SGD on top', () => {
    const bowl = new LandscapeModel('bowl');
    expect(bowl.sharedLine()).toEqual(['sgd', 'momentum']);
    expect(bowl.describe()).toContain('SGD and momentum travel along the same straight line here');
    expect(drawOrder.at(-1)).toBe('sgd');
    const ravine = new LandscapeModel('ravine');
    expect(ravine.sharedLine()).toEqual([]);
    expect(ravine.sharedLineNote()).toBeNull();
  });

  it('hides and shows each path, and says which are hidden', () => {
    const m = new LandscapeModel('bowl');
    m.show.momentum = false;
    expect(m.snapshot().show).toEqual({ sgd: true, momentum: false, adam: true });
    expect(m.describe()).toMatch(/Hidden from the drawing: momentum\.$/);
    m.reset();
    expect(m.show.momentum).toBe(true);
  });

  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new LandscapeModel('bowl'), { describes: /steps from/ }));
});
