// The conversation between a figure and the trainer service: commands in, reports out, the same whether
// the service runs in a Web Worker or on the page. Generations (`gen`) drop reports from before a reset
// or a pause; sequence numbers (`seq`) name the state after each animation frame, so Pause can go back
// to the frame on screen.

/** When training stops by itself. */
export interface StopRules {
  /** Stop once this many epochs have been trained. */
  maxEpochs?: number;
  /** Stop once the training loss is at or below this. */
  targetLoss?: number;
  /**
   * Early stopping: stop once the lowest test loss (or training loss, for a task without a test set) is
   * this many epochs old, and put back the parameters of that epoch.
   */
  patience?: number;
}

export type StopReason = 'diverged' | 'max' | 'target' | 'early';

/** How much one frame command trains. */
export interface FrameRequest {
  /** Epochs to train (fewer if the time budget runs out first). */
  epochs: number;
  /** Milliseconds of training at most; the epoch that passes it is the last. Marks an animation frame. */
  budgetMs?: number;
  /** Measure after every epoch (one loss point each) rather than once at the end (implied by `patience`). */
  everyEpoch?: boolean;
  stop?: StopRules;
}

export type Command =
  /** Build a run of task `task` from `settings` (and `load`): a new generation. */
  | { type: 'create'; gen: number; task: string; settings: unknown; load?: unknown }
  /** Train, then measure (see FrameRequest). */
  | ({ type: 'frame'; gen: number } & FrameRequest)
  /** A command of the task (`Run.commands[name]`), e.g. a new learning rate. */
  | { type: 'call'; gen: number; name: string; payload?: unknown }
  /** Go back to the state after frame `seq` (what the page shows), dropping frames trained ahead of it. */
  | { type: 'rewind'; gen: number; seq: number }
  /** Train again after a stop (frames after a stop answer without training until this or a create). */
  | { type: 'resume'; gen: number };

/** Where training blew up. */
export interface Divergence {
  epoch: number;
  /** The training loss measured there (∞ or NaN when it overflowed). */
  loss: number;
}

/** The service's answer to every command. */
export interface Report<R = unknown> {
  gen: number;
  /** The state's sequence number: it changes with every command that changes the state. */
  seq: number;
  /** True after a create: the figure clears its loss history. */
  fresh: boolean;
  epoch: number;
  /** New loss measurements since the last report, as (epoch, training loss, test loss or NaN) triples. */
  points: number[];
  /** The task's report (what the figure draws); null when no run exists yet. */
  data: R | null;
  /** The lowest test loss so far (training loss for a task without a test set), and its epoch. */
  best: { epoch: number; loss: number };
  diverged: Divergence | null;
  /** Set when this command ended training by itself. */
  stopped: StopReason | null;
  /** Epochs trained by this command, and the milliseconds it took. */
  trained: number;
  ms: number;
  /** An animation frame (a command with a time budget) that did not stop: more are on their way. */
  streaming: boolean;
  /** Set when the command failed (a message for the reader); the rest describes the state before it. */
  error?: string;
}
