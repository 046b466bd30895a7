// Scoring one message on the page from a model's weights (the worker sends them with every report), and
// the words that push it towards spam: for logistic regression and naive Bayes each present word adds a
// fixed amount to the log-odds, so that amount is its push; for the MLP the push of a word is how much the
// log-odds falls when that word alone is taken out of the message.
import { bayesLogit, type NaiveBayes } from './bayes.ts';
import { HIDDEN } from './task.ts';

export type Kind = 'logistic' | 'mlp' | 'bayes';

/** A scorer of distinct word ids: the log-odds of spam. */
export type Scorer = (ids: ArrayLike<number>) => number;

/** Logistic regression's log-odds from its flat weights [w (V values), b]. */
export function logisticScorer(w: Float32Array, V: number): Scorer {
  return (ids) => {
    let z = w[V];
    for (let k = 0; k < ids.length; k++) z += w[ids[k]];
    return z;
  };
}

/** The MLP's log-odds from its flat weights [W1 (H×V, row-major), b1 (H), W2 (H), b2]. */
export function mlpScorer(w: Float32Array, V: number, H = HIDDEN): Scorer {
  const b1 = H * V;
  const w2 = b1 + H;
  return (ids) => {
    let z = w[w2 + H];
    for (let h = 0; h < H; h++) {
      let a = w[b1 + h];
      const row = h * V;
      for (let k = 0; k < ids.length; k++) a += w[row + ids[k]];
      if (a > 0) z += w[w2 + h] * a;
    }
    return z;
  };
}

export const bayesScorer = (nb: NaiveBayes): Scorer => (ids) => bayesLogit(nb, ids);

export const probability = (z: number): number => 1 / (1 + Math.exp(-z));

/** Each present word's push on the log-odds: what the score loses when that word alone is removed. */
export function pushes(score: Scorer, ids: ArrayLike<number>): { id: number; push: number }[] {
  const all = Array.from(ids);
  const z = score(all);
  return all.map((id, k) => ({ id, push: z - score(all.filter((_, i) => i !== k)) }));
}
