// Offline: after one visit the whole book works with no network (pages, scripts, fonts, search, figures,
// code cells, the data sets once used), "Save the whole book" fetches the rest with its size and progress,
// and a new deploy is offered with Reload instead of silently serving the old pages.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import sirv from 'sirv';
import { watchErrors } from './pages.ts';

// NOTE: Playwright sees (and routes) requests made by a service worker itself only with this switch; with
// it, the route below cuts the service worker off from the network too, so a page that still loads came
// from its cache. It must be set before the browser starts, which happens after this module loads.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
test.use({ serviceWorkers: 'allow' });

/** First visit: waits until the service worker has saved the book and says so. */
async function firstVisit(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: 'it now opens without a network' })).toBeVisible({ timeout: 45_000 });
}

/** Pulls the plug: the browser is offline and every request that would reach the server fails. */
async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}

test('after one visit, chapters, search, a figure and a code cell all work with no network', async ({ page, context }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await firstVisit(page);
  await goOffline(context);
  // Proof that the network is really gone for the service worker too: a file it does not keep fails.
  await page.goto('/chapters/backpropagation/');
  expect(await page.evaluate(() => fetch('/offline-files.json').then(() => 'reached', () => 'refused'))).toBe('refused');

  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('link', { name: /^Next/ }).click();
  await expect(page).toHaveURL(/\/chapters\/sgd\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // KaTeX's fonts came from the cache too.
  expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);

  await page.getByRole('button', { name: 'Search' }).click();
  const input = page.getByRole('searchbox').or(page.getByRole('textbox', { name: /search/i })).first();
  await expect(input).toBeFocused();
  await page.keyboard.type('gradient');
  await expect(page.locator('pagefind-modal a[href*="/chapters/"]').first()).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press('Escape');

  await page.goto('/chapters/introduction/');
  const fig = page.getByRole('figure').filter({ has: page.getByRole('heading', { name: 'A first network' }) });
  await fig.scrollIntoViewIfNeeded();
  await page.locator('astro-island:not([ssr])').filter({ has: fig }).first().waitFor({ state: 'attached' });
  await fig.getByRole('button', { name: 'Train' }).click();
  // Training runs (in its worker, loaded from the cache): the epoch counter climbs.
  await expect.poll(async () => Number(await fig.locator('.stats strong').first().innerText()), { timeout: 30_000 }).toBeGreaterThan(10);
  await fig.getByRole('button', { name: 'Pause' }).click();

  await page.goto('/play/notebook/');
  const cell = page.getByRole('region', { name: 'Code cell 1: make a data set' });
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('button', { name: 'Run' }).click();
  await expect(cell.getByLabel('Output', { exact: true })).toContainText('points: 200 classes: 2');

  // A page that does not exist still answers, with the book's own "not found" page.
  await page.goto('/chapters/no-such-chapter/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
  expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
});

test('Save the whole book: says the size, shows progress, and the data sets then load offline', async ({ page, context }) => {
  test.setTimeout(240_000);
  await firstVisit(page);
  const section = page.getByRole('region', { name: 'Read offline' });
  await section.scrollIntoViewIfNeeded();
  await expect(section).toContainText(/It will fetch \d+ files, \d+\.\d MB/);
  await section.getByRole('button', { name: 'Save the whole book for offline use' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'The whole book is saved on this device' })).toBeVisible({ timeout: 60_000 });

  await goOffline(context);
  await page.goto('/');
  const bytes = await page.evaluate(async () => (await (await fetch('/data/digits-28.bin')).arrayBuffer()).byteLength);
  expect(bytes).toBeGreaterThan(1_000_000);
});

/** A second host of dist/ whose service worker script changes when `deploy()` is called, as after a new deploy. */
async function deployableHost(): Promise<{ origin: string; deploy: () => void; server: Server }> {
  const serve = sirv('dist', { dev: false, extensions: ['html'] });
  let deployed = false;
  const server = createServer(async (req, res) => {
    if (deployed && req.url?.startsWith('/sw.js')) {
      res.setHeader('Content-Type', 'text/javascript');
      res.end(`${await readFile('dist/sw.js', 'utf8')}\n// deploy 2\n`);
      return;
    }
    serve(req, res, () => {
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, deploy: () => (deployed = true), server };
}

test('a new deploy shows "A new version is available" with Reload, and progress survives the update', async ({ page }) => {
  test.setTimeout(240_000);
  const host = await deployableHost();
  try {
    await page.goto(`${host.origin}/`);
    await expect(page.getByRole('status').filter({ hasText: 'it now opens without a network' })).toBeVisible({ timeout: 45_000 });
    await page.evaluate(() => localStorage.setItem('dll-offline-test', 'kept'));
    host.deploy();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByRole('status').filter({ hasText: 'A new version of the book is available.' });
    await expect(prompt).toBeVisible({ timeout: 45_000 });
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(prompt).toBeHidden();
    expect(await page.evaluate(() => localStorage.getItem('dll-offline-test'))).toBe('kept');
  } finally {
    host.server.close();
  }
});
