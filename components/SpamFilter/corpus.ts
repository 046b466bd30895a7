// The shipped corpus (public/data/spam.bin), loaded once per thread: the page and the trainer's worker each
// call `loadCorpus()`, and the task reads `corpus()` synchronously once they have.
import { loadOnce } from '../trainer/loadOnce.ts';
import { parseCorpus, type SpamCorpus } from './corpusFile.ts';

const shipped = loadOnce(async (base) => {
  const res = await fetch(`${base}/data/spam.bin`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return parseCorpus(new Uint8Array(await res.arrayBuffer()));
});

/** The corpus, if this thread has loaded it. */
export const corpus = shipped.get;
/** Sets the corpus directly (tests in Node, which read the file from disk). */
export const useCorpus: (c: SpamCorpus) => void = shipped.use;
/** Fetches and parses the corpus once (`base`: the site's base path). */
export const loadCorpus = shipped.load;
