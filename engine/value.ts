// Scalar autograd in the micrograd style: each Value remembers the op that made it and its children in
// argument order, so the graph can be drawn, and `backward()` walks it in reverse topological order.
// NOTE: the backward rule of each op sits in `propagate` below, beside the same op's forward in the
// method of the same name; they are one op in two places only because one switch beats a closure per node.

type Operand = Value | number;

const lift = (x: Operand): Value => (x instanceof Value ? x : new Value(x));

/** A scalar that records how it was computed, so gradients can flow back through it. */
export class Value {
  data: number;
  /** dL/d(this) after `backward()` on some L; accumulates with `+=`, so a value used twice needs no special case. */
  grad = 0;
  /** The inputs of the op that made this value, in argument order (empty for a leaf). */
  readonly children: Value[];
  /** The op's name: '' for a leaf, else '+', '-', '*', '/', '^', 'neg', 'exp', 'log', 'tanh', 'relu', 'sigmoid'. */
  readonly op: string;
  label: string;
  /** The exponent for '^'. */
  private readonly k: number;

  constructor(data: number, children: Value[] = [], op = '', label = '', k = 0) {
    this.data = data;
    this.children = children;
    this.op = op;
    this.label = label;
    this.k = k;
  }

  // z = x + y   dz/dx = 1, dz/dy = 1
  add(o: Operand): Value {
    const y = lift(o);
    return new Value(this.data + y.data, [this, y], '+');
  }

  // z = x - y   dz/dx = 1, dz/dy = -1
  sub(o: Operand): Value {
    const y = lift(o);
    return new Value(this.data - y.data, [this, y], '-');
  }

  // z = x·y   dz/dx = y, dz/dy = x
  mul(o: Operand): Value {
    const y = lift(o);
    return new Value(this.data * y.data, [this, y], '*');
  }

  // z = x / y   dz/dx = 1/y, dz/dy = -x/y²
  div(o: Operand): Value {
    const y = lift(o);
    return new Value(this.data / y.data, [this, y], '/');
  }

  // z = xᵏ   dz/dx = k·xᵏ⁻¹   (k a plain number)
  pow(k: number): Value {
    return new Value(this.data ** k, [this], '^', '', k);
  }

  // z = -x   dz/dx = -1
  neg(): Value {
    return new Value(-this.data, [this], 'neg');
  }

  // z = eˣ   dz/dx = eˣ = z
  exp(): Value {
    return new Value(Math.exp(this.data), [this], 'exp');
  }

  // z = ln x   dz/dx = 1/x
  log(): Value {
    return new Value(Math.log(this.data), [this], 'log');
  }

  // z = tanh x   dz/dx = 1 - z²
  tanh(): Value {
    return new Value(Math.tanh(this.data), [this], 'tanh');
  }

  // z = max(0, x)   dz/dx = 1 if x > 0 else 0
  relu(): Value {
    return new Value(this.data > 0 ? this.data : 0, [this], 'relu');
  }

  // z = 1 / (1 + e⁻ˣ)   dz/dx = z(1 - z)
  sigmoid(): Value {
    return new Value(1 / (1 + Math.exp(-this.data)), [this], 'sigmoid');
  }

  /** Pushes this node's gradient to its children, by the derivative of its op (see each op above). */
  private propagate(): void {
    const g = this.grad;
    const [a, b] = this.children;
    switch (this.op) {
      case '+':
        a.grad += g;
        b.grad += g;
        break;
      case '-':
        a.grad += g;
        b.grad -= g;
        break;
      case '*':
        a.grad += b.data * g;
        b.grad += a.data * g;
        break;
      case '/':
        a.grad += g / b.data;
        b.grad -= (g * a.data) / (b.data * b.data);
        break;
      case '^':
        a.grad += this.k * a.data ** (this.k - 1) * g;
        break;
      case 'neg':
        a.grad -= g;
        break;
      case 'exp':
        a.grad += this.data * g;
        break;
      case 'log':
        a.grad += g / a.data;
        break;
      case 'tanh':
        a.grad += (1 - this.data * this.data) * g;
        break;
      case 'relu':
        a.grad += a.data > 0 ? g : 0;
        break;
      case 'sigmoid':
        a.grad += this.data * (1 - this.data) * g;
        break;
    }
  }

  /** Adds dL/d(leaf) to every leaf's gradient, where L is this value, and sets every inner node's gradient
   * to dL/d(node). Leaves accumulate across calls, as in PyTorch: clear them with `zeroGrad()` between steps. */
  backward(): void {
    const order = topoSort(this);
    for (const v of order) if (v.children.length > 0) v.grad = 0;
    this.grad = 1;
    for (let i = order.length - 1; i >= 0; i--) order[i].propagate();
  }

  /** Clears this value's gradient (a leaf's gradient otherwise persists until the next backward). */
  zeroGrad(): void {
    this.grad = 0;
  }

  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

/** Every node the root depends on, children before parents. Iterative: deep graphs cannot overflow the stack. */
export function topoSort(root: Value): Value[] {
  const order: Value[] = [];
  const seen = new Set<Value>();
  const stack: Value[] = [root];
  const next: number[] = [0];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top];
    const i = next[top];
    if (i < node.children.length) {
      next[top] = i + 1;
      const child = node.children[i];
      if (!seen.has(child)) {
        seen.add(child);
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

/** A leaf value, optionally labelled for drawing: `value(2, 'x')`. */
export function value(x: number, label = ''): Value {
  return new Value(x, [], '', label);
}
