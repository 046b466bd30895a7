// The maps inside the units: the output unit's map and the trainer's boundary are the engine's own forward
// pass over the grid, a hidden unit's map is σ(w·x + b) worked by hand, the inputs' maps are the features,
// and parameters of another shape give none.
import { describe, expect, it } from 'vitest';
import { nn, noGrad, Tensor } from '../../engine/index.ts';
import { featureRows } from './features.ts';
import { GRID, gridInputs } from './grid.ts';
import { setParameters } from './parameters.ts';
import { Trainer } from './trainer.ts';
import { unitMaps, mapDomain } from './unitMaps.ts';

describe('unit maps', () => {
  it('give the output unit, as the trainer’s boundary does, the engine’s forward pass over the grid (classification and regression)', () => {
    for (const dataset of ['circle', 'plane'] as const) {
      const t = new Trainer({ dataset, hidden: [5, 3], activation: 'tanh', features: ['x1', 'x2', 'x1x2'] });
      t.step(3);
      const { sizes } = t.weightsAndGradients();
      const features = t.settings.features!;
      const maps = unitMaps(t.parameters(), { sizes, features, activation: 'tanh', regression: t.regression, res: GRID });
      expect(maps.map((m) => m.length)).toEqual(sizes.map((n) => n * GRID * GRID));
      const net = new nn.MLP(sizes, { activation: 'tanh' });
      setParameters(net, t.parameters());
      net.eval();
      const z = noGrad(() => net.forward(new Tensor(featureRows(gridInputs(), features), [GRID * GRID, features.length])).data);
      const engine = Float32Array.from(z, (v) => (t.regression ? v : 1 / (1 + Math.exp(-v))));
      let worst = 0;
      for (let k = 0; k < GRID * GRID; k++) worst = Math.max(worst, Math.abs(maps[3][k] - engine[k]), Math.abs(t.boundary[k] - engine[k]));
      expect(worst).toBeLessThan(1e-5);
    }
  });

  it('give a hidden unit σ(w·x + b) at each point, and the inputs the features themselves', () => {
    const p = { weights: [new Float32Array([2, -1]), new Float32Array([1])], biases: [new Float32Array([0.5]), new Float32Array([0])] };
    const maps = unitMaps(p, { sizes: [2, 1, 1], features: ['x1', 'x2'], activation: 'relu', regression: true, res: 2 });
    // The 2×2 grid's points, row 0 at the top: (−½, ½), (½, ½), (−½, −½), (½, −½).
    expect(Array.from(maps[0])).toEqual([-0.5, 0.5, -0.5, 0.5, 0.5, 0.5, -0.5, -0.5]);
    expect(Array.from(maps[1])).toEqual([0, 1, 0, 2]); // relu(2x₁ − x₂ + ½): −1, 1, 0, 2 before the relu
    expect(Array.from(maps[2])).toEqual([0, 1, 0, 2]); // a linear output of weight 1
  });

  it('stop at the layer asked for, and give nothing for parameters of another shape', () => {
    const t = new Trainer({ dataset: 'xor', hidden: [4, 4] });
    const { sizes } = t.weightsAndGradients();
    expect(unitMaps(t.parameters(), { sizes, features: ['x1', 'x2'], activation: 'tanh', regression: false, upTo: 1 })).toHaveLength(2);
    expect(unitMaps(t.parameters(), { sizes: [2, 3, 1], features: ['x1', 'x2'], activation: 'tanh', regression: false })).toEqual([]);
  });

  it('colour a classifier’s output over [0, 1] and everything else over [−1, 1]', () => {
    expect(mapDomain(2, [2, 4, 1], false)).toEqual([0, 1]);
    expect(mapDomain(2, [2, 4, 1], true)).toEqual([-1, 1]);
    expect(mapDomain(1, [2, 4, 1], false)).toEqual([-1, 1]);
  });
});
