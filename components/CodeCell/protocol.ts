// The messages between the page and the code-cell sandbox, and their validation. Everything that comes
// from the sandbox (its document, or a kernel worker on its private port) is parsed here before the page
// uses it: a message that does not match, or that is too large, is dropped and counted, never trusted.
// Messages to the sandbox are typed only (the page builds them).
import { z } from 'zod';
import { LIMITS, type OutputItem } from './output.ts';

/** Any number, NaN and ±Infinity included (a diverging loss is worth plotting). */
const num = z.custom<number>((v) => typeof v === 'number');
const str = (max: number) => z.string().max(max);
const title = str(500).optional();

const item = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: str(LIMITS.itemChars + 200) }),
  z.object({ kind: z.literal('error'), message: str(20_000), line: z.number().int().positive().optional() }),
  z.object({
    kind: z.literal('table'),
    rows: z.array(z.array(str(LIMITS.itemChars + 200)).max(LIMITS.tableColumns)).max(LIMITS.tableRows + 1),
    header: z.boolean().optional(),
    totalRows: z.number().int().nonnegative(),
    totalColumns: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('line'),
    series: z.record(str(200), z.array(num).max(LIMITS.linePoints)).refine((s) => Object.keys(s).length <= 12, 'too many series'),
    title,
    logY: z.boolean().optional(),
    points: z.number().int().nonnegative(),
    x: z.array(num).max(LIMITS.linePoints).optional(),
  }),
  z.object({
    kind: z.literal('scatter'),
    x: z.array(num).max(LIMITS.scatterPoints),
    y: z.array(num).max(LIMITS.scatterPoints),
    labels: z.array(num).max(LIMITS.scatterPoints).optional(),
    title,
    points: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('heatmap'),
    rows: z.array(z.array(num).max(LIMITS.heatmapSide)).max(LIMITS.heatmapSide),
    title,
    shape: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
    block: z.number().int().positive(),
  }),
  z.object({ kind: z.literal('notice'), text: str(2_000) }),
  z.object({ kind: z.literal('warning'), text: str(2_000) }),
]);

const runId = z.number().int().nonnegative();

/** From a kernel worker, over its port. */
export const workerMessage = z.discriminatedUnion('type', [
  /** The worker has loaded the engine and waits for runs. */
  z.object({ type: z.literal('ready') }),
  /** A batch of output; `dropped` lines were printed but not sent (past the download's limit). */
  z.object({ type: z.literal('output'), run: runId, items: z.array(item).max(2_000), dropped: z.number().int().nonnegative() }),
  /** The cell's code has returned, but it left timers that will still run. */
  z.object({ type: z.literal('returned'), run: runId, pending: z.number().int().positive() }),
  /** What a graded job's checks reported (only the checks can send this: see runner.worker.ts). */
  z.object({ type: z.literal('report'), run: runId, score: num, feedback: str(20_000) }),
  /** The run is over; `cancelled` timers were cleared by Stop or by the time limit. */
  z.object({ type: z.literal('done'), run: runId, cancelled: z.number().int().nonnegative() }),
]);
export type WorkerMessage = z.infer<typeof workerMessage>;

/** From the sandbox document, over the control port. */
export const sandboxMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('crash'), worker: z.number().int().nonnegative(), message: str(2_000) }),
]);
export type SandboxMessage = z.infer<typeof sandboxMessage>;

/** To a kernel worker. `checks` makes the run a graded job: they run after the code, in strict mode. */
export type ToWorker = { type: 'run'; run: number; code: string; checks?: string } | { type: 'cancel'; run: number };

/** To the sandbox document. */
export type ToSandbox = { type: 'spawn'; worker: number } | { type: 'terminate'; worker: number };

// Compile-time check that the schema and the OutputItem type agree both ways.
type Parsed = z.infer<typeof item>;
const _sameShape: [Parsed extends OutputItem ? true : false, OutputItem extends Parsed ? true : false] = [true, true];
void _sameShape;

/** Parses one message; null if it is not one the page knows. */
export function parseWorkerMessage(data: unknown): WorkerMessage | null {
  const r = workerMessage.safeParse(data);
  return r.success ? r.data : null;
}

export function parseSandboxMessage(data: unknown): SandboxMessage | null {
  const r = sandboxMessage.safeParse(data);
  return r.success ? r.data : null;
}
