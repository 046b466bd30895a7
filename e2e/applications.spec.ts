// Chapter 10's screening figure, driven like a reader: move the threshold by keyboard and see the table
// change, switch to a published programme, and reopen the same state from the address.
import { expect, test } from '@playwright/test';

test('the screening test: the threshold changes the table, a preset loads, and the link reopens the state', async ({ page }) => {
  await page.goto('/chapters/applications/');
  const fig = page.getByRole('figure', { name: 'A screening test and its base rate' });
  await fig.scrollIntoViewIfNeeded();
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
  // The address is written a moment after a change: wait for the preset's state, not the threshold's.
  await expect(page).not.toHaveURL(moved);
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  const again = page.getByRole('figure', { name: 'A screening test and its base rate' });
  await again.scrollIntoViewIfNeeded();
  await expect(again.getByRole('combobox', { name: 'Published figures' })).toHaveValue('masai-ai');
  await again.getByRole('button', { name: 'Reset' }).click();
  await expect(again.getByRole('table', { name: 'Per 10,000 people screened' }).getByRole('row', { name: /no disease/ })).toContainText('1,103');
});
