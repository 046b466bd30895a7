// The convolution explorer: its feature map is the engine's conv2d for every stride, padding and dilation
// it offers; the output size follows the formula it prints; each window reads the pixels the formula
// says; stepping, presets, kernel edits and the link behave as the figure promises.
import { describe, expect, it } from 'vitest';
import { conv2d, tensor } from '../../engine/index.ts';
import { dot, featureMap, formulaText, outputShape, windowAt } from './convolution.ts';
import { checkModel } from '../ui/modelContract.ts';
import { ConvolutionModel, convolutionState } from './model.svelte.ts';
import { inputNames, inputs, presetNames, presets } from './presets.ts';

describe('convolution arithmetic', () => {
  const img = inputs.digit;
  const kernel5 = Array.from({ length: 25 }, (_, i) => ((i * 7) % 11) / 5 - 1);

  it('equals the engine conv2d (cross-correlation) for every kernel size, stride, padding and dilation', () => {
    let combos = 0;
    for (const k of [1, 2, 3, 4, 5])
      for (const stride of [1, 2, 3])
        for (const padding of [0, 1, 2, 3])
          for (const dilation of [1, 2, 3]) {
            const g = { H: 14, W: 14, k, stride, padding, dilation };
            const { Ho, Wo } = outputShape(g);
            const w = kernel5.slice(0, k * k);
            if (Ho === 0) continue;
            const y = conv2d(tensor(img.pixels, [1, 1, 14, 14]), tensor(w, [1, 1, k, k]), null, { stride, padding, dilation });
            expect(y.shape).toEqual([1, 1, Ho, Wo]);
            const ours = featureMap(img.pixels, w, g);
            for (let n = 0; n < ours.length; n++) expect(ours[n]).toBeCloseTo(y.data[n], 5);
            combos++;
          }
    expect(combos).toBe(180);
  });

  it('prints the output-size formula with the numbers in, and gives no output when the kernel cannot fit', () => {
    expect(formulaText(14, { H: 14, W: 14, k: 3, stride: 1, padding: 0, dilation: 1 })).toBe('⌊(14 + 2·0 − 1·(3 − 1) − 1) / 1⌋ + 1 = 12');
    expect(formulaText(14, { H: 14, W: 14, k: 3, stride: 2, padding: 1, dilation: 1 })).toBe('⌊(14 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 7');
    expect(formulaText(7, { H: 7, W: 7, k: 5, stride: 1, padding: 0, dilation: 2 })).toBe('⌊(7 + 2·0 − 2·(5 − 1) − 1) / 1⌋ + 1 = 0');
    expect(outputShape({ H: 7, W: 7, k: 5, stride: 1, padding: 0, dilation: 2 })).toEqual({ Ho: 0, Wo: 0 });
    expect(outputShape({ H: 9, W: 9, k: 3, stride: 3, padding: 0, dilation: 1 })).toEqual({ Ho: 3, Wo: 3 });
  });

  it('puts each window where the formula says, with taps in the padding reading zero', () => {
    const g = { H: 9, W: 9, k: 3, stride: 2, padding: 1, dilation: 2 };
    const taps = windowAt(inputs.square.pixels, presets.identity.kernel, g, 0, 1);
    expect(taps.map((t) => [t.r, t.c])).toEqual([[-1, 1], [-1, 3], [-1, 5], [1, 1], [1, 3], [1, 5], [3, 1], [3, 3], [3, 5]]);
    expect(taps.filter((t) => !t.inside).every((t) => t.x === 0)).toBe(true);
  });

  it('does not flip the kernel: a dot input gives the kernel back rotated by 180 degrees', () => {
    const k = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const out = featureMap(inputs.dot.pixels, k, { H: 7, W: 7, k: 3, stride: 1, padding: 0, dilation: 1 });
    // Output 5×5; the dot at (3, 3) is read by cells (1..3, 1..3), each through the kernel entry opposite.
    const centre = [6, 7, 8, 11, 12, 13, 16, 17, 18].map((n) => out[n]);
    expect(centre).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });
});

describe('ConvolutionModel', () => {
  it('steps one output cell at a time and shows the window of the last one computed', () => {
    const m = new ConvolutionModel();
    expect(m.shape).toEqual({ Ho: 12, Wo: 12 });
    expect(m.describe()).toContain('No output cell computed yet');
    for (let i = 0; i < 5; i++) m.step();
    expect(m.at).toBe(5);
    expect(m.cellOf(m.focus)).toEqual([0, 4]);
    expect(m.taps[0]).toMatchObject({ r: 0, c: 4 });
    expect(m.describe()).toContain('5 of 144 cells computed. Output cell (1, 5) reads input rows 1 to 3 and columns 5 to 7');
    expect(m.dotProduct.endsWith(` = ${Math.round(dot(m.taps) * 100) / 100}`.replace('-', '−'))).toBe(true);
    m.fill();
    expect(m.step()).toBe(false);
    m.back();
    expect(m.at).toBe(143);
  });

  it('restarts the sweep when the geometry or the input changes, and keeps it when the kernel is edited', () => {
    const m = new ConvolutionModel();
    m.fill();
    m.setWeight(0, 2);
    expect(m.at).toBe(144);
    expect(m.preset).toBeNull();
    expect(m.kernelName).toBe('your own');
    m.setGeometry({ padding: 1 });
    expect([m.at, m.shape.Ho]).toEqual([0, 14]);
    m.setInput('dot');
    expect(m.shape).toEqual({ Ho: 7, Wo: 7 });
  });

  it('clamps kernel entries, resizes around the centre, and recognises presets', () => {
    const m = new ConvolutionModel();
    m.usePreset('sharpen');
    expect(m.preset).toBe('sharpen');
    m.setWeight(4, 42);
    expect(m.kernel[4]).toBe(9);
    m.usePreset('identity');
    m.setSize(5);
    expect(m.kernel.length).toBe(25);
    expect(m.kernel[12]).toBe(1);
    m.setSize(1);
    expect(m.kernel).toEqual([1]);
    for (const p of presetNames) {
      m.usePreset(p);
      expect(m.preset).toBe(p);
    }
  });

  it('says so when the kernel does not fit', () => {
    const m = new ConvolutionModel({ input: 'dot', k: 5, kernel: Array(25).fill(0), dilation: 2 });
    expect(m.cells).toBe(0);
    expect(m.describe()).toContain('does not fit');
    expect(m.step()).toBe(false);
  });

  it('round-trips its link, opens defaults from a mangled one, and resets', () => {
    const m = new ConvolutionModel();
    m.setInput('square');
    m.setGeometry({ stride: 2, dilation: 2 });
    m.usePreset('sobel-x');
    m.step();
    m.step();
    const text = convolutionState.encode(m.snapshot());
    const back = convolutionState.decode(text);
    if (!back.ok) throw new Error(back.reason);
    const other = new ConvolutionModel();
    other.apply(back.state);
    expect(other.snapshot()).toEqual(m.snapshot());
    expect(other.describe()).toBe(m.describe());
    expect(convolutionState.parse({ v: 1, k: 3, kernel: [1, 2] }).ok).toBe(false);
    expect(convolutionState.parse({ v: 1, input: 'cat' }).ok).toBe(false);
    expect(convolutionState.read('%%%', m.snapshot()).notice).toMatch(/could not read/);
    other.reset();
    expect(other.snapshot()).toEqual(convolutionState.defaults());
    for (const name of inputNames) expect(inputs[name].pixels.length).toBe(inputs[name].size ** 2);
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new ConvolutionModel()));
});
