// Astro configuration: a static site whose source folders sit at the top level (srcDir '.'), so the
// designed layout (content/, components/, engine/, pages/, public/) is the project's own layout.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import sitemap from '@astrojs/sitemap';
import pagefind from 'astro-pagefind';
import AstroPWA from '@vite-pwa/astro';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeMathNowrap from './scripts/rehype-math-nowrap.ts';
import rehypeSections from './scripts/rehype-sections.ts';
import { csp } from './scripts/csp.mjs';
import { browserOnly } from './scripts/browser-only.mjs';
import { pageStyles } from './scripts/page-styles.mjs';

/**
 * Offline (Workbox through @vite-pwa/astro). The first visit saves every page, script, stylesheet, font
 * (woff2: every current browser takes it, so the older formats KaTeX also ships are left out) and the
 * search index; the data sets and the PDF are kept once used, or all at once with "Save the whole book"
 * (components/Offline). A new deploy waits until the reader presses Reload (registerType 'prompt').
 * Progress lives in localStorage, which the service worker never touches, so it survives every update.
 */
const offline = {
  registerType: 'prompt',
  injectRegister: false,
  manifest: false,
  workbox: {
    globPatterns: ['**/*.{html,js,css,woff2,svg,webmanifest}', 'pagefind/**/*'],
    globIgnores: ['data/**', '**/*.pdf'],
    // Pages keep their file names: Workbox maps /chapters/sgd/ to chapters/sgd/index.html itself.
    manifestTransforms: [async (entries) => ({ manifest: entries, warnings: [] })],
    directoryIndex: 'index.html',
    // Pagefind asks for its entry file with ?ts=<now> to dodge the HTTP cache; the precached copy is current.
    ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^ts$/],
    navigateFallback: '/404.html',
    navigateFallbackDenylist: [/\.(pdf|bin|xml|txt)$/, /^\/pagefind\//],
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
    cleanupOutdatedCaches: true,
    // The first service worker takes charge of the pages already open, so a deploy made while they stay
    // open can still be offered to them (an uncontrolled page would never hear of it).
    clientsClaim: true,
    // Serves the code-cell sandbox offline with its sandboxing header (public/sandbox-sw.js says why).
    importScripts: ['/sandbox-sw.js'],
    runtimeCaching: [
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && (url.pathname.startsWith('/data/') || url.pathname.endsWith('.pdf')),
        handler: 'StaleWhileRevalidate',
        options: { cacheName: 'dll-extras' },
      },
    ],
  },
};

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
  // A strict Content Security Policy on every page (scripts/csp.mjs says what it allows and why).
  security: { csp },
  markdown: {
    // Math is rendered at build time to MathML alone (MathML Core renders in every current browser), drawn in
    // the system's math font: no KaTeX stylesheet or fonts, and a tenth of the DOM that KaTeX's HTML layout
    // needed (chapter 4 had 13,314 elements with it; bench/README.md has the measurements). Each part of a
    // chapter from one h2 to the next goes in a section that is skipped while far off screen (global.css).
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { strict: false, output: 'mathml' }], rehypeMathNowrap, rehypeSections],
    }),
  },
  // NOTE: the service worker goes last: it lists dist/ when the build is done, after Pagefind wrote its index;
  // pageStyles (each page links only the stylesheets it can use: scripts/page-styles.mjs) goes before both.
  integrations: [mdx(), svelte(), sitemap(), pageStyles(), pagefind(), AstroPWA(offline)],
  vite: {
    // Modules the server build must not see (scripts/browser-only.mjs): the figures an exercise may open.
    plugins: [browserOnly()],
    // Every browser bundle's zod runs without eval (components/ui/zod.ts says why).
    resolve: { alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./components/ui/zod.ts', import.meta.url)) }] },
    // NOTE: bench/ and e2e/ are Node-only; keep them out of the dependency scan.
    optimizeDeps: { entries: ['pages/**/*.astro', 'components/**/*.svelte'] },
    build: { chunkSizeWarningLimit: 1200 },
  },
});
