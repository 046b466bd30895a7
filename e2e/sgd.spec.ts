// Chapter 5 as a reader meets it: the figure goal in the ravine loads its figure and reads the figure's
// state (it failed to load while inlined stylesheets were deleted from dist/), and the Adam code exercise
// names a missing bias correction and accepts a correct step.
import { expect, test, type Page } from '@playwright/test';

// NOTE: no trace for these tests: Playwright's trace snapshots the whole DOM after every action, which on
// this chapter took about a second per key press on a busy machine, and the ravine goal takes 39 of them.
test.use({ trace: 'off' });

async function openExercise(page: Page, id: string) {
  await page.goto('/chapters/sgd/');
  const island = page.locator(`astro-island[props*="05-sgd/${id}"]`);
  await island.scrollIntoViewIfNeeded();
  const region = island.getByRole('region');
  await expect(region).toBeVisible();
  return region;
}

test('the ravine goal: its figure loads, and SGD diverging while momentum converges meets it', async ({ page }) => {
  const ex = await openExercise(page, 'ravine-momentum');
  await expect(ex.getByText('could not load')).toHaveCount(0);
  await expect(ex.getByRole('heading', { name: 'Loss landscape' })).toBeVisible();

  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText('Not yet.', { exact: true })).toBeVisible();

  await ex.getByRole('button', { name: 'too large' }).click();
  await expect(ex.getByText('diverged after 18 steps', { exact: true })).toBeVisible();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText('Partly right.', { exact: true })).toBeVisible();

  // Momentum β is the second range input; step it down to 0.5 with the keyboard.
  // Focused once, then driven by keys alone (see the NOTE on traces above).
  const beta = ex.locator('input[type=range]').nth(1);
  await beta.focus();
  const steps = Math.round((Number(await beta.getAttribute('aria-valuetext')) - 0.5) / 0.01);
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowLeft');
  await expect(beta).toHaveAttribute('aria-valuetext', '0.5');
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText('Correct.', { exact: true })).toBeVisible();
});

test('the Adam code exercise: the missing bias correction is named, the full step passes', async ({ page }) => {
  const ex = await openExercise(page, 'adam-code');
  const editor = ex.locator('.cm-content');
  const type = async (code: string) => {
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await editor.fill(code);
    await ex.getByRole('button', { name: 'Check' }).click();
  };
  const step = (correct: boolean) =>
    'function adamStep(theta, g, state, lr, beta1, beta2, eps) { state.t += 1; ' +
    (correct ? 'const c1 = 1 - beta1 ** state.t, c2 = 1 - beta2 ** state.t; ' : 'const c1 = 1, c2 = 1; ') +
    'for (let i = 0; i < theta.length; i++) { state.m[i] = beta1 * state.m[i] + (1 - beta1) * g[i]; ' +
    'state.v[i] = beta2 * state.v[i] + (1 - beta2) * g[i] * g[i]; ' +
    'theta[i] -= lr * (state.m[i] / c1) / (Math.sqrt(state.v[i] / c2) + eps); } }';

  await type(step(false));
  await expect(ex.getByText(/the bias correction is missing/)).toBeVisible({ timeout: 20_000 });
  await type(step(true));
  await expect(ex.getByText('Correct.', { exact: true })).toBeVisible({ timeout: 20_000 });
});
