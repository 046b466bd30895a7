// The Playground and the figures built on its trainer (FirstNetwork, Overfitting), driven as a reader
// drives them: training runs in a Web Worker while the page stays responsive, every control has a name
// and works by keyboard, the live description does not chatter, reduced motion trains in one block,
// training pauses off screen, divergence is reported in words, links restore state, and a figure goal
// in an exercise sees the figure's state. Then what TensorFlow Playground has and what its users asked
// for: input features, regression, L1, lesson links, the confusion matrix, export and import of the
// trained model, and stop conditions.
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeOf, watchErrors } from './pages.ts';

const figure = (page: Page, title: string) => page.getByRole('figure').filter({ has: page.getByRole('heading', { name: title }) });
/** Scrolls the figure into view and waits for its island to hydrate (a click before that does nothing). */
async function ready(fig: Locator): Promise<Locator> {
  await fig.scrollIntoViewIfNeeded();
  await fig.page().locator('astro-island:not([ssr])').filter({ has: fig }).first().waitFor({ state: 'attached' });
  return fig;
}
/** Picks a data set by its thumbnail. */
const pickData = (fig: Locator, name: string) => fig.getByRole('group', { name: 'Data set' }).getByRole('radio', { name }).check();
/** The data set's thumbnail, to check which one is chosen. */
const dataRadio = (fig: Locator, name: string) => fig.getByRole('group', { name: 'Data set' }).getByRole('radio', { name });
/** "2 hidden layers", the count between the − and + that add and remove layers. */
const layerCount = (fig: Locator) => fig.getByText(/^\d+ hidden layers?$/);
const layersText = (n: number) => `${n} hidden layer${n === 1 ? '' : 's'}`;
/** Sets the number of hidden layers by pressing − or + until it is `n`. */
async function setLayers(fig: Locator, n: number): Promise<void> {
  for (let now = Number((await layerCount(fig).innerText()).split(' ')[0]); now !== n; now += now > n ? -1 : 1) {
    await fig.getByRole('button', { name: now > n ? 'Remove a hidden layer' : 'Add a hidden layer' }).click();
    await expect(layerCount(fig)).toHaveText(layersText(now > n ? now - 1 : now + 1));
  }
}
/** Unfolds "More settings" (regularization, dropout, speed, stop conditions). */
async function moreSettings(fig: Locator): Promise<void> {
  const panel = fig.locator('details.more');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.getByText('More settings').click();
  await expect(panel).toHaveAttribute('open', '');
}
const epochOf = async (fig: Locator) => Number((await fig.locator('.stats strong').first().innerText()).trim());
/**
 * After Pause the figure stops at once (frames trained ahead are taken back): the epoch on screen is the
 * epoch training stays at, and the description names it. Returns that epoch.
 */
async function settled(fig: Locator): Promise<number> {
  await expect(fig.getByRole('button', { name: /^Train/ })).toBeVisible();
  const epoch = await epochOf(fig);
  await expect(fig.locator('.description')).toContainText(`Epoch ${epoch}:`);
  return epoch;
}

test('Playground: trains in a worker, the loss falls, Step adds one epoch, and nothing is logged as an error', async ({ page }) => {
  const errors = watchErrors(page);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await pickData(fig, 'circle');
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/Epoch \d{2,}/, { timeout: 20_000 });
  await fig.getByRole('button', { name: 'Pause' }).click();
  expect(workers.some((u) => u.includes('trainer.worker'))).toBe(true);
  const before = await settled(fig);
  const text = await fig.locator('.description').innerText();
  expect(Number(/training loss ([\d.]+)/.exec(text)![1])).toBeLessThan(0.6);
  // Step trains from the paused epoch: nothing was trained past it.
  await fig.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(fig.locator('.stats strong').first()).toHaveText(String(before + 1));
  await expect(fig.locator('.description')).toContainText(`Epoch ${before + 1}:`);
  // The gradient magnitudes the line widths show are also given in words, layer by layer.
  await expect(fig.getByRole('img', { name: /Mean gradient size by layer, input side first: [\d.e+-]+, [\d.e+-]+, [\d.e+-]+\./ })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('Playground: if the worker cannot load, training runs on the page instead', async ({ page }) => {
  await page.route('**/trainer.worker*', (route) => route.abort());
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/Epoch [1-9]\d/, { timeout: 20_000 });
  await fig.getByRole('button', { name: 'Pause' }).click();
  await expect(fig.getByRole('alert')).toHaveCount(0);
});

test('Playground: every control is named and works by keyboard', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  for (const name of ['Activation', 'Optimizer', 'Weight from', 'Weight to']) await expect(fig.getByRole('combobox', { name })).toHaveCount(1);
  const data = fig.getByRole('group', { name: 'Data set' });
  await expect(data.getByRole('radio')).toHaveCount(7);
  await expect(data.getByRole('radio', { name: 'spiral' })).toBeChecked();
  for (const name of ['Remove a hidden layer', 'Add a hidden layer', 'Remove a unit from layer 1', 'Add a unit to layer 4']) await expect(fig.getByRole('button', { name })).toHaveCount(1);
  // The less used settings are folded away until asked for.
  await expect(fig.getByRole('slider', { name: /Dropout/ })).toHaveCount(0);
  await moreSettings(fig);
  for (const name of [/Learning rate/, /Batch size/, /Noise/, /Training share/, /Dropout/, /Epochs per frame/]) await expect(fig.getByRole('slider', { name })).toHaveCount(1);
  for (const name of ['Stop at epoch', 'Stop when test loss stalls for']) await expect(fig.getByRole('combobox', { name })).toHaveCount(1);
  for (const name of ['Regularization', 'Regularization rate λ']) await expect(fig.getByRole('combobox', { name, exact: true })).toHaveCount(1);
  const inputs = fig.getByRole('group', { name: 'Input features' });
  for (const name of ['x₁', 'x₂', 'x₁²', 'x₂²', 'x₁x₂', 'sin πx₁', 'sin πx₂']) await expect(inputs.getByRole('checkbox', { name, exact: true })).toHaveCount(1);
  await expect(fig.getByRole('button', { name: 'Export model' })).toHaveCount(1);
  await expect(fig.getByRole('button', { name: 'Show all controls' })).toHaveCount(0);
  await expect(fig.getByLabel('Import model')).toHaveCount(1);
  // A feature goes on and off by keyboard, and the network's inputs follow.
  await inputs.getByRole('checkbox', { name: 'x₁x₂' }).focus();
  await page.keyboard.press('Space');
  await expect(fig.getByRole('img', { name: /layer widths 3, 8, 8, 8, 8, 1 \(inputs x₁, x₂, x₁x₂\)/ })).toHaveCount(1);
  await page.keyboard.press('Space');
  await expect(fig.getByRole('img', { name: /layer widths 2, 8, 8, 8, 8, 1 \(inputs x₁, x₂\)/ })).toHaveCount(1);
  const speed = fig.getByRole('slider', { name: /Epochs per frame/ });
  await speed.focus();
  await page.keyboard.press('ArrowRight');
  await expect(speed).toHaveValue('2');
  // Layers and units by keyboard: − and + are buttons.
  await fig.getByRole('button', { name: 'Remove a hidden layer' }).focus();
  await page.keyboard.press('Enter');
  await expect(layerCount(fig)).toHaveText('3 hidden layers');
  await expect(fig.getByRole('button', { name: 'Add a unit to layer 4' })).toHaveCount(0);
  await expect(fig.getByRole('img', { name: /layer widths 2, 8, 8, 8, 1/ })).toHaveCount(1);
  await fig.getByRole('button', { name: 'Remove a unit from layer 2' }).focus();
  await page.keyboard.press('Enter');
  await expect(fig.getByRole('img', { name: /layer widths 2, 8, 7, 8, 1/ })).toHaveCount(1);
  // A unit shows its map in the output map while it has the focus.
  await fig.getByRole('button', { name: 'a⁽²⁾₃: show its map in the output' }).focus();
  await expect(fig.getByRole('img', { name: /^Map of unit a⁽²⁾₃/ })).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(fig.getByRole('img', { name: /^Map of unit a⁽²⁾₄/ })).toHaveCount(1);
  await fig.getByRole('button', { name: 'Train' }).focus();
  await page.keyboard.press('Enter');
  await expect(fig.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(fig.getByRole('button', { name: 'Train' })).toBeVisible();
});

test('Playground: the live description changes at most every two seconds while training, and at once on pause', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/Epoch [1-9]/);
  // Times of every change of the live text over six seconds, taken in the page (long enough that a slow
  // first epoch on a loaded machine still leaves changes to see; the spacing is what is tested).
  const changes = await fig.locator('.description').evaluate(
    (el) =>
      new Promise<number[]>((resolve) => {
        const times: number[] = [];
        const observer = new MutationObserver(() => times.push(performance.now()));
        observer.observe(el, { characterData: true, childList: true, subtree: true });
        setTimeout(() => {
          observer.disconnect();
          resolve(times);
        }, 6000);
      }),
  );
  expect(changes.length).toBeGreaterThanOrEqual(1);
  expect(changes.length).toBeLessThanOrEqual(4);
  for (let i = 1; i < changes.length; i++) expect(changes[i] - changes[i - 1]).toBeGreaterThan(1900);
  await fig.getByRole('button', { name: 'Pause' }).click();
  await settled(fig);
});

test('Playground: an absurd learning rate diverges and says so without NaN; lowering η trains again with the settings kept, and Reset recovers', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await fig.getByLabel('Activation').selectOption('linear');
  await fig.getByLabel('Optimizer').selectOption('sgd');
  await fig.getByRole('slider', { name: /Learning rate/ }).focus();
  await page.keyboard.press('End');
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.getByRole('alert')).toContainText('diverged', { timeout: 20_000 });
  await expect(fig.getByRole('button', { name: 'Train' })).toBeDisabled();
  await expect(fig.locator('.description')).toContainText('diverged');
  await expect(fig.locator('.description')).not.toContainText('NaN');
  await expect(fig.getByRole('alert')).toContainText('Lower the learning rate η');
  // Train is disabled, so the focus went to the learning rate's slider, the control the alert names.
  await expect(fig.getByRole('slider', { name: /Learning rate/ })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(fig.getByRole('alert')).toHaveCount(0);
  await expect(fig.getByRole('button', { name: 'Train' })).toBeEnabled();
  await expect(fig.getByLabel('Activation')).toHaveValue('linear');
  await expect(fig.getByLabel('Optimizer')).toHaveValue('sgd');
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/Epoch [1-9]/);
  await fig.getByRole('button', { name: 'Pause' }).click();
  await fig.getByRole('button', { name: 'Reset' }).click();
  await expect(fig.getByRole('alert')).toHaveCount(0);
  await expect(fig.getByLabel('Activation')).toHaveValue('relu');
});

test('Playground: a learning rate far too large for tanh makes training thrash, and the figure says so', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await fig.getByLabel('Optimizer').selectOption('sgd');
  await fig.getByRole('slider', { name: /Learning rate/ }).focus();
  await page.keyboard.press('End');
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.getByRole('status').filter({ hasText: 'training thrashes' })).toBeVisible({ timeout: 20_000 });
  await fig.getByRole('button', { name: 'Pause' }).click();
  await fig.getByRole('button', { name: 'Reset' }).click();
  await expect(fig.getByText('training thrashes')).toHaveCount(0);
});

test('Playground: the share link reopens the same settings; a mangled link opens the defaults with a notice', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await pickData(fig, 'moons');
  await setLayers(fig, 1);
  await fig.getByRole('button', { name: 'Share' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#figure-playground&playground='); // opens at the figure
  const other = await context.newPage();
  await other.goto(link);
  const again = await ready(figure(other, 'Playground'));
  await expect(dataRadio(again, 'moons')).toBeChecked();
  await expect(layerCount(again)).toHaveText(layersText(1));
  await expect(again.locator('.description')).toContainText('moons data');
  await other.goto('/play/playground/#playground=eyJ2IjoxLCJkYXRhc2V0IjoibW9vbnMifQ');
  await other.reload();
  await ready(figure(other, 'Playground'));
  await expect(figure(other, 'Playground').getByText(/could not read/)).toBeVisible();
  await expect(dataRadio(figure(other, 'Playground'), 'spiral')).toBeChecked();
});

test('Playground: New weights starts the same data from another start, and the link keeps it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  const loss = async () => /training loss ([\d.]+)/.exec(await fig.locator('.description').innerText())![1];
  const first = await loss();
  await fig.getByRole('button', { name: 'New weights' }).click();
  await expect.poll(loss).not.toBe(first);
  const second = await loss();
  await expect(fig.locator('.description')).toContainText('Epoch 0:');
  await fig.getByRole('button', { name: 'Share' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(link);
  const again = await ready(figure(other, 'Playground'));
  await expect(again.locator('.description')).toContainText(`training loss ${second}`);
  await fig.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(loss).toBe(first);
});

test('Playground: with reduced motion, Train trains on as usual (drawn less often) until Pause', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => epochOf(fig), { timeout: 20_000 }).toBeGreaterThan(60);
  await expect(fig.getByRole('button', { name: 'Pause' })).toBeVisible();
  await fig.getByRole('button', { name: 'Pause' }).click();
  await settled(fig);
});

test('Playground in a chapter: training pauses while the figure is scrolled out of view and resumes on return', async ({ page }) => {
  await page.goto('/chapters/depth/');
  const fig = await ready(figure(page, 'Two spirals, two hidden layers of tanh units'));
  const root = page.locator('.playground').filter({ has: fig });
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/Epoch [1-9]/);
  await expect(root).toHaveAttribute('data-training', 'running');
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(root).toHaveAttribute('data-training', 'paused off screen');
  const away = await epochOf(fig);
  // Training advances once per animation frame; sixty frames later the epoch has not moved.
  await page.evaluate(() => new Promise<void>((done) => {
    let n = 0;
    const tick = () => (++n >= 60 ? done() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }));
  expect(await epochOf(fig)).toBe(away);
  await fig.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-training', 'running');
  await expect.poll(() => epochOf(fig)).toBeGreaterThan(away);
  await expect(fig.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('Playground in a chapter offers only the controls its prose discusses', async ({ page }) => {
  await page.goto('/chapters/sgd/');
  const fig = await ready(figure(page, 'Plain SGD on the two spirals'));
  await expect(fig.getByRole('slider', { name: /Learning rate/ })).toHaveCount(1);
  await expect(fig.getByRole('combobox', { name: 'Optimizer' })).toHaveCount(1);
  await expect(fig.getByRole('slider', { name: /Batch size/ })).toHaveCount(1);
  for (const name of ['Train', 'Step one epoch', 'Reset', 'Share']) await expect(fig.getByRole('button', { name, exact: true })).toHaveCount(1);
  await expect(fig.getByRole('combobox', { name: 'Activation' })).toHaveCount(0);
  await expect(fig.getByRole('group', { name: 'Data set' })).toHaveCount(0);
  await expect(fig.getByRole('slider', { name: /Noise/ })).toHaveCount(0);
  await expect(fig.getByRole('button', { name: 'Add a hidden layer' })).toHaveCount(0);
  await expect(fig.getByRole('button', { name: 'Export model' })).toHaveCount(0);
  await expect(fig.getByText('More settings')).toHaveCount(0);
  await expect(fig.getByText('Make a lesson link')).toHaveCount(0);
  // The network drawing and the maps stay: the prose reads them.
  await expect(fig.getByRole('img', { name: /^Network with layer widths 2, 8, 8, 1/ })).toHaveCount(1);
  await expect(fig.getByRole('img', { name: /^Decision boundary on the spiral data/ })).toHaveCount(1);
  await fig.getByRole('combobox', { name: 'Optimizer' }).selectOption('momentum');
  await expect(fig.locator('.description')).toContainText('momentum at learning rate 0.1, batch 10');
});

test('Playground at 1280×800: data, network and a 400 px output map above the fold, with Train, Step, Reset and the epoch in one bar', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await page.evaluate(() => window.scrollTo(0, 0));
  const map = await fig.getByRole('img', { name: /^Decision boundary on the spiral data/ }).boundingBox();
  expect(map!.width).toBeGreaterThanOrEqual(400);
  expect(map!.y + map!.height).toBeLessThanOrEqual(800);
  const net = await fig.getByRole('img', { name: /^Network with layer widths/ }).boundingBox();
  expect(net!.y + net!.height).toBeLessThanOrEqual(800);
  const data = await fig.getByRole('group', { name: 'Data set' }).boundingBox();
  expect(data!.y + data!.height).toBeLessThanOrEqual(800);
  const middles = await Promise.all(
    [fig.getByRole('button', { name: 'Train' }), fig.getByRole('button', { name: 'Step one epoch' }), fig.getByRole('button', { name: 'Reset' }), fig.locator('.stats')].map(async (l) => {
      const b = (await l.boundingBox())!;
      return b.y + b.height / 2;
    }),
  );
  expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(8);
  // On a phone the map comes straight after Train.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const train = (await fig.getByRole('button', { name: 'Train' }).boundingBox())!;
  const small = (await fig.getByRole('img', { name: /^Decision boundary on the spiral data/ }).boundingBox())!;
  expect(small.y - (train.y + train.height)).toBeLessThan(160);
  expect(small.y + small.height).toBeLessThanOrEqual(800);
});

test('Playground: a weight is picked by clicking its line or by keyboard, shows its gradient, and a typed value changes the prediction', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await fig.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(fig.locator('.stats strong').first()).toHaveText('1');
  // The line from x₁ to a⁽¹⁾₁ runs level between the two: click halfway.
  const from = (await fig.getByRole('group', { name: 'Input features' }).getByText('x₁', { exact: true }).locator('..').boundingBox())!;
  const to = (await fig.getByRole('button', { name: 'a⁽¹⁾₁: show its map in the output' }).boundingBox())!;
  await page.mouse.click((from.x + from.width + to.x) / 2, to.y + to.height / 2);
  await expect(fig.getByRole('combobox', { name: 'Weight from' })).toHaveValue('0:0');
  await expect(fig.getByRole('combobox', { name: 'Weight to' })).toHaveValue('0');
  await expect(fig.getByText(/\|∂L\/∂w\| \d\.\de[+-]\d+/)).toBeVisible();
  // The same by keyboard: another target unit, then a new value.
  await fig.getByRole('combobox', { name: 'Weight to' }).selectOption({ label: 'a⁽¹⁾₃' });
  const value = fig.getByRole('spinbutton', { name: 'Weight value' });
  const old = Number(await value.inputValue());
  const before = await heatPixels(fig);
  const next = old > 0 ? -3 : 3;
  await value.fill(String(next));
  await value.press('Tab');
  await expect(value).toHaveValue(String(next));
  await expect.poll(() => heatPixels(fig)).not.toBe(before);
  // Training goes on from the edited network.
  await fig.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(fig.locator('.stats strong').first()).toHaveText('2');
});

test('Playground: no axe violations while training', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/Epoch [1-9]/);
  // The page outline (h1, then the figure's h3) is site.spec's business; here: the figure itself.
  const results = await axeOf(page).include('figure').disableRules(['heading-order']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('FirstNetwork: one click trains to the epoch limit and offers to train again', async ({ page }) => {
  // 400 epochs at one a frame: about 7 s at 60 frames a second, several times that on a loaded machine.
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/chapters/introduction/');
  const fig = await ready(figure(page, 'A first network'));
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.getByRole('button', { name: 'Train again' })).toBeVisible({ timeout: 100_000 });
  await expect(fig.locator('.stats')).toContainText('Epoch 400');
  await expect(fig.locator('.description')).toContainText('after 400 epochs');
  expect(errors).toEqual([]);
});

test('Overfitting: the test loss turns up; early stopping ends training and restores the best epoch', async ({ page }) => {
  await page.goto('/play/overfitting/');
  const fig = await ready(figure(page, 'Overfitting and its remedies'));
  await fig.getByLabel(/Early stopping/).check();
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.description')).toContainText('Training stopped early', { timeout: 30_000 });
  const text = await fig.locator('.description').innerText();
  const [, epoch, best] = /: epoch (\d+), .*was at epoch (\d+)/.exec(text)!;
  expect(Number(epoch) - Number(best)).toBe(30);
  await expect(fig.getByRole('button', { name: 'Train again' })).toBeVisible();
});

// Needs `build.inlineStylesheets: 'never'` (see astro.config.mjs): with inlined stylesheets the Exercise's
// dynamic import of the figure failed with "Unable to preload CSS" (withastro/astro#8329).
test('Exercise with a Playground goal: the check sees the trained figure', async ({ page }) => {
  await page.goto('/chapters/depth/');
  await page.locator('astro-island[props*="xor-playground"]').scrollIntoViewIfNeeded();
  const exercise = page.locator('section.exercise').filter({ hasText: 'XOR with as few units as possible' });
  await exercise.getByRole('figure').scrollIntoViewIfNeeded();
  const fig = await ready(exercise.getByRole('figure'));
  await setLayers(fig, 1);
  await expect(fig.getByRole('img', { name: /layer widths 2, 4, 1 / })).toHaveCount(1);
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/test accuracy\s*(9[5-9]|100)%/, { timeout: 30_000 });
  await fig.getByRole('button', { name: 'Pause' }).click();
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(exercise.getByText(/\d+% test accuracy with one hidden layer of 4 units/)).toBeVisible();
});

/** The heat map's pixels (its canvas holds the GRID×GRID image itself), to compare two boundaries exactly. */
const heatPixels = (fig: Locator) => fig.locator('.frame canvas').first().evaluate((c) => (c as HTMLCanvasElement).toDataURL());
const description = (fig: Locator) => fig.locator('.description').innerText();

test('Playground: with x₁² and x₂² as inputs, a network without hidden layers solves circle', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await pickData(fig, 'circle');
  await setLayers(fig, 0);
  const inputs = fig.getByRole('group', { name: 'Input features' });
  await inputs.getByRole('checkbox', { name: 'x₁²' }).check();
  await inputs.getByRole('checkbox', { name: 'x₂²' }).check();
  await expect(fig.getByRole('img', { name: /layer widths 4, 1 \(inputs x₁, x₂, x₁², x₂²\)/ })).toHaveCount(1);
  await expect(fig.locator('.description')).toContainText('inputs x₁, x₂, x₁², x₂², network 4-1');
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/test accuracy\s*(9\d|100)%/, { timeout: 20_000 });
  await fig.getByRole('button', { name: 'Pause' }).click();
  // The last feature cannot be switched off: a network needs an input.
  for (const name of ['x₁', 'x₂', 'x₁²']) await inputs.getByRole('checkbox', { name, exact: true }).uncheck();
  await expect(inputs.getByRole('checkbox', { name: 'x₂²' })).toBeDisabled();
  await expect(inputs.getByRole('checkbox', { name: 'x₂²' })).toBeChecked();
});

test('Playground: the plane regression trains with the squared error; the stats show loss, not accuracy', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await pickData(fig, 'plane');
  await fig.getByRole('button', { name: 'New weights' }).click();
  await expect(fig.locator('.description')).toContainText('plane regression data');
  await expect(fig.locator('.description')).toContainText('Epoch 0:');
  const first = Number(/training loss ([\d.]+)/.exec(await description(fig))![1]);
  await expect(fig.locator('.stats')).toContainText('training loss');
  await expect(fig.locator('.stats')).not.toContainText('accuracy');
  await expect(fig.getByRole('table')).toHaveCount(0);
  await expect(fig.getByRole('img', { name: /Predicted value on the plane data/ })).toHaveCount(1);
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/Epoch \d{2,}/, { timeout: 20_000 });
  await fig.getByRole('button', { name: 'Pause' }).click();
  await settled(fig);
  const text = await description(fig);
  expect(text).toContain('(mean squared error)');
  expect(Number(/training loss ([\d.]+)/.exec(text)![1])).toBeLessThan(first / 3);
  expect(errors).toEqual([]);
});

test('Playground: L1 or L2 with a rate from 0.0001 to 10, in the description and the link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await moreSettings(fig);
  const kind = fig.getByRole('combobox', { name: 'Regularization', exact: true });
  const rate = fig.getByRole('combobox', { name: 'Regularization rate λ' });
  await expect(rate.locator('option')).toHaveText(['0.0001', '0.001', '0.003', '0.01', '0.03', '0.1', '0.3', '1', '3', '10']);
  await rate.selectOption('0.03');
  await expect(fig.locator('.description')).not.toContainText('L1 rate'); // no regularization chosen yet
  await kind.selectOption('l1');
  await expect(fig.locator('.description')).toContainText('batch 10, L1 rate 0.03.');
  await rate.selectOption('10');
  await expect(fig.locator('.description')).toContainText('L1 rate 10.');
  await kind.selectOption('l2');
  await expect(fig.locator('.description')).toContainText('L2 rate 10.');
  await fig.getByRole('button', { name: 'Share' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(link);
  const again = await ready(figure(other, 'Playground'));
  await moreSettings(again);
  await expect(again.getByRole('combobox', { name: 'Regularization', exact: true })).toHaveValue('l2');
  await expect(again.getByRole('combobox', { name: 'Regularization rate λ' })).toHaveValue('10');
  await kind.selectOption('none');
  await expect(fig.locator('.description')).not.toContainText('L2 rate');
});

test('Playground: a version 1 link from before features and regression still opens, with x₁ and x₂ as inputs', async ({ page }) => {
  const v1 = { v: 1, dataset: 'moons', noise: 0.2, trainFraction: 0.6, hidden: [4], activation: 'relu', lr: 0.01, batch: 5, optimizer: 'sgd', l2: 0.001, dropout: 0, seed: 3 };
  await page.goto(`/play/playground/#playground=${Buffer.from(JSON.stringify(v1)).toString('base64url')}`);
  const fig = await ready(figure(page, 'Playground'));
  await moreSettings(fig);
  await expect(fig.locator('.description')).toContainText('moons data (noise 0.2), inputs x₁, x₂, network 2-4-1 with relu, sgd at learning rate 0.01, batch 5, L2 rate 0.001.');
  await expect(fig.getByRole('combobox', { name: 'Regularization rate λ' })).toHaveValue('0.001');
  await expect(fig.getByText(/could not read/)).toHaveCount(0);
});

test('Playground: a version 2 link as Share wrote it before the figure kit (no anchor) opens the same state', async ({ page }) => {
  // The exact text Share copied for moons, one hidden layer of 4 relu units, SGD at 0.01, stopping at epoch 200.
  const old =
    'eyJ2IjoyLCJkYXRhc2V0IjoibW9vbnMiLCJub2lzZSI6MC4xLCJ0cmFpbkZyYWN0aW9uIjowLjUsImhpZGRlbiI6WzRdLCJhY3RpdmF0aW9uIjoicmVsdSIsImxyIjowLjAxLCJiYXRjaCI6MTAsIm9wdGltaXplciI6InNnZCIsImwxIjowLCJsMiI6MCwiZmVhdHVyZXMiOlsieDEiLCJ4MiJdLCJkcm9wb3V0IjowLCJzZWVkIjoxLCJtYXhFcG9jaHMiOjIwMH0';
  await page.goto(`/play/playground/#playground=${old}`);
  const fig = await ready(figure(page, 'Playground'));
  await expect(dataRadio(fig, 'moons')).toBeChecked();
  await expect(layerCount(fig)).toHaveText(layersText(1));
  await expect(fig.getByRole('combobox', { name: 'Optimizer' })).toHaveValue('sgd');
  await expect(fig.locator('.description')).toContainText('moons data (noise 0.1), inputs x₁, x₂, network 2-4-1 with relu, sgd at learning rate 0.01, batch 10; training stops at epoch 200.');
  await expect(fig.getByText(/could not read/)).toHaveCount(0);
});

test('Playground: the confusion matrix of the test set, as a table and in words', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await pickData(fig, 'gaussians');
  await fig.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(fig.locator('.stats strong').first()).toHaveText('1');
  const table = fig.getByRole('table', { name: 'Test set: true class by predicted class' });
  await expect(table.getByRole('columnheader')).toHaveText(['predicted blue', 'predicted orange']);
  await expect(table.getByRole('rowheader')).toHaveText(['blue (class 0)', 'orange (class 1)']);
  const cells = (await table.locator('tbody td').allInnerTexts()).map(Number);
  expect(cells.reduce((a, b) => a + b, 0)).toBe(250);
  const accuracy = Number(/test accuracy\s*(\d+)%/.exec(await fig.locator('.stats').innerText())![1]);
  expect(Math.round(((cells[0] + cells[3]) / 250) * 100)).toBe(accuracy);
  await expect(fig.locator('.description')).toContainText(`${cells[0]} of ${cells[0] + cells[1]} blue points (class 0) and ${cells[3]} of ${cells[2] + cells[3]} orange points (class 1) classified correctly`);
});

test('Playground: export the trained model, then import it: the same boundary and numbers come back', async ({ page, context }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await pickData(fig, 'xor');
  await fig.getByRole('group', { name: 'Input features' }).getByRole('checkbox', { name: 'sin πx₁' }).check();
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/Epoch \d{2,}/, { timeout: 20_000 });
  await fig.getByRole('button', { name: 'Pause' }).click();
  await settled(fig);
  const trained = { pixels: await heatPixels(fig), text: await description(fig) };
  const [download] = await Promise.all([page.waitForEvent('download'), fig.getByRole('button', { name: 'Export model' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^playground-xor-3-8-8-8-8-1-epoch-\d+\.json$/);
  await expect(fig.getByRole('status').filter({ hasText: 'Exported the network after' })).toBeVisible();
  const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(file.network).toMatchObject({ inputs: ['x1', 'x2', 'sin1'], sizes: [3, 8, 8, 8, 8, 1], loss: 'binary cross-entropy' });
  expect(file).toMatchObject({ version: 2, optimizer: { kind: 'Adam', steps: expect.any(Array) } });
  // One more epoch without interruption, to compare with one more after the import.
  const exported = await epochOf(fig);
  await fig.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(fig.locator('.description')).toContainText(`Epoch ${exported + 1}:`);
  const continued = await description(fig);
  // Start somewhere else entirely, then import.
  await fig.getByRole('button', { name: 'Reset' }).click();
  await expect(fig.locator('.description')).toContainText('spiral data');
  expect(await heatPixels(fig)).not.toBe(trained.pixels);
  await fig.getByLabel('Import model').setInputFiles((await download.path())!);
  await expect(fig.getByRole('status').filter({ hasText: /Imported .*: a 3-8-8-8-8-1 network trained for \d+ epochs on xor/ })).toBeVisible();
  await expect.poll(() => heatPixels(fig)).toBe(trained.pixels);
  expect(await description(fig)).toBe(trained.text);
  await expect(fig.getByRole('group', { name: 'Input features' }).getByRole('checkbox', { name: 'sin πx₁' })).toBeChecked();
  // It trains on from the imported epoch.
  const epoch = await epochOf(fig);
  await fig.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(fig.locator('.stats strong').first()).toHaveText(String(epoch + 1));
  // The optimizer's state came back with the weights: the same epoch as without the interruption.
  await expect(fig.locator('.description')).toContainText(`Epoch ${epoch + 1}:`);
  expect(await description(fig)).toBe(continued);
  // On a fresh page the import happens before training has moved into the worker; the worker takes the imported network.
  const other = await context.newPage();
  await other.goto('/play/playground/');
  const fresh = await ready(figure(other, 'Playground'));
  await fresh.getByLabel('Import model').setInputFiles((await download.path())!);
  await expect.poll(() => heatPixels(fresh)).toBe(trained.pixels);
  await fresh.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(fresh.locator('.stats strong').first()).toHaveText(String(epoch + 1));
  expect(await fresh.locator('.description').innerText()).toBe(await description(fig));
});

test('Playground: Copy link with weights (a trained network) gives a link that opens the same trained network at the same epoch', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await pickData(fig, 'circle');
  await setLayers(fig, 2);
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.locator('.stats')).toContainText(/Epoch \d{2,}/, { timeout: 20_000 });
  await fig.getByRole('button', { name: 'Pause' }).click();
  const epoch = await settled(fig);
  const said = /Epoch \d+: training loss ([\d.]+), test loss ([\d.]+), test accuracy (\d+%)/.exec(await description(fig))!;
  await fig.getByRole('button', { name: 'Copy link with weights' }).click();
  await expect(fig.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(link);
  const again = await ready(figure(other, 'Playground'));
  await expect(again.locator('.stats strong').first()).toHaveText(String(epoch));
  await expect(again.locator('.description')).toContainText(said[0]);
  await expect(again.locator('.stats')).toContainText(`test accuracy ${said[3]}`);
  await expect(again.getByText(/could not read/)).toHaveCount(0);
  // It trains on from there.
  await again.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(again.locator('.stats strong').first()).toHaveText(String(epoch + 1));
  // A network too large for a link says so, and what to do instead.
  await setLayers(fig, 6);
  await fig.getByRole('button', { name: 'Copy link with weights' }).click();
  await expect(fig.getByRole('status').filter({ hasText: 'This network has 393 weights and biases; a link carries at most 300. Use Export model' })).toBeVisible();
});

test('Playground: a corrupt or mismatched model file is refused with a message, and nothing changes', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await fig.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(fig.locator('.stats strong').first()).toHaveText('1');
  const before = { pixels: await heatPixels(fig), text: await description(fig) };
  const importFile = fig.getByLabel('Import model');
  await importFile.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "deep-learning-live/playground-mo') });
  await expect(fig.getByRole('alert')).toHaveText('Could not import broken.json: The file is not JSON, so it is not a Playground model. Nothing was changed.');
  const wrongShape = {
    format: 'deep-learning-live/playground-model',
    version: 1,
    settings: { dataset: 'circle', noise: 0, trainFraction: 0.5, hidden: [2], activation: 'tanh', lr: 0.03, batch: 10, optimizer: 'adam', l1: 0, l2: 0, features: ['x1', 'x2'], dropout: 0, seed: 1 },
    epoch: 3,
    network: { inputs: ['x1', 'x2'], sizes: [2, 2, 1], activation: 'tanh', output: 'sigmoid', loss: 'binary cross-entropy' },
    layers: [{ weight: [[1, 2]], bias: [0, 0] }, { weight: [[1, 1]], bias: [0] }],
  };
  await importFile.setInputFiles({ name: 'shape.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrongShape)) });
  await expect(fig.getByRole('alert')).toContainText('Could not import shape.json: Layer 1 needs a 2×2 weight matrix and 2 biases; the file has 1×2 and 2. Nothing was changed.');
  expect(await heatPixels(fig)).toBe(before.pixels);
  expect(await description(fig)).toBe(before.text);
});

test('Playground: a lesson link hides the chosen controls, says so, and Show all controls brings them back', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await pickData(fig, 'circle');
  await setLayers(fig, 0);
  await fig.getByText('Make a lesson link').click();
  const hide = fig.getByRole('group', { name: 'Controls to hide' });
  for (const name of ['Data set', 'Hidden layers and units', 'Export and import']) await hide.getByRole('checkbox', { name, exact: true }).check();
  await fig.getByRole('button', { name: 'Copy lesson link' }).click();
  await expect(fig.getByRole('status').filter({ hasText: 'Lesson link copied; it hides Data set, Hidden layers and units, Export and import.' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  // The teacher's own figure hides nothing.
  await expect(fig.getByRole('group', { name: 'Data set' })).toHaveCount(1);

  const student = await context.newPage();
  await student.goto(link);
  const lesson = await ready(figure(student, 'Playground'));
  await expect(lesson.getByText('This lesson link hides 3 of the controls')).toBeVisible();
  await expect(lesson.getByRole('group', { name: 'Data set' })).toHaveCount(0);
  await expect(lesson.getByRole('button', { name: /hidden layer|unit (to|from) layer/ })).toHaveCount(0);
  await expect(lesson.getByRole('button', { name: 'Export model' })).toHaveCount(0);
  await expect(lesson.getByText('Make a lesson link')).toHaveCount(0);
  await expect(lesson.getByRole('group', { name: 'Input features' })).toBeVisible();
  await expect(lesson.locator('.description')).toContainText('circle data (noise 0.1), inputs x₁, x₂, network 2-1');
  // Reset returns to the lesson's start, with the same controls hidden.
  await lesson.getByRole('group', { name: 'Input features' }).getByRole('checkbox', { name: 'x₁²' }).check();
  await lesson.getByRole('button', { name: 'Reset' }).click();
  await expect(lesson.locator('.description')).toContainText('inputs x₁, x₂, network 2-1');
  await expect(lesson.getByRole('group', { name: 'Data set' })).toHaveCount(0);
  await lesson.getByRole('button', { name: 'Show all controls' }).click();
  await expect(dataRadio(lesson, 'circle')).toBeChecked();
  await expect(layerCount(lesson)).toHaveText(layersText(0));
  await expect(lesson.getByRole('button', { name: 'Export model' })).toBeVisible();
  await expect(lesson.getByText('This lesson link hides')).toHaveCount(0);
  // Showing them is kept in the address (written a moment later: the kit coalesces its writes), so a reload
  // keeps every control.
  const hides = () => {
    const raw = new URLSearchParams(new URL(student.url()).hash.slice(1)).get('playground');
    return raw !== null && 'hide' in JSON.parse(Buffer.from(raw, 'base64url').toString());
  };
  await expect.poll(hides).toBe(false);
  await student.reload();
  await expect((await ready(figure(student, 'Playground'))).getByText('This lesson link hides')).toHaveCount(0);
});

test('Playground: training stops at the epoch limit; raising the limit lets it go on', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await moreSettings(fig);
  await pickData(fig, 'circle');
  await fig.getByRole('combobox', { name: 'Stop at epoch' }).selectOption('50');
  await fig.getByRole('slider', { name: /Epochs per frame/ }).fill('5');
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.getByRole('status').filter({ hasText: 'Training stopped at the epoch limit, 50.' })).toBeVisible({ timeout: 20_000 });
  await expect(fig.locator('.stats strong').first()).toHaveText('50');
  await expect(fig.locator('.description')).toContainText('training stops at epoch 50.');
  await expect(fig.getByRole('button', { name: 'Train again' })).toBeVisible();
  await fig.getByRole('combobox', { name: 'Stop at epoch' }).selectOption('100');
  await fig.getByRole('button', { name: 'Train' }).click();
  await expect(fig.getByRole('status').filter({ hasText: 'Training stopped at the epoch limit, 100.' })).toBeVisible({ timeout: 20_000 });
  await settled(fig);
  const at100 = /test loss ([\d.]+)/.exec(await description(fig))![1];
  // At the limit, Train again starts over from the same start, and the same 100 epochs end the same way.
  await fig.getByRole('slider', { name: /Epochs per frame/ }).fill('1');
  await fig.getByRole('button', { name: 'Train again' }).click();
  await expect.poll(() => epochOf(fig), { intervals: [50] }).toBeLessThan(100);
  await expect(fig.getByRole('status').filter({ hasText: 'Training stopped at the epoch limit, 100.' })).toBeVisible({ timeout: 20_000 });
  await settled(fig);
  expect(/test loss ([\d.]+)/.exec(await description(fig))![1]).toBe(at100);
});

test('Playground: training stops once the test loss has not improved for N epochs, and restores the best weights', async ({ page }) => {
  await page.goto('/play/playground/');
  const fig = await ready(figure(page, 'Playground'));
  await moreSettings(fig);
  await fig.getByRole('combobox', { name: 'Stop when test loss stalls for' }).selectOption('10');
  await fig.getByRole('slider', { name: /Epochs per frame/ }).fill('10');
  await fig.getByRole('button', { name: 'Train' }).click();
  const status = fig.getByRole('status').filter({ hasText: 'Training stopped early' });
  await expect(status).toBeVisible({ timeout: 30_000 });
  const [, best, lowest] = /weights of epoch (\d+), where it was lowest \(([\d.]+)\)/.exec(await status.innerText())!;
  expect(await epochOf(fig)).toBe(Number(best) + 10);
  await expect(fig.locator('.description')).toContainText(`test loss ${lowest}`);
  await expect(fig.getByRole('button', { name: 'Train again' })).toBeVisible();
});

test('Playground: new controls fit a 360 px screen and pass axe in the dark theme, for regression and with the lesson panel open', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/play/playground/');
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  const fig = await ready(figure(page, 'Playground'));
  await fig.getByText('Make a lesson link').click();
  await fig.getByRole('button', { name: 'Step one epoch' }).click();
  const overflow = () => fig.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  const axe = () => axeOf(page).include('figure').disableRules(['heading-order']).analyze();
  const violations = (r: Awaited<ReturnType<typeof axe>>) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations(await axe())).toEqual([]);
  await pickData(fig, 'bump');
  await expect(fig.getByRole('img', { name: /Predicted value on the bump data/ })).toHaveCount(1);
  expect(await overflow()).toBeLessThanOrEqual(0);
  expect(violations(await axe())).toEqual([]);
});
