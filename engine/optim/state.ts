// Optimizer state as plain JSON (as torch.optim's state_dict): the types, and the checks `loadStateDict`
// runs on a state before it changes anything, each naming what is wrong.
import type { Tensor } from '../tensor.ts';

/** SGD's state: each parameter's momentum buffer, in parameter order (null before its first step, or without momentum). */
export interface SGDState {
  kind: 'SGD';
  momentumBuffers: (number[] | null)[];
}

/**
 * Adam's or AdamW's state: each parameter's step count (the steps that updated it; 0 before its first)
 * and its moments m and v (null before its first step).
 */
export interface AdamState {
  kind: 'Adam' | 'AdamW';
  steps: number[];
  m: (number[] | null)[];
  v: (number[] | null)[];
}

/** The state Adam and AdamW wrote before they counted steps per parameter: one step count t for all. */
export interface LegacyAdamState {
  kind: 'Adam' | 'AdamW';
  t: number;
  m: (number[] | null)[];
  v: (number[] | null)[];
}

export type OptimizerState = SGDState | AdamState | LegacyAdamState;

/** `state` as an object of kind `kind`, or an Error saying what it is instead. */
export function checkKind(state: unknown, kind: string): Record<string, unknown> {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new Error(`${kind}.loadStateDict: the state must be an object, got ${state === null ? 'null' : Array.isArray(state) ? 'an array' : typeof state}`);
  }
  const got = (state as { kind?: unknown }).kind;
  if (got !== kind) throw new Error(`${kind}.loadStateDict: the state is for ${typeof got === 'string' ? got : 'no known optimizer'}, not ${kind}`);
  return state as Record<string, unknown>;
}

/**
 * Checks `buffers` (field `name` of a `kind` state): one entry per parameter, each null or an array of
 * its parameter's size of finite numbers (non-negative ones if `nonNegative`). Returns Float32Array copies.
 */
export function checkBuffers(kind: string, name: string, buffers: unknown, params: Tensor[], nonNegative = false): (Float32Array | null)[] {
  const at = `${kind}.loadStateDict: ${name}`;
  if (!Array.isArray(buffers)) throw new Error(`${at} must be an array with one entry per parameter`);
  if (buffers.length !== params.length) throw new Error(`${at} has ${buffers.length} entries for ${params.length} parameters`);
  return buffers.map((b: unknown, i) => {
    if (b === null) return null;
    const size = params[i].size;
    if (!Array.isArray(b)) throw new Error(`${at}[${i}] must be null or an array of ${size} numbers`);
    if (b.length !== size) throw new Error(`${at}[${i}] has ${b.length} numbers for a parameter of size ${size}`);
    const out = new Float32Array(size);
    for (let k = 0; k < size; k++) {
      const x: unknown = b[k];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`${at}[${i}][${k}] is ${String(x)}, not a finite number`);
      if (nonNegative && x < 0) throw new Error(`${at}[${i}][${k}] is ${x}, but it must not be negative`);
      out[k] = x;
      if (!Number.isFinite(out[k])) throw new Error(`${at}[${i}][${k}] is ${x}, too large for a 32-bit number`);
    }
    return out;
  });
}

/**
 * The step count of each parameter in an Adam state `s` whose moments `m` are already checked: `s.steps`,
 * one whole number per parameter, at least 1 where it has moments and 0 where it has none; or, in a
 * legacy state, the one count `s.t` for every parameter with moments. Throws an Error naming what is wrong.
 */
export function checkSteps(kind: string, s: Record<string, unknown>, m: (Float32Array | null)[]): number[] {
  const at = `${kind}.loadStateDict:`;
  const whole = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (!('steps' in s) && 't' in s) {
    if (!whole(s.t)) throw new Error(`${at} t must be a whole number, 0 or more, got ${String(s.t)}`);
    const t = s.t;
    return m.map((b) => (b ? t : 0));
  }
  const steps = s.steps;
  if (!Array.isArray(steps)) throw new Error(`${at} steps must be an array with one step count per parameter`);
  if (steps.length !== m.length) throw new Error(`${at} steps has ${steps.length} entries for ${m.length} parameters`);
  steps.forEach((t: unknown, i) => {
    if (!whole(t)) throw new Error(`${at} steps[${i}] is ${String(t)}, not a whole number of steps`);
    if ((t === 0) !== (m[i] === null)) {
      throw new Error(`${at} steps[${i}] is ${t}, but parameter ${i} ${m[i] ? 'has moments, so it has taken at least one step' : 'has no moments, so it has taken none'}`);
    }
  });
  return steps as number[];
}
