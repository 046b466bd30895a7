// Records chapter 9's training runs to content/chapters/fixtures/transformer-runs.json: the tiny transformer on
// the induction task and the other tasks (components/InductionHeads/record.ts: every run the prose reads, from
// its seed) and the tiny language model with the LSTM beside it (components/TinyLM/record.ts: 1,000 steps).
// The chapter's test re-runs the first 100 steps of one run of every kind and requires the curves to match this
// file exactly, so the file is tied to the code; it reads the rest from the file instead of training for minutes.
// The file is committed; run `npm run data:transformer-runs` (after `node scripts/build-names.mjs`) to make it
// again, as after any change to the engine or the models: the same seed gives the same run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDUCTION_RUNS, recordInductionRun } from '../components/InductionHeads/record.ts';
import { recordTinyLMRun } from '../components/TinyLM/record.ts';
import { namesOf, tinyLMSchedule } from '../components/TinyLM/task.ts';

// NOTE: run from the repository's root (npm scripts are); esbuild bundles this file elsewhere first.
const root = process.cwd();
const t0 = performance.now();
const induction = INDUCTION_RUNS.map(({ settings, steps }) => {
  const rec = recordInductionRun(settings, steps);
  console.log(`  ${settings.task ?? 'induction'}, ${settings.layers} layer(s) of ${settings.heads} head(s), seed ${settings.seed}: ${rec.steps} steps, repeat loss ${rec.repeatLoss.at(-1)!.toFixed(3)}`);
  return rec;
});
const names = namesOf(JSON.parse(readFileSync(join(root, 'public', 'data', 'names.json'), 'utf8')));
// The figure's seed and budget (components/TinyLM/model.svelte.ts: SEED 1, and the task's schedule).
const tinyLM = recordTinyLMRun({ names, seed: 1 }, tinyLMSchedule.budget.steps);
const out = join('content', 'chapters', 'fixtures', 'transformer-runs.json');
writeFileSync(join(root, out), JSON.stringify({ induction, tinyLM }) + '\n');
console.log(`${out}: ${induction.length} induction runs, the language model's held-out loss ${tinyLM.testLoss.at(-1)!.toFixed(3)}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
