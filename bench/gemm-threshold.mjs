// The size above which the WebAssembly SIMD kernel beats the JavaScript one, packing included: times both
// paths of the engine's gemm on the shapes the workloads use, interleaved in one process (thread CPU time),
// and prints the median ratio per shape. Usage: node bench/gemm-threshold.mjs [--rounds=7]
import { existsSync, readFileSync } from 'node:fs';
import { bundleEngine } from './bundle.mjs';

const E = await import(process.env.ENGINE_BUNDLE ?? (await bundleEngine()).path);
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 7);
const schedstat = `/proc/self/task/${process.pid}/schedstat`;
const now = existsSync(schedstat) ? () => Number(readFileSync(schedstat, 'latin1').split(' ')[0]) / 1e6 : () => performance.now();

// [n, k, m, layout]: NN = A·B, NT = A·Bᵀ (linear forward), TN = Aᵀ·B (weight gradients).
const shapes = [
  [4, 4, 4, 'NN'], [8, 8, 8, 'NN'], [16, 16, 16, 'NN'], [8, 16, 32, 'NT'], [32, 16, 32, 'NT'], [32, 32, 16, 'NN'],
  [64, 64, 64, 'NN'], [256, 64, 192, 'NT'], [256, 256, 64, 'NN'], [64, 256, 256, 'TN'], [256, 256, 256, 'NN'],
];
const strides = (n, k, m, layout) =>
  layout === 'NN' ? [k, 1, m, 1] : layout === 'NT' ? [k, 1, 1, k] : [1, n, m, 1];

function rate(n, k, m, layout, path) {
  E.setGemmPath(path);
  const A = new Float32Array(n * k).map((_, i) => Math.sin(i)), B = new Float32Array(k * m).map((_, i) => Math.cos(i));
  const C = new Float32Array(n * m);
  const [ais, aps, bps, bjs] = strides(n, k, m, layout);
  const batch = Math.max(1, Math.floor(2e5 / (n * k * m))); // reading the clock costs microseconds
  let reps = 0;
  const t0 = now();
  while (now() - t0 < 60) {
    for (let b = 0; b < batch; b++) E.gemmKernel(A, 0, ais, aps, B, 0, bps, bjs, C, 0, n, k, m);
    reps += batch;
  }
  return (2 * n * k * m * reps) / ((now() - t0) * 1e6); // GFLOP/s
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('shape           work     js GFLOP/s  wasm GFLOP/s  wasm/js (median of rounds)');
for (const [n, k, m, layout] of shapes) {
  const js = [], wasm = [], ratio = [];
  for (let r = 0; r < rounds; r++) {
    const a = rate(n, k, m, layout, 'js'), b = rate(n, k, m, layout, 'wasm');
    js.push(a); wasm.push(b); ratio.push(b / a);
  }
  console.log(`${`${n}×${k}×${m} ${layout}`.padEnd(16)}${String(n * k * m).padEnd(9)}${median(js).toFixed(2).padStart(10)}${median(wasm).toFixed(2).padStart(14)}${median(ratio).toFixed(2).padStart(10)}  (${Math.min(...ratio).toFixed(2)}–${Math.max(...ratio).toFixed(2)})`);
}
E.setGemmPath('auto');
