// What the filter reads of a message and how it cuts it into words, on hand-made messages.
import { describe, expect, it } from 'vitest';
import { cleanBody, encode, readable, splitMessage, tokenize } from './tokens.ts';

describe('splitMessage', () => {
  it('takes the subject (with its continuation lines) from the headers and the body after the first blank line', () => {
    const raw = 'From: a@b.c\r\nSubject: Cheap\r\n  pills now\r\nTo: d@e.f\r\n\r\nBuy them.\r\n\r\nReally.';
    expect(splitMessage(raw)).toEqual({ subject: 'Cheap pills now', body: 'Buy them.\n\nReally.' });
  });
  it('gives an empty subject and body when there are none', () => {
    expect(splitMessage('From: a@b.c')).toEqual({ subject: '', body: '' });
  });
});

describe('cleanBody', () => {
  it('undoes quoted-printable and removes HTML tags, styles, comments and entities', () => {
    expect(cleanBody('caf=E9 soft=\nbreak')).toBe('café softbreak');
    const html = '<html><style>p { color: red }</style><p>Win&nbsp;<b>big</b>&amp;now<!-- hidden -->&#33;</p></html>';
    expect(cleanBody(html).replace(/\s+/g, ' ').trim()).toBe('Win big &now !');
  });
  it('drops base64 blocks, MIME part headers and boundaries', () => {
    const body = '--=_part1\nContent-Type: text/plain;\n charset="us-ascii"\nContent-Transfer-Encoding: 7bit\n\nhello\n' + 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9w\n--=_part1--';
    expect(tokenize(cleanBody(body))).toEqual(['hello']);
  });
  it('reads the subject before the body', () => {
    expect(readable('Subject: Hi\n\n<b>there</b>')).toBe('Hi\n there ');
  });
});

describe('tokenize', () => {
  it('lower-cases, keeps apostrophes inside words and "$" and "!" as words, drops long words and long numbers', () => {
    expect(tokenize("Don't MISS: $1,000!! Call 5551234 or www.x-y.com; 2002")).toEqual(["don't", 'miss', '$', '1', '000', '!', '!', 'call', 'or', 'www', 'x', 'y', 'com', '2002']);
    expect(tokenize('a'.repeat(21) + ' ok')).toEqual(['ok']);
  });
});

describe('encode', () => {
  it('gives the distinct ids of the words in the vocabulary, ascending', () => {
    const index = new Map([
      ['free', 0],
      ['money', 1],
      ['now', 2],
    ]);
    expect(encode('Now! Free money, free, FREE now', index)).toEqual([0, 1, 2]);
    expect(encode('nothing known here', index)).toEqual([]);
  });
});
