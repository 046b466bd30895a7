// Where tensor values live: Float32Array buffers, small ones carved out of shared slabs, and the switch to
// float64 that gradient checks use.

let Storage: Float32ArrayConstructor = Float32Array;

/**
 * Storage precision for new tensors. The book always runs in 'float32'; 'float64' exists so gradient checks
 * by finite differences are not drowned by float32 rounding. Switch it only around a whole computation.
 */
export function setPrecision(p: 'float32' | 'float64'): void {
  // NOTE: a Float64Array stands in for Float32Array here; every op only indexes, so both behave the same.
  Storage = (p === 'float64' ? Float64Array : Float32Array) as Float32ArrayConstructor;
}

// Small buffers are carved out of shared 64 KB slabs: V8 allocates a typed array of more than 64 bytes
// outside the heap, which costs 1-3 µs, more than a whole small op. A slab lives until its last view dies.
// NOTE: so `t.data.buffer` may be shared by many tensors: never transfer it (postMessage) or read it whole;
// copy `t.data` (or `t.data.slice()`) instead.
const SLAB = 1 << 14;
const SMALL = 1 << 10;
let slab = new Float32Array(SLAB);
let slabUsed = 0;

/** True when tensors are stored in float32 (always, except during gradient checks). */
export const isFloat32 = (): boolean => Storage === Float32Array;

/** A zero-filled buffer of n values in the current precision. Ops allocate through this. */
export function alloc(n: number): Float32Array {
  if (Storage !== Float32Array || n > SMALL) return new Storage(n);
  if (slabUsed + n > SLAB) {
    slab = new Float32Array(SLAB);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + n);
  slabUsed += n;
  return out;
}

// Large gradient buffers are recycled. backward() drops the gradients of inner tensors once it is done
// (nobody can hold them: they never leave backward), and hands their buffers back here; the next backward
// takes them again, zero-filled, instead of asking the system for fresh memory (and later collecting it).
const POOL_LIMIT = 1 << 23; // values kept at most (32 MB)
const pool = new Map<number, Float32Array[]>();
let pooled = 0;

/** A zero-filled buffer for a gradient: a recycled one when available. */
export function allocGrad(n: number): Float32Array {
  const free = n > SMALL ? pool.get(n) : undefined;
  if (free && free.length > 0) {
    const buf = free.pop()!;
    pooled -= n;
    if (buf instanceof Storage) return buf.fill(0);
  }
  return alloc(n);
}

/** Takes back a gradient buffer that nothing refers to any more (small slab views are left to the GC). */
export function recycle(buf: Float32Array): void {
  const n = buf.length;
  if (n <= SMALL || pooled + n > POOL_LIMIT) return;
  let free = pool.get(n);
  if (!free) pool.set(n, (free = []));
  free.push(buf);
  pooled += n;
}

/** A buffer holding `values`, in the current precision. */
export function allocFrom(values: ArrayLike<number>): Float32Array {
  const out = alloc(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

/** A fresh copy of a buffer, in the current precision. */
export function copyOf(values: Float32Array): Float32Array {
  const out = alloc(values.length);
  out.set(values);
  return out;
}

/** True if `values` is already a buffer of the current precision (so `tensor()` can use it as is). */
export const isStorage = (values: unknown): values is Float32Array => values instanceof Storage;
