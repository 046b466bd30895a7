// The page's notebook kernel: one sandboxed iframe (scripts allowed, no same-origin, so no access to this
// page's storage, cookies or DOM) that hosts one Web Worker running every cell of the page in order.
// A run that takes longer than the limit, or that the reader stops, ends the worker; the next run gets a fresh one.
import workerUrl from './runner.worker.ts?worker&url';
import type { OutputItem } from './output.ts';

export const TIME_LIMIT_MS = 10_000;

const IFRAME_SOURCE = `<!doctype html><meta charset="utf-8"><script>
let worker = null, source = null;
function start() {
  worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  worker.onmessage = (e) => parent.postMessage(e.data, '*');
  worker.onerror = (e) => { e.preventDefault(); parent.postMessage({ type: 'crash', message: e.message || 'The kernel crashed.' }, '*'); };
}
onmessage = (e) => {
  if (e.source !== parent) return;
  const m = e.data;
  if (m.type === 'init') { source = m.source; start(); parent.postMessage({ type: 'ready' }, '*'); }
  else if (m.type === 'kill') { worker && worker.terminate(); start(); parent.postMessage({ type: 'restarted' }, '*'); }
  else worker.postMessage(m);
};
</script>`;

type Listener = (item: OutputItem) => void;
interface Job {
  id: string;
  code: string;
  onOutput: Listener;
  resolve: (outcome: Outcome) => void;
}
export type Outcome = 'done' | 'stopped' | 'timeout' | 'crashed';

class Kernel {
  private frame: HTMLIFrameElement | null = null;
  private ready: Promise<void> | null = null;
  /** True once the sandbox has said it is ready; until then jobs wait in the queue (and Stop can drop them). */
  private started = false;
  private queue: Job[] = [];
  private running: Job | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped on every restart: cells use it to tell the reader their variables are gone. */
  generation = 0;

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    this.ready = (async () => {
      const source = await (await fetch(workerUrl)).text();
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.setAttribute('title', 'Code cell sandbox');
      frame.setAttribute('aria-hidden', 'true');
      frame.tabIndex = -1;
      frame.style.display = 'none';
      frame.srcdoc = IFRAME_SOURCE;
      document.body.appendChild(frame);
      this.frame = frame;
      await new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
      const readyMsg = new Promise<void>((resolve) => {
        const onReady = (e: MessageEvent) => {
          if (e.source === frame.contentWindow && e.data?.type === 'ready') {
            window.removeEventListener('message', onReady);
            resolve();
          }
        };
        window.addEventListener('message', onReady);
      });
      window.addEventListener('message', (e) => this.onMessage(e));
      frame.contentWindow!.postMessage({ type: 'init', source }, '*');
      await readyMsg;
      this.started = true;
    })();
    return this.ready;
  }

  private onMessage(e: MessageEvent): void {
    if (!this.frame || e.source !== this.frame.contentWindow) return;
    const m = e.data as { type: string; id?: string; item?: OutputItem; message?: string };
    const job = this.running;
    if (!job) return;
    if (m.type === 'output' && m.id === job.id && m.item) job.onOutput(m.item);
    else if (m.type === 'done' && m.id === job.id) this.finish('done');
    else if (m.type === 'crash') {
      job.onOutput({ kind: 'error', message: m.message ?? 'The kernel crashed.' });
      this.kill('crashed');
    }
  }

  private finish(outcome: Outcome): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const job = this.running;
    this.running = null;
    job?.resolve(outcome);
    this.next();
  }

  private next(): void {
    if (!this.started || this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = job;
    this.timer = setTimeout(() => this.kill('timeout'), TIME_LIMIT_MS);
    this.frame!.contentWindow!.postMessage({ type: 'run', id: job.id, code: job.code }, '*');
  }

  /** Ends the worker (and with it every variable), then finishes the current job with `outcome`. */
  private kill(outcome: Outcome): void {
    this.generation++;
    this.frame?.contentWindow?.postMessage({ type: 'kill' }, '*');
    this.finish(outcome);
  }

  /** Runs code after any queued cells; streams its output; resolves when it ends. */
  /** The job is queued at once, so a Stop pressed while the sandbox is still starting is not lost. */
  run(id: string, code: string, onOutput: Listener): Promise<Outcome> {
    return new Promise((resolve) => {
      this.queue.push({ id, code, onOutput, resolve });
      this.start().then(
        () => this.next(),
        () => {
          // The sandbox could not start (e.g. the runner script failed to load): fail every waiting job
          // with a message, and let the next Run try again from scratch.
          this.ready = null;
          this.frame?.remove();
          this.frame = null;
          for (const job of this.queue.splice(0)) {
            job.onOutput({ kind: 'error', message: 'The code runner could not start (is the page offline?). Try Run again.' });
            job.resolve('crashed');
          }
        },
      );
    });
  }

  /** Stops the cell `id` if it is running (or drops it from the queue). */
  stop(id: string): void {
    const queued = this.queue.findIndex((j) => j.id === id);
    if (queued >= 0) this.queue.splice(queued, 1)[0].resolve('stopped');
    else if (this.running?.id === id) this.kill('stopped');
  }

  /** Clears every variable by starting a fresh worker. */
  restart(): void {
    if (this.running) this.kill('stopped');
    else if (this.frame) {
      this.generation++;
      this.frame.contentWindow?.postMessage({ type: 'kill' }, '*');
    }
  }
}

/** The one kernel of this page. */
export const kernel = new Kernel();
