// Every number chapter 7's prose quotes is computed here: the code cell is run as the page runs it (the
// engine in scope, its table captured), and the nets, output sizes and receptive fields the prose states
// are built and measured. A change to the engine, the figures' nets or the prose that breaks one fails here.
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { featureMap, outputShape } from '../../components/Convolution/convolution.ts';
import { inputs, presets } from '../../components/Convolution/presets.ts';
import { buildCnn, buildMlp, countParams, receptiveFields, windowLayers } from '../../components/DigitCNN/nets.ts';
import { chapterText } from './chapterText.ts';

const { prose, run, says } = chapterText('07-cnn.mdx', { squash: true });
const grouped = (n: number) => n.toLocaleString('en-US').replace(',', '{,}');

describe('chapter 7 numbers', () => {
  it('the 1-D backward pass by hand agrees with the engine', () => {
    const [rows] = run('conv-backward');
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r['by hand']).toBe(r.engine);
  });

  it('the vertical-edge kernel on the 7: negative where ink begins going right, positive where it ends', () => {
    const out = featureMap(inputs.digit.pixels, presets.vertical.kernel, { H: 14, W: 14, k: 3, stride: 1, padding: 0, dilation: 1 });
    let rows = 0;
    for (let i = 0; i < 12; i++) {
      const row = Array.from(out.slice(i * 12, (i + 1) * 12)).filter((v) => Math.abs(v) > 0.5);
      if (!row.length) continue;
      rows++;
      expect(row[0], `row ${i}`).toBeLessThan(0);
      expect(row.at(-1)!, `row ${i}`).toBeGreaterThan(0);
    }
    expect(rows).toBeGreaterThan(5);
    says('the left column is pale and the right one dark, so the output is negative (blue); where ink ends it is positive (orange)');
  });

  it('the dense layer on pixels: 784 × 100 weights', () => {
    says(`$784 \\times 100 = ${grouped(784 * 100)}$`);
  });

  it('the output-size example: 28 pixels, a 5×5 kernel and padding 2 keep 28', () => {
    expect(outputShape({ H: 28, W: 28, k: 5, stride: 1, padding: 2, dilation: 1 }).Ho).toBe(28);
    says('$\\lfloor (28 + 4 - 4 - 1)/1 \\rfloor + 1 = 28$');
  });

  it('the LeNet-shaped net: its layers’ parameters, the total, and the matched dense net', () => {
    const cnn = buildCnn('lenet', engine.rng(1));
    const layers = cnn.layers.map(countParams).filter((n) => n > 0);
    says(`$${grouped(layers[0])}$ in the first convolution, $${grouped(layers[1])}$ in the second, and $${grouped(layers[2])}$, $${grouped(layers[3])}$ and $${grouped(layers[4])}$ in the dense layers, $${grouped(countParams(cnn))}$ in all`);
    expect(layers[0] + layers[1]).toBeLessThan(3000);
    says('the convolutions, which do the looking, hold fewer than $3{,}000$');
    says(`one hidden layer of $78$ ReLU units, $${grouped(countParams(buildMlp(78, engine.rng(1))))}$ parameters`);
    const small = countParams(buildCnn('small', engine.rng(1)));
    expect(small / countParams(cnn)).toBeLessThan(1 / 14);
    says('under a fourteenth of the parameters');
  });

  it('receptive fields: 5, 6, 14 and 16 for the digit net; 7 for three 3×3 layers', () => {
    expect(receptiveFields(windowLayers('lenet')).map((f) => f.r)).toEqual([5, 6, 14, 16]);
    says('the fields are $5$, $6$, $14$ and $16$ pixels wide');
    expect(receptiveFields([{ k: 3, s: 1 }, { k: 3, s: 1 }, { k: 3, s: 1 }]).at(-1)!.r).toBe(7);
    says('Three stacked $3 \\times 3$ convolutions see a $7 \\times 7$ patch with $27$ weights per channel pair, where one $7 \\times 7$ kernel needs $49$');
  });
});
