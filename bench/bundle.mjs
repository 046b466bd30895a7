// Bundles the engine (engine/index.ts) into one ES module with esbuild, as the site's build does for the
// browser, so the bench measures the same kind of JavaScript a reader's browser runs. esbuild comes with
// Astro; if it cannot be loaded, the workers run the TypeScript sources through Node's own type stripping.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The engine module to import, the Node flags a worker needs to import it, and whether it is a temporary file. */
export async function bundleEngine() {
  let build;
  try {
    ({ build } = await import('esbuild'));
  } catch {
    console.warn('bench: esbuild not found; running the engine sources with --experimental-transform-types');
    return { path: join(root, 'engine', 'index.ts'), nodeArgs: ['--experimental-transform-types', '--no-warnings'], temporary: false };
  }
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
  return { path: outfile, nodeArgs: [], temporary: true };
}
