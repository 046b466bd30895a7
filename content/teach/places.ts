// Where each exercise sits in the book, read from the chapters' MDX at build time: the chapter's title
// and address, and the section heading above each <Exercise id="…" /> tag.
import { chapterHref } from '../../components/layout/chapters.ts';

const sources = import.meta.glob<string>('../chapters/*.mdx', { query: '?raw', import: 'default', eager: true });

export interface Places {
  [bankId: string]: { chapter: string; href: string; sections: Record<string, string> };
}

/** The places of every exercise, keyed by bank id ("04-backpropagation"). */
export function exercisePlaces(): Places {
  const out: Places = {};
  for (const [path, text] of Object.entries(sources)) {
    const bankId = path.split('/').pop()!.replace(/\.mdx$/, '');
    const title = /^title:\s*"?(.*?)"?\s*$/m.exec(text)?.[1] ?? bankId;
    const sections: Record<string, string> = {};
    let heading = '';
    for (const line of text.split('\n')) {
      const h = /^#{2,3}\s+(.+?)\s*$/.exec(line);
      if (h) heading = h[1].replace(/\{#[^}]*\}$/, '').trim();
      if (/^exercises$/i.test(heading)) heading = '';
      for (const m of line.matchAll(/<Exercise\s+id="([^"/]+)\/([^"]+)"/g)) if (m[1] === bankId) sections[m[2]] = heading;
    }
    out[bankId] = { chapter: title, href: chapterHref(bankId), sections };
  }
  return out;
}
