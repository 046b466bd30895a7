// Code cells, used as a reader would: run, share variables between cells, survive an endless loop,
// stay sealed off from the page, and keep edits across reloads.
import { expect, test, type Page } from '@playwright/test';

const cell = (page: Page, name: string) => page.getByRole('region', { name });

async function replaceCode(page: Page, name: string, code: string) {
  // Cells hydrate when they scroll into view.
  await cell(page, name).scrollIntoViewIfNeeded();
  const editor = cell(page, name).locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await editor.fill(code);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/play/notebook/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('a cell runs and shows its output; a later cell sees its variables', async ({ page }) => {
  const first = cell(page, 'Code cell 1: make a data set');
  await first.getByRole('button', { name: 'Run' }).click();
  await expect(first.getByLabel('Output', { exact: true })).toContainText('points: 200 classes: 2');
  await expect(first.getByRole('img', { name: /Scatter plot of 200 points/ })).toBeVisible();

  const second = cell(page, 'Code cell 2: train a network on it');
  await second.getByRole('button', { name: 'Run' }).click();
  await expect(second.getByLabel('Output', { exact: true })).toContainText('final loss', { timeout: 20_000 });
  await expect(second.getByRole('img', { name: /Line plot/ })).toBeVisible();
});

test('Shift+Enter runs a cell, and errors show the message and the line', async ({ page }) => {
  await replaceCode(page, 'Code cell 3: look inside', 'const a = 1;\nconst b = a.nope.deeper;');
  await page.keyboard.press('Shift+Enter');
  const out = cell(page, 'Code cell 3: look inside').getByLabel('Output', { exact: true });
  await expect(out).toContainText('TypeError');
  await expect(out).toContainText('(line 2)');
});

test('an endless loop is stopped within the limit while the page stays responsive, and the next run works', async ({ page }) => {
  test.setTimeout(60_000);
  const name = 'Code cell 3: look inside';
  await replaceCode(page, name, 'while (true) {}');
  await cell(page, name).getByRole('button', { name: 'Run' }).click();
  await expect(cell(page, name).getByText('Running…')).toBeVisible();
  // The page still answers while the loop spins: the theme toggle works at once.
  const before = await page.locator('html').getAttribute('data-theme');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', before ?? '');
  await expect(cell(page, name).getByLabel('Output', { exact: true })).toContainText('Stopped after 10 seconds', { timeout: 15_000 });
  await replaceCode(page, name, "print('alive', 6 * 7)");
  await cell(page, name).getByRole('button', { name: 'Run' }).click();
  await expect(cell(page, name).getByLabel('Output', { exact: true })).toContainText('alive 42');
});

test('Stop ends a running cell', async ({ page }) => {
  const name = 'Code cell 3: look inside';
  await replaceCode(page, name, 'while (true) {}');
  await cell(page, name).getByRole('button', { name: 'Run' }).click();
  await cell(page, name).getByRole('button', { name: 'Stop' }).click();
  await expect(cell(page, name).getByLabel('Output', { exact: true })).toContainText('Stopped.');
});

test("reader code cannot read the page's storage, cookies or DOM", async ({ page }) => {
  await page.evaluate(() => {
    localStorage.setItem('secret', 's3cr3t-storage');
    document.cookie = 'secret=s3cr3t-cookie; path=/';
  });
  const name = 'Code cell 3: look inside';
  await replaceCode(
    page,
    name,
    [
      "const tries = { storage: () => localStorage.getItem('secret'), cookie: () => document.cookie,",
      '  parentDom: () => parent.document.title, topDom: () => top.document.title, idb: () => indexedDB.open("x") && "opened" };',
      'for (const [k, f] of Object.entries(tries)) { try { print(k, String(f())); } catch (e) { print(k, "blocked:", e.name); } }',
    ].join('\n'),
  );
  await cell(page, name).getByRole('button', { name: 'Run' }).click();
  const out = cell(page, name).getByLabel('Output', { exact: true });
  await expect(out).toContainText('topDom');
  const text = await out.innerText();
  expect(text).not.toContain('s3cr3t');
  expect(text).not.toContain('Notebook');
  expect(text).toMatch(/storage blocked/);
  expect(text).toMatch(/parentDom blocked/);
});

test('an edited cell survives a reload, and Reset restores the original', async ({ page }) => {
  const name = 'Code cell 3: look inside';
  await replaceCode(page, name, "print('my own edit')");
  await expect(cell(page, name).getByText('Edited (saved in this browser)')).toBeVisible();
  await page.reload();
  await cell(page, name).scrollIntoViewIfNeeded();
  await expect(cell(page, name).locator('.cm-content')).toContainText("print('my own edit')");
  await cell(page, name).getByRole('button', { name: 'Reset' }).click();
  await expect(cell(page, name).locator('.cm-content')).toContainText('gradNorms(model)');
  await page.reload();
  await cell(page, name).scrollIntoViewIfNeeded();
  await expect(cell(page, name).locator('.cm-content')).toContainText('gradNorms(model)');
});
