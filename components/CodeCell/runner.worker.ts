// A code-cell kernel: a Web Worker created by the sandbox document (public/sandbox.html), so it has an
// opaque origin (no storage, cookies or DOM of the book) and the sandbox's CSP (no network at all; eval
// allowed there only). It runs readers' code with the whole engine as globals.
//
// Its first message (from the sandbox) carries a private MessagePort to the page; everything after goes over
// that port, which only this file's closures can reach. Before any reader code runs, the worker's own
// messaging (postMessage, onmessage, close), importScripts and nested workers are taken away, so cell code
// cannot forge the kernel's messages, replace its handlers or start anything the kernel does not control.
// Output is batched (one message per ~30 ms or 500 items) and stops being sent past the download's limit.
// Timers a cell starts are tracked: the run ends when its code has returned and its timers are done, or when
// the page cancels them (Stop, or the time limit).
// Graded jobs (a run with `checks`) run in a fresh worker whose built-ins and engine are frozen first; the
// checks run in strict mode with the real engine and a private report function, so the reader's code can
// neither change what the checks compute with nor report for them.
import * as engine from '../../engine/index.ts';
import { prepare, SCOPE } from './transform.ts';
import { LIMITS, type OutputItem } from './output.ts';
import { describe, heatmapItem, lineItem, scatterItem, tableItem } from './values.ts';
import type { ToWorker, WorkerMessage } from './protocol.ts';

type Global = Record<string, unknown>;
const g = globalThis as unknown as Global;

// Primordials, captured before any reader code can change them.
const nativeSetTimeout = setTimeout;
const nativeClearTimeout = clearTimeout;
const nativeSetInterval = setInterval;
const nativeClearInterval = clearInterval;
const portPost = MessagePort.prototype.postMessage;
const apply = Reflect.apply;
const now = () => performance.now();
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as FunctionConstructor;
const FunctionCtor = Function;
const defineProperty = Object.defineProperty;

let port: MessagePort | null = null;
const send = (m: WorkerMessage) => {
  if (port) apply(portPost, port, [m]);
};

// ---- Output, batched ----
let run = -1;
let batch: OutputItem[] = [];
let batchChars = 0;
let dropped = 0;
let sentChars = 0;
let lastFlush = 0;
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function flush(): void {
  if (flushTimer !== null) nativeClearTimeout(flushTimer);
  flushTimer = null;
  if (batch.length === 0 && dropped === 0) return;
  send({ type: 'output', run, items: batch, dropped });
  batch = [];
  batchChars = 0;
  dropped = 0;
  lastFlush = now();
}

function emit(item: OutputItem): void {
  if (run < 0) return;
  const size = item.kind === 'text' ? item.text.length : 200;
  if (sentChars + size > LIMITS.keepChars && item.kind === 'text') {
    dropped += item.text.split('\n').length;
  } else {
    sentChars += size;
    batch.push(item);
    batchChars += size;
  }
  if (batch.length >= 500 || batchChars > 256_000 || now() - lastFlush > 30) flush();
  else if (flushTimer === null) flushTimer = nativeSetTimeout(flush, 30);
}

const errorItem = (e: unknown, line?: number): OutputItem => ({
  kind: 'error',
  message: e instanceof Error ? `${e.name}: ${e.message}` : `Error: ${describe(e)}`,
  ...(line ? { line } : {}),
});

// ---- The notebook's globals ----
const print = (...args: unknown[]) => emit({ kind: 'text', text: args.map(describe).join(' ') });
const helpers: Global = {
  print,
  console: Object.freeze({ log: print, info: print, warn: print, error: print, debug: print }),
  table: (rows: unknown) => emit(tableItem(rows)),
  plot: Object.freeze({
    /** plot.line([ys...] or { label: ys }, { title, logY }) */
    line: (series: unknown, opts: { title?: unknown; logY?: unknown } = {}) => emit(lineItem(series, opts ?? {})),
    /** plot.scatter(xs, ys, labels?, { title }) */
    scatter: (xs: unknown, ys: unknown, labels?: unknown, opts: { title?: unknown } = {}) => emit(scatterItem(xs, ys, labels, opts ?? {})),
    /** plot.heatmap(matrix as number[][] or a 2-D tensor, { title }) */
    heatmap: (m: unknown, opts: { title?: unknown } = {}) => emit(heatmapItem(m, opts ?? {})),
  }),
  /** The whole engine under one name, for when a cell has reused one of its names. */
  engine,
};
Object.assign(g, engine, helpers);
defineProperty(g, SCOPE, { value: g, writable: false, configurable: false });

const engineNames = Object.keys(engine);
const engineValues = engineNames.map((k) => (engine as Global)[k]);
/** Names a cell may redeclare, with what the warning says they were. */
const reserved = new Map<string, string>([
  ...engineNames.map((k): [string, string] => [k, `the engine's \`${k}\`, still there as \`engine.${k}\``]),
  ['print', 'the notebook\'s `print` (use `console.log`)'],
  ['console', 'the notebook\'s `console`'],
  ['table', 'the notebook\'s `table`'],
  ['plot', 'the notebook\'s `plot`'],
  ['engine', 'the notebook\'s `engine`'],
]);
const warned = new Set<string>();

// ---- Timers, tracked per run ----
const timers = new Map<number, 'timeout' | 'interval'>();
let whenIdle: (() => void) | null = null;

function settleIfIdle(): void {
  if (timers.size === 0 && whenIdle) {
    const f = whenIdle;
    whenIdle = null;
    f();
  }
}

function guarded(fn: unknown, args: unknown[], id: () => number, once: boolean): () => void {
  return () => {
    const owner = run;
    try {
      if (typeof fn === 'function') apply(fn, undefined, args);
    } catch (e) {
      if (owner === run) emit(errorItem(e));
    }
    if (once) {
      timers.delete(id());
      settleIfIdle();
    }
  };
}

function installTimers(): void {
  g.setTimeout = (fn: unknown, ms?: number, ...args: unknown[]) => {
    let id = 0;
    id = nativeSetTimeout(guarded(fn, args, () => id, true), ms) as unknown as number;
    timers.set(id, 'timeout');
    return id;
  };
  g.setInterval = (fn: unknown, ms?: number, ...args: unknown[]) => {
    let id = 0;
    id = nativeSetInterval(guarded(fn, args, () => id, false), ms) as unknown as number;
    timers.set(id, 'interval');
    return id;
  };
  const clear = (id: unknown) => {
    const kind = timers.get(id as number);
    if (kind === 'timeout') nativeClearTimeout(id as number);
    else if (kind === 'interval') nativeClearInterval(id as number);
    timers.delete(id as number);
    settleIfIdle();
  };
  g.clearTimeout = clear;
  g.clearInterval = clear;
  // Frames do not exist here; a cell that asks for one gets a timer.
  g.requestAnimationFrame = (fn: unknown) => (g.setTimeout as (f: unknown, ms: number) => number)(() => typeof fn === 'function' && fn(now()), 16);
  g.cancelAnimationFrame = clear;
}

function cancelTimers(): number {
  const n = timers.size;
  for (const [id, kind] of timers) (kind === 'timeout' ? nativeClearTimeout : nativeClearInterval)(id);
  timers.clear();
  return n;
}

// ---- Locking the worker down ----
function remove(name: string): void {
  for (let o: object | null = g; o; o = Object.getPrototypeOf(o)) {
    if (Object.prototype.hasOwnProperty.call(o, name)) Reflect.deleteProperty(o, name);
  }
}

function lockMessaging(): void {
  g.onmessage = null;
  g.onmessageerror = null;
  for (const name of ['postMessage', 'close', 'importScripts', 'Worker', 'SharedWorker', 'BroadcastChannel', 'onmessage', 'onmessageerror']) remove(name);
}

/** Freezes the built-ins and the engine's classes and namespaces, for a graded job. */
function freezeIntrinsics(): void {
  const seen = new Set<unknown>();
  const freeze = (v: unknown, deep: boolean) => {
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) return;
    seen.add(v);
    try {
      Object.freeze(v);
    } catch {
      // A module namespace cannot be frozen; its exports are frozen one by one below.
    }
    if (typeof v === 'function' && v.prototype) freeze(v.prototype, false);
    const proto = Object.getPrototypeOf(v);
    if (proto && proto !== Object.prototype && proto !== Function.prototype) freeze(proto, false);
    if (!deep) return;
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (!d || !('value' in d)) continue;
      const x = d.value;
      // Classes, functions and plain namespace objects; never instances that carry state (a generator's).
      if (typeof x === 'function' || (x && typeof x === 'object' && (Object.getPrototypeOf(x) === Object.prototype || Object.getPrototypeOf(x) === null))) freeze(x, true);
    }
  };
  const TypedArray = Object.getPrototypeOf(Int8Array);
  for (const v of [Object, Function, Array, Number, String, Boolean, Symbol, BigInt, Math, JSON, Reflect, Promise, Map, Set, WeakMap, WeakSet, Date, RegExp, Error, TypeError, RangeError, SyntaxError, ReferenceError, ArrayBuffer, DataView, TypedArray, Float32Array, Float64Array, Int8Array, Int16Array, Int32Array, Uint8Array, Uint16Array, Uint32Array, Uint8ClampedArray, AsyncFunction, Object.getPrototypeOf(function* () {}), Atomics, Intl]) {
    freeze(v, true);
  }
  for (const v of engineValues) freeze(v, true);
  for (const v of Object.values(helpers)) freeze(v, true);
  // The checks get the engine and the helpers as parameters; the built-ins they reach by name are pinned.
  for (const name of ['Object', 'Function', 'Array', 'Math', 'JSON', 'Number', 'String', 'Boolean', 'Reflect', 'Promise', 'Map', 'Set', 'Error', 'Float32Array', 'Float64Array', 'Int32Array', 'Uint8Array', 'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'undefined', 'NaN', 'Infinity']) {
    const d = Object.getOwnPropertyDescriptor(g, name);
    if (d?.configurable) defineProperty(g, name, { value: d.value ?? g[name], writable: false, configurable: false, enumerable: d.enumerable });
  }
}

/** The line in the reader's code where an error happened, from the stack of code run by `new Function`. */
function lineOf(err: unknown): number | undefined {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  const m = /<anonymous>:(\d+):\d+/.exec(stack);
  const line = m ? Number(m[1]) - 2 : 0; // the AsyncFunction wrapper adds two lines
  return line > 0 ? line : undefined;
}

/** Runs one cell's code (a graded job freezes the built-ins once the code is parsed); false if it stopped with an error. */
async function runCode(code: string, graded: boolean): Promise<string[] | null> {
  let prepared;
  try {
    prepared = prepare(code);
  } catch (e) {
    const m = /\((\d+):(\d+)\)/.exec(String((e as Error).message));
    emit({ kind: 'error', message: `SyntaxError: ${(e as Error).message}`, ...(m ? { line: Number(m[1]) } : {}) });
    return null;
  }
  for (const name of prepared.names) {
    const was = reserved.get(name);
    if (was && !warned.has(name)) {
      warned.add(name);
      emit({ kind: 'warning', text: `Note: this cell declares \`${name}\`, which was ${was}. From here on \`${name}\` in this page's cells is yours; Restart brings the original back.` });
    }
    if (!(name in g)) g[name] = undefined;
  }
  if (graded) freezeIntrinsics();
  try {
    const fn = new AsyncFunction(prepared.body);
    const value = await fn();
    if (value !== undefined) print(value);
    return prepared.names;
  } catch (e) {
    emit(errorItem(e, lineOf(e)));
    return null;
  }
}

const fnToString = Function.prototype.toString;
const isArray = Array.isArray;
const getProto = Object.getPrototypeOf;
const ownKeys = Reflect.ownKeys;
const isView = ArrayBuffer.isView;

/**
 * What the checks get back from the reader's code: plain data, copied, so a value cannot lie to them later
 * (an Array subclass whose `every` always says true, a getter that answers differently the second time).
 * Arrays and plain objects are copied element by element, typed arrays copied, engine tensors and values
 * passed as they are (their classes are frozen), anything else made a plain object of its own data.
 */
function launder(v: unknown, depth = 0, seen = new Map<object, unknown>()): unknown {
  if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return v;
  if (typeof v === 'function') return depth === 0 ? v : undefined;
  if (seen.has(v)) return seen.get(v);
  if (depth > 20) return undefined;
  const proto = getProto(v);
  if ((proto === engine.Tensor.prototype || proto === engine.Value.prototype) && !ownKeys(v).some((k) => typeof (v as Global)[k as string] === 'function')) return v;
  if (isView(v) && !(v instanceof DataView)) {
    const C = (getProto(proto) === getProto(Int8Array.prototype) ? proto.constructor : Float64Array) as Float64ArrayConstructor;
    return new C(v as unknown as ArrayLike<number>);
  }
  if (isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    const n = Math.min(Number((v as unknown[]).length) || 0, 10_000_000);
    for (let i = 0; i < n; i++) out.push(launder((v as unknown[])[i], depth + 1, seen));
    return out;
  }
  const out: Global = {};
  seen.set(v, out);
  for (const k of ownKeys(v)) if (typeof k === 'string') out[k] = launder((v as Global)[k], depth + 1, seen);
  return out;
}

/** The reader's function as the checks call it: same arguments, laundered result. */
function forChecks(v: unknown): unknown {
  if (typeof v !== 'function') return launder(v);
  if (/^class\b/.test(apply(fnToString, v, []) as string)) return v;
  const f = v as (...a: unknown[]) => unknown;
  return function (this: unknown, ...args: unknown[]) {
    const r = apply(f, undefined, args);
    return r instanceof Promise ? r.then((x) => launder(x)) : launder(r);
  };
}

/**
 * Runs a graded job's checks: strict mode (so the reader's functions cannot reach them through `caller`),
 * the real engine and helpers as parameters (whatever the reader's code did to the globals), the reader's
 * top-level names as laundered copies, and a report function only the checks hold.
 */
function runChecks(checks: string, readerNames: string[]): void {
  let reported = false;
  const report = (score: unknown, feedback: unknown) => {
    if (reported) return;
    reported = true;
    const s = typeof score === 'number' && Number.isFinite(score) ? Math.max(0, Math.min(1, score)) : 0;
    flush();
    send({ type: 'report', run, score: s, feedback: String(feedback ?? '').slice(0, 20_000) });
  };
  try {
    const own = readerNames.filter((n) => !reserved.has(n) && n !== '__report' && /^[A-Za-z_$][\w$]*$/.test(n));
    const names = ['__report', ...engineNames, 'print', 'table', 'console', 'plot', ...own];
    const values = [report, ...engineValues, () => {}, () => {}, Object.freeze({ log() {}, info() {}, warn() {}, error() {}, debug() {} }), helpers.plot, ...own.map((n) => forChecks(g[n]))];
    const fn = FunctionCtor(...names, `'use strict';\n${checks}`);
    apply(fn, undefined, values);
  } catch (e) {
    emit({ kind: 'error', message: `The checks stopped with an error: ${e instanceof Error ? `${e.name}: ${e.message}` : describe(e)}` });
  }
}

async function onRun(msg: ToWorker): Promise<void> {
  if (msg.type === 'cancel') {
    if (msg.run !== run) return;
    const n = cancelTimers();
    whenIdle = null;
    flush();
    send({ type: 'done', run, cancelled: n });
    run = -1;
    return;
  }
  run = msg.run;
  sentChars = 0;
  lastFlush = now();
  const graded = msg.checks !== undefined;
  const names = await runCode(msg.code, graded);
  if (graded && names) runChecks(msg.checks!, names);
  flush();
  const mine = msg.run;
  if (!graded && timers.size > 0) {
    send({ type: 'returned', run: mine, pending: timers.size });
    await new Promise<void>((resolve) => (whenIdle = resolve));
    if (run !== mine) return; // cancelled meanwhile: 'done' was sent then
  }
  cancelTimers();
  flush();
  send({ type: 'done', run: mine, cancelled: 0 });
  run = -1;
}

// Errors and rejections that escape a cell (a promise nobody awaited) are shown in the running cell.
addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  emit(errorItem((e as PromiseRejectionEvent).reason));
});

g.onmessage = (event: MessageEvent) => {
  if (port || event.data?.type !== 'port' || !event.ports[0]) return;
  port = event.ports[0];
  // Runs are handled one at a time, in order; the page never sends the next before 'done'.
  port.onmessage = (e: MessageEvent) => void onRun(e.data as ToWorker);
  lockMessaging();
  installTimers();
  send({ type: 'ready' });
};
