// The matrix-product kernel behind matmul, linear and conv2d: C += A·B for any layout of A and B, the
// strides saying which operand is transposed.
//
// NOTE: register tiling. C is computed in blocks of 4×4 summed in 16 local variables while p runs, so every
// value loaded from A or B is used four times: 8 loads for 16 multiply-adds instead of 2 loads for each.
// Rows and columns left over at the edges get 4×1 and 1×4 blocks. Blocks are summed in float64 and added
// to C once. This is the difference between about 1.5 and 4 GFLOP/s in plain JavaScript.

/**
 * C[n×m] += A·B where A(i, p) = A[ao + i·ais + p·aps] and B(p, j) = B[bo + p·bps + j·bjs]; C is row-major
 * at co. For A·B the strides are (k, 1) and (m, 1); A·Bᵀ reads B with (1, k); Aᵀ·B reads A with (1, n).
 */
export function gemm(A: Float32Array, ao: number, ais: number, aps: number, B: Float32Array, bo: number, bps: number, bjs: number, C: Float32Array, co: number, n: number, k: number, m: number): void {
  gemmStrided(A, ao, ais, aps, B, bo, bps, bjs, C, co, m, n, k, m);
}

/**
 * As `gemm`, with C's row stride `cs` given (C(i, j) = C[co + i·cs + j]), so that the product can land in
 * a column block of a wider matrix (one attention head's slice of [T, heads·d]).
 */
export function gemmStrided(A: Float32Array, ao: number, ais: number, aps: number, B: Float32Array, bo: number, bps: number, bjs: number, C: Float32Array, co: number, cs: number, n: number, k: number, m: number): void {
  const n4 = n - (n % 4), m4 = m - (m % 4);
  for (let i = 0; i < n4; i += 4) {
    const a = ao + i * ais, c = co + i * cs;
    for (let j = 0; j < m4; j += 4) block4x4(A, a, ais, aps, B, bo + j * bjs, bps, bjs, C, c + j, cs, k);
    for (let j = m4; j < m; j++) block4x1(A, a, ais, aps, B, bo + j * bjs, bps, C, c + j, cs, k);
  }
  for (let i = n4; i < n; i++) {
    const a = ao + i * ais, c = co + i * cs;
    for (let j = 0; j < m4; j += 4) block1x4(A, a, aps, B, bo + j * bjs, bps, bjs, C, c + j, k);
    for (let j = m4; j < m; j++) {
      let s = 0;
      for (let p = 0, pa = a, pb = bo + j * bjs; p < k; p++, pa += aps, pb += bps) s += A[pa] * B[pb];
      C[c + j] += s;
    }
  }
}

/** Four rows of A (from a) times four columns of B (from b), into C at c (row stride cs). */
function block4x4(A: Float32Array, a: number, ais: number, aps: number, B: Float32Array, b: number, bps: number, bjs: number, C: Float32Array, c: number, cs: number, k: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < k; p++, a += aps, b += bps) {
    const a0 = A[a], a1 = A[a + ais], a2 = A[a + 2 * ais], a3 = A[a + 3 * ais];
    const b0 = B[b], b1 = B[b + bjs], b2 = B[b + 2 * bjs], b3 = B[b + 3 * bjs];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  C[c] += c00; C[c + 1] += c01; C[c + 2] += c02; C[c + 3] += c03; c += cs;
  C[c] += c10; C[c + 1] += c11; C[c + 2] += c12; C[c + 3] += c13; c += cs;
  C[c] += c20; C[c + 1] += c21; C[c + 2] += c22; C[c + 3] += c23; c += cs;
  C[c] += c30; C[c + 1] += c31; C[c + 2] += c32; C[c + 3] += c33;
}

/** Four rows of A times one column of B. */
function block4x1(A: Float32Array, a: number, ais: number, aps: number, B: Float32Array, b: number, bps: number, C: Float32Array, c: number, cs: number, k: number): void {
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  for (let p = 0; p < k; p++, a += aps, b += bps) {
    const v = B[b];
    c0 += A[a] * v; c1 += A[a + ais] * v; c2 += A[a + 2 * ais] * v; c3 += A[a + 3 * ais] * v;
  }
  C[c] += c0; C[c + cs] += c1; C[c + 2 * cs] += c2; C[c + 3 * cs] += c3;
}

/** One row of A times four columns of B. */
function block1x4(A: Float32Array, a: number, aps: number, B: Float32Array, b: number, bps: number, bjs: number, C: Float32Array, c: number, k: number): void {
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  for (let p = 0; p < k; p++, a += aps, b += bps) {
    const v = A[a];
    c0 += v * B[b]; c1 += v * B[b + bjs]; c2 += v * B[b + 2 * bjs]; c3 += v * B[b + 3 * bjs];
  }
  C[c] += c0; C[c + 1] += c1; C[c + 2] += c2; C[c + 3] += c3;
}
