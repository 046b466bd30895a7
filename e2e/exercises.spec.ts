// Exercises as a reader meets them: wrong and right answers with feedback, unreadable input, hints and
// solutions, code checked by hidden tests, and progress that survives reloads and moves through a file;
// a new reader's variant that stays put; storage that is corrupt, full or blocked.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { Rng } from '../engine/random.ts';
import { seedFor } from '../lib/exercises/check.ts';
import intro from '../content/exercises/01-introduction.ts';

const SEED = 'e2e-reader';
const spec = (id: string) => intro.exercises.find((e) => e.id === id)!;
const paramsOf = (id: string) => spec(id).params?.(new Rng(seedFor(`01-introduction/${id}`, SEED)));

async function open(page: Page) {
  await page.goto('/chapters/introduction/');
  await page.waitForLoadState('networkidle');
  await page.evaluate((seed) => localStorage.setItem('dll-progress', JSON.stringify({ version: 1, seed, exercises: {} })), SEED);
  await page.reload();
  await showExercises(page);
}

/** Exercises hydrate when they scroll into view: brings each one on screen once and waits for it. */
async function showExercises(page: Page) {
  const islands = page.locator('astro-island[component-url*="Exercise"]');
  for (let i = 0; i < (await islands.count()); i++) {
    await islands.nth(i).scrollIntoViewIfNeeded();
    await expect(islands.nth(i).getByRole('region').first()).toBeVisible();
  }
}

const exercise = (page: Page, title: string) => page.getByRole('region', { name: `Exercise: ${title}` });

test('a numeric exercise: unreadable, wrong, then right; hints and the solution', async ({ page }) => {
  await open(page);
  const s = spec('one-step');
  const ex = exercise(page, s.title);
  await ex.scrollIntoViewIfNeeded();
  const box = ex.getByRole('textbox', { name: /Your answer/ });
  await box.fill('twelve');
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByRole('status').filter({ hasText: 'Cannot check' })).toBeVisible();
  await expect(ex.getByText('0 attempts')).toBeVisible();

  const answer = (s as { answer: (p: unknown) => number }).answer(paramsOf('one-step'));
  await box.fill(String(answer + 1));
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByRole('status').filter({ hasText: 'Not yet. Check your working, or take a hint.' })).toBeVisible();
  await expect(ex.getByText('1 attempt')).toBeVisible();

  await ex.getByRole('button', { name: /Show a hint \(1 of/ }).click();
  await expect(ex.getByRole('listitem').first()).toBeVisible();
  await ex.getByText('Show the worked solution').click();

  await box.fill(String(answer));
  await box.press('Enter');
  // The verdict is said once: "Correct.", not "Correct: Correct.".
  await expect(ex.locator('.verdict')).toHaveText('Correct.');
  await expect(ex.getByText('Completed')).toBeVisible();

  await page.reload();
  await page.locator('astro-island[component-url*="Exercise"]').nth(1).scrollIntoViewIfNeeded();
  await expect(exercise(page, s.title).getByText('Completed')).toBeVisible();
  await expect(exercise(page, s.title).getByText('2 attempts')).toBeVisible();
});

test('a multiple-choice exercise gives partial and full feedback', async ({ page }) => {
  await open(page);
  const s = spec('what-is-learned') as { title: string; choices: (p: unknown) => { text: string; correct: boolean }[] };
  const ex = exercise(page, s.title);
  await ex.scrollIntoViewIfNeeded();
  const boxes = ex.getByRole('checkbox');
  const choices = s.choices(undefined);
  await boxes.nth(choices.findIndex((c) => c.correct)).check();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText('Partly right.')).toBeVisible();
  for (const [i, c] of choices.entries()) if (c.correct) await boxes.nth(i).check();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.verdict')).toHaveText('Correct.');
});

test('a code exercise runs hidden checks on the reader code', async ({ page }) => {
  await open(page);
  const s = spec('first-backward');
  const ex = exercise(page, s.title);
  await ex.scrollIntoViewIfNeeded();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText(/^(Not yet|Partly right|Cannot check)\.$/)).toBeVisible({ timeout: 20_000 });
  const editor = ex.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await editor.fill(
    'function lossAndGrad(w, b, x, t) { const W = value(w); const B = value(b); const L = W.mul(x).add(B).sub(t).pow(2); L.backward(); return [L.data, W.grad, B.grad]; }',
  );
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText('Correct.', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(ex.locator('.verdict')).not.toContainText(/Correct\W+Correct/);
});

test('progress shows per chapter and round-trips through export and import', async ({ page }) => {
  await page.goto('/progress/');
  await expect(page.getByText(/You have completed/)).toBeVisible();
  await page.evaluate(
    (seed) =>
      localStorage.setItem(
        'dll-progress',
        JSON.stringify({
          version: 1,
          seed,
          exercises: { '01-introduction/one-step': { version: 1, attempts: 2, best: 1, completed: true, response: '1', updatedAt: '2026-01-01T00:00:00.000Z' } },
        }),
      ),
    SEED,
  );
  await page.reload();
  await expect(page.getByText(/You have completed 1 of \d+ exercises/)).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  expect(exported.exercises['01-introduction/one-step'].completed).toBe(true);

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Clear progress' }).click();
  await expect(page.getByText(/You have completed 0 of/)).toBeVisible();
  await page.getByLabel('Import progress').setInputFiles(file);
  await expect(page.getByText('Imported 1 exercise record from', { exact: false })).toBeVisible();
  await expect(page.getByText(/You have completed 1 of/)).toBeVisible();
  await page.reload();
  await expect(page.getByText(/You have completed 1 of/)).toBeVisible();

  await page.getByLabel('Import progress').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 7}') });
  await expect(page.getByText(/Could not import bad.json.*Nothing was changed/)).toBeVisible();
  await expect(page.getByText(/You have completed 1 of/)).toBeVisible();

  // An oversized file is refused with its size, instead of "succeeding" and vanishing.
  await page.getByLabel('Import progress').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(6_000_000, 32) });
  await expect(page.getByText('Could not import big.json: it is 6.0 MB, and a progress record is at most 1.0 MB. Nothing was changed.')).toBeVisible();

  // Another reader's file asks first; Cancel changes nothing, Merge keeps this reader's seed.
  const other = { version: 1, seed: 'someone-else', exercises: { '02-neurons/and-gate': { version: 1, attempts: 3, best: 1, completed: true, response: { w1: 1, w2: 1, b: -1.5 }, updatedAt: '2026-02-01T00:00:00.000Z' } } };
  const otherFile = { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) };
  const before = await page.evaluate(() => localStorage.getItem('dll-progress'));
  await page.getByLabel('Import progress').setInputFiles(otherFile);
  const dialog = page.getByRole('dialog', { name: "This file is someone else's progress" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Nothing was imported from other.json.')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('dll-progress'))).toBe(before);
  await page.getByLabel('Import progress').setInputFiles(otherFile);
  await dialog.getByRole('button', { name: /^Merge/ }).click();
  await expect(page.getByText('Merged 1 exercise record from other.json into yours.')).toBeVisible();
  await expect(page.getByText(/You have completed 2 of/)).toBeVisible();
  const merged = await page.evaluate(() => JSON.parse(localStorage.getItem('dll-progress')!));
  expect(merged.seed).toBe(SEED);
  expect(merged.exercises['02-neurons/and-gate'].seed).toBe('someone-else');

  // Each title links to its exercise in its chapter.
  await page.getByRole('link', { name: spec('one-step').title }).click();
  await expect(page).toHaveURL(/\/chapters\/introduction\/#exercise-one-step$/);
  await expect(exercise(page, spec('one-step').title).getByText('Completed')).toBeInViewport();
});

test('corrupt saved progress is set aside with a notice, never a crash', async ({ page }) => {
  await page.goto('/progress/');
  await expect(page.getByText(/You have completed/)).toBeVisible();
  await page.evaluate(() => localStorage.setItem('dll-progress', '{not json'));
  await page.reload();
  await expect(page.getByText(/could not be read.*set aside/)).toBeVisible();
  await expect(page.getByText(/You have completed 0 of/)).toBeVisible();
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dll-progress-corrupt-')));
  expect(kept).toHaveLength(1);
});

/** The card of exercise `id` of chapter 1, scrolled into view (which hydrates it) and loaded. */
async function card(page: Page, id: string) {
  await page.locator(`#exercise-${id}`).scrollIntoViewIfNeeded();
  const ex = exercise(page, spec(id).title);
  await expect(ex.getByRole('button', { name: 'Check' })).toBeVisible();
  return ex;
}

/** The "One step of gradient descent" card on a fresh visit of chapter 1. */
async function oneStep(page: Page) {
  await page.goto('/chapters/introduction/');
  return card(page, 'one-step');
}
const storedSeed = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('dll-progress') ?? 'null')?.seed as string | undefined);
const answerFor = (seed: string) => (spec('one-step') as { answer: (p: unknown) => number }).answer(spec('one-step').params!(new Rng(seedFor('01-introduction/one-step', seed))));

test("a new reader's numbers stay put: answer, Check, reload, and the same variant shows with the answer kept", async ({ page }) => {
  const ex = await oneStep(page);
  const prompt = (await ex.locator('.rich').first().textContent())!;
  // The seed is saved before the card draws from it, so the answer can be computed from what is stored.
  const seed = await storedSeed(page);
  expect(seed).toMatch(/^[0-9a-f]{16}$/);
  const answer = String(answerFor(seed!));
  await ex.getByRole('textbox', { name: /Your answer/ }).fill(answer);
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.verdict')).toHaveText('Correct.');
  await page.reload();
  const again = await card(page, 'one-step');
  await expect(again.getByText('Completed')).toBeVisible();
  await expect(again.locator('.rich').first()).toHaveText(prompt);
  await expect(again.getByRole('textbox', { name: /Your answer/ })).toHaveValue(answer);
  // An exported answer matches the exported seed.
  await page.goto('/progress/');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const exported = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  const entry = exported.exercises['01-introduction/one-step'];
  expect(Number(entry.response)).toBe(answerFor(entry.seed ?? exported.seed));
});

/** Makes every page in `context` see storage as a browser set to block site data does: reading throws. */
async function blockStorage(context: BrowserContext) {
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
      },
    });
  });
}

test('with storage blocked the book works for the visit and says that nothing will be remembered', async ({ page, context }) => {
  await blockStorage(context);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/progress/');
  await expect(page.getByText(/nothing you do here will be remembered/)).toBeVisible();
  await expect(page.getByText(/You have completed 0 of \d+ exercises/)).toBeVisible();

  const ex = await oneStep(page);
  // Said once on the page, by the first card that loads, however many cards there are.
  await card(page, 'what-is-learned');
  await expect(page.getByText(/nothing you do here will be remembered/)).toHaveCount(1);
  await ex.getByRole('textbox', { name: /Your answer/ }).fill('0');
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText('1 attempt')).toBeVisible();
  await expect(ex.getByText(/Not saved: this browser does not let this site store anything/)).toBeVisible();
  const download = page.waitForEvent('download');
  await ex.getByRole('button', { name: 'Export progress' }).click();
  const exported = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  expect(exported.exercises['01-introduction/one-step']).toMatchObject({ attempts: 1, response: '0' });
  expect(errors).toEqual([]);
});

test('with storage full a correct answer says at once that it was not saved, and can be exported', async ({ page }) => {
  const ex = await oneStep(page);
  const seed = (await storedSeed(page))!;
  // Fill the site's storage to the last character, as a reader's browser might be.
  await page.evaluate(() => {
    let i = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler-${i++}`, chunk);
        } catch {
          break;
        }
      }
    }
  });
  await ex.getByRole('textbox', { name: /Your answer/ }).fill(String(answerFor(seed)));
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.verdict')).toHaveText('Correct.');
  await expect(ex.getByText("Not saved: this browser's storage for this site is full. Your answer is kept until you leave this page.")).toBeVisible();
  const download = page.waitForEvent('download');
  await ex.getByRole('button', { name: 'Export progress' }).click();
  const exported = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  expect(exported.exercises['01-introduction/one-step']).toMatchObject({ completed: true, response: String(answerFor(seed)) });
  expect(exported.seed).toBe(seed);
});

test('one bad entry among good ones: the good ones stay, the bad one is set aside once per visit', async ({ page }) => {
  await page.goto('/progress/');
  await expect(page.getByText(/You have completed/)).toBeVisible();
  const good = { version: 1, attempts: 1, best: 1, completed: true, response: '1', updatedAt: '2026-01-01T00:00:00.000Z' };
  await page.evaluate(
    ([seed, good]) =>
      localStorage.setItem('dll-progress', JSON.stringify({ version: 1, seed, exercises: { '03-depth/dropout-vector': good, '03-depth/sawtooth-pieces': { ...good, attempts: -3 } } })),
    [SEED, good] as const,
  );
  await page.goto('/chapters/depth/');
  await showExercises(page);
  await expect(page.getByText(/1 saved exercise entry could not be read \(the first, "03-depth\/sawtooth-pieces"/)).toHaveCount(1);
  const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dll-progress-corrupt-')));
  expect(aside).toHaveLength(1);
  await expect(exercise(page, 'Inverted dropout by hand').getByText('Completed')).toBeVisible();
  await page.goto('/progress/');
  await expect(page.getByText(/You have completed 1 of \d+ exercises/)).toBeVisible();
  await expect(page.getByText(/could not be read/)).toHaveCount(0);
});

test('at 360 px a formula in an exercise that scrolls sideways can be reached and scrolled from the keyboard', async ({ page }) => {
  // An exercise's math arrives when it hydrates, after the page's own formulas were looked at; its folded
  // solution is laid out only when opened.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/chapters/backpropagation/');
  await showExercises(page);
  const summaries = page.getByText('Show the worked solution');
  for (let i = 0; i < (await summaries.count()); i++) await summaries.nth(i).click();
  const formulas = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>(".rich .katex:has(> math[display='block'])")]
        .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
        .map((el) => ({ tabindex: el.getAttribute('tabindex'), label: el.getAttribute('aria-label') })),
    );
  await expect.poll(async () => (await formulas()).length, 'some formula overflows at 360 px').toBeGreaterThan(0);
  const reachable = ({ tabindex, label }: { tabindex: string | null; label: string | null }) => tabindex === '0' && label === 'Formula, scrolls sideways';
  await expect.poll(async () => (await formulas()).filter((f) => !reachable(f)), 'overflowing formulas not reachable').toEqual([]);
});
