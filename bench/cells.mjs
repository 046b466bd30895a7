// Code cells that print a lot, in a real browser: how long `for (...) print(i)` takes from Run to the
// finished status line, and how long the page's main thread stalls meanwhile (the longest gap between
// animation frames, and the sum of long tasks). A measurement, not a test: it prints a table.
//
//   npx astro build && node bench/cells.mjs [--port 4373] [--repeat 3] [--counts 1000,10000,100000] [--dist path/to/dist]
//
// It serves dist/ with scripts/serve-dist.mjs (unless something already answers on the port), drives
// Debian's Chromium (CHROMIUM_PATH to override) headless, opens /play/notebook/ and, in its third cell,
// runs each count `repeat` times, interleaved. A baseline first times an empty cell (`print(1)`), which
// is the kernel's own round trip: compare the others with it, since absolute times move with the
// machine's load. Each row is the median of its runs, with the range.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const port = Number(opt('port', process.env.E2E_PORT ?? 4373));
const repeat = Math.max(1, Number(opt('repeat', 3)));
const counts = opt('counts', '1000,10000,100000').split(',').map(Number);
const dist = resolve(opt('dist', 'dist'));
const base = `http://127.0.0.1:${port}`;
const CELL = 'Code cell 3: look inside';

async function up() {
  try {
    return (await fetch(base)).ok;
  } catch {
    return false;
  }
}

let server = null;
if (!(await up())) {
  if (!existsSync(dist)) throw new Error(`no build at ${dist}: run npx astro build first`);
  server = spawn(process.execPath, [resolve('scripts/serve-dist.mjs'), String(port)], { cwd: dirname(dist), stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await up()); i++) await new Promise((r) => setTimeout(r, 100));
}

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });

async function measure(page, code, timeoutMs) {
  const cell = page.getByRole('region', { name: CELL });
  const editor = cell.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await editor.fill(code);
  await page.evaluate(() => {
    const w = window;
    w.__gaps = [];
    w.__long = 0;
    let last = performance.now();
    w.__stopFrames = false;
    const tick = (t) => {
      w.__gaps.push(t - last);
      last = t;
      if (!w.__stopFrames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    w.__obs?.disconnect();
    w.__obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long += e.duration;
    });
    w.__obs.observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await cell.getByRole('button', { name: 'Run' }).click();
  await cell.getByText(/^Ran in /).waitFor({ timeout: timeoutMs });
  const ms = Date.now() - t0;
  const { gap, long } = await page.evaluate(() => {
    const w = window;
    w.__stopFrames = true;
    return { gap: Math.max(0, ...w.__gaps), long: w.__long };
  });
  const status = await cell.locator('.state').innerText();
  return { ms, gap, long, status };
}

const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${base}/play/notebook/`);
await page.evaluate(() => localStorage.clear());
await page.reload();
await page.getByRole('region', { name: CELL }).scrollIntoViewIfNeeded();
await page.getByRole('region', { name: CELL }).locator('.cm-content').waitFor();

const scenarios = [{ name: 'baseline: print(1)', code: 'print(1)', n: 1 }, ...counts.map((n) => ({ name: `${n.toLocaleString('en-US')} prints`, code: `for (let i = 0; i < ${n}; i++) print(i)`, n }))];
const results = new Map(scenarios.map((s) => [s.name, []]));
// Warm the kernel (its first run starts the sandbox and loads the engine).
await measure(page, 'print(0)', 30_000);
for (let r = 0; r < repeat; r++) {
  for (const s of scenarios) results.get(s.name).push(await measure(page, s.code, 120_000));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
console.log(`Chromium ${browser.version()}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}, ${repeat} runs each (median, range)`);
console.log('| Cell | Run to finished (ms) | Longest frame gap (ms) | Long tasks, total (ms) |');
console.log('| --- | ---: | ---: | ---: |');
for (const s of scenarios) {
  const rs = results.get(s.name);
  const col = (k) => `${fmt(median(rs.map((x) => x[k])))} (${fmt(Math.min(...rs.map((x) => x[k])))}–${fmt(Math.max(...rs.map((x) => x[k])))})`;
  console.log(`| ${s.name} | ${col('ms')} | ${col('gap')} | ${col('long')} |`);
}
console.log(`Last status line: ${results.get(scenarios.at(-1).name).at(-1).status}`);

await browser.close();
server?.kill();
