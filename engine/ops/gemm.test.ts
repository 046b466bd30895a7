// The register-tiled matrix-product kernel agrees with a plain triple loop for every layout (A·B, A·Bᵀ,
// Aᵀ·B), at offsets, for sizes that do and do not divide into its 4×4 blocks, and accumulates into C.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gemm } from './gemm.ts';
import { mmNN, mmNT, mmTN } from './matmul.ts';
import { rng } from '../random.ts';

const r = rng(7);
const filled = (n: number) => Float32Array.from({ length: n }, () => r.uniform(-1, 1));

/** C[n×m] += A(i, p)·B(p, j) by the definition, in float64. */
function naive(A: (i: number, p: number) => number, B: (p: number, j: number) => number, C: Float32Array, co: number, n: number, k: number, m: number) {
  const out = Float64Array.from(C);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A(i, p) * B(p, j);
      out[co + i * m + j] += s;
    }
  return out;
}

function expectClose(got: Float32Array, want: Float64Array) {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  expect(worst).toBeLessThan(1e-5);
}

const dims = fc.record({ n: fc.integer({ min: 1, max: 11 }), k: fc.integer({ min: 1, max: 11 }), m: fc.integer({ min: 1, max: 11 }), off: fc.integer({ min: 0, max: 3 }) });

describe('gemm', () => {
  it('computes A·B, accumulating into C', () => {
    fc.assert(fc.property(dims, ({ n, k, m, off }) => {
      const A = filled(off + n * k), B = filled(off + k * m), C = filled(off + n * m);
      const want = naive((i, p) => A[off + i * k + p], (p, j) => B[off + p * m + j], C, off, n, k, m);
      mmNN(A, off, B, off, C, off, n, k, m);
      expectClose(C, want);
    }));
  });

  it('computes A·Bᵀ', () => {
    fc.assert(fc.property(dims, ({ n, k, m, off }) => {
      const A = filled(off + n * k), B = filled(off + m * k), C = filled(off + n * m);
      const want = naive((i, p) => A[off + i * k + p], (p, j) => B[off + j * k + p], C, off, n, k, m);
      mmNT(A, off, B, off, C, off, n, k, m);
      expectClose(C, want);
    }));
  });

  it('computes Aᵀ·B', () => {
    fc.assert(fc.property(dims, ({ n, k, m, off }) => {
      const A = filled(off + k * n), B = filled(off + k * m), C = filled(off + n * m);
      const want = naive((i, p) => A[off + p * n + i], (p, j) => B[off + p * m + j], C, off, n, k, m);
      mmTN(A, off, B, off, C, off, n, k, m);
      expectClose(C, want);
    }));
  });

  it('reads any strides, such as a column of a wider matrix', () => {
    // A is the 6×3 block at column 2 of a 6×9 matrix; B is read transposed out of a 5×3 matrix.
    const A = filled(54), B = filled(15), C = new Float32Array(30);
    const want = naive((i, p) => A[2 + i * 9 + p], (p, j) => B[j * 3 + p], C, 0, 6, 3, 5);
    gemm(A, 2, 9, 1, B, 0, 1, 3, C, 0, 6, 3, 5);
    expectClose(C, want);
  });
});
