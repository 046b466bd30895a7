// The channels figure: its layer output equals the engine's conv2d on the same image and weights, a cell's
// parts add up to it, each preset does what its label says, edits are clamped, and links round-trip.
import { describe, expect, it } from 'vitest';
import { conv2d, tensor } from '../../engine/index.ts';
import { checkModel } from '../ui/modelContract.ts';
import { C_IN, C_OUT, cellParts, channelState, ChannelModel, image, K, layerOutput, OUT, presets, SIDE, W_MAX } from './model.svelte.ts';

const engineOutput = (m: ChannelModel) => {
  const x = tensor(image.flat(), [1, C_IN, SIDE, SIDE]);
  const w = tensor(m.filters.flatMap((f) => f.slices.flat()), [C_OUT, C_IN, K, K]);
  const b = tensor(m.filters.map((f) => f.bias), [C_OUT]);
  return Array.from(conv2d(x, w, b).data);
};

describe('ChannelModel', () => {
  it('computes what the engine’s conv2d computes, for the defaults and for every preset pair', () => {
    const m = new ChannelModel();
    expect(m.output.flat()).toHaveLength(C_OUT * OUT * OUT);
    for (const [a, b] of [['red-vertical', 'any-colour'], ['green-not-blue', 'yellow'], ['yellow', 'red-vertical']] as const) {
      m.usePreset(0, a);
      m.usePreset(1, b);
      const ours = m.output.flat();
      engineOutput(m).forEach((v, k) => expect(ours[k]).toBeCloseTo(v, 5));
    }
  });

  it('takes a cell apart: one dot product per channel, plus the bias, summing to the output', () => {
    const m = new ChannelModel();
    m.usePreset(1, 'yellow');
    for (let f = 0; f < C_OUT; f++)
      for (let i = 0; i < OUT; i++)
        for (let j = 0; j < OUT; j++) {
          const p = cellParts(m.filters[f], i, j);
          expect(p.parts).toHaveLength(C_IN);
          expect(p.total).toBeCloseTo(m.output[f][i * OUT + j], 10);
        }
  });

  it('each preset reads the channels its label names', () => {
    // Red vertical edges: blind to green and blue. The image's green bar and blue diagonal change nothing.
    const red = presets['red-vertical'];
    const onlyRed = [image[0], image[1].map(() => 0), image[2].map(() => 0)];
    expect(layerOutput([{ slices: red.slices.map((s) => [...s]), bias: 0 }])).toEqual(layerOutput([{ slices: red.slices.map((s) => [...s]), bias: 0 }], onlyRed));
    // Yellow: positive only where red and green both are (the bar inside the square), at most 1.
    const yellow = layerOutput([{ slices: presets.yellow.slices.map((s) => [...s]), bias: presets.yellow.bias }])[0];
    const centres = Array.from({ length: OUT * OUT }, (_, k) => ({ r: Math.floor(k / OUT) + 1, c: (k % OUT) + 1 }));
    centres.forEach(({ r, c }, k) => expect(yellow[k] > 0).toBe(image[0][r * SIDE + c] === 1 && image[1][r * SIDE + c] === 1));
    // Any colour: the box sum counts every lit channel entry in the window.
    const any = layerOutput([{ slices: presets['any-colour'].slices.map((s) => [...s]), bias: 0 }])[0];
    expect(Math.max(...any)).toBeGreaterThan(Math.max(...layerOutput([{ slices: presets['red-vertical'].slices.map((s) => [...s]), bias: 0 }])[0]));
  });

  it('clamps edits, knows when a filter is no longer a preset, and describes the selected cell', () => {
    const m = new ChannelModel();
    expect(m.presetOf(0)).toBe('red-vertical');
    m.setWeight(0, 1, 4, 100);
    expect(m.filters[0].slices[1][4]).toBe(W_MAX);
    expect(m.presetOf(0)).toBeNull();
    m.setBias(1, Number.NaN);
    expect(m.filters[1].bias).toBe(0);
    m.select(1, 9, -3);
    expect(m.cell).toEqual({ f: 1, i: OUT - 1, j: 0 });
    expect(m.describe()).toMatch(/weight shape 2 × 3 × 3 × 3, 56 parameters\. Filter 1: edited; filter 2: how much colour.*Output of filter 2 at row 5, column 1: red .* \+ green .* \+ blue .* \+ bias 0 = /);
  });

  it('its state round-trips through a link, and Reset brings the defaults back', () => {
    const m = new ChannelModel();
    m.usePreset(0, 'green-not-blue');
    m.setWeight(1, 2, 0, -2.5);
    m.select(0, 3, 3);
    const read = channelState.read(channelState.encode(m.snapshot()), channelState.defaults());
    expect(read.notice).toBeNull();
    const again = new ChannelModel();
    again.apply(read.state);
    expect(again.snapshot()).toEqual(m.snapshot());
    expect(again.output).toEqual(m.output);
    again.reset();
    expect(again.snapshot()).toEqual(channelState.defaults());
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new ChannelModel(), { describes: /^A 7×7 image/ }));
});
