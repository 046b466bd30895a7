// `npm run bench`: every workload on every contender, each in its own process (bench/worker.mjs), in
// interleaved rounds so that a noisy neighbour slows everyone alike. Ratios to the hand-written reference
// of the same round are what count. Writes bench/results/latest.json and the table in bench/README.md.
//
//   npm run bench                      full run (3 rounds, ~8 minutes on 2 busy cores)
//   npm run bench -- --quick           one short round (~2 minutes); writes bench/results/quick.json.tmp
//   npm run bench -- --only=W1,W4      some workloads;  --contenders=reference,ours  some contenders
//   npm run bench -- --rounds=5        more rounds (less noise)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEngine } from './bundle.mjs';
import { machine, markdown, median, printWorkload, summarise, updateReadme } from './report.mjs';
import { WORKLOADS } from './workloads.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = process.argv.includes('--quick');
const rounds = Number(arg('rounds') ?? (quick ? 1 : 3));
const timing = quick ? ['--samples=3', '--sample-ms=150', '--warmup-ms=200'] : ['--samples=4', '--sample-ms=250', '--warmup-ms=300'];

/** Who runs which workload; the first is the workload's reference. */
const CONTENDERS = {
  W1: ['reference', 'ours', 'tfjs-cpu', 'tfjs-wasm', 'convnetjs', 'playground'],
  'W1-grid': ['reference', 'ours', 'tfjs-cpu', 'tfjs-wasm', 'convnetjs', 'playground'],
  W2: ['reference', 'ours', 'tfjs-cpu', 'tfjs-wasm', 'convnetjs'],
  W3: ['reference', 'ours', 'tfjs-cpu', 'tfjs-wasm', 'convnetjs'],
  W4: ['micrograd', 'ours', 'lean-scalar'],
  W5: ['reference', 'ours', 'tfjs-cpu', 'tfjs-wasm'],
  W7: ['reference', 'ours', 'tfjs-cpu', 'tfjs-wasm'],
  W8: ['reference', 'ours', 'tfjs-cpu', 'tfjs-wasm'],
  MM64: ['reference', 'ours', 'tfjs-cpu', 'tfjs-wasm'],
  MM256: ['reference', 'ours', 'tfjs-cpu', 'tfjs-wasm'],
};

const only = arg('only')?.split(',');
const pick = arg('contenders')?.split(',');
const workloads = Object.keys(WORKLOADS).filter((w) => !only || only.includes(w));

/** Runs one worker process and returns its RESULT. */
function runWorker(workload, contender, env, nodeArgs) {
  return new Promise((resolve) => {
    const args = [...nodeArgs, join(here, 'worker.mjs'), workload, contender, ...timing];
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill(), 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) resolve(JSON.parse(line.slice(7)));
      else resolve({ workload, contender, supported: true, error: `worker exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

async function main() {
  const started = Date.now();
  // The digits data set is built from the `mnist` package (skipped when already up to date).
  spawnSync(process.execPath, [join(root, 'scripts', 'build-digits.mjs')], { stdio: 'inherit' });
  const engine = await bundleEngine();
  const env = { ...process.env, ENGINE_BUNDLE: engine.path };
  const info = machine();
  console.log(`bench: ${info.cpu} × ${info.cores}, Node ${info.node}, load ${info.loadStart.join(' ')}; ${rounds} round(s)${quick ? ', quick' : ''}`);

  // Each round visits every workload; within a workload the reference runs first and last, and the
  // other contenders' order rotates from round to round.
  const plan = [];
  for (let r = 0; r < rounds; r++)
    for (const w of workloads) {
      const [ref, ...others] = CONTENDERS[w];
      const rest = others.filter((c) => !pick || pick.includes(c));
      const rotated = rest.map((_, i) => rest[(i + r) % rest.length]);
      plan.push(...[ref, ...rotated, ref].map((c) => ({ round: r, workload: w, contender: c })));
    }

  const runs = [];
  for (const [n, job] of plan.entries()) {
    const res = await runWorker(job.workload, job.contender, env, job.contender === 'ours' ? engine.nodeArgs : []);
    runs.push({ ...job, ...res });
    const what = res.error ? `error: ${res.error.split('\n')[0]}` : !res.supported ? 'not supported' : `${Math.round(median(res.rates)).toLocaleString('en')}/s`;
    console.log(`  [${n + 1}/${plan.length}] round ${job.round + 1} ${job.workload} ${job.contender}: ${what}`);
  }

  const results = summarise(runs, workloads, CONTENDERS);
  for (const w of workloads) printWorkload(w, results[w]);
  info.loadEnd = (await import('node:os')).loadavg().map((x) => x.toFixed(2));
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim() || null;
  const report = {
    date: new Date().toISOString(),
    commit,
    quick,
    rounds,
    timing,
    clock: runs.find((r) => r.clock)?.clock ?? null,
    seconds: Math.round((Date.now() - started) / 1000),
    machine: info,
    results,
  };
  const md = markdown(report);
  console.log(`\n${md}`);
  if (quick || only || pick) {
    writeFileSync(join(here, 'results', 'quick.json.tmp'), JSON.stringify(report, null, 1));
    console.log('bench: partial run, wrote bench/results/quick.json.tmp (bench/README.md unchanged)');
  } else {
    writeFileSync(join(here, 'results', 'latest.json'), JSON.stringify(report, null, 1));
    const readme = join(here, 'README.md');
    if (existsSync(readme)) writeFileSync(readme, updateReadme(readFileSync(readme, 'utf8'), md));
    console.log('bench: wrote bench/results/latest.json and the table in bench/README.md');
  }
  if (engine.temporary) rmSync(dirname(engine.path), { recursive: true, force: true });
  console.log(`bench: done in ${report.seconds} s`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
