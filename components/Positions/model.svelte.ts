// The Positions figure's state and words: the width d of the sinusoidal encoding, the position whose dot
// products with the others are plotted, the order of five tokens and whether positions are added to them.
// The numbers are positions.ts's.
import { z } from 'zod';
import { rng, type Rng } from '../../engine/index.ts';
import { defineState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';
import { changes, dotsFrom, encoding, isPermutation, N, POSITIONS, WORDS, type Width } from './positions.ts';

export const ORIGINAL = [0, 1, 2, 3, 4];
/** "the man bit the dog": the same words, the other meaning. */
export const SWAPPED = [3, 4, 2, 0, 1];

export const positionsState = defineState({
  version: 1,
  schema: z.object({
    d: z.union([z.literal(8), z.literal(16), z.literal(32), z.literal(64)]).default(16),
    from: z.number().int().min(0).max(POSITIONS - 1).default(10),
    positions: z.boolean().default(false),
    order: z.array(z.number().int().min(0).max(N - 1)).length(N).refine(isPermutation, 'not a permutation').default(SWAPPED),
  }),
});
export type PositionsState = z.output<typeof positionsState.schema>;

const f2 = (v: number) => String(+v.toFixed(2)).replace('-', '−');
/** A difference at the level of float32 rounding reads as "below 10⁻⁶". */
export const ROUNDING = 1e-6;

export class PositionsModel extends StateModel<typeof positionsState.schema> {
  d: Width = $state(this.initial.d);
  from = $state(this.initial.from);
  positions = $state(this.initial.positions);
  order: number[] = $state.raw(this.initial.order);
  readonly pe: number[][] = $derived(encoding(this.d));
  readonly dots: number[] = $derived(dotsFrom(this.pe, this.from));
  readonly changed: number[] = $derived(changes(this.order, this.positions));
  private shuffler: Rng;

  constructor(init: Partial<PositionsState> = {}, seed = 1) {
    super(positionsState, init);
    this.shuffler = rng(seed);
  }

  /** A new order, different from the current one. */
  shuffle(): void {
    let next = this.order;
    while (next.join() === this.order.join()) next = Array.from(this.shuffler.permutation(N));
    this.order = next;
  }

  setOrder(order: number[]): void {
    if (isPermutation(order)) this.order = order.slice();
  }

  get sentence(): string {
    return this.order.map((k) => WORDS[k]).join(' ');
  }

  /** The largest change of any token's output between the original order and the reader's. */
  get largestChange(): number {
    return Math.max(...this.changed);
  }

  /** What exercises read. */
  report() {
    return { ...this.snapshot(), sentence: this.sentence, largestChange: this.largestChange, dots: this.dots.slice() };
  }

  describe(): string {
    const near = this.from + 1 < POSITIONS ? this.from + 1 : this.from - 1;
    const far = this.from + 10 < POSITIONS ? this.from + 10 : this.from - 10;
    const enc = `Sinusoidal encoding of ${POSITIONS} positions at width d = ${this.d}. The dot product of position ${this.from} with itself is ${f2(this.dots[this.from])}, with position ${near} ${f2(this.dots[near])}, with position ${far} ${f2(this.dots[far])}.`;
    const moved = this.order.join() !== ORIGINAL.join();
    const big = this.largestChange;
    const attn = !moved
      ? `The tokens are in their original order, “${this.sentence}”: nothing to compare yet.`
      : this.positions
        ? `Tokens in the order “${this.sentence}”, with positions added: a token's output changes by up to ${f2(big)} from the order “${WORDS.join(' ')}”, so the layer can tell the orders apart.`
        : `Tokens in the order “${this.sentence}”, without positions: every token's output is the one it had in the order “${WORDS.join(' ')}” (largest change ${big === 0 ? '0, exactly' : big < ROUNDING ? 'below 10⁻⁶, rounding' : f2(big)}), so the layer cannot tell the orders apart.`;
    return `${enc} ${attn}`;
  }
}
