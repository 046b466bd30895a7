// The receptive-field figure: the patch it highlights is exactly the set of input pixels that change the
// chosen unit in the real digit network, for units in the middle and at the border; the full fields are
// 5, 6, 14 and 16 pixels; the arrow keys stay inside the map; the link round-trips.
import { describe, expect, it } from 'vitest';
import { noGrad, rng, tensor } from '../../engine/index.ts';
import { buildCnn } from '../DigitCNN/nets.ts';
import { fieldOf, width } from './field.ts';
import { checkModel } from '../ui/modelContract.ts';
import { FieldModel, fieldState } from './model.svelte.ts';

/** Input pixels whose change moves unit (row, col), channel 0, of the net's activation `act` (1: conv 1 … 5: pool 2). */
function dependence(act: number, side: number, row: number, col: number) {
  const cnn = buildCnn('lenet', rng(7));
  // activations index: 0 conv1, 2 pool1, 3 conv2, 5 pool2 (before ReLU for the convolutions)
  const at = [0, 2, 3, 5][act - 1];
  const value = (x: Float32Array) => noGrad(() => (cnn.forward(tensor(x, [1, 1, 28, 28])), cnn.activations[at].data[row * side + col]));
  const base = value(new Float32Array(784).fill(0.5));
  const rows = new Set<number>();
  const cols = new Set<number>();
  for (let p = 0; p < 784; p++) {
    const x = new Float32Array(784).fill(0.5);
    x[p] = 9;
    if (value(x) !== base) {
      rows.add(Math.floor(p / 28));
      cols.add(p % 28);
    }
  }
  return { rows: [Math.min(...rows), Math.max(...rows)], cols: [Math.min(...cols), Math.max(...cols)] };
}

describe('receptive fields of the digit network', () => {
  it('highlights exactly the input pixels that change the unit, in the middle and at the border', () => {
    for (const [layer, side, row, col] of [[1, 28, 10, 0], [2, 14, 5, 6], [3, 10, 4, 4], [3, 10, 0, 9]] as const) {
      const [rows, cols] = fieldOf(layer, row, col)[0]!;
      expect(dependence(layer, side, row, col), `layer ${layer} unit (${row}, ${col})`).toEqual({ rows, cols });
    }
  });

  it('grows to 5, 6, 14 and 16 pixels away from the borders', () => {
    expect([1, 2, 3, 4].map((l) => width(fieldOf(l, l === 4 ? 2 : 5, 3)[0]![0]))).toEqual([5, 6, 14, 16]);
  });
});

describe('FieldModel', () => {
  it('moves the unit with the arrow keys inside its map, keeps its place across layers, and says what it shows', () => {
    const m = new FieldModel();
    expect(m.describe()).toBe('Unit (5, 5) of conv 2 (10×10) depends on 5×5 units of pool 1, 10×10 units of conv 1, and a 14×14 patch of the input: rows 7 to 20, columns 7 to 20.');
    m.move(-9, 0);
    expect([m.row, m.col]).toEqual([0, 4]);
    expect(m.describe()).toContain('(cut off by the image border)');
    m.setLayer(4);
    expect([m.side, m.row, m.col]).toEqual([5, 0, 2]);
    m.pick(9, 9);
    expect([m.row, m.col]).toEqual([4, 4]);
    const back = fieldState.decode(fieldState.encode(m.snapshot()));
    if (!back.ok) throw new Error(back.reason);
    expect(back.state).toEqual({ layer: 4, row: 4, col: 4 });
    expect(fieldState.parse({ v: 1, layer: 9 }).ok).toBe(false);
    m.apply({ layer: 2, row: 27, col: 27 });
    expect([m.row, m.col]).toEqual([13, 13]);
    m.reset();
    expect(m.snapshot()).toEqual(fieldState.defaults());
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new FieldModel(), { describes: /^Unit \(/ }));
});
