// The Content Security Policy, as a browser enforces it: every page carries a strict one (no inline or
// eval'd script that the build did not hash), the host's headers add who may frame it, an injected script
// is refused, and the book's live parts (search, a trained figure, WebAssembly) run under it with no
// violation. Every other spec runs under the same policy too: a refused script or style is a console error,
// which their `watchErrors` checks catch.
import { expect, test, type Page } from '@playwright/test';
import { builtPaths, visitEverything, watchErrors } from './pages.ts';

type Directives = Record<string, string[]>;
const parse = (policy: string): Directives =>
  Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );

/** Records every violation the page reports, from before its first script runs. */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

test('every page carries a strict policy in its head, and the host headers say who may frame it', async ({ request }) => {
  const paths = [...builtPaths(), '/404.html'];
  expect(paths.length).toBeGreaterThan(20);
  for (const path of paths) {
    const response = await request.get(path);
    const html = await response.text();
    const metas = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]+)"/gi)];
    expect(metas, `${path}: one policy meta tag`).toHaveLength(1);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.indexOf('content-security-policy'), `${path}: the policy comes before any script`).toBeLessThan(head.search(/<script/) === -1 ? Infinity : head.search(/<script/));
    const d = parse(metas[0][1]);
    expect(d['script-src'], `${path}: script-src`).toEqual(expect.arrayContaining(["'self'"]));
    expect(d['script-src'].filter((s) => !s.startsWith("'sha256-")), `${path}: nothing but self, hashes and WebAssembly`).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d['style-src'], `${path}: style-src`).not.toContain("'unsafe-inline'");
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['worker-src']).toEqual(["'self'"]);
    if (path !== '/404.html') {
      expect(parse(response.headers()['content-security-policy'] ?? '')['frame-ancestors'], `${path}: frame-ancestors header`).toEqual(["'self'"]);
    }
  }
});

test('an injected inline script is refused and reported, and an inline event handler too', async ({ page }) => {
  const violations = await recordViolations(page);
  const errors = watchErrors(page);
  await page.goto('/chapters/neurons/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
  await page.evaluate(() => {
    document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.injected = true' }));
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.handler = true');
    img.src = 'data:,not-an-image';
    document.body.append(img);
  });
  await expect.poll(violations).toEqual(expect.arrayContaining(['script-src-elem inline', 'script-src-attr inline']));
  expect(await page.evaluate(() => 'injected' in window || 'handler' in window)).toBe(false);
  // The refusals are the browser's console errors; nothing else went wrong.
  expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
});

test('search, a figure that trains in a worker, and the theme script all run with no violation', async ({ page }) => {
  const violations = await recordViolations(page);
  const errors = watchErrors(page);
  await page.goto('/play/playground/');
  // The theme bootstrap ran (it is inlined and allowed by its hash).
  await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
  // NOTE: Train is in the page before the figure hydrates; a click on it then does nothing.
  await visitEverything(page);
  const train = page.getByRole('button', { name: 'Train', exact: true }).first();
  await train.scrollIntoViewIfNeeded();
  await train.click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).first().click();
  // Pagefind's search runs WebAssembly ('wasm-unsafe-eval', which allows no JavaScript eval).
  await page.getByRole('button', { name: 'Search' }).click();
  const input = page.getByRole('searchbox').or(page.getByRole('textbox', { name: /search/i })).first();
  await input.fill('backpropagation');
  await expect(page.getByRole('link', { name: /backprop/i }).first()).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});
