// Recurrent cells as fused ops, each a few graph nodes per time step instead of a dozen: the gates of an
// LSTM, a GRU or a plain RNN (one matrix product over the hidden state, added to the input's share, and the
// activations), the LSTM's cell update and output, and the GRU's blend. PyTorch's equations and gate order.
//
// The input's share xg = x·W_ihᵀ + b_ih is computed outside, by `linear`: for a whole sequence that is one
// product over every time step at once, and each step's op reads its rows of xg ([B, T, G]) at `step` t.
// NOTE: gate ops return the activated gates as a tensor ([B, G], the gates side by side in blocks of H
// columns), so a widget can read them, and retain their gradient, like any other step of the graph.
import { mmNN, mmNT, mmTN } from './matmul.ts';
import { tanh32 } from './unary.ts';
import { alloc, allocGrad, isFloat32, recycle } from '../storage.ts';
import { result, shapeStr, type Tensor } from '../tensor.ts';

/** Where row b of the input's share lives: xg is [B, G], or [B, T, G] read at time `step`. */
interface Rows {
  B: number;
  G: number;
  H: number;
  /** Offset of row b is b·stride + first. */
  stride: number;
  first: number;
}

/** Checks the shapes of a gate op and says where xg's rows are. G = gates·H. */
function rowsOf(op: string, xg: Tensor, h: Tensor, w: Tensor, b: Tensor | null, gates: number, step?: number): Rows {
  const [B, H] = h.shape;
  const G = gates * H;
  const fail = (what: string): never => {
    throw new Error(`${op}: ${what} (input share ${shapeStr(xg.shape)}, hidden state ${shapeStr(h.shape)}, weight_hh ${shapeStr(w.shape)})`);
  };
  if (h.shape.length !== 2) fail('the hidden state must be [B, H]');
  if (w.shape.length !== 2 || w.shape[0] !== G || w.shape[1] !== H) fail(`weight_hh must be [${G}, ${H}]`);
  if (b && (b.shape.length !== 1 || b.shape[0] !== G)) fail(`bias_hh ${shapeStr(b.shape)} must be [${G}]`);
  if (step === undefined) {
    if (xg.shape.length !== 2 || xg.shape[0] !== B || xg.shape[1] !== G) fail(`the input share must be [${B}, ${G}]`);
    return { B, G, H, stride: G, first: 0 };
  }
  const T = xg.shape[1];
  if (xg.shape.length !== 3 || xg.shape[0] !== B || xg.shape[2] !== G) fail(`the input share must be [${B}, T, ${G}]`);
  if (!Number.isInteger(step) || step < 0 || step >= T) fail(`step ${step} is outside 0..${T - 1}`);
  return { B, G, H, stride: T * G, first: step * G };
}

/** pre = (xg rows, or 0) + b + h·Wᵀ: [B, G]. */
function preActivation(r: Rows, xg: Tensor | null, h: Tensor, w: Tensor, b: Tensor | null): Float32Array {
  const { B, G, H } = r;
  const pre = alloc(B * G);
  for (let i = 0; i < B; i++) {
    const o = i * G;
    if (xg) pre.set(xg.data.subarray(i * r.stride + r.first, i * r.stride + r.first + G), o);
    if (b) for (let j = 0; j < G; j++) pre[o + j] += b.data[j];
  }
  mmNT(h.data, 0, w.data, 0, pre, 0, B, H, G);
  return pre;
}

/** The backward of h·Wᵀ + b for d = dL/d(h·Wᵀ + b) [B, G]: dh += d·W, dW += dᵀ·h, db += Σ_rows d. */
function hiddenProductBackward(r: Rows, d: Float32Array, h: Tensor, w: Tensor, b: Tensor | null): void {
  const { B, G, H } = r;
  if (h.requiresGrad) mmNN(d, 0, w.data, 0, h.gradData(), 0, B, G, H);
  if (w.requiresGrad) mmTN(d, 0, h.data, 0, w.gradData(), 0, G, B, H);
  if (b && b.requiresGrad) {
    const gb = b.gradData();
    for (let i = 0; i < B; i++) for (let j = 0; j < G; j++) gb[j] += d[i * G + j];
  }
}

/** xg's rows += d [B, G]. */
function addToRows(r: Rows, d: Float32Array, xg: Tensor): void {
  if (!xg.requiresGrad) return;
  const gx = xg.gradData();
  for (let i = 0; i < r.B; i++) {
    const o = i * r.stride + r.first;
    for (let j = 0; j < r.G; j++) gx[o + j] += d[i * r.G + j];
  }
}

// σ(x) = 1/(1 + e⁻ˣ) = ½ + ½·tanh(x/2): in float32 through the fast tanh of unary.ts (absolute error about
// 1e-8; 0.5 to 0.9 of the time of the Math.exp form in a micro-benchmark), in float64 (gradient checks)
// through Math.tanh.
const sigmoid32 = (x: number): number => 0.5 + 0.5 * tanh32(0.5 * x);
const sigmoid64 = (x: number): number => 0.5 + 0.5 * Math.tanh(0.5 * x);
const tanhOf = (): ((x: number) => number) => (isFloat32() ? tanh32 : Math.tanh);
const sigmoidOf = (): ((x: number) => number) => (isFloat32() ? sigmoid32 : sigmoid64);

/**
 * The four gates of an LSTM step, activated, in PyTorch's order: [B, 4H] holding (i, f, g, o).
 *   (i, f, g, o) = (σ, σ, tanh, σ)(xg + h·W_hhᵀ + b_hh),   xg = x·W_ihᵀ + b_ih
 * xg: [B, 4H], or [B, T, 4H] with `step` t; h: [B, H]; weightHh: [4H, H]; biasHh: [4H] or null.
 * Backward, for a = σ(p): dp = da·a(1 - a); for a = tanh(p): dp = da·(1 - a²); then dxg = dp,
 * dh = dp·W_hh, dW_hh = dpᵀ·h, db_hh = Σ_rows dp.
 */
export function lstmGates(xg: Tensor, h: Tensor, weightHh: Tensor, biasHh: Tensor | null, step?: number): Tensor {
  const r = rowsOf('lstmGates', xg, h, weightHh, biasHh, 4, step);
  const { B, G, H } = r;
  const a = preActivation(r, xg, h, weightHh, biasHh);
  const th = tanhOf(), sigmoid = sigmoidOf();
  for (let i = 0; i < B; i++) {
    const o = i * G;
    for (let j = 0; j < 2 * H; j++) a[o + j] = sigmoid(a[o + j]);
    for (let j = 2 * H; j < 3 * H; j++) a[o + j] = th(a[o + j]);
    for (let j = 3 * H; j < G; j++) a[o + j] = sigmoid(a[o + j]);
  }
  return result(a, [B, G], 'lstmGates', biasHh ? [xg, h, weightHh, biasHh] : [xg, h, weightHh], (out) => {
    const g = out.grad!.data;
    const d = allocGrad(B * G); // scratch, handed back below
    for (let i = 0; i < B; i++) {
      const o = i * G;
      for (let j = o; j < o + 2 * H; j++) d[j] = g[j] * a[j] * (1 - a[j]);
      for (let j = o + 2 * H; j < o + 3 * H; j++) d[j] = g[j] * (1 - a[j] * a[j]);
      for (let j = o + 3 * H; j < o + G; j++) d[j] = g[j] * a[j] * (1 - a[j]);
    }
    addToRows(r, d, xg);
    hiddenProductBackward(r, d, h, weightHh, biasHh);
    recycle(d);
  });
}

/** The gates [B, gates·H] and a state [B, H] agree. */
function checkState(op: string, gates: Tensor, s: Tensor, count: number): [number, number] {
  const [B, H] = s.shape;
  if (s.shape.length !== 2 || gates.shape.length !== 2 || gates.shape[0] !== B || gates.shape[1] !== count * H) {
    throw new Error(`${op}: gates ${shapeStr(gates.shape)} do not fit a state ${shapeStr(s.shape)} (expects gates [B, ${count}·H] and state [B, H])`);
  }
  return [B, H];
}

/**
 * The LSTM's new cell state from its gates (i, f, g, o) [B, 4H] and the old cell state c [B, H]:
 *   c' = f⊙c + i⊙g                                        [B, H]
 * dc = dc'⊙f;  di = dc'⊙g,  df = dc'⊙c,  dg = dc'⊙i  (the output gate gets nothing here).
 */
export function lstmCellState(gates: Tensor, c: Tensor): Tensor {
  const [B, H] = checkState('lstmCellState', gates, c, 4);
  const a = gates.data, cd = c.data, y = alloc(B * H);
  for (let i = 0; i < B; i++)
    for (let k = 0; k < H; k++) {
      const o = i * 4 * H + k;
      y[i * H + k] = a[o + H] * cd[i * H + k] + a[o] * a[o + 2 * H];
    }
  return result(y, [B, H], 'lstmCellState', [gates, c], (out) => {
    const g = out.grad!.data;
    const ga = gates.requiresGrad ? gates.gradData() : null;
    const gc = c.requiresGrad ? c.gradData() : null;
    for (let i = 0; i < B; i++)
      for (let k = 0; k < H; k++) {
        const o = i * 4 * H + k, d = g[i * H + k];
        if (ga) {
          ga[o] += d * a[o + 2 * H];
          ga[o + H] += d * cd[i * H + k];
          ga[o + 2 * H] += d * a[o];
        }
        if (gc) gc[i * H + k] += d * a[o + H];
      }
  });
}

/**
 * The LSTM's output from its gates (i, f, g, o) [B, 4H] and its new cell state c' [B, H]:
 *   h' = o⊙tanh(c')                                       [B, H]
 * do = dh'⊙tanh(c'),  dc' = dh'⊙o⊙(1 - tanh²(c')).
 */
export function lstmHidden(gates: Tensor, c: Tensor): Tensor {
  const [B, H] = checkState('lstmHidden', gates, c, 4);
  const a = gates.data, tc = alloc(B * H), y = alloc(B * H);
  const th = tanhOf();
  for (let i = 0; i < B; i++)
    for (let k = 0; k < H; k++) {
      const t = (tc[i * H + k] = th(c.data[i * H + k]));
      y[i * H + k] = a[i * 4 * H + 3 * H + k] * t;
    }
  return result(y, [B, H], 'lstmHidden', [gates, c], (out) => {
    const g = out.grad!.data;
    const ga = gates.requiresGrad ? gates.gradData() : null;
    const gc = c.requiresGrad ? c.gradData() : null;
    for (let i = 0; i < B; i++)
      for (let k = 0; k < H; k++) {
        const o = i * 4 * H + 3 * H + k, d = g[i * H + k], t = tc[i * H + k];
        if (ga) ga[o] += d * t;
        if (gc) gc[i * H + k] += d * a[o] * (1 - t * t);
      }
  });
}

/**
 * The three gates of a GRU step, activated, in PyTorch's order: [B, 3H] holding (r, z, n).
 *   r = σ(xg_r + gh_r),  z = σ(xg_z + gh_z),  n = tanh(xg_n + r⊙gh_n),   gh = h·W_hhᵀ + b_hh
 * xg = x·W_ihᵀ + b_ih: [B, 3H], or [B, T, 3H] with `step` t; h: [B, H]; weightHh: [3H, H]; biasHh: [3H] or null.
 * NOTE: b_hn sits inside r⊙(…), as in PyTorch and cuDNN (Keras's reset_after), so b_ih and b_hh are not
 * interchangeable; Cho et al. (2014) apply r to h before the product instead.
 * Backward: dpₙ = dn·(1 - n²) goes to xg_n, and r⊙dpₙ to gh_n; r gets dr + dpₙ⊙gh_n; then
 * dp_r = dr·r(1 - r) and dp_z = dz·z(1 - z) go to both xg and gh; gh's gradient goes on to h, W_hh, b_hh.
 */
export function gruGates(xg: Tensor, h: Tensor, weightHh: Tensor, biasHh: Tensor | null, step?: number): Tensor {
  const r = rowsOf('gruGates', xg, h, weightHh, biasHh, 3, step);
  const { B, G, H } = r;
  const gh = preActivation(r, null, h, weightHh, biasHh);
  const a = alloc(B * G);
  const th = tanhOf(), sigmoid = sigmoidOf();
  const x = xg.data;
  for (let i = 0; i < B; i++) {
    const o = i * G, xo = i * r.stride + r.first;
    for (let j = 0; j < 2 * H; j++) a[o + j] = sigmoid(x[xo + j] + gh[o + j]);
    for (let j = 2 * H; j < G; j++) a[o + j] = th(x[xo + j] + a[o + j - 2 * H] * gh[o + j]);
  }
  return result(a, [B, G], 'gruGates', biasHh ? [xg, h, weightHh, biasHh] : [xg, h, weightHh], (out) => {
    const g = out.grad!.data;
    const dx = allocGrad(B * G), dh = allocGrad(B * G); // scratch, handed back below
    for (let i = 0; i < B; i++) {
      const o = i * G;
      for (let k = 0; k < H; k++) {
        const rk = o + k, zk = rk + H, nk = rk + 2 * H;
        const dn = g[nk] * (1 - a[nk] * a[nk]);
        const dr = (g[rk] + dn * gh[nk]) * a[rk] * (1 - a[rk]);
        const dz = g[zk] * a[zk] * (1 - a[zk]);
        dx[rk] = dh[rk] = dr;
        dx[zk] = dh[zk] = dz;
        dx[nk] = dn;
        dh[nk] = dn * a[rk];
      }
    }
    addToRows(r, dx, xg);
    hiddenProductBackward(r, dh, h, weightHh, biasHh);
    recycle(dx);
    recycle(dh);
  });
}

/**
 * The GRU's new hidden state from its gates (r, z, n) [B, 3H] and the old state h [B, H]:
 *   h' = (1 - z)⊙n + z⊙h                                  [B, H]
 * dz = dh'⊙(h - n),  dn = dh'⊙(1 - z),  dh = dh'⊙z  (r acts inside the gates op).
 */
export function gruHidden(gates: Tensor, h: Tensor): Tensor {
  const [B, H] = checkState('gruHidden', gates, h, 3);
  const a = gates.data, hd = h.data, y = alloc(B * H);
  for (let i = 0; i < B; i++)
    for (let k = 0; k < H; k++) {
      const z = a[i * 3 * H + H + k];
      y[i * H + k] = (1 - z) * a[i * 3 * H + 2 * H + k] + z * hd[i * H + k];
    }
  return result(y, [B, H], 'gruHidden', [gates, h], (out) => {
    const g = out.grad!.data;
    const ga = gates.requiresGrad ? gates.gradData() : null;
    const gh = h.requiresGrad ? h.gradData() : null;
    for (let i = 0; i < B; i++)
      for (let k = 0; k < H; k++) {
        const zo = i * 3 * H + H + k, no = zo + H, d = g[i * H + k], z = a[zo];
        if (ga) {
          ga[zo] += d * (hd[i * H + k] - a[no]);
          ga[no] += d * (1 - z);
        }
        if (gh) gh[i * H + k] += d * z;
      }
  });
}

/**
 * One step of a plain (Elman) RNN:  h' = φ(xg + h·W_hhᵀ + b_hh),  xg = x·W_ihᵀ + b_ih,  φ = tanh, relu, or
 * 'linear' (none: not in PyTorch, here for the analysis of gradients through time, where it makes them exact).
 * xg: [B, H], or [B, T, H] with `step` t; h: [B, H]; weightHh: [H, H]; biasHh: [H] or null. → [B, H]
 * dp = dh'·(1 - h'²) for tanh, dh'·[p > 0] for relu, dh' for linear; then dxg = dp, dh = dp·W_hh,
 * dW_hh = dpᵀ·h, db_hh = Σ_rows dp.
 */
export function rnnStep(xg: Tensor, h: Tensor, weightHh: Tensor, biasHh: Tensor | null, nonlinearity: 'tanh' | 'relu' | 'linear' = 'tanh', step?: number): Tensor {
  const r = rowsOf('rnnStep', xg, h, weightHh, biasHh, 1, step);
  const y = preActivation(r, xg, h, weightHh, biasHh);
  if (nonlinearity === 'relu') for (let i = 0; i < y.length; i++) y[i] = y[i] > 0 ? y[i] : 0;
  else if (nonlinearity === 'tanh') {
    const th = tanhOf();
    for (let i = 0; i < y.length; i++) y[i] = th(y[i]);
  } else if (nonlinearity !== 'linear') throw new Error(`rnnStep: nonlinearity must be 'tanh', 'relu' or 'linear', got ${String(nonlinearity)}`);
  return result(y, [r.B, r.H], 'rnnStep', biasHh ? [xg, h, weightHh, biasHh] : [xg, h, weightHh], (out) => {
    const g = out.grad!.data;
    const d = allocGrad(y.length); // scratch, handed back below
    if (nonlinearity === 'relu') for (let i = 0; i < y.length; i++) d[i] = y[i] > 0 ? g[i] : 0;
    else if (nonlinearity === 'tanh') for (let i = 0; i < y.length; i++) d[i] = g[i] * (1 - y[i] * y[i]);
    else d.set(g);
    addToRows(r, d, xg);
    hiddenProductBackward(r, d, h, weightHh, biasHh);
    recycle(d);
  });
}

/**
 * The input's share of every step of a batch-first sequence in one product, for LSTM and RNN layers:
 *   xg = x·W_ihᵀ + b_ih     x: [B, T, in], weightIh: [G, in], biasIh: [G] or null → [B, T, G]
 * The step ops read W_hh and b_hh detached (recording nothing for them), and this node, which backward
 * reaches after every step, adds their gradient for all steps at once. With p_t = xg_t + h_{t-1}·W_hhᵀ + b_hh
 * the pre-activation of step t, what step t sends back to xg_t is dp_t, so with g = dL/dxg:
 *   dx = g·W_ih,  dW_ih = gᵀ·x,  dW_hh = Σ_{b,t} g[b, t]ᵀ·h_{t-1}[b],  db_ih = db_hh = Σ_{b,t} g[b, t]
 * one product over B·T rows for W_hh instead of T products over B rows. `previous[t]` is h_{t-1} [B, H]
 * (h_{-1} the initial state), filled in by the caller as the steps run.
 * NOTE: not for the GRU, whose candidate sees r⊙(h·W_hnᵀ + b_hn) rather than p_t.
 */
export function recurrentInput(x: Tensor, weightIh: Tensor, biasIh: Tensor | null, weightHh: Tensor, biasHh: Tensor | null, previous: Tensor[]): Tensor {
  const [B, T, I] = x.shape;
  const [G, H] = weightHh.shape;
  if (x.shape.length !== 3 || weightIh.shape[0] !== G || weightIh.shape[1] !== I) {
    throw new Error(`recurrentInput: input ${shapeStr(x.shape)} does not fit weight_ih ${shapeStr(weightIh.shape)} and weight_hh ${shapeStr(weightHh.shape)}`);
  }
  const N = B * T;
  const data = alloc(N * G);
  if (biasIh) for (let r = 0; r < N; r++) data.set(biasIh.data, r * G);
  mmNT(x.data, 0, weightIh.data, 0, data, 0, N, I, G);
  const inputs = [x, weightIh, weightHh];
  if (biasIh) inputs.push(biasIh);
  if (biasHh) inputs.push(biasHh);
  return result(data, [B, T, G], 'recurrentInput', inputs, (out) => {
    const g = out.grad!.data;
    if (x.requiresGrad) mmNN(g, 0, weightIh.data, 0, x.gradData(), 0, N, G, I);
    if (weightIh.requiresGrad) mmTN(g, 0, x.data, 0, weightIh.gradData(), 0, G, N, I);
    if (weightHh.requiresGrad) {
      const hp = allocGrad(N * H); // h_{t-1} at row b·T + t, as xg's rows
      for (let t = 0; t < T; t++) {
        const h = previous[t].data;
        for (let b = 0; b < B; b++) hp.set(h.subarray(b * H, (b + 1) * H), (b * T + t) * H);
      }
      mmTN(g, 0, hp, 0, weightHh.gradData(), 0, G, N, H);
      recycle(hp);
    }
    const gi = biasIh && biasIh.requiresGrad ? biasIh.gradData() : null;
    const gh = biasHh && biasHh.requiresGrad ? biasHh.gradData() : null;
    if (gi || gh) {
      for (let j = 0; j < G; j++) {
        let s = 0;
        for (let r = 0; r < N; r++) s += g[r * G + j];
        if (gi) gi[j] += s;
        if (gh) gh[j] += s;
      }
    }
  });
}
