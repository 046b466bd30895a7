// A module's state dict as plain JSON (name → { shape, data }) and the check that a loaded one fits the
// model before anything is written.
import { shapeStr, type Tensor } from '../tensor.ts';

/** One tensor of a state dict: its shape and its values, row-major. */
export interface TensorState {
  shape: number[];
  data: number[];
}

/** Parameters and buffers by dotted name, as Module.stateDict() returns them and loadStateDict() takes them. */
export type StateDict = Record<string, TensorState>;

/** A copy of a tensor as plain JSON. */
export const tensorState = (t: Tensor): TensorState => ({ shape: t.shape.slice(), data: Array.from(t.data) });

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

/**
 * Checks `state` against the model's named tensors and returns each one's values; throws an Error naming
 * every problem it finds (missing and unexpected names, wrong shapes, values that are not finite numbers).
 */
export function checkStateDict(entries: [string, Tensor][], state: unknown, strict: boolean): Record<string, ArrayLike<number>> {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new Error(`loadStateDict: expected an object of named tensors, got ${describe(state)}`);
  }
  const given = state as Record<string, unknown>;
  const problems: string[] = [];
  const missing = entries.filter(([n]) => !Object.hasOwn(given, n)).map(([n]) => n);
  if (missing.length) problems.push(`missing ${missing.map((n) => `"${n}"`).join(', ')}`);
  const known = new Set(entries.map(([n]) => n));
  const unexpected = Object.keys(given).filter((n) => !known.has(n));
  if (strict && unexpected.length) problems.push(`unexpected ${unexpected.map((n) => `"${n}"`).join(', ')}`);
  const out: Record<string, ArrayLike<number>> = {};
  for (const [name, t] of entries) {
    if (!Object.hasOwn(given, name)) continue;
    const v = given[name] as { shape?: unknown; data?: unknown } | null;
    if (typeof v !== 'object' || v === null || !Array.isArray(v.shape) || !(Array.isArray(v.data) || ArrayBuffer.isView(v.data))) {
      problems.push(`"${name}" is not { shape, data }`);
      continue;
    }
    if (v.shape.length !== t.shape.length || v.shape.some((d, i) => d !== t.shape[i])) {
      problems.push(`"${name}" has shape ${shapeStr(v.shape as number[])}, the model's is ${shapeStr(t.shape)}`);
      continue;
    }
    const data = v.data as ArrayLike<unknown>;
    if (data.length !== t.size) {
      problems.push(`"${name}" has ${data.length} values for shape ${shapeStr(t.shape)} (${t.size})`);
      continue;
    }
    let bad = -1;
    for (let i = 0; i < data.length && bad < 0; i++) if (typeof data[i] !== 'number' || !Number.isFinite(data[i])) bad = i;
    if (bad >= 0) {
      problems.push(`"${name}" value ${bad} is ${JSON.stringify(data[bad]) ?? String(data[bad])}, not a finite number`);
      continue;
    }
    const nums = data as ArrayLike<number>;
    if (/(^|\.)running_var$/.test(name) && Array.prototype.some.call(nums, (x: number) => x < 0)) {
      problems.push(`"${name}" holds a negative variance`);
      continue;
    }
    if (/(^|\.)num_batches_tracked$/.test(name) && Array.prototype.some.call(nums, (x: number) => !Number.isInteger(x) || x < 0)) {
      problems.push(`"${name}" is not a whole count`);
      continue;
    }
    out[name] = nums;
  }
  if (problems.length) throw new Error(`loadStateDict: the state does not fit this model: ${problems.join('; ')}`);
  return out;
}
