// The assignment cycle as people would run it: a teacher composes an assignment; three students open the
// link, answer (one right, one partly wrong, one who forges the claimed score) and submit; the teacher
// drops the files and an LMS zip on the grading page, sees the right grades and the flag, and downloads a
// CSV whose contents this test reads back. The grading page makes no request beyond its own files.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { strToU8, zipSync } from 'fflate';
import bank from '../content/exercises/01-introduction.ts';
import { normaliseId, studentSeed, variantParams } from '../lib/teach/identity.ts';

test.describe.configure({ timeout: 180_000 });

const oneStep = bank.exercises.find((e) => e.id === 'one-step')!;
const answerFor = (assignmentId: string, sid: string) => {
  const p = variantParams(oneStep, '01-introduction/one-step', studentSeed({ variants: 'per-student' }, assignmentId, normaliseId(sid)));
  return String(oneStep.kind === 'numeric' ? oneStep.answer(p) : NaN);
};
const CODE =
  'function lossAndGrad(w, b, x, t) { const W = value(w); const B = value(b); const L = W.mul(x).add(B).sub(t).pow(2); L.backward(); return [L.data, W.grad, B.grad]; }';

async function compose(page: Page) {
  await page.goto('/teach/');
  await page.getByLabel('Title').fill('Week 1: learning from examples');
  for (const title of ['What training chooses', 'One step of gradient descent', 'Your first backward pass']) {
    await page.getByRole('button', { name: `Add ${title}` }).click();
  }
  await expect(page.getByRole('heading', { name: /Exercises in this assignment \(3, 9 points\)/ })).toBeVisible();
  const link = await page.getByLabel('Student link').inputValue();
  const id = (await page.locator('.result code').first().textContent())!;
  expect(link).toMatch(/\/teach\/do\/#a1\./);
  expect(id).toMatch(/^[0-9a-f]{16}$/);
  return { link, id };
}

async function student(browser: Browser, link: string, name: string, sid: string, work: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your student id').fill(sid);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText('0 of 3 exercises answered')).toBeVisible();
  await work(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Submit (download file)' }).click();
  const file = await download;
  const text = await readFile(await file.path(), 'utf8');
  await context.close();
  return { name: file.suggestedFilename(), text };
}

const card = (page: Page, title: string) => page.locator('section.exercise', { has: page.getByRole('heading', { name: `Exercise: ${title}` }) });

async function choose(page: Page, picks: string[]) {
  const ex = card(page, 'What training chooses');
  for (const p of picks) await ex.getByLabel(p).check();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.verdict')).toBeVisible();
}

async function number(page: Page, value: string) {
  const ex = card(page, 'One step of gradient descent');
  await ex.getByLabel('Your answer').fill(value);
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.verdict')).toBeVisible();
}

test('compose, three students submit, the teacher re-grades files and a zip, flags the forgery, and exports CSV', async ({ page, browser }) => {
  const { link, id } = await compose(page);

  const ann = await student(browser, link, 'Ann Lee', 'S-100', async (p) => {
    await choose(p, ['The weights of every layer.', 'The biases of every layer.']);
    await number(p, answerFor(id, 'S-100'));
    const ex = card(p, 'Your first backward pass');
    const editor = ex.locator('.cm-content');
    await editor.click();
    await p.keyboard.press('ControlOrMeta+A');
    await p.keyboard.press('Delete');
    await editor.fill(CODE);
    await ex.getByRole('button', { name: 'Check' }).click();
    await expect(ex.getByText('Correct.', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(p.getByText('3 of 3 exercises answered')).toBeVisible();
  });
  // Partly wrong: one of two right choices, and a wrong number.
  const bob = await student(browser, link, 'Bob Ndiaye', 'S-200', async (p) => {
    await choose(p, ['The weights of every layer.']);
    await number(p, '12345');
  });
  // Right number only, then the claimed score is edited to full marks.
  const cy = await student(browser, link, 'Zoë Çelik', 'S-300', async (p) => {
    await number(p, answerFor(id, 'S-300'));
  });
  expect(ann.name).toMatch(/^Ann-Lee_S-100_Week-1-learning-from-examples_[0-9a-f]{16}\.json$/);
  const forged = JSON.parse(cy.text);
  expect(forged.claimed).toEqual({ score: 2, outOf: 9 });
  forged.claimed.score = 9;

  // The teacher's grading page, opened from the compose page's button.
  const requests: string[] = [];
  await page.getByRole('link', { name: 'Grade submissions' }).click();
  await expect(page.getByText(/Week 1: learning from examples.*3 exercises, 9 points/)).toBeVisible();
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  const zip = zipSync({ [`celikzoe_300_9_${cy.name}`]: strToU8(JSON.stringify(forged)) });
  await page.getByLabel('Submission files', { exact: true }).setInputFiles([
    { name: ann.name, mimeType: 'application/json', buffer: Buffer.from(ann.text) },
    { name: bob.name, mimeType: 'application/json', buffer: Buffer.from(bob.text) },
    { name: 'submissions.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) },
  ]);
  await expect(page.getByText('3 students graded from 3 files.')).toBeVisible({ timeout: 60_000 });

  const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
  await expect(row('Ann Lee').getByRole('cell').nth(4)).toHaveText('9');
  await expect(row('Bob Ndiaye').getByRole('cell').nth(4)).toHaveText('0');
  await expect(row('Zoë Çelik').getByRole('cell').nth(4)).toHaveText('2');
  await expect(page.getByText('The file claims 9 of 9; re-checking every answer gives 2 of 9.')).toBeVisible();
  await expect(row('Ann Lee')).not.toContainText('score-mismatch');

  // One student's work, as they saw it, beside the right answers.
  await page.getByRole('button', { name: "Open Bob Ndiaye's work" }).click();
  await expect(page.getByRole('heading', { name: "Bob Ndiaye's work, as they saw it" })).toBeVisible();
  await expect(page.getByText('12345', { exact: true })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download plain CSV' }).click();
  const csv = parse(await readFile(await (await download).path(), 'utf8'), { bom: true }) as string[][];
  expect(csv[0]).toEqual(['Name', 'Student id', 'What training chooses (2)', 'One step of gradient descent (2)', 'Your first backward pass (5)', 'Total', 'Out of', 'Submitted', 'Flags']);
  const byName = Object.fromEntries(csv.slice(1).map((r) => [r[0], r]));
  expect(byName['Ann Lee'].slice(1, 7)).toEqual(['S-100', '2', '2', '5', '9', '9']);
  expect(byName['Bob Ndiaye'].slice(1, 7)).toEqual(['S-200', '0', '0', '0', '0', '9']);
  expect(byName['Zoë Çelik'].slice(1, 7)).toEqual(['S-300', '0', '2', '0', '2', '9']);
  expect(byName['Zoë Çelik'][8]).toContain('claims 9 of 9');

  // Nothing left this page: every request was for the site's own files (or the sandbox's in-memory worker
  // scripts, blob: URLs that never touch the network), and none carried data out.
  const origin = new URL(page.url()).origin;
  expect(requests.filter((r) => !r.startsWith(`GET ${origin}/`) && !r.startsWith('GET blob:'))).toEqual([]);
});

test('a broken assignment link says so, and the student page stays usable', async ({ page }) => {
  await page.goto('/teach/do/#a1.AAAA-broken');
  await expect(page.getByRole('alert')).toContainText('This assignment link is broken');
  await page.goto('/teach/do/#zzz');
  await expect(page.getByRole('alert')).toContainText('does not start the way an assignment link does');
});
