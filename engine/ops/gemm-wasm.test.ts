// The WebAssembly SIMD kernel agrees with the JavaScript kernel (and with a float64 triple loop) for every
// layout, offset, output stride and size, padded edges included; the path can be forced either way.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { gemmInfo, gemmStrided, setGemmPath, type GemmPath } from './gemm.ts';
import { rng } from '../random.ts';

const r = rng(12);
const filled = (n: number) => Float32Array.from({ length: n }, () => r.uniform(-1, 1));

afterEach(() => setGemmPath('auto'));

/** One product on the chosen path: C (row stride cs, offset co) += A·B for a layout of A and B. */
function product(path: GemmPath, n: number, k: number, m: number, tA: boolean, tB: boolean, off: number, extra: number) {
  const A = filled(off + n * k), B = filled(off + k * m), cs = m + extra, C = filled(off + n * cs);
  const [ais, aps] = tA ? [1, n] : [k, 1];
  const [bps, bjs] = tB ? [1, k] : [m, 1];
  const want = Float64Array.from(C);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[off + i * ais + p * aps] * B[off + p * bps + j * bjs];
      want[off + i * cs + j] += s;
    }
  setGemmPath(path);
  gemmStrided(A, off, ais, aps, B, off, bps, bjs, C, off, cs, n, k, m);
  let worst = 0;
  for (let i = 0; i < C.length; i++) worst = Math.max(worst, Math.abs(C[i] - want[i]));
  return { C, worst };
}

describe('the WebAssembly SIMD gemm', () => {
  it('runs here (Node has WebAssembly SIMD)', () => {
    expect(gemmInfo().wasm).toBe(true);
  });

  it('agrees with a float64 triple loop and with the JavaScript kernel, any layout, size and stride', () => {
    fc.assert(
      fc.property(
        fc.record({ n: fc.integer({ min: 1, max: 37 }), k: fc.integer({ min: 0, max: 37 }), m: fc.integer({ min: 1, max: 37 }), tA: fc.boolean(), tB: fc.boolean(), off: fc.integer({ min: 0, max: 3 }), extra: fc.integer({ min: 0, max: 5 }) }),
        ({ n, k, m, tA, tB, off, extra }) => {
          const w = product('wasm', n, k, m, tA, tB, off, extra);
          const j = product('js', n, k, m, tA, tB, off, extra);
          expect(w.worst).toBeLessThan(1e-5); // float32 sums of at most 37 products in [-1, 1]
          expect(j.worst).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('grows its memory for a product larger than its first page, and stays within float32 rounding', () => {
    const { worst } = product('wasm', 150, 300, 170, true, false, 1, 2);
    expect(worst).toBeLessThan(1e-4); // sums of 300 products
  });

  it('is bypassed when the JavaScript path is forced, and refuses an unknown path', () => {
    setGemmPath('js');
    expect(gemmInfo().path).toBe('js');
    expect(product('js', 4, 4, 8, false, false, 0, 0).worst).toBeLessThan(1e-6);
    expect(() => setGemmPath('gpu' as GemmPath)).toThrow(/'auto', 'js' or 'wasm', got gpu/);
  });

  it('leaves float64 buffers (gradient checks) to the JavaScript kernel, exactly', () => {
    setGemmPath('wasm');
    const A = Float64Array.from([1 / 3, 2 / 3]) as unknown as Float32Array, B = Float64Array.from([3, 1e-9]) as unknown as Float32Array;
    const C = new Float64Array(1) as unknown as Float32Array;
    gemmStrided(A, 0, 2, 1, B, 0, 1, 1, C, 0, 1, 1, 2, 1);
    expect(C[0]).toBe(1 / 3 * 3 + (2 / 3) * 1e-9);
  });
});
