// Part II's training figures in a real browser (issues 12 to 15): while each trains in its worker, the
// page's frame rate (requestAnimationFrame callbacks a second), how long clicks wait (Chromium's Event
// Timing: input to the next paint, for 8 clicks on the figure's "In words" button), the longest task on the
// main thread, and how long after pressing Train the figure's own state (its `widget-state` event) first
// meets the goal the chapter states, if it has one. A measurement, not a test.
//
//   npm run build && npm run bench:figures             # every figure, up to 120 s each
//   npm run bench:figures -- digit-cnn                # some figures
//
// Writes bench/results/figures.json and the table between the "figures" markers in bench/README.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { serveDist } from '../scripts/local-server.mjs';
import { writeReadmeBlock } from './readme-block.mjs';

const port = Number(process.env.BENCH_PORT ?? 4397);
const only = process.argv.slice(2);
const scenarios = [
  { id: 'digit-cnn', name: 'Digit CNN (LeNet-shaped, ch. 7)', path: '/play/digit-cnn/', goal: 'CNN test accuracy ≥ 97%', met: (s) => (s?.accuracy?.cnn ?? 0) >= 0.97, limit: 120,
    // Issue 12: the dense network of about as many parameters, trained beside it on the same batches, at that moment.
    atGoal: (s) => `dense network ${(100 * (s?.accuracy?.mlp ?? NaN)).toFixed(1)}%` },
  { id: 'memory-task', name: 'Memory task, RNN/LSTM/GRU (ch. 8)', path: '/play/memory-task/', goal: 'LSTM accuracy ≥ 95% at T = 40', met: (s) => (s?.accuracy?.lstm ?? 0) >= 0.95, limit: 120 },
  { id: 'character-model', name: 'Character model (ch. 8)', path: '/play/character-model/', limit: 60 },
  // Issue 14: the induction phase change within 60 s of Train (the loss on repeated tokens below 1 nat).
  { id: 'induction-heads', name: 'Tiny transformer (ch. 9)', path: '/play/induction-heads/', goal: 'repeated-token loss < 1 (the phase change)', met: (s) => (s?.repeatLoss ?? Infinity) < 1, limit: 60 },
  { id: 'tiny-lm', name: 'Tiny language model (ch. 9)', path: '/play/tiny-lm/', goal: 'held-out loss < 2.5 per letter', met: (s) => (s?.testLoss ?? Infinity) < 2.5, limit: 60 },
  { id: 'spam-filter', name: 'Spam filter (ch. 10)', path: '/play/spam-filter/', limit: 60 },
].filter((s) => !only.length || only.includes(s.id));

const { base, stop } = await serveDist(port);
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const results = [];
try {
  for (const sc of scenarios) {
    const status = (await fetch(base + sc.path)).status;
    if (status !== 200) {
      console.log(`${sc.id}: ${sc.path} answers ${status}; skipped`);
      continue;
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      const w = window;
      w.__bench = { frames: [], states: [], events: [], tasks: [] };
      const tick = (t) => {
        w.__bench.frames.push(t);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      document.addEventListener('widget-state', (e) => w.__bench.states.push({ t: performance.now(), s: e.detail }), true);
      new PerformanceObserver((l) => l.getEntries().forEach((e) => e.name === 'click' && w.__bench.events.push({ t: e.startTime, d: e.duration }))).observe({ type: 'event', durationThreshold: 16, buffered: true });
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__bench.tasks.push({ t: e.startTime, d: e.duration }))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(base + sc.path);
    const train = page.getByRole('button', { name: /^Train/ }).first();
    await train.scrollIntoViewIfNeeded();
    await train.waitFor();
    // The figure's data may still be loading: wait until Train can be pressed.
    await page.waitForFunction((el) => el && !el.disabled, await train.elementHandle(), { timeout: 60_000 });
    const t0 = await page.evaluate(() => performance.now());
    await train.click();
    // Frames and clicks while it trains: 8 clicks on "In words", one every 1.5 s, after 5 s of warm-up.
    const words = page.getByRole('button', { name: 'In words' }).first();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 5000)));
    const f0 = await page.evaluate(() => window.__bench.frames.length);
    const w0 = await page.evaluate(() => performance.now());
    for (let i = 0; i < 8; i++) {
      await words.click();
      await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
    }
    const { frames, w1 } = await page.evaluate(() => ({ frames: window.__bench.frames.length, w1: performance.now() }));
    const fps = ((frames - f0) / (w1 - w0)) * 1000;
    // Then, until the goal is met or the time limit passes.
    let goalSeconds = null;
    let atGoal = null;
    if (sc.met) {
      const deadline = t0 + sc.limit * 1000;
      for (;;) {
        const states = await page.evaluate(() => window.__bench.states).catch(() => []);
        const first = states.find((x) => sc.met(x.s));
        const hit = first?.t ?? null;
        if (hit !== null) {
          goalSeconds = (hit - t0) / 1000;
          atGoal = sc.atGoal ? sc.atGoal(first.s) : null;
          break;
        }
        if ((await page.evaluate(() => performance.now())) > deadline) break;
        await page.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
      }
    }
    // Only what happened in the measured window (not the page's load, nor the click on Train).
    const inWindow = (x) => x.t >= w0 && x.t <= w1;
    const bench = await page.evaluate(() => window.__bench);
    const events = bench.events.filter(inWindow).map((x) => x.d);
    const longest = Math.max(0, ...bench.tasks.filter(inWindow).map((x) => x.d));
    const row = {
      id: sc.id,
      figure: sc.name,
      fps: Math.round(fps * 10) / 10,
      clicksOver16ms: events.length,
      slowestClickMs: events.length ? Math.round(Math.max(...events)) : null,
      longestTaskMs: Math.round(longest),
      goal: sc.goal ?? null,
      goalSeconds: goalSeconds === null ? null : Math.round(goalSeconds * 10) / 10,
      atGoal,
      limit: sc.limit,
    };
    results.push(row);
    console.log(JSON.stringify(row));
    await page.close();
  }
} finally {
  await browser.close();
  stop();
}

// A run of some figures keeps the other figures' last rows (each row says when and at what load it was measured).
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const load = loadavg()[0].toFixed(1);
for (const r of results) Object.assign(r, { date, load });
const file = 'bench/results/figures.json';
const before = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { results: [] };
const kept = before.results.map((r) => results.find((x) => x.id === r.id) ?? { date: before.date, load: before.load, ...r });
const all = [...kept, ...results.filter((r) => !kept.some((k) => k.id === r.id))];
writeFileSync(file, JSON.stringify({ results: all }, null, 2) + '\n');
const table = [
  '| Figure | Frames/s while training | Clicks over 16 ms (of 8) | Slowest click | Longest main-thread task | Goal | Reached after | Then | Measured (UTC), 1-min load |',
  '|---|---|---|---|---|---|---|---|---|',
  ...all.map(
    (r) =>
      `| ${r.figure} | ${r.fps} | ${r.clicksOver16ms} | ${r.slowestClickMs === null ? 'all under 16 ms' : `${r.slowestClickMs} ms`} | ${r.longestTaskMs ? `${r.longestTaskMs} ms` : 'none over 50 ms'} | ${r.goal ?? '–'} | ${r.goal ? (r.goalSeconds === null ? `not within ${r.limit} s` : `${r.goalSeconds} s`) : '–'} | ${r.atGoal ?? '–'} | ${r.date}, ${r.load} |`,
  ),
  '',
  'Headless Chromium; training shares the 2 cores with the page, so the time to a goal grows with the load.',
].join('\n');
writeReadmeBlock('figures', table);
