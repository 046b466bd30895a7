// Helpers shared by the e2e specs: the list of every page the build produced, read from its sitemap.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';

/** Every page path in the built site's sitemap, as a local path ("/", "/chapters/neurons/", ...). */
export async function allPaths(page: Page): Promise<string[]> {
  const index = await (await page.request.get('/sitemap-index.xml')).text();
  const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  const paths: string[] = [];
  for (const map of maps) {
    const xml = await (await page.request.get(map)).text();
    paths.push(...[...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname));
  }
  return paths;
}

/**
 * Visits every path with `visit`, in `tabs` pages of `context` at once (each takes the next path when it is
 * done), for tests that check something on every page: most of each visit is waiting on the network, and the
 * waits overlap. The first failing check fails the test, naming its path as the check does.
 */
export async function inTabs(context: BrowserContext, paths: string[], visit: (tab: Page, path: string) => Promise<void>, { tabs = 4, width = 1280, height = 720 } = {}): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(tabs, paths.length) }, async () => {
      const tab = await context.newPage();
      await tab.setViewportSize({ width, height });
      while (next < paths.length) await visit(tab, paths[next++]);
      await tab.close();
    }),
  );
}

/** Collects console errors and uncaught exceptions from the moment it is called. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** Every page path in the built site's sitemap, read from dist/ when the spec loads, so that each page
 * can be its own test. */
export function builtPaths(): string[] {
  const dist = join(import.meta.dirname, '..', 'dist');
  const locs = (file: string) => [...readFileSync(join(dist, file), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  return locs('sitemap-index.xml').flatMap((map) => locs(map.slice(1)));
}

/** Brings every island into view, so that every figure hydrated "when visible" loads, and waits until
 * all of them have hydrated (Astro removes an island's `ssr` attribute when it has). */
export async function visitEverything(page: Page): Promise<void> {
  // NOTE: islands are `display: contents` (no box of their own), so it is their first child that scrolls.
  // Each waits in view for two frames, so its IntersectionObserver sees it even on a busy machine.
  await page.waitForFunction(
    async () => {
      const waiting = [...document.querySelectorAll('astro-island[ssr]')];
      for (const island of waiting) {
        (island.firstElementChild ?? island.parentElement)?.scrollIntoView({ block: 'center' });
        for (let f = 0; f < 2; f++) await new Promise((done) => requestAnimationFrame(done));
      }
      return document.querySelectorAll('astro-island[ssr]').length === 0;
    },
    null,
    { timeout: 60_000, polling: 500 },
  );
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * axe for a page. NOTE: legacy mode runs axe.run in the page itself; the default mode gathers partial
 * results from each frame and finishes them in a second, blank page, which on a chapter of 8,000 elements
 * spent 15 to 30 s moving 5 MB of partial results about, against 4 to 6 s for the audit itself. The book
 * has no cross-origin frames, the one thing only the default mode checks.
 * Only violations are reported node by node (`resultTypes`): every rule still runs on every element, but
 * axe no longer builds a selector and an HTML excerpt for each of thousands of passing nodes, which took
 * more than half of each audit (chapter 5: 16.7 s, now 4.0 s). NOTE: `options()` replaces axe's options,
 * so it comes first here and a spec's `withRules` adds to it.
 */
export const axeOf = (page: Page): AxeBuilder => new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });

/** From now on every canvas `putImageData` throws `message`, as a bug in a figure's drawing would. */
export async function breakCanvasDrawing(page: Page, message: string): Promise<void> {
  await page.evaluate((message) => {
    const w = window as unknown as { breakDrawing: boolean };
    w.breakDrawing = true;
    const proto = CanvasRenderingContext2D.prototype as unknown as { putImageData: (...args: unknown[]) => void };
    const put = proto.putImageData;
    proto.putImageData = function (this: unknown, ...args: unknown[]) {
      if (w.breakDrawing) throw new Error(message);
      return put.apply(this, args);
    };
  }, message);
}

/** Undoes `breakCanvasDrawing`: drawing works again. */
export const mendCanvasDrawing = (page: Page): Promise<boolean> => page.evaluate(() => ((window as unknown as { breakDrawing: boolean }).breakDrawing = false));
