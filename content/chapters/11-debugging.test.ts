// Chapter 11's code cells print what its prose reads off them: the loss at initialisation beside ln 3, one
// batch overfitted below 1e-3, and only sigmoid(x) passing the softplus gradient check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';

const text = readFileSync(join(import.meta.dirname, '11-debugging.mdx'), 'utf8');
const prose = text.replace(/\s+/g, ' ');

function run(id: string) {
  const code = new RegExp(`<CodeCell id="${id}"[^>]*?code=\\{\`([\\s\\S]*?)\`\\}`).exec(text)![1];
  const lines: string[] = [];
  const tables: Record<string, string>[][] = [];
  const scope: Record<string, unknown> = { ...engine, print: (...a: unknown[]) => lines.push(a.map(String).join(' ')), table: (rows: never) => tables.push(rows), plot: { line: () => {} } };
  new Function(...Object.keys(scope), code)(...Object.values(scope));
  return { lines, tables };
}

describe('chapter 11 code cells', () => {
  it('first-checks: the loss at initialisation is 1.171 against ln 3 = 1.099, and one batch goes below 1e-3', () => {
    const { lines } = run('first-checks');
    expect(lines[0]).toBe('loss at initialisation 1.171  ln 3 = 1.099');
    expect(Number(lines[1].split(' ').at(-1))).toBeLessThan(1e-3);
    expect(prose).toContain('The loss at initialisation is $1.171$, close to $\\ln 3 = 1.099$');
  });

  it('softplus-check: sigmoid(x) agrees to about 1e-11, the other two rules are off by more than 0.7', () => {
    const { lines, tables } = run('softplus-check');
    const errors = Object.fromEntries(tables[0].map((r) => [r.rule, Number(r['largest relative error'])]));
    expect(errors['sigmoid(x)']).toBeLessThan(1e-10);
    expect(errors['sigmoid(x)(1 - sigmoid(x))']).toBeGreaterThan(0.7);
    expect(errors['sigmoid(-x)']).toBeGreaterThan(0.7);
    expect(Number(lines[0].split(': ')[1])).toBeLessThan(1e-8);
  });
});
