// probe script (not committed): screenshots of chapter 9's figures at 1280, 360 and dark.
import { chromium } from '@playwright/test';
import { serveDist } from './scripts/local-server.mjs';
const { base, stop } = await serveDist(4342);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
try {
  for (const [name, width, theme] of [['1280', 1280, 'light'], ['360', 360, 'light'], ['dark', 1280, 'dark']]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme, serviceWorkers: 'block' });
    const page = await ctx.newPage();
    await page.goto(`${base}/chapters/transformers/`);
    if (theme === 'dark') await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    const att = page.getByRole('figure').filter({ has: page.getByRole('heading', { name: 'Attention, step by step' }) }).first();
    await att.scrollIntoViewIfNeeded();
    await page.waitForSelector('astro-island:not([ssr]) >> text=Next step');
    for (let i = 0; i < 5; i++) await att.getByRole('button', { name: 'Next step' }).click();
    await att.screenshot({ path: `/tmp/ch9/shots/attention-${name}.png` });
    const ind = page.getByRole('figure').filter({ has: page.getByRole('heading', { name: 'Induction heads forming' }) }).first();
    await ind.scrollIntoViewIfNeeded();
    await ind.getByRole('button', { name: 'Train', exact: true }).click();
    for (let i = 0; i < 240 && !/ranked first at (9\d|100)%/.test((await ind.locator(".status").textContent()) ?? ""); i++) await page.waitForTimeout(250);
    console.log(await ind.locator(".status").textContent());
    await ind.getByRole('button', { name: 'Pause' }).click();
    await ind.screenshot({ path: `/tmp/ch9/shots/induction-${name}.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    console.log(name, 'overflow', overflow);
    await ctx.close();
  }
} finally {
  await browser.close();
  stop();
}
