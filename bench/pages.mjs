// Lighthouse over the built site: every chapter (or the pages named on the command line), mobile with
// Lighthouse's default simulated throttling (a mid-range phone on a slow 4G link), in Debian's Chromium.
// Writes the table between the "pages" markers in bench/README.md and bench/results/pages.json.
//
//   npm run build && npm run bench:pages                 # every chapter
//   npm run bench:pages -- /chapters/sgd/ /play/          # some pages; the table is still rewritten
//   npm run bench:pages -- --all                         # every page in the sitemap
//   npm run bench:pages -- --runs=3                      # each page 3 times; the table keeps the median run
//
// The site is served as a static host serves it, text gzip-compressed (bench/serve-dist.mjs); `--raw` sends
// it uncompressed, as this bench did before 2026-12-03.
//
// NOTE: scores drift with machine load (simulated throttling scales from measured CPU time); the table
// records the 1-minute load average next to the numbers. Run it when `uptime` says the load is low.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveDist } from './serve-dist.mjs';
import { writeReadmeBlock } from './readme-block.mjs';

const port = Number(process.env.BENCH_PORT ?? process.env.E2E_PORT ?? 4399);
const chromePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const args = process.argv.slice(2);
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

if (!existsSync('dist/sitemap-0.xml')) {
  console.error('No dist/: run `npm run build` first.');
  process.exit(1);
}
const sitemap = readFileSync('dist/sitemap-0.xml', 'utf8');
const everyPath = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
const paths = args.includes('--all') ? everyPath : args.filter((a) => a.startsWith('/')).length ? args.filter((a) => a.startsWith('/')) : everyPath.filter((p) => p.startsWith('/chapters/'));

const compress = !args.includes('--raw');
const server = await serveDist(port, { compress });

const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
const runs = Math.max(1, Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 1));
const rows = [];
try {
  for (const path of paths) {
    // Several runs of a page: the one with the median performance score is reported (Lighthouse's own advice
    // for variable machines), with its load and every run's score.
    const done = [];
    for (let i = 0; i < runs; i++) {
      const load = loadavg()[0];
      const result = await lighthouse(`http://127.0.0.1:${port}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
      done.push({ lhr: result.lhr, load });
    }
    done.sort((a, b) => a.lhr.categories.performance.score - b.lhr.categories.performance.score);
    const { lhr, load } = done[Math.floor((done.length - 1) / 2)];
    const scores = done.map((d) => Math.round(d.lhr.categories.performance.score * 100));
    const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const num = (id) => lhr.audits[id]?.numericValue ?? NaN;
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
      .filter((a) => ['accessibility', 'best-practices'].some((c) => lhr.categories[c].auditRefs.some((r) => r.id === a.id && r.weight > 0)))
      .map((a) => a.id);
    const row = {
      path,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      fcp: num('first-contentful-paint'),
      lcp: num('largest-contentful-paint'),
      tbt: num('total-blocking-time'),
      cls: num('cumulative-layout-shift'),
      dom: lhr.audits['dom-size']?.numericValue ?? NaN,
      load,
      runs: scores,
      failing,
    };
    rows.push(row);
    console.log(`${path}: performance ${row.performance}${runs > 1 ? ` (runs: ${scores.join(', ')})` : ''}, accessibility ${row.accessibility}, best practices ${row.bestPractices}, DOM ${row.dom}, load ${load.toFixed(1)}${failing.length ? `; failing: ${failing.join(', ')}` : ''}`);
  }
} finally {
  await chrome.kill();
  server.close();
}

const version = (() => {
  try {
    return execFileSync(chromePath ?? 'chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'Chromium (version unknown)';
  }
})();
const s = (ms) => (ms / 1000).toFixed(1);
const table = [
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with Lighthouse ${lighthouse.version ?? '12.2.3'} (mobile, simulated throttling) in ${version}, the site served ${compress ? 'gzip-compressed' : 'uncompressed'}${runs > 1 ? `; each page run ${runs} times, the median run shown (every run's performance score in the "Runs" column)` : ''}; the 1-minute load average at each page (of the run shown) is in the last column.`,
  '',
  `| Page | Performance |${runs > 1 ? ' Runs |' : ''} Accessibility | Best practices | FCP s | LCP s | TBT ms | CLS | DOM elements | Load |`,
  `|---|---|${runs > 1 ? '---|' : ''}---|---|---|---|---|---|---|---|`,
  ...rows.map((r) => `| ${r.path} | ${r.performance} |${runs > 1 ? ` ${r.runs.join(', ')} |` : ''} ${r.accessibility} | ${r.bestPractices} | ${s(r.fcp)} | ${s(r.lcp)} | ${Math.round(r.tbt)} | ${r.cls.toFixed(3)} | ${r.dom} | ${r.load.toFixed(1)} |`),
].join('\n');
writeReadmeBlock('pages', table, 'Pages on a phone (Lighthouse)');
writeFileSync('bench/results/pages.json', `${JSON.stringify({ date: new Date().toISOString(), chromium: version, compressed: compress, rows }, null, 2)}\n`);
console.log('Wrote the table to bench/README.md and bench/results/pages.json.');
