// The conclusion's code cell prints the numbers its prose quotes: the spiral's test loss falling from a
// uniform guess to about 0.3 as the networks grow from 21 to 4,547 parameters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';

it('width-sweep: 21 parameters give 1.095, 4,547 give 0.303, as the prose says', { timeout: 60_000 }, () => {
  const text = readFileSync(join(import.meta.dirname, '12-conclusion.mdx'), 'utf8');
  const code = /<CodeCell id="width-sweep"[^>]*?code=\{`([\s\S]*?)`\}/.exec(text)![1];
  const tables: { width: number; parameters: number; 'test loss': number }[][] = [];
  const scope: Record<string, unknown> = { ...engine, print: () => {}, table: (rows: never) => tables.push(rows), plot: { line: () => {} } };
  new Function(...Object.keys(scope), code)(...Object.values(scope));
  const rows = tables[0];
  expect([rows[0].parameters, rows[0]['test loss']]).toEqual([21, 1.095]);
  expect([rows[5].parameters, rows[5]['test loss']]).toEqual([4547, 0.303]);
  expect(text).toContain('From 21 parameters to 4,547, the test loss falls from 1.095');
  expect(text).toContain('to 0.303');
});
