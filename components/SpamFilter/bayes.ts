// The baseline the learned filters must beat: Bernoulli naive Bayes on the same words (Sahami et al. 1998),
// counted on the training messages alone, with add-one smoothing. Its log-odds is a sum over the
// vocabulary, so each word's push towards spam is exact and can be listed.
import { wordsOf, type SpamCorpus } from './corpusFile.ts';

export interface NaiveBayes {
  /** log P(spam)/P(ham) plus every word's log-odds of being absent: the score of a message with no known words. */
  base: number;
  /** What each word adds when present: log[p/(1−p)] − log[q/(1−q)], p = P(word | spam), q = P(word | ham). */
  weight: Float64Array;
}

/** Counts the first `corpus.train` messages: p_j = (spam messages with word j + 1) / (spam messages + 2), q_j likewise for ham. */
export function fitNaiveBayes(corpus: SpamCorpus): NaiveBayes {
  const V = corpus.vocab.length;
  const inSpam = new Float64Array(V);
  const inHam = new Float64Array(V);
  let spam = 0;
  for (let i = 0; i < corpus.train; i++) {
    const to = corpus.labels[i] ? inSpam : inHam;
    if (corpus.labels[i]) spam++;
    for (const j of wordsOf(corpus, i)) to[j]++;
  }
  const ham = corpus.train - spam;
  let base = Math.log(spam / ham);
  const weight = new Float64Array(V);
  for (let j = 0; j < V; j++) {
    const p = (inSpam[j] + 1) / (spam + 2);
    const q = (inHam[j] + 1) / (ham + 2);
    base += Math.log((1 - p) / (1 - q));
    weight[j] = Math.log(p / (1 - p)) - Math.log(q / (1 - q));
  }
  return { base, weight };
}

/** The log-odds of spam for a message with these distinct word ids. */
export function bayesLogit(nb: NaiveBayes, ids: ArrayLike<number>): number {
  let z = nb.base;
  for (let k = 0; k < ids.length; k++) z += nb.weight[ids[k]];
  return z;
}
