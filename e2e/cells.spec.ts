// Code cells under load and under attack, as the red-team run tried them: long output is cut and offered
// as a download, figures are capped, nothing leaves the sandbox, timers left running are shown and
// stopped, forged messages and replaced handlers do not wedge the kernel, graded code cannot forge a pass,
// and cells run with no 'unsafe-eval' in the page's policy.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './pages.ts';

const NAME = 'Code cell 3: look inside';
const cell = (page: Page, name = NAME) => page.getByRole('region', { name });
const output = (page: Page) => cell(page).getByLabel('Output', { exact: true });

async function replaceCode(page: Page, code: string, name = NAME) {
  await cell(page, name).scrollIntoViewIfNeeded();
  const editor = cell(page, name).locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await editor.fill(code);
}

async function run(page: Page, code: string) {
  await replaceCode(page, code);
  await cell(page).getByRole('button', { name: 'Run' }).click();
}

const finished = (page: Page, timeout = 15_000) => expect(cell(page).getByRole('button', { name: 'Run' })).toBeEnabled({ timeout });

test.beforeEach(async ({ page }) => {
  await page.goto('/play/notebook/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('10,000 prints finish quickly, the middle is cut, the status sums up, and the download has every line', async ({ page }) => {
  const errors = watchErrors(page);
  await run(page, 'for (let i = 0; i < 10000; i++) print(i)');
  await expect(cell(page).getByText(/^Ran in .*: 10,000 lines of output; 9,500 lines cut/)).toBeVisible({ timeout: 15_000 });
  const out = output(page);
  await expect(out).toContainText('9,500 lines cut here');
  const text = await out.innerText();
  expect(text).toMatch(/^0\n1\n2\n/);
  expect(text.trimEnd().endsWith('9999')).toBe(true);
  // Only what is kept is drawn: a few hundred lines, not ten thousand.
  expect(text.split('\n').length).toBeLessThan(600);
  const [download] = await Promise.all([page.waitForEvent('download'), out.getByRole('button', { name: 'Download the full output' }).click()]);
  const full = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n');
  expect(full).toHaveLength(10_000);
  expect(full[9_999]).toBe('9999');
  // The output is not a live region: the status line says it once.
  await expect(out).not.toHaveAttribute('aria-live');
  expect(errors).toEqual([]);
});

test('100,000 prints do not take the tab down', async ({ page }) => {
  test.setTimeout(60_000);
  await run(page, "for (let i = 0; i < 100000; i++) print('line', i, 'of a long run')");
  await expect(cell(page).getByText(/100,000 lines of output/)).toBeVisible({ timeout: 30_000 });
  await expect(output(page)).toContainText('line 99999 of a long run');
  // The page answers at once.
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('big tables and plots are capped with a notice, and a 500 × 500 heat map draws', async ({ page }) => {
  const errors = watchErrors(page);
  await run(
    page,
    [
      'table(Array.from({ length: 100000 }, (_, i) => ({ i, square: i * i })));',
      'plot.heatmap(randn([500, 500], rng(1)), { title: "noise" });',
      'plot.line({ loss: Array.from({ length: 50000 }, (_, i) => 1 / (i + 1)) });',
      "print('<img src=x onerror=\"document.title=1\">');",
    ].join('\n'),
  );
  await finished(page);
  const out = output(page);
  await expect(out).toContainText('Showing 200 of 100,000 rows');
  await expect(out.getByRole('img', { name: /Heat map of a 500 by 500 matrix/ })).toBeVisible();
  await expect(out).toContainText('drawn as averages of 7 × 7 blocks');
  await expect(out).toContainText('50,000 steps, drawn at 2,000 of them');
  await expect(out).toContainText('<img src=x onerror="document.title=1">');
  await expect(out.locator('img')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test.describe('no network from a cell', () => {
  let logger: Server;
  let hits: string[] = [];
  const port = Number(process.env.E2E_PORT ?? 4329) + 1000;
  test.beforeAll(async () => {
    logger = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.end('ok');
    });
    await new Promise<void>((resolve) => logger.listen(port, '127.0.0.1', resolve));
  });
  test.afterAll(() => new Promise<void>((resolve) => logger.close(() => resolve())));

  test('fetch in every mode, XHR, WebSocket, EventSource, importScripts, a nested worker and beacons are refused', async ({ page }) => {
    hits = [];
    const url = `http://127.0.0.1:${port}`;
    await run(
      page,
      `const url = '${url}';
const tries = {
  fetchCors: () => fetch(url + '/cors').then((r) => r.status),
  fetchNoCors: () => fetch(url + '/no-cors', { mode: 'no-cors', method: 'POST', body: 'secret' }).then((r) => r.type),
  fetchSame: () => fetch('${new URL(page.url()).origin}/').then((r) => r.status),
  xhr: () => new Promise((ok, no) => { const x = new XMLHttpRequest(); x.open('GET', url + '/xhr'); x.onload = () => ok(x.status); x.onerror = () => no(new Error('refused')); x.send(); }),
  webSocket: () => new Promise((ok, no) => { const w = new WebSocket(url.replace('http', 'ws') + '/ws'); w.onopen = () => ok('open'); w.onerror = () => no(new Error('refused')); }),
  eventSource: () => new Promise((ok, no) => { const e = new EventSource(url + '/sse'); e.onopen = () => ok('open'); e.onerror = () => no(new Error('refused')); }),
  importScripts: () => importScripts(url + '/import.js'),
  nestedWorker: () => new Worker(URL.createObjectURL(new Blob(["fetch('" + url + "/nested')"]))),
  image: () => { const i = new Image(); i.src = url + '/image'; return 'sent'; },
  sendBeacon: () => navigator.sendBeacon(url + '/beacon', 'x'),
};
for (const [name, f] of Object.entries(tries)) {
  try { print(name, 'reached:', String(await f())); } catch (e) { print(name, 'refused'); }
}`,
    );
    await finished(page);
    const text = await output(page).innerText();
    for (const name of ['fetchCors', 'fetchNoCors', 'fetchSame', 'xhr', 'webSocket', 'eventSource', 'importScripts', 'nestedWorker', 'image', 'sendBeacon']) {
      expect(text).toContain(`${name} refused`);
    }
    expect(text).not.toContain('reached');
    // Give any request that slipped out time to arrive: a round trip to the logger itself.
    await page.request.get(`${url}/probe`);
    expect(hits).toEqual(['GET /probe']);
  });
});

test('a timer left running shows as running, and Stop cancels it without losing variables', async ({ page }) => {
  await run(page, "const kept = 42;\nlet ticks = 0;\nsetInterval(() => print('tick', ++ticks), 50);");
  await expect(cell(page).getByText(/the code returned, 1 timer still pending/)).toBeVisible();
  await expect(output(page)).toContainText('tick 3');
  const stop = cell(page).getByRole('button', { name: 'Stop' });
  await expect(stop).toBeEnabled();
  await stop.click();
  await expect(output(page)).toContainText('Stopped: 1 timer cancelled. Variables were kept.');
  await run(page, "print('kept is', kept)");
  await expect(output(page)).toContainText('kept is 42');
});

test('a setTimeout runs before the cell counts as finished', async ({ page }) => {
  await run(page, "setTimeout(() => print('later'), 200);\nprint('now');");
  await finished(page);
  await expect(output(page)).toContainText('now\nlater');
});

test("cell code cannot forge the kernel's messages or replace its handlers", async ({ page }) => {
  const errors = watchErrors(page);
  await run(
    page,
    `print(typeof postMessage, typeof onmessage, typeof close, typeof importScripts, typeof Worker);
self.onmessage = () => {};
try { DedicatedWorkerGlobalScope.prototype.postMessage.call(self, { type: 'done', run: 1 }); } catch (e) { print('no postMessage:', e.name); }
MessagePort.prototype.postMessage = function () { print('caught a port'); };
print('still here');`,
  );
  await finished(page);
  await expect(output(page)).toContainText('undefined undefined undefined undefined undefined');
  await expect(output(page)).toContainText('no postMessage: TypeError');
  await expect(output(page)).toContainText('still here');
  await expect(output(page)).not.toContainText('caught a port');
  await run(page, "print('next run', 1 + 1)");
  await expect(output(page)).toContainText('next run 2');
  expect(errors).toEqual([]);
});

test("a cell that reuses an engine name is told so, and the engine's stays reachable", async ({ page }) => {
  await run(page, "const full = 'mine';\nprint(full, engine.full([2], 7).data.join(','));");
  await finished(page);
  await expect(output(page)).toContainText("this cell declares `full`, which was the engine's `full`, still there as `engine.full`");
  await expect(output(page)).toContainText('mine 7,7');
});

test("cells run under the site's own strict policy: hashed scripts only, no unsafe-eval", async ({ page }) => {
  const html = await (await page.request.get('/play/notebook/')).text();
  const policy = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1] ?? '';
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[^']+')+;/);
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await page.reload();
  // The policy is in force: an injected inline script is refused.
  await page.evaluate(() => document.head.append(Object.assign(document.createElement('script'), { textContent: 'window.injected = true' })));
  await expect.poll(() => page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual(['script-src-elem inline']);
  expect(await page.evaluate(() => 'injected' in window)).toBe(false);
  await run(page, "const f = new Function('a', 'return a * 2');\nprint('doubled', f(21));");
  await expect(output(page)).toContainText('doubled 42');
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual(['script-src-elem inline']);
});
