// The book's Content Security Policy, in one place. Astro (security.csp in astro.config.mjs) writes it into a
// <meta http-equiv="content-security-policy"> on every page and adds the SHA-256 hash of every script and
// stylesheet it bundles or inlines; the scripts we inline by hand (the theme bootstrap, the folding of the
// side columns on phones) are hashed here from their files. Nothing runs that the build did not emit: no 'unsafe-inline' and no 'unsafe-eval' for scripts.
//
// - 'wasm-unsafe-eval' lets the engine's matrix kernel and Pagefind's search compile WebAssembly; it allows
//   no JavaScript eval.
// - style attributes (Svelte writes style="…" for its style: directives when it renders a figure at build
//   time) are allowed by style-src-attr; style elements and stylesheets still need their hashes or 'self'.
// - Code cells run in /sandbox.html, a frame with its own, stricter policy and an opaque origin (see
//   components/CodeCell/kernel.ts and public/sandbox.html); from here it is only a same-origin frame.
// - frame-ancestors cannot be set from a meta tag: public/_headers sends it for hosts that read that file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (text) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

const inlined = (file) => sha256(readFileSync(new URL(`../components/layout/${file}`, import.meta.url), 'utf8'));

/** The hash of the theme bootstrap that Base.astro inlines at the top of every page's body. */
export const themeInitHash = inlined('theme-init.js');
/** The hash of the script ChapterLayout.astro inlines after the side columns to fold them on phones. */
export const foldSideHash = inlined('fold-side.js');

/** The directives besides script-src and style-src (which Astro composes with its hashes). */
export const directives = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'self'",
  "manifest-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

export const csp = {
  algorithm: 'SHA-256',
  directives,
  scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"], hashes: [themeInitHash, foldSideHash] },
  styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] },
};
