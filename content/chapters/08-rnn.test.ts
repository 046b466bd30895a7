// Every number chapter 8's prose quotes is measured here: the code cells are run as the page runs them (the
// engine in scope, their tables captured) and the figures' models are asked for the values the prose reads
// off them. A change to the engine or to a cell that moves a number fails here, not in a reader's eyes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { throughTime } from '../../components/GradientThroughTime/gradients.ts';

const text = readFileSync(join(import.meta.dirname, '08-rnn.mdx'), 'utf8');
const prose = text.replace(/<CodeCell[\s\S]*?client:visible \/>/g, '');

/** The code of the cell with this id, as the page hands it to the kernel. */
function cell(id: string): string {
  const m = new RegExp(`<CodeCell id="${id}"[^>]*?code=\\{\`([\\s\\S]*?)\`\\} client:visible />`).exec(text);
  if (!m) throw new Error(`no code cell ${id}`);
  return m[1];
}

/** Runs a cell with the engine in scope; returns the rows of every table it printed. */
function run(id: string): Record<string, unknown>[][] {
  const tables: Record<string, unknown>[][] = [];
  const scope: Record<string, unknown> = { ...engine, print: () => {}, plot: { line: () => {} }, table: (rows: Record<string, unknown>[]) => tables.push(rows) };
  new Function(...Object.keys(scope), cell(id))(...Object.values(scope));
  return tables;
}

/** The prose says `phrase` (with its math), once at least. */
const says = (phrase: string) => expect(prose, phrase).toContain(phrase);

describe('chapter 8 numbers', () => {
  it('the hand-written BPTT agrees with the engine to float precision', () => {
    const [rows] = run('bptt-by-hand');
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(Math.abs((r['by hand'] as number) - (r.engine as number))).toBeLessThan(1e-12);
  });

  it('the linear RNN follows ρ^k exactly, and tanh makes it vanish faster: the values the prose reads off the figure', () => {
    const back = (rho: number, activation: 'tanh' | 'linear') => throughTime({ rho, activation }).back[50];
    expect(back(0.9, 'linear')).toBeCloseTo(0.9 ** 50, 6);
    expect(back(1.1, 'linear') / 1.1 ** 50).toBeCloseTo(1, 4);
    says('$0.9^{50} \\approx 0.005$');
    says('$1.1^{50} \\approx 117$');
    const fmt = (x: number) => x.toExponential(1).replace(/e([+-])(\d+)/, (_, s, e) => ` \\times 10^{${s === '-' ? '-' : ''}${e}}`);
    says(`falls to $${fmt(back(0.9, 'tanh'))}$ after $50$ steps`);
    says(`it falls to $${fmt(back(1, 'tanh'))}$`);
    says(`the gradient $50$ steps back is $${back(1.5, 'tanh').toFixed(1)}$`);
    expect(Math.abs(back(2, 'tanh') - 200)).toBeLessThan(20); // "about 200"
  });

  it('clipping keeps the direction: the cosine is 1 and the clipped length is the threshold', () => {
    for (const rho of [1.2, 1.5, 2]) {
      const r = throughTime({ rho, activation: 'tanh', clip: 1 });
      expect(r.gradNorm).toBeGreaterThan(1);
      expect(r.clippedNorm).toBeCloseTo(1, 5);
      expect(r.cosine).toBeCloseTo(1, 6);
    }
  });

  it('temperature: at 0.25 the top character takes almost everything, at 4 the five are nearly equal', () => {
    const [rows] = run('temperature');
    const top = (r: Record<string, unknown>) => Number(r.a);
    expect(top(rows[0])).toBeGreaterThan(0.95);
    const last = rows[rows.length - 1];
    const ps = ['a', 'e', 'i', 'n', 'y'].map((c) => Number(last[c]));
    expect(Math.max(...ps) / Math.min(...ps)).toBeLessThan(2.5);
  });
});

describe('chapter 8 memory task cell', () => {
  it('the plain RNN learns a delay of 5 but not of 20 in 150 steps, the LSTM learns both', () => {
    const [rows] = run('memory-task');
    const at = (T: number) => rows.find((r) => r.T === T)!;
    expect(at(5).rnn as number).toBeGreaterThanOrEqual(0.95);
    expect(at(5).lstm as number).toBeGreaterThanOrEqual(0.95);
    expect(at(20).lstm as number).toBeGreaterThanOrEqual(0.95);
    expect(at(20).rnn as number).toBeLessThan(0.65);
    says(`with $20$ the plain RNN is at $${at(20).rnn}$, no better than a coin`);
  }, 120_000);
});
