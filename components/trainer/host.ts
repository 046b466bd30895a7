// The trainer service's side of the conversation: it holds one run of a registered task, trains it on
// command, applies the stop conditions (epoch limit, target loss, early stopping, divergence), and
// answers every command with a report. The Web Worker (worker.ts) wraps one host; where workers are
// missing the figure calls a host directly, so the protocol is the same either way and tests in Node.
import { hasNonFinite } from '../../engine/index.ts';
import type { Command, Divergence, Report, StopReason } from './protocol.ts';
import type { Measurement, Run, Task } from './task.ts';

/** A task of any settings and report type (a host hosts several, each checked by its own figure). */
export type AnyTask = Task<any, any>;

/** Checkpoints kept for Pause (the frames a figure computes ahead, and a margin). */
const CHECKPOINTS = 8;

/** The state after a frame: enough to go back to it exactly. */
interface Checkpoint {
  params: Float32Array[];
  epoch: number;
  state: unknown;
  best: { epoch: number; loss: number; params: Float32Array[] | null };
  halted: boolean;
  /** Where training had diverged by then (a frame after divergence is still diverged). */
  diverged: Divergence | null;
}

const copies = (run: Run) => run.parameters().map((p) => p.data.slice());

export class TaskHost {
  private readonly tasks: Map<string, AnyTask>;
  private run: Run | null = null;
  private task: AnyTask | null = null;
  private gen = 0;
  private seq = 0;
  /** After a stop, frames answer without training until a resume or a create. */
  private halted = false;
  private diverged: Divergence | null = null;
  private best: { epoch: number; loss: number; params: Float32Array[] | null } = { epoch: 0, loss: Infinity, params: null };
  private checkpoints = new Map<number, Checkpoint>();
  /** Measurements not reported yet. */
  private points: number[] = [];

  constructor(tasks: readonly AnyTask[]) {
    this.tasks = new Map(tasks.map((t) => [t.name, t]));
  }

  /** Runs one command; returns the report and the buffers in it that can be transferred. */
  handle(cmd: Command): { report: Report; transfer: ArrayBuffer[] } {
    const start = performance.now();
    let trained = 0;
    let stopped: StopReason | null = null;
    let fresh = false;
    let error: string | undefined;
    try {
      if (cmd.type === 'create') {
        const task = this.tasks.get(cmd.task);
        if (!task) throw new Error(`The trainer has no task named “${cmd.task}”.`);
        this.gen = cmd.gen; // a failed create is answered in the new generation, describing the old run
        const run = task.create(cmd.settings, cmd.load); // built aside: a failed create keeps the old run
        this.begin(task, run);
        fresh = true;
      } else {
        const run = this.run;
        if (!run) throw new Error('The trainer has not been set up yet.');
        this.gen = cmd.gen;
        if (cmd.type === 'frame') [trained, stopped] = this.frame(run, cmd, start);
        else if (cmd.type === 'rewind') this.rewind(run, cmd.seq);
        else {
          this.checkpoints.clear();
          this.seq++;
          if (cmd.type === 'resume') this.halted = false;
          else {
            const handler = run.commands?.[cmd.name] as ((payload: unknown) => void) | undefined;
            if (!handler) throw new Error(`The task “${this.task!.name}” has no command “${cmd.name}”.`);
            handler(cmd.payload);
            run.measure();
          }
        }
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    return this.answer(cmd, { start, trained, stopped, fresh, error });
  }

  private begin(task: AnyTask, run: Run): void {
    this.task = task;
    this.run = run;
    this.seq++;
    this.halted = false;
    this.diverged = null;
    this.best = { epoch: run.epoch, loss: Infinity, params: null };
    this.checkpoints.clear();
    this.points = [];
    this.record(run, run.measure());
  }

  /** Trains up to `cmd.epochs` epochs within the budget and the stop rules. Returns [epochs trained, stop]. */
  private frame(run: Run, cmd: Extract<Command, { type: 'frame' }>, start: number): [number, StopReason | null] {
    const streaming = cmd.budgetMs !== undefined;
    if (streaming && !this.checkpoints.has(this.seq)) this.save(run);
    this.seq++;
    let trained = 0;
    let stopped: StopReason | null = null;
    if (!this.halted) {
      const stop = cmd.stop ?? {};
      const deadline = cmd.budgetMs === undefined ? Infinity : start + cmd.budgetMs;
      const every = cmd.everyEpoch || stop.patience !== undefined;
      const maxEpochs = stop.maxEpochs ?? Infinity;
      while (trained < cmd.epochs && run.epoch < maxEpochs) {
        run.trainEpoch();
        trained++;
        if (every || trained === cmd.epochs || run.epoch >= maxEpochs || performance.now() > deadline) {
          stopped = this.check(run, this.record(run, run.measure()), cmd);
          if (stopped) break;
        }
        if (performance.now() > deadline) break;
      }
      if (!stopped && run.epoch >= maxEpochs) stopped = 'max';
      if (stopped === 'early') this.restoreBest(run);
      this.halted = stopped !== null;
    }
    if (streaming) this.save(run);
    return [trained, stopped];
  }

  /** Records a measurement (a loss point, the best so far); returns it. */
  private record(run: Run, m: Measurement): Measurement {
    this.points.push(run.epoch, m.loss, m.testLoss ?? NaN);
    const watched = m.testLoss ?? m.loss;
    if (watched < this.best.loss) this.best = { epoch: run.epoch, loss: watched, params: this.best.params };
    return m;
  }

  /** The stop a measurement calls for, if any. */
  private check(run: Run, m: Measurement, cmd: Extract<Command, { type: 'frame' }>): StopReason | null {
    const limit = this.task?.divergeAbove ?? Infinity;
    if (!Number.isFinite(m.loss) || m.loss > limit || hasNonFinite(run.parameters())) {
      this.diverged = { epoch: run.epoch, loss: m.loss };
      return 'diverged';
    }
    const stop = cmd.stop ?? {};
    if (stop.patience !== undefined) {
      if (this.best.epoch === run.epoch) this.best.params = copies(run);
      if (run.epoch - this.best.epoch >= stop.patience) return 'early';
    }
    if (stop.targetLoss !== undefined && m.loss <= stop.targetLoss) return 'target';
    return null;
  }

  /** Puts back the parameters of the best epoch (early stopping) and measures them. */
  private restoreBest(run: Run): void {
    const saved = this.best.params;
    if (!saved) return;
    run.parameters().forEach((p, i) => p.data.set(saved[i]));
    this.record(run, run.measure()); // the curves end at the restored epoch's losses
  }

  private save(run: Run): void {
    this.checkpoints.set(this.seq, { params: copies(run), epoch: run.epoch, state: run.saveState(), best: { ...this.best }, halted: this.halted, diverged: this.diverged });
    for (const k of this.checkpoints.keys()) if (this.checkpoints.size > CHECKPOINTS) this.checkpoints.delete(k);
  }

  /** Back to the state after frame `seq`; unknown frames leave the state as it is. */
  private rewind(run: Run, seq: number): void {
    const c = this.checkpoints.get(seq);
    this.checkpoints.clear();
    this.points = [];
    if (!c || seq === this.seq) return;
    run.parameters().forEach((p, i) => p.data.set(c.params[i]));
    run.epoch = c.epoch;
    run.loadState(c.state);
    this.best = c.best;
    this.halted = c.halted;
    this.diverged = c.diverged;
    this.seq = seq;
    run.measure();
  }

  private answer(cmd: Command, r: { start: number; trained: number; stopped: StopReason | null; fresh: boolean; error?: string }): { report: Report; transfer: ArrayBuffer[] } {
    const data = this.run ? this.run.report() : null;
    const report: Report = {
      gen: this.gen,
      seq: this.seq,
      fresh: r.fresh,
      epoch: this.run?.epoch ?? 0,
      points: this.points,
      data,
      best: { epoch: this.best.epoch, loss: this.best.loss },
      diverged: this.diverged,
      stopped: r.stopped,
      trained: r.trained,
      ms: performance.now() - r.start,
      ...(r.fresh && this.run?.fixed && { fixed: this.run.fixed() }),
      streaming: cmd.type === 'frame' && cmd.budgetMs !== undefined && r.stopped === null && !this.halted,
      ...(r.error !== undefined && { error: r.error }),
    };
    this.points = [];
    return { report, transfer: transferables(data) }; // `fixed` is cloned: the run keeps using it
  }
}

/** The buffers of the typed arrays in `data` (two levels of objects and arrays deep), each once. */
export function transferables(data: unknown, depth = 3): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const walk = (v: unknown, d: number) => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.byteLength === v.buffer.byteLength) found.add(v.buffer);
    } else if (d > 0 && v && typeof v === 'object') for (const w of Array.isArray(v) ? v : Object.values(v)) walk(w, d - 1);
  };
  walk(data, depth);
  return [...found];
}
