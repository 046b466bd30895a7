// The code-cell kernel: runs readers' code in a Web Worker (created inside a sandboxed iframe, so it has
// neither the page's origin nor its storage, cookies or DOM), with the whole engine as globals.
// Messages in: { type: 'run', id, code } | { type: 'check', id, code }. Messages out: output items, then 'done'.
import * as engine from '../../engine/index.ts';
import { prepare, SCOPE } from './transform.ts';
import { describe, type OutputItem } from './output.ts';

const g = globalThis as unknown as Record<string, unknown> & { postMessage(m: unknown): void; onmessage: unknown };

let current = '';
const emit = (item: OutputItem) => g.postMessage({ type: 'output', id: current, item });

// The engine, and the notebook's own helpers, as globals; the global object is also the cells' shared scope.
Object.assign(g, engine);
g[SCOPE] = g;
const print = (...args: unknown[]) => emit({ kind: 'text', text: args.map(describe).join(' ') });
g.print = print;
g.console = { log: print, info: print, warn: print, error: print };
g.__report = (score: number, feedback: string) =>
  emit({ kind: 'report', score: Number.isFinite(score) ? Math.max(0, Math.min(1, score)) : 0, feedback: String(feedback) });
g.table = (rows: unknown) => emit({ kind: 'table', rows: toRows(rows) });
g.plot = {
  /** plot.line([ys...] or {label: ys}) */
  line: (series: number[] | Record<string, number[]>, opts: { title?: string; logY?: boolean } = {}) =>
    emit({ kind: 'line', series: Array.isArray(series) ? { y: Array.from(series) } : mapValues(series), ...opts }),
  /** plot.scatter(xs, ys, labels?) */
  scatter: (xs: ArrayLike<number>, ys: ArrayLike<number>, labels?: ArrayLike<number>, opts: { title?: string } = {}) =>
    emit({ kind: 'scatter', x: Array.from(xs), y: Array.from(ys), labels: labels ? Array.from(labels) : undefined, ...opts }),
  /** plot.heatmap(matrix as number[][] or a 2-D tensor) */
  heatmap: (m: number[][] | engine.Tensor, opts: { title?: string } = {}) =>
    emit({ kind: 'heatmap', rows: m instanceof engine.Tensor ? (m.toArray() as number[][]) : m, ...opts }),
};

function mapValues(o: Record<string, number[]>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.from(v)]));
}

function toRows(rows: unknown): string[][] {
  if (rows instanceof engine.Tensor) rows = rows.toArray();
  if (!Array.isArray(rows)) return [[describe(rows)]];
  if (rows.length && typeof rows[0] === 'object' && rows[0] !== null && !Array.isArray(rows[0])) {
    const keys = Object.keys(rows[0] as object);
    return [keys, ...rows.map((r) => keys.map((k) => describe((r as Record<string, unknown>)[k])))];
  }
  return rows.map((r) => (Array.isArray(r) ? r.map(describe) : [describe(r)]));
}

/** The line in the reader's code where an error happened, from the stack of code run by `new Function`. */
function lineOf(err: unknown): number | undefined {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  const m = /<anonymous>:(\d+):\d+/.exec(stack);
  return m ? Number(m[1]) - 3 : undefined; // the Function wrapper adds two lines and the IIFE one
}

async function run(code: string): Promise<void> {
  let prepared;
  try {
    prepared = prepare(code);
  } catch (e) {
    const m = /\((\d+):(\d+)\)/.exec(String((e as Error).message));
    emit({ kind: 'error', message: `SyntaxError: ${(e as Error).message}`, line: m ? Number(m[1]) : undefined });
    return;
  }
  for (const name of prepared.names) if (!(name in g)) g[name] = undefined;
  try {
    const fn = new Function(`return (async () => {\n${prepared.body}\n})();`);
    const value = await fn();
    if (value !== undefined) print(value);
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : `Error: ${describe(e)}`;
    emit({ kind: 'error', message, line: lineOf(e) });
  }
}

g.onmessage = async (event: { data: { type: string; id: string; code: string } }) => {
  const { type, id, code } = event.data;
  if (type !== 'run') return;
  current = id;
  await run(code);
  g.postMessage({ type: 'done', id });
};
