// Matrix products: A·B, A·Bᵀ and Aᵀ·B on the register-tiled kernel of gemm.ts, batched `matmul` with broadcast batch
// dimensions, and the fused `linear` layer op x·Wᵀ + b that nn.Linear uses.
import { broadcastShape } from './broadcast.ts';
import { gemm } from './gemm.ts';
import { alloc, result, shapeStr, sizeOf, type Tensor } from '../tensor.ts';

/** C[n×m] += A[n×k]·B[k×m]. */
export function mmNN(A: Float32Array, ao: number, B: Float32Array, bo: number, C: Float32Array, co: number, n: number, k: number, m: number): void {
  gemm(A, ao, k, 1, B, bo, m, 1, C, co, n, k, m);
}

/** C[n×m] += A[n×k]·B[m×k]ᵀ. */
export function mmNT(A: Float32Array, ao: number, B: Float32Array, bo: number, C: Float32Array, co: number, n: number, k: number, m: number): void {
  gemm(A, ao, k, 1, B, bo, 1, k, C, co, n, k, m);
}

/** C[n×m] += A[k×n]ᵀ·B[k×m]. */
export function mmTN(A: Float32Array, ao: number, B: Float32Array, bo: number, C: Float32Array, co: number, n: number, k: number, m: number): void {
  gemm(A, ao, 1, n, B, bo, m, 1, C, co, n, k, m);
}

/** Offsets of each batch element of an operand with batch shape `own` inside the broadcast batch shape `out`. */
function batchOffsets(own: number[], out: number[], matSize: number): Int32Array {
  const total = sizeOf(out);
  const offsets = new Int32Array(total);
  const pad = out.length - own.length;
  for (let b = 0; b < total; b++) {
    let rem = b;
    let off = 0;
    let stride = 1;
    for (let d = out.length - 1; d >= 0; d--) {
      const idx = rem % out[d];
      rem = Math.floor(rem / out[d]);
      const od = d - pad;
      if (od >= 0 && own[od] !== 1) off += idx * stride;
      if (od >= 0) stride *= own[od];
    }
    offsets[b] = off * matSize;
  }
  return offsets;
}

/**
 * Matrix product a·b. a: [..., n, k], b: [..., k, m] with broadcast batch dimensions → [..., n, m].
 * As in NumPy, a 1-D b of length k is a column and a 1-D a of length k a row; that dimension is dropped
 * from the result ([k]·[k] gives a scalar, the dot product).
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.shape.length === 0 || b.shape.length === 0) {
    throw new Error(`matmul: shapes ${shapeStr(a.shape)} and ${shapeStr(b.shape)}: scalars cannot be multiplied as matrices (use mul)`);
  }
  const k = a.shape[a.shape.length - 1];
  const k2 = b.shape.length === 1 ? b.shape[0] : b.shape[b.shape.length - 2];
  if (k !== k2) throw new Error(`matmul: shapes ${shapeStr(a.shape)} and ${shapeStr(b.shape)} do not align (${k} ≠ ${k2})`);
  if (b.shape.length === 1) {
    return matmul(a, b.reshape(k, 1)).reshape(...a.shape.slice(0, -1));
  }
  if (a.shape.length === 1) {
    const out = matmul(a.reshape(1, k), b);
    return out.reshape(...out.shape.slice(0, -2), out.shape[out.shape.length - 1]);
  }
  const n = a.shape[a.shape.length - 2];
  const m = b.shape[b.shape.length - 1];
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  // Fast path: a stack of rows times one matrix is one big product.
  if (bBatch.length === 0) {
    const rows = sizeOf(aBatch) * n;
    const data = alloc(rows * m);
    mmNN(a.data, 0, b.data, 0, data, 0, rows, k, m);
    return result(data, [...aBatch, n, m], 'matmul', [a, b], (out) => {
      const g = out.grad!.data;
      if (a.requiresGrad) mmNT(g, 0, b.data, 0, a.gradData(), 0, rows, m, k);
      if (b.requiresGrad) mmTN(a.data, 0, g, 0, b.gradData(), 0, k, rows, m);
    });
  }
  const batch = broadcastShape(aBatch, bBatch, 'matmul');
  const count = sizeOf(batch);
  const aOff = batchOffsets(aBatch, batch, n * k);
  const bOff = batchOffsets(bBatch, batch, k * m);
  const data = alloc(count * n * m);
  for (let i = 0; i < count; i++) mmNN(a.data, aOff[i], b.data, bOff[i], data, i * n * m, n, k, m);
  return result(data, [...batch, n, m], 'matmul', [a, b], (out) => {
    const g = out.grad!.data;
    for (let i = 0; i < count; i++) {
      if (a.requiresGrad) mmNT(g, i * n * m, b.data, bOff[i], a.gradData(), aOff[i], n, m, k);
      if (b.requiresGrad) mmTN(a.data, aOff[i], g, i * n * m, b.gradData(), bOff[i], k, n, m);
    }
  });
}

/**
 * The fully connected layer y = x·Wᵀ + b, fused. x: [..., in], W: [out, in] (PyTorch's layout), b: [out] or null.
 * dL/dx = g·W, dL/dW = gᵀ·x, dL/db = Σ_rows g.
 */
export function linear(x: Tensor, W: Tensor, b: Tensor | null): Tensor {
  const inF = x.shape[x.shape.length - 1];
  const [outF, inW] = W.shape;
  if (W.shape.length !== 2 || inF !== inW) {
    throw new Error(`linear: input ${shapeStr(x.shape)} does not match weight ${shapeStr(W.shape)} (expects [out, ${inF}])`);
  }
  if (b && (b.shape.length !== 1 || b.shape[0] !== outF)) {
    throw new Error(`linear: bias ${shapeStr(b.shape)} does not match weight ${shapeStr(W.shape)} (expects [${outF}])`);
  }
  const rows = x.size / inF;
  const data = alloc(rows * outF);
  if (b) for (let r = 0; r < rows; r++) data.set(b.data, r * outF);
  mmNT(x.data, 0, W.data, 0, data, 0, rows, inF, outF);
  const inputs = b ? [x, W, b] : [x, W];
  return result(data, [...x.shape.slice(0, -1), outF], 'linear', inputs, (out) => {
    const g = out.grad!.data;
    if (x.requiresGrad) mmNN(g, 0, W.data, 0, x.gradData(), 0, rows, outF, inF);
    if (W.requiresGrad) mmTN(g, 0, x.data, 0, W.gradData(), 0, outF, rows, inF);
    if (b && b.requiresGrad) {
      const gb = b.gradData();
      for (let r = 0; r < rows; r++) for (let j = 0; j < outF; j++) gb[j] += g[r * outF + j];
    }
  });
}
