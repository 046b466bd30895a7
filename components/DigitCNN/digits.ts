// All 10,000 digits of the `mnist` package (8,000 for training, 2,000 held out, a fifth of each class), loaded
// once per thread when a figure first needs them: the page and the trainer's worker each call
// `loadAll()`, and the task reads `digits()` synchronously once they have.
import { data, type Digits } from '../../engine/index.ts';

let cached: Digits | null = null;
let loading: Promise<Digits> | null = null;

/** The digits, if this thread has loaded them. */
export const digits = (): Digits | null => cached;

/** Sets the digits directly (tests in Node, which read the file from disk). */
export function useDigits(d: Digits): void {
  cached = d;
}

/** Loads the digits once (`base`: the site's base path in the browser). */
export function loadAll(base = ''): Promise<Digits> {
  loading ??= data.loadDigits({ all: true, base }).then(
    (d) => (cached = d),
    (e) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** Pixels of split image `i` (a view, not a copy). */
export const imageOf = (split: { images: Float32Array }, i: number): Float32Array => split.images.subarray(i * 784, (i + 1) * 784);
