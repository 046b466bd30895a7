// Records chapter 8's character model run (components/CharacterModel/record.ts: the figure's run from its seed,
// 3,000 steps, then the prose's temperature sweep) to content/chapters/fixtures/char-run.json. The chapter's
// test re-runs the first 500 steps and requires the curve to match this file exactly, so the file is tied to
// the code; it reads the later numbers (steps 600 to 3,000 and the samples) from the file instead of training
// for minutes. The file is committed; run `npm run data:char-run` (after `node scripts/build-names.mjs`) to make
// it again, as after any change to the engine or the model: the same seed gives the same run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordCharRun } from '../components/CharacterModel/record.ts';
import { charSchedule } from '../components/CharacterModel/task.ts';

// NOTE: run from the repository's root (npm scripts are); esbuild bundles this file elsewhere first.
const root = process.cwd();
const file = JSON.parse(readFileSync(join(root, 'public', 'data', 'names.json'), 'utf8')) as { female: string[]; male: string[] };
// The figure's seed (components/CharacterModel/model.svelte.ts: SEED, which the test checks against the file's;
// that module is a Svelte one and does not run in plain Node) and its budget (the task's schedule).
const SEED = 1;
const t0 = performance.now();
const rec = recordCharRun({ names: [...file.female, ...file.male], seed: SEED, temperature: 1 }, charSchedule.budget.steps, true);
const out = join('content', 'chapters', 'fixtures', 'char-run.json');
writeFileSync(join(root, out), JSON.stringify({ seed: SEED, ...rec }) + '\n');
console.log(`${out}: ${rec.steps} steps, held-out loss ${rec.curve.test.at(-1)!.toFixed(3)}, ${rec.sweep.flat().length} samples, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
