// `npm run check`, after `astro sync`: the three type checks (Astro's, Svelte's, the engine's own strict config)
// side by side rather than one after another, each one's output kept together and printed when it ends; fails
// if any fails. NOTE: svelte-check reads the types `astro sync` writes to .astro/ (on a fresh clone they are
// not there yet), so the sync runs first, alone, and `astro check` is told not to write them again (--noSync)
// while svelte-check reads them.
import { spawn } from 'node:child_process';

const checks = [
  ['astro check', 'astro', ['check', '--noSync']],
  ['svelte-check', 'svelte-check', ['--tsconfig', './tsconfig.json', '--fail-on-warnings']],
  ['tsc (engine)', 'tsc', ['-p', 'engine/tsconfig.json', '--noEmit']],
];

const results = await Promise.all(
  checks.map(
    ([name, bin, args]) =>
      new Promise((done) => {
        const started = Date.now();
        const child = spawn(`node_modules/.bin/${bin}`, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('error', (e) => {
          out += String(e);
          done({ name, code: 1 });
        });
        child.on('close', (code) => {
          process.stdout.write(`\n── ${name}: ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(0)} s\n${out}`);
          done({ name, code });
        });
      }),
  ),
);
const failed = results.filter((r) => r.code !== 0);
if (failed.length) {
  console.error(`\nType check failed: ${failed.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
