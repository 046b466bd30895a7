// The trainer service in a Web Worker: a figure's worker file is two lines,
//   import { serve } from '../trainer/worker.ts'; serve([myTask]);
// and the page's main thread then only draws and answers the reader while this thread trains.
// One report answers each command, in order.
import type { Command } from './protocol.ts';
import { TaskHost, type AnyTask } from './host.ts';

interface WorkerScope {
  onmessage: ((e: MessageEvent<Command>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

/** Hosts `tasks` in the worker this runs in (or in `scope`, for tests). */
export function serve(tasks: readonly AnyTask[], scope: WorkerScope = self as unknown as WorkerScope): void {
  const host = new TaskHost(tasks);
  scope.onmessage = (e) => {
    try {
      const { report, transfer } = host.handle(e.data);
      scope.postMessage(report, transfer);
    } catch (err) {
      scope.postMessage({ gen: e.data.gen, error: err instanceof Error ? err.message : String(err) }, []);
    }
  };
}

/**
 * Hosts `tasks` once `ready` (the data the tasks read synchronously, loading) has resolved, holding back
 * the page's commands until then (a module worker's top-level await would drop messages that arrive
 * meanwhile). If it fails nothing can train here: the error is thrown uncaught, which makes the page fall
 * back to its own host.
 */
export function serveAfter(ready: Promise<unknown>, tasks: readonly AnyTask[], scope: WorkerScope = self as unknown as WorkerScope): void {
  const held: MessageEvent<Command>[] = [];
  scope.onmessage = (e) => held.push(e);
  ready.then(
    () => {
      serve(tasks, scope);
      for (const e of held.splice(0)) scope.onmessage!(e);
    },
    (e: unknown) => {
      setTimeout(() => {
        throw e;
      });
    },
  );
}
