// The book's shell, as a reader meets it: every page loads cleanly and accessibly, navigation and
// search work by keyboard, the theme persists, phones do not scroll sideways, and print hides the chrome.
import type AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { allPaths, axeOf, builtPaths, inTabs, visitEverything, watchErrors } from './pages.ts';

// One test per page, so they spread over the workers. Every figure is hydrated first (they load when
// scrolled into view), and axe runs in both themes: the dark one only needs its colours checked again.
for (const path of [...builtPaths(), '/404.html']) {
  test(`${path} loads without console errors and with no axe violations, in both themes`, async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    await visitEverything(page);
    // Every exercise and figure has loaded: none reports that it could not.
    await expect(page.getByRole('alert')).toHaveCount(0);
    const summary = (r: Awaited<ReturnType<AxeBuilder['analyze']>>) =>
      r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary(await axeOf(page).analyze()), 'axe violations, light theme').toEqual([]);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    expect(summary(await axeOf(page).withRules(['color-contrast']).analyze()), 'axe violations, dark theme').toEqual([]);
    expect(errors, 'console errors').toEqual([]);
  });
}

test('chapter math is rendered by KaTeX at build time', async ({ page }) => {
  const paths = (await allPaths(page)).filter((p) => p.startsWith('/chapters/'));
  expect(paths.length).toBeGreaterThan(0);
  for (const path of paths) {
    const response = await page.request.get(path);
    const html = await response.text();
    expect(html, `${path} has rendered math`).toContain('class="katex"');
    expect(html, `${path} has no KaTeX errors`).not.toContain('katex-error');
    await page.goto(path);
    // NOTE: textContent, not innerText, which is empty for a part of a chapter skipped while off screen.
    const text = (await page.locator('article').textContent()) ?? '';
    expect(text, `${path} shows no raw display-math delimiters`).not.toContain('$$');
  }
});

test('the home page lists every chapter and each link opens it', async ({ page }) => {
  await page.goto('/');
  const chapterPaths = (await allPaths(page)).filter((p) => p.startsWith('/chapters/'));
  const links = page.getByRole('region', { name: 'Contents' }).getByRole('link');
  await expect(links).toHaveCount(chapterPaths.length);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect([...hrefs].sort()).toEqual([...chapterPaths].sort());
  for (const href of hrefs) {
    const response = await page.goto(href!);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Chapters' }).locator('[aria-current="page"]')).toHaveCount(1);
  }
});

test('keyboard: Tab reaches the skip link, the navigation and search, and search finds a chapter word', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  await page.goto('/');
  const reached: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.tagName} ${el?.getAttribute('aria-label') ?? ''} ${el?.textContent?.trim().slice(0, 30) ?? ''}`;
    }));
  }
  expect(reached.some((r) => r.includes('Contents'))).toBe(true);
  const searchIndex = reached.findIndex((r) => /search/i.test(r));
  expect(searchIndex, `focus order: ${reached.join(' | ')}`).toBeGreaterThan(-1);

  await page.goto('/');
  for (let i = 0; i <= searchIndex; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const input = page.getByRole('searchbox').or(page.getByRole('textbox', { name: /search/i })).first();
  await expect(input).toBeVisible();
  await expect(input).toBeFocused();
  // A word that really occurs in a chapter: the longest word of the first chapter's first section heading.
  const chapter = (await allPaths(page)).find((p) => p.startsWith('/chapters/'))!;
  const chapterHtml = await (await page.request.get(chapter)).text();
  const heading = /<h2[^>]*id="(?!objectives)[^"]*"[^>]*>([^<]+)</.exec(chapterHtml)?.[1] ?? 'network';
  const word = heading.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0];
  await page.keyboard.type(word);
  const result = page.locator('pagefind-results a, pagefind-modal a[href*="/chapters/"]').first();
  await expect(result).toBeVisible({ timeout: 15_000 });
  await expect(result).toHaveAttribute('href', /\/chapters\//);
});

test('search loads only when wanted: nothing of it on page load, then Ctrl+K or a click opens it', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((u) => /component-ui|pagefind/i.test(u)), 'no search code before it is wanted').toEqual([]);
  await expect(page.getByRole('button', { name: 'Search' })).toBeVisible();

  await page.keyboard.press('ControlOrMeta+K');
  const input = page.getByRole('searchbox').or(page.getByRole('textbox', { name: /search/i })).first();
  await expect(input).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(input).toBeHidden();

  await page.goto('/chapters/neurons/');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(input).toBeFocused();
});

test('the theme toggle persists across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const root = page.locator('html');
  await expect(root).toHaveAttribute('data-theme', 'light');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(root).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(root).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
});

test('the system dark preference is followed until the reader chooses', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('at 360 px wide nothing overflows horizontally', async ({ page, context }) => {
  test.setTimeout(120_000);
  await inTabs(context, await allPaths(page), async (tab, path) => {
    await tab.goto(path);
    await tab.waitForLoadState('networkidle');
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }, { width: 360, height: 740 });
});

test('at 360 px no text in a chapter is smaller than 12 px (figures\' SVG labels, sub- and superscripts, decorative glyphs aside)', async ({ page, context }) => {
  // Lighthouse's legible-font audit asks for 12 px on a phone; code in the engine excerpts was once 11.8 px.
  await inTabs(context, builtPaths().filter((p) => p.startsWith('/chapters/')), async (tab, path) => {
    await tab.goto(path);
    const small = await tab.evaluate(() => {
      const found = new Set<string>();
      const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        if (!el || !walker.currentNode.textContent?.trim() || el.closest('svg, sub, sup, .visually-hidden, [hidden], [aria-hidden="true"]')) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 12) found.add(`${el.tagName.toLowerCase()}.${el.className} ${size.toFixed(1)} px`);
      }
      return [...found];
    });
    expect(small, `text under 12 px on ${path}`).toEqual([]);
  }, { width: 360, height: 740 });
});

test('at 360 px no line starts with the comma or full stop that follows a formula', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of builtPaths().filter((p) => p.startsWith('/chapters/'))) {
    await page.goto(path);
    const stranded = await page.evaluate(() =>
      [...document.querySelectorAll('.katex')].flatMap((k) => {
        const next = k.nextSibling;
        if (next?.nodeType !== Node.TEXT_NODE || !/^[,.;:)]/.test(next.textContent ?? '')) return [];
        const range = document.createRange();
        range.setStart(next, 0);
        range.setEnd(next, 1);
        // The punctuation sits on a line below the formula's last line.
        return range.getBoundingClientRect().top > k.getBoundingClientRect().bottom - 4 ? [k.textContent?.slice(0, 40)] : [];
      }),
    );
    expect(stranded, `punctuation starting a line on ${path}`).toEqual([]);
  }
});

test('the in-page contents: a column on wide screens, a list under the chapters on narrower ones, folded on phones', async ({ page }) => {
  const chapter = builtPaths().find((p) => p.startsWith('/chapters/'))!;
  const contents = page.getByRole('navigation', { name: 'On this page' });
  for (const [width, open] of [[1400, true], [1100, true], [360, false]] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(chapter);
    await expect(contents, `one contents list at ${width} px`).toHaveCount(1);
    const summary = contents.locator('summary');
    if (!open) await summary.click();
    const second = contents.getByRole('link').nth(1);
    await expect(second).toBeVisible();
    const target = (await second.getAttribute('href'))!;
    await second.click();
    await expect(page).toHaveURL(new RegExp(`${target}$`));
    await expect(page.locator(target)).toBeInViewport();
  }
});

test('a widened figure stays in the main column, clear of the in-page contents beside it, at every wide screen', async ({ page }) => {
  await page.goto('/chapters/backpropagation/');
  const figure = page.locator('.prose astro-island').first();
  const contents = page.getByRole('navigation', { name: 'On this page' });
  for (const width of [1300, 1440, 1600, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await figure.scrollIntoViewIfNeeded();
    const [f, c, main] = await Promise.all([figure.boundingBox(), contents.boundingBox(), page.locator('main').boundingBox()]);
    expect(f!.x + f!.width, `the figure's right edge at ${width} px`).toBeLessThanOrEqual(Math.min(c!.x, main!.x + main!.width) + 1);
    expect(f!.width, `the figure is wider than the reading column at ${width} px`).toBeGreaterThan(43 * 16);
  }
});

test('print media hides the navigation', async ({ page }) => {
  const chapter = (await allPaths(page)).find((p) => p.startsWith('/chapters/'))!;
  await page.goto(chapter);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Chapters' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'On this page' })).toHaveCount(0);
  await expect(page.locator('article')).toBeVisible();
});

test('an unknown address shows the not-found page', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
