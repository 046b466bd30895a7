// Vitest: unit tests sit beside the code they test; e2e/ belongs to Playwright.
// The Svelte plugin compiles runes in `*.svelte.ts` model classes so they test without a browser.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  test: {
    include: ['engine/**/*.test.ts', 'lib/**/*.test.ts', 'components/**/*.test.ts', 'content/**/*.test.ts', 'scripts/**/*.test.ts', 'layers.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    testTimeout: 60_000,
  },
});
