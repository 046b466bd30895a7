// The figure kit as a reader meets it: a figure's state follows it into the address and its Share link,
// the link reopens it in that state and at that figure, a mangled link opens the defaults with a notice,
// Reset returns to the opening state, "Link copied." goes away, the description is there in words on
// request, and figures on one page have distinct titles.
import { expect, test, type Page } from '@playwright/test';
import { breakCanvasDrawing, mendCanvasDrawing, visitEverything, watchErrors } from './pages.ts';

const figure = (page: Page, title: string | RegExp) => page.getByRole('figure').filter({ has: page.getByRole('heading', { name: title }) });

async function share(page: Page, fig: ReturnType<typeof figure>): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await fig.getByRole('button', { name: 'Share' }).click();
  await expect(fig.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('a figure’s state follows it into the address, and its link reopens it at that figure', async ({ page, context }) => {
  await page.goto('/play/activations/');
  await visitEverything(page);
  const fig = figure(page, 'Activations and their derivatives');
  const z = fig.getByRole('slider', { name: 'z' });
  await z.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(z).toHaveAttribute('aria-valuetext', '0.2');
  await expect(page).toHaveURL(/#.*activations=/);
  const link = await share(page, fig);
  expect(link).toMatch(/#figure-activations&/);
  // "Link copied." goes away by itself.
  await expect(fig.getByRole('status').filter({ hasText: 'Link copied.' })).toBeHidden({ timeout: 10_000 });

  const other = await context.newPage();
  await other.goto(link);
  await visitEverything(other);
  await expect(figure(other, 'Activations and their derivatives').getByRole('slider', { name: 'z' })).toHaveAttribute('aria-valuetext', '0.2');
});

test('a shared link to a figure deep in a chapter opens at that figure', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto('/chapters/sgd/');
  await visitEverything(page);
  const fig = figure(page, /^Loss landscape: saddle/);
  await fig.getByRole('slider', { name: 'Steps', exact: true }).focus();
  await page.keyboard.press('ArrowLeft');
  const link = await share(page, fig);
  const other = await context.newPage();
  await other.goto(link);
  const opened = figure(other, /^Loss landscape: saddle/);
  await expect(opened).toBeInViewport();
  // It hydrates where it opened (it is on screen), in the shared state.
  await expect(opened.getByRole('slider', { name: 'Steps', exact: true })).toHaveAttribute('aria-valuetext', '59', { timeout: 30_000 });
});

test('a mangled link opens the defaults with a notice, and the figure works', async ({ page }) => {
  await page.goto('/play/neuron/#figure-neuron&neuron=bm90LWEtc3RhdGU');
  await visitEverything(page);
  const fig = figure(page, 'One neuron');
  await expect(fig.getByRole('status').filter({ hasText: 'could not read' })).toHaveText('The link held settings this figure could not read, so it opened with its defaults.');
  await expect(fig.getByRole('slider', { name: /Weight w₁/ })).toHaveAttribute('aria-valuetext', '2');
  await fig.getByRole('combobox', { name: 'Activation σ' }).selectOption('tanh');
  await expect(fig.getByRole('combobox', { name: 'Activation σ' })).toHaveValue('tanh');
});

test('Reset returns to the opening state, clears the notice and takes the figure out of the address', async ({ page }) => {
  await page.goto('/play/gradient-flow/');
  await visitEverything(page);
  const fig = figure(page, 'Signals through a deep network');
  await fig.getByRole('combobox', { name: 'Activation σ' }).selectOption('tanh');
  await expect(page).toHaveURL(/flow=/);
  await fig.getByRole('button', { name: 'Reset' }).click();
  await expect(fig.getByRole('combobox', { name: 'Activation σ' })).toHaveValue('relu');
  await expect(page).not.toHaveURL(/flow=/);
});

test('the description is there for screen readers, and in words on request', async ({ page }) => {
  await page.goto('/play/neuron/');
  await visitEverything(page);
  const fig = figure(page, 'One neuron');
  const words = fig.getByText(/^Neuron with w₁ = 2/);
  await expect(words).toHaveClass(/visually-hidden/);
  await fig.getByRole('button', { name: 'In words' }).click();
  await expect(fig.getByRole('button', { name: 'In words' })).toHaveAttribute('aria-expanded', 'true');
  await expect(words).not.toHaveClass(/visually-hidden/);
  await expect(words).toBeVisible();
});

for (const path of ['/chapters/backpropagation/', '/chapters/sgd/', '/chapters/relu-init/', '/play/loss-landscape/', '/play/neuron/']) {
  test(`figures on ${path} have distinct titles`, async ({ page }) => {
    await page.goto(path);
    // NOTE: textContent, not innerText, which is empty for a part of a chapter skipped while off screen.
    const titles = (await page.locator('figure.figure h3').allTextContents()).map((t) => t.trim());
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });
}

test('a figure that throws while it draws stops alone: it says what went wrong, offers Reset, and the page keeps working', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/play/overfitting/');
  await visitEverything(page);
  const fig = page.getByRole('figure', { name: 'Overfitting and its remedies' });
  // From now on the heat map's drawing call throws, as a bug in a figure would.
  await breakCanvasDrawing(page, 'the heat map could not be drawn');
  await fig.getByRole('button', { name: /^Train/ }).click();
  const alert = fig.getByRole('alert');
  await expect(alert).toContainText('This figure stopped with an error: the heat map could not be drawn. The rest of the page still works.');
  await expect(fig.getByRole('button', { name: /^Train/ })).toHaveCount(0);
  // The error is explained in the console, once, by the figure that caught it.
  expect(errors.filter((e) => e.includes('The figure "Overfitting and its remedies" stopped with an error'))).toHaveLength(1);
  // The rest of the page works: the theme switch still answers.
  const theme = page.getByRole('button', { name: 'Dark theme' });
  const before = await page.locator('html').getAttribute('data-theme');
  await theme.click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', before!);
  // With the bug gone, Reset brings the figure back, and it trains.
  await mendCanvasDrawing(page);
  await alert.getByRole('button', { name: 'Reset the figure' }).click();
  await expect(fig.getByRole('alert')).toHaveCount(0);
  await fig.getByRole('button', { name: /^Train/ }).click();
  await expect(fig.getByText(/^Lowest test loss: .* at epoch [1-9]/)).toBeVisible();
});

test('a figure whose button handler throws stops alone the same way, with no unexplained error', async ({ page }) => {
  // svelte:boundary does not catch what event handlers throw; the figure's frame does (components/ui/handlerErrors.ts).
  const errors = watchErrors(page);
  await page.goto('/play/playground/');
  const fig = page.getByRole('figure').filter({ has: page.getByRole('heading', { name: 'Playground', exact: true }) });
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('xpath=ancestor::astro-island[1]')).not.toHaveAttribute('ssr');
  // From now on the browser cannot make a file to download: Export model's click handler throws.
  await page.evaluate(() => {
    const w = window as unknown as { breakFiles: boolean };
    w.breakFiles = true;
    const make = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => {
      if (w.breakFiles) throw new Error('the file could not be made');
      return make(blob);
    };
  });
  await fig.getByRole('button', { name: 'Export model' }).click();
  const alert = fig.getByRole('alert');
  await expect(alert).toContainText('This figure stopped with an error: the file could not be made. The rest of the page still works.');
  await expect(fig.getByRole('button', { name: 'Export model' })).toHaveCount(0);
  // Explained once, by the figure that caught it, and not also reported as an uncaught error.
  expect(errors.filter((e) => e.includes('The figure "Playground" stopped with an error'))).toHaveLength(1);
  expect(errors.filter((e) => e.includes('the file could not be made') && !e.includes('stopped with an error'))).toHaveLength(0);
  await page.evaluate(() => ((window as unknown as { breakFiles: boolean }).breakFiles = false));
  await alert.getByRole('button', { name: 'Reset the figure' }).click();
  await expect(fig.getByRole('alert')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), fig.getByRole('button', { name: 'Export model' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^playground-.*\.json$/);
});
