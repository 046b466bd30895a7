// The benchmark's workloads: sizes, data, the shared initial weights and the batch order. Every contender
// gets the same numbers (built here from fixed seeds, in each worker process), so their losses can be
// compared with the reference's: a contender that is fast but computes something else is caught.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** mulberry32: a tiny seeded generator, so the bench depends on nothing it measures. */
export function prng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return { next, normal };
}

/** Fisher-Yates permutation of 0..n-1. */
function permutation(n, r) {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** Glorot-uniform weights [out, in] (PyTorch layout) and zero biases, for the given layer sizes. */
function denseInit(sizes, r, kind = 'xavier') {
  const W = [];
  const b = [];
  for (let l = 1; l < sizes.length; l++) {
    const [nin, nout] = [sizes[l - 1], sizes[l]];
    const w = new Float32Array(nout * nin);
    if (kind === 'he') for (let i = 0; i < w.length; i++) w[i] = r.normal() * Math.sqrt(2 / nin);
    else {
      const a = Math.sqrt(6 / (nin + nout));
      for (let i = 0; i < w.length; i++) w[i] = (2 * r.next() - 1) * a;
    }
    W.push(w);
    b.push(new Float32Array(nout));
  }
  return { W, b };
}

/** Two interleaved spirals in [-1, 1]² with labels ±1 (TensorFlow Playground's data set, n points). */
function spiral(n, r) {
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  const half = n / 2;
  for (let i = 0; i < n; i++) {
    const k = i % half;
    const cls = i < half ? 1 : -1;
    const radius = (k / half) * 5;
    const t = (1.75 * k * 2 * Math.PI) / half + (cls > 0 ? 0 : Math.PI);
    x[2 * i] = (radius * Math.sin(t) + r.normal() * 0.1) / 6;
    x[2 * i + 1] = (radius * Math.cos(t) + r.normal() * 0.1) / 6;
    y[i] = cls;
  }
  return { x, y, n };
}

/** The digits shipped with the site (built by scripts/build-digits.mjs): training images in [0, 1], labels. */
function digits(size) {
  const bytes = readFileSync(join(root, 'public', 'data', `digits-${size}.bin`));
  const n = bytes.readUInt32LE(12); // training images come first
  const all = bytes.readUInt32LE(8);
  const px = size * size;
  const labels = Int32Array.from(bytes.subarray(16, 16 + n));
  const images = new Float32Array(n * px);
  for (let i = 0; i < n * px; i++) images[i] = bytes[16 + all + i] / 255;
  return { x: images, y: labels, n };
}

/** Batch i (cycling) of a fixed shuffled order: the same indices for every contender. */
function batcher(n, size, r) {
  const order = permutation(n, r);
  const count = Math.floor(n / size);
  return (i) => order.subarray((i % count) * size, (i % count) * size + size);
}

const range = (n) => Int32Array.from({ length: n }, (_, i) => i);

/** W1: the playground network, MLP 2→8→8→1, tanh everywhere, 0.5·MSE against ±1 labels, SGD. */
function w1() {
  const r = prng(1);
  const data = spiral(500, r);
  return {
    ...data,
    dim: 2,
    sizes: [2, 8, 8, 1],
    batch: 10,
    lr: 0.03,
    init: denseInit([2, 8, 8, 1], r),
    batchIdx: batcher(500, 10, r),
    checkIdx: range(500),
    verifySteps: 400,
  };
}

/** W1-grid: one forward pass, without gradients, over a 50×50 grid of [-1, 1]² (the heat map). */
function w1grid() {
  const base = w1();
  const side = 50;
  const grid = new Float32Array(side * side * 2);
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) {
      grid[2 * (i * side + j)] = -1 + (2 * j) / (side - 1);
      grid[2 * (i * side + j) + 1] = 1 - (2 * i) / (side - 1);
    }
  return { ...base, grid, points: side * side };
}

/** W2: digits MLP 64→32 ReLU→10, softmax cross-entropy, batch 32, SGD 0.1. */
function w2() {
  const r = prng(2);
  const data = digits(8);
  return {
    ...data,
    dim: 64,
    sizes: [64, 32, 10],
    batch: 32,
    lr: 0.1,
    init: denseInit([64, 32, 10], r, 'he'),
    batchIdx: batcher(data.n, 32, r),
    checkIdx: range(data.n),
    verifySteps: 150,
  };
}

/** W3: small CNN on 28×28 digits: conv 3×3 ×8 (valid) + ReLU, max-pool 2, dense 1352→10, cross-entropy. */
function w3() {
  const r = prng(3);
  const data = digits(28);
  const conv = new Float32Array(8 * 9);
  for (let i = 0; i < conv.length; i++) conv[i] = r.normal() * Math.sqrt(2 / 9);
  const dense = denseInit([1352, 10], r);
  return {
    ...data,
    dim: 784,
    batch: 16,
    lr: 0.01,
    // conv weight [8, 1, 3, 3] and bias [8]; dense weight [10, 1352] reading the pooled map in [c, i, j] order
    init: { conv, convBias: new Float32Array(8), W: dense.W[0], b: dense.b[0] },
    batchIdx: batcher(data.n, 16, r),
    checkIdx: range(64),
    verifySteps: 40,
  };
}

/** W4: the scalar Value graph: MLP 2→16→16→1 (tanh, tanh, linear) on one sample per step, squared error. */
function w4() {
  const r = prng(4);
  const data = spiral(100, r);
  return {
    ...data,
    sizes: [2, 16, 16, 1],
    lr: 0.01,
    init: denseInit([2, 16, 16, 1], r),
    sampleIdx: batcher(100, 1, r),
    verifySteps: 300,
  };
}

/** W5: one self-attention head, 16 tokens of width 32: Y = (softmax(QKᵀ/√32)·V)·Woᵀ + bo, MSE, SGD. */
function w5() {
  const r = prng(5);
  const T = 16, d = 32, n = 32;
  const x = new Float32Array(n * T * d);
  for (let i = 0; i < x.length; i++) x[i] = r.normal();
  // Targets from a "teacher" head with other weights, so there is something to learn.
  const teacher = [0, 1, 2, 3].map(() => denseInit([d, d], r).W[0]);
  const y = new Float32Array(n * T * d);
  for (let s = 0; s < n; s++) attentionForward(x.subarray(s * T * d, (s + 1) * T * d), teacher, T, d, y.subarray(s * T * d));
  const lin = [0, 1, 2, 3].map(() => denseInit([d, d], r));
  return {
    x, y, n, T, d,
    lr: 0.05,
    // Wq, Wk, Wv, Wo, each [d, d] (PyTorch layout), biases zero
    init: { W: lin.map((l) => l.W[0]), b: lin.map((l) => l.b[0]) },
    batchIdx: (i) => Int32Array.of(i % n),
    checkIdx: range(n),
    verifySteps: 150,
  };
}

/** Plain float64 attention without biases, for the teacher's targets. */
function attentionForward(X, [Wq, Wk, Wv, Wo], T, d, out) {
  const proj = (W) => {
    const o = new Float64Array(T * d);
    for (let t = 0; t < T; t++) for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += X[t * d + k] * W[j * d + k];
      o[t * d + j] = s;
    }
    return o;
  };
  const [Q, K, V] = [proj(Wq), proj(Wk), proj(Wv)];
  const O = new Float64Array(T * d);
  for (let t = 0; t < T; t++) {
    const a = new Float64Array(T);
    let m = -Infinity, z = 0;
    for (let u = 0; u < T; u++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += Q[t * d + k] * K[u * d + k];
      a[u] = s / Math.sqrt(d);
      m = Math.max(m, a[u]);
    }
    for (let u = 0; u < T; u++) z += a[u] = Math.exp(a[u] - m);
    for (let u = 0; u < T; u++) for (let k = 0; k < d; k++) O[t * d + k] += (a[u] / z) * V[u * d + k];
  }
  for (let t = 0; t < T; t++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += O[t * d + k] * Wo[j * d + k];
    out[t * d + j] = s;
  }
}

// --- W8: character LSTM language model ---------------------------------------------------------------

/**
 * A seeded character stream over V symbols with something to learn: each symbol is mostly followed by one
 * of four others (weights ½, ¼, ⅛, ⅛), a first-order Markov chain.
 */
function markovText(n, V, r) {
  const next = Array.from({ length: V }, () => Array.from({ length: 4 }, () => Math.floor(r.next() * V)));
  const text = new Int32Array(n);
  text[0] = 0;
  for (let i = 1; i < n; i++) {
    const u = r.next();
    const k = u < 0.5 ? 0 : u < 0.75 ? 1 : u < 0.875 ? 2 : 3;
    text[i] = next[text[i - 1]][k];
  }
  return text;
}

/** PyTorch's default initialization of recurrent layers: every weight and bias uniform in ±1/√H. */
function uniformInit(n, bound, r) {
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = (2 * r.next() - 1) * bound;
  return w;
}

/**
 * W8: a character LSTM language model: embedding V→E, one LSTM layer E→H (PyTorch's gate order i, f, g, o),
 * a dense head H→V, softmax cross-entropy averaged over the B·T positions, full backpropagation through
 * time, gradients clipped to a total norm of 1, SGD. Inputs are windows text[s .. s+T), targets text[s+1 .. s+T].
 */
function w8() {
  const r = prng(8);
  const V = 32, E = 16, H = 64, T = 24, B = 8;
  const text = markovText(8192, V, r);
  const starts = text.length - T - 1;
  const order = permutation(starts, r);
  const bound = 1 / Math.sqrt(H);
  const emb = new Float32Array(V * E);
  for (let i = 0; i < emb.length; i++) emb[i] = r.normal();
  const head = denseInit([H, V], r);
  return {
    text, V, E, H, T, B,
    lr: 1,
    clip: 1,
    // emb [V, E]; Wih [4H, E], Whh [4H, H], bih, bhh [4H] in PyTorch's layout; Wout [V, H], bout [V]
    init: {
      emb,
      Wih: uniformInit(4 * H * E, bound, r),
      Whh: uniformInit(4 * H * H, bound, r),
      bih: uniformInit(4 * H, bound, r),
      bhh: uniformInit(4 * H, bound, r),
      Wout: head.W[0],
      bout: head.b[0],
    },
    batchIdx: (i) => order.subarray((i * B) % (starts - B), ((i * B) % (starts - B)) + B),
    checkIdx: order.subarray(starts - 32, starts),
    verifySteps: 60,
  };
}

// --- W7: a tiny decoder-only transformer -----------------------------------------------------------

/** n values drawn from N(0, std²). */
function normalInit(n, std, r) {
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = r.normal() * std;
  return w;
}

/**
 * W7: a decoder-only transformer language model, GPT-2's shape at toy scale: vocabulary V = 32, sequences of
 * T = 32, width E = 64, L = 2 pre-LN blocks of H = 4 causal heads and an MLP E→256→E with GELU (tanh
 * form), a final LayerNorm, a head without bias; mean cross-entropy over the B·T = 8·32 positions, Adam.
 * Initialised as GPT-2: weights N(0, 0.02²), the two residual projections N(0, (0.02/√(2L))²), biases 0,
 * LayerNorms 1 and 0. Text: the Markov chain of W8, inputs text[s .. s+T), targets text[s+1 .. s+T].
 */
function w7() {
  const r = prng(7);
  const V = 32, T = 32, E = 64, L = 2, H = 4, F = 256, B = 8;
  const text = markovText(8192, V, r);
  const starts = text.length - T - 1;
  const order = permutation(starts, r);
  const std = 0.02, resStd = 0.02 / Math.sqrt(2 * L);
  const layers = Array.from({ length: L }, () => ({
    ln1w: new Float32Array(E).fill(1), ln1b: new Float32Array(E),
    Wqkv: normalInit(3 * E * E, std, r), bqkv: new Float32Array(3 * E), // [3E, E]: queries, keys, values
    Wo: normalInit(E * E, resStd, r), bo: new Float32Array(E),
    ln2w: new Float32Array(E).fill(1), ln2b: new Float32Array(E),
    W1: normalInit(F * E, std, r), b1: new Float32Array(F), // [F, E]
    W2: normalInit(E * F, resStd, r), b2: new Float32Array(E), // [E, F]
  }));
  return {
    text, V, T, E, L, H, F, B,
    lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8,
    init: {
      tok: normalInit(V * E, std, r),
      pos: normalInit(T * E, std, r),
      layers,
      lnfw: new Float32Array(E).fill(1), lnfb: new Float32Array(E),
      head: normalInit(V * E, std, r), // [V, E]
    },
    batchIdx: (i) => order.subarray((i * B) % (starts - B), ((i * B) % (starts - B)) + B),
    checkIdx: order.subarray(starts - 16, starts),
    verifySteps: 20,
  };
}

/** Matmul kernel: C = A·B for n×n float32 matrices. */
function mm(n) {
  const r = prng(6 + n);
  const a = new Float32Array(n * n);
  const b = new Float32Array(n * n);
  for (let i = 0; i < a.length; i++) {
    a[i] = 2 * r.next() - 1;
    b[i] = 2 * r.next() - 1;
  }
  return { n, a, b, flops: 2 * n * n * n };
}

/**
 * The workloads, in the order the report lists them. `unit` names what one step is; `trains` says whether a
 * contender's check is a falling loss (else a checksum of the output, compared with the reference's).
 */
export const WORKLOADS = {
  W1: { title: 'W1 playground net, train step', unit: 'steps', trains: true, build: w1 },
  'W1-grid': { title: 'W1-grid heat map, 2,500-point forward', unit: 'passes', trains: false, build: w1grid },
  W2: { title: 'W2 digits MLP, train step', unit: 'steps', trains: true, build: w2 },
  W3: { title: 'W3 small CNN, train step', unit: 'steps', trains: true, build: w3 },
  W4: { title: 'W4 scalar Value graph, train step', unit: 'steps', trains: true, build: w4, reference: 'micrograd' },
  W5: { title: 'W5 attention head, train step', unit: 'steps', trains: true, build: w5 },
  W7: { title: 'W7 tiny transformer, train step', unit: 'steps', trains: true, build: w7 },
  W8: { title: 'W8 character LSTM, train step', unit: 'steps', trains: true, build: w8 },
  MM64: { title: 'Matmul 64×64', unit: 'products', trains: false, build: () => mm(64) },
  MM256: { title: 'Matmul 256×256', unit: 'products', trains: false, build: () => mm(256) },
};

/** Weighted sum of an output, so a contender whose numbers are right but in the wrong places is caught. */
export function checksum(values) {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * (1 + (i % 7));
  return s;
}
