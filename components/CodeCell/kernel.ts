// The page's notebook kernel, and graded code jobs.
//
// Reader code never runs in the page. The page embeds one hidden iframe, /sandbox.html (a static file of
// this site, so the offline cache has it), sandboxed with `allow-scripts` only (by its attribute, or offline
// by the service worker's header: public/sandbox-sw.js): it gets an opaque origin,
// so it reaches none of the book's storage, cookies or DOM. That document has its own CSP (no network of
// any kind, no script but its own hashed one, eval allowed, workers from blob: only) and never runs reader
// code itself: it starts kernel workers from the script the page hands it, and those inherit its policy.
// The page's own policy can therefore forbid eval: only the sandbox allows it.
//
// The page talks to the sandbox over a private MessageChannel (never window messages after the first),
// and to each worker over a port of its own. Every message that comes back is validated (protocol.ts)
// before it is used. The notebook's cells share one worker, in the order they are run; a run past the time
// limit, or one the reader stops, ends that worker (the next run gets a fresh one). A graded job
// (`runJob`) gets a fresh worker of its own, ended when the job is.
import workerUrl from './runner.worker.ts?worker&url';
import { parseSandboxMessage, parseWorkerMessage, type ToSandbox, type ToWorker, type WorkerMessage } from './protocol.ts';
import { OutputLog, type OutputItem, type ShownItem } from './output.ts';

export const TIME_LIMIT_MS = 10_000;
/** How long a worker gets to answer "cancel your timers" before it is ended instead. */
const CANCEL_GRACE_MS = 400;
const SANDBOX_URL = '/sandbox.html';

export type Outcome = 'done' | 'stopped' | 'timeout' | 'crashed';

export interface RunEvents {
  /** A batch of output; `dropped` more lines were printed but not sent (past the download's limit). */
  onOutput(items: OutputItem[], dropped: number): void;
  /** The code returned but left `pending` timers running; the run lasts until they end or are cancelled. */
  onReturned?(pending: number): void;
  /** Only for graded jobs: what the checks reported. */
  onReport?(score: number, feedback: string): void;
}

export interface RunResult {
  outcome: Outcome;
  /** Timers that Stop or the time limit cancelled (the worker, and the page's variables, were kept). */
  cancelled: number;
}

interface Job {
  key: string;
  code: string;
  checks?: string;
  events: RunEvents;
  resolve: (r: RunResult) => void;
}

let nextId = 1;

/** The sandbox document: one per page, shared by the notebook and graded jobs. */
class Sandbox {
  private frame: HTMLIFrameElement | null = null;
  private control: MessagePort | null = null;
  private started: Promise<void> | null = null;
  private crashHandlers = new Map<number, (message: string) => void>();
  /** Messages that failed validation (for tests and for the curious: they are dropped). */
  rejected = 0;

  start(): Promise<void> {
    return (this.started ??= this.open().catch((e) => {
      this.frame?.remove();
      this.frame = null;
      this.started = null;
      throw e;
    }));
  }

  private async open(): Promise<void> {
    const response = await fetch(workerUrl);
    if (!response.ok) throw new Error(`the kernel script answered ${response.status}`);
    const source = await response.text();
    const frame = document.createElement('iframe');
    // Offline, only the service worker can answer the frame's navigation, and it never sees a frame that
    // its attribute sandboxed. When it controls this page it sandboxes the frame by a header instead
    // (public/sandbox-sw.js); the origin check below makes sure that happened.
    const bySw = sandboxedByWorker();
    if (!bySw) frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('title', 'Code cell sandbox');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.display = 'none';
    frame.src = SANDBOX_URL;
    const loaded = new Promise<void>((resolve, reject) => {
      frame.addEventListener('load', () => resolve(), { once: true });
      frame.addEventListener('error', () => reject(new Error('the sandbox did not load')), { once: true });
    });
    document.body.appendChild(frame);
    this.frame = frame;
    await loaded;
    if (!originIsOpaque(frame)) {
      // Not isolated (a service worker from before the header existed, say): never use it.
      frame.remove();
      this.frame = null;
      if (!bySw) throw new Error('the sandbox is not isolated from the page');
      sandboxAttributeOnly = true;
      return this.open();
    }
    const channel = new MessageChannel();
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the sandbox did not answer')), 10_000);
      channel.port1.onmessage = (e) => {
        const m = parseSandboxMessage(e.data);
        if (!m) {
          this.rejected++;
          return;
        }
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else this.crashHandlers.get(m.worker)?.(m.message);
      };
    });
    // The one window message: the script and the private port. '*' because the sandbox's origin is opaque;
    // the message goes to this frame's window only.
    frame.contentWindow!.postMessage({ type: 'init', source }, '*', [channel.port2]);
    this.control = channel.port1;
    await ready;
  }

  /** Starts a kernel worker; returns its port. */
  spawn(id: number, onCrash: (message: string) => void): MessagePort {
    const channel = new MessageChannel();
    this.crashHandlers.set(id, onCrash);
    this.post({ type: 'spawn', worker: id }, [channel.port2]);
    return channel.port1;
  }

  terminate(id: number): void {
    this.crashHandlers.delete(id);
    this.post({ type: 'terminate', worker: id });
  }

  private post(m: ToSandbox, transfer: Transferable[] = []): void {
    this.control?.postMessage(m, transfer);
  }
}

/** Set once a header-sandboxed frame failed the origin check: the attribute is used from then on. */
let sandboxAttributeOnly = false;

function sandboxedByWorker(): boolean {
  return !sandboxAttributeOnly && typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller;
}

/** An opaque-origin frame's document is out of the page's reach; a same-origin one is not. */
function originIsOpaque(frame: HTMLIFrameElement): boolean {
  return frame.contentDocument === null;
}

const sandbox = new Sandbox();

/** One kernel worker, running one job at a time from its queue. */
class KernelWorker {
  private id = nextId++;
  private port: MessagePort | null = null;
  private ready: Promise<void> | null = null;
  private queue: Job[] = [];
  private running: { job: Job; run: number; returned: boolean; timer: ReturnType<typeof setTimeout>; grace?: ReturnType<typeof setTimeout> } | null = null;
  /** Bumped whenever the worker is ended: cells use it to tell the reader their variables are gone. */
  generation = 0;

  constructor(private onEnded?: () => void) {}

  private connect(): Promise<void> {
    return (this.ready ??= (async () => {
      await sandbox.start();
      const id = this.id;
      const port = sandbox.spawn(id, (message) => {
        if (id !== this.id) return;
        this.running?.job.events.onOutput([{ kind: 'error', message: `The kernel stopped: ${message}` }], 0);
        this.end('crashed');
      });
      this.port = port;
      await new Promise<void>((resolve) => {
        port.onmessage = (e) => {
          const m = parseWorkerMessage(e.data);
          if (!m) {
            sandbox.rejected++;
            return;
          }
          if (m.type === 'ready') resolve();
          else this.onMessage(m);
        };
      });
    })());
  }

  private onMessage(m: Exclude<WorkerMessage, { type: 'ready' }>): void {
    const r = this.running;
    if (!r || m.run !== r.run) return;
    if (m.type === 'output') r.job.events.onOutput(m.items, m.dropped);
    else if (m.type === 'returned') {
      r.returned = true;
      r.job.events.onReturned?.(m.pending);
    } else if (m.type === 'report') r.job.events.onReport?.(m.score, m.feedback);
    else if (m.type === 'done') this.finish(this.stopping ?? 'done', m.cancelled);
  }

  /** Why the current run is being cancelled, while its worker is asked to clear its timers. */
  private stopping: Outcome | null = null;

  private finish(outcome: Outcome, cancelled = 0): void {
    const r = this.running;
    if (!r) return;
    clearTimeout(r.timer);
    if (r.grace) clearTimeout(r.grace);
    this.running = null;
    this.stopping = null;
    r.job.resolve({ outcome, cancelled });
    this.next();
  }

  private next(): void {
    if (!this.port || this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    const run = nextId++;
    this.running = { job, run, returned: false, timer: setTimeout(() => this.interrupt('timeout'), TIME_LIMIT_MS) };
    const m: ToWorker = { type: 'run', run, code: job.code, ...(job.checks !== undefined ? { checks: job.checks } : {}) };
    this.port.postMessage(m);
  }

  /** Stops the current run: a run that only waits for its timers has them cancelled (its variables stay);
   * one whose code is still running ends the worker. */
  private interrupt(outcome: Outcome): void {
    const r = this.running;
    if (!r) return;
    if (r.returned && !this.stopping) {
      this.stopping = outcome;
      this.port?.postMessage({ type: 'cancel', run: r.run } satisfies ToWorker);
      r.grace = setTimeout(() => this.end(outcome), CANCEL_GRACE_MS);
    } else this.end(outcome);
  }

  /** Ends the worker (and with it every variable), then finishes the current run with `outcome`. */
  end(outcome: Outcome): void {
    this.generation++;
    if (this.port) {
      sandbox.terminate(this.id);
      this.port.close();
    }
    this.port = null;
    this.ready = null;
    this.id = nextId++;
    this.finish(outcome);
    this.onEnded?.();
    if (this.queue.length) this.start();
  }

  private start(): void {
    this.connect().then(
      () => this.next(),
      () => {
        // The sandbox could not start (the page is offline and the kernel was never cached, or a policy
        // blocks it): fail every waiting run with a message, and let the next Run try again from scratch.
        this.ready = null;
        for (const job of this.queue.splice(0)) {
          job.events.onOutput([{ kind: 'error', message: 'The code runner could not start (is the page offline?). Try Run again.' }], 0);
          job.resolve({ outcome: 'crashed', cancelled: 0 });
        }
      },
    );
  }

  /** Runs code after any queued runs; streams its output; resolves when it ends. Queued at once, so a
   * Stop pressed while the sandbox is still starting is not lost. */
  run(key: string, code: string, events: RunEvents, checks?: string): Promise<RunResult> {
    return new Promise((resolve) => {
      this.queue.push({ key, code, checks, events, resolve });
      this.start();
    });
  }

  /** Stops the run `key` if it is running, or drops it from the queue. */
  stop(key: string): void {
    const queued = this.queue.findIndex((j) => j.key === key);
    if (queued >= 0) this.queue.splice(queued, 1)[0].resolve({ outcome: 'stopped', cancelled: 0 });
    else if (this.running?.job.key === key) this.interrupt('stopped');
  }

  /** True while `key` is the run in progress. */
  isRunning(key: string): boolean {
    return this.running?.job.key === key;
  }

  /** Clears every variable by ending the worker (a fresh one starts with the next run). */
  restart(): void {
    if (this.running) this.end('stopped');
    else if (this.port) this.end('done');
    else this.generation++;
  }
}

/** The notebook kernel of this page: every code cell on it shares its variables. */
export const kernel = new KernelWorker();

export interface JobResult {
  outcome: Outcome;
  /** What the checks reported; null if they never reported (the code threw first, or did not finish). */
  report: { score: number; feedback: string } | null;
  /** What the code printed, capped as a cell's output is. */
  output: ShownItem[];
}

export interface JobOptions {
  /** Output as it arrives (the result carries it too). */
  onOutput?: (items: OutputItem[]) => void;
  /** Aborting stops the job (its outcome is then 'stopped'). */
  signal?: AbortSignal;
}

/**
 * Runs a graded code exercise: the reader's code, then the hidden checks, in a fresh worker of their own
 * (the notebook's variables are not visible, and nothing the code does outlives the job). The checks see
 * the code's top-level names and report with `__report(score, feedback)`; the reader's code cannot report,
 * replace what the checks use, or reach the report function (runner.worker.ts says how).
 */
export async function runJob(code: string, checks: string, { onOutput, signal }: JobOptions = {}): Promise<JobResult> {
  const worker = new KernelWorker();
  const key = `job-${nextId++}`;
  const log = new OutputLog();
  let report: JobResult['report'] = null;
  const stop = () => worker.stop(key);
  signal?.addEventListener('abort', stop, { once: true });
  const { outcome } = await worker.run(
    key,
    code,
    {
      onOutput(items, dropped) {
        log.push(items);
        log.dropped(dropped);
        onOutput?.(items);
      },
      onReport(score, feedback) {
        report ??= { score, feedback };
      },
    },
    checks,
  );
  signal?.removeEventListener('abort', stop);
  worker.restart();
  return { outcome, report: outcome === 'done' ? report : null, output: log.shown() };
}
