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

// `--trace` records a Chromium trace of the run and prints the page's five longest tasks by main-thread CPU
// time (which, unlike the Long Tasks API's wall time, a busy machine does not inflate), with what ran in each.
const trace = process.argv.includes('--trace');
const [studentsArg, portArg] = process.argv.slice(2).filter((a) => a !== '--trace');
const students = Number(studentsArg ?? 500);
const port = Number(portArg ?? 4394);
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

/** The renderer main thread's five longest tasks by thread time (top-level trace events: a task, or a
 * scheduler.yield() continuation), each with the longest events inside it. */
function longestTasks(events) {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const on = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const top = [];
  for (const e of on) if (!top.length || e.ts >= top[top.length - 1].ts + top[top.length - 1].dur) top.push(e);
  const start = on[0].ts;
  return top
    .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
    .slice(0, 5)
    .map((t) => ({
      atMs: Math.round((t.ts - start) / 1000),
      cpuMs: Math.round((t.tdur ?? 0) / 1000),
      wallMs: Math.round(t.dur / 1000),
      inside: on
        .filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && (e.tdur ?? 0) > 2000)
        .sort((a, b) => b.tdur - a.tdur)
        .slice(0, 6)
        .map((e) => `${e.name} ${e.args?.data?.functionName ?? e.args?.data?.type ?? ''} ${Math.round(e.tdur / 1000)} ms`),
    }));
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
    // What ran in the longest frames (Long Animation Frames API): each script's entry point and time, so a
    // long task can be traced to its code.
    window.__frames = [];
    new PerformanceObserver((l) => window.__frames.push(...l.getEntries().map((e) => ({ at: Math.round(e.startTime), ms: Math.round(e.duration), scripts: e.scripts.map((s) => `${s.invoker || s.invokerType} ${s.sourceFunctionName || ''}@${(s.sourceURL || '').split('/').pop()}:${s.sourceCharPosition} ${Math.round(s.duration)} ms`) })))).observe({ type: 'long-animation-frame' });
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
  if (trace) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'v8.execute'] });
  const t0 = Date.now();
  await page.getByRole('group', { name: 'Drop submission files or an LMS zip here' }).evaluate((zone) => (window.__t0 = performance.now()) && zone.dispatchEvent(new DragEvent('drop', { dataTransfer: window.__drop, bubbles: true, cancelable: true })));
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
  // The three longest frames, their start in ms after the drop.
  const frames = (await page.evaluate(() => window.__frames.map((f) => ({ ...f, at: Math.round(f.at - window.__t0) })))).sort((a, b) => b.ms - a.ms).slice(0, 3);
  const load = (await import('node:os')).loadavg()[0].toFixed(1);
  console.log(JSON.stringify({ students, exercises: spec.items.length, codeExercises: 2, seconds, longestStallMs: Math.round(stall), longestTaskMs: Math.round(longestTask), scoreMismatches: mismatches, load1: load }));
  console.log(JSON.stringify({ longestFrames: frames }, null, 1));
  if (trace) {
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    if (process.env.TEACH_TRACE_FILE) (await import('node:fs')).writeFileSync(process.env.TEACH_TRACE_FILE, JSON.stringify(events));
    console.log(JSON.stringify({ longestTasksByCpu: longestTasks(events) }, null, 1));
  }
} finally {
  await browser.close();
  stop();
}
