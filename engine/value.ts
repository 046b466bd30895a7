// Scalar autograd in the micrograd style: each Value remembers the op that made it and its children in
// argument order, so the graph can be drawn, and `backward()` walks it in reverse topological order.
// NOTE: the backward rule of each op sits in `propagate` below, beside the same op's forward in the
// method of the same name; they are one op in two places only because one switch on a small op code beats
// a closure per node (one allocation per node, no closure, no Set: the walk marks nodes with a counter).
// NOTE: the reverse topological order usually comes free: inner nodes are also recorded on a tape
// (engine/tape.ts) as they are made, and a backward() from a node still on it walks the tape down from
// there. Otherwise (the tape was cleared since, or the graph reaches back to older inner nodes) it sorts.

import { clearTape, makeRoom, onTape, record, tapeAt } from './tape.ts';

type Operand = Value | number;

// Op codes, and the name `op` reports for each (index = code).
const LEAF = 0, ADD = 1, SUB = 2, MUL = 3, DIV = 4, POW = 5, NEG = 6, EXP = 7, LOG = 8, TANH = 9, RELU = 10, SIGMOID = 11;
const OP_NAMES = ['', '+', '-', '*', '/', '^', 'neg', 'exp', 'log', 'tanh', 'relu', 'sigmoid'];

const lift = (x: Operand): Value => (x instanceof Value ? x : new Value(x));

/** Counter for graph walks: each walk takes two numbers, `enter` and `enter + 1`, for a node's mark. */
let walk = 0;
/** Scratch for the walks, reused so that backward allocates nothing; cleared after each walk. */
const stack: (Value | null)[] = [];
const order: (Value | null)[] = [];

/** A scalar that records how it was computed, so gradients can flow back through it. */
export class Value {
  data: number;
  /** dL/d(this) after `backward()` on some L; accumulates with `+=`, so a value used twice needs no special case. */
  grad = 0;
  label: string;
  /** The op code (see OP_NAMES), its first and second input, and the exponent for '^'. Internal. */
  private readonly code: number;
  private readonly a: Value | null;
  private readonly b: Value | null;
  private readonly k: number;
  /** Walk mark: below the current walk's `enter` if not reached yet, `enter` once reached, `enter + 1` when sorted. */
  private mark = 0;
  /** Position on the tape, or -1 (a leaf, or a node whose graph reaches inner nodes no longer on it). */
  private readonly at: number;

  /** A leaf: `new Value(2)` or `value(2, 'x')`. The other parameters are for the ops below. */
  constructor(data: number, label = '', code = LEAF, a: Value | null = null, b: Value | null = null, k = 0) {
    this.data = data;
    this.label = label;
    this.code = code;
    this.a = a;
    this.b = b;
    this.k = k;
    this.at = code === LEAF ? -1 : Value.tape(this, a, b);
  }

  /** Records a new inner node on the tape if its inputs' graphs are all on it; else -1 (it will sort). */
  private static tape(v: Value, a: Value | null, b: Value | null): number {
    makeRoom();
    return (a === null || a.taped()) && (b === null || b.taped()) ? record(v) : -1;
  }

  /** True for a leaf, and for an inner node whose whole graph is on the tape (no sort needed). */
  private taped(): boolean {
    return this.code === LEAF || onTape(this, this.at);
  }

  /** Marks this node reached by the current backward walk; an inner node's old gradient is cleared first. */
  private reach(walkMark: number): Value {
    if (this.mark !== walkMark) {
      this.mark = walkMark;
      if (this.code !== LEAF) this.grad = 0;
    }
    return this;
  }

  /** The inputs of the op that made this value, in argument order (empty for a leaf). */
  get children(): Value[] {
    return this.a === null ? [] : this.b === null ? [this.a] : [this.a, this.b];
  }

  /** The op's name: '' for a leaf, else '+', '-', '*', '/', '^', 'neg', 'exp', 'log', 'tanh', 'relu', 'sigmoid'. */
  get op(): string {
    return OP_NAMES[this.code];
  }

  /** The exponent of a '^' node (0 for other ops), for drawing `x^k`. */
  get exponent(): number {
    return this.k;
  }

  // z = x + y   dz/dx = 1, dz/dy = 1
  add(o: Operand): Value {
    const y = lift(o);
    return new Value(this.data + y.data, '', ADD, this, y);
  }

  // z = x - y   dz/dx = 1, dz/dy = -1
  sub(o: Operand): Value {
    const y = lift(o);
    return new Value(this.data - y.data, '', SUB, this, y);
  }

  // z = x·y   dz/dx = y, dz/dy = x
  mul(o: Operand): Value {
    const y = lift(o);
    return new Value(this.data * y.data, '', MUL, this, y);
  }

  // z = x / y   dz/dx = 1/y, dz/dy = -x/y²
  div(o: Operand): Value {
    const y = lift(o);
    return new Value(this.data / y.data, '', DIV, this, y);
  }

  // z = xᵏ   dz/dx = k·xᵏ⁻¹   (k a plain number)
  pow(k: number): Value {
    return new Value(this.data ** k, '', POW, this, null, k);
  }

  // z = -x   dz/dx = -1
  neg(): Value {
    return new Value(-this.data, '', NEG, this);
  }

  // z = eˣ   dz/dx = eˣ = z
  exp(): Value {
    return new Value(Math.exp(this.data), '', EXP, this);
  }

  // z = ln x   dz/dx = 1/x
  log(): Value {
    return new Value(Math.log(this.data), '', LOG, this);
  }

  // z = tanh x   dz/dx = 1 - z²
  tanh(): Value {
    return new Value(Math.tanh(this.data), '', TANH, this);
  }

  // z = max(0, x)   dz/dx = 1 if x > 0 else 0
  relu(): Value {
    return new Value(this.data > 0 ? this.data : 0, '', RELU, this);
  }

  // z = 1 / (1 + e⁻ˣ)   dz/dx = z(1 - z)
  sigmoid(): Value {
    return new Value(1 / (1 + Math.exp(-this.data)), '', SIGMOID, this);
  }

  /** Pushes this node's gradient to its children, by the derivative of its op (see each op above). */
  private propagate(walkMark: number): void {
    const g = this.grad;
    const a = this.a!.reach(walkMark);
    const b = this.b === null ? a : this.b.reach(walkMark);
    switch (this.code) {
      case ADD:
        a.grad += g;
        b.grad += g;
        break;
      case SUB:
        a.grad += g;
        b.grad -= g;
        break;
      case MUL:
        a.grad += b.data * g;
        b.grad += a.data * g;
        break;
      case DIV: {
        const y = b.data;
        a.grad += g / y;
        b.grad -= (g * a.data) / (y * y);
        break;
      }
      case POW:
        a.grad += this.k * a.data ** (this.k - 1) * g;
        break;
      case NEG:
        a.grad -= g;
        break;
      case EXP:
        a.grad += this.data * g;
        break;
      case LOG:
        a.grad += g / a.data;
        break;
      case TANH:
        a.grad += (1 - this.data * this.data) * g;
        break;
      case RELU:
        if (a.data > 0) a.grad += g;
        break;
      case SIGMOID:
        a.grad += this.data * (1 - this.data) * g;
        break;
    }
  }

  /** Adds dL/d(leaf) to every leaf's gradient, where L is this value, and sets every inner node's gradient
   * to dL/d(node). Leaves accumulate across calls, as in PyTorch: clear them with `zeroGrad()` between steps. */
  backward(): void {
    if (this.code !== LEAF && onTape(this, this.at)) {
      // Every node of the graph is on the tape below this one: walk down it, skipping nodes not reached.
      const reached = (walk += 2);
      this.mark = reached;
      this.grad = 1;
      for (let i = this.at; i >= 0; i--) {
        const v = tapeAt(i) as Value;
        if (v.mark === reached) v.propagate(reached);
      }
      clearTape();
      return;
    }
    // Otherwise sort the inner nodes (a leaf has nothing to pass on, it just receives).
    const n = this.code === LEAF ? 0 : this.sorted(false);
    const sortedMark = walk + 1;
    for (let i = 0; i < n; i++) order[i]!.grad = 0;
    this.grad = 1;
    for (let i = n - 1; i >= 0; i--) order[i]!.propagate(sortedMark);
    order.fill(null, 0, n);
  }

  /** Clears this value's gradient (a leaf's gradient otherwise persists until the next backward). */
  zeroGrad(): void {
    this.grad = 0;
  }

  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }

  /**
   * Every node this one depends on, children before parents, into `order`; returns how many. An iterative
   * depth-first walk, so deep graphs cannot overflow the stack. Leaves only with `leaves`.
   */
  private sorted(leaves: boolean): number {
    const enter = (walk += 2);
    let n = 0;
    let top = 0;
    let high = 0;
    stack[top++] = this;
    while (top > 0) {
      const v = stack[top - 1]!;
      if (v.mark < enter) {
        // First visit: put the unvisited children on top (a last, so it is finished first).
        v.mark = enter;
        const { a, b } = v;
        if (b !== null && b.mark < enter && (leaves || b.code !== LEAF)) stack[top++] = b;
        if (a !== null && a.mark < enter && (leaves || a.code !== LEAF)) stack[top++] = a;
        if (top > high) high = top;
      } else {
        // Second visit, its children all sorted (or a copy of a node already sorted).
        top--;
        if (v.mark === enter) {
          v.mark = enter + 1;
          order[n++] = v;
        }
      }
    }
    stack.fill(null, 0, high);
    return n;
  }

  /** Every node `root` depends on, children before parents. */
  static topoSort(root: Value): Value[] {
    const n = root.sorted(true);
    const nodes = order.slice(0, n) as Value[];
    order.fill(null, 0, n);
    return nodes;
  }
}

/** Every node the root depends on, children before parents (each once). Iterative: deep graphs cannot
 * overflow the stack. */
export function topoSort(root: Value): Value[] {
  return Value.topoSort(root);
}

/** A leaf value, optionally labelled for drawing: `value(2, 'x')`. */
export function value(x: number, label = ''): Value {
  return new Value(x, label);
}
