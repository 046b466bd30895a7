// The digit figure's worker: it loads the digits first, then trains (commands that arrive meanwhile wait).
import { serveAfter } from '../trainer/worker.ts';
import { siteBase } from '../ui/site.ts';
import { loadAll } from './digits.ts';
import { digitTask } from './task.ts';

serveAfter(loadAll(siteBase()), [digitTask]);
