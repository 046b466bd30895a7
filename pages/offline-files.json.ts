// The files the service worker keeps only once they are used: the data sets in public/data (written by
// scripts/build-digits.mjs before every build) and, when `npm run pdf` has run, the book's PDF, which that
// script adds to this list in dist/. "Save the whole book for offline use" (components/Offline) reads it.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { APIRoute } from 'astro';

/** "digits-28.bin" -> "the digit images at 28 × 28 pixels". */
const describe = (name: string): string => {
  const digits = /^digits-(\d+)\.bin$/.exec(name);
  return digits ? `the digit images at ${digits[1]} × ${digits[1]} pixels` : name;
};

export const GET: APIRoute = () => {
  // NOTE: the build runs from the project root, and this module is bundled elsewhere, so no import.meta.url.
  const dir = resolve('public/data');
  const files = readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => ({ url: `/data/${name}`, bytes: statSync(join(dir, name)).size, what: describe(name) }));
  return new Response(JSON.stringify({ files }), { headers: { 'Content-Type': 'application/json' } });
};
