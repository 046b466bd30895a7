// Exercises as a reader meets them: wrong and right answers with feedback, unreadable input, hints and
// solutions, code checked by hidden tests, and progress that survives reloads and moves through a file.
import { expect, test, type Page } from '@playwright/test';
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
  // Exercises hydrate when they scroll into view: bring each one on screen once.
  const islands = page.locator('astro-island[component-url*="Exercise"]');
  for (let i = 0; i < (await islands.count()); i++) {
    await islands.nth(i).scrollIntoViewIfNeeded();
    await expect(islands.nth(i).getByRole('region')).toBeVisible();
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
  await expect(ex.getByText('Not yet')).toBeVisible();
  await expect(ex.getByText('1 attempt')).toBeVisible();

  await ex.getByRole('button', { name: /Show a hint \(1 of/ }).click();
  await expect(ex.getByRole('listitem').first()).toBeVisible();
  await ex.getByText('Show the worked solution').click();

  await box.fill(String(answer));
  await box.press('Enter');
  await expect(ex.getByText('Correct', { exact: false }).first()).toBeVisible();
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
  await expect(ex.getByText('Partly right')).toBeVisible();
  for (const [i, c] of choices.entries()) if (c.correct) await boxes.nth(i).check();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText('Correct:')).toBeVisible();
});

test('a code exercise runs hidden checks on the reader code', async ({ page }) => {
  await open(page);
  const s = spec('first-backward');
  const ex = exercise(page, s.title);
  await ex.scrollIntoViewIfNeeded();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText(/Not yet|Partly right|Cannot check/)).toBeVisible({ timeout: 20_000 });
  const editor = ex.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await editor.fill(
    'function lossAndGrad(w, b, x, t) { const W = value(w); const B = value(b); const L = W.mul(x).add(B).sub(t).pow(2); L.backward(); return [L.data, W.grad, B.grad]; }',
  );
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText('Correct:')).toBeVisible({ timeout: 20_000 });
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
  await expect(page.getByText(/Imported 1 exercise records/)).toBeVisible();
  await expect(page.getByText(/You have completed 1 of/)).toBeVisible();
  await page.reload();
  await expect(page.getByText(/You have completed 1 of/)).toBeVisible();

  await page.getByLabel('Import progress').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 7}') });
  await expect(page.getByText(/Could not import bad.json.*Nothing was changed/)).toBeVisible();
  await expect(page.getByText(/You have completed 1 of/)).toBeVisible();
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
