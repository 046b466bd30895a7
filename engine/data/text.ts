// A tiny text corpus for sequence tasks, with a character vocabulary to turn text into ids and back.

/** A few hundred characters of plain text, written for this book, for next-character prediction. */
export const corpus = [
  'the network reads one letter at a time and guesses the next.',
  'at first its guesses are noise. then it learns that a space follows a word,',
  'that q is rare, that the is common, and that a line ends with a dot.',
  'each guess is a softmax over the letters it has seen, and each mistake',
  'sends a gradient back through time, step by step, to the first letter.',
  'small models learn the short patterns first and the long ones late, if ever.',
].join('\n');

export interface Vocab {
  chars: string[];
  size: number;
  encode(text: string): Int32Array;
  decode(ids: ArrayLike<number>): string;
}

/** The vocabulary of the distinct characters of `text`, sorted; encoding an unknown character throws. */
export function charVocab(text: string): Vocab {
  const chars = [...new Set(text)].sort();
  const index = new Map(chars.map((c, i) => [c, i]));
  return {
    chars,
    size: chars.length,
    encode(s: string) {
      return Int32Array.from(s, (c) => {
        const i = index.get(c);
        if (i === undefined) throw new Error(`charVocab: character ${JSON.stringify(c)} is not in the vocabulary`);
        return i;
      });
    },
    decode(ids: ArrayLike<number>) {
      return Array.from(ids, (i) => chars[i] ?? '?').join('');
    },
  };
}
