// Scalar autograd in the micrograd style: each Value remembers the op that made it and its inputs in
// argument order, so the graph can be drawn, and `backward()` visits it in reverse topological order
// (engine/value-sort.ts), pushing each node's gradient to its inputs.
// NOTE: one node is one object, the same shape for every op: an op code and two input fields, no closure,
// no array, no Set. So an op's backward rule sits in `propagate` below, one switch on the op code, rather
// than beside its forward: each case repeats the derivative written above the op's method. The list of
// ops, their names, syntax, derivatives and rule text is the table in engine/scalar-ops.ts; its test holds
// this file to it.

import { scalarOps } from './scalar-ops.ts';
import { sortAll, sortInner } from './value-sort.ts';

type Operand = Value | number;

/** Op codes (a const enum: the bundler writes them as literals, so the switch below is a jump table), in
 * the order of the rows of `scalarOps`. */
const enum Op { Leaf, Add, Sub, Mul, Div, Pow, Neg, Exp, Log, Tanh, Relu, Sigmoid }
/** The name `op` reports for each code: the table's symbols, after '' for a leaf. */
const OP_NAMES = ['', ...scalarOps.map((op) => op.symbol)];

/** Labels, kept aside: few values have one, and a field on every node slowed W4 by about 8%. */
const labels = new WeakMap<Value, string>();

/** A scalar that records how it was computed, so gradients can flow back through it. */
export class Value {
  declare data: number;
  /** dL/d(this) after `backward()` on some L; accumulates with `+=`, so a value used twice needs no special case. */
  declare grad: number;
  /** Internal: the op code (0 for a leaf) and its inputs; `b` of a '^' node holds the exponent as a leaf.
   * Read `op`, `children` and `exponent` instead. */
  declare readonly code: number;
  declare readonly a: Value | null;
  declare readonly b: Value | null;
  /** Internal, for backward (see value-sort.ts): the next node on the walk's stack or in its output; null
   * outside a walk. */
  declare next: Value | null;

  /** A leaf: `new Value(2)` or `value(2, 'x')`. The other parameters are for the ops below. */
  constructor(data: number, label = '', code: number = Op.Leaf, a: Value | null = null, b: Value | null = null) {
    // NOTE: every field is set here, always in this order, and never added later, and `data` is always a
    // number: all Values share one hidden class, which keeps the ops below fast. (One string in `data`
    // would make V8 store every Value's data as "anything" from then on.)
    if (typeof data !== 'number') refuse('value', 'a number', data);
    this.data = data;
    this.grad = 0;
    this.code = code;
    this.a = a;
    this.b = b;
    this.next = null;
    if (label !== '') labels.set(this, label);
  }

  /** A name for drawing ('' if none): `value(2, 'x').label` is 'x'. */
  get label(): string {
    return labels.get(this) ?? '';
  }

  set label(name: string) {
    labels.set(this, name);
  }

  /** The inputs of the op that made this value, in argument order (empty for a leaf). */
  get children(): Value[] {
    if (this.a === null) return [];
    return this.b === null || this.code === Op.Pow ? [this.a] : [this.a, this.b];
  }

  /** The op's name: '' for a leaf, else '+', '-', '*', '/', '^', 'neg', 'exp', 'log', 'tanh', 'relu', 'sigmoid'. */
  get op(): string {
    return OP_NAMES[this.code];
  }

  /** The exponent of a '^' node (0 for other ops), for drawing `x^k`. */
  get exponent(): number {
    return this.code === Op.Pow ? this.b!.data : 0;
  }

  /** A number operand becomes a leaf; anything else but a Value is refused, by name. */
  private static lift(x: Operand, op: string): Value {
    // NOTE: inside the class, so that the bundle's `Value` here is the class's own constant binding: outside
    // it is a module-level `var`, and `instanceof` against a variable costs W4 about 8%.
    return typeof x === 'number' ? new Value(x) : x instanceof Value ? x : refuse(op, 'a Value or a number', x);
  }

  // z = x + y   dz/dx = 1, dz/dy = 1
  add(o: Operand): Value {
    const y = Value.lift(o, 'add');
    return new Value(this.data + y.data, '', Op.Add, this, y);
  }

  // z = x - y   dz/dx = 1, dz/dy = -1
  sub(o: Operand): Value {
    const y = Value.lift(o, 'sub');
    return new Value(this.data - y.data, '', Op.Sub, this, y);
  }

  // z = x·y   dz/dx = y, dz/dy = x
  mul(o: Operand): Value {
    const y = Value.lift(o, 'mul');
    return new Value(this.data * y.data, '', Op.Mul, this, y);
  }

  // z = x / y   dz/dx = 1/y, dz/dy = -x/y²
  div(o: Operand): Value {
    const y = Value.lift(o, 'div');
    return new Value(this.data / y.data, '', Op.Div, this, y);
  }

  // z = xᵏ   dz/dx = k·xᵏ⁻¹   (k a plain number, kept as a leaf in `b`; not a child)
  pow(k: number): Value {
    if (typeof k !== 'number') refuse('pow', 'a number as the exponent', k);
    return new Value(power(this.data, k), '', Op.Pow, this, new Value(k));
  }

  // z = -x   dz/dx = -1
  neg(): Value {
    return new Value(-this.data, '', Op.Neg, this);
  }

  // z = eˣ   dz/dx = eˣ = z
  exp(): Value {
    return new Value(Math.exp(this.data), '', Op.Exp, this);
  }

  // z = ln x   dz/dx = 1/x
  log(): Value {
    return new Value(Math.log(this.data), '', Op.Log, this);
  }

  // z = tanh x   dz/dx = 1 - z²
  tanh(): Value {
    return new Value(Math.tanh(this.data), '', Op.Tanh, this);
  }

  // z = max(0, x)   dz/dx = 1 if x > 0 else 0
  relu(): Value {
    return new Value(this.data > 0 ? this.data : 0, '', Op.Relu, this);
  }

  // z = 1 / (1 + e⁻ˣ)   dz/dx = z(1 - z)
  sigmoid(): Value {
    return new Value(1 / (1 + Math.exp(-this.data)), '', Op.Sigmoid, this);
  }

  /** Adds dL/d(leaf) to every leaf's gradient, where L is this value, and sets every inner node's gradient
   * to dL/d(node). Leaves accumulate across calls, as in PyTorch: clear them with `zeroGrad()` between steps. */
  backward(): void {
    // The inner nodes, outputs before inputs, their gradients set to 0 (leaves only receive).
    const end = END;
    let v = sortInner(this, end);
    this.grad = 1;
    while (v !== end) {
      propagate(v);
      const next = v.next!;
      v.next = null;
      v = next;
    }
  }

  /** Clears this value's gradient (a leaf's gradient otherwise persists until the next backward). */
  zeroGrad(): void {
    this.grad = 0;
  }

  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

/** Ends the chains of a backward walk (see value-sort.ts); never part of a graph. */
const END = new Value(0);

/** Pushes node v's gradient to its inputs, by the derivative of its op (written above each op's method). */
function propagate(v: Value): void {
  const g = v.grad;
  const a = v.a!;
  switch (v.code) {
    case Op.Add: // dz/dx = 1, dz/dy = 1
      a.grad += g;
      v.b!.grad += g;
      break;
    case Op.Sub: // dz/dx = 1, dz/dy = -1
      a.grad += g;
      v.b!.grad -= g;
      break;
    case Op.Mul: { // dz/dx = y, dz/dy = x
      const b = v.b!;
      a.grad += b.data * g;
      b.grad += a.data * g;
      break;
    }
    case Op.Div: { // dz/dx = 1/y, dz/dy = -x/y²
      const b = v.b!, y = b.data;
      a.grad += g / y;
      b.grad -= (g * a.data) / (y * y);
      break;
    }
    case Op.Pow: { // dz/dx = k·xᵏ⁻¹
      const k = v.b!.data;
      a.grad += k * power(a.data, k - 1) * g;
      break;
    }
    case Op.Neg: // dz/dx = -1
      a.grad -= g;
      break;
    case Op.Exp: // dz/dx = eˣ = z
      a.grad += v.data * g;
      break;
    case Op.Log: // dz/dx = 1/x
      a.grad += g / a.data;
      break;
    case Op.Tanh: // dz/dx = 1 - z²
      a.grad += (1 - v.data * v.data) * g;
      break;
    case Op.Relu: // dz/dx = 1 if x > 0 else 0
      if (a.data > 0) a.grad += g;
      break;
    case Op.Sigmoid: // dz/dx = z(1 - z)
      a.grad += v.data * (1 - v.data) * g;
      break;
  }
}

/** Throws the error for a bad operand: what the op expected and what it got. */
function refuse(op: string, expected: string, got: unknown): never {
  throw new TypeError(`${op}: expected ${expected}, got ${kindOf(got)}`);
}

/** How an error message names a bad operand. */
const kindOf = (x: unknown): string => (x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'string' ? `the string "${x}"` : typeof x);

/** xᵏ; the small whole powers by multiplication, several times faster than `**`. */
function power(x: number, k: number): number {
  if (k === 2) return x * x;
  if (k === 1) return x;
  if (k === 3) return x * x * x;
  return x ** k;
}

/** Every node the root depends on, inputs before outputs (each once), leaves included. Iterative: deep
 * graphs cannot overflow the stack. */
export function topoSort(root: Value): Value[] {
  return sortAll(root);
}

/** A leaf value, optionally labelled for drawing: `value(2, 'x')`. */
export function value(x: number, label = ''): Value {
  return new Value(x, label);
}
