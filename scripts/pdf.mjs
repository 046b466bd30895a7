// `npm run pdf`: the whole book as one PDF (dist/book.pdf), printed by Chromium from the built site. Each
// chapter is opened as a reader opens it, its figures and exercises woken (they hydrate when visible) and its
// code cells run, so the PDF shows the figures' default state, every exercise's prompt and every cell's code
// with its output; canvases become still images. The chapters are then set in one document after a title page
// and a contents page, links between and inside chapters pointing into the PDF, and printed with the site's
// print stylesheet (components/layout/global.css). The PDF is added to dist/offline-files.json, so the site
// offers it for download and "Save the whole book" keeps it.
//
//   npm run build && npm run pdf           # writes dist/book.pdf
//   npm run pdf -- --no-run                # without running the code cells (faster; cells show code only)
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from '@playwright/test';
import sirv from 'sirv';

const port = Number(process.env.PDF_PORT ?? process.env.E2E_PORT ?? 4398);
const origin = `http://127.0.0.1:${port}`;
const site = process.env.SITE_URL ?? 'https://deep-learning-live.example.org';
const runCells = !process.argv.includes('--no-run');
const out = 'dist/book.pdf';

if (!existsSync('dist/index.html')) {
  console.error('No dist/: run `npm run build` first.');
  process.exit(1);
}

const serve = sirv('dist', { dev: false, extensions: ['html'] });
const server = createServer((req, res) => serve(req, res, () => ((res.statusCode = 404), res.end())));
await new Promise((done) => server.listen(port, '127.0.0.1', done));
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });

try {
  // NOTE: no service worker: it would fetch the whole site in the background while we print.
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1000, height: 1400 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  const chapters = await page.$$eval('ol.chapters a', (links) =>
    links.map((a) => ({ href: new URL(a.href).pathname, title: a.querySelector('.title')?.textContent?.trim() ?? '', num: a.querySelector('.num')?.textContent?.trim() ?? '' })),
  );
  const stylesheets = new Set();
  const parts = [];
  for (const chapter of chapters) {
    const slug = chapter.href.split('/').filter(Boolean).pop();
    console.log(`${chapter.num}. ${chapter.title}`);
    await page.goto(`${origin}${chapter.href}`);
    for (const href of await page.$$eval('link[rel="stylesheet"]', (ls) => ls.map((l) => new URL(l.href).pathname))) stylesheets.add(href);
    // Wake every island: each hydrates when it scrolls into view.
    const islands = await page.locator('astro-island').count();
    for (let i = 0; i < islands; i++) {
      const island = page.locator('astro-island').nth(i);
      await island.evaluate((el) => (el.firstElementChild ?? el).scrollIntoView({ block: 'center' }));
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, null, { timeout: 60_000 }).catch(() => console.warn('  some figures did not wake; they print as their static version'));
    await page.waitForFunction(() => !document.querySelector('.exercise-loading'), null, { timeout: 30_000 }).catch(() => console.warn('  some exercises did not load'));
    if (runCells) {
      const cells = page.locator('section.cell');
      for (let i = 0; i < (await cells.count()); i++) {
        const cell = cells.nth(i);
        await cell.scrollIntoViewIfNeeded();
        const stop = cell.getByRole('button', { name: 'Stop', exact: true });
        await cell.getByRole('button', { name: 'Run', exact: true }).click();
        // Stop is enabled while the cell runs (a quick cell may be done before we look).
        await stop.and(page.locator(':enabled')).waitFor({ timeout: 5_000 }).catch(() => {});
        await stop.and(page.locator(':disabled')).waitFor({ timeout: 60_000 }).catch(() => console.warn(`  code cell ${i + 1} did not finish in a minute; it prints as it stands`));
      }
    }
    // Canvases do not survive being copied: keep what they show now as images.
    const html = await page.evaluate(() => {
      const main = document.querySelector('main');
      if (!main) return '';
      const copy = main.cloneNode(true);
      const live = main.querySelectorAll('canvas');
      copy.querySelectorAll('canvas').forEach((canvas, i) => {
        const source = live[i];
        const img = document.createElement('img');
        try {
          img.src = source.toDataURL('image/png');
        } catch {
          return;
        }
        const box = source.getBoundingClientRect();
        img.width = Math.round(box.width);
        img.height = Math.round(box.height);
        img.alt = '';
        img.className = source.className;
        canvas.replaceWith(img);
      });
      copy.querySelectorAll('script, template, .toc, .toc-narrow').forEach((n) => n.remove());
      return copy.innerHTML;
    });
    parts.push({ slug, ...chapter, html });
  }

  // Links: "#x" inside chapter s becomes "#s--x", "/chapters/t/#y" becomes "#t--y", "/chapters/t/" becomes "#t";
  // every other site link points at the public site.
  const chapterSlugs = new Set(parts.map((p) => p.slug));
  const rewrite = (slug, html) =>
    html
      .replace(/\sid="([^"]+)"/g, (_, id) => ` id="${slug}--${id}"`)
      .replace(/\shref="([^"]*)"/g, (_, href) => {
        if (href.startsWith('#')) return ` href="#${slug}--${href.slice(1)}"`;
        const m = /^\/chapters\/([^/]+)\/(?:#(.*))?$/.exec(href);
        if (m && chapterSlugs.has(m[1])) return ` href="#${m[2] ? `${m[1]}--${m[2]}` : m[1]}"`;
        if (href.startsWith('/')) return ` href="${new URL(href, site)}"`;
        return ` href="${href}"`;
      });
  const date = new Date().toISOString().slice(0, 10);
  const book = `<!doctype html><html lang="en" data-theme="light"><head><meta charset="utf-8"><base href="${origin}/">
<title>Deep Learning, Live</title>
${[...stylesheets].map((h) => `<link rel="stylesheet" href="${h}">`).join('\n')}
</head><body class="pdf-book">
<section class="pdf-title"><h1>Deep Learning, <span>Live</span></h1><p>An interactive textbook on the principles of deep learning. This is the printed edition of ${date}; the live book, with figures you can train and code you can run, is at <a href="${site}/">${site.replace(/^https?:\/\//, '')}</a>.</p><p>Text and figures: CC BY 4.0. Code: MIT.</p></section>
<nav class="pdf-contents" aria-label="Contents"><h2>Contents</h2><ol>${parts.map((p) => `<li><a href="#${p.slug}">${p.num}. ${p.title}</a></li>`).join('')}</ol></nav>
${parts.map((p) => `<section class="pdf-chapter" id="${p.slug}">${rewrite(p.slug, p.html)}</section>`).join('\n')}
</body></html>`;
  await page.goto(`${origin}/404.html`);
  await page.setContent(book, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => document.fonts.ready);
  await page.pdf({
    path: out,
    format: 'A4',
    printBackground: true,
    outline: true,
    tagged: true,
    margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: '<div style="font: 8pt sans-serif; width: 100%; text-align: center; color: #555;">Deep Learning, Live · <span class="pageNumber"></span> / <span class="totalPages"></span></div>',
  });
} finally {
  await browser.close();
  server.close();
}

const bytes = statSync(out).size;
const listFile = 'dist/offline-files.json';
const list = JSON.parse(readFileSync(listFile, 'utf8'));
list.files = [...list.files.filter((f) => f.url !== '/book.pdf'), { url: '/book.pdf', bytes, what: 'the whole book as a PDF' }];
writeFileSync(listFile, JSON.stringify(list));
console.log(`Wrote ${out} (${(bytes / 1e6).toFixed(1)} MB) and listed it in ${listFile}.`);
