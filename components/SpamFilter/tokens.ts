// What the spam filter reads of a message, and how it cuts it into words: the subject and the body, with
// the mail headers dropped (they name the mailing lists and spam traps the corpus came from, a shortcut no
// reader's mailbox offers), quoted-printable undone, base64 blocks, MIME part headers and HTML tags removed.
// One function for the data build, the worker and a message the reader types.

/** The subject line and the raw body of an RFC 822 message (headers end at the first blank line). */
export function splitMessage(raw: string): { subject: string; body: string } {
  const text = raw.replace(/\r\n?/g, '\n');
  const cut = text.indexOf('\n\n');
  const head = cut < 0 ? text : text.slice(0, cut);
  const body = cut < 0 ? '' : text.slice(cut + 2);
  // A header may continue on lines that start with white space.
  const m = /^subject:[ \t]*(.*(?:\n[ \t].*)*)/im.exec(head);
  const subject = m ? m[1].replace(/\n[ \t]+/g, ' ').trim() : '';
  return { subject, body };
}

const entities: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The body as a person reads it: quoted-printable decoded, base64, MIME part headers, boundaries and HTML removed. */
export function cleanBody(body: string): string {
  return body
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/^[A-Za-z0-9+/=]{40,}$/gm, ' ')
    .replace(/^(?:content-[a-z-]+|mime-version):.*(?:\n[ \t].*)*$/gim, ' ')
    .replace(/^--\S+$/gm, ' ')
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|[a-z]+);/gi, (_, e: string) => (e[0] === '#' ? String.fromCharCode(Number(e.slice(1)) % 65536) : (entities[e.toLowerCase()] ?? ' ')));
}

/** The text a filter reads: subject, then the cleaned body. */
export function readable(raw: string): string {
  const { subject, body } = splitMessage(raw);
  return `${subject}\n${cleanBody(body)}`;
}

/**
 * Words in lower case: runs of letters and digits (with an apostrophe inside, as in "don't"), and the marks
 * "$" and "!" as words of their own. Words longer than 20 characters and numbers longer than 4 digits are
 * dropped (ids, hashes and phone numbers, which never repeat).
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z0-9]+(?:'[a-z]+)?|[$!]/g)) {
    const w = m[0];
    if (w.length > 20 || (w.length > 4 && /^\d+$/.test(w))) continue;
    out.push(w);
  }
  return out;
}

/** The distinct vocabulary ids of a text's words, ascending (words outside the vocabulary are ignored). */
export function encode(text: string, index: Map<string, number>): number[] {
  const ids = new Set<number>();
  for (const w of tokenize(text)) {
    const id = index.get(w);
    if (id !== undefined) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}
