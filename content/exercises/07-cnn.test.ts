// Chapter 7's bank, what is particular to it: the by-hand answers agree with the engine and the figures'
// own arithmetic, and the two figure goals read the states their figures really send.
import { describe, expect, it } from 'vitest';
import { conv2d, tensor } from '../../engine/index.ts';
import { Rng } from '../../engine/random.ts';
import { ConvolutionModel } from '../../components/Convolution/model.svelte.ts';
import { outputShape } from '../../components/Convolution/convolution.ts';
import type { WidgetGoal } from '../../lib/exercises/types.ts';
import bank, { convParams, digitsGoal, explorerGoal, outSize } from './07-cnn.ts';
import { OPENS_WITH_VERDICT } from './runChecks.ts';

const spec = (id: string) => bank.exercises.find((e) => e.id === id)!;

describe('chapter 7 exercises', () => {
  it('the output size is the engine’s, for every variant', () => {
    const s = spec('output-size');
    for (let seed = 0; seed < 30; seed++) {
      const p = s.params!(new Rng(seed)) as { n: number; k: number; s: number; p: number; d: number };
      expect(outSize(p.n, p.k, p.s, p.p, p.d)).toBe(outputShape({ H: p.n, W: p.n, k: p.k, stride: p.s, padding: p.p, dilation: p.d }).Ho);
    }
  });

  it('the window value is what conv2d computes at that position', () => {
    const s = spec('window-value');
    if (s.kind !== 'numeric') throw new Error('numeric');
    for (let seed = 0; seed < 20; seed++) {
      const p = s.params!(new Rng(seed)) as { patch: number[][]; kernel: number[][]; b: number };
      const y = conv2d(tensor(p.patch.flat(), [1, 1, 3, 3]), tensor(p.kernel.flat(), [1, 1, 3, 3]), tensor([p.b]));
      expect(s.answer(p)).toBeCloseTo(y.data[0], 5);
    }
  });

  it('a convolutional layer’s parameters: the chapter’s first LeNet layer has 156', () => {
    expect(convParams(1, 6, 5)).toBe(156);
    expect(convParams(6, 16, 5)).toBe(2416);
  });

  it('the explorer goal accepts the 7×7 map from the real figure, fully computed, and says what is missing otherwise', () => {
    const m = new ConvolutionModel();
    expect(explorerGoal(m.snapshot()).status).toBe('wrong');
    m.setGeometry({ stride: 2, padding: 1 });
    expect(explorerGoal(m.snapshot())).toMatchObject({ status: 'partial', score: 0.5 });
    m.fill();
    expect(explorerGoal(m.snapshot())).toMatchObject({ status: 'correct', score: 1 });
    m.setSize(5);
    expect(explorerGoal(m.snapshot()).feedback).toMatch(/asks for 3×3/);
    m.setInput('dot');
    expect(explorerGoal(m.snapshot()).feedback).toMatch(/handwritten 7/);
    for (const st of [m.snapshot(), null]) expect(explorerGoal(st).feedback).not.toMatch(OPENS_WITH_VERDICT);
  });

  it('the digits goal wants the LeNet-shaped CNN at 97% and ahead of the dense network', () => {
    const state = (o: object) => ({ preset: 'lenet', seen: 28_000, params: null, accuracy: { cnn: 0.971, mlp: 0.933 }, ...o });
    expect(digitsGoal(state({})).status).toBe('correct');
    expect(digitsGoal(state({ accuracy: { cnn: 0.95, mlp: 0.93 } }))).toMatchObject({ status: 'partial', score: 0.5 });
    expect(digitsGoal(state({ preset: 'small' })).status).toBe('wrong');
    expect(digitsGoal(state({ accuracy: { cnn: 0.5, mlp: 0.4 } })).status).toBe('wrong');
    expect(digitsGoal({ preset: 'lenet', seen: 0, accuracy: { cnn: undefined, mlp: undefined } }).status).toBe('invalid');
    expect((spec('digits-goal') as WidgetGoal).widget).toBe('DigitCNN');
  });
});
