// Where a figure's training commands go: to a Web Worker once training starts, or to a TaskHost on the
// page before that, during server rendering, and where workers are missing or fail. The host on the page
// answers at once; the worker answers later, through `onreport`. The numbers are the same either way
// (every run is seeded).
import type { Command, Report } from './protocol.ts';
import { TaskHost, type AnyTask } from './host.ts';

/** What the connection needs of a worker (a real Worker, or a stand-in in tests). */
export interface WorkerLike {
  postMessage(message: Command): void;
  onmessage: ((e: MessageEvent<Report>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface ConnectionOptions {
  /** The tasks the page's own host can run (the same the worker hosts). */
  tasks: readonly AnyTask[];
  /**
   * Starts the worker, e.g. `() => new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' })`
   * (the URL must be written at the call site for the bundler to find it). Without it, training stays on the page.
   */
  worker?: () => WorkerLike;
  /** The commands that build the current state (a create, then the task commands called since): a worker starting later runs them first. */
  setup: () => Command[];
  /** A report from the worker. */
  onreport: (r: Report) => void;
  /** The worker failed to start or crashed; commands go to a fresh host on the page from now on. */
  onfail: () => void;
}

export class TrainerConnection {
  /** Commands posted to the worker and not answered yet. */
  pending = 0;
  private worker: WorkerLike | null = null;
  private local: TaskHost | null;
  private allowWorker: boolean;

  constructor(private readonly options: ConnectionOptions) {
    this.local = new TaskHost(options.tasks);
    this.allowWorker = options.worker !== undefined;
  }

  get inWorker(): boolean {
    return this.worker !== null;
  }

  /** Runs a command: the page host's report, at once, or null when the worker will answer. */
  send(cmd: Command): Report | null {
    if (this.worker) this.post(cmd);
    else if (this.local) return this.local.handle(cmd).report;
    return null;
  }

  /**
   * Moves training into a worker on first use (where workers exist and are allowed). The page's host has
   * not trained yet, so repeating the commands that built its state gives the worker the same state.
   * Returns whether it moved now.
   */
  startWorker(): boolean {
    const start = this.options.worker;
    if (this.worker || !this.local || !this.allowWorker || !start) return false;
    try {
      const worker = start();
      worker.onmessage = (e) => {
        this.pending = Math.max(0, this.pending - 1);
        this.options.onreport(e.data);
      };
      worker.onerror = (e) => {
        e.preventDefault?.();
        this.fallBack();
        this.options.onfail();
      };
      this.worker = worker;
      this.local = null;
      this.pending = 0;
      for (const cmd of this.options.setup()) this.post(cmd);
      return true;
    } catch {
      // no Worker here (server rendering, an old browser) or it would not start: train on the page
      this.worker = null;
      return false;
    }
  }

  /** Stops the worker (when the figure leaves the page). */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Gives up on the worker for good: commands go to a fresh host on the page. */
  private fallBack(): void {
    this.dispose();
    this.allowWorker = false; // do not try again
    this.pending = 0;
    this.local = new TaskHost(this.options.tasks);
  }

  private post(cmd: Command): void {
    this.pending++;
    this.worker!.postMessage(cmd);
  }
}
