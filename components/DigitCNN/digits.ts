// All 10,000 digits of the `mnist` package (8,000 for training, 2,000 held out, a fifth of each class), loaded
// once per thread when a figure first needs them: the page and the trainer's worker each call
// `loadAll()`, and the task reads `digits()` synchronously once they have.
import { data, type Digits } from '../../engine/index.ts';
import { loadOnce } from '../trainer/loadOnce.ts';

const all = loadOnce((base) => data.loadDigits({ all: true, base }));

/** The digits, if this thread has loaded them. */
export const digits = all.get;
/** Sets the digits directly (tests in Node, which read the file from disk). */
export const useDigits: (d: Digits) => void = all.use;
/** Loads the digits once (`base`: the site's base path in the browser). */
export const loadAll = all.load;

/** Pixels of split image `i` (a view, not a copy). */
export const imageOf = (split: { images: Float32Array }, i: number): Float32Array => split.images.subarray(i * 784, (i + 1) * 784);
