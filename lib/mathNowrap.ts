// The rule for keeping the punctuation after inline math on the formula's line, shared by the chapters'
// build step (scripts/rehype-math-nowrap.ts) and the exercises' renderer (lib/exercises/richtext.ts).
// Chromium may break a line between a formula (a row of inline-blocks) and a comma after it, leaving
// ", the same ..." at the start of a line on narrow screens; a no-wrap span around both prevents that.

/** Punctuation that must not start a line after a formula. */
const TRAILING_PUNCTUATION = /^[,.;:!?)\]’”]+/;

/** Formulas whose TeX source is longer than this stay free to break inside, at a relation or an operator,
 * instead of overflowing a phone's width. */
const MAX_NOWRAP_TEX = 80;

/** The punctuation at the start of `after` to keep with the formula `tex`, or null to leave both alone. */
export function trailingPunctuation(tex: string, after: string): string | null {
  if (tex.length > MAX_NOWRAP_TEX) return null;
  return TRAILING_PUNCTUATION.exec(after)?.[0] ?? null;
}

/** The class of the no-wrap span (styled in global.css). */
export const NOWRAP_CLASS = 'math-nowrap';
