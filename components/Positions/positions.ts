// The numbers behind the Positions figure: the sinusoidal position encoding (the engine's
// positionalEncoding), the dot product between the encodings of two positions, and a small self-attention
// layer run on five tokens in the reader's order, with and without positions added.
import { nn, noGrad, randn, rng, tensor, type Tensor } from '../../engine/index.ts';

/** How many positions the heat map shows. */
export const POSITIONS = 48;
/** The widths d the reader can choose. */
export const WIDTHS = [8, 16, 32, 64] as const;
export type Width = (typeof WIDTHS)[number];

/** The encoding of POSITIONS positions at width d: row t is p_t. */
export function encoding(d: number, T = POSITIONS): number[][] {
  const pe = nn.positionalEncoding(T, d).data;
  return Array.from({ length: T }, (_, t) => Array.from(pe.subarray(t * d, (t + 1) * d)));
}

/** p_from · p_t for every position t: for sinusoids it depends only on t − from. */
export function dotsFrom(pe: number[][], from: number): number[] {
  const p = pe[from];
  return pe.map((row) => row.reduce((s, v, c) => s + v * p[c], 0));
}

/** The five tokens of the permutation demonstration, in their original order. */
export const WORDS = ['the', 'dog', 'bit', 'the', 'man'] as const;
export const N = WORDS.length;
const WIDTH = 8;

// One seeded layer and seeded embeddings: the same for every reader, so a shared link shows the same numbers.
const r = rng(9);
const layer = new nn.MultiHeadAttention(WIDTH, 2, { rng: r });
const vocab = ['the', 'dog', 'bit', 'man'];
const table = randn([vocab.length, WIDTH], r);
const embed = (w: string) => Array.from(table.data.subarray(vocab.indexOf(w) * WIDTH, (vocab.indexOf(w) + 1) * WIDTH));
const places = encoding(WIDTH, N);

/** Whether `order` lists 0 … N−1 once each. */
export function isPermutation(order: readonly number[]): boolean {
  return order.length === N && new Set(order).size === N && order.every((v) => Number.isInteger(v) && v >= 0 && v < N);
}

/**
 * Self-attention on the tokens placed in `order` (place i holds original token order[i]), with the
 * encoding of each place added to its token when `withPositions`. Returns one output row per place.
 */
export function outputs(order: readonly number[], withPositions: boolean): number[][] {
  const rows = order.map((k, i) => embed(WORDS[k]).map((v, c) => v + (withPositions ? places[i][c] : 0)));
  const x: Tensor = noGrad(() => layer.forward(tensor(rows.flat(), [1, N, WIDTH]))[0]);
  return Array.from({ length: N }, (_, i) => Array.from(x.data.subarray(i * WIDTH, (i + 1) * WIDTH)));
}

/**
 * For each original token k: the largest difference between its output in the reader's order and its output
 * in the original order. Zero (to rounding) without positions: self-attention is permutation-equivariant.
 */
export function changes(order: readonly number[], withPositions: boolean): number[] {
  const base = outputs([0, 1, 2, 3, 4], withPositions);
  const moved = outputs(order, withPositions);
  return Array.from({ length: N }, (_, k) => {
    const i = order.indexOf(k);
    return Math.max(...moved[i].map((v, c) => Math.abs(v - base[k][c])));
  });
}
