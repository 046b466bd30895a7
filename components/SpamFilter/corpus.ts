// The shipped corpus (public/data/spam.bin), loaded once per thread: the page and the trainer's worker each
// call `loadCorpus()`, and the task reads `corpus()` synchronously once they have.
import { parseCorpus, type SpamCorpus } from './corpusFile.ts';

let cached: SpamCorpus | null = null;
let loading: Promise<SpamCorpus> | null = null;

/** The corpus, if this thread has loaded it. */
export const corpus = (): SpamCorpus | null => cached;

/** Sets the corpus directly (tests in Node, which read the file from disk). */
export function useCorpus(c: SpamCorpus): void {
  cached = c;
}

/** Fetches and parses the corpus once (`base`: the site's base path). */
export function loadCorpus(base = ''): Promise<SpamCorpus> {
  loading ??= fetch(`${base}/data/spam.bin`)
    .then((res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.arrayBuffer();
    })
    .then(
      (buf) => (cached = parseCorpus(new Uint8Array(buf))),
      (e) => {
        loading = null;
        throw e;
      },
    );
  return loading;
}
