// Exercises for chapter 9: one attention weight by hand, a row of weights under the causal mask, the spread
// of a dot product of random vectors, the size of the attention matrices, what transformers do and do not
// do, causal attention written in code (checked against the engine's attention op and by perturbing later
// tokens), and goals in the two figures (a query that finds "cat", a model that forms induction heads, and
// one head that learns to copy).
import type { CheckResult, ExerciseBank } from '../../lib/exercises/types.ts';
import type { Rng } from '../../engine/random.ts';

const round = (x: number, digits = 4) => Number(x.toFixed(digits));
const code = (s: string) => '`' + s + '`';
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const vec = (v: readonly number[]) => `(${v.join(', ')})`;
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

/** softmax(z)_j. */
export function softmaxOf(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** The weights of query q on the keys, scaled by 1/√d_k. */
export const attentionWeights = (q: number[], keys: number[][]) => softmaxOf(keys.map((k) => dot(q, k) / Math.sqrt(q.length)));

/** Row i (0-based) of the causal softmax of a row of scaled scores: zero after position i. */
export function causalRow(scores: number[], i: number): number[] {
  const kept = softmaxOf(scores.slice(0, i + 1));
  return scores.map((_, j) => (j <= i ? kept[j] : 0));
}

/** The AttentionByHand goal: with the mask and the scaling on and c = 1, "sat" puts at least 0.8 of its weight on "cat". */
export function attendGoal(state: unknown): CheckResult {
  const s = state as { token?: unknown; weights?: unknown; causal?: unknown; scaled?: unknown; gain?: unknown } | null;
  const w = s && Array.isArray(s.weights) ? (s.weights as unknown[]) : null;
  if (!s || !w || w.length !== 4 || w.some((v) => typeof v !== 'number') || typeof s.gain !== 'number') {
    return { status: 'invalid', score: 0, feedback: 'The figure has not reported its weights yet: move the query and check again.' };
  }
  if (s.token !== 'sat') return { status: 'wrong', score: 0, feedback: `You are editing the query of “${String(s.token)}”; the goal is about “sat”: choose it under “Edit the query of”.` };
  if (s.causal !== true || s.scaled !== true || s.gain !== 1) {
    return { status: 'wrong', score: 0, feedback: 'The goal asks for the causal mask on, the division by √d_k on and the extra factor c = 1: a larger c would make any query decisive.' };
  }
  const cat = w[1] as number;
  const at = `“sat” puts ${cat.toFixed(2)} of its weight on “cat”`;
  if (cat >= 0.8) return { status: 'correct', score: 1, feedback: `${at}: its query points along the key of “cat”, (1, 0), and away from the key of “the”, (0, 1).` };
  if (cat >= 0.6) return { status: 'partial', score: 0.5, feedback: `${at}. Longer queries sharpen the choice: move it further along the direction that favours (1, 0) over (0, 1) and (1, 1).` };
  return { status: 'wrong', score: 0, feedback: `${at}. The score against a key is the dot product: which direction makes q·(1, 0) large and q·(0, 1) small?` };
}

/** The InductionHeads goal: two layers, at least 90% of the repeated tokens ranked first. */
export function inductionGoal(state: unknown): CheckResult {
  const s = state as { task?: unknown; layers?: unknown; steps?: unknown; repeatAccuracy?: unknown } | null;
  if (!s || typeof s.layers !== 'number' || typeof s.steps !== 'number' || typeof s.repeatAccuracy !== 'number') {
    return { status: 'invalid', score: 0, feedback: 'The figure has not reported any training yet: press Train and check again.' };
  }
  if (s.task !== undefined && s.task !== 'induction') {
    return { status: 'wrong', score: 0, feedback: `The figure is training the ${String(s.task)} task; the goal is about induction heads: choose the induction task under “Task”.` };
  }
  const pct = `${Math.round(s.repeatAccuracy * 100)}%`;
  const where = `After ${s.steps} steps the ${s.layers}-layer model ranks the right token first at ${pct} of the repeated positions`;
  if (s.layers < 2) {
    return { status: 'wrong', score: 0, feedback: `${where}. One layer cannot hold both the previous-token head and the induction head: choose two layers.` };
  }
  if (s.repeatAccuracy >= 0.9) return { status: 'correct', score: 1, feedback: `${where}: the induction head has formed.` };
  if (s.repeatAccuracy >= 0.5) return { status: 'partial', score: 0.5, feedback: `${where}: the drop has begun; keep training.` };
  return { status: 'wrong', score: 0, feedback: `${where}. Keep training: the drop usually comes after a few hundred steps.` };
}

/** The copy goal: the copy task, one head per layer, the right token ranked first at 95% of the answer. */
export function copyGoal(state: unknown): CheckResult {
  const s = state as { task?: unknown; heads?: unknown; layers?: unknown; steps?: unknown; repeatAccuracy?: unknown } | null;
  if (!s || typeof s.heads !== 'number' || typeof s.steps !== 'number' || typeof s.repeatAccuracy !== 'number') {
    return { status: 'invalid', score: 0, feedback: 'The figure has not reported any training yet: press Train and check again.' };
  }
  if (s.task !== 'copy') return { status: 'wrong', score: 0, feedback: `The figure is training the ${String(s.task ?? 'induction')} task; the goal is about copying: choose “copy” under “Task”.` };
  if (s.heads !== 1) return { status: 'wrong', score: 0, feedback: `The model has ${s.heads} heads per layer; the goal asks for one: choose 1 under “Heads per layer”.` };
  const pct = `${Math.round(s.repeatAccuracy * 100)}%`;
  const where = `After ${s.steps} steps the model ranks the right token first at ${pct} of the answer positions`;
  if (s.repeatAccuracy >= 0.95) return { status: 'correct', score: 1, feedback: `${where}: one head has learned where to look.` };
  if (s.repeatAccuracy >= 0.5) return { status: 'partial', score: 0.5, feedback: `${where}: keep training.` };
  return { status: 'wrong', score: 0, feedback: `${where}. Keep training: the accuracy rises steeply after a couple of hundred steps.` };
}

const bank: ExerciseBank = {
  id: '09-transformers',
  title: 'Transformers',
  exercises: [
    {
      id: 'attention-weight',
      version: 1,
      kind: 'numeric',
      title: 'One attention weight by hand',
      params: (rng) => {
        const q = pick(rng, [[1, 1], [2, 0], [1, -1], [0, 2], [2, 1]]);
        const keys = pick(rng, [
          [[1, 0], [0, 1], [1, 1]],
          [[2, 0], [0, 1], [-1, 1]],
          [[1, 1], [1, -1], [0, 2]],
        ]);
        return { q, keys, j: rng.int(3) };
      },
      prompt: ({ q, keys, j }) =>
        String.raw`A query $\mathbf{q} = ${vec(q)}$ attends to three keys, $\mathbf{k}_1 = ${vec(keys[0])}$, $\mathbf{k}_2 = ${vec(keys[1])}$ and $\mathbf{k}_3 = ${vec(keys[2])}$, with $d_k = 2$ and the scores divided by $\sqrt{d_k}$. What is the attention weight on $\mathbf{k}_${j + 1}$? (Three significant figures.)`,
      answer: ({ q, keys, j }) => attentionWeights(q, keys)[j],
      tolerance: { rel: 3e-3 },
      hints: [
        ({ q, keys }) => String.raw`The scores are the dot products: $${keys.map((k: number[]) => dot(q, k)).join('$, $')}$. Divide each by $\sqrt{2} \approx 1.414$.`,
        () => String.raw`The weight on key $j$ is $e^{s_j} / \sum_i e^{s_i}$ for the scaled scores $s_i$.`,
      ],
      solution: ({ q, keys, j }) => {
        const raw = keys.map((k: number[]) => dot(q, k));
        const s = raw.map((v: number) => v / Math.SQRT2);
        const w = attentionWeights(q, keys);
        return String.raw`The scores are $\mathbf{q} \cdot \mathbf{k}_i = ${raw.join('$, $')}$; divided by $\sqrt{2}$ they are $${s.map((v: number) => round(v, 3)).join('$, $')}$. Their exponentials are $${s.map((v: number) => round(Math.exp(v), 3)).join('$, $')}$, so

$$
a_${j + 1} = \frac{${round(Math.exp(s[j]), 3)}}{${s.map((v: number) => round(Math.exp(v), 3)).join(' + ')}} \approx ${round(w[j], 3)}.
$$

The three weights, $${w.map((v: number) => round(v, 3)).join('$, $')}$, sum to $1$.`;
      },
    },
    {
      id: 'causal-row',
      version: 1,
      kind: 'vector',
      title: 'A row of weights under the causal mask',
      params: (rng) => ({ scores: pick(rng, [[1, 0, 2, 3], [0, 1, 1, 2], [2, 1, 0, 1], [1, 1, 1, 5], [0, 2, 1, 0]]), i: 1 + rng.int(2) }),
      prompt: ({ scores, i }) =>
        String.raw`In a sequence of four tokens, the scaled scores of token ${i + 1}'s query against the four keys are $${vec(scores)}$. With the causal mask, what are token ${i + 1}'s four attention weights? Give four numbers separated by commas, to three decimals.`,
      answer: ({ scores, i }) => causalRow(scores, i),
      tolerance: { abs: 2e-3 },
      hints: [
        ({ i }) => String.raw`The mask sets the scores of tokens after token ${i + 1} to $-\infty$: their weights are $0$.`,
        ({ scores, i }) => String.raw`Take the softmax of the first ${i + 1} scores alone, $${vec(scores.slice(0, i + 1))}$.`,
      ],
      solution: ({ scores, i }) => {
        const w = causalRow(scores, i);
        const e = scores.slice(0, i + 1).map((v: number) => Math.exp(v));
        return String.raw`The mask turns the scores into $${vec(scores.map((v: number, j: number) => (j <= i ? String(v) : String.raw`-\infty`)))}$. The exponentials of the kept ones are $${e.map((v: number) => round(v, 3)).join('$, $')}$, summing to $${round(e.reduce((a: number, b: number) => a + b, 0), 3)}$, so the weights are

$$
${vec(w.map((v: number) => round(v, 3)))}.
$$

Token ${i + 1} spreads its weight over itself and the tokens before it; the later scores, however large, do not matter.`;
      },
    },
    {
      id: 'score-spread',
      version: 1,
      kind: 'numeric',
      title: 'How large are the scores of random vectors?',
      params: (rng) => ({ dk: pick(rng, [16, 64, 100, 256]), sigma2: pick(rng, [1, 0.25, 4]) }),
      prompt: ({ dk, sigma2 }) =>
        String.raw`The entries of a query $\mathbf{q}$ and a key $\mathbf{k}$ of width $d_k = ${dk}$ are all independent, with mean $0$ and variance $${sigma2}$. What is the standard deviation of their dot product $\mathbf{q} \cdot \mathbf{k}$, before any scaling?`,
      answer: ({ dk, sigma2 }) => sigma2 * Math.sqrt(dk),
      tolerance: { rel: 2e-3 },
      hints: [
        ({ sigma2 }) => String.raw`Each term $q_c k_c$ is a product of two independent variables with mean $0$: its variance is the product of their variances, $${sigma2} \cdot ${sigma2}$.`,
        ({ dk }) => String.raw`The variance of a sum of ${dk} independent terms is the sum of their variances; the standard deviation is its square root.`,
      ],
      solution: ({ dk, sigma2 }) =>
        String.raw`Each term $q_c k_c$ has mean $0$ and variance $\mathbb{E}[q_c^2]\,\mathbb{E}[k_c^2] = ${sigma2}^2 = ${sigma2 * sigma2}$. The ${dk} terms are independent, so the dot product has variance $${dk} \cdot ${sigma2 * sigma2} = ${dk * sigma2 * sigma2}$ and standard deviation

$$
\sqrt{${dk * sigma2 * sigma2}} = ${round(sigma2 * Math.sqrt(dk), 4)}.
$$

Dividing by $\sqrt{d_k} = ${Math.sqrt(dk)}$ brings it to $${sigma2}$, the same for every width; scores this spread ${sigma2 * Math.sqrt(dk) > 4 ? 'without the division would saturate the softmax' : 'are moderate'}.`,
    },
    {
      id: 'quadratic-cost',
      version: 1,
      kind: 'numeric',
      title: 'How many attention weights?',
      params: (rng) => ({ layers: pick(rng, [2, 6, 12]), heads: pick(rng, [4, 8, 12]), T: pick(rng, [128, 256, 1024]) }),
      prompt: ({ layers, heads, T }) =>
        String.raw`A decoder-only transformer has ${layers} layers of ${heads} heads each and reads a context of $T = ${T}$ tokens. In one forward pass over one sequence, how many attention weights does it compute, counting the masked ones that are $0$? (A number like ${code('1.5e6')} is fine.)`,
      answer: ({ layers, heads, T }) => layers * heads * T * T,
      tolerance: { rel: 1e-3 },
      hints: [
        ({ T }) => String.raw`One head of one layer computes a weight for every pair of positions: a $${T} \times ${T}$ matrix.`,
        () => 'Every head of every layer has its own matrix.',
      ],
      solution: ({ layers, heads, T }) =>
        String.raw`Each head of each layer computes a $T \times T$ matrix of weights, so the total is $${layers} \cdot ${heads} \cdot ${T}^2 = ${(layers * heads * T * T).toLocaleString('en-US').replace(/,/g, '{,}')}$. Doubling the context to $${2 * T}$ multiplies it by $4$, while the matrix products with the weight matrices grow only by $2$: for long contexts the attention matrices dominate time and memory.`,
    },
    {
      id: 'claims',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'What transformers do and do not do',
      prompt: () => 'Which statements are true? Select every one.',
      choices: () => [
        {
          text: 'Without position information, self-attention gives the same outputs, in permuted order, for a permuted input.',
          correct: true,
          why: 'Permuting the rows of X permutes the rows and columns of the score matrix alike; every output row is the same weighted sum as before.',
        },
        {
          text: 'With the causal mask, the output at position t does not depend on any token after t, so every position can be trained in one pass.',
          correct: true,
          why: 'Masked scores get weight exactly 0; the chapter\'s code cell measures a gradient of exactly 0 for the later tokens.',
        },
        {
          text: 'Multi-head attention with h heads of width d/h costs about h times as much as one head of width d.',
          correct: false,
          why: 'The heads split the width: the projections cost the same, and each head\'s score matrix is computed from vectors of width d/h.',
        },
        {
          text: 'Layer normalization, unlike batch normalization, uses no statistics of the batch.',
          correct: true,
          why: 'It normalises each position\'s vector across its own d entries.',
        },
        {
          text: 'A one-layer attention-only transformer can learn the induction rule "A was followed by B before, so predict B", given enough training.',
          correct: false,
          why: 'The induction head\'s key must carry the previous token, which only an earlier layer can write; in the chapter\'s runs one layer stayed stuck.',
        },
        {
          text: 'The chapter\'s experiments show that larger transformers will lead to general intelligence.',
          correct: false,
          why: 'Nothing in the chapter, or the book, supports that forecast; it is a claim some people make, not a result.',
        },
      ],
      hints: [
        () => 'Think about what each mechanism computes, not about what large models are said to do.',
        () => 'Three of the six are true.',
      ],
      solution: () =>
        'The first, second and fourth are true. Self-attention is permutation-equivariant, which is why positions are added; the causal mask zeroes the weights of later tokens, so no gradient flows from them; layer normalization works within one position. Splitting the width across heads keeps the cost about the same as one wide head. An induction head needs a key that carries the previous token, written by an earlier layer, so one layer cannot form it. And the claim about general intelligence is a forecast, not something any experiment here shows.',
    },
    {
      id: 'masked-attention-code',
      version: 1,
      kind: 'code',
      title: 'Causal attention in code',
      params: (rng) => ({ seed: 1 + rng.int(1000) }),
      prompt: () =>
        String.raw`Write ${code('causalAttention(Q, K, V)')}: given queries, keys and values as arrays of rows (${code('Q[i]')} is the query of token $i$, each of width $d_k$; ${code('V[j]')} may have another width), return the rows of $\operatorname{softmax}(QK^\top/\sqrt{d_k} + M)V$, where the mask $M$ is $-\infty$ above the diagonal, so token $i$ attends only to tokens $j \le i$. The hidden checks compare your rows with the engine's attention op on random inputs, change later tokens to check that no earlier row moves, and run a gradient check: the derivatives of your function by central differences must match the engine's backward pass.`,
      starter: () => `// Q, K: n rows of dk numbers; V: n rows. Token i may use tokens j <= i only.
function causalAttention(Q, K, V) {
  const dk = Q[0].length;
  return Q.map((q, i) => {
    // scores of token i against every key: fix this to use the mask and the scaling
    const scores = K.map((k) => k.reduce((s, kc, c) => s + kc * q[c], 0));
    const m = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - m));
    const total = e.reduce((a, b) => a + b, 0);
    return V[0].map((_, c) => e.reduce((s, ej, j) => s + (ej / total) * V[j][c], 0));
  });
}

print(causalAttention([[1, 0], [0, 1]], [[1, 0], [0, 1]], [[1, 2], [3, 4]]));`,
      checkCode: ({ seed }) => `
(() => {
  if (typeof causalAttention !== 'function') { __report(0, 'There is no function called causalAttention.'); return; }
  const r = rng(${seed});
  const rows = (n, d) => Array.from({ length: n }, () => Array.from({ length: d }, () => r.normal()));
  const bad = (out, n, dv) => !Array.isArray(out) || out.length !== n || out.some((row) => !Array.isArray(row) || row.length !== dv || row.some((v) => typeof v !== 'number' || !Number.isFinite(v)));
  for (let trial = 0; trial < 4; trial++) {
    const n = 3 + trial, dk = 2 + trial, dv = 3;
    const Q = rows(n, dk), K = rows(n, dk), V = rows(n, dv);
    const out = causalAttention(Q, K, V);
    if (bad(out, n, dv)) { __report(0, 'causalAttention must return ' + n + ' rows of ' + dv + ' finite numbers for ' + n + ' tokens with values of width ' + dv + '.'); return; }
    const t = (m, d) => tensor(m.flat(), [1, n, d]);
    const want = attention(t(Q, dk), t(K, dk), t(V, dv), 1, { causal: true }).output.data;
    const plain = attention(t(Q, dk), t(K, dk), t(V, dv), 1, { causal: false }).output.data;
    const unscaled = attention(t(Q, dk), t(K, dk), t(V, dv), 1, { causal: true, scale: 1 }).output.data;
    const off = (ref) => out.flat().reduce((m, v, i) => Math.max(m, Math.abs(v - ref[i])), 0);
    if (off(want) > 1e-4) {
      const why = off(plain) < 1e-4 ? 'it matches attention without the mask: token i still sees later tokens'
        : off(unscaled) < 1e-4 ? 'it matches masked attention without the division by the square root of d_k'
        : 'the largest difference from the engine is ' + off(want).toFixed(4);
      __report(0, 'With ' + n + ' tokens, ' + why + '.');
      return;
    }
    // Change the last token's key and value: every earlier row must stay put.
    const K2 = K.map((k, j) => (j === n - 1 ? k.map((v) => v + 5) : k));
    const V2 = V.map((v, j) => (j === n - 1 ? v.map((x) => x - 5) : v));
    const out2 = causalAttention(Q, K2, V2);
    for (let i = 0; i < n - 1; i++) for (let c = 0; c < dv; c++) {
      if (Math.abs(out2[i][c] - out[i][c]) > 1e-9) { __report(0.5, 'Your rows match the engine, but changing the last token moved row ' + i + ': check that nothing outside the mask reads later tokens.'); return; }
    }
  }
  // A gradient check: the gradient of sum(G * out) with respect to every entry of Q, K and V, by central
  // differences of your function, against the engine's backward pass through its causal attention.
  const n = 4, dk = 3, dv = 3, h = 1e-3;
  const Q = rows(n, dk), K = rows(n, dk), V = rows(n, dv), G = rows(n, dv).flat();
  const f = (Qx, Kx, Vx) => causalAttention(Qx, Kx, Vx).flat().reduce((s, v, i) => s + v * G[i], 0);
  const leaves = [Q, K, V].map((m) => tensor(m.flat(), [1, n, m[0].length], { requiresGrad: true }));
  attention(leaves[0], leaves[1], leaves[2], 1, { causal: true }).output.mul(tensor(G, [1, n, dv])).sum().backward();
  let gap = 0;
  for (const [which, name] of [[0, 'Q'], [1, 'K'], [2, 'V']]) {
    const m = [Q, K, V][which];
    for (let i = 0; i < n; i++) for (let c = 0; c < m[i].length; c++) {
      const bumped = (d) => { const args = [Q, K, V].map((a) => a.map((row) => row.slice())); args[which][i][c] += d; return f(...args); };
      const fd = (bumped(h) - bumped(-h)) / (2 * h);
      const g = leaves[which].grad.data[i * m[i].length + c];
      if (!(Math.abs(fd - g) <= 1e-3 + 1e-2 * Math.abs(g))) { __report(0.5, 'Your rows match the engine, but the gradient check fails: the derivative by central differences with respect to ' + name + '[' + i + '][' + c + '] is ' + fd.toFixed(5) + ', the engine\\'s backward pass gives ' + g.toFixed(5) + '.'); return; }
      gap = Math.max(gap, Math.abs(fd - g));
    }
  }
  __report(1, 'Your rows match the engine\\'s causal attention for 3 to 6 tokens, changing the last token leaves every earlier row exactly as it was, and the gradient check passes: central differences of your function agree with the engine\\'s backward pass for every entry of Q, K and V to ' + gap.toExponential(1) + '.');
})();`,
      hints: [
        () => String.raw`Only keys $j \le i$ enter row $i$: compute the scores of ${code('K.slice(0, i + 1)')}, or set the others to ${code('-Infinity')} (its exponential is $0$).`,
        () => String.raw`Divide each score by ${code('Math.sqrt(dk)')} before the softmax.`,
      ],
      solution: () =>
        String.raw`Score token $i$ against the keys up to $i$ only, scale, take the softmax and average the matching values:

${'```'}js
function causalAttention(Q, K, V) {
  const dk = Q[0].length;
  return Q.map((q, i) => {
    const scores = K.slice(0, i + 1).map((k) => k.reduce((s, kc, c) => s + kc * q[c], 0) / Math.sqrt(dk));
    const m = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - m));
    const total = e.reduce((a, b) => a + b, 0);
    return V[0].map((_, c) => e.reduce((s, ej, j) => s + (ej / total) * V[j][c], 0));
  });
}
${'```'}

Slicing the keys is the same as adding $-\infty$ to the masked scores, and it makes it plain that a later token cannot reach row $i$. Subtracting the largest score before exponentiating changes nothing in exact arithmetic and keeps ${code('Math.exp')} from overflowing.`,
    },
    {
      id: 'attend-to-cat',
      version: 1,
      kind: 'widget',
      widget: 'AttentionByHand',
      widgetProps: { causal: true, stage: 4, id: 'attend-to-cat' },
      title: 'A query that finds the cat',
      prompt: () =>
        String.raw`In the figure, with the causal mask on, the division by $\sqrt{d_k}$ on and the extra factor $c = 1$, move the query of "sat" until "sat" puts at least $0.8$ of its attention weight on "cat". Then check.`,
      check: (_p, state) => attendGoal(state),
      hints: [
        () => String.raw`With the mask on, "sat" sees the keys of "the" $(0, 1)$, "cat" $(1, 0)$ and itself $(1, 1)$. You want $\mathbf{q} \cdot (1, 0)$ large and the other two small.`,
        () => 'Point the query right and down, and make it long: the sliders go to ±3.',
      ],
      solution: () =>
        String.raw`The scores are $q_1 \cdot 0 + q_2$ for "the", $q_1$ for "cat" and $q_1 + q_2$ for "sat", so "cat" wins most clearly when $q_1$ is large and $q_2$ negative. At $\mathbf{q} = (3, -3)$ the scaled scores are $-2.12$, $2.12$ and $0$, and the weight on "cat" is $e^{2.12} / (e^{-2.12} + e^{2.12} + e^{0}) \approx 0.88$. No query within the sliders' range does better: the weight on "cat" grows with its lead over "the", $q_1 - q_2$, and over "sat", $-q_2$, and both are largest at the corner $(3, -3)$. A sharper choice would need larger scores, that is, longer queries or keys, or a larger $c$.`,
    },
    {
      id: 'induction-goal',
      version: 1,
      kind: 'widget',
      widget: 'InductionHeads',
      widgetProps: { id: 'induction-goal' },
      title: 'Watch an induction head form',
      prompt: () =>
        String.raw`In the figure, train a two-layer model until it ranks the right token first at at least $90\%$ of the repeated positions. Then check. At about which step did the loss on the repeated tokens drop, and which head changed first?`,
      check: (_p, state) => inductionGoal(state),
      hints: [
        () => 'Choose 2 layers and press Train; the drop usually comes after a few hundred steps.',
        () => 'Pause just as the repeated-token loss starts to fall and compare the two layers\' heat maps.',
      ],
      solution: () =>
        String.raw`With two layers the repeated-token loss falls slowly from $\ln 16 \approx 2.77$ for a few hundred steps and then drops below $1$ within about a hundred more; soon after, the model ranks the right token first almost everywhere in the repeat. A layer-1 head attends to the previous token (the line just below the diagonal), and a layer-2 head attends, from each position of the repeat, to the token after the previous occurrence of the current token (a line parallel to the diagonal, one period back). With one layer the loss stays near $2$: the key that says "my previous token was A" can only be written by an earlier layer.`,
    },
    {
      id: 'copy-goal',
      version: 1,
      kind: 'widget',
      widget: 'InductionHeads',
      widgetProps: { id: 'copy-goal', task: 'copy', layers: 1, heads: 1 },
      title: 'Copy with one head',
      prompt: () =>
        String.raw`The figure is set to the copy task: $12$ tokens, a separator, then the same $12$ tokens again. Train a model with one head per layer until it ranks the right token first at at least $95\%$ of the answer positions. Then check, and look at the head's heat map: which line does it draw, and why can the induction trick not do this task on its own?`,
      check: (_p, state) => copyGoal(state),
      hints: [
        () => 'One layer of one head is enough: press Train and wait a few hundred steps.',
        () => 'In the heat map, find where row 12 (the separator) and the rows after it put their weight.',
      ],
      solution: () =>
        String.raw`One layer with one head gets there in a few hundred steps. Its heat map draws a line parallel to the diagonal, $12$ positions below it: answer position $t$ reads input position $t - 12$, the token it must write next. That is a rule about places, found through the learned positions, not about tokens: the input tokens are drawn independently and may repeat, so "the token after the previous occurrence of the current one" would often be wrong, and the separator, the first query of the answer, has no earlier occurrence at all.`,
    },
  ],
};

export default bank;
