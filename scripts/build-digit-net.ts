// Trains chapter 7's digit nets (the LeNet-shaped CNN and the dense network of the same size, components/
// DigitCNN/task.ts) for their whole budget in Node, from seed 1 on the shipped digits, and writes them as a
// digit-net file (components/DigitCNN/digitFile.ts) to public/data/digit-lenet.json: the trained digit
// reader of chapter 10 loads it instead of training for minutes in the page. The file is committed; run
// `npm run data:digit-net` (after `node scripts/build-digits.mjs`) to make it again: the same seed gives the same weights.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { data } from '../engine/index.ts';
import { digitFile } from '../components/DigitCNN/digitFile.ts';
import { digits, useDigits } from '../components/DigitCNN/digits.ts';
import { digitRun, digitSchedule } from '../components/DigitCNN/task.ts';
import { READER_PRESET, READER_SEED } from '../components/DigitReader/reader.ts';

// NOTE: run from the repository's root (npm scripts are); esbuild bundles this file elsewhere first.
const root = process.cwd();
useDigits(await data.loadDigits({ all: true, source: join(root, 'public', 'data', 'digits-28-all.bin') }));
const run = digitRun({ preset: READER_PRESET, seed: READER_SEED });
const epochs = digitSchedule.maxEpochs(digits()!.train.n);
for (let e = 0; e < epochs; e++) {
  run.trainEpoch();
  run.measure();
}
const r = run.report();
const text = digitFile({ preset: r.preset, epoch: run.epoch, seen: r.seen, weights: r.weights });
writeFileSync(join(root, 'public', 'data', 'digit-lenet.json'), text);
console.log(`public/data/digit-lenet.json: ${r.seen.toLocaleString('en-US')} images, test accuracy CNN ${r.accuracy.cnn.at(-1)}, dense ${r.accuracy.mlp.at(-1)}, ${text.length.toLocaleString('en-US')} characters`);
