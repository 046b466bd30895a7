import { expect, test } from '@playwright/test';
test('shots', async ({ page }) => {
  test.setTimeout(180_000);
  for (const [w, theme] of [[1280, 'light'], [360, 'light'], [1280, 'dark']] as const) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/chapters/debugging/');
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    const fig = page.getByRole('figure').filter({ hasText: 'A healthy run' }).first();
    await fig.scrollIntoViewIfNeeded();
    await expect(fig.locator('xpath=ancestor::astro-island[1]')).not.toHaveAttribute('ssr');
    await fig.getByRole('button', { name: 'Train' }).click();
    await expect(fig.getByText('Epoch 150 of 150')).toBeVisible({ timeout: 60_000 });
    await fig.screenshot({ path: `/tmp/lab/healthy-${w}-${theme}.png` });
    const r = page.getByRole('figure').filter({ hasText: 'A learning-rate range test' }).first();
    await r.scrollIntoViewIfNeeded();
    await expect(r.locator('xpath=ancestor::astro-island[1]')).not.toHaveAttribute('ssr');
    await r.getByRole('button', { name: 'Run the sweep' }).click();
    await expect(r.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 60_000 });
    await r.screenshot({ path: `/tmp/lab/range-${w}-${theme}.png` });
    await page.locator('#exercise-case-wrong-backward').scrollIntoViewIfNeeded();
    const card = page.getByRole('region', { name: /Lab case 6/ });
    await card.getByRole('button', { name: 'Train' }).click();
    await card.getByRole('button', { name: 'Check the softplus gradient numerically' }).click();
    await card.getByRole('radio').first().check();
    await card.getByRole('button', { name: 'Check the diagnosis' }).click();
    await expect(card.getByText('Epoch 150 of 150')).toBeVisible({ timeout: 60_000 });
    await card.screenshot({ path: `/tmp/lab/case6-${w}-${theme}.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    console.log(w, theme, 'overflow', overflow);
  }
});
