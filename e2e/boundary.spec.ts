// The widgets without a Figure frame have an error boundary of their own (components/ui/ErrorBoundary.svelte),
// as e2e/figure.spec.ts checks for the figures: a code cell's output or an exercise that throws while it
// draws says what went wrong and offers Reset, the error is explained in the console once, the rest of the
// page keeps working, and Reset brings the widget back. The neuron's shading is drawn by an effect of its
// view, outside its Figure frame's boundary: the boundary around the views catches it, as the one around the
// convolution explorer catches its Play timer.
import { expect, test, type Page } from '@playwright/test';
import { breakCanvasDrawing, mendCanvasDrawing, visitEverything, watchErrors } from './pages.ts';

/** The rest of the page still answers: the theme switch flips the theme. */
async function pageStillWorks(page: Page) {
  const before = await page.locator('html').getAttribute('data-theme');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', before!);
}

test('a code cell whose output throws while it draws keeps its editor and Run, and Reset clears the output', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/play/notebook/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const cell = page.getByRole('region', { name: 'Code cell 3: look inside' });
  await cell.scrollIntoViewIfNeeded();
  await expect(cell.locator('.cm-content')).toBeVisible();
  // From now on writing the number 4321 in words throws, as a bug in a plot would; only the plot's label
  // writes it (its point count), so nothing else on the page is touched.
  await page.evaluate(() => {
    const w = window as unknown as { breakLabels: boolean };
    w.breakLabels = true;
    const format = Number.prototype.toLocaleString;
    Number.prototype.toLocaleString = function (this: number, ...args: Parameters<typeof format>) {
      if (w.breakLabels && Number(this) === 4321) throw new Error('the plot could not be labelled');
      return format.apply(this, args);
    };
  });
  const editor = cell.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await editor.fill("plot.line({ loss: Array.from({ length: 4321 }, (_, i) => 1 / (i + 1)) });\nprint('drawn');");
  await cell.getByRole('button', { name: 'Run' }).click();
  const alert = cell.getByRole('alert');
  await expect(alert).toContainText("This code cell's output stopped with an error: the plot could not be labelled. The rest of the page still works.");
  // The cell itself is still there: its editor, and Run once the run is over.
  await expect(cell.getByRole('button', { name: 'Run' })).toBeEnabled();
  await expect(editor).toContainText('plot.line');
  expect(errors.filter((e) => e.includes(`The code cell's output "Code cell 3: look inside" stopped with an error`))).toHaveLength(1);
  await pageStillWorks(page);
  // With the bug gone, Reset clears the output, and the cell runs and draws again.
  await page.evaluate(() => ((window as unknown as { breakLabels: boolean }).breakLabels = false));
  await alert.getByRole('button', { name: "Reset the code cell's output" }).click();
  await expect(cell.getByRole('alert')).toHaveCount(0);
  await expect(cell.getByLabel('Output', { exact: true })).toHaveCount(0);
  await cell.getByRole('button', { name: 'Run' }).click();
  await expect(cell.getByLabel('Output', { exact: true })).toContainText('drawn');
  await expect(cell.getByRole('img', { name: /Line plot of loss/ })).toBeVisible();
});

test('an exercise that throws while it draws stops alone, and Reset brings it back', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/chapters/introduction/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const ex = page.getByRole('region', { name: 'Exercise: One step of gradient descent' });
  await page.locator('#exercise-one-step').scrollIntoViewIfNeeded();
  await expect(ex.getByRole('button', { name: 'Check' })).toBeVisible();
  // From now on the first hint cannot be drawn: writing its text into the page throws.
  await page.evaluate(() => {
    const w = window as unknown as { breakHints: boolean };
    w.breakHints = true;
    const inner = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!;
    Object.defineProperty(Element.prototype, 'innerHTML', {
      ...inner,
      set(this: Element, html: string) {
        if (w.breakHints && String(html).includes('The derivative of')) throw new Error('the hint could not be drawn');
        inner.set!.call(this, html);
      },
    });
  });
  await ex.getByRole('button', { name: /Show a hint \(1 of/ }).click();
  const failed = page.getByRole('alert').filter({ hasText: 'This exercise stopped with an error: the hint could not be drawn. The rest of the page still works.' });
  await expect(failed).toHaveCount(1);
  await expect(ex).toHaveCount(0);
  expect(errors.filter((e) => e.includes('The exercise "01-introduction/one-step" stopped with an error'))).toHaveLength(1);
  // The other exercises on the page still answer.
  const other = page.getByRole('region', { name: /^Exercise: / }).first();
  await other.scrollIntoViewIfNeeded();
  await expect(other.getByRole('button', { name: 'Check' })).toBeEnabled();
  await pageStillWorks(page);
  // With the bug gone, Reset brings the exercise back, and its hint shows.
  await page.evaluate(() => ((window as unknown as { breakHints: boolean }).breakHints = false));
  await failed.getByRole('button', { name: 'Reset the exercise' }).click();
  await expect(failed).toHaveCount(0);
  await expect(ex.getByRole('button', { name: 'Check' })).toBeVisible();
  await ex.getByRole('button', { name: /Show a hint/ }).click();
  await expect(ex.getByRole('listitem').filter({ hasText: 'The derivative of' })).toBeVisible();
});

test('a neuron figure that throws while it draws its shading stops alone, and Reset brings it back', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/play/neuron/');
  await visitEverything(page);
  const fig = page.getByRole('figure').filter({ has: page.getByRole('heading', { name: 'One neuron', exact: true }) });
  await breakCanvasDrawing(page, 'the neuron could not be drawn');
  const slider = fig.getByRole('slider', { name: 'Weight w₁' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  const alert = page.getByRole('alert').filter({ hasText: 'This figure stopped with an error: the neuron could not be drawn. The rest of the page still works.' });
  await expect(alert).toHaveCount(1);
  await expect(fig).toHaveCount(0);
  expect(errors.filter((e) => e.includes('The figure "Neuron, boundary view" stopped with an error'))).toHaveLength(1);
  // The page's other neuron figure still answers, and so does the rest of the page.
  const other = page.getByRole('figure', { name: 'From a soft ramp to a step' });
  await expect(other.getByRole('slider').first()).toBeVisible();
  await pageStillWorks(page);
  await mendCanvasDrawing(page);
  await alert.getByRole('button', { name: 'Reset the figure' }).click();
  await expect(alert).toHaveCount(0);
  await expect(fig.getByRole('slider', { name: 'Weight w₁' })).toBeVisible();
});

test('a convolution explorer whose play effect throws stops alone, and Reset brings it back', async ({ page }) => {
  // The explorer's Play starts its timer in an effect of ConvolutionView.svelte, outside its Figure's
  // boundary: a timer that cannot be started throws there, and the boundary in Convolution.svelte catches it.
  const errors = watchErrors(page);
  await page.goto('/chapters/cnn/');
  const fig = page.getByRole('figure').filter({ has: page.getByRole('heading', { name: 'A kernel sliding over an image', exact: true }) });
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('xpath=ancestor::astro-island[1]')).not.toHaveAttribute('ssr');
  await page.evaluate(() => {
    const w = window as unknown as { breakTimer: boolean };
    w.breakTimer = true;
    const start = window.setInterval;
    window.setInterval = function (this: unknown, ...args: Parameters<typeof setInterval>) {
      if (w.breakTimer) throw new Error('the timer could not be started');
      return start.apply(this, args);
    } as typeof setInterval;
  });
  await fig.getByRole('button', { name: 'Play', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'This figure stopped with an error: the timer could not be started. The rest of the page still works.' });
  await expect(alert).toHaveCount(1);
  await expect(fig).toHaveCount(0);
  expect(errors.filter((e) => e.includes('The figure "Convolution" stopped with an error'))).toHaveLength(1);
  await pageStillWorks(page);
  await page.evaluate(() => ((window as unknown as { breakTimer: boolean }).breakTimer = false));
  await alert.getByRole('button', { name: 'Reset the figure' }).click();
  await expect(alert).toHaveCount(0);
  await expect(fig.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});
