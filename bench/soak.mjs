// Soak: the figures that train for a long time (the Playground, the digit CNN, the tiny transformer) train
// for N minutes each in headless Chromium; every 30 s the page's and its workers' heaps are collected
// (HeapProfiler.collectGarbage) and measured (Runtime.getHeapUsage). A leak shows as a heap that keeps
// growing after collection: the script fits a line to the samples of the second half of the run (the first
// half includes warm-up: data loaded, caches filled) and reports its slope in kB per minute.
//
//   npm run build && npm run bench:soak              # 10 minutes per figure
//   npm run bench:soak -- 2                          # 2 minutes per figure
//
// Writes bench/results/soak.json and the table between the "soak" markers in bench/README.md.
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { serveDist } from '../scripts/local-server.mjs';
import { writeReadmeBlock } from './readme-block.mjs';

const minutes = Number(process.argv[2] ?? 10);
const port = Number(process.env.BENCH_PORT ?? 4396);
const SAMPLE_MS = 30_000;
const figures = [
  { name: 'Playground', path: '/play/playground/' },
  { name: 'Digit CNN', path: '/play/digit-cnn/' },
  { name: 'Tiny transformer', path: '/play/induction-heads/' },
];

/** The least-squares slope of y against x. */
function slope(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxx ? sxy / sxx : 0;
}

/** Collects and measures the heap of the page and of every worker it runs, through one browser session. */
async function heaps(cdp) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  let total = 0;
  let workers = 0;
  for (const t of targetInfos.filter((t) => t.type === 'page' || t.type === 'worker')) {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
    const call = (method, params = {}) =>
      new Promise((resolve) => {
        const id = Math.floor(Math.random() * 1e9);
        const onMessage = (e) => {
          if (e.sessionId !== sessionId) return;
          const m = JSON.parse(e.message);
          if (m.id === id) {
            cdp.off('Target.receivedMessageFromTarget', onMessage);
            resolve(m.result ?? {});
          }
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => resolve({}));
      });
    await call('HeapProfiler.collectGarbage');
    const { usedSize = 0 } = await call('Runtime.getHeapUsage');
    total += usedSize;
    if (t.type === 'worker') workers++;
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }
  return { bytes: total, workers };
}

const { base, stop } = await serveDist(port);
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const results = [];
try {
  for (const fig of figures) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + fig.path);
    const train = page.getByRole('button', { name: /^Train/ }).first();
    await train.scrollIntoViewIfNeeded();
    await train.click();
    const cdp = await browser.newBrowserCDPSession();
    const t0 = Date.now();
    const samples = [];
    let restarts = 0;
    while (Date.now() - t0 < minutes * 60_000) {
      await new Promise((r) => setTimeout(r, Math.min(SAMPLE_MS, minutes * 60_000 - (Date.now() - t0))));
      // A figure that stopped at its budget is started again, so it trains the whole time.
      if (await train.isVisible().catch(() => false)) {
        const label = (await train.textContent()) ?? '';
        if (/^Train/.test(label.trim()) && (await train.isEnabled())) {
          const reset = page.getByRole('button', { name: 'Reset', exact: true }).first();
          await reset.click();
          await train.click();
          restarts++;
        }
      }
      const h = await heaps(cdp);
      samples.push({ minute: (Date.now() - t0) / 60_000, mb: h.bytes / 2 ** 20, workers: h.workers });
    }
    await cdp.detach();
    const late = samples.slice(Math.floor(samples.length / 2));
    const kbPerMin = slope(late.map((s) => s.minute), late.map((s) => s.mb)) * 1024;
    const row = { figure: fig.name, path: fig.path, minutes, samples: samples.length, firstMb: samples[0]?.mb, lastMb: samples.at(-1)?.mb, kbPerMinLateHalf: Math.round(kbPerMin), restarts, workers: Math.max(0, ...samples.map((s) => s.workers)), pageErrors: errors.length };
    results.push(row);
    console.log(JSON.stringify(row));
    await page.close();
  }
} finally {
  await browser.close();
  stop();
}

const load = loadavg()[0].toFixed(1);
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
writeFileSync('bench/results/soak.json', JSON.stringify({ date, load, results }, null, 2) + '\n');
const table = [
  '| Figure | Minutes | Heap after collection, first → last sample (MB) | Slope over the second half (kB/min) | Workers measured | Restarts at budget | Page errors |',
  '|---|---|---|---|---|---|---|',
  ...results.map((r) => `| ${r.figure} (\`${r.path}\`) | ${r.minutes} | ${r.firstMb?.toFixed(1)} → ${r.lastMb?.toFixed(1)} | ${r.kbPerMinLateHalf} | ${r.workers} | ${r.restarts} | ${r.pageErrors} |`),
  '',
  `Measured ${date} UTC, page and worker heaps together, 1-minute load ${load}.`,
].join('\n');
writeReadmeBlock('soak', table);
