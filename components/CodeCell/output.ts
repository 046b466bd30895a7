// What a code cell can show, as plain data the worker posts to the page, and how values print.
import { Tensor, Value, formatTensor } from '../../engine/index.ts';

export type OutputItem =
  | { kind: 'text'; text: string }
  | { kind: 'error'; message: string; line?: number }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'line'; series: Record<string, number[]>; title?: string; logY?: boolean }
  | { kind: 'scatter'; x: number[]; y: number[]; labels?: number[]; title?: string }
  | { kind: 'heatmap'; rows: number[][]; title?: string }
  | { kind: 'notice'; text: string }
  /** A code exercise's hidden checks report here (via `__report(score, feedback)`); not shown as output. */
  | { kind: 'report'; score: number; feedback: string };

/** A readable one-value description: tensors with their shape, numbers rounded sensibly, objects as JSON. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Tensor) return formatTensor(v);
  if (v instanceof Value) return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(+v.toPrecision(6));
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (ArrayBuffer.isView(v)) return `[${Array.from(v as unknown as ArrayLike<number>, (x) => describe(x)).join(', ')}]`;
  if (Array.isArray(v)) return `[${v.map(describe).join(', ')}]`;
  if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
  if (v && typeof v === 'object') {
    try {
      return JSON.stringify(v, (_, x) => (typeof x === 'number' && !Number.isInteger(x) ? +x.toPrecision(6) : x));
    } catch {
      return String(v);
    }
  }
  return String(v);
}
