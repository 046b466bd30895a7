// Counts a chapter's prose words: what a reader reads as text, without the frontmatter, imports, code
// (fenced blocks, inline code, a CodeCell's code={`...`} prop), math ($$...$$ and $...$) or markup.
// The chapter-length rule (chapters.test.ts) is stated in these words.

/** The prose of an MDX chapter, with code, math and markup removed. */
export function proseOf(mdx: string): string {
  return mdx
    .replace(/^---[\s\S]*?\n---/, ' ') // frontmatter
    .replace(/^import .*$/gm, ' ')
    .replace(/^```[\s\S]*?^```/gm, ' ') // fenced code
    .replace(/\{`[\s\S]*?`\}/g, ' ') // template-literal props (a code cell's code)
    .replace(/\$\$[\s\S]*?\$\$/g, ' ') // display math
    .replace(/\$[^$\n]+\$/g, ' ') // inline math
    .replace(/`[^`\n]*`/g, ' ') // inline code
    .replace(/<[A-Za-z/][^>]*>/g, ' ') // tags and components
    .replace(/\|[-: |]+\|/g, ' '); // table rules
}

/** The number of prose words: runs of letters or digits (with inner apostrophes or hyphens). */
export function proseWords(mdx: string): number {
  return (proseOf(mdx).match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
}
