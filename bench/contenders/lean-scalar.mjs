// W4's practical limit for an engine with one object per scalar: the leanest Value we could write. Five
// fields, a global tape of nodes in the order they were made (so backward is one reverse scan, with no graph
// walk at all), no labels, no way to draw the graph or to back-propagate from anything but the last result.
// Not a usable engine: it shows how far the per-node allocation alone lets W4 go.

const LEAF = 0, ADD = 1, SUB = 2, MUL = 3, SQUARE = 4, TANH = 5;
const tape = [];
let length = 0;

class Scalar {
  constructor(data, code, a, b) {
    this.data = data;
    this.grad = 0;
    this.code = code;
    this.a = a;
    this.b = b;
    if (code !== LEAF) tape[length++] = this;
  }

  add(o) {
    return new Scalar(this.data + o.data, ADD, this, o);
  }

  sub(t) {
    const o = new Scalar(t, LEAF, null, null);
    return new Scalar(this.data - t, SUB, this, o);
  }

  mul(o) {
    return new Scalar(this.data * o.data, MUL, this, o);
  }

  square() {
    return new Scalar(this.data * this.data, SQUARE, this, null);
  }

  tanh() {
    return new Scalar(Math.tanh(this.data), TANH, this, null);
  }
}

/** Back-propagates from the last node made, over every node on the tape, then empties the tape. */
function backward(root) {
  for (let i = 0; i < length; i++) tape[i].grad = 0;
  root.grad = 1;
  for (let i = length - 1; i >= 0; i--) {
    const v = tape[i], g = v.grad, a = v.a, b = v.b;
    switch (v.code) {
      case ADD: a.grad += g; b.grad += g; break;
      case SUB: a.grad += g; b.grad -= g; break;
      case MUL: a.grad += b.data * g; b.grad += a.data * g; break;
      case SQUARE: a.grad += 2 * a.data * g; break;
      case TANH: a.grad += (1 - v.data * v.data) * g; break;
    }
  }
  tape.fill(null, 0, length);
  length = 0;
}

export const workloads = {
  W4(spec) {
    const W = [], B = [];
    spec.init.W.forEach((w, l) => {
      const [nin, nout] = [spec.sizes[l], spec.sizes[l + 1]];
      W.push(Array.from({ length: nout }, (_, j) => Array.from({ length: nin }, (_, k) => new Scalar(w[j * nin + k], LEAF, null, null))));
      B.push(Array.from({ length: nout }, (_, j) => new Scalar(spec.init.b[l][j], LEAF, null, null)));
    });
    const params = [...W.flat(2), ...B.flat()];
    const forward = (x0, x1) => {
      let h = [new Scalar(x0, LEAF, null, null), new Scalar(x1, LEAF, null, null)];
      W.forEach((layer, l) => {
        const last = l === W.length - 1;
        h = layer.map((w, j) => {
          let s = B[l][j];
          for (let k = 0; k < w.length; k++) s = s.add(w[k].mul(h[k]));
          return last ? s : s.tanh();
        });
      });
      return h[0];
    };
    const lossAt = (i) => forward(spec.x[2 * i], spec.x[2 * i + 1]).sub(spec.y[i]).square();
    lossAt(0);
    const inner = length;
    tape.fill(null, 0, length);
    length = 0;
    return {
      // The same graph as micrograd's and ours: inner nodes, then parameters, the two inputs and the target.
      perStep: inner + params.length + 3,
      step(i) {
        const loss = lossAt(spec.sampleIdx(i)[0]);
        for (const p of params) p.grad = 0;
        backward(loss);
        for (const p of params) p.data -= spec.lr * p.grad;
      },
      loss() {
        let s = 0;
        for (let i = 0; i < spec.n; i++) s += lossAt(i).data;
        length = 0;
        tape.fill(null);
        return s / spec.n;
      },
    };
  },
};
