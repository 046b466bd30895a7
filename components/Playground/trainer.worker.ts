// The Playground's trainer in a Web Worker: the page's main thread only draws and answers the reader,
// while this thread trains. One report answers each command, in order.
import { TrainerHost, type Command } from './host.ts';

const host = new TrainerHost();
const scope = self as unknown as { onmessage: ((e: MessageEvent<Command>) => void) | null; postMessage(message: unknown, transfer: Transferable[]): void };

scope.onmessage = (e) => {
  try {
    const { report, transfer } = host.handle(e.data);
    scope.postMessage(report, transfer);
  } catch (err) {
    scope.postMessage({ gen: e.data.gen, error: err instanceof Error ? err.message : String(err) }, []);
  }
};
