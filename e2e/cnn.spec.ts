// Chapter 7 as a reader meets it: the convolution explorer steps by keyboard and its output cell equals the
// dot product it writes out, its settings change the formula, and its link reopens the same state (a
// mangled one falls back with a notice); the digit CNN trains in its worker until the first measurement;
// its trained nets export to a file and import back; the pad takes a mouse stroke and the keyboard, and its probabilities follow; axe finds nothing afterwards.
import { expect, test, type Page } from '@playwright/test';
import { axeOf } from './pages.ts';

test.use({ trace: 'off' });

const figure = (page: Page, title: string) => page.getByRole('figure').filter({ has: page.getByRole('heading', { name: title }) }).first();

async function open(fig: ReturnType<typeof figure>) {
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('xpath=ancestor::astro-island[1]')).not.toHaveAttribute('ssr');
}

test('the convolution explorer: step by keyboard, the cell is the dot product shown, the formula follows the settings, the link reopens it', async ({ page }) => {
  await page.goto('/chapters/cnn/');
  const fig = figure(page, 'A kernel sliding over an image');
  await open(fig);
  const description = fig.locator('.description');
  await expect(description).toContainText('No output cell computed yet');
  const step = fig.getByRole('button', { name: 'Step', exact: true });
  await step.focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press('Enter');
  await expect(fig.getByText('40 of 144 cells', { exact: true })).toBeVisible();
  await expect(description).toContainText('Output cell (4, 4) reads input rows 4 to 6 and columns 4 to 6');
  const value = /its value is (−?[\d.]+)\./.exec((await description.textContent()) ?? '')![1];
  await expect(fig.locator('code.sum')).toHaveText(new RegExp(` = ${value}$`));

  await fig.getByRole('slider', { name: 'Stride s' }).focus();
  await page.keyboard.press('ArrowRight');
  await fig.getByRole('slider', { name: 'Padding p' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(fig.getByText('⌊(14 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 7', { exact: true })).toBeVisible();
  await fig.getByRole('combobox', { name: 'Kernel preset' }).selectOption('sobel-x');
  await fig.getByRole('button', { name: 'Compute all' }).click();
  await expect(fig.getByText('49 of 49 cells', { exact: true })).toBeVisible();
  const corner = fig.getByRole('spinbutton', { name: 'Kernel row 1, column 1' });
  await corner.fill('3');
  await corner.press('Enter');
  await expect(fig.getByRole('combobox', { name: 'Kernel preset' })).toHaveValue('custom');

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await fig.getByRole('button', { name: 'Share' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const before = await description.textContent();
  await page.goto('/');
  await page.goto(link);
  const again = figure(page, 'A kernel sliding over an image');
  await open(again);
  await expect(again.locator('.description')).toHaveText(before!);
  await expect(again.getByRole('spinbutton', { name: 'Kernel row 1, column 1' })).toHaveValue('3');

  const bad = link.replace(/([#&]convolution=)[^&]*/, '$1bm90LWEtc3RhdGU');
  expect(bad).not.toBe(link);
  await page.goto('/');
  await page.goto(bad);
  const mangled = figure(page, 'A kernel sliding over an image');
  await open(mangled);
  await expect(mangled.getByText(/could not read/)).toBeVisible();
  await mangled.getByRole('button', { name: 'Reset' }).click();
  await expect(mangled.locator('.description')).toContainText('Kernel 3×3 (vertical edge), stride 1, padding 0, dilation 1');
});

test('the receptive field follows a unit chosen by keyboard and by pointer down to the input', async ({ page }) => {
  await page.goto('/chapters/cnn/');
  const fig = figure(page, 'Receptive fields through the digit network');
  await open(fig);
  const description = fig.locator('.description');
  await expect(description).toContainText('a 14×14 patch of the input: rows 7 to 20, columns 7 to 20.');
  await fig.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'pool 2 (5×5)' });
  await fig.getByRole('slider', { name: 'Row' }).focus();
  await page.keyboard.press('Home');
  await expect(description).toContainText('Unit (1, 3) of pool 2 (5×5)');
  await expect(description).toContainText('(cut off by the image border)');
  await expect(fig.getByRole('img', { name: /^input: rows 1 to 14, columns/ })).toBeVisible();
  const conv1 = fig.getByRole('img', { name: /^conv 1:/ });
  const box = (await conv1.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await expect(description).toContainText('of conv 1 (28×28) depends on a 5×5 patch of the input');
});

test('the digit CNN trains in its worker, the pad reads a mouse stroke and the keyboard, and axe finds nothing', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/chapters/cnn/');
  const fig = figure(page, 'Digits: a CNN against a dense network');
  await open(fig);
  const train = fig.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 20_000 });
  await expect(fig.getByText('parameters: CNN 61,706, dense 62,020 (78 hidden units)')).toBeVisible();
  await train.click();
  // The first measurement on the 2,000 test digits comes after 2,000 training images.
  const stats = fig.locator('.stats');
  await expect(stats).toContainText(/test accuracy: CNN (8|9)\d\.\d%/, { timeout: 30_000 });
  await fig.getByRole('button', { name: 'Pause' }).click();
  await expect(fig.getByRole('table', { name: /confusion matrix/ })).toBeVisible();
  const mistake = fig.getByRole('button', { name: /^Test digit \d+, a \d, read as \d/ }).first();
  const which = /Test digit (\d+)/.exec((await mistake.textContent()) ?? '')![1];
  await mistake.click();
  await expect(fig.getByRole('heading', { name: `Feature maps of test digit ${which}` })).toBeVisible();
  const seen = /Images seen ([\d,]+)/.exec((await stats.textContent()) ?? '')![1];
  const download = page.waitForEvent('download');
  await fig.getByRole('button', { name: 'Export nets' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^digit-lenet-\d+\.json$/);
  const file = test.info().outputPath(saved.suggestedFilename());
  await saved.saveAs(file);
  await fig.getByRole('button', { name: 'Reset' }).click();
  await expect(stats).toContainText('Images seen 0');
  await fig.getByLabel('Import nets').setInputFiles(file);
  await expect(fig.getByText(/^Imported digit-lenet-\d+\.json/)).toBeVisible();
  await expect(stats).toContainText(`Images seen ${seen}`);

  const pad = figure(page, 'Draw a digit');
  await open(pad);
  const canvas = pad.locator('canvas').first();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.2, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.85, { steps: 8 });
  await page.mouse.up();
  const words = pad.locator('.description');
  await expect(words).toContainText(/Your digit: the CNN reads \d \(\d+%\), the dense network \d \(\d+%\)/);
  await expect(pad.getByRole('img', { name: /^CNN probabilities: 0 \d+%/ })).toBeVisible();
  const first = await words.textContent();
  await pad.getByRole('slider', { name: 'Shift right' }).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(words).toContainText('shifted 4 pixels right');
  expect(await words.textContent()).not.toBe(first);

  await pad.getByRole('button', { name: 'Clear' }).click();
  await expect(words).toContainText('The pad is empty');
  await pad.getByRole('application', { name: 'Your drawing' }).focus();
  for (const k of ['ArrowUp', ' ', 'ArrowDown', ' ', 'ArrowDown', ' ']) await page.keyboard.press(k);
  await expect(words).toContainText(/Your digit( shifted [^:]*)?: the CNN reads/);
  await pad.getByRole('button', { name: 'Measure on 500 test digits' }).click();
  await expect(pad.getByText(/changed the CNN's answer in \d+% of cases and the dense network's in \d+%/)).toBeVisible({ timeout: 20_000 });

  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    const results = await axeOf(page).include('article').analyze();
    expect(results.violations.map((v) => `${theme}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  }
});

test('channels and filters: move the selected output by keyboard, edit a slice, see the sum follow; the link reopens it', async ({ page, context }) => {
  await page.goto('/play/channels/');
  const fig = figure(page, 'Channels and filters: a filter is a stack');
  await open(fig);
  const sum = fig.locator('p.sum');
  // The default cell: filter 1 (red vertical edges) over the red square's left edge: only the red term counts.
  await expect(sum).toContainText(/Output 1, row 2, column 1\s*red −3 \+ green 0 \+ blue 0 \+ bias 0\s*=\s*−3/);
  // Arrow keys move the selection, to the square's right edge.
  await fig.getByRole('button', { name: /^Output 1, row 2, column 1:/ }).focus();
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(fig.getByRole('button', { name: /^Output 1, row 3, column 4:/ })).toBeFocused();
  await expect(sum).toContainText(/Output 1, row 3, column 4\s*red 3 \+ green 0 \+ blue 0 \+ bias 0\s*=\s*3/);
  // A 1 in the middle of the green slice: the green bar joins in where it crosses the window's centre.
  const green = fig.getByLabel('Filter 1, green slice, row 2, column 2');
  await green.fill('1');
  await green.press('Enter');
  await expect(sum).toContainText(/red 3 \+ green 1 \+ blue 0 \+ bias 0\s*=\s*4/);
  await expect(fig.getByLabel('Filter 1 preset')).toHaveValue('edited');
  // Filter 2 as "red and green together": positive only where the bar crosses the square.
  await fig.getByLabel('Filter 2 preset').selectOption('yellow');
  await fig.getByRole('button', { name: /^Output 2, row 3, column 4:/ }).click();
  await expect(sum).toContainText(/red 1 \+ green 1 \+ blue 0 \+ bias −1\s*=\s*1/);
  // Share: the link reopens the same filters and cell.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await fig.getByRole('button', { name: 'Share' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(link);
  const again = figure(other, 'Channels and filters: a filter is a stack');
  await open(again);
  await expect(again.locator('p.sum')).toContainText('Output 2, row 3, column 4');
  await expect(again.locator('p.sum')).toContainText(/=\s*1$/);
  await expect(again.getByLabel('Filter 1, green slice, row 2, column 2')).toHaveValue('1');
});
