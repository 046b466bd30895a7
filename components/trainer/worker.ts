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
