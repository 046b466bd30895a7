// Takes the teacher's guide's screenshots (public/teach/*.png) from the built site: composes a small
// assignment, opens it as a student, and grades two generated submissions. Run after `npm run build`:
//   node scripts/guide-screenshots.mjs [port]
import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { serveDist } from './local-server.mjs';

const port = Number(process.argv[2] ?? 4391);
const { base, stop } = await serveDist(port);
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
mkdirSync('public/teach', { recursive: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/teach/`);
  await page.getByLabel('Title').fill('Week 1: learning from examples');
  for (const t of ['What training chooses', 'One step of gradient descent', 'Your first backward pass']) await page.getByRole('button', { name: `Add ${t}` }).click();
  await page.evaluate(() => document.getElementById('picked-h')?.scrollIntoView());
  await page.screenshot({ path: 'public/teach/compose.png' });
  const link = await page.getByLabel('Student link').inputValue();

  const student = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await student.goto(link);
  await student.getByLabel('Your name').fill('Ann Lee');
  await student.getByLabel('Your student id').fill('S-100');
  await student.getByRole('button', { name: 'Start' }).click();
  await student.getByText('0 of 3 exercises answered').waitFor();
  await student.screenshot({ path: 'public/teach/do.png' });
  const ex = student.locator('section.exercise').first();
  await ex.getByLabel('The weights of every layer.').check();
  await ex.getByLabel('The biases of every layer.').check();
  await ex.getByRole('button', { name: 'Check' }).click();
  const dl = student.waitForEvent('download');
  await student.getByRole('button', { name: 'Submit (download file)' }).click();
  const file = await dl;
  const text = await (await import('node:fs/promises')).readFile(await file.path(), 'utf8');
  const forged = JSON.parse(text);
  forged.student = { name: 'Bob Ndiaye', id: 'S-200' };
  forged.claimed.score = 9;

  await page.getByRole('link', { name: 'Grade submissions' }).click();
  await page.getByLabel('Submission files', { exact: true }).setInputFiles([
    { name: file.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) },
    { name: 'bob.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(forged)) },
  ]);
  await page.getByText('2 students graded from 2 files.').waitFor({ timeout: 60_000 });
  await page.evaluate(() => document.getElementById('g-flags')?.scrollIntoView());
  await page.screenshot({ path: 'public/teach/grade.png' });
} finally {
  await browser.close();
  stop();
}
