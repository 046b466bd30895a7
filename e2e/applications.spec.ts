// Chapter 10's figures, driven like a reader: each control tried, the tables read, and the same state
// reopened from the address.
import { expect, test, type Locator } from '@playwright/test';

/** The state a figure keeps in the address under `key`, or null. */
const linkState = (url: string, key: string): unknown => {
  const m = new RegExp(`[#&]${key}=([^&]*)`).exec(url);
  return m ? JSON.parse(Buffer.from(m[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')) : null;
};

/** Scrolls a figure into view and waits until its island has hydrated (keys pressed before that are lost). */
async function hydrated(fig: Locator) {
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('xpath=ancestor::astro-island[1]')).not.toHaveAttribute('ssr');
}

test('the screening test: the threshold changes the table, a preset loads, and the link reopens the state', async ({ page }) => {
  await page.goto('/chapters/applications/');
  const fig = page.getByRole('figure', { name: 'A screening test and its base rate' });
  await hydrated(fig);
  const table = fig.getByRole('table', { name: 'Per 10,000 people screened' });
  await expect(table.getByRole('row', { name: /no disease/ })).toContainText('1,103');
  const threshold = fig.getByRole('slider', { name: 'Threshold c' });
  await threshold.focus();
  for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowRight');
  await expect(table.getByRole('row', { name: /no disease/ })).not.toContainText('1,103');
  await expect(fig.getByRole('combobox', { name: 'Published figures' })).toHaveValue('');
  await expect(page).toHaveURL(/screening=/);
  const moved = page.url();
  await fig.getByRole('combobox', { name: 'Published figures' }).selectOption('masai-ai');
  await expect(fig.getByText(/MASAI trial \(2026\), AI-supported reading/)).toBeVisible();
  // The address is written a moment after a change (coalesced while the threshold moved): wait until the
  // state it holds has the preset's prevalence, not merely until it differs from the one first read.
  const before = (linkState(moved, 'screening') as { per1000: number }).per1000;
  await expect.poll(() => (linkState(page.url(), 'screening') as { per1000?: number } | null)?.per1000).not.toBe(before);
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  const again = page.getByRole('figure', { name: 'A screening test and its base rate' });
  await hydrated(again);
  await expect(again.getByRole('combobox', { name: 'Published figures' })).toHaveValue('masai-ai');
  await again.getByRole('button', { name: 'Reset' }).click();
  await expect(again.getByRole('table', { name: 'Per 10,000 people screened' }).getByRole('row', { name: /no disease/ })).toContainText('1,103');
});

// The spam filter, driven like a reader: the baseline is there at once, Train makes both learned filters
// pass it on the held-out mail, the threshold moves the matrix, a typed message gets its words, and the
// link reopens the filter, the threshold and the message.
test('the spam filter: trained filters beat the baseline, the threshold changes the matrix, the link reopens the state', async ({ page }) => {
  await page.goto('/chapters/applications/');
  const fig = page.getByRole('figure', { name: 'A spam filter on real mail' });
  await fig.scrollIntoViewIfNeeded();
  const table = fig.getByRole('table', { name: /^Held-out messages at threshold/ });
  const row = (name: RegExp) => table.getByRole('row', { name });
  await expect(row(/naive Bayes/).getByRole('cell').first()).toHaveText('330', { timeout: 15_000 });
  await expect(row(/logistic regression/)).toContainText('not trained yet');
  await fig.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(fig.getByRole('button', { name: 'Train again' })).toBeVisible({ timeout: 45_000 });
  const accuracyOf = async (name: RegExp) => parseFloat((await row(name).getByRole('cell').nth(2).innerText()).replace('%', ''));
  const base = await accuracyOf(/naive Bayes/);
  expect(await accuracyOf(/logistic regression/)).toBeGreaterThan(base);
  expect(await accuracyOf(/small MLP/)).toBeGreaterThan(base);

  const matrix = fig.getByRole('table', { name: 'Confusion matrix, logistic regression' });
  const hamRow = matrix.getByRole('row', { name: /^ham/ });
  const before = await hamRow.innerText();
  const threshold = fig.getByRole('slider', { name: 'Threshold on P(spam)' });
  await threshold.focus();
  await page.keyboard.press('End');
  await expect(threshold).toHaveAttribute('aria-valuetext', '0.99');
  await expect(hamRow).not.toHaveText(before);
  await expect(table).toHaveAccessibleName(/^Held-out messages at threshold 0\.99 /);

  await fig.getByRole('combobox', { name: 'Message' }).selectOption({ label: 'Type your own' });
  await fig.getByRole('textbox', { name: /Your message/ }).fill('FREE money!!! Click here to claim your cash prize, guaranteed');
  await expect(fig.getByRole('list', { name: 'Words pushing this message towards spam' })).toContainText('guaranteed');
  await fig.getByRole('combobox', { name: 'Filter' }).selectOption('bayes');
  // The address is written a moment after a change: wait until it holds all of it.
  await expect.poll(() => linkState(page.url(), 'spam-filter')).toMatchObject({ kind: 'bayes', threshold: 0.99, pick: -1 });
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  const again = page.getByRole('figure', { name: 'A spam filter on real mail' });
  await again.scrollIntoViewIfNeeded();
  await expect(again.getByRole('combobox', { name: 'Filter' })).toHaveValue('bayes');
  await expect(again.getByRole('slider', { name: 'Threshold on P(spam)' })).toHaveAttribute('aria-valuetext', '0.99');
  await expect(again.getByRole('textbox', { name: /Your message/ })).toHaveValue(/FREE money/);
  await again.getByRole('button', { name: 'Reset' }).click();
  await expect(again.getByRole('combobox', { name: 'Filter' })).toHaveValue('logistic');
});

// The digit reader, driven like a reader: press a confusion cell (by keyboard) and see its digits, and
// reopen the same cell from the address.
test('the digit reader: a confusion cell shows its digits, and the link reopens it', async ({ page }) => {
  // The 2,000 test digits go through the CNN in a worker of its own, not on the page.
  const reader = page.waitForEvent('worker', { predicate: (w) => w.url().includes('predict.worker') });
  await page.goto('/chapters/applications/');
  const fig = page.getByRole('figure', { name: 'A digit reader and its confusion matrix' });
  await fig.scrollIntoViewIfNeeded();
  const matrix = fig.getByRole('table', { name: /^Confusion matrix of the 2,000 test digits/ });
  const cell = matrix.getByRole('button', { name: /: 8 read as 2$/ });
  await expect(cell).toBeVisible({ timeout: 15_000 });
  await reader;
  const count = Number((await cell.getAttribute('aria-label'))!.split(' ')[0]);
  expect(count).toBeGreaterThan(0);
  // The first cell takes Tab; the arrow keys walk to row 8, column 2.
  await matrix.getByRole('button', { name: /: 0 read as 0$/ }).focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
  await expect(cell).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  const gallery = fig.getByRole('list', { name: 'Test digits that are 8, read as 2' });
  await expect(gallery.getByRole('img')).toHaveCount(count);
  await expect.poll(() => linkState(page.url(), 'digit-reader')).toMatchObject({ cell: 82 });
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  const again = page.getByRole('figure', { name: 'A digit reader and its confusion matrix' });
  await again.scrollIntoViewIfNeeded();
  await expect(again.getByRole('list', { name: 'Test digits that are 8, read as 2' }).getByRole('img')).toHaveCount(count, { timeout: 15_000 });
  await again.getByRole('button', { name: 'Reset' }).click();
  await expect(again.getByText('Press a cell to see its digits.')).toBeVisible();
});
