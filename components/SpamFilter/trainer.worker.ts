// The spam filter's worker: it loads the corpus first, then trains (commands that arrive meanwhile wait).
import { serveAfter } from '../trainer/worker.ts';
import { siteBase } from '../ui/site.ts';
import { loadCorpus } from './corpus.ts';
import { spamTask } from './task.ts';

serveAfter(loadCorpus(siteBase()), [spamTask]);
