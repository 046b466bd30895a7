// Astro configuration: a static site whose source folders sit at the top level (srcDir '.'), so the
// designed layout (content/, components/, engine/, pages/, public/) is the project's own layout.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import sitemap from '@astrojs/sitemap';
import pagefind from 'astro-pagefind';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeMathNowrap from './scripts/rehype-math-nowrap.ts';

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://deep-learning-live.example.org',
  srcDir: '.',
  publicDir: './public',
  outDir: './dist',
  trailingSlash: 'ignore',
  // NOTE: stylesheets are never inlined. Astro inlines small component stylesheets and drops their files, but
  // Vite's preload list for dynamic imports still names them (withastro/astro#8329), so the Exercise component's
  // import of a figure for a widget goal failed with "Unable to preload CSS" and the exercise never loaded.
  build: { format: 'directory', inlineStylesheets: 'never' },
  markdown: {
    // Math is rendered to HTML at build time; the page ships KaTeX's CSS and fonts, never its JavaScript.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { strict: false, output: 'htmlAndMathml' }], rehypeMathNowrap],
    }),
  },
  integrations: [mdx(), svelte(), sitemap(), pagefind()],
  vite: {
    // NOTE: bench/ and e2e/ are Node-only; keep them out of the dependency scan.
    optimizeDeps: { entries: ['pages/**/*.astro', 'components/**/*.svelte'] },
    build: { chunkSizeWarningLimit: 1200 },
  },
});
