// Astro compresses the HTML of .astro files, and drops the white space of a line break that stands next to
// an inline element: "re-grade on the⏎<a>grading page</a>" is built as "re-grade on the<a>…", run
// together on the page. Prose in .astro files keeps the space on the line (MDX chapters are not affected).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const inline = 'a|abbr|b|cite|code|em|i|kbd|mark|q|small|span|strong|sub|sup|time|var';
const endsWithInline = new RegExp(`</(${inline})>$`);
const startsWithInline = new RegExp(`^<(${inline})[ >]`);

function astroFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? astroFiles(join(dir, e.name)) : e.name.endsWith('.astro') ? [join(dir, e.name)] : [],
  );
}

/** The line breaks in `text` that the build would close up: where a word meets an inline element. */
export function lostSpaces(text: string): string[] {
  const lines = text.split('\n');
  const found: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i].trimEnd();
    const b = lines[i + 1].trimStart();
    if ((endsWithInline.test(a) && /^[A-Za-z(]/.test(b)) || (/[A-Za-z,.;:)]$/.test(a) && startsWithInline.test(b))) found.push(`line ${i + 1}: …${a.slice(-30)}⏎${b.slice(0, 30)}…`);
  }
  return found;
}

describe('prose in .astro files', () => {
  it('finds a break that would be closed up, and passes one that would not', () => {
    expect(lostSpaces('which you re-grade on the\n    <a href="/g/">grading page</a>. Nothing')).toHaveLength(1);
    expect(lostSpaces('with <code>table(rows)</code>\n    and plots')).toHaveLength(1);
    expect(lostSpaces('which you re-grade on the <a href="/g/">grading page</a>.\n    Nothing is sent')).toEqual([]);
    expect(lostSpaces('<ul>\n  <li>one</li>\n</ul>')).toEqual([]);
  });

  for (const file of [...astroFiles('pages'), ...astroFiles('components')]) {
    it(`${file} keeps its spaces next to inline elements on the line`, () => {
      expect(lostSpaces(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
