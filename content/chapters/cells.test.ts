// The numbers the prose reads off a code cell, measured by running that cell's code, as shipped in the
// chapter, against the engine: if the engine or the cell changes so that the prose no longer describes
// what a reader sees, this fails. (e2e/chapter-cells.spec.ts checks that every cell runs in the browser.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';

/** The source of the code cell `id` in chapter `file`, as the reader's editor receives it. */
function cellCode(file: string, id: string): string {
  const text = readFileSync(join(import.meta.dirname, file), 'utf8');
  const m = new RegExp(`<CodeCell id="${id}"[^>]*?code=\\{\`([\\s\\S]*?)\`\\}`).exec(text);
  if (!m) throw new Error(`no code cell "${id}" in ${file}`);
  return m[1].replace(/\\`/g, '`').replace(/\\\$/g, '$').replace(/\\\\/g, '\\');
}

/** Runs a cell's code with the engine as globals, plus `extra` appended; returns what it printed. */
function runCell(file: string, id: string, extra = ''): { lines: string[]; tables: unknown[]; plots: unknown[]; scope: Record<string, unknown> } {
  const lines: string[] = [];
  const tables: unknown[] = [];
  const plots: unknown[] = [];
  const out: Record<string, unknown> = {};
  const scope: Record<string, unknown> = {
    ...engine,
    print: (...args: unknown[]) => lines.push(args.map(String).join(' ')),
    table: (rows: unknown) => tables.push(rows),
    plot: { line: (s: unknown) => plots.push(s), scatter: (s: unknown) => plots.push(s), heatmap: (s: unknown) => plots.push(s) },
    __out: out,
  };
  new Function(...Object.keys(scope), `${cellCode(file, id)}\n;\n${extra}`)(...Object.values(scope));
  return { lines, tables, plots, scope: out };
}

/** The numbers in a printed line, in order. */
const numbers = (line: string) => (line.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);

describe('chapter 3', () => {
  it('weight-decay: plain SGD with decay halves the test loss; run(0.03) underfits (the numbers the prose quotes)', { timeout: 180_000 }, () => {
    const { lines, scope } = runCell('03-depth.mdx', 'weight-decay', '__out.strong = run(0.03);');
    const [plainTrain, plainTest] = numbers(lines[0]);
    const [decayTrain, decayTest] = numbers(lines[1]);
    expect(plainTrain).toBeCloseTo(0.001, 3); // "0.001 after 600 steps"
    expect(plainTest).toBeCloseTo(0.16, 1); // "near 0.16"
    expect(decayTest).toBeCloseTo(0.09, 2); // "the 0.09 reached with decay"
    expect(decayTrain).toBeCloseTo(0.014, 3); // "near 0.014"
    expect(plainTest / decayTest).toBeGreaterThan(1.7); // "about twice"
    const strong = scope.strong as { trainLoss: number[]; testLoss: number[] };
    expect(strong.trainLoss.at(-1)).toBeCloseTo(0.2, 1); // "to about 0.2 and 0.3"
    expect(strong.testLoss.at(-1)).toBeCloseTo(0.3, 1);
    expect(1 - 0.5 * 0.003).toBeCloseTo(0.9985, 10); // "shrinks every weight by the factor 0.9985"
  });

  it('double-descent: the test error peaks at m = N = 40 and falls again; with N = 20 the peak moves to m = 20', { timeout: 180_000 }, () => {
    type Row = { 'features m': number; 'test error': number };
    const { tables } = runCell('03-depth.mdx', 'double-descent');
    const rows = tables[0] as Row[];
    const at = (p: number) => rows.find((r) => r['features m'] === p)!['test error'];
    const peak = rows.reduce((a, b) => (b['test error'] > a['test error'] ? b : a));
    const best = rows.reduce((a, b) => (b['test error'] < a['test error'] ? b : a));
    expect(peak['features m']).toBe(40); // "the peak at p = 40"
    expect(at(40)).toBeCloseTo(6, 0); // "about 6"
    expect(best['features m']).toBe(5); // "near 0.33 with five features"
    expect(at(5)).toBeCloseTo(0.33, 2);
    expect(at(40) / at(5)).toBeGreaterThan(15); // "some twenty times the best value"
    expect(at(40) / at(5)).toBeLessThan(25);
    expect(at(400)).toBeCloseTo(0.75, 1); // "to about 0.75 at p = 400"
    const after = rows.filter((r) => r['features m'] >= 40).map((r) => r['test error']);
    expect(after).toEqual([...after].sort((a, b) => b - a)); // "falls steadily"
    expect(at(400)).toBeGreaterThan(at(5)); // "does not get back below the first minimum"

    // "Change N = 40 to N = 20: the peak moves to p = 20."
    const code = cellCode('03-depth.mdx', 'double-descent').replace('const N = 40,', 'const N = 20,');
    const out: unknown[] = [];
    const scope = { ...engine, print: () => {}, table: (t: unknown) => out.push(t), plot: { line: () => {} } };
    new Function(...Object.keys(scope), code)(...Object.values(scope));
    const twenty = out[0] as Row[];
    expect(twenty.reduce((a, b) => (b['test error'] > a['test error'] ? b : a))['features m']).toBe(20);
  });
});

describe('chapter 5', () => {
  it('clipping: without it the loss turns NaN within a few dozen steps; clipped at 1 it trains', { timeout: 180_000 }, () => {
    const { lines, scope } = runCell('05-sgd.mdx', 'clipping', '__out.plain = plain; __out.safe = safe;');
    const plain = scope.plain as { losses: number[] };
    const safe = scope.safe as { losses: number[]; largest: number; clipped: number };
    expect(lines[0]).toMatch(/^no clipping: the loss became NaN at step \d+$/);
    expect(plain.losses.length).toBeLessThan(60); // "within a few dozen steps"
    expect(safe.losses).toHaveLength(300);
    expect(safe.largest).toBeGreaterThan(200); // "gradients reached a length above 200"
    expect(safe.losses.at(-1)).toBeCloseTo(0.0002, 4); // "near 0.0002"
  });

  it('schedules: the constant-0.1 floor is the formula sigma*sqrt(eta/(2 - eta)) for the sample sigma', { timeout: 60_000 }, () => {
    const { tables, scope } = runCell('05-sgd.mdx', 'schedules', '__out.xs = xs;');
    const xs = scope.xs as number[];
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    const sigma = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    expect(Math.sqrt(0.1 / 1.9)).toBeCloseTo(0.229, 3); // the prose's 0.229 for sigma = 1
    const rows = tables[0] as Record<string, string>[];
    const constant = Number(rows[0]['typical error, last 1000 steps']);
    expect(sigma).toBeCloseTo(0.975, 3); // "this sample's sigma of 0.975"
    expect(sigma * Math.sqrt(0.1 / 1.9)).toBeCloseTo(0.224, 3); // "0.224"
    expect(constant).toBeCloseTo(0.2, 1); // "stays near 0.20"
    expect(Math.abs(constant / (sigma * Math.sqrt(0.1 / 1.9)) - 1)).toBeLessThan(0.15); // "close to the formula's"
    expect(Number(rows[1]['typical error, last 1000 steps'])).toBeCloseTo(0.064, 3); // "at 0.01 the floor is lower, 0.064"
    expect(Number(rows[1]['error at step 100'])).toBeCloseTo(0.72, 2); // "after 100 steps the error is still 0.72"
  });
});

describe('chapter 6', () => {
  it('norm-residual: the plain deep sigmoid network is stuck; residual or batch norm each help; both together fit', { timeout: 300_000 }, () => {
    type Row = { network: string; 'gradient at layer 1, step 0': string; 'loss after 100 steps': string };
    const { tables } = runCell('06-relu-init.mdx', 'norm-residual');
    const rows = Object.fromEntries((tables[0] as Row[]).map((r) => [r.network, { grad: Number(r['gradient at layer 1, step 0']), loss: Number(r['loss after 100 steps']) }]));
    expect(Math.round(Math.log10(rows.plain.grad))).toBe(-11); // "about 10^-11"
    expect(rows.plain.loss).toBeCloseTo(0.693, 3); // "never leaves 0.693"
    for (const name of ['residual', 'batch norm']) {
      expect(rows[name].grad).toBeGreaterThan(0.2); // "between 0.2 and 3"
      expect(rows[name].grad).toBeLessThanOrEqual(3);
      expect(rows[name].loss).toBeGreaterThan(0.2); // "between 0.2 and 0.4"
      expect(rows[name].loss).toBeLessThan(0.4);
    }
    expect(rows['residual + batch norm'].loss).toBeLessThan(0.0005); // "reaches 0.000"
  });
});

describe('chapter 4', () => {
  it('softmax-vjp: the naive log-sum-exp overflows, the shifted one is 1000.3182, and p (v - p.v) matches backward', () => {
    const { lines, tables } = runCell('04-backpropagation.mdx', 'softmax-vjp');
    expect(lines[0]).toBe('naive log-sum-exp: Infinity   shifted: 1000.3182');
    expect(Math.log(3.4028235e38)).toBeCloseTo(88.7, 1); // "infinite beyond z ≈ 88.7"
    const [engineRow, handRow] = tables[0] as Record<string, string>[];
    for (const i of ['0', '1', '2', '3']) expect(Math.abs(Number(engineRow[i]) - Number(handRow[i]))).toBeLessThan(2e-6);
  });
});
