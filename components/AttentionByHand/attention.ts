// The numbers behind the AttentionByHand figure: four tokens with three-number embeddings X, the
// projections W_Q, W_K, W_V to d_k = 2, and every stage of scaled dot-product attention for a given Q,
// in plain loops a reader can follow (model.test.ts checks them against the engine's fused attention op).

/** The sentence, one token per row of X. */
export const TOKENS = ['the', 'cat', 'sat', 'down'] as const;
export const N = TOKENS.length;
/** The width of queries, keys and values. */
export const DK = 2;

/** Token embeddings, one row per token (n × 3). */
export const X: number[][] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [0, 1, 1],
];

/** The projections (3 × d_k): Q = X W_Q, K = X W_K, V = X W_V. */
export const WQ: number[][] = [
  [1, 0],
  [0, 1],
  [1, 1],
];
export const WK: number[][] = [
  [0, 1],
  [1, 0],
  [1, 1],
];
export const WV: number[][] = [
  [1, 0],
  [0, 2],
  [-1, 1],
];

/** A·B for matrices as arrays of rows. */
export function matmul(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
}

export const transpose = (A: number[][]): number[][] => A[0].map((_, j) => A.map((row) => row[j]));

export const Q0 = matmul(X, WQ);
export const K = matmul(X, WK);
export const V = matmul(X, WV);

export interface AttentionOptions {
  /** Divide the scores by √d_k. */
  scaled: boolean;
  /** Hide the future: query i may use keys j ≤ i only. */
  causal: boolean;
  /** An extra factor c on the scores, to show what large scores do to the softmax. */
  gain: number;
}

export interface Stages {
  /** S = Q Kᵀ (n × n). */
  scores: number[][];
  /** c·S/√d_k (or c·S unscaled). */
  scaled: number[][];
  /** The same with −∞ where the causal mask forbids a pair. */
  masked: number[][];
  /** A = softmax of each row: the attention weights. */
  weights: number[][];
  /** O = A V (n × d_k): each token's weighted sum of the values. */
  output: number[][];
}

/** softmax of one row, computed stably; −∞ entries get weight 0. */
export function softmaxRow(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => (v === -Infinity ? 0 : Math.exp(v - m)));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Every stage of softmax(c·QKᵀ/√d_k + mask)·V, for queries Q against the figure's K and V (or others). */
export function attend(Q: number[][], opts: AttentionOptions, keys: number[][] = K, values: number[][] = V): Stages {
  const scores = matmul(Q, transpose(keys));
  const factor = opts.gain / (opts.scaled ? Math.sqrt(Q[0].length) : 1);
  const scaled = scores.map((row) => row.map((s) => s * factor));
  const masked = scaled.map((row, i) => row.map((s, j) => (opts.causal && j > i ? -Infinity : s)));
  const weights = masked.map(softmaxRow);
  return { scores, scaled, masked, weights, output: matmul(weights, values) };
}
