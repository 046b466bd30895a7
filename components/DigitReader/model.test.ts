// The digit reader's model on the shipped digits and the committed trained nets: it loads both, reads every
// test digit, says what the matrix shows, opens a cell, round-trips its link and resets, and offers its
// nets to a drawing pad.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { data } from '../../engine/index.ts';
import { useDigits } from '../DigitCNN/digits.ts';
import { checkModel } from '../ui/modelContract.ts';
import { ReaderModel, readerState } from './model.svelte.ts';

const readNets = async () => readFileSync('public/data/digit-lenet.json', 'utf8');

beforeAll(async () => {
  useDigits(await data.loadDigits({ all: true }));
});

describe('ReaderModel', () => {
  it('reads all 2,000 test digits with the trained CNN and describes the matrix', async () => {
    const m = new ReaderModel({}, { readNets, pause: async () => {} });
    expect(m.describe()).toMatch(/load when the figure comes into view/);
    await m.load();
    expect(m.status).toBe('ready');
    expect(m.matrix!.reduce((s, v) => s + v, 0)).toBe(2000);
    expect(m.accuracy).toBeGreaterThan(0.97);
    expect(m.shown!.params).toEqual({ cnn: 61_706, mlp: 62_020, hidden: 78 });
    expect(m.describe()).toMatch(/^The LeNet-shaped CNN, trained on 48,000 images, reads 9\d\.\d% of the 2,000 test digits correctly\. Its commonest mistake: \d read as \d, \d+ times\. .* No cell picked\.$/);
    m.pick(4, 9);
    expect(m.picked.length).toBe(m.matrix![49]);
    for (const i of m.picked) expect(m.labels![i]).toBe(4);
    expect(m.describe()).toMatch(/Picked cell: \d+ test digits? that (is|are) 4 but read as 9\./);
    m.pick(4, 9);
    expect(m.cell).toBe(-1);
  }, 60_000);

  it('fails with a reason when the nets file is not one', async () => {
    const m = new ReaderModel({}, { readNets: async () => '{"format": "something else"}', pause: async () => {} });
    await m.load();
    expect(m.status).toBe('failed');
    expect(m.describe()).toMatch(/^The trained digit reader could not be loaded \(The file is JSON but not a digit network/);
  });

  it('round-trips its link, refuses a bad one, and resets', () => {
    const m = new ReaderModel({ cell: 7 });
    m.pick(3, 5);
    const back = readerState.decode(readerState.encode(m.snapshot()));
    if (!back.ok) throw new Error(back.reason);
    expect(back.state).toEqual({ cell: 35 });
    expect(readerState.parse({ v: 1, cell: 100 }).ok).toBe(false);
    expect(readerState.parse({ v: 1, cell: 2.5 }).ok).toBe(false);
    m.reset();
    expect(m.cell).toBe(7);
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new ReaderModel({ cell: 7 }), { initial: { cell: 7 } }));
});
