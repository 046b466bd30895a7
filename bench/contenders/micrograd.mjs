// The W4 reference: micrograd's engine.py (Karpathy, MIT licence) written plainly in JavaScript, as most
// ports of it are: a closure per node for the backward rule, a Set of children, a recursive topological
// sort. It builds exactly the graph our contender builds, node for node.

class V {
  constructor(data, children = [], op = '') {
    this.data = data;
    this.grad = 0;
    this._backward = () => {};
    this._prev = new Set(children);
    this._op = op;
  }

  add(other) {
    other = other instanceof V ? other : new V(other);
    const out = new V(this.data + other.data, [this, other], '+');
    out._backward = () => {
      this.grad += out.grad;
      other.grad += out.grad;
    };
    return out;
  }

  mul(other) {
    other = other instanceof V ? other : new V(other);
    const out = new V(this.data * other.data, [this, other], '*');
    out._backward = () => {
      this.grad += other.data * out.grad;
      other.grad += this.data * out.grad;
    };
    return out;
  }

  pow(k) {
    const out = new V(this.data ** k, [this], `**${k}`);
    out._backward = () => {
      this.grad += k * this.data ** (k - 1) * out.grad;
    };
    return out;
  }

  tanh() {
    const t = Math.tanh(this.data);
    const out = new V(t, [this], 'tanh');
    out._backward = () => {
      this.grad += (1 - t * t) * out.grad;
    };
    return out;
  }

  neg() {
    return this.mul(-1);
  }

  sub(other) {
    other = other instanceof V ? other : new V(other);
    const out = new V(this.data - other.data, [this, other], '-');
    out._backward = () => {
      this.grad += out.grad;
      other.grad -= out.grad;
    };
    return out;
  }

  backward() {
    const topo = [];
    const visited = new Set();
    const build = (v) => {
      if (!visited.has(v)) {
        visited.add(v);
        for (const child of v._prev) build(child);
        topo.push(v);
      }
    };
    build(this);
    this.grad = 1;
    for (let i = topo.length - 1; i >= 0; i--) topo[i]._backward();
    return topo.length;
  }
}

export const workloads = {
  W4(spec) {
    const W = [], B = [];
    spec.init.W.forEach((w, l) => {
      const [nin, nout] = [spec.sizes[l], spec.sizes[l + 1]];
      W.push(Array.from({ length: nout }, (_, j) => Array.from({ length: nin }, (_, k) => new V(w[j * nin + k]))));
      B.push(Array.from({ length: nout }, (_, j) => new V(spec.init.b[l][j])));
    });
    const params = [...W.flat(2), ...B.flat()];
    // micrograd's Neuron: act = sum(wi·xi for wi, xi in zip(w, x)) + b, here summed onto b in the same order.
    const forward = (x0, x1) => {
      let h = [new V(x0), new V(x1)];
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
    const lossAt = (i) => forward(spec.x[2 * i], spec.x[2 * i + 1]).sub(spec.y[i]).pow(2);
    let perStep = 0;
    return {
      get perStep() {
        return perStep;
      },
      step(i) {
        const loss = lossAt(spec.sampleIdx(i)[0]);
        for (const p of params) p.grad = 0;
        perStep = loss.backward();
        for (const p of params) p.data -= spec.lr * p.grad;
      },
      loss() {
        let s = 0;
        for (let i = 0; i < spec.n; i++) s += lossAt(i).data;
        return s / spec.n;
      },
    };
  },
};
