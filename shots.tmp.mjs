import { chromium } from '@playwright/test';
import { serveDist } from '/work/wt/ch9-transformers/scripts/local-server.mjs';
const { base, stop } = await serveDist(4791);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
const out = '/tmp/ch9probes/';
const paths = (process.env.PATHS ?? '/chapters/transformers/,/play/attention/,/play/induction-heads/').split(',');
for (const [w, scheme] of [[1280, 'light'], [360, 'light'], [1280, 'dark']]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: 900 }, colorScheme: scheme });
  const page = await ctx.newPage();
  for (const p of paths) {
    await page.goto(base + p);
    await page.evaluate(async () => { for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 80)); } window.scrollTo(0, 0); });
    await page.waitForLoadState('networkidle');
    const name = p.replace(/\//g, '_') + `${w}-${scheme}`;
    const sel = process.env.SEL;
    if (sel) { let i = 0; for (const el of await page.locator(sel).all()) await el.screenshot({ path: `${out}${name}-fig${i++}.png` }); }
    else await page.screenshot({ path: `${out}${name}.png`, fullPage: true });
    console.log(name, await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth));
  }
  await ctx.close();
}
await browser.close(); stop();
