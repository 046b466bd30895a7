// Trains the chapter's default digit CNN (bench W6's network: conv 6@5×5 pad 2, ReLU, max-pool 2, conv 16@5×5,
// ReLU, max-pool 2, dense 400→120→84→10) on all 10,000 digits the site ships (8,000 training, 2,000 test)
// with the engine, bundled as the site bundles it, and reports the time to 97% test accuracy.
//
//   node bench/digits-cnn.mjs                          Adam 0.001, batch 32, seed 0, test every 50 steps
//   node bench/digits-cnn.mjs --seeds=0,1,2 --batch=16 --lr=0.002 --optimizer=adam|sgd --momentum=0.9
//
// Times are this thread's CPU time (Linux schedstat; the wall clock elsewhere) spent on training steps only,
// and the wall clock including the test passes; the machine is shared, so CPU time is what compares.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { bundleEngine } from './bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const settings = {
  batch: Number(arg('batch', 32)),
  lr: Number(arg('lr', 0.001)),
  optimizer: arg('optimizer', 'adam'),
  momentum: Number(arg('momentum', 0.9)),
  evalEvery: Number(arg('eval-every', 50)),
  maxEpochs: Number(arg('max-epochs', 5)),
  target: Number(arg('target', 0.97)),
  seeds: arg('seeds', '0').split(',').map(Number),
};

const E = await import((await bundleEngine()).path);
const { nn, optim, data, noGrad, crossEntropy, rng, tensor } = E;

const schedstat = `/proc/self/task/${process.pid}/schedstat`;
const cpuMs = existsSync(schedstat) ? () => Number(readFileSync(schedstat, 'latin1').split(' ')[0]) / 1e6 : () => performance.now();

const digits = await data.loadDigits({ all: true, source: join(root, 'public', 'data', 'digits-28-all.bin') });
const { train, test } = digits;

function lenet(r) {
  return new nn.Sequential(
    new nn.Conv2d(1, 6, 5, { padding: 2, rng: r }), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Conv2d(6, 16, 5, { rng: r }), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Flatten(), new nn.Linear(400, 120, { init: 'he', rng: r }), new nn.ReLU(),
    new nn.Linear(120, 84, { init: 'he', rng: r }), new nn.ReLU(), new nn.Linear(84, 10, { rng: r }),
  );
}

/** Test accuracy, in evaluation mode without a graph, 500 images at a time. */
function accuracy(net) {
  net.eval();
  let right = 0;
  noGrad(() => {
    for (let s = 0; s < test.n; s += 500) {
      const n = Math.min(500, test.n - s);
      const logits = net.forward(tensor(test.images.subarray(s * 784, (s + n) * 784), [n, 1, 28, 28])).data;
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let k = 1; k < 10; k++) if (logits[i * 10 + k] > logits[i * 10 + best]) best = k;
        if (best === test.labels[s + i]) right++;
      }
    }
  });
  net.train();
  return right / test.n;
}

function run(seed) {
  const r = rng(seed);
  const net = lenet(r);
  const opt = settings.optimizer === 'sgd' ? new optim.SGD(net.parameters(), { lr: settings.lr, momentum: settings.momentum }) : new optim.Adam(net.parameters(), { lr: settings.lr });
  const ds = { x: train.images, y: train.labels, n: train.n, dim: 784 };
  let steps = 0, trainCpu = 0;
  const wall0 = performance.now();
  const curve = [];
  for (let epoch = 0; epoch < settings.maxEpochs; epoch++) {
    for (const idx of data.batches(train.n, settings.batch, r)) {
      const c0 = cpuMs();
      opt.zeroGrad();
      const loss = crossEntropy(net.forward(data.inputs(ds, idx).reshape(idx.length, 1, 28, 28)), data.labels(ds, idx));
      loss.backward();
      opt.step();
      trainCpu += cpuMs() - c0;
      steps++;
      if (steps % settings.evalEvery === 0) {
        const acc = accuracy(net);
        curve.push({ steps, seconds: +(trainCpu / 1000).toFixed(2), accuracy: acc });
        if (acc >= settings.target) {
          return { seed, reached: true, steps, epochs: +((steps * settings.batch) / train.n).toFixed(2), cpuSeconds: trainCpu / 1000, wallSeconds: (performance.now() - wall0) / 1000, accuracy: acc, curve };
        }
      }
    }
  }
  return { seed, reached: false, steps, cpuSeconds: trainCpu / 1000, wallSeconds: (performance.now() - wall0) / 1000, accuracy: accuracy(net), curve };
}

console.log(`digits-cnn: ${train.n} training and ${test.n} test digits; ${JSON.stringify(settings)}`);
const results = [];
for (const seed of settings.seeds) {
  const res = run(seed);
  results.push(res);
  const at = res.reached ? `reached ${(res.accuracy * 100).toFixed(2)}% after ${res.steps} steps (${res.epochs} epochs)` : `did not reach ${settings.target * 100}% in ${settings.maxEpochs} epochs (${(res.accuracy * 100).toFixed(2)}%)`;
  console.log(`seed ${seed}: ${at}: ${res.cpuSeconds.toFixed(1)} s of training CPU time, ${res.wallSeconds.toFixed(1)} s wall with the test passes`);
  console.log(`  curve: ${res.curve.map((p) => `${p.steps}:${(p.accuracy * 100).toFixed(1)}%@${p.seconds}s`).join(' ')}`);
}
console.log(`RESULT ${JSON.stringify({ settings, engine: 'bundled', node: process.versions.node, results: results.map(({ curve, ...r }) => r) })}`);
