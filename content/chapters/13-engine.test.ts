// The appendix shows the engine's own source: every excerpt it names must still exist in engine/ (the
// build fails too, but this says which), and every code cell runs against the engine and prints what the
// prose says it prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { excerpt } from '../../lib/excerpt.ts';

const file = join(import.meta.dirname, '13-engine.mdx');
const text = readFileSync(file, 'utf8');
const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];

describe('the engine appendix', () => {
  const tags = [...text.matchAll(/<EngineExcerpt\b[^>]*\/>/g)].map((m) => m[0]);

  it('shows an excerpt for each part: Value, the sort, a broadcasting op, matmul, a layer, an optimizer, the generator', () => {
    const files = new Set(tags.map((t) => attr(t, 'file')));
    for (const f of ['value.ts', 'value-sort.ts', 'ops/arithmetic.ts', 'ops/broadcast.ts', 'ops/matmul.ts', 'nn/layers.ts', 'optim/sgd.ts', 'random.ts']) expect(files).toContain(f);
  });

  it.each(tags.map((t) => [`${attr(t, 'file')}: ${attr(t, 'start')}`, t]))('%s still exists in engine/', (_name, tag) => {
    const f = attr(tag, 'file')!;
    const source = readFileSync(join(import.meta.dirname, '../../engine', f), 'utf8');
    const { text: shown } = excerpt(source, f, attr(tag, 'start')!, attr(tag, 'end'));
    expect(shown.split('\n').length).toBeGreaterThanOrEqual(3);
  });

  const cells = [...text.matchAll(/<CodeCell id="([^"]+)"[^>]*?code=\{`([\s\S]*?)`\}/g)].map((m) => [m[1], m[2]] as const);

  it('has a code cell after each part', () => {
    expect(cells.map(([id]) => id)).toEqual(['value-backward', 'topo-order', 'broadcast-grad', 'matmul-grad', 'linear-layer', 'sgd-step', 'seeded-rng']);
  });

  const run = (code: string) => {
    const lines: string[] = [];
    const scope: Record<string, unknown> = { ...engine, print: (...a: unknown[]) => lines.push(a.map(String).join(' ')), table: () => {}, plot: { line: () => {} } };
    new Function(...Object.keys(scope), code)(...Object.values(scope));
    return lines;
  };
  const out = Object.fromEntries(cells.map(([id, code]) => [id, run(code)]));

  it('prints what the prose reads off the cells', () => {
    expect(out['value-backward'][2]).toBe('d(a*a)/da = 6');
    expect(out['value-backward'][3]).toBe('after a second backward without zeroGrad: 12');
    expect(out['topo-order'][1]).toBe('every node after its inputs: true');
    expect(out['broadcast-grad'][1]).toBe('dL/db = [11,11,11]  (1 + 10 for each entry)');
    expect(out['broadcast-grad'][2]).toBe('gradCheck of X + b: true');
    expect(Number(out['matmul-grad'][0].split(': ')[1])).toBeLessThan(1e-5);
    expect(out['linear-layer'][1]).toBe('dL/db = [2,2]  (one per example, summed)');
    for (const line of out['sgd-step']) {
      const [engineSide, hand] = line.split(' by hand ');
      expect(engineSide.split(' engine ')[1].trim()).toBe(hand);
    }
    expect(out['seeded-rng'][0].slice(9)).toBe(out['seeded-rng'][1].slice(9));
    expect(out['seeded-rng'][2].slice(9)).not.toBe(out['seeded-rng'][0].slice(9));
    expect(out['seeded-rng'][3]).toBe('two layers from seed 7 start equal: true');
  });
});
