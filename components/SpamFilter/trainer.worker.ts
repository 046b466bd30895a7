// The spam filter's worker: it loads the corpus first, holding back the page's commands until it is here
// (a module worker's top-level await would drop messages that arrive meanwhile), then trains.
import { serve } from '../trainer/worker.ts';
import { loadCorpus } from './corpus.ts';
import { spamTask } from './task.ts';

type Handler = ((e: MessageEvent) => void) | null;
const scope = self as unknown as { onmessage: Handler; postMessage(m: unknown, t: Transferable[]): void };
const held: MessageEvent[] = [];
const inner: { onmessage: Handler; postMessage(m: unknown, t: Transferable[]): void } = { onmessage: null, postMessage: (m, t) => scope.postMessage(m, t) };
scope.onmessage = (e) => (inner.onmessage ? inner.onmessage(e) : held.push(e));

loadCorpus(import.meta.env.BASE_URL.replace(/\/$/, '')).then(
  () => {
    serve([spamTask], inner as never);
    for (const e of held.splice(0)) inner.onmessage!(e);
  },
  (e: Error) => {
    // Without the corpus nothing can train here: an uncaught error makes the page fall back to its own host.
    setTimeout(() => {
      throw e;
    });
  },
);
