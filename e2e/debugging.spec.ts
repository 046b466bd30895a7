// Chapter 11 as a reader meets it: two lab cases solved the way a reader solves them (train, read the
// symptoms, diagnose, fix, see the goal met, check, and find it in progress), by mouse and by keyboard.
import { expect, test, type Page } from '@playwright/test';

test.use({ trace: 'off' });

/** The exercise card of a lab case, scrolled into view (by its anchor) with its figure loaded. */
async function openCase(page: Page, id: string, title: RegExp) {
  await page.locator(`#exercise-case-${id}`).scrollIntoViewIfNeeded();
  const card = page.getByRole('region', { name: title });
  const fig = card.getByRole('figure');
  await expect(fig.getByRole('button', { name: 'Train' })).toBeEnabled();
  return { card, fig };
}

test('dead ReLUs: diagnose, restart the biases at 0, meet the goal, and it is recorded', async ({ page }) => {
  await page.goto('/chapters/debugging/');
  const { card, fig } = await openCase(page, 'dead-relu', /Lab case 3: stuck at ln 3/);
  await fig.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(fig.getByRole('row', { name: /W\(2\) 0 0 100%/ })).toBeVisible();
  await fig.getByRole('radio', { name: 'The learning rate is far too low.' }).check();
  await fig.getByRole('button', { name: 'Check the diagnosis' }).click();
  await expect(fig.getByText(/Not this one\. With a step too small/)).toBeVisible();
  await fig.getByRole('radio', { name: 'The ReLU units are dead.' }).check();
  await fig.getByRole('button', { name: 'Check the diagnosis' }).click();
  await expect(fig.getByText(/^Right\. A bias of −2/)).toBeVisible();
  // The fix by keyboard: the bias slider from −2 up to 0 in steps of 0.25.
  const bias = fig.getByRole('slider', { name: 'Initial hidden bias' });
  await bias.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  await expect(bias).toHaveAttribute('aria-valuetext', '0');
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.getByText(/Met at epoch \d+\./)).toBeVisible({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(card.getByText('Completed')).toBeVisible();
  await page.goto('/progress/');
  await expect(page.getByText(/Lab case 3: stuck at ln 3/i)).toBeVisible();
});

test('a learning rate of 10: NaN caught and shown, then lowered until the run reaches the goal', async ({ page }) => {
  await page.goto('/chapters/debugging/');
  const { card, fig } = await openCase(page, 'lr-high', /Lab case 1: the loss became nan/i);
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.getByRole('alert')).toContainText(/Training diverged after \d+ epochs?: the training loss became not a number/);
  await expect(fig.getByRole('button', { name: 'Train' })).toBeDisabled();
  await fig.getByRole('radio', { name: 'The learning rate is far too high.' }).check();
  await fig.getByRole('button', { name: 'Check the diagnosis' }).click();
  await expect(fig.getByText(/^Right\./)).toBeVisible();
  await fig.getByRole('slider', { name: 'Learning rate η' }).fill(String(Math.log10(0.05)));
  await expect(fig.getByRole('slider', { name: 'Learning rate η' })).toHaveAttribute('aria-valuetext', '0.0501');
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.getByText(/Met at epoch \d+\./)).toBeVisible({ timeout: 40_000 });
  await card.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(card.getByText('Completed')).toBeVisible();
});
