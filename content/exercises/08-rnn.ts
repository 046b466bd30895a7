// Exercises for chapter 8: two steps of a scalar RNN and the Jacobian between them, how many steps a
// gradient survives at a given spectral radius, clipping a gradient by its norm, what the LSTM's gates do,
// a softmax at a temperature, one step of backpropagation through time in code (checked against finite
// differences and the engine), and goals in the GradientThroughTime, MemoryTask and CharacterModel figures.
import type { CheckResult, ExerciseBank } from '../../lib/exercises/types.ts';
import type { Rng } from '../../engine/random.ts';

const round = (x: number, digits = 6) => Number(x.toFixed(digits));
const code = (s: string) => '`' + s + '`';
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const column = (v: number[]) => String.raw`\begin{pmatrix} ${v.join(String.raw` \\ `)} \end{pmatrix}`;
const signed = (v: number) => (v < 0 ? `(${v})` : `${v}`);

/** h_1, h_2 of h_t = tanh(w h_{t-1} + u x_t) from h_0 = 0, and ∂h_2/∂h_1 = w(1 − h_2²). */
export function scalarSteps(w: number, u: number, x1: number, x2: number) {
  const h1 = Math.tanh(u * x1);
  const h2 = Math.tanh(w * h1 + u * x2);
  return { h1, h2, jacobian: w * (1 - h2 * h2) };
}

/** The smallest k with ρ^k < 10^(−m): the steps a linear RNN's gradient takes to shrink by 10^m. */
export const stepsToVanish = (rho: number, m: number) => Math.floor((m * Math.log(10)) / -Math.log(rho)) + 1;

/** g scaled to length c if it is longer (clip by norm). */
export function clipByNorm(g: number[], c: number): number[] {
  const n = Math.hypot(...g);
  return n > c ? g.map((v: number) => (v * c) / n) : g.slice();
}

/** softmax(z / τ)_0. */
export function firstProbability(z: number[], tau: number): number {
  const m = Math.max(...z);
  const e = z.map((v: number) => Math.exp((v - m) / tau));
  return e[0] / e.reduce((a, b) => a + b, 0);
}

/** The GradientThroughTime goal: with tanh, a ρ at which the gradient 50 steps back is within a factor 10 of 1. */
export function gradientGoal(state: unknown): CheckResult {
  const s = state as { activation?: unknown; rho?: unknown; back?: unknown } | null;
  const back = s && Array.isArray(s.back) ? (s.back as unknown[]) : null;
  if (!s || typeof s.rho !== 'number' || !back || back.length < 51 || typeof back[50] !== 'number') {
    return { status: 'invalid', score: 0, feedback: 'The figure has not reported its measurements yet: move the slider and check again.' };
  }
  const g = back[50] as number;
  const at = `At ρ = ${s.rho} the gradient 50 steps back is ${g.toExponential(1)}`;
  if (s.activation !== 'tanh') return { status: 'wrong', score: 0, feedback: `${at}, but with the linear activation: the goal asks for tanh, where the slopes shrink it too.` };
  if (g >= 0.1 && g <= 10) return { status: 'correct', score: 1, feedback: `${at}: within a factor of 10 of its size at the loss.` };
  if (g < 0.1) return { status: g > 0.01 ? 'partial' : 'wrong', score: g > 0.01 ? 0.5 : 0, feedback: `${at}: it still vanishes. Raise ρ: the tanh slopes below 1 must be made up by a recurrent weight that stretches.` };
  return { status: g < 100 ? 'partial' : 'wrong', score: g < 100 ? 0.5 : 0, feedback: `${at}: it explodes. Lower ρ a little.` };
}

/** The MemoryTask goal: at a delay of at least 40, an LSTM that names at least 95% of the test bits. */
export function memoryGoal(state: unknown): CheckResult {
  const s = state as { delay?: unknown; steps?: unknown; accuracy?: { rnn?: unknown; lstm?: unknown; gru?: unknown } } | null;
  const acc = s?.accuracy;
  if (!s || typeof s.delay !== 'number' || typeof s.steps !== 'number' || !acc || typeof acc.lstm !== 'number' || typeof acc.rnn !== 'number') {
    return { status: 'invalid', score: 0, feedback: 'The figure has not reported any training yet: press Train and check again.' };
  }
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const where = `At delay ${s.delay}, after ${s.steps} steps, the LSTM names ${pct(acc.lstm)} of the test bits and the plain RNN ${pct(acc.rnn)}`;
  if (acc.lstm >= 0.95 && s.delay >= 40) return { status: 'correct', score: 1, feedback: `${where}: the LSTM holds the bit across ${s.delay} distractors.` };
  if (acc.lstm >= 0.95) return { status: 'partial', score: 0.5, feedback: `${where}. The goal asks for a delay of at least 40: raise the delay and train again.` };
  return { status: 'wrong', score: 0, feedback: `${where}. ${s.steps < 300 ? 'Keep training: the budget is 300 steps.' : 'Reset and train again.'}` };
}

/** The CharacterModel goal: a held-out loss at least 0.3 nats per character below the bigram baseline. */
export function namesGoal(state: unknown): CheckResult {
  const s = state as { steps?: unknown; testLoss?: unknown; baselines?: { bigram?: unknown } | null } | null;
  const bigram = s?.baselines?.bigram;
  if (!s || typeof s.steps !== 'number' || s.steps < 1 || typeof s.testLoss !== 'number' || !Number.isFinite(s.testLoss) || typeof bigram !== 'number') {
    return { status: 'invalid', score: 0, feedback: 'The figure has not reported any training yet: press Train and check again.' };
  }
  const where = `After ${s.steps} steps the held-out loss is ${s.testLoss.toFixed(2)} nats per character, against ${bigram.toFixed(2)} for the bigram`;
  const target = bigram - 0.3;
  if (s.testLoss <= target) return { status: 'correct', score: 1, feedback: `${where}: the LSTM uses more than the last letter.` };
  if (s.testLoss < bigram) return { status: 'partial', score: 0.5, feedback: `${where}: better than the bigram, not yet by 0.3 (the target is ${target.toFixed(2)}). Keep training.` };
  return { status: 'wrong', score: 0, feedback: `${where}, so the LSTM is no better than a model that reads one letter. Keep training: the held-out loss is measured every 100 steps.` };
}

const bank: ExerciseBank = {
  id: '08-rnn',
  title: 'Recurrent networks',
  exercises: [
    {
      id: 'scalar-steps',
      version: 1,
      kind: 'vector',
      title: 'Two steps of a one-unit RNN',
      params: (rng) => ({ w: pick(rng, [0.5, 0.8, 1.5, -0.7]), u: pick(rng, [1, 2, 0.5]), x1: pick(rng, [1, -1, 0.5]), x2: pick(rng, [0.5, -0.5, 1, 2]) }),
      prompt: ({ w, u, x1, x2 }) =>
        String.raw`A recurrent network with one hidden unit computes $h_t = \tanh(w\,h_{t-1} + u\,x_t)$ from $h_0 = 0$, with $w = ${w}$ and $u = ${u}$. It reads $x_1 = ${x1}$ and then $x_2 = ${x2}$. Give three numbers, separated by commas, to at least three decimals: $h_1$, $h_2$, and the Jacobian $\partial h_2 / \partial h_1$.`,
      answer: ({ w, u, x1, x2 }) => {
        const s = scalarSteps(w, u, x1, x2);
        return [s.h1, s.h2, s.jacobian];
      },
      tolerance: { abs: 2e-3 },
      hints: [
        ({ u, x1 }) => String.raw`$h_1 = \tanh(w \cdot 0 + ${u} \cdot ${signed(x1)}) = \tanh(${round(u * x1, 6)})$.`,
        () => String.raw`$\partial h_2 / \partial h_1 = w \cdot \tanh'(z_2) = w\,(1 - h_2^2)$, where $z_2$ is the sum inside the second tanh.`,
      ],
      solution: ({ w, u, x1, x2 }) => {
        const s = scalarSteps(w, u, x1, x2);
        return String.raw`Step 1: $h_1 = \tanh(${u} \cdot ${signed(x1)}) = \tanh(${round(u * x1, 6)}) \approx ${round(s.h1, 4)}$.

Step 2: $h_2 = \tanh(${w} \cdot ${round(s.h1, 4)} + ${u} \cdot ${signed(x2)}) = \tanh(${round(w * s.h1 + u * x2, 4)}) \approx ${round(s.h2, 4)}$.

The Jacobian is the weight times the slope of tanh at step 2:

$$
\frac{\partial h_2}{\partial h_1} = w\,(1 - h_2^2) = ${w} \cdot (1 - ${round(s.h2, 4)}^2) \approx ${round(s.jacobian, 4)}.
$$

Its size is below $|w| = ${Math.abs(w)}$ because the slope of tanh is below $1$ everywhere except at $0$: across many steps such factors multiply.`;
      },
    },
    {
      id: 'steps-to-vanish',
      version: 1,
      kind: 'numeric',
      title: 'How many steps until the gradient is gone',
      params: (rng) => ({ rho: pick(rng, [0.5, 0.8, 0.9, 0.95, 0.99]), m: pick(rng, [3, 4, 6]) }),
      prompt: ({ rho, m }) =>
        String.raw`A linear recurrent network, $\mathbf{h}_t = W_{hh}\mathbf{h}_{t-1} + W_{xh}\mathbf{x}_t$, has a recurrent weight $W_{hh} = ${rho}\,Q$ with $Q$ a rotation, so it shrinks every vector by exactly the factor $${rho}$. How many steps back from the loss, at the fewest, has the length of $\partial L / \partial \mathbf{h}_t$ fallen below $10^{-${m}}$ times its length at the loss? Give a whole number of steps.`,
      answer: ({ rho, m }) => stepsToVanish(rho, m),
      tolerance: { abs: 0.01 },
      hints: [
        () => String.raw`$k$ steps back, the gradient is $(W_{hh}^\top)^k$ times the gradient at the loss, and each factor shrinks its length by exactly $\rho$.`,
        ({ rho, m }) => String.raw`Solve $${rho}^k < 10^{-${m}}$: take logarithms, $k > ${m} \ln 10 / (-\ln ${rho})$, and round up.`,
      ],
      solution: ({ rho, m }) => {
        const exact = (m * Math.log(10)) / -Math.log(rho);
        const k = stepsToVanish(rho, m);
        return String.raw`$k$ steps back the length is $${rho}^k$ times its length at the loss. It is below $10^{-${m}}$ when

$$
k > \frac{${m} \ln 10}{-\ln ${rho}} \approx ${round(exact, 2)},
$$

so after $k = ${k}$ steps: $${rho}^{${k}} \approx ${(rho ** k).toExponential(2)}$, while $${rho}^{${k - 1}} \approx ${(rho ** (k - 1)).toExponential(2)}$ is not yet below. ${rho >= 0.95 ? 'Even a factor this close to 1 loses most of the signal within a few hundred steps.' : 'A dependency longer than this contributes almost nothing to the gradient.'}`;
      },
    },
    {
      id: 'clip-vector',
      version: 1,
      kind: 'vector',
      title: 'Clipping a gradient by its norm',
      params: (rng) => {
        const [a, b, c, n] = pick(rng, [
          [2, 3, 6, 7],
          [1, 4, 8, 9],
          [4, 4, 7, 9],
          [2, 6, 9, 11],
        ] as const);
        const signs = [rng.int(2) ? 1 : -1, rng.int(2) ? 1 : -1, rng.int(2) ? 1 : -1];
        const g = [a * signs[0], b * signs[1], c * signs[2]];
        const scale = pick(rng, [1, 10]);
        return { g: g.map((v: number) => v * scale), norm: n * scale, c: pick(rng, [1, 5]) * scale };
      },
      prompt: ({ g, c }) =>
        String.raw`The gradient of all a network's parameters is $\mathbf{g} = ${column(g)}$. Clip it by its norm with threshold $c = ${c}$, as ${code('clipGradNorm')} does. What is the clipped gradient? Give its three entries separated by commas.`,
      answer: ({ g, c }) => clipByNorm(g, c),
      tolerance: { rel: 2e-3, abs: 2e-3 },
      hints: [
        ({ g }) => String.raw`First the length: $\lVert \mathbf{g} \rVert = \sqrt{${g.map((v: number) => `${signed(v)}^2`).join(' + ')}}$.`,
        () => String.raw`If the length exceeds $c$, multiply every entry by $c / \lVert \mathbf{g} \rVert$; the direction does not change.`,
      ],
      solution: ({ g, norm, c }) => {
        const out = clipByNorm(g, c);
        return String.raw`$\lVert \mathbf{g} \rVert = \sqrt{${g.map((v: number) => v * v).join(' + ')}} = ${norm}$, which is above $c = ${c}$, so every entry is multiplied by $c / \lVert \mathbf{g} \rVert = ${c}/${norm}$:

$$
${column(g)} \cdot \frac{${c}}{${norm}} \approx ${column(out.map((v: number) => round(v, 4)))}.
$$

The result has length exactly $${c}$ and points the same way. Clipping each entry to $[-${c}, ${c}]$ instead would give $${column(g.map((v: number) => Math.max(-c, Math.min(c, v))))}$, a different direction.`;
      },
    },
    {
      id: 'lstm-claims',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'What the LSTM changes',
      prompt: () =>
        String.raw`The LSTM updates its cell state by $\mathbf{c}_t = \mathbf{f}_t \odot \mathbf{c}_{t-1} + \mathbf{i}_t \odot \tilde{\mathbf{c}}_t$. Which statements are true? Select every one.`,
      choices: () => [
        {
          text: String.raw`Along the cell, $\partial \mathbf{c}_t / \partial \mathbf{c}_{t-1} = \operatorname{diag}(\mathbf{f}_t)$: no weight matrix and no tanh slope enter that factor.`,
          correct: true,
          why: String.raw`$\mathbf{c}_{t-1}$ enters the update only through $\mathbf{f}_t \odot \mathbf{c}_{t-1}$, so the direct path's Jacobian is the diagonal of the forget gate (the gates' own dependence on $\mathbf{h}_{t-1}$ is another path).`,
        },
        {
          text: 'Where the forget gate stays near 1, a gradient can pass many steps along the cell with little loss.',
          correct: true,
          why: String.raw`Across $k$ steps the direct path multiplies by the product of $k$ forget gates, near $1$ if each is near $1$.`,
        },
        {
          text: 'A positive initial bias on the forget gate helps, because a gate starting at sigmoid(0) = 0.5 halves the gradient along the cell at every step.',
          correct: true,
          why: String.raw`$0.5^{40} \approx 10^{-12}$; a bias of $3$ starts the gate near $0.95$.`,
        },
        {
          text: 'An LSTM has no vanishing gradients at all, on any path.',
          correct: false,
          why: 'The paths through the gates, which depend on the last hidden state through weight matrices, behave like a plain RNN; and a forget gate that learns to close cuts the cell path too.',
        },
        {
          text: 'Gradient clipping is unnecessary for LSTMs.',
          correct: false,
          why: 'The gradient can still explode through the gates and the readout; LSTM language models are routinely trained with clipping.',
        },
        {
          text: 'The LSTM computes all time steps of a sequence in parallel, unlike a plain RNN.',
          correct: false,
          why: String.raw`Each step needs $\mathbf{h}_{t-1}$ and $\mathbf{c}_{t-1}$: it is as sequential as a plain RNN.`,
        },
      ],
      hints: [
        () => String.raw`Differentiate the cell update with respect to $\mathbf{c}_{t-1}$, holding the gates fixed.`,
        () => 'Three of the six are true.',
      ],
      solution: () =>
        String.raw`The first three are true. Holding the gates fixed, $\mathbf{c}_{t-1}$ appears only in $\mathbf{f}_t \odot \mathbf{c}_{t-1}$, so the direct path's Jacobian is $\operatorname{diag}(\mathbf{f}_t)$ and across $k$ steps the gradient is multiplied by the product of the forget gates: near $1$ when they are open, which is why the forget gate is usually started with a positive bias rather than at $0.5$. But the gates depend on $\mathbf{h}_{t-1}$ through weight matrices, so other paths can still vanish or explode (clipping stays useful), and the recurrence is as sequential as any RNN's.`,
    },
    {
      id: 'temperature',
      version: 1,
      kind: 'numeric',
      title: 'A softmax at a temperature',
      params: (rng) => ({ z: pick(rng, [[2, 1, 0], [3, 1, 1], [1, 0, -1], [2, 2, 0]]), tau: pick(rng, [0.5, 2, 0.25, 4]) }),
      prompt: ({ z, tau }) =>
        String.raw`A character model's logits for the next character, over three characters, are $\mathbf{z} = (${z.join(', ')})$. You sample at temperature $\tau = ${tau}$. What is the probability of drawing the first character? (Three significant figures.)`,
      answer: ({ z, tau }) => firstProbability(z, tau),
      tolerance: { rel: 3e-3 },
      hints: [
        ({ tau }) => String.raw`Divide every logit by $\tau = ${tau}$, then take the softmax.`,
        ({ z, tau }) => String.raw`The scaled logits are $(${z.map((v: number) => round(v / tau, 4)).join(', ')})$; the probability of the first is $e^{${round(z[0] / tau, 4)}}$ divided by the sum of the three exponentials.`,
      ],
      solution: ({ z, tau }) => {
        const s = z.map((v: number) => v / tau);
        const e = s.map((v: number) => Math.exp(v));
        const p = firstProbability(z, tau);
        return String.raw`Scaled by $1/\tau$ the logits are $(${s.map((v: number) => round(v, 4)).join(', ')})$, with exponentials $(${e.map((v: number) => round(v, 4)).join(', ')})$. The first character's probability is

$$
\frac{${round(e[0], 4)}}{${e.map((v: number) => round(v, 4)).join(' + ')}} \approx ${round(p, 4)},
$$

against $${round(firstProbability(z, 1), 4)}$ at $\tau = 1$. ${tau < 1 ? 'A temperature below 1 sharpens the distribution towards the largest logit.' : 'A temperature above 1 flattens the distribution towards uniform.'}`;
      },
    },
    {
      id: 'bptt-step',
      version: 1,
      kind: 'code',
      title: 'One step of backpropagation through time',
      params: (rng) => ({ seed: 1 + rng.int(1000) }),
      prompt: () =>
        String.raw`A one-unit RNN computes $h_t = \tanh(w\,h_{t-1} + u\,x_t + b)$. Write ${code('bpttStep(w, u, b, hPrev, x, h, delta)')}, one step of backpropagation through time: given the step's inputs ${code('hPrev')} $= h_{t-1}$ and ${code('x')} $= x_t$, its output ${code('h')} $= h_t$, and ${code('delta')} $= \partial L / \partial h_t$ (everything the loss says about $h_t$, through every later step), return ${code('{ dw, du, db, dhPrev }')}: this step's share of the gradients of $w$, $u$ and $b$, and $\partial L / \partial h_{t-1}$ through this step. The hidden checks compare your function with finite differences and run it back through whole sequences against the engine's backward pass.`,
      starter: () => `// h = tanh(w * hPrev + u * x + b); delta = dL/dh.
// Return this step's gradient shares and dL/dhPrev through this step.
function bpttStep(w, u, b, hPrev, x, h, delta) {
  const dz = delta;   // the gradient of the sum inside tanh: fix this line
  return { dw: dz * hPrev, du: dz * x, db: dz, dhPrev: dz };
}

// one step: h_1 from h_0 = 0.2 and x_1 = 0.5, with L = h_1
const h = Math.tanh(0.8 * 0.2 + 1.2 * 0.5 + 0.1);
print(bpttStep(0.8, 1.2, 0.1, 0.2, 0.5, h, 1));`,
      checkCode: ({ seed }) => `
(() => {
  if (typeof bpttStep !== 'function') { __report(0, 'There is no function called bpttStep.'); return; }
  const r = rng(${seed});
  const close = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  const bad = (v) => typeof v !== 'number' || !Number.isFinite(v);
  // Part 1: one step against central differences of L = delta * h.
  let local = true, localNote = '';
  for (let trial = 0; trial < 5 && local; trial++) {
    const w = r.normal(), u = r.normal(), b = r.normal(0, 0.5), hPrev = r.uniform(-0.9, 0.9), x = r.normal(), delta = r.normal();
    const f = (w_, u_, b_, hp) => delta * Math.tanh(w_ * hp + u_ * x + b_);
    const h = Math.tanh(w * hPrev + u * x + b);
    const out = bpttStep(w, u, b, hPrev, x, h, delta);
    if (!out || [out.dw, out.du, out.db, out.dhPrev].some(bad)) { __report(0, 'bpttStep must return { dw, du, db, dhPrev }, four finite numbers.'); return; }
    const e = 1e-6;
    const want = {
      dw: (f(w + e, u, b, hPrev) - f(w - e, u, b, hPrev)) / (2 * e),
      du: (f(w, u + e, b, hPrev) - f(w, u - e, b, hPrev)) / (2 * e),
      db: (f(w, u, b + e, hPrev) - f(w, u, b - e, hPrev)) / (2 * e),
      dhPrev: (f(w, u, b, hPrev + e) - f(w, u, b, hPrev - e)) / (2 * e),
    };
    for (const k of ['dw', 'du', 'db', 'dhPrev']) {
      if (Math.abs(out[k] - want[k]) > 1e-5 * Math.max(1, Math.abs(want[k]))) {
        local = false;
        const slope = Math.abs(out[k] - want[k] / (1 - h * h)) < 1e-5 * Math.max(1, Math.abs(want[k]));
        localNote = slope ? 'the slope of tanh, 1 - h*h, is missing from ' + k : k + ' is ' + out[k].toFixed(6) + ' where finite differences give ' + want[k].toFixed(6);
        break;
      }
    }
  }
  if (!local) { __report(0, 'On a single step, ' + localNote + '.'); return; }
  // Part 2: whole sequences, the reader's step chained from t = T down to 1, against the engine.
  for (let trial = 0; trial < 3; trial++) {
    const T = 4 + trial * 3;
    const w0 = r.normal(0, 0.8), u0 = r.normal(), b0 = r.normal(0, 0.3);
    const xs = Array.from({ length: T }, () => r.normal());
    const y = r.uniform(-0.5, 0.5);
    const hs = [0];
    for (const x of xs) hs.push(Math.tanh(w0 * hs[hs.length - 1] + u0 * x + b0));
    let delta = hs[T] - y, dw = 0, du = 0, db = 0;
    for (let t = T; t >= 1; t--) {
      const s = bpttStep(w0, u0, b0, hs[t - 1], xs[t - 1], hs[t], delta);
      dw += s.dw; du += s.du; db += s.db; delta = s.dhPrev;
    }
    const w = value(w0), u = value(u0), b = value(b0);
    let h = value(0);
    for (const x of xs) h = w.mul(h).add(u.mul(x)).add(b).tanh();
    h.sub(y).pow(2).mul(0.5).backward();
    if (!close(dw, w.grad) || !close(du, u.grad) || !close(db, b.grad)) {
      __report(0.5, 'Each step passes the finite-difference check, but chained over ' + T + ' steps the sums differ from the engine (dw ' + dw.toFixed(6) + ' against ' + w.grad.toFixed(6) + '): check that dhPrev is the gradient sent on to h_(t-1).');
      return;
    }
  }
  __report(1, 'Your step matches finite differences, and chained back through sequences of 4, 7 and 10 steps it gives the engine\\'s gradients for w, u and b.');
})();`,
      hints: [
        () => String.raw`Let $z = w\,h_{t-1} + u\,x_t + b$. Then $\partial L / \partial z = \delta \cdot (1 - h_t^2)$, the slope of tanh at this step.`,
        () => String.raw`From $\partial L / \partial z$: $z$ depends on $w$ through $h_{t-1}$, on $u$ through $x_t$, on $b$ directly, and on $h_{t-1}$ through $w$.`,
      ],
      solution: () =>
        String.raw`With $z = w\,h_{t-1} + u\,x_t + b$ and $h_t = \tanh(z)$, the chain rule gives $\partial L / \partial z = \delta\,(1 - h_t^2)$, and each input of the sum receives it times its partner:

${'```'}js
function bpttStep(w, u, b, hPrev, x, h, delta) {
  const dz = delta * (1 - h * h);
  return { dw: dz * hPrev, du: dz * x, db: dz, dhPrev: dz * w };
}
${'```'}

Chained from $t = T$ down to $1$, with ${code('delta')} starting at $\partial L / \partial h_T$ and replaced by ${code('dhPrev')} after each step, the sums of ${code('dw')}, ${code('du')} and ${code('db')} are the full gradients: the weights are shared, so their gradients add up over the steps.`,
    },
    {
      id: 'gradient-goal',
      version: 1,
      kind: 'widget',
      widget: 'GradientThroughTime',
      widgetProps: { activation: 'tanh', rho: 0.9 },
      title: 'A gradient that neither vanishes nor explodes',
      prompt: () =>
        String.raw`In the figure, keep the tanh activation and find a spectral radius $\rho$ at which the gradient $50$ steps back from the loss is between $0.1$ and $10$ times its size at the loss. Then check.`,
      check: (_p, state) => gradientGoal(state),
      hints: [
        () => String.raw`At $\rho = 1$ the linear network would keep the gradient exactly; tanh's slopes shrink it further, so you need $\rho$ above $1$.`,
        () => String.raw`Try values between $1.3$ and $1.8$.`,
      ],
      solution: () =>
        String.raw`With tanh, the slopes $1 - h^2$ are below $1$ and shrink the gradient at every step, so $\rho$ must exceed $1$ to make up for them. A larger $\rho$ also pushes the units towards saturation, where the slopes are smaller, so the two effects balance over a range: in the figure, around $\rho = 1.5$ the gradient $50$ steps back is about $1$. Below about $1.3$ it vanishes, and by $\rho = 2$ it has grown to about $200$. The balance is fragile: it depends on the inputs and would move during training, which is one reason gating, not tuning $\rho$, is the fix.`,
    },
    {
      id: 'memory-goal',
      version: 1,
      kind: 'widget',
      widget: 'MemoryTask',
      widgetProps: { delay: 10 },
      title: 'An LSTM that remembers a bit for 40 steps',
      prompt: () =>
        String.raw`In the figure, set the delay to at least $T = 40$ and train until the LSTM names at least $95\%$ of the test bits. Then check. What does the plain RNN do at the same delay?`,
      check: (_p, state) => memoryGoal(state),
      hints: [
        () => 'The delay slider moves in steps of 5; changing it starts the three nets over. Then press Train.',
        () => 'The LSTM and the GRU usually need well under the 300-step budget at T = 40; the plain RNN stays near 50%.',
      ],
      solution: () =>
        String.raw`Set the delay to $40$ and press Train. The LSTM, whose forget gate starts near $\operatorname{sigmoid}(3) \approx 0.95$, has a gradient path along its cell that survives $40$ steps, and it learns to write the bit into one unit and keep it; within the budget it names every test bit. The plain RNN at the same delay receives a gradient from the first step that has crossed $40$ tanh Jacobians, and stays at about $50\%$, a coin toss. The GRU, with its update gate started the same way, learns it like the LSTM.`,
    },
    {
      id: 'names-goal',
      version: 1,
      kind: 'widget',
      widget: 'CharacterModel',
      widgetProps: { temperature: 1 },
      title: 'Beat the bigram by 0.3 nats',
      prompt: () =>
        String.raw`Train the character model until its held-out loss is at least $0.3$ nats per character below the bigram baseline, then check. Afterwards, at that point in training, what share of the samples copy a training name at $\tau = 1$?`,
      check: (_p, state) => namesGoal(state),
      hints: [
        () => 'Press Train; the held-out loss is measured every 100 steps, on 300 names the model never trains on.',
        () => 'The bigram pays about 2.44 nats per character, so the target is about 2.14; the LSTM gets there within a few hundred steps.',
      ],
      solution: () =>
        String.raw`The bigram model pays $2.44$ nats per character on the held-out names, so the target is $2.14$. The LSTM passes it at step $400$ ($2.13$) and is at $2.11$ by step $500$, a few seconds of training: it has learned dependencies longer than one letter (a trigram model pays $2.22$). Its samples then are mostly new strings; only a few percent copy a training name. Copies become more common as training goes on, and make up $21\%$ of the samples at $\tau = 1$ after $3{,}000$ steps, while held-out real names stay under $2\%$: the model memorises as much as it generalises.`,
    },
  ],
};

export default bank;
