// Stand-ins for the browser in the trainer service's tests: a worker that answers only when told, so
// a test can hold reports in flight as a busy worker would.
import { TaskHost, type AnyTask } from './host.ts';
import type { WorkerLike } from './connection.ts';
import type { Command, Report } from './protocol.ts';

export class ManualWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<Report>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  /** Commands posted and not answered yet. */
  readonly inbox: Command[] = [];
  private readonly host: TaskHost;

  constructor(tasks: readonly AnyTask[]) {
    this.host = new TaskHost(tasks);
  }

  postMessage(cmd: Command): void {
    this.inbox.push(structuredClone(cmd));
  }

  /** Answers up to `n` commands, in order. */
  answer(n = Infinity): void {
    for (; n > 0 && this.inbox.length; n--) {
      const { report } = this.host.handle(this.inbox.shift()!);
      this.onmessage?.({ data: report } as MessageEvent<Report>);
    }
  }

  /** Fails as a crashed worker does. */
  crash(): void {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }

  terminate(): void {
    this.inbox.length = 0;
  }
}
