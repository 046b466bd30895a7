// What a close reading of Part I's figures found (issue 11), each driven as a reader would: the
// activation plot keeps every curve on the chart and a click moves z; the loss landscape shows SGD on
// top of momentum, toggles paths, carries axis ticks, and its sliders follow the keyboard; the
// computation graph says when a value is not finite, shows exponents, says Custom, and keeps gradients
// hidden until the backward pass reaches them; the neuron plots carry ticks that are not clipped.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { visitEverything } from './pages.ts';

const figure = (page: Page, title: string | RegExp) => page.getByRole('figure').filter({ has: page.getByRole('heading', { name: title }) });

/** True when every box of `inner` lies inside `outer`'s box (nothing cut off). */
async function inside(outer: Locator, inner: Locator): Promise<boolean> {
  const o = (await outer.boundingBox())!;
  for (const box of await inner.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    if (box.left < o.x - 0.5 || box.top < o.y - 0.5 || box.right > o.x + o.width + 0.5 || box.bottom > o.y + o.height + 0.5) return false;
  }
  return true;
}

test('Activations: relu stays on the chart over the whole z range, and a click on the plot moves z', async ({ page }) => {
  await page.goto('/play/activations/');
  await visitEverything(page);
  const fig = figure(page, 'Activations and their derivatives');
  await fig.getByLabel('Activation').selectOption('relu');
  const plot = fig.getByRole('img').first();
  expect(await inside(plot, plot.locator('path'))).toBe(true);
  await expect(plot.locator('text', { hasText: /^5$/ }).first()).toBeAttached();
  const box = (await plot.locator('rect').last().boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);
  await expect(fig.getByRole('slider', { name: 'z' })).toHaveAttribute('aria-valuetext', '4');
});

test('Loss landscape: SGD is drawn on top of momentum on the bowl, paths toggle, and the axes have ticks', async ({ page }) => {
  await page.goto('/play/loss-landscape/');
  await visitEverything(page);
  const fig = figure(page, 'Loss landscape: bowl');
  await expect(fig.getByText(/SGD and momentum travel along the same straight line/).first()).toBeVisible();
  const order = await fig.locator('svg.plot path[class^="path-"]').evaluateAll((ps) => ps.map((p) => p.getAttribute('class')!.split(' ')[0]));
  expect(order.at(-1)).toBe('path-sgd');
  await fig.getByRole('checkbox', { name: /momentum/ }).uncheck();
  await expect(fig.locator('path.path-momentum')).toHaveCount(0);
  await expect(fig.locator('path.path-sgd')).toHaveCount(1);
  await expect(fig.locator('.description')).toContainText('Hidden from the drawing: momentum.');
  for (const t of ['θ₁', 'θ₂', '-2', '2']) await expect(fig.locator('svg.frame > text', { hasText: new RegExp(`^${t}$`) }).first()).toBeAttached();
});

test('Loss landscape: every slider of both figures follows the keyboard, press by press', async ({ page }) => {
  await page.goto('/play/loss-landscape/');
  await visitEverything(page);
  for (const title of ['Loss landscape: bowl', 'Loss landscape: ravine']) {
    const fig = figure(page, title);
    for (const name of ['Momentum β', 'Steps']) {
      const slider = fig.getByRole('slider', { name, exact: true });
      await slider.focus();
      const before = Number(await slider.getAttribute('aria-valuetext'));
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
      const step = name === 'Steps' ? 1 : 0.01;
      await expect(slider).toHaveAttribute('aria-valuetext', String(+(before - 5 * step).toFixed(2)));
    }
    const lr = fig.getByRole('slider', { name: 'Learning rate η', exact: true });
    await lr.focus();
    const values: string[] = [(await lr.getAttribute('aria-valuetext'))!];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('ArrowRight');
      await expect(lr).not.toHaveAttribute('aria-valuetext', values.at(-1)!);
      values.push((await lr.getAttribute('aria-valuetext'))!);
    }
    expect(new Set(values).size).toBe(7);
  }
});

test('Computation graph: x/0 gets a notice and the table says it cannot compare; exponents, Custom, hidden gradients', async ({ page }) => {
  await page.goto('/play/computation-graph/');
  await visitEverything(page);
  const fig = figure(page, 'Computational graph');
  const expr = fig.getByLabel('Expression');
  await expect(fig.getByRole('cell', { name: 'after the backward pass reaches a' })).toBeVisible();
  await expr.fill('x / y + x^2');
  await expr.press('Enter');
  await expect(fig.getByRole('combobox', { name: 'Preset' })).toHaveValue('custom');
  await expect(fig.locator('svg text.title', { hasText: /^\^2$/ })).toBeVisible();
  await fig.getByRole('spinbutton', { name: 'y =' }).fill('0');
  await fig.getByRole('spinbutton', { name: 'y =' }).press('Tab');
  await expect(fig.getByRole('status').filter({ hasText: 'the / node is ∞ because it divides by 0' })).toBeVisible();
  await fig.getByRole('button', { name: 'Run all' }).click();
  await expect(fig.getByRole('row', { name: /^x .*not finite: no comparison/ })).toBeVisible();
  await fig.getByRole('button', { name: 'Undo last step' }).click();
  await expect(fig.getByText(/^step \d+ of \d+$/)).toBeVisible();
});

test('Neuron: both plots carry ticks and axis titles, nothing clipped, corner dots whole', async ({ page }) => {
  await page.goto('/play/neuron/');
  await visitEverything(page);
  const one = figure(page, 'One neuron');
  const square = one.getByRole('slider', { name: /Input point/ });
  for (const t of ['x₁', 'x₂', '-1', '1']) await expect(square.locator('text', { hasText: new RegExp(`^${t}$`) }).first()).toBeVisible();
  expect(await square.evaluate((el) => getComputedStyle(el).overflow)).toBe('visible');
  expect(await inside(one, square.locator('circle.corner'))).toBe(true);
  expect(await inside(one, square.locator('text'))).toBe(true);
  const ramp = figure(page, 'From a soft ramp to a step').getByRole('img');
  expect(await inside(ramp, ramp.locator('text'))).toBe(true);
});
