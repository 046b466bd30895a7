// Minibatches drawn in passes over a training set of n examples: each pass is a fresh shuffle, and a pass
// ends when fewer than a batch of its examples are left. Its state (the shuffler, the order, where it is)
// goes into a run's saveState, so that Pause and a rewind draw the same batches again.
import type { Rng, RngState } from '../../engine/index.ts';

export interface PassesState {
  order: RngState;
  perm: number[];
  pos: number;
  passes: number;
}

export class Passes {
  perm: Int32Array;
  pos = 0;
  /** Passes completed. */
  passes = 0;

  constructor(
    readonly n: number,
    private readonly order: Rng,
  ) {
    this.perm = order.permutation(n);
  }

  /** Examples drawn so far, over all passes. */
  get seen(): number {
    return this.passes * this.n + this.pos;
  }

  /** The next `size` example indices (a view); a new pass starts first when fewer than `size` are left. */
  next(size: number): Int32Array {
    if (this.pos + size > this.n) {
      this.perm = this.order.permutation(this.n);
      this.pos = 0;
      this.passes++;
    }
    const idx = this.perm.subarray(this.pos, this.pos + size);
    this.pos += size;
    return idx;
  }

  saveState(): PassesState {
    return { order: this.order.getState(), perm: Array.from(this.perm), pos: this.pos, passes: this.passes };
  }

  loadState(st: PassesState): void {
    this.order.setState(st.order);
    this.perm = Int32Array.from(st.perm);
    this.pos = st.pos;
    this.passes = st.passes;
  }
}
