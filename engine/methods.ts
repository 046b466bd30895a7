// The ops in engine/ops/ as Tensor methods, so code reads like PyTorch: x.matmul(W).add(b).relu().
// tensor.ts attaches them right after defining the class, so every module that has a Tensor has them.
// NOTE: ops import tensor.ts and tensor.ts imports this file, a cycle: `attachMethods` is a function
// declaration (ready before any module of the cycle runs) and its methods reach the ops only when called.
import * as A from './ops/arithmetic.ts';
import * as U from './ops/unary.ts';
import * as M from './ops/matmul.ts';
import * as R from './ops/reduce.ts';
import * as S from './ops/shape.ts';
import * as X from './ops/softmax.ts';
import { formatTensor } from './inspect.ts';
import type { Tensor } from './tensor.ts';

type Operand = Tensor | number;
type Axes = number | number[];

declare module './tensor.ts' {
  interface Tensor {
    add(o: Operand): Tensor;
    sub(o: Operand): Tensor;
    mul(o: Operand): Tensor;
    div(o: Operand): Tensor;
    pow(k: number): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    abs(): Tensor;
    relu(): Tensor;
    leakyRelu(slope?: number): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    gelu(): Tensor;
    softmax(axis?: number): Tensor;
    logSoftmax(axis?: number): Tensor;
    matmul(o: Tensor): Tensor;
    sum(axes?: Axes, keepdim?: boolean): Tensor;
    mean(axes?: Axes, keepdim?: boolean): Tensor;
    max(axes?: Axes, keepdim?: boolean): Tensor;
    /** Same values in a new shape, given as numbers or as one array (one -1 allowed): x.reshape(2, -1), x.reshape([2, -1]). */
    reshape(...shape: number[]): Tensor;
    reshape(shape: readonly number[]): Tensor;
    /** Axes startDim … endDim merged into one (default all: a 1-D tensor), as torch.flatten. */
    flatten(startDim?: number, endDim?: number): Tensor;
    transpose(ax0?: number, ax1?: number): Tensor;
    /** The transpose of the last two axes. */
    readonly T: Tensor;
    slice(axis: number, start: number, end?: number): Tensor;
    select(axis: number, index: number): Tensor;
    /** The i-th entry along the first axis, that axis removed: x.index(i) is PyTorch's x[i]. */
    index(i: number): Tensor;
    /** Rows picked by integer ids (embedding lookup). */
    gather(ids: ArrayLike<number>): Tensor;
    /** The values with the shape, as `formatTensor` prints them. */
    toString(): string;
  }
}

/** Puts the methods on `proto`, Tensor's prototype (called once, by tensor.ts). */
export function attachMethods(proto: Tensor): void {
  proto.add = function (o) { return A.add(this, o); };
  proto.sub = function (o) { return A.sub(this, o); };
  proto.mul = function (o) { return A.mul(this, o); };
  proto.div = function (o) { return A.div(this, o); };
  proto.pow = function (k) { return A.pow(this, k); };
  proto.neg = function () { return U.neg(this); };
  proto.exp = function () { return U.exp(this); };
  proto.log = function () { return U.log(this); };
  proto.sqrt = function () { return U.sqrt(this); };
  proto.abs = function () { return U.abs(this); };
  proto.relu = function () { return U.relu(this); };
  proto.leakyRelu = function (slope) { return U.leakyRelu(this, slope); };
  proto.tanh = function () { return U.tanh(this); };
  proto.sigmoid = function () { return U.sigmoid(this); };
  proto.gelu = function () { return U.gelu(this); };
  proto.softmax = function (axis) { return X.softmax(this, axis); };
  proto.logSoftmax = function (axis) { return X.logSoftmax(this, axis); };
  proto.matmul = function (o) { return M.matmul(this, o); };
  proto.sum = function (axes, keepdim) { return R.sum(this, axes, keepdim); };
  proto.mean = function (axes, keepdim) { return R.mean(this, axes, keepdim); };
  proto.max = function (axes, keepdim) { return R.max(this, axes, keepdim); };
  proto.reshape = function (...shape: (number | readonly number[])[]) { return S.reshape(this, (Array.isArray(shape[0]) ? shape[0] : shape) as number[]); };
  proto.flatten = function (s, e) { return S.flatten(this, s, e); };
  proto.transpose = function (a0, a1) { return S.transpose(this, a0, a1); };
  Object.defineProperty(proto, 'T', { get(this: Tensor) { return S.transpose(this); } });
  proto.slice = function (axis, start, end) { return S.slice(this, axis, start, end); };
  proto.select = function (axis, index) { return S.select(this, axis, index); };
  proto.index = function (i) { return S.select(this, 0, i); };
  proto.gather = function (ids) { return S.gather(this, ids); };
  proto.toString = function () { return formatTensor(this); };
}
