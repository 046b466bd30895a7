// For the chapters' number tests: a chapter's source, its prose (code cells taken out), the code of a cell
// by id as the page hands it to the kernel, that code run against the engine (the rows of every table it
// printed), and `says`, which fails unless the prose contains a phrase.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import * as engine from '../../engine/index.ts';

export function chapterText(file: string, { squash = false }: { squash?: boolean } = {}) {
  const text = readFileSync(join(import.meta.dirname, file), 'utf8');
  const cellsOut = text.replace(/<CodeCell[\s\S]*?client:visible \/>/g, '');
  /** With `squash`, runs of white space are one space, so a phrase may cross a line break. */
  const prose = squash ? cellsOut.replace(/\s+/g, ' ') : cellsOut;

  function cell(id: string): string {
    const m = new RegExp(`<CodeCell id="${id}"[^>]*?code=\\{\`([\\s\\S]*?)\`\\} client:visible />`).exec(text);
    if (!m) throw new Error(`no code cell ${id}`);
    return m[1];
  }

  function run(id: string): Record<string, unknown>[][] {
    const tables: Record<string, unknown>[][] = [];
    const scope: Record<string, unknown> = { ...engine, print: () => {}, plot: { line: () => {} }, table: (rows: Record<string, unknown>[]) => tables.push(rows) };
    new Function(...Object.keys(scope), cell(id))(...Object.values(scope));
    return tables;
  }

  const says = (phrase: string) => expect(prose, phrase).toContain(phrase);
  return { text, prose, cell, run, says };
}
