// Where a figure's trainer commands go: to a Web Worker (trainer.worker.ts) once training starts, or to
// a TrainerHost on the page before that, during server rendering and where workers are missing. The
// host on the page answers at once; the worker answers later, through `onreport`.
import { TrainerHost, type Command, type Report } from './host.ts';

export interface ConnectionOptions {
  /** Whether training may move into a worker at all. */
  worker: boolean;
  /** The command that builds the current state: a worker starting later runs it first. */
  setup: () => Command;
  /** A report from the worker. */
  onreport: (r: Report) => void;
  /** The worker failed to start or crashed; commands go to a fresh host on the page from now on. */
  onfail: () => void;
}

export class TrainerConnection {
  /** Commands posted to the worker and not answered yet. */
  pending = 0;
  private worker: Worker | null = null;
  private local: TrainerHost | null = new TrainerHost();
  private allowWorker: boolean;

  constructor(private readonly options: ConnectionOptions) {
    this.allowWorker = options.worker;
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
   * not trained yet, so repeating the command that built its state gives the worker the same state.
   * Returns whether it moved now.
   */
  startWorker(): boolean {
    if (this.worker || !this.local || !this.allowWorker || typeof Worker === 'undefined') return false;
    try {
      const worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'playground-trainer' });
      worker.onmessage = (e: MessageEvent<Report>) => {
        this.pending = Math.max(0, this.pending - 1);
        this.options.onreport(e.data);
      };
      worker.onerror = (e) => {
        e.preventDefault();
        this.fallBack();
        this.options.onfail();
      };
      this.worker = worker;
      this.local = null;
      this.pending = 0;
      this.post(this.options.setup());
      return true;
    } catch {
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
    this.local = new TrainerHost();
  }

  private post(cmd: Command): void {
    this.pending++;
    this.worker!.postMessage(cmd);
  }
}
