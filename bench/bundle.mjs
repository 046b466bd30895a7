// Bundles the engine (engine/index.ts) into one ES module with esbuild, as the site's build does for the
// browser, so the bench measures the same JavaScript a reader's browser runs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes the bundle into a fresh temporary folder and returns its path. */
export async function bundleEngine() {
  const outfile = join(mkdtempSync(join(tmpdir(), 'dll-bench-')), 'engine.mjs');
  await build({
    entryPoints: [join(root, 'engine', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}
