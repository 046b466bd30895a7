// Turning the workers' samples into results: medians, ratios to the reference of the same round, the
// correctness checks, the issue's targets; printed for the terminal and as the markdown table of README.md.
import { createRequire } from 'node:module';
import os from 'node:os';
import { WORKLOADS } from './workloads.mjs';

const require = createRequire(import.meta.url);

export const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The targets of issues 4 and 13 (W8): a minimum ratio of ours to the reference, or a minimum GFLOP/s. */
export const TARGETS = [
  { workload: 'W1', min: 1 / 2 },
  { workload: 'W1-grid', min: 1 / 1.5, aim: 'tfjs-wasm' },
  { workload: 'W2', min: 1 / 2 },
  { workload: 'W3', min: 1 / 2 },
  { workload: 'W4', min: 10 },
  { workload: 'W5', min: 1 / 2, aim: 'tfjs-wasm' },
  { workload: 'W7', min: 1 / 1.3, aim: 'tfjs-wasm' },
  { workload: 'W8', min: 1 / 1.3, aim: 'tfjs-wasm' },
  { workload: 'MM64', gflops: 2 },
  { workload: 'MM256', gflops: 2 },
];

export function machine() {
  const version = (p) => require(`${p}/package.json`).version;
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    v8: process.versions.v8,
    packages: { '@tensorflow/tfjs': version('@tensorflow/tfjs'), '@tensorflow/tfjs-backend-wasm': version('@tensorflow/tfjs-backend-wasm'), convnetjs: version('convnetjs') },
    loadStart: os.loadavg().map((x) => x.toFixed(2)),
  };
}

/** |a - b| small next to b: the same computation up to float32 rounding and summation order. */
const agrees = (a, b) => Math.abs(a - b) <= 1e-3 * Math.max(1, Math.abs(b));

function checkAgainst(check, ref) {
  if (!check || !ref) return false;
  if ('checksum' in check) return check.ok && agrees(check.checksum, ref.checksum);
  return check.ok && agrees(check.loss0, ref.loss0) && agrees(check.loss1, ref.loss1);
}

/** Per workload and contender: samples, median and range, ratio to the reference, check. */
export function summarise(runs, workloads, contenders) {
  const out = {};
  for (const w of workloads) {
    const [ref] = contenders[w];
    const refRuns = runs.filter((r) => r.workload === w && r.contender === ref && r.rates);
    const refCheck = refRuns[0]?.check;
    const scale = w.startsWith('MM') ? WORKLOADS[w].build().flops / 1e9 : 1;
    out[w] = {};
    for (const c of contenders[w]) {
      const mine = runs.filter((r) => r.workload === w && r.contender === c);
      if (mine.length === 0) continue;
      const failed = mine.find((r) => r.error);
      if (failed || !mine[0].supported) {
        out[w][c] = { supported: !!mine[0].supported, error: failed?.error.split('\n')[0] ?? null, note: mine[0].note ?? null };
        continue;
      }
      const rates = mine.flatMap((r) => r.rates);
      const ratios = [...new Set(mine.map((r) => r.round))].flatMap((round) => {
        const refRates = refRuns.filter((r) => r.round === round).flatMap((r) => r.rates);
        const own = mine.filter((r) => r.round === round).flatMap((r) => r.rates);
        return refRates.length ? [median(own) / median(refRates)] : [];
      });
      const perStep = mine[0].perStep;
      out[w][c] = {
        supported: true,
        unit: WORKLOADS[w].unit,
        median: median(rates),
        min: Math.min(...rates),
        max: Math.max(...rates),
        ratio: ratios.length ? median(ratios) : null,
        ratioPerRound: ratios,
        gflops: scale !== 1 ? median(rates) * scale : undefined,
        nodesPerSecond: perStep ? median(rates) * perStep : undefined,
        perStep,
        check: mine[0].check,
        correct: mine.every((r) => checkAgainst(r.check, refCheck)),
      };
    }
  }
  out.targets = TARGETS.filter((t) => out[t.workload]?.ours?.supported).map((t) => target(t, out[t.workload]));
  return out;
}

/** One target's verdict from a workload's results. */
export function target(t, res) {
  const ours = res.ours;
  const value = t.gflops ? ours.gflops : ours.ratio;
  const need = t.gflops ?? t.min;
  const rivals = Object.entries(res).filter(([c, r]) => c !== 'ours' && r.supported && !r.error && !['reference', 'micrograd', 'lean-scalar'].includes(c));
  const fastest = rivals.length ? rivals.every(([, r]) => (t.gflops ? r.gflops : r.ratio) < value) : null;
  return {
    workload: t.workload,
    want: t.gflops ? `≥ ${t.gflops} GFLOP/s` : `≥ ${fraction(t.min)} of ${t.workload === 'W4' ? 'micrograd-style' : 'reference'}`,
    got: t.gflops ? `${value.toFixed(2)} GFLOP/s` : fraction(value),
    met: value >= need && ours.correct,
    aim: t.aim ? { contender: t.aim, ratio: res[t.aim]?.ratio ?? null, met: res[t.aim]?.ratio ? value >= res[t.aim].ratio : null } : null,
    fastest,
  };
}

/** 0.5 → "1/2.0", 3.2 → "3.2×". */
export const fraction = (r) => (r === null || r === undefined ? '–' : r >= 1 ? `${r.toFixed(1)}×` : `1/${(1 / r).toFixed(1)}`);
const num = (x) => (x >= 100 ? Math.round(x).toLocaleString('en') : x.toPrecision(3));

function describeCheck(r) {
  if (!r.check) return '';
  const mark = r.correct ? '✓' : '✗ DISAGREES';
  return 'checksum' in r.check ? `output ${mark}` : `loss ${r.check.loss0.toFixed(3)} → ${r.check.loss1.toFixed(3)} ${mark}`;
}

export function printWorkload(w, res) {
  console.log(`\n${WORKLOADS[w].title} (${WORKLOADS[w].unit}/s)`);
  for (const [c, r] of Object.entries(res)) {
    if (!r.supported || r.error) {
      console.log(`  ${c.padEnd(11)} ${r.error ? `error: ${r.error}` : `not supported${r.note ? `: ${r.note}` : ''}`}`);
      continue;
    }
    const extra = r.gflops ? `  ${r.gflops.toFixed(2)} GFLOP/s` : r.nodesPerSecond ? `  ${num(r.nodesPerSecond)} nodes/s` : '';
    console.log(`  ${c.padEnd(11)} ${num(r.median).padStart(9)}  (${num(r.min)}–${num(r.max)})  ${fraction(r.ratio).padStart(7)} of ${w === 'W4' ? 'micrograd' : 'reference'}${extra}  ${describeCheck(r)}`);
  }
}

const COLUMNS = ['reference', 'ours', 'tfjs-cpu', 'tfjs-wasm', 'convnetjs', 'playground', 'lean-scalar'];

/** The markdown tables for README.md: ratios (and rates), then targets. */
export function markdown(report) {
  const { results, machine: m } = report;
  const lines = [
    `Measured ${report.date.slice(0, 10)}${report.commit ? ` at ${report.commit}` : ''} on ${m.cpu} (${m.cores} cores, shared), ` +
      `${m.platform}, Node ${m.node}; ${report.rounds} round(s), load average ${m.loadStart.join(' ')} at the start, ` +
      `clock: ${report.clock === 'thread-cpu' ? "the main thread's CPU time" : 'wall'}. Cells: ratio to the hand-written ` +
      'reference of the same round (higher is faster) and the median rate. W4\'s reference is the micrograd-style engine.',
    '',
    `| Workload | ${COLUMNS.join(' | ')} |`,
    `|---|${COLUMNS.map(() => '---:').join('|')}|`,
  ];
  for (const w of Object.keys(results).filter((k) => k !== 'targets')) {
    const cells = COLUMNS.map((c) => {
      const r = results[w][c] ?? (w === 'W4' && c === 'reference' ? results[w].micrograd : undefined);
      if (!r) return '';
      if (!r.supported) return 'n/a';
      if (r.error) return 'error';
      const rate = r.gflops ? `${r.gflops.toFixed(2)} GFLOP/s` : r.nodesPerSecond ? `${num(r.nodesPerSecond)} nodes/s` : `${num(r.median)}/s`;
      return `${fraction(r.ratio)} (${rate})${r.correct ? '' : ' ✗'}`;
    });
    lines.push(`| ${WORKLOADS[w].title} | ${cells.join(' | ')} |`);
  }
  const notes = Object.entries(results).flatMap(([w, res]) =>
    w === 'targets' ? [] : Object.entries(res).filter(([, r]) => r.note || r.error).map(([c, r]) => `- ${c} on ${w}: ${r.note ?? r.error}`));
  if (notes.length) lines.push('', 'n/a: not supported; error: failed to run.', ...notes);
  lines.push('', '| Target | Wanted | Ours | Met | Fastest contender | Aim |', '|---|---|---|---|---|---|');
  for (const t of results.targets) {
    const aim = t.aim ? `${t.aim.contender} at ${fraction(t.aim.ratio)}: ${t.aim.met ? 'matched' : 'not matched'}` : '';
    const fastest = t.fastest === null ? '–' : t.fastest ? 'yes' : 'no';
    lines.push(`| ${t.workload} | ${t.want} | ${t.got} | ${t.met ? 'yes' : '**no**'} | ${fastest} | ${aim} |`);
  }
  return lines.join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the results between the markers of README.md (or appends them). */
export function updateReadme(text, md) {
  const block = `${START}\n${md}\n${END}`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  return a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + END.length) : `${text.trimEnd()}\n\n${block}\n`;
}
