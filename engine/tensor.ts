// The Tensor: a contiguous Float32Array with a shape, and the autograd machinery that records each op's
// inputs and backward rule. The ops themselves live in engine/ops/, one concept per file, each with its
// forward and backward side by side; engine/methods.ts makes them methods, attached below the class, so
// that a Tensor has its methods whichever engine module it came from.
// For layer authors: `linear(x, W, b)` in engine/ops/matmul.ts is the fused x·Wᵀ + b (one node, one
// buffer) and `crossEntropy` in engine/ops/losses.ts fuses log-softmax and the loss: prefer them.
import { attachMethods } from './methods.ts';
import type { Rng } from './random.ts';
import { alloc, allocFrom, allocGrad, isStorage, recycle } from './storage.ts';

export { alloc, allocFrom, copyOf, setPrecision } from './storage.ts';

export type Shape = readonly number[];
/** Nested number arrays, as `tensor()` accepts them. */
export type NestedArray = number | NestedArray[];

/** A backward rule: reads `out.grad` and adds into the inputs' gradients. */
export type BackwardFn = (out: Tensor) => void;

let gradEnabled = true;

/** True unless inside `noGrad`. */
export const isGradEnabled = (): boolean => gradEnabled;

/** Runs `fn` without recording the graph (inference, parameter updates). */
export function noGrad<T>(fn: () => T): T {
  const before = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = before;
  }
}

/** Number of values in a tensor of this shape (1 for the scalar shape []). */
export const sizeOf = (shape: Shape): number => {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
};

/** A shape as error messages print it: [2,3]. */
export const shapeStr = (shape: Shape): string => `[${shape.join(',')}]`;

/** The inputs of every leaf: one shared empty list (frozen), rather than a new one per tensor. */
const NO_INPUTS: Tensor[] = Object.freeze([]) as unknown as Tensor[];

/** An n-dimensional array of float32 numbers with autograd. Row-major and contiguous. */
export class Tensor {
  data: Float32Array;
  /** NOTE: elementwise ops and gradients share their input's shape array: read it, never change it. */
  readonly shape: number[];
  /** dL/d(this) after `backward()`: kept for leaves that require grad, and for tensors marked `retainGrad()`. */
  grad: Tensor | null = null;
  requiresGrad: boolean;
  /** An optional name, shown in error messages and by widgets. */
  name?: string;
  /** The op that made this tensor ('' for a leaf) and its inputs in argument order. */
  op = '';
  inputs: Tensor[] = NO_INPUTS;
  backwardFn: BackwardFn | null = null;
  private retain = false;
  /** Walk mark for the topological sort (internal). */
  seen = 0;

  constructor(data: Float32Array, shape: number[], requiresGrad = false) {
    if (data.length !== sizeOf(shape)) {
      throw new Error(`tensor: ${data.length} values do not fill shape ${shapeStr(shape)}`);
    }
    this.data = data;
    this.shape = shape;
    this.requiresGrad = requiresGrad;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) throw new Error(`item: tensor of shape ${shapeStr(this.shape)} has ${this.size} values, not 1`);
    return this.data[0];
  }

  /** The values as nested arrays of plain numbers. */
  toArray(): NestedArray {
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return this.data[offset];
      const stride = sizeOf(this.shape.slice(dim + 1));
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[dim]; i++) out.push(build(dim + 1, offset + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /** A tensor with the same values that is cut off from the graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape.slice(), false);
  }

  /** A copy of the values (and shape), cut off from the graph. */
  clone(): Tensor {
    const data = alloc(this.size);
    data.set(this.data);
    return new Tensor(data, this.shape.slice(), false);
  }

  /** Keep this (non-leaf) tensor's gradient after backward, for widgets that show gradient flow. */
  retainGrad(): Tensor {
    this.retain = true;
    return this;
  }

  /** Clears the gradient. */
  zeroGrad(): void {
    this.grad = null;
  }

  /** The gradient buffer, created as zeros when first needed during backward. */
  gradData(): Float32Array {
    if (this.grad === null) this.grad = new Tensor(allocGrad(this.data.length), this.shape);
    return this.grad.data;
  }

  /**
   * Back-propagates from this tensor. A scalar (one-element) tensor seeds with dL/dL = 1; any other tensor
   * needs `grad`, the gradient of some scalar with respect to it, of the same shape.
   */
  backward(grad?: Tensor): void {
    if (!grad && this.size !== 1) {
      throw new Error(
        `backward: called on a non-scalar tensor of shape ${shapeStr(this.shape)} without a gradient; ` +
          'reduce it to a scalar first (e.g. .sum() or .mean()) or pass backward(grad) of the same shape',
      );
    }
    if (!this.requiresGrad) {
      throw new Error(
        `backward: this tensor of shape ${shapeStr(this.shape)} does not require grad: none of its inputs has ` +
          'requiresGrad: true, or it was computed inside noGrad()',
      );
    }
    if (grad && grad.size !== this.size) {
      throw new Error(`backward: gradient of shape ${shapeStr(grad.shape)} does not match tensor of shape ${shapeStr(this.shape)}`);
    }
    const order = topoOrder(this);
    for (const t of order) if (t.backwardFn) t.grad = null;
    const g = this.gradData();
    if (grad) g.set(grad.data);
    else g[0] = 1;
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      if (t.backwardFn && t.grad) t.backwardFn(t);
    }
    // Inner gradients are scratch space: drop them (and reuse their memory) unless a widget asked to keep them.
    for (const t of order) {
      if (t.backwardFn && !t.retain && t !== this && t.grad) {
        recycle(t.grad.data);
        t.grad = null;
      }
    }
  }
}

attachMethods(Tensor.prototype);

/** Counter for graph walks: a tensor whose `seen` equals the current walk's number was already visited. */
let walk = 0;

/** Tensors the root depends on (through inputs that need grad), inputs before outputs. Iterative. */
function topoOrder(root: Tensor): Tensor[] {
  const mark = ++walk;
  const order: Tensor[] = [];
  const stack: Tensor[] = [root];
  const next: number[] = [0];
  root.seen = mark;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top];
    const i = next[top];
    if (i < node.inputs.length) {
      next[top] = i + 1;
      const child = node.inputs[i];
      if (child.requiresGrad && child.seen !== mark) {
        child.seen = mark;
        stack.push(child);
        next.push(0);
      }
    } else {
      order.push(node);
      stack.pop();
      next.pop();
    }
  }
  return order;
}

/**
 * Makes an op's output. When grad is on and some input requires grad, the output records its inputs and
 * backward rule; otherwise it is a plain constant and recording costs nothing.
 */
export function result(data: Float32Array, shape: number[], op: string, inputs: Tensor[], backwardFn: BackwardFn): Tensor {
  const out = new Tensor(data, shape);
  if (gradEnabled) {
    for (let i = 0; i < inputs.length; i++) {
      if (inputs[i].requiresGrad) {
        out.requiresGrad = true;
        out.op = op;
        out.inputs = inputs;
        out.backwardFn = backwardFn;
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Creation

export interface TensorOptions {
  requiresGrad?: boolean;
}

function flatten(x: NestedArray, shape: number[], out: number[], depth: number): void {
  if (typeof x === 'number') {
    if (depth !== shape.length) throw new Error('tensor: ragged nested array (rows of different lengths)');
    out.push(x);
    return;
  }
  if (depth === shape.length) shape.push(x.length);
  else if (shape[depth] !== x.length) throw new Error('tensor: ragged nested array (rows of different lengths)');
  for (const y of x) flatten(y, shape, out, depth + 1);
}

/**
 * A tensor from numbers: `tensor([[1, 2], [3, 4]])`, or from a flat array with a shape:
 * `tensor(new Float32Array(6), [2, 3])` (default shape: 1-D). A number gives a scalar (shape []).
 * Options come last, after the shape or in its place: `tensor([1, 2], { requiresGrad: true })`.
 * NOTE: a Float32Array is used as is, not copied (cheap for datasets): writing to one writes to the other.
 */
export function tensor(values: NestedArray | Float32Array | ArrayLike<number>, opts?: TensorOptions): Tensor;
export function tensor(values: NestedArray | Float32Array | ArrayLike<number>, shape?: number[], opts?: TensorOptions): Tensor;
export function tensor(values: NestedArray | Float32Array | ArrayLike<number>, shapeOrOpts?: number[] | TensorOptions, options?: TensorOptions): Tensor {
  const [shape, opts] = shapeOrOpts === undefined || Array.isArray(shapeOrOpts) ? [shapeOrOpts, options ?? {}] : [undefined, shapeOrOpts];
  let data: Float32Array;
  let sh: number[];
  if (typeof values === 'number') {
    data = allocFrom([values]);
    sh = shape ?? [];
  } else if (!Array.isArray(values)) {
    data = isStorage(values) ? values : allocFrom(values as ArrayLike<number>);
    sh = shape ?? [data.length];
  } else {
    const flat: number[] = [];
    const inferred: number[] = [];
    flatten(values as NestedArray, inferred, flat, 0);
    data = allocFrom(flat);
    sh = shape ?? inferred;
  }
  return new Tensor(data, sh.slice(), opts.requiresGrad ?? false);
}

/** A tensor of zeros. */
export const zeros = (shape: number[], opts: TensorOptions = {}): Tensor =>
  new Tensor(alloc(sizeOf(shape)), shape.slice(), opts.requiresGrad ?? false);

/** A tensor of ones. */
export const ones = (shape: number[], opts: TensorOptions = {}): Tensor => full(shape, 1, opts);

/** A tensor filled with `value`. */
export function full(shape: number[], value: number, opts: TensorOptions = {}): Tensor {
  return new Tensor(alloc(sizeOf(shape)).fill(value), shape.slice(), opts.requiresGrad ?? false);
}

/** `arange(n)` = [0, 1, …, n-1]; `arange(start, end, step)` as in NumPy. */
export function arange(start: number, end?: number, step = 1): Tensor {
  if (end === undefined) [start, end] = [0, start];
  if (step === 0) throw new Error('arange: step must not be 0');
  const n = Math.max(0, Math.ceil((end - start) / step));
  const data = alloc(n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** Standard normal values from the seeded generator: `randn([2, 3], rng(0))`. */
export function randn(shape: number[], rng: Rng, opts: TensorOptions & { mean?: number; std?: number } = {}): Tensor {
  const data = alloc(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal(opts.mean ?? 0, opts.std ?? 1);
  return new Tensor(data, shape.slice(), opts.requiresGrad ?? false);
}

/** Uniform values in [lo, hi) (default [0, 1)) from the seeded generator. */
export function rand(shape: number[], rng: Rng, opts: TensorOptions & { lo?: number; hi?: number } = {}): Tensor {
  const data = alloc(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(opts.lo ?? 0, opts.hi ?? 1);
  return new Tensor(data, shape.slice(), opts.requiresGrad ?? false);
}

/** Wraps a number as a scalar tensor; passes tensors through. */
export const asTensor = (x: Tensor | number): Tensor => (x instanceof Tensor ? x : new Tensor(alloc(1).fill(x), []));
