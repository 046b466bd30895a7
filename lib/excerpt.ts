// Excerpts of the engine's source for the appendix that reads it: the lines of a file from the first line
// that contains `start` to the line that contains `end` (or, without `end`, to the line that closes the block
// the start line opens, at the start line's indentation), with the comment lines just above. DOM-free: the
// appendix's page and its test both call it, so an excerpt that no longer exists fails the build and the test.

export interface Excerpt {
  text: string;
  /** 1-based, inclusive. */
  firstLine: number;
  lastLine: number;
}

/** The excerpt of `source` that `start` (and `end`) mark; throws, naming `file`, when they mark nothing. */
export function excerpt(source: string, file: string, start: string, end?: string): Excerpt {
  const lines = source.split('\n');
  const from = lines.findIndex((l) => l.includes(start));
  if (from < 0) throw new Error(`excerpt: no line of ${file} contains "${start}"`);
  let to = -1;
  if (end !== undefined) {
    to = lines.findIndex((l, i) => i >= from && l.includes(end));
    if (to < 0) throw new Error(`excerpt: no line of ${file} from "${start}" on contains "${end}"`);
  } else {
    const indent = /^\s*/.exec(lines[from])![0];
    if (!/[{(]\s*$/.test(lines[from])) to = from;
    else to = lines.findIndex((l, i) => i > from && l.startsWith(`${indent}}`) || (i > from && l.startsWith(`${indent})`)));
    if (to < 0) throw new Error(`excerpt: the block at "${start}" in ${file} does not close`);
  }
  let first = from;
  while (first > 0 && /^\s*(\/\/|\/\*\*|\*)/.test(lines[first - 1])) first--;
  return { text: lines.slice(first, to + 1).join('\n'), firstLine: first + 1, lastLine: to + 1 };
}
