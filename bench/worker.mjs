// One contender on one workload, in its own process: set up, check that it computes the right thing (its
// loss falls, or its output's checksum), warm up, then time several samples. Prints one line
// `RESULT {json}` on stdout; run.mjs starts this script once per contender, workload and round.
//
// Usage: node bench/worker.mjs <workload> <contender> [--samples=5] [--sample-ms=300] [--warmup-ms=400]
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { WORKLOADS } from './workloads.mjs';

const [workloadId, contender] = process.argv.slice(2);
const opt = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const samples = opt('samples', 5);
const sampleMs = opt('sample-ms', 300);
const warmupMs = opt('warmup-ms', 400);

const MODULES = {
  reference: ['./contenders/reference.mjs', {}],
  ours: ['./contenders/ours.mjs', {}],
  'tfjs-cpu': ['./contenders/tfjs.mjs', { backend: 'cpu' }],
  'tfjs-wasm': ['./contenders/tfjs.mjs', { backend: 'wasm' }],
  convnetjs: ['./contenders/convnetjs.mjs', {}],
  playground: ['./contenders/playground.mjs', {}],
  micrograd: ['./contenders/micrograd.mjs', {}],
  'lean-scalar': ['./contenders/lean-scalar.mjs', {}],
};

function report(result) {
  process.stdout.write(`\nRESULT ${JSON.stringify({ workload: workloadId, contender, ...result })}\n`);
}

// NOTE: the clock is this thread's CPU time where Linux reports it (schedstat, in nanoseconds), so that
// other processes on a busy machine do not count against whoever happens to run beside them; the wall
// clock is recorded too. Elsewhere both are the wall clock.
const schedstat = `/proc/self/task/${process.pid}/schedstat`;
const threadClock = existsSync(schedstat) ? () => Number(readFileSync(schedstat, 'latin1').split(' ')[0]) / 1e6 : null;
const cpuNow = threadClock ?? (() => performance.now());

/** Runs steps until `ms` of wall time have passed (and at least `minSteps`); returns steps per second. */
function timed(c, ms, start, minSteps = 3) {
  let i = start;
  const c0 = cpuNow();
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms || i - start < minSteps) {
    c.step(i++);
    t = performance.now();
  }
  const cpu = cpuNow() - c0;
  return { rate: ((i - start) * 1000) / cpu, wall: ((i - start) * 1000) / (t - t0), next: i };
}

async function main() {
  const workload = WORKLOADS[workloadId];
  if (!workload) throw new Error(`unknown workload ${workloadId}`);
  const [path, options] = MODULES[contender] ?? [];
  if (!path) throw new Error(`unknown contender ${contender}`);
  const mod = await import(path);
  const spec = workload.build();
  const factory = mod.workloads[workloadId];
  if (!factory) return report({ supported: false });
  const c = await factory(spec, options);
  if (c.unsupported) return report({ supported: false, note: c.unsupported });

  // Correctness first: a training workload must lower its loss over a fixed number of steps from the shared
  // start; any other must produce the output whose checksum run.mjs compares with the reference's.
  let i = 0;
  const check = {};
  if (workload.trains) {
    check.loss0 = c.loss();
    for (; i < spec.verifySteps; i++) c.step(i);
    check.loss1 = c.loss();
    check.ok = Number.isFinite(check.loss1) && check.loss1 < 0.97 * check.loss0;
  } else {
    c.step(i++);
    check.checksum = c.loss();
    check.ok = Number.isFinite(check.checksum);
  }

  let run = timed(c, warmupMs, i);
  i = run.next;
  const rates = [];
  const wallRates = [];
  for (let s = 0; s < samples; s++) {
    run = timed(c, sampleMs, i);
    i = run.next;
    rates.push(run.rate);
    wallRates.push(run.wall);
  }
  const clock = threadClock ? 'thread-cpu' : 'wall';
  report({ supported: true, clock, rates, wallRates, check, perStep: c.perStep ?? null, note: c.note ?? null });
  await c.dispose?.();
}

main().catch((e) => {
  report({ supported: true, error: String(e?.stack ?? e) });
  process.exitCode = 1;
});
