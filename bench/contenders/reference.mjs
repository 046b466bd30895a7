// The hand-written references: one plain Float32Array program per workload, every buffer allocated once,
// no graph, no abstraction beyond a few loop helpers. This is the practical limit of plain JavaScript on
// these sizes; every other contender is reported as a ratio to it.
import { checksum } from '../workloads.mjs';

// y[r, j] = b[j] + Σ_k x[r, k]·W[j, k]   (W in [out, in] layout); then the activation in place.
function dense(x, W, b, y, rows, nin, nout) {
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < nout; j++) {
      let s = b[j];
      for (let k = 0; k < nin; k++) s += x[r * nin + k] * W[j * nin + k];
      y[r * nout + j] = s;
    }
}

// gW[j, k] = Σ_r d[r, j]·x[r, k], gb[j] = Σ_r d[r, j]; then W -= lr·gW and b -= lr·gb.
function denseUpdate(x, d, W, b, rows, nin, nout, lr) {
  for (let j = 0; j < nout; j++) {
    let gb = 0;
    for (let r = 0; r < rows; r++) gb += d[r * nout + j];
    b[j] -= lr * gb;
    for (let k = 0; k < nin; k++) {
      let g = 0;
      for (let r = 0; r < rows; r++) g += d[r * nout + j] * x[r * nin + k];
      W[j * nin + k] -= lr * g;
    }
  }
}

// dx[r, k] = Σ_j d[r, j]·W[j, k]   (before the update of W).
function denseBack(d, W, dx, rows, nin, nout) {
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < nin; k++) {
      let s = 0;
      for (let j = 0; j < nout; j++) s += d[r * nout + j] * W[j * nin + k];
      dx[r * nin + k] = s;
    }
}

function gather(src, dim, idx, out) {
  for (let r = 0; r < idx.length; r++) for (let k = 0; k < dim; k++) out[r * dim + k] = src[idx[r] * dim + k];
}

/** Softmax cross-entropy in place: turns logits z [B, K] into dL/dz and returns the mean loss. */
function softmaxCE(z, labels, B, K) {
  let loss = 0;
  for (let r = 0; r < B; r++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, z[r * K + k]);
    let s = 0;
    for (let k = 0; k < K; k++) s += z[r * K + k] = Math.exp(z[r * K + k] - m);
    loss += Math.log(s) - Math.log(z[r * K + labels[r]]);
    for (let k = 0; k < K; k++) z[r * K + k] /= s * B;
    z[r * K + labels[r]] -= 1 / B;
  }
  return loss / B;
}

/** The three-layer tanh MLP of W1 over `rows` inputs; returns the output buffer. */
function mlp3(spec) {
  const W = spec.init.W.map((w) => w.slice());
  const b = spec.init.b.map((v) => v.slice());
  const [n0, n1, n2, n3] = spec.sizes;
  const forward = (x, rows, h1, h2, o) => {
    dense(x, W[0], b[0], h1, rows, n0, n1);
    for (let i = 0; i < rows * n1; i++) h1[i] = Math.tanh(h1[i]);
    dense(h1, W[1], b[1], h2, rows, n1, n2);
    for (let i = 0; i < rows * n2; i++) h2[i] = Math.tanh(h2[i]);
    dense(h2, W[2], b[2], o, rows, n2, n3);
    for (let i = 0; i < rows * n3; i++) o[i] = Math.tanh(o[i]);
  };
  return { W, b, forward, sizes: spec.sizes };
}

export const workloads = {
  W1(spec) {
    const net = mlp3(spec);
    const { W, b, forward } = net;
    const [n0, n1, n2, n3] = spec.sizes;
    const B = spec.batch;
    const x = new Float32Array(B * n0), t = new Float32Array(B);
    const h1 = new Float32Array(B * n1), h2 = new Float32Array(B * n2), o = new Float32Array(B * n3);
    const d1 = new Float32Array(B * n1), d2 = new Float32Array(B * n2), d3 = new Float32Array(B * n3);
    const step = (i) => {
      const idx = spec.batchIdx(i);
      gather(spec.x, n0, idx, x);
      gather(spec.y, 1, idx, t);
      forward(x, B, h1, h2, o);
      // L = (1/B) Σ ½(o - t)²; through the output tanh: dL/dz = (o - t)(1 - o²)/B
      for (let r = 0; r < B; r++) d3[r] = ((o[r] - t[r]) * (1 - o[r] * o[r])) / B;
      denseBack(d3, W[2], d2, B, n2, n3);
      for (let i = 0; i < B * n2; i++) d2[i] *= 1 - h2[i] * h2[i];
      denseBack(d2, W[1], d1, B, n1, n2);
      for (let i = 0; i < B * n1; i++) d1[i] *= 1 - h1[i] * h1[i];
      denseUpdate(h2, d3, W[2], b[2], B, n2, n3, spec.lr);
      denseUpdate(h1, d2, W[1], b[1], B, n1, n2, spec.lr);
      denseUpdate(x, d1, W[0], b[0], B, n0, n1, spec.lr);
    };
    const N = spec.checkIdx.length;
    const loss = () => {
      const xa = new Float32Array(N * n0), ya = new Float32Array(N), out = new Float32Array(N);
      gather(spec.x, n0, spec.checkIdx, xa);
      gather(spec.y, 1, spec.checkIdx, ya);
      forward(xa, N, new Float32Array(N * n1), new Float32Array(N * n2), out);
      let s = 0;
      for (let r = 0; r < N; r++) s += 0.5 * (out[r] - ya[r]) ** 2;
      return s / N;
    };
    return { step, loss };
  },

  'W1-grid'(spec) {
    const { forward, sizes } = mlp3(spec);
    const P = spec.points;
    const h1 = new Float32Array(P * sizes[1]), h2 = new Float32Array(P * sizes[2]), out = new Float32Array(P);
    return { step: () => forward(spec.grid, P, h1, h2, out), loss: () => checksum(out) };
  },

  W2(spec) {
    const W = spec.init.W.map((w) => w.slice());
    const b = spec.init.b.map((v) => v.slice());
    const [n0, n1, n2] = spec.sizes;
    const B = spec.batch;
    const x = new Float32Array(B * n0), labels = new Int32Array(B);
    const h = new Float32Array(B * n1), z = new Float32Array(B * n2), dh = new Float32Array(B * n1);
    const forward = (xs, rows, hs, zs) => {
      dense(xs, W[0], b[0], hs, rows, n0, n1);
      for (let i = 0; i < rows * n1; i++) if (hs[i] < 0) hs[i] = 0;
      dense(hs, W[1], b[1], zs, rows, n1, n2);
    };
    const step = (i) => {
      const idx = spec.batchIdx(i);
      gather(spec.x, n0, idx, x);
      for (let r = 0; r < B; r++) labels[r] = spec.y[idx[r]];
      forward(x, B, h, z);
      softmaxCE(z, labels, B, n2); // z now holds dL/dz
      denseBack(z, W[1], dh, B, n1, n2);
      for (let i = 0; i < B * n1; i++) if (h[i] <= 0) dh[i] = 0;
      denseUpdate(h, z, W[1], b[1], B, n1, n2, spec.lr);
      denseUpdate(x, dh, W[0], b[0], B, n0, n1, spec.lr);
    };
    const loss = () => {
      const N = spec.checkIdx.length;
      const xa = new Float32Array(N * n0), za = new Float32Array(N * n2);
      gather(spec.x, n0, spec.checkIdx, xa);
      forward(xa, N, new Float32Array(N * n1), za);
      return softmaxCE(za, Int32Array.from(spec.checkIdx, (i) => spec.y[i]), N, n2);
    };
    return { step, loss };
  },

  W3(spec) {
    const w = spec.init.conv.slice(), cb = spec.init.convBias.slice();
    const W = spec.init.W.slice(), b = spec.init.b.slice();
    const B = spec.batch, O = 8, S = 28, C = 26, P = 13, F = O * P * P, K = 10;
    const maxRows = Math.max(B, spec.checkIdx.length);
    const x = new Float32Array(maxRows * S * S), labels = new Int32Array(maxRows);
    const conv = new Float32Array(maxRows * O * C * C), pooled = new Float32Array(maxRows * F);
    const arg = new Int32Array(maxRows * F), z = new Float32Array(maxRows * K);
    const dp = new Float32Array(B * F), dconv = new Float32Array(B * O * C * C);
    const forward = (rows) => {
      // Direct 3×3 convolution with the filter held in locals, then the ReLU.
      for (let o = 0; o < O; o++) {
        const w0 = w[o * 9], w1 = w[o * 9 + 1], w2 = w[o * 9 + 2], w3 = w[o * 9 + 3], w4 = w[o * 9 + 4];
        const w5 = w[o * 9 + 5], w6 = w[o * 9 + 6], w7 = w[o * 9 + 7], w8 = w[o * 9 + 8], bias = cb[o];
        for (let r = 0; r < rows; r++)
          for (let i = 0; i < C; i++) {
            const p = r * S * S + i * S;
            const out = ((r * O + o) * C + i) * C;
            for (let j = 0; j < C; j++) {
              const q = p + j;
              const s = bias + w0 * x[q] + w1 * x[q + 1] + w2 * x[q + 2] + w3 * x[q + S] + w4 * x[q + S + 1] +
                w5 * x[q + S + 2] + w6 * x[q + 2 * S] + w7 * x[q + 2 * S + 1] + w8 * x[q + 2 * S + 2];
              conv[out + j] = s > 0 ? s : 0;
            }
          }
      }
      for (let r = 0; r < rows; r++)
        for (let o = 0; o < O; o++)
          for (let i = 0; i < P; i++)
            for (let j = 0; j < P; j++) {
              const base = ((r * O + o) * C + 2 * i) * C + 2 * j;
              let at = base;
              if (conv[base + 1] > conv[at]) at = base + 1;
              if (conv[base + C] > conv[at]) at = base + C;
              if (conv[base + C + 1] > conv[at]) at = base + C + 1;
              const k = r * F + (o * P + i) * P + j;
              pooled[k] = conv[at];
              arg[k] = at;
            }
      dense(pooled, W, b, z, rows, F, K);
    };
    const load = (idx) => {
      gather(spec.x, S * S, idx, x);
      for (let r = 0; r < idx.length; r++) labels[r] = spec.y[idx[r]];
    };
    const step = (i) => {
      load(spec.batchIdx(i));
      forward(B);
      softmaxCE(z, labels, B, K);
      denseBack(z, W, dp, B, F, K);
      dconv.fill(0);
      // The pooled gradient goes to the maximum of each window, and through the ReLU where it was active.
      for (let k = 0; k < B * F; k++) if (conv[arg[k]] > 0) dconv[arg[k]] = dp[k];
      denseUpdate(pooled, z, W, b, B, F, K, spec.lr);
      // dL/dw[o, u, v] = Σ g[r, o, i, j]·x[r, i + u, j + v]; dL/dbias[o] = Σ g. No gradient for the input.
      for (let o = 0; o < O; o++) {
        let g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0, g8 = 0, gb = 0;
        for (let r = 0; r < B; r++)
          for (let i = 0; i < C; i++) {
            const p = r * S * S + i * S;
            const d = ((r * O + o) * C + i) * C;
            for (let j = 0; j < C; j++) {
              const g = dconv[d + j];
              if (g === 0) continue;
              const q = p + j;
              gb += g;
              g0 += g * x[q]; g1 += g * x[q + 1]; g2 += g * x[q + 2];
              g3 += g * x[q + S]; g4 += g * x[q + S + 1]; g5 += g * x[q + S + 2];
              g6 += g * x[q + 2 * S]; g7 += g * x[q + 2 * S + 1]; g8 += g * x[q + 2 * S + 2];
            }
          }
        const grads = [g0, g1, g2, g3, g4, g5, g6, g7, g8];
        for (let k = 0; k < 9; k++) w[o * 9 + k] -= spec.lr * grads[k];
        cb[o] -= spec.lr * gb;
      }
    };
    const loss = () => {
      load(spec.checkIdx);
      forward(spec.checkIdx.length);
      return softmaxCE(z, labels, spec.checkIdx.length, K);
    };
    return { step, loss };
  },

  W5(spec) {
    const { T, d } = spec;
    const W = spec.init.W.map((v) => v.slice()), b = spec.init.b.map((v) => v.slice());
    const [Wq, Wk, Wv, Wo] = W, [bq, bk, bv, bo] = b;
    const buf = () => new Float32Array(T * d);
    const Q = buf(), K = buf(), V = buf(), O = buf(), Y = buf();
    const dY = buf(), dO = buf(), dQ = buf(), dK = buf(), dV = buf();
    const A = new Float32Array(T * T), dA = new Float32Array(T * T);
    const scale = 1 / Math.sqrt(d);
    const forward = (X) => {
      dense(X, Wq, bq, Q, T, d, d);
      dense(X, Wk, bk, K, T, d, d);
      dense(X, Wv, bv, V, T, d, d);
      for (let t = 0; t < T; t++) {
        let m = -Infinity;
        for (let u = 0; u < T; u++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += Q[t * d + k] * K[u * d + k];
          A[t * T + u] = s * scale;
          if (A[t * T + u] > m) m = A[t * T + u];
        }
        let z = 0;
        for (let u = 0; u < T; u++) z += A[t * T + u] = Math.exp(A[t * T + u] - m);
        for (let u = 0; u < T; u++) A[t * T + u] /= z;
      }
      O.fill(0);
      for (let t = 0; t < T; t++)
        for (let u = 0; u < T; u++) {
          const a = A[t * T + u];
          for (let k = 0; k < d; k++) O[t * d + k] += a * V[u * d + k];
        }
      dense(O, Wo, bo, Y, T, d, d);
    };
    const step = (i) => {
      const s = spec.batchIdx(i)[0];
      const X = spec.x.subarray(s * T * d, (s + 1) * T * d);
      const target = spec.y.subarray(s * T * d, (s + 1) * T * d);
      forward(X);
      // L = mean (Y - target)²   dL/dY = 2(Y - target)/(T·d)
      for (let k = 0; k < T * d; k++) dY[k] = (2 * (Y[k] - target[k])) / (T * d);
      denseBack(dY, Wo, dO, T, d, d);
      // O = A·V: dA = dO·Vᵀ, dV = Aᵀ·dO; softmax rows: dS = A ⊙ (dA - Σ dA⊙A), then the 1/√d scale
      dV.fill(0);
      for (let t = 0; t < T; t++) {
        let dot = 0;
        for (let u = 0; u < T; u++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += dO[t * d + k] * V[u * d + k];
          dA[t * T + u] = s;
          dot += s * A[t * T + u];
          const a = A[t * T + u];
          for (let k = 0; k < d; k++) dV[u * d + k] += a * dO[t * d + k];
        }
        for (let u = 0; u < T; u++) dA[t * T + u] = A[t * T + u] * (dA[t * T + u] - dot) * scale;
      }
      // S = Q·Kᵀ: dQ = dS·K, dK = dSᵀ·Q
      dQ.fill(0);
      dK.fill(0);
      for (let t = 0; t < T; t++)
        for (let u = 0; u < T; u++) {
          const g = dA[t * T + u];
          for (let k = 0; k < d; k++) {
            dQ[t * d + k] += g * K[u * d + k];
            dK[u * d + k] += g * Q[t * d + k];
          }
        }
      denseUpdate(O, dY, Wo, bo, T, d, d, spec.lr);
      denseUpdate(X, dQ, Wq, bq, T, d, d, spec.lr);
      denseUpdate(X, dK, Wk, bk, T, d, d, spec.lr);
      denseUpdate(X, dV, Wv, bv, T, d, d, spec.lr);
    };
    const loss = () => {
      let s = 0;
      for (const i of spec.checkIdx) {
        forward(spec.x.subarray(i * T * d, (i + 1) * T * d));
        for (let k = 0; k < T * d; k++) s += (Y[k] - spec.y[i * T * d + k]) ** 2;
      }
      return s / (spec.checkIdx.length * T * d);
    };
    return { step, loss };
  },

  // --- W8: character LSTM language model -------------------------------------------------------------
  W8(spec) {
    const { V, E, H, T, text } = spec;
    const G = 4 * H;
    const emb = spec.init.emb.slice(), Wih = spec.init.Wih.slice(), Whh = spec.init.Whh.slice();
    const bih = spec.init.bih.slice(), bhh = spec.init.bhh.slice(), Wout = spec.init.Wout.slice(), bout = spec.init.bout.slice();
    const params = [emb, Wih, Whh, bih, bhh, Wout, bout];
    const grads = params.map((p) => new Float32Array(p.length));
    const [gEmb, gWih, gWhh, gbih, gbhh, gWout, gbout] = grads;
    const maxB = Math.max(spec.B, spec.checkIdx.length);
    // Time-major buffers: row t·B + b. hs and cs hold T + 1 states, the first one zero.
    const ids = new Int32Array(T * maxB), targets = new Int32Array(T * maxB);
    const X = new Float32Array(T * maxB * E), gates = new Float32Array(T * maxB * G);
    const hs = new Float32Array((T + 1) * maxB * H), cs = new Float32Array((T + 1) * maxB * H);
    const tc = new Float32Array(T * maxB * H), Z = new Float32Array(T * maxB * V);
    const dH = new Float32Array(T * maxB * H), dpre = new Float32Array(T * maxB * G);
    const dh = new Float32Array(maxB * H), dc = new Float32Array(maxB * H), dX = new Float32Array(T * maxB * E);
    const bias = new Float32Array(G);

    const forward = (startsIdx) => {
      const B = startsIdx.length, N = T * B;
      for (let t = 0; t < T; t++)
        for (let b = 0; b < B; b++) {
          ids[t * B + b] = text[startsIdx[b] + t];
          targets[t * B + b] = text[startsIdx[b] + t + 1];
        }
      gather(emb, E, ids.subarray(0, N), X);
      for (let j = 0; j < G; j++) bias[j] = bih[j] + bhh[j];
      // Input projections of every step at once: gates = X·Wihᵀ + bih + bhh
      dense4(X, Wih, bias, gates, N, E, G);
      hs.fill(0, 0, B * H);
      cs.fill(0, 0, B * H);
      for (let t = 0; t < T; t++) lstmForwardStep(gates, hs, cs, tc, Whh, t, B, H);
      dense4(hs.subarray(B * H), Wout, bout, Z, N, H, V);
      return softmaxCE(Z, targets, N, V); // Z now holds dL/dZ
    };

    const step = (i) => {
      const startsIdx = spec.batchIdx(i);
      const B = startsIdx.length, N = T * B;
      forward(startsIdx);
      for (const g of grads) g.fill(0);
      dH.fill(0, 0, N * H);
      mm4(Z, 0, V, 1, Wout, 0, H, 1, dH, 0, N, V, H); // dH = dZ·Wout
      denseGrad4(hs.subarray(B * H), Z, gWout, gbout, N, H, V);
      // Backpropagation through time, from the last step to the first.
      dh.fill(0);
      dc.fill(0);
      for (let t = T - 1; t >= 0; t--) lstmBackwardStep(gates, cs, tc, dH, dh, dc, dpre, Whh, t, B, H);
      // Weight gradients over every step at once: dWhh = Σ_t dpre_tᵀ·h_{t-1}, dWih = dpreᵀ·X, and the embedding rows.
      denseGrad4(hs, dpre, gWhh, gbhh, N, H, G);
      denseGrad4(X, dpre, gWih, gbih, N, E, G);
      dX.fill(0, 0, N * E);
      mm4(dpre, 0, G, 1, Wih, 0, E, 1, dX, 0, N, G, E); // dX = dpre·Wih
      embeddingGrad(dX, ids, gEmb, N, E);
      // Clip the total gradient norm to spec.clip (as torch.nn.utils.clip_grad_norm_), then SGD.
      let ss = 0;
      for (const g of grads) ss += sumSquares(g);
      const scale = Math.min(1, spec.clip / (Math.sqrt(ss) + 1e-6));
      for (let n = 0; n < params.length; n++) axpy(params[n], grads[n], -spec.lr * scale);
    };
    return { step, loss: () => forward(spec.checkIdx) };
  },

  // W7: the transformer, every buffer made once; products on mm4, the rest in plain loops.
  W7(spec) {
    const { V, T, E, L, H, F, text } = spec;
    const maxB = Math.max(spec.B, spec.checkIdx.length), maxN = maxB * T, dk = E / H, scale = 1 / Math.sqrt(dk);
    const P = {
      tok: spec.init.tok.slice(), pos: spec.init.pos.slice(),
      layers: spec.init.layers.map((w) => Object.fromEntries(Object.entries(w).map(([k, a]) => [k, a.slice()]))),
      lnfw: spec.init.lnfw.slice(), lnfb: spec.init.lnfb.slice(), head: spec.init.head.slice(),
    };
    const G = {
      tok: new Float32Array(V * E), pos: new Float32Array(T * E),
      layers: P.layers.map((w) => Object.fromEntries(Object.entries(w).map(([k, a]) => [k, new Float32Array(a.length)]))),
      lnfw: new Float32Array(E), lnfb: new Float32Array(E), head: new Float32Array(V * E),
    };
    const flat = (o) => [o.tok, o.pos, ...o.layers.flatMap((w) => Object.values(w)), o.lnfw, o.lnfb, o.head];
    const params = flat(P), grads = flat(G);
    const m1 = params.map((p) => new Float32Array(p.length)), m2 = params.map((p) => new Float32Array(p.length));
    let t = 0;
    const buf = (n) => new Float32Array(n);
    const ids = new Int32Array(maxN), targets = new Int32Array(maxN);
    // Per layer: its input x, the LN outputs a and c with x̂ and 1/σ, qkv, the weights, the heads' output,
    // the residual after attention, the MLP's pre-activation u and activation g.
    const S = P.layers.map(() => ({
      x: buf(maxN * E), a: buf(maxN * E), ah: buf(maxN * E), ar: buf(maxN), qkv: buf(maxN * 3 * E), p: buf(maxB * H * T * T),
      att: buf(maxN * E), mid: buf(maxN * E), c: buf(maxN * E), ch: buf(maxN * E), cr: buf(maxN), u: buf(maxN * F), g: buf(maxN * F),
    }));
    const xL = buf(maxN * E), f = buf(maxN * E), fh = buf(maxN * E), fr = buf(maxN), Z = buf(maxN * V);
    const dx = buf(maxN * E), dy = buf(maxN * E), dtmp = buf(maxN * E), dg = buf(maxN * F), dqkv = buf(maxN * 3 * E), dP = buf(T * T);

    const forward = (starts) => {
      const B = starts.length, N = B * T;
      for (let b = 0; b < B; b++)
        for (let i = 0; i < T; i++) {
          ids[b * T + i] = text[starts[b] + i];
          targets[b * T + i] = text[starts[b] + i + 1];
        }
      let x = S.length ? S[0].x : xL;
      for (let n = 0; n < N; n++) {
        const tk = ids[n] * E, ps = (n % T) * E;
        for (let k = 0; k < E; k++) x[n * E + k] = P.tok[tk + k] + P.pos[ps + k];
      }
      for (let l = 0; l < L; l++) {
        const w = P.layers[l], s = S[l];
        layerNormRows(s.x, w.ln1w, w.ln1b, s.a, s.ah, s.ar, N, E);
        dense4(s.a, w.Wqkv, w.bqkv, s.qkv, N, E, 3 * E);
        causalAttention(s.qkv, s.p, s.att, B, T, E, H, dk, scale);
        dense4(s.att, w.Wo, w.bo, s.mid, N, E, E);
        for (let k = 0; k < N * E; k++) s.mid[k] += s.x[k];
        layerNormRows(s.mid, w.ln2w, w.ln2b, s.c, s.ch, s.cr, N, E);
        dense4(s.c, w.W1, w.b1, s.u, N, E, F);
        for (let k = 0; k < N * F; k++) s.g[k] = geluTanh(s.u[k]);
        const out = l + 1 < L ? S[l + 1].x : xL;
        dense4(s.g, w.W2, w.b2, out, N, F, E);
        for (let k = 0; k < N * E; k++) out[k] += s.mid[k];
      }
      layerNormRows(xL, P.lnfw, P.lnfb, f, fh, fr, N, E);
      Z.fill(0, 0, N * V);
      mm4(f, 0, E, 1, P.head, 0, 1, E, Z, 0, N, E, V);
      return softmaxCE(Z, targets, N, V); // Z now holds dL/dZ
    };

    const step = (i) => {
      const starts = spec.batchIdx(i), B = starts.length, N = B * T;
      forward(starts);
      for (const g of grads) g.fill(0);
      dtmp.fill(0, 0, N * E);
      mm4(Z, 0, V, 1, P.head, 0, E, 1, dtmp, 0, N, V, E); // dF = dZ·head
      mm4(Z, 0, 1, V, f, 0, E, 1, G.head, 0, V, N, E); // dhead = dZᵀ·F
      dx.fill(0, 0, N * E);
      layerNormBack(dtmp, fh, fr, P.lnfw, G.lnfw, G.lnfb, dx, N, E);
      for (let l = L - 1; l >= 0; l--) {
        const w = P.layers[l], gw = G.layers[l], s = S[l];
        // out = mid + g·W2ᵀ + b2: dx is dL/dout
        denseGrad4(s.g, dx, gw.W2, gw.b2, N, F, E);
        dg.fill(0, 0, N * F);
        mm4(dx, 0, E, 1, w.W2, 0, F, 1, dg, 0, N, E, F);
        for (let k = 0; k < N * F; k++) dg[k] *= geluTanhGrad(s.u[k]);
        denseGrad4(s.c, dg, gw.W1, gw.b1, N, E, F);
        dtmp.fill(0, 0, N * E);
        mm4(dg, 0, F, 1, w.W1, 0, E, 1, dtmp, 0, N, F, E); // dL/dc
        layerNormBack(dtmp, s.ch, s.cr, w.ln2w, gw.ln2w, gw.ln2b, dx, N, E); // dx is now dL/dmid
        // mid = x + att·Woᵀ + bo
        denseGrad4(s.att, dx, gw.Wo, gw.bo, N, E, E);
        dy.fill(0, 0, N * E);
        mm4(dx, 0, E, 1, w.Wo, 0, E, 1, dy, 0, N, E, E); // dL/datt
        causalAttentionBack(s.qkv, s.p, dy, dqkv, dP, B, T, E, H, dk, scale);
        denseGrad4(s.a, dqkv, gw.Wqkv, gw.bqkv, N, E, 3 * E);
        dtmp.fill(0, 0, N * E);
        mm4(dqkv, 0, 3 * E, 1, w.Wqkv, 0, E, 1, dtmp, 0, N, 3 * E, E); // dL/da
        layerNormBack(dtmp, s.ah, s.ar, w.ln1w, gw.ln1w, gw.ln1b, dx, N, E); // dx is now dL/dx
      }
      for (let n = 0; n < N; n++) {
        const tk = ids[n] * E, ps = (n % T) * E;
        for (let k = 0; k < E; k++) {
          G.tok[tk + k] += dx[n * E + k];
          G.pos[ps + k] += dx[n * E + k];
        }
      }
      // Adam, as torch.optim.Adam.
      t++;
      const [b1, b2] = spec.betas, c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;
      for (let q = 0; q < params.length; q++) {
        const p = params[q], g = grads[q], m = m1[q], v = m2[q];
        for (let k = 0; k < p.length; k++) {
          m[k] = b1 * m[k] + (1 - b1) * g[k];
          v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
          p[k] -= (spec.lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + spec.eps);
        }
      }
    };
    return {
      step,
      loss() {
        const idx = spec.checkIdx;
        let sum = 0;
        for (let k = 0; k < idx.length; k += spec.B) sum += forward(idx.subarray(k, k + spec.B));
        return sum / (idx.length / spec.B);
      },
    };
  },

  MM64: matmul,
  MM256: matmul,
};

// --- W8 helpers: one LSTM step forward and back, on time-major buffers (row t·B + b) -----------------
// W8's matrix products go through mm4, a 4×4 register-blocked kernel written for this program (the plain
// loops of the other workloads would make W8 a contest of matrix kernels instead of bookkeeping).

/**
 * C[n×m] += A·B with A(i, p) = A[ao + i·ais + p·aps] and B(p, j) = B[bo + p·bps + j·bjs], C row-major at co
 * with row stride cs (m unless given). Blocks of 4×4 outputs are summed in 16 locals, so each value loaded is
 * used four times.
 */
function mm4(A, ao, ais, aps, B, bo, bps, bjs, C, co, n, k, m, cs = m) {
  const n4 = n - (n % 4), m4 = m - (m % 4);
  for (let i = 0; i < n4; i += 4)
    for (let j = 0; j < m4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, a = ao + i * ais, b = bo + j * bjs; p < k; p++, a += aps, b += bps) {
        const a0 = A[a], a1 = A[a + ais], a2 = A[a + 2 * ais], a3 = A[a + 3 * ais];
        const b0 = B[b], b1 = B[b + bjs], b2 = B[b + 2 * bjs], b3 = B[b + 3 * bjs];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      let c = co + i * cs + j;
      C[c] += c00; C[c + 1] += c01; C[c + 2] += c02; C[c + 3] += c03; c += cs;
      C[c] += c10; C[c + 1] += c11; C[c + 2] += c12; C[c + 3] += c13; c += cs;
      C[c] += c20; C[c + 1] += c21; C[c + 2] += c22; C[c + 3] += c23; c += cs;
      C[c] += c30; C[c + 1] += c31; C[c + 2] += c32; C[c + 3] += c33;
    }
  // Edges (none at W7's and W8's sizes, which are multiples of 4): one output at a time.
  for (let i = 0; i < n; i++)
    for (let j = i < n4 ? m4 : 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[ao + i * ais + p * aps] * B[bo + p * bps + j * bjs];
      C[co + i * cs + j] += s;
    }
}

/**
 * Step t: gates_t (holding x_t·Wihᵀ + b) += h_{t-1}·Whhᵀ; i, f, o = σ, g = tanh (PyTorch's order i, f, g, o);
 * c_t = f·c_{t-1} + i·g, h_t = o·tanh(c_t). hs and cs hold state t at row block t (state 0 is the zero state).
 */
function lstmForwardStep(gates, hs, cs, tc, Whh, t, B, H) {
  const G = 4 * H, hp = t * B * H, hn = (t + 1) * B * H;
  mm4(hs, hp, H, 1, Whh, 0, 1, H, gates, t * B * G, B, H, G);
  for (let b = 0; b < B; b++) {
    const g0 = (t * B + b) * G, h0 = hp + b * H;
    for (let j = 0; j < G; j++) {
      const s = gates[g0 + j];
      gates[g0 + j] = j >= 2 * H && j < 3 * H ? Math.tanh(s) : 1 / (1 + Math.exp(-s));
    }
    for (let k = 0; k < H; k++) {
      const i = gates[g0 + k], f = gates[g0 + H + k], g = gates[g0 + 2 * H + k], o = gates[g0 + 3 * H + k];
      const c = f * cs[h0 + k] + i * g;
      const th = Math.tanh(c);
      cs[hn + b * H + k] = c;
      tc[(t * B + b) * H + k] = th;
      hs[hn + b * H + k] = o * th;
    }
  }
}

/**
 * Step t backwards: dh (from step t+1) + dH_t is dL/dh_t, dc is dL/dc_t from step t+1; writes the gradient of
 * the pre-activations into dpre_t, then dc ← dL/dc_{t-1} and dh ← dL/dh_{t-1} = dpre_t·Whh (without dH_{t-1}).
 */
function lstmBackwardStep(gates, cs, tc, dH, dh, dc, dpre, Whh, t, B, H) {
  const G = 4 * H, hp = t * B * H;
  for (let b = 0; b < B; b++) {
    const g0 = (t * B + b) * G, r = (t * B + b) * H;
    for (let k = 0; k < H; k++) {
      const i = gates[g0 + k], f = gates[g0 + H + k], g = gates[g0 + 2 * H + k], o = gates[g0 + 3 * H + k];
      const th = tc[r + k];
      const dhk = dh[b * H + k] + dH[r + k];
      const dck = dc[b * H + k] + dhk * o * (1 - th * th);
      dpre[g0 + k] = dck * g * i * (1 - i);
      dpre[g0 + H + k] = dck * cs[hp + b * H + k] * f * (1 - f);
      dpre[g0 + 2 * H + k] = dck * i * (1 - g * g);
      dpre[g0 + 3 * H + k] = dhk * th * o * (1 - o);
      dc[b * H + k] = dck * f;
    }
  }
  dh.fill(0, 0, B * H);
  mm4(dpre, t * B * G, G, 1, Whh, 0, H, 1, dh, 0, B, G, H);
}

/** y[rows×nout] = x·Wᵀ + b, W [nout, nin]. */
function dense4(x, W, b, y, rows, nin, nout) {
  for (let r = 0; r < rows; r++) y.set(b, r * nout);
  mm4(x, 0, nin, 1, W, 0, 1, nin, y, 0, rows, nin, nout);
}

/** gW[nout×nin] += dᵀ·x and gb += Σ_rows d, for y = x·Wᵀ + b with d = dL/dy [rows×nout]. */
function denseGrad4(x, d, gW, gb, rows, nin, nout) {
  mm4(d, 0, 1, nout, x, 0, nin, 1, gW, 0, nout, rows, nin);
  for (let r = 0; r < rows; r++) for (let j = 0; j < nout; j++) gb[j] += d[r * nout + j];
}

/** The embedding rows' gradient: gEmb[ids[n]] += dX_n. */
function embeddingGrad(dX, ids, gEmb, N, E) {
  for (let n = 0; n < N; n++) for (let k = 0; k < E; k++) gEmb[ids[n] * E + k] += dX[n * E + k];
}

function sumSquares(g) {
  let s = 0;
  for (let k = 0; k < g.length; k++) s += g[k] * g[k];
  return s;
}

function axpy(p, g, a) {
  for (let k = 0; k < p.length; k++) p[k] += a * g[k];
}

/** C = A·B in the i-p-j loop order (rows of B and C run in the inner loop), into a buffer made once. */
function matmul(spec) {
  const { n, a, b } = spec;
  const c = new Float32Array(n * n);
  const step = () => {
    c.fill(0);
    for (let i = 0; i < n; i++)
      for (let p = 0; p < n; p++) {
        const v = a[i * n + p];
        for (let j = 0; j < n; j++) c[i * n + j] += v * b[p * n + j];
      }
  };
  return { step, loss: () => checksum(c) };
}

// --- W7 helpers: layer normalization, GELU, causal attention over packed [N, 3E] rows ------------------

/** y = γ·x̂ + β per row with x̂ = (x − μ)/√(σ² + 1e-5); keeps x̂ and 1/√(σ² + 1e-5). */
function layerNormRows(x, w, b, y, xh, rs, N, E) {
  for (let n = 0; n < N; n++) {
    const o = n * E;
    let mu = 0;
    for (let k = 0; k < E; k++) mu += x[o + k];
    mu /= E;
    let v = 0;
    for (let k = 0; k < E; k++) v += (x[o + k] - mu) * (x[o + k] - mu);
    const r = (rs[n] = 1 / Math.sqrt(v / E + 1e-5));
    for (let k = 0; k < E; k++) {
      const h = (xh[o + k] = (x[o + k] - mu) * r);
      y[o + k] = h * w[k] + b[k];
    }
  }
}

/** dx += (1/σ)·(ĝ − mean ĝ − x̂·mean(ĝ·x̂)) with ĝ = dy·γ; dγ += Σ dy·x̂, dβ += Σ dy. */
function layerNormBack(dy, xh, rs, w, gw, gb, dx, N, E) {
  for (let n = 0; n < N; n++) {
    const o = n * E;
    let sg = 0, sgh = 0;
    for (let k = 0; k < E; k++) {
      const gh = dy[o + k] * w[k];
      sg += gh;
      sgh += gh * xh[o + k];
      gw[k] += dy[o + k] * xh[o + k];
      gb[k] += dy[o + k];
    }
    sg /= E;
    sgh /= E;
    for (let k = 0; k < E; k++) dx[o + k] += rs[n] * (dy[o + k] * w[k] - sg - xh[o + k] * sgh);
  }
}

const GC = Math.sqrt(2 / Math.PI), GK = 0.044715;
/** GELU, tanh form: ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
function geluTanh(x) {
  return 0.5 * x * (1 + Math.tanh(GC * (x + GK * x * x * x)));
}
function geluTanhGrad(x) {
  const th = Math.tanh(GC * (x + GK * x * x * x));
  return 0.5 * (1 + th) + 0.5 * x * (1 - th * th) * GC * (1 + 3 * GK * x * x);
}

/** Per batch element and head: p = softmax(QKᵀ·s, causal), att[:, head] = p·V; q, k, v side by side in qkv rows. */
function causalAttention(qkv, p, att, B, T, E, H, dk, s) {
  const rs = 3 * E;
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++) {
      const po = (b * H + h) * T * T, qa = b * T * rs + h * dk, ka = qa + E, va = qa + 2 * E;
      p.fill(0, po, po + T * T);
      mm4(qkv, qa, rs, 1, qkv, ka, 1, rs, p, po, T, dk, T);
      for (let i = 0; i < T; i++) {
        const r = po + i * T;
        let m = -Infinity;
        for (let j = 0; j <= i; j++) m = Math.max(m, (p[r + j] *= s));
        let z = 0;
        for (let j = 0; j <= i; j++) z += p[r + j] = Math.exp(p[r + j] - m);
        for (let j = 0; j <= i; j++) p[r + j] /= z;
        for (let j = i + 1; j < T; j++) p[r + j] = 0;
        const o = (b * T + i) * E + h * dk;
        for (let c = 0; c < dk; c++) att[o + c] = 0;
        for (let j = 0; j <= i; j++) {
          const pj = p[r + j], vj = va + j * rs;
          for (let c = 0; c < dk; c++) att[o + c] += pj * qkv[vj + c];
        }
      }
    }
}

/** The backward of causalAttention: datt [N, E] → dqkv [N, 3E] (written, not added). */
function causalAttentionBack(qkv, p, datt, dqkv, dP, B, T, E, H, dk, s) {
  const rs = 3 * E;
  dqkv.fill(0, 0, B * T * rs);
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++) {
      const po = (b * H + h) * T * T, qa = b * T * rs + h * dk, ka = qa + E, va = qa + 2 * E;
      for (let i = 0; i < T; i++) {
        const r = po + i * T, o = (b * T + i) * E + h * dk;
        let dot = 0;
        for (let j = 0; j <= i; j++) {
          const vj = va + j * rs, pj = p[r + j];
          let d = 0;
          for (let c = 0; c < dk; c++) {
            d += datt[o + c] * qkv[vj + c];
            dqkv[vj + c] += pj * datt[o + c]; // dV += pᵀ·datt
          }
          dP[i * T + j] = d;
          dot += d * pj;
        }
        for (let j = 0; j <= i; j++) dP[i * T + j] = s * p[r + j] * (dP[i * T + j] - dot);
        for (let j = i + 1; j < T; j++) dP[i * T + j] = 0;
      }
      mm4(dP, 0, T, 1, qkv, ka, rs, 1, dqkv, qa, T, T, dk, rs); // dQ = dZ·K
      mm4(dP, 0, 1, T, qkv, qa, rs, 1, dqkv, ka, T, T, dk, rs); // dK = dZᵀ·Q
    }
}
