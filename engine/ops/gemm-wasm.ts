// The WebAssembly SIMD path of the matrix product: packs A and B (any layout) into the kernel's memory,
// padded to its 4×8 blocks, runs gemm.wat's `mm`, and adds C back. Loaded on first use; where WebAssembly
// is missing or refused (a page whose Content-Security-Policy lacks 'wasm-unsafe-eval'), `wasmKernel()`
// is null and gemm.ts stays on JavaScript.
import { GEMM_WASM } from './gemm-kernel.ts';

// NOTE: the engine's TypeScript lib has no DOM and so no WebAssembly types: the little used is declared here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { memory: WasmMemory; mm: (a: number, b: number, c: number, n: number, k: number, m: number) => void } };
}

interface Kernel {
  memory: WasmMemory;
  mm: (a: number, b: number, c: number, n: number, k: number, m: number) => void;
  heap: Float32Array;
}

let kernel: Kernel | null | undefined;

/**
 * The compiled kernel, or null where WebAssembly (with SIMD) cannot run here. Compiled once, synchronously:
 * at 650 bytes it is far below the size browsers refuse to compile synchronously on the main thread.
 */
export function wasmKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  try {
    const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) return (kernel = null);
    const { exports } = new wasm.Instance(new wasm.Module(GEMM_WASM), {});
    kernel = { memory: exports.memory, mm: exports.mm, heap: new Float32Array(exports.memory.buffer) };
  } catch {
    kernel = null;
  }
  return kernel;
}

/** The kernel's float32 view with room for `floats` values, growing its memory when needed. */
function heapFor(K: Kernel, floats: number): Float32Array {
  const need = floats * 4 - K.memory.buffer.byteLength;
  if (need > 0) {
    K.memory.grow(Math.ceil(need / 65536));
    K.heap = new Float32Array(K.memory.buffer);
  }
  return K.heap;
}

/**
 * C(i, j) = C[co + i·cs + j] += Σ_p A[ao + i·ais + p·aps]·B[bo + p·bps + j·bjs], on the SIMD kernel.
 * Rows are padded to a multiple of 4 and columns to a multiple of 8; the padding is never read back, so
 * it need not be cleared.
 */
export function gemmWasm(K: Kernel, A: Float32Array, ao: number, ais: number, aps: number, B: Float32Array, bo: number, bps: number, bjs: number, C: Float32Array, co: number, cs: number, n: number, k: number, m: number): void {
  const n4 = (n + 3) & ~3, m8 = (m + 7) & ~7;
  const pa = 0, pb = n4 * k, pc = pb + k * m8;
  const H = heapFor(K, pc + n4 * m8);
  // The copies into the kernel's memory cost more than the product at these sizes: one set() when the
  // operand is already packed, else plain loops that write the heap in order (a subarray per row made
  // garbage, and the transposed copy wrote a column at a time).
  if (aps === 1 && ais === k) H.set(A.subarray(ao, ao + n * k), pa);
  else if (aps === 1) {
    for (let i = 0; i < n; i++) for (let p = 0, s = ao + i * ais, d = pa + i * k; p < k; p++) H[d + p] = A[s + p];
  } else {
    for (let i = 0; i < n; i++) for (let p = 0, s = ao + i * ais, d = pa + i * k; p < k; p++, s += aps) H[d + p] = A[s];
  }
  if (bjs === 1 && bps === m && m === m8) H.set(B.subarray(bo, bo + k * m), pb);
  else if (bjs === 1) {
    for (let p = 0; p < k; p++) for (let j = 0, s = bo + p * bps, d = pb + p * m8; j < m; j++) H[d + j] = B[s + j];
  } else {
    for (let p = 0; p < k; p++) for (let j = 0, s = bo + p * bps, d = pb + p * m8; j < m; j++, s += bjs) H[d + j] = B[s];
  }
  K.mm(pa * 4, pb * 4, pc * 4, n4, k, m8);
  for (let i = 0; i < n; i++) {
    const c = co + i * cs, h = pc + i * m8;
    for (let j = 0; j < m; j++) C[c + j] += H[h + j];
  }
}
