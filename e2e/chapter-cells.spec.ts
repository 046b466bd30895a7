// Every code cell the book ships runs, in page order as a reader would run them, and prints something
// without an error: a cell broken by a change to the engine or to its prose is caught here.
import { expect, test } from '@playwright/test';
import { builtPaths } from './pages.ts';

const chapters = builtPaths().filter((p) => p.startsWith('/chapters/'));

for (const path of chapters) {
  test(`${path}: every code cell runs without an error`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(path);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const cells = page.locator('section.cell');
    const count = await cells.count();
    expect(count, 'every chapter has at least one code cell').toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const cell = cells.nth(i);
      const name = await cell.getAttribute('aria-label');
      await cell.scrollIntoViewIfNeeded();
      // A cell hydrates when it comes into view; its editor replaces the static listing.
      await expect(cell.locator('.cm-content')).toBeVisible();
      await cell.getByRole('button', { name: 'Run' }).click();
      const output = cell.getByLabel('Output', { exact: true });
      await expect(output, `${name} shows output`).toBeVisible({ timeout: 15_000 });
      // Run is enabled again once the cell has finished (or been stopped).
      await expect(cell.getByRole('button', { name: 'Run' }), `${name} finishes`).toBeEnabled({ timeout: 15_000 });
      await expect(output.getByRole('alert'), `${name} raises no error`).toHaveCount(0);
      await expect(output.getByRole('status'), `${name} is not stopped`).toHaveCount(0);
      await expect(output, `${name} prints something`).not.toBeEmpty();
    }
  });
}
