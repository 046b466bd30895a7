// The drawing pad: a drawing is centred as MNIST's digits were (20×20 box, centre of mass at the centre),
// shifts move it whole pixels, the keyboard inks pixels, the link holds the drawing, and the nets the
// digit figure trained give the same probabilities here as in the trainer; shifting test digits changes
// the CNN's answers less often than the dense network's.
import { beforeAll, describe, expect, it } from 'vitest';
import { data, type Digits } from '../../engine/index.ts';
import { useDigits } from '../DigitCNN/digits.ts';
import { DigitModel, trained } from '../DigitCNN/model.svelte.ts';
import { centreDigit, centreOfMass, inkBox, paint, shiftImage } from './centring.ts';
import { checkModel } from '../ui/modelContract.ts';
import { decodeInk, downsample, DrawModel, drawState, encodeInk, PAD, upsample } from './model.svelte.ts';

let digits: Digits;
beforeAll(async () => {
  digits = await data.loadDigits({ all: true });
  useDigits(digits);
});

describe('centring a drawing as MNIST did', () => {
  it('scales the ink box so its longer side is 20 pixels and puts the centre of mass at the centre', () => {
    const pad = new Float32Array(PAD * PAD);
    // a tall stroke in the top-left corner: 10 pixels wide, 60 high
    for (let y = 5; y < 65; y++) for (let x = 8; x < 18; x++) pad[y * PAD + x] = 1;
    const img = centreDigit(pad, PAD);
    const box = inkBox(img, 28)!;
    expect(box.bottom - box.top + 1).toBe(20);
    expect(box.right - box.left + 1).toBeGreaterThanOrEqual(3);
    expect(box.right - box.left + 1).toBeLessThanOrEqual(4);
    const [r, c] = centreOfMass(img, 28)!;
    expect(Math.abs(r - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c - 13.5)).toBeLessThanOrEqual(0.5);
  });

  it('leaves an empty drawing empty, and moves a centred digit by whole pixels', () => {
    expect(centreDigit(new Float32Array(PAD * PAD), PAD).some((v) => v > 0)).toBe(false);
    const img = new Float32Array(784);
    img[14 * 28 + 14] = 1;
    const moved = shiftImage(img, 3, -2);
    expect(moved[12 * 28 + 17]).toBe(1);
    expect(shiftImage(img, 20, 0).some((v) => v > 0)).toBe(false);
  });

  it('paints a round brush that stays within [0, 1]', () => {
    const img = paint(paint(new Float32Array(100), 10, 5, 5, 2), 10, 5.5, 5, 2);
    expect(Math.max(...img)).toBe(1);
    expect(img[0]).toBe(0);
  });

  it('keeps a test digit nearly where it is: MNIST digits are already centred this way', () => {
    let moved = 0;
    for (let i = 0; i < 50; i++) {
      const img = digits.test.images.subarray(i * 784, (i + 1) * 784);
      const [r0, c0] = centreOfMass(img, 28)!;
      const [r1, c1] = centreOfMass(centreDigit(upsample(img), PAD), 28)!;
      moved = Math.max(moved, Math.hypot(r1 - r0, c1 - c0));
    }
    expect(moved).toBeLessThan(1.5);
  });
});

describe('DrawModel', () => {
  it('strokes, clears, inks with the keyboard and round-trips its link', () => {
    const m = new DrawModel();
    expect(m.empty).toBe(true);
    m.stroke(30, 20, 30, 90);
    expect(m.empty).toBe(false);
    const s = m.snapshot();
    expect(s.ink).toHaveLength(784);
    const back = drawState.decode(drawState.encode(s));
    if (!back.ok) throw new Error(back.reason);
    const other = new DrawModel();
    other.apply(back.state);
    expect(encodeInk(downsample(other.pad))).toBe(s.ink);
    expect(drawState.parse({ v: 1, ink: 'xyz' }).ok).toBe(false);
    expect(drawState.parse({ v: 1, dx: 9 }).ok).toBe(false);
    m.clear();
    m.moveCursor(-20, 3);
    expect(m.cursor).toEqual([0, 17]);
    m.toggleAtCursor();
    expect(decodeInk(m.snapshot().ink)[17]).toBe(1);
    m.toggleAtCursor();
    expect(m.empty).toBe(true);
    m.setShift(7, -2);
    expect([m.dx, m.dy]).toEqual([4, -2]);
    m.reset();
    expect(m.snapshot()).toEqual(drawState.defaults());
  });

  it('reads the nets of the digit figure on the page and gives the trainer’s probabilities for a test digit', () => {
    const fig = new DigitModel();
    trained.source = fig;
    const m = new DrawModel();
    expect(m.describe()).toMatch(/not trained yet/);
    for (let i = 0; i < 5; i++) fig.training!.stepOnce();
    m.useTestDigit(digits.test, 0);
    m.setShift(0, 0);
    // The pad centres the digit again, so compare with the trainer on what the pad feeds in.
    const p = m.prediction!;
    expect(p.cnn.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(m.describe()).toMatch(/^Your digit: the CNN reads \d \(\d+%\), the dense network \d \(\d+%\), both trained on 2,000 images\.$/);
    trained.source = null;
    expect(m.describe()).toMatch(/No digit figure/);
  });

  it('measures how often a shift of 2 or 3 pixels changes each net’s answer: less often for the CNN', async () => {
    const fig = new DigitModel();
    trained.source = fig;
    for (let i = 0; i < 10; i++) fig.training!.stepOnce();
    const m = new DrawModel();
    await m.measureShifts(digits.test, 100);
    expect(m.rates!.n).toBe(100);
    expect(m.rates!.cnn).toBeLessThan(m.rates!.mlp);
    expect(m.describe()).toMatch(/Shifting the first 100 test digits by 2 or 3 pixels changed the CNN's answer \d+% of the time and the dense network's \d+%\./);
    trained.source = null;
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new DrawModel()));
});
