// How the kernel turns a cell's values into output items, in the worker, before anything is sent: values
// print readably and boundedly (long arrays elided, cycles named, deep nesting cut), tables keep their first
// rows, plots thin their points evenly and heat maps average blocks, each saying what it left out.
import { Tensor, Value, formatTensor } from '../../engine/index.ts';
import { LIMITS, type OutputItem } from './output.ts';

const MAX_ELEMENTS = 100;
const MAX_DEPTH = 4;

/** A readable one-value description: tensors with their shape, numbers rounded sensibly, objects as JSON-like text. */
export function describe(v: unknown): string {
  const text = show(v, 0, new Set());
  return text.length > LIMITS.itemChars ? `${text.slice(0, LIMITS.itemChars)}… (${(text.length - LIMITS.itemChars).toLocaleString('en-US')} more characters cut)` : text;
}

function show(v: unknown, depth: number, seen: Set<object>): string {
  if (typeof v === 'string') return depth === 0 ? v : JSON.stringify(v.length > 200 ? `${v.slice(0, 200)}…` : v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(+v.toPrecision(6));
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
  if (v === null || typeof v !== 'object') return String(v);
  if (v instanceof Tensor) return formatTensor(v);
  if (v instanceof Value) return v.toString();
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (seen.has(v)) return '[circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(v) ? `[array of ${v.length}]` : '{…}';
  seen.add(v);
  try {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return list(v as unknown as ArrayLike<unknown>, depth, seen);
    if (Array.isArray(v)) return list(v, depth, seen);
    if (v instanceof Map) return `Map(${v.size}) {${[...v].slice(0, MAX_ELEMENTS).map(([k, x]) => `${show(k, depth + 1, seen)} => ${show(x, depth + 1, seen)}`).join(', ')}${v.size > MAX_ELEMENTS ? ', …' : ''}}`;
    if (v instanceof Set) return `Set(${v.size}) {${[...v].slice(0, MAX_ELEMENTS).map((x) => show(x, depth + 1, seen)).join(', ')}${v.size > MAX_ELEMENTS ? ', …' : ''}}`;
    const keys = Object.keys(v);
    const parts = keys.slice(0, MAX_ELEMENTS).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${show((v as Record<string, unknown>)[k], depth + 1, seen)}`);
    if (keys.length > MAX_ELEMENTS) parts.push(`… ${keys.length - MAX_ELEMENTS} more`);
    return `{ ${parts.join(', ')} }`.replace('{  }', '{}');
  } catch (e) {
    return `[unprintable: ${e instanceof Error ? e.message : 'error'}]`;
  } finally {
    seen.delete(v);
  }
}

function list(xs: ArrayLike<unknown>, depth: number, seen: Set<object>): string {
  const n = xs.length;
  const parts: string[] = [];
  for (let i = 0; i < Math.min(n, MAX_ELEMENTS); i++) parts.push(show(xs[i], depth + 1, seen));
  if (n > MAX_ELEMENTS) parts.push(`… ${(n - MAX_ELEMENTS).toLocaleString('en-US')} more`);
  return `[${parts.join(', ')}]`;
}

const toNumbers = (xs: unknown): number[] => {
  if (xs instanceof Tensor) return Array.from(xs.data);
  if (xs && typeof xs === 'object' && typeof (xs as ArrayLike<number>).length === 'number') return Array.from(xs as ArrayLike<unknown>, Number);
  throw new TypeError('expected an array of numbers or a tensor');
};

/** Every k-th index so that at most `max` remain, always keeping the last. */
function thin(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = (n - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => Math.round(i * step));
}

/** table(rows): an array of objects (one column per key of the first), of arrays, a 2-D tensor, or one value. */
export function tableItem(rows: unknown): OutputItem {
  if (rows instanceof Tensor) rows = rows.shape.length === 2 ? rows.toArray() : [Array.from(rows.data)];
  if (!Array.isArray(rows)) return { kind: 'table', rows: [[describe(rows)]], totalRows: 1, totalColumns: 1 };
  const n = rows.length;
  const kept = rows.slice(0, LIMITS.tableRows);
  const first = rows[0];
  if (first && typeof first === 'object' && !Array.isArray(first) && !(first instanceof Tensor)) {
    const keys = Object.keys(first);
    const cols = keys.slice(0, LIMITS.tableColumns);
    return {
      kind: 'table',
      rows: [cols, ...kept.map((r) => cols.map((k) => describe((r as Record<string, unknown> | null)?.[k])))],
      header: true,
      totalRows: n,
      totalColumns: keys.length,
    };
  }
  let width = 0;
  const out = kept.map((r) => {
    const cells = Array.isArray(r) || ArrayBuffer.isView(r) ? Array.from(r as ArrayLike<unknown>) : [r];
    width = Math.max(width, cells.length);
    return cells.slice(0, LIMITS.tableColumns).map(describe);
  });
  return { kind: 'table', rows: out, totalRows: n, totalColumns: Math.max(width, 1) };
}

export function lineItem(series: unknown, opts: { title?: unknown; logY?: unknown } = {}): OutputItem {
  const entries: [string, unknown][] = Array.isArray(series) || series instanceof Tensor || ArrayBuffer.isView(series) ? [['y', series]] : Object.entries((series ?? {}) as object);
  const all = entries.slice(0, 12).map(([label, values]): [string, number[]] => [String(label), toNumbers(values)]);
  const points = all.reduce((n, [, ys]) => Math.max(n, ys.length), 0);
  // One set of steps for every series, so thinned curves stay aligned.
  const keep = thin(points, LIMITS.linePoints);
  const named = Object.fromEntries(all.map(([label, ys]) => [label, keep.map((i) => ys[i] ?? NaN)]));
  return {
    kind: 'line',
    series: named,
    points,
    ...(points > LIMITS.linePoints ? { x: keep } : {}),
    ...(opts.title !== undefined ? { title: String(opts.title) } : {}),
    ...(opts.logY ? { logY: true } : {}),
  };
}

export function scatterItem(xs: unknown, ys: unknown, labels?: unknown, opts: { title?: unknown } = {}): OutputItem {
  const x = toNumbers(xs);
  const y = toNumbers(ys);
  const l = labels === undefined || labels === null ? undefined : toNumbers(labels);
  const n = Math.min(x.length, y.length);
  const keep = thin(n, LIMITS.scatterPoints);
  return {
    kind: 'scatter',
    x: keep.map((i) => x[i]),
    y: keep.map((i) => y[i]),
    ...(l ? { labels: keep.map((i) => l[i] ?? 0) } : {}),
    points: n,
    ...(opts.title !== undefined ? { title: String(opts.title) } : {}),
  };
}

/** A matrix as a heat map; one larger than LIMITS.heatmapSide a side is averaged over square blocks. */
export function heatmapItem(m: unknown, opts: { title?: unknown } = {}): OutputItem {
  let rows: number[][];
  if (m instanceof Tensor) {
    if (m.shape.length !== 2) throw new TypeError(`plot.heatmap needs a 2-D tensor, got shape [${m.shape.join(', ')}]`);
    const [r, c] = m.shape;
    rows = Array.from({ length: r }, (_, i) => Array.from(m.data.subarray(i * c, (i + 1) * c)));
  } else if (Array.isArray(m)) rows = m.map((r) => toNumbers(r));
  else throw new TypeError('plot.heatmap needs a matrix: an array of rows or a 2-D tensor');
  const R = rows.length;
  const C = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const block = Math.max(1, Math.ceil(Math.max(R, C) / LIMITS.heatmapSide));
  const out: number[][] = [];
  for (let i = 0; i < R; i += block) {
    const row: number[] = [];
    for (let j = 0; j < C; j += block) {
      let sum = 0;
      let k = 0;
      for (let a = i; a < Math.min(R, i + block); a++) {
        for (let b = j; b < Math.min(C, j + block); b++) {
          const v = rows[a][b];
          if (Number.isFinite(v)) {
            sum += v;
            k++;
          }
        }
      }
      row.push(k ? sum / k : NaN);
    }
    out.push(row);
  }
  return { kind: 'heatmap', rows: out, shape: [R, C], block, ...(opts.title !== undefined ? { title: String(opts.title) } : {}) };
}
