// Chapter 8 as a reader meets it: the unrolled RNN steps forward and back through time and trains; the
// gradient-through-time figure answers its spectral-radius slider and clipping; the character model trains
// in its worker, samples names and answers its temperature; share links reopen the
// same state and mangled ones fall back with a notice; the figure goal is met in its own figure; axe
// finds nothing in either theme once the figures have been used.
import type AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { axeOf, visitEverything } from './pages.ts';

test.use({ trace: 'off' });

const figure = (page: Page, title: string) => page.getByRole('figure').filter({ has: page.getByRole('heading', { name: title }) }).first();

/** Scrolls a figure into view and waits until it has hydrated (Astro drops the island's ssr attribute). */
async function open(fig: ReturnType<typeof figure>) {
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('xpath=ancestor::astro-island[1]')).not.toHaveAttribute('ssr');
}

async function shareLinkOf(page: Page, title: string): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await figure(page, title).getByRole('button', { name: 'Share' }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('the unrolled RNN: step forward through time, then backward one step at a time, train, share', async ({ page }) => {
  await page.goto('/chapters/rnn/');
  const fig = figure(page, 'An RNN unrolled through time');
  await open(fig);
  const description = fig.locator('.description');
  await expect(description).toContainText('Nothing computed yet');
  const back = fig.getByRole('button', { name: 'Step backward' });
  await expect(back).toBeDisabled();
  const forward = fig.getByRole('button', { name: 'Step forward' });
  await forward.click();
  await expect(description).toContainText('Forward pass at step 1 of 8: h_1 = (');
  // By keyboard from here on: Enter presses the focused button.
  await forward.focus();
  for (let i = 0; i < 7; i++) await page.keyboard.press('Enter');
  await expect(description).toContainText('Forward pass complete');
  await expect(forward).toBeDisabled();
  await back.click();
  await expect(description).toContainText('Backward pass at step 8');
  await back.click();
  await expect(description).toContainText('Backward pass at step 7: ‖∂L/∂h_t‖ for t = 7 … 8');
  const lossBefore = Number(/loss (\d+(?:\.\d+)?)/.exec((await description.textContent()) ?? '')?.[1]);
  await fig.getByRole('button', { name: 'Train 10 steps' }).click();
  await expect(description).toContainText('10 training steps');
  const lossAfter = Number(/loss (\d+(?:\.\d+)?)/.exec((await description.textContent()) ?? '')?.[1]);
  expect(lossAfter).toBeLessThan(lossBefore);

  const link = await shareLinkOf(page, 'An RNN unrolled through time');
  await page.goto('/');
  await page.goto(link);
  const again = figure(page, 'An RNN unrolled through time');
  await open(again);
  await expect(again.locator('.description')).toContainText(`10 training steps, loss ${lossAfter}`);
  await expect(again.locator('.description')).toContainText('Backward pass at step 7');

  await again.getByRole('button', { name: 'Reset' }).click();
  await expect(again.locator('.description')).toContainText('0 training steps');
  await expect(again.locator('.description')).toContainText('Nothing computed yet');
});

test('gradients through time: the slider, the activation and clipping change what is measured', async ({ page }) => {
  await page.goto('/chapters/rnn/');
  const fig = figure(page, 'Gradients through time');
  await open(fig);
  const description = fig.locator('.description');
  await expect(description).toContainText('Linear RNN, spectral radius ρ = 0.9: the gradient 50 steps back from the loss is 5.2e-3');
  const rho = fig.getByRole('slider', { name: /Spectral radius/ });
  await rho.focus();
  await page.keyboard.press('ArrowRight');
  await expect(rho).toHaveAttribute('aria-valuetext', '0.91');
  await rho.fill('1.1');
  await expect(rho).toHaveAttribute('aria-valuetext', '1.10');
  await expect(description).toContainText('ρ = 1.1: the gradient 50 steps back from the loss is 120 times');
  await expect(description).toContainText('explodes');
  await fig.getByLabel('Activation').selectOption('tanh');
  await expect(description).toContainText('Tanh RNN, spectral radius ρ = 1.1');
  await expect(description).toContainText('vanishes');
  await fig.getByLabel(/Clip the gradient/).check();
  await expect(description).toContainText('cosine 1.000 between them');

  const link = await shareLinkOf(page, 'Gradients through time');
  await page.goto('/');
  await page.goto(link);
  const again = figure(page, 'Gradients through time');
  await open(again);
  await expect(again.locator('.description')).toContainText('Tanh RNN, spectral radius ρ = 1.1');
  await expect(again.getByLabel(/Clip the gradient/)).toBeChecked();

  // A mangled link opens the defaults and says so.
  await page.goto('/');
  await page.goto(link.replace(/gradient-through-time=[^&]*/, 'gradient-through-time=not-base64!'));
  const mangled = figure(page, 'Gradients through time');
  await open(mangled);
  await expect(mangled.getByRole('status').filter({ hasText: 'could not read' })).toBeVisible();
  await expect(mangled.locator('.description')).toContainText('Linear RNN, spectral radius ρ = 0.9');
});

test('the memory task: at T = 40 the LSTM and GRU learn the bit in the worker and the plain RNN does not', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/chapters/rnn/');
  const fig = figure(page, 'Remembering a bit: RNN, LSTM and GRU');
  await open(fig);
  const description = fig.locator('.description');
  await expect(description).toContainText('Delay T = 40');
  await expect(description).toContainText('Not trained yet');
  await fig.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(fig.getByRole('button', { name: 'Pause' })).toBeVisible();
  // The budget is 300 steps; training stops there by itself and says so.
  await expect(description).toContainText('300 of 300 steps (budget spent)', { timeout: 240_000 });
  const text = (await description.textContent()) ?? '';
  const pct = (name: string) => Number(new RegExp(`${name} (\\d+)%`).exec(text)?.[1]);
  expect(pct('LSTM')).toBeGreaterThanOrEqual(95);
  expect(pct('GRU')).toBeGreaterThanOrEqual(95);
  expect(pct('RNN')).toBeLessThanOrEqual(65);
  await expect(fig.getByRole('status').filter({ hasText: 'epoch limit' })).toBeVisible();

  // A shorter delay by keyboard starts the nets over; the link keeps it.
  const delay = fig.getByRole('slider', { name: 'Delay T' });
  await delay.focus();
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowLeft');
  await expect(description).toContainText('Delay T = 5: the bit comes 5 steps before the answer. Not trained yet');
  const link = await shareLinkOf(page, 'Remembering a bit: RNN, LSTM and GRU');
  await page.goto('/');
  await page.goto(link);
  const again = figure(page, 'Remembering a bit: RNN, LSTM and GRU');
  await open(again);
  await expect(again.locator('.description')).toContainText('Delay T = 5');
});

test('the character model: Train, names appear and the held-out loss falls below the bigram; temperature by keyboard; the link keeps it', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/chapters/rnn/');
  const title = 'A character model of first names';
  const fig = figure(page, title);
  await open(fig);
  const stats = fig.locator('.stats');
  await expect(stats).toContainText('Steps 0 · held-out loss 3.30 nats per character · bigram 2.44 · letter frequencies 2.87');
  const loss = async () => Number(/held-out loss (\d+\.\d+)/.exec((await stats.textContent()) ?? '')?.[1]);
  await fig.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(fig.getByRole('button', { name: 'Pause' })).toBeVisible();
  // The worker trains about 80 steps a second here: below the bigram within a few seconds.
  await expect.poll(loss, { timeout: 20_000 }).toBeLessThan(2.44);
  await fig.getByRole('button', { name: 'Pause' }).click();
  const samples = fig.getByRole('list', { name: /Samples at τ = 1.00/ }).getByRole('listitem');
  await expect(samples).toHaveCount(8);
  for (const s of await samples.allTextContents()) expect(s).toMatch(/^[a-z]+ (copy of a training name|real name, never trained on|new)$/);
  await expect(fig.getByRole('img', { name: /How “[a-z]*” was drawn/ })).toBeVisible();

  // Lower the temperature by keyboard: new samples from the same weights, the steps unchanged.
  const steps = (await stats.textContent())?.match(/Steps ([\d,]+)/)?.[1];
  const tau = fig.getByRole('slider', { name: 'Temperature τ' });
  await tau.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect(tau).toHaveAttribute('aria-valuetext', '0.80');
  await expect(fig.getByRole('heading', { name: 'Samples at τ = 0.80' })).toBeVisible();
  await expect(stats).toContainText(`Steps ${steps}`);
  await expect(fig.locator('.description')).toContainText('Samples at temperature 0.8:');

  const link = await shareLinkOf(page, title);
  await page.goto('/');
  await page.goto(link);
  const again = figure(page, title);
  await open(again);
  await expect(again.getByRole('slider', { name: 'Temperature τ' })).toHaveAttribute('aria-valuetext', '0.80');
  await expect(again.locator('.stats')).toContainText('Steps 0');
  await expect(again.getByRole('heading', { name: 'Samples at τ = 0.80' })).toBeVisible();

  // A mangled link opens the defaults and says so.
  await page.goto('/');
  await page.goto(link.replace(/character-model=[^&]*/, 'character-model=bm90LWEtc3RhdGU'));
  const mangled = figure(page, title);
  await open(mangled);
  await expect(mangled.getByRole('status').filter({ hasText: 'could not read' })).toBeVisible();
  await expect(mangled.getByRole('slider', { name: 'Temperature τ' })).toHaveAttribute('aria-valuetext', '1.00');
});

test('the character model on its demo page: Reset after training starts over', async ({ page }) => {
  await page.goto('/play/character-model/');
  const fig = figure(page, 'A character model of first names');
  await open(fig);
  await fig.getByRole('button', { name: 'Train 25 steps' }).click();
  await expect(fig.locator('.stats')).toContainText('Steps 25');
  await fig.getByRole('button', { name: 'Reset' }).click();
  await expect(fig.locator('.stats')).toContainText('Steps 0');
  await expect(page.locator('.from').getByRole('link', { name: 'Recurrent networks' })).toBeVisible();
});

test('the figure goal: a tanh gradient that neither vanishes nor explodes', async ({ page }) => {
  await page.goto('/chapters/rnn/');
  const island = page.locator('astro-island[props*="08-rnn/gradient-goal"]');
  await island.scrollIntoViewIfNeeded();
  const ex = island.getByRole('region');
  await expect(ex.getByRole('heading', { name: 'Gradients through time' })).toBeVisible();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText('Not yet.', { exact: true })).toBeVisible();
  const rho = ex.getByRole('slider', { name: /Spectral radius/ });
  await rho.focus();
  for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowRight');
  await expect(rho).toHaveAttribute('aria-valuetext', '1.50');
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.getByText('Correct.', { exact: true })).toBeVisible();
});

test('chapter 8 has no axe violations in either theme after its figures are used', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/chapters/rnn/');
  await visitEverything(page);
  await figure(page, 'An RNN unrolled through time').getByRole('button', { name: 'Run both passes' }).click();
  await figure(page, 'Gradients through time').getByLabel(/Clip the gradient/).check();
  const names = figure(page, 'A character model of first names');
  await open(names); // its names load once it is on screen
  await names.getByRole('button', { name: 'Train 25 steps' }).click();
  await expect(names.locator('.stats')).toContainText('Steps 25');
  const summary = (r: Awaited<ReturnType<AxeBuilder['analyze']>>) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary(await axeOf(page).analyze()), 'light theme').toEqual([]);
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  expect(summary(await axeOf(page).withRules(['color-contrast']).analyze()), 'dark theme').toEqual([]);
});

test('chapter 8 screenshots: 1280 px, 360 px and dark', async ({ page }) => {
  test.setTimeout(120_000);
  for (const [name, width, theme] of [['1280', 1280, 'light'], ['360', 360, 'light'], ['dark', 1280, 'dark']] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/chapters/rnn/');
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    for (const [title, file] of [['An RNN unrolled through time', 'unrolled'], ['Gradients through time', 'gradients'], ['A character model of first names', 'names']] as const) {
      const fig = figure(page, title);
      await open(fig);
      await expect(fig.locator('.description')).not.toBeEmpty();
      if (title.startsWith('An RNN')) await fig.getByRole('button', { name: 'Run both passes' }).click();
      if (file === 'names') {
        await fig.getByRole('button', { name: 'Train 25 steps' }).click();
        await expect(fig.locator('.stats')).toContainText('Steps 25');
      }
      await fig.screenshot({ path: `test-results/rnn-${file}-${name}.png` });
    }
    // The page must not scroll sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  }
});
