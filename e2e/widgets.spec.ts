// The figures, driven as a reader drives them: keys and clicks change them, training makes the loss
// fall, divergence is reported in words, share links reopen the same state, and mangled links fall back
// to defaults with a notice.
import { expect, test, type Page } from '@playwright/test';
import { visitEverything } from './pages.ts';

const figure = (page: Page, title: string) => page.getByRole('figure').filter({ has: page.getByRole('heading', { name: title }) });

async function shareLinkOf(page: Page, title: string): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await figure(page, title).first().getByRole('button', { name: 'Share' }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('Neuron: sliders move by keyboard and the description follows; arrow keys move the input point', async ({ page }) => {
  await page.goto('/play/neuron/');
  await visitEverything(page);
  const fig = figure(page, 'One neuron');
  const w1 = fig.getByRole('slider', { name: /Weight w₁/ });
  await w1.focus();
  await page.keyboard.press('ArrowRight');
  await expect(fig.locator('.description')).toContainText('w₁ = 2.1');
  const point = fig.getByRole('slider', { name: /Input point/ });
  await point.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(fig.locator('.description')).toContainText('input point (0.45, 0.5)');
  const link = await shareLinkOf(page, 'One neuron');
  await page.goto('/');
  await page.goto(link);
  await expect(figure(page, 'One neuron').locator('.description')).toContainText('w₁ = 2.1');
});

test('Overfitting: training overfits and early stopping restores the best epoch', async ({ page }) => {
  await page.goto('/play/overfitting/');
  await visitEverything(page);
  const fig = figure(page, 'Overfitting and its remedies');
  await fig.getByLabel(/Early stopping/).check();
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.description')).toContainText('Training stopped early', { timeout: 30_000 });
});

test('Computation graph: step the backward pass; a bad expression is reported and loses nothing', async ({ page }) => {
  await page.goto('/play/computation-graph/');
  await visitEverything(page);
  const fig = figure(page, 'Computational graph');
  await fig.getByRole('button', { name: 'Next backward step' }).click();
  await expect(fig.getByText('step 1 of 7', { exact: true })).toBeVisible();
  await fig.getByRole('button', { name: 'Run all' }).click();
  await expect(fig.locator('.description')).toContainText('a 6');
  await fig.getByLabel('Expression').fill('(a*b');
  await fig.getByLabel('Expression').press('Enter');
  await expect(fig.getByRole('alert')).toContainText('Cannot read the expression');
  await expect(fig.locator('.description')).toContainText('The output is -8');
  await fig.getByLabel('Expression').fill('x*x + x');
  await fig.getByRole('button', { name: 'Apply' }).click();
  await fig.getByRole('button', { name: 'Run all' }).click();
  await expect(fig.getByRole('row', { name: 'x 3 3' })).toBeVisible();
  await expect(fig.getByRole('row', { name: /^a / })).toHaveCount(0);
});

test('Loss landscape: "too large" makes SGD diverge, shown in words', async ({ page }) => {
  await page.goto('/play/loss-landscape/');
  await visitEverything(page);
  const fig = figure(page, 'Loss landscape').first();
  await fig.getByRole('button', { name: 'too large' }).click();
  await expect(fig.getByText(/SGD.*diverged after \d+ steps/).first()).toBeVisible();
  await fig.getByRole('button', { name: 'about right' }).click();
  await expect(fig.getByText(/diverged/)).toHaveCount(0);
  const start = fig.getByRole('slider', { name: /Start point/ });
  await start.focus();
  await page.keyboard.press('ArrowRight');
  await expect(fig.locator('.description')).toContainText('from (-1.55, 1.2)');
});

test('Gradient flow: He keeps ReLU activations alive where Xavier shrinks them', async ({ page }) => {
  await page.goto('/play/gradient-flow/');
  await visitEverything(page);
  const fig = figure(page, 'Signals through a deep network');
  await expect(fig.locator('.description')).toContainText('relu with Xavier');
  await fig.getByRole('combobox', { name: 'Initialization' }).selectOption('he');
  await expect(fig.locator('.description')).toContainText('relu with He');
});

test('Activations: the derivative of sigmoid peaks at 1/4', async ({ page }) => {
  await page.goto('/play/activations/');
  await visitEverything(page);
  const fig = figure(page, 'Activations and their derivatives');
  await expect(fig.getByText("f'(0) = 0.25")).toBeVisible();
  await fig.getByLabel('Activation').selectOption('relu');
  await expect(fig.getByText("f'(0) = 0", { exact: false })).toBeVisible();
});

// Every figure's state travels in its share link: change one setting, share, open the link in a new page.
const shared: { page: string; title: string; change: (fig: ReturnType<typeof figure>) => Promise<unknown>; expectSame: (fig: ReturnType<typeof figure>) => Promise<void> }[] = [
  {
    page: '/play/neuron/',
    title: 'One neuron',
    change: (fig) => fig.getByRole('combobox', { name: 'Activation σ' }).selectOption('relu'),
    expectSame: (fig) => expect(fig.getByRole('combobox', { name: 'Activation σ' })).toHaveValue('relu'),
  },
  {
    page: '/play/computation-graph/',
    title: 'Computational graph',
    change: async (fig) => {
      await fig.getByLabel('Expression').fill('relu(x) * y');
      await fig.getByRole('button', { name: 'Apply' }).click();
    },
    expectSame: (fig) => expect(fig.getByLabel('Expression')).toHaveValue('relu(x) * y'),
  },
  {
    page: '/play/loss-landscape/',
    title: 'Loss landscape',
    change: (fig) => fig.getByRole('combobox', { name: 'Surface' }).selectOption('rosenbrock'),
    expectSame: (fig) => expect(fig.getByRole('combobox', { name: 'Surface' })).toHaveValue('rosenbrock'),
  },
  {
    page: '/play/gradient-flow/',
    title: 'Signals through a deep network',
    change: (fig) => fig.getByRole('combobox', { name: 'Initialization' }).selectOption('he'),
    expectSame: (fig) => expect(fig.getByRole('combobox', { name: 'Initialization' })).toHaveValue('he'),
  },
  {
    page: '/play/activations/',
    title: 'Activations and their derivatives',
    change: (fig) => fig.getByRole('combobox', { name: 'Activation' }).selectOption('tanh'),
    expectSame: (fig) => expect(fig.getByRole('combobox', { name: 'Activation' })).toHaveValue('tanh'),
  },
  {
    page: '/play/overfitting/',
    title: 'Overfitting and its remedies',
    change: (fig) => fig.getByLabel(/Dropout/).check(),
    expectSame: (fig) => expect(fig.getByLabel(/Dropout/)).toBeChecked(),
  },
];

for (const s of shared) {
  test(`${s.title}: the share link reopens the same state in a new page`, async ({ page, context }) => {
    await page.goto(s.page);
    await visitEverything(page); // a control changed before its figure hydrates would be reset by it
    await s.change(figure(page, s.title).first());
    const link = await shareLinkOf(page, s.title);
    const other = await context.newPage();
    await other.goto(link);
    await visitEverything(other);
    await s.expectSame(figure(other, s.title).first());
  });

  test(`${s.title}: a mangled share link opens the defaults with a notice`, async ({ page }) => {
    await page.goto(s.page);
    await visitEverything(page);
    const link = await shareLinkOf(page, s.title);
    await page.goto(link.replace(/=[^=&]*$/, '=not-a-real-state'));
    await page.reload();
    await visitEverything(page);
    await expect(figure(page, s.title).first().getByText(/could not read/)).toBeVisible();
  });
}
