// The grading page at class scale: 500 submissions of a 10-exercise assignment with two code exercises,
// dropped on /teach/grade/ in Chromium, re-checked in the page (code in the sandbox, a fresh worker per
// student). Reports the time from the drop to the last grade and the longest stall of the page's event
// loop meanwhile. Run after `npm run build`:   npm run bench:teach   (or: node --experimental-transform-types
// bench/teach.mjs [students] [port]; the banks are TypeScript)
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { serveDist } from '../scripts/local-server.mjs';
import b1 from '../content/exercises/01-introduction.ts';
import b2 from '../content/exercises/02-neurons.ts';
import b3 from '../content/exercises/03-depth.ts';
import b4 from '../content/exercises/04-backpropagation.ts';
import b5 from '../content/exercises/05-sgd.ts';
import { normaliseId, studentSeed, variantParams } from '../lib/teach/identity.ts';
import { blankSpec, encodeSpec, specHash } from '../lib/teach/spec.ts';
import { addAttempt, claimedScore, emptyWork, makeSubmission } from '../lib/teach/work.ts';

const students = Number(process.argv[2] ?? 500);
const port = Number(process.argv[3] ?? 4394);
const banks = [b1, b2, b3, b4, b5];
const pick = ['01-introduction/one-step', '01-introduction/what-is-learned', '01-introduction/first-backward', '02-neurons/neuron-output', '02-neurons/layer-output', '02-neurons/dense-layer', '03-depth/sawtooth-pieces', '04-backpropagation/neuron-backward', '04-backpropagation/softmax-gradient', '05-sgd/stable-rate'];
const specOf = (full) => {
  const [b, id] = full.split('/');
  return banks.find((x) => x.id === b).exercises.find((e) => e.id === id);
};
const spec = { ...blankSpec(), title: 'Bench: ten exercises', items: pick.map((id) => ({ id, version: specOf(id).version, points: 1 })) };
const ids = await specHash(spec);

/** A right response for the variant, or (for every fifth student) a wrong one. */
function response(full, p, wrong) {
  const s = specOf(full);
  switch (s.kind) {
    case 'numeric':
      return String(wrong ? s.answer(p) + 1 : s.answer(p));
    case 'vector':
      return JSON.stringify(s.answer(p));
    case 'choice':
      return s.choices(p).flatMap((c, i) => (c.correct ? [i] : []));
    case 'code':
      return /```js\n([\s\S]*?)```/.exec(s.solution(p))[1];
  }
}

const files = [];
for (let i = 0; i < students; i++) {
  const sid = `s${100000 + i}`;
  const seed = studentSeed(spec, ids.id, normaliseId(sid));
  let w = emptyWork(ids.id, `Student ${i}`, sid);
  for (const it of spec.items) {
    const wrong = i % 5 === 0;
    const score = wrong && specOf(it.id).kind === 'numeric' ? 0 : 1;
    w = addAttempt(w, it.id, it.version, response(it.id, variantParams(specOf(it.id), it.id, seed), wrong), score);
  }
  const sub = makeSubmission(spec, ids, w, claimedScore(spec, w));
  files.push({ name: `${sid}.json`, text: JSON.stringify(sub) });
}

const { base, stop } = await serveDist(port);
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage();
  await page.goto(`${base}/teach/grade/#${encodeSpec(spec)}`);
  await page.getByText('Bench: ten exercises').first().waitFor();
  // The files are made in the page before the clock starts, then dropped on the drop zone as a teacher drops
  // them: Playwright's own file transfer (setInputFiles) would run in the page and count as a stall.
  await page.evaluate((list) => {
    window.__drop = new DataTransfer();
    for (const f of list) window.__drop.items.add(new File([f.text], f.name, { type: 'application/json' }));
  }, files);
  await page.evaluate(() => {
    // The longest task the page ran (Long Tasks API: tasks over 50 ms), beside the timer's longest wait,
    // which also counts time the machine's other processes took from the page.
    window.__longest = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__longest = Math.max(window.__longest, e.duration)))).observe({ type: 'longtask' });
    window.__stall = 0;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      window.__stall = Math.max(window.__stall, now - last);
      last = now;
      setTimeout(tick, 10);
    };
    setTimeout(tick, 10);
  });
  const t0 = Date.now();
  await page.getByRole('group', { name: 'Drop submission files or an LMS zip here' }).evaluate((zone) => zone.dispatchEvent(new DragEvent('drop', { dataTransfer: window.__drop, bubbles: true, cancelable: true })));
  // Waits by reading the status lines only: Playwright's getByText scans the whole page's text on every poll,
  // which on a page with a 100-row table is itself a task of a few hundred milliseconds that the stall timer
  // would count against the page.
  const done = `${students} students graded from ${students} files.`;
  await page.waitForFunction((text) => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.trim() === text), done, { timeout: 600_000, polling: 250 });
  const seconds = (Date.now() - t0) / 1000;
  const stall = await page.evaluate(() => window.__stall);
  const longestTask = await page.evaluate(() => window.__longest);
  const mismatches = await page.getByText(/re-checking every answer gives/).count();
  // The gradebook shows a page of rows at a time; every student is in it.
  if (students > 100) await page.getByText(`Students 1–100 of ${students}`).waitFor();
  const load = (await import('node:os')).loadavg()[0].toFixed(1);
  console.log(JSON.stringify({ students, exercises: spec.items.length, codeExercises: 2, seconds, longestStallMs: Math.round(stall), longestTaskMs: Math.round(longestTask), scoreMismatches: mismatches, load1: load }));
} finally {
  await browser.close();
  stop();
}
