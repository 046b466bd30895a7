// The loss curves' memory: every measurement of a run, in a fixed amount of space.

/**
 * Loss measurements over training: (epoch, training loss, test loss) triples in preallocated typed
 * arrays. When it is full, every second point is dropped, so a long run keeps its whole shape in at
 * most `capacity` points and drawing it costs the same after a minute as after a second.
 */
export class LossHistory {
  epochs: Float64Array;
  train: Float32Array;
  test: Float32Array;
  length = 0;
  /** Points pushed since the last clear (kept or dropped). */
  count = 0;

  constructor(readonly capacity = 1024) {
    this.epochs = new Float64Array(capacity);
    this.train = new Float32Array(capacity);
    this.test = new Float32Array(capacity);
  }

  push(epoch: number, train: number, test: number): void {
    if (this.length === this.capacity) this.halve();
    this.epochs[this.length] = epoch;
    this.train[this.length] = train;
    this.test[this.length] = test;
    this.length++;
    this.count++;
  }

  /** Keeps points 0, 2, 4, ... and always the latest one. */
  private halve(): void {
    const n = this.length;
    let k = 0;
    for (let i = 0; i < n; i += 2, k++) {
      this.epochs[k] = this.epochs[i];
      this.train[k] = this.train[i];
      this.test[k] = this.test[i];
    }
    if ((n - 1) % 2 !== 0) {
      this.epochs[k] = this.epochs[n - 1];
      this.train[k] = this.train[n - 1];
      this.test[k] = this.test[n - 1];
      k++;
    }
    this.length = k;
  }

  clear(): void {
    this.length = 0;
    this.count = 0;
  }

  /** The latest training loss and test loss (NaN before the first point). */
  get latest(): { train: number; test: number } {
    const n = this.length;
    return n ? { train: this.train[n - 1], test: this.test[n - 1] } : { train: NaN, test: NaN };
  }

  /** Plain arrays of the kept points (for plots and tests). */
  toArrays(): { epochs: number[]; train: number[]; test: number[] } {
    const n = this.length;
    return { epochs: Array.from(this.epochs.subarray(0, n)), train: Array.from(this.train.subarray(0, n)), test: Array.from(this.test.subarray(0, n)) };
  }
}
