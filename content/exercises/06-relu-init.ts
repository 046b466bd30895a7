// Exercises for chapter 6: the sigmoid's bound on a backward product, He and Xavier scales, what Xavier does
// to a deep ReLU network, zero and constant initialization, dead units versus sparsity, a GradientFlow goal,
// and an initializer in code put through a deep network by the hidden checks.
import type { CheckResult, ExerciseBank } from '../../lib/exercises/types.ts';
import type { Rng } from '../../engine/random.ts';

const round = (x: number, digits = 6) => Number(x.toFixed(digits));
const code = (s: string) => '`' + s + '`';
const int = (rng: Rng, lo: number, hi: number) => lo + rng.int(hi - lo + 1);
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const dsigmoid = (z: number) => sigmoid(z) * (1 - sigmoid(z));
/** A number in scientific notation for TeX, e.g. 9.54 \times 10^{-7}. */
const sci = (x: number, digits = 3) => {
  const [m, e] = x.toExponential(digits - 1).split('e');
  return Number(e) === 0 ? m : String.raw`${m} \times 10^{${Number(e)}}`;
};
const matrix = (m: number[][]) => String.raw`\begin{pmatrix} ${m.map((r) => r.join(' & ')).join(String.raw` \\ `)} \end{pmatrix}`;

/** Standard deviations and bounds of the four standard initializers. */
export const scales = (nIn: number, nOut: number) => ({
  heStd: Math.sqrt(2 / nIn),
  heBound: Math.sqrt(6 / nIn),
  xavierStd: Math.sqrt(2 / (nIn + nOut)),
  xavierBound: Math.sqrt(6 / (nIn + nOut)),
});

/** A ReLU activation matrix, B rows (examples) by n columns (units), with some columns all zero (dead units). */
export function activationMatrix(rng: Rng): { A: number[][]; dead: number[] } {
  const B = 4;
  const n = int(rng, 4, 6);
  const deadCount = int(rng, 1, 2);
  const dead = rng.permutation(n).slice(0, deadCount);
  const A = Array.from({ length: B }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    if (dead.includes(j)) continue;
    const alive = rng.int(B); // at least this row is positive
    for (let i = 0; i < B; i++) A[i][j] = i === alive || rng.next() < 0.5 ? int(rng, 1, 9) / 10 : 0;
  }
  return { A, dead: Array.from(dead).sort((a, b) => a - b) };
}

const zeroShare = (A: number[][]) => A.flat().filter((v) => v === 0).length / A.flat().length;

/** The GradientFlow goal: both spreads of layer 10 within a factor 2 of layer 1's. */
export function flowCheck(state: unknown): CheckResult {
  const s = state as { activation?: unknown; init?: unknown; activationStd?: unknown; gradientStd?: unknown } | null;
  const nums = (v: unknown): v is number[] => Array.isArray(v) && v.length >= 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!s || !nums(s.activationStd) || !nums(s.gradientStd)) {
    return { status: 'invalid', score: 0, feedback: 'The figure has not reported its measurements yet: change a setting and check again.' };
  }
  const a = s.activationStd;
  const g = s.gradientStd;
  const ratio = (xs: number[]) => (xs[0] > 0 && xs[xs.length - 1] > 0 ? xs[xs.length - 1] / xs[0] : 0);
  const within = (r: number) => r >= 0.5 && r <= 2;
  const ra = ratio(a);
  const rg = ratio(g);
  const fmt = (x: number) => (x === 0 ? '0' : x < 1e-3 || x >= 1e3 ? x.toExponential(1) : String(+x.toPrecision(2)));
  const actNames: Record<string, string> = { relu: 'ReLU', leakyRelu: 'leaky ReLU', tanh: 'tanh', sigmoid: 'sigmoid' };
  const initNames: Record<string, string> = { zero: 'zero', small: 'small random', xavier: 'Xavier', he: 'He' };
  const where = `${actNames[String(s.activation)] ?? String(s.activation)} with ${initNames[String(s.init)] ?? String(s.init)} initialization`;
  const aText = `activation spread ${fmt(a[0])} in layer 1 and ${fmt(a[a.length - 1])} in layer ${a.length}`;
  const gText = `gradient spread ${fmt(g[0])} in layer 1 and ${fmt(g[g.length - 1])} in layer ${g.length}`;
  if (within(ra) && within(rg)) {
    return { status: 'correct', score: 1, feedback: `${where[0].toUpperCase()}${where.slice(1)} keeps both signals within a factor of 2 (${aText}; ${gText}).` };
  }
  if (within(ra) || within(rg)) {
    const bad = within(ra) ? `the gradients do not: ${gText}` : `the activations do not: ${aText}`;
    return { status: 'partial', score: 0.5, feedback: `With ${where} one signal survives, but ${bad}.` };
  }
  return { status: 'wrong', score: 0, feedback: `With ${where} neither signal stays within a factor of 2: ${aText}; ${gText}.` };
}

type InitKind = 'he-normal' | 'he-uniform' | 'xavier-normal' | 'xavier-uniform';
const initText: Record<InitKind, string> = {
  'he-normal': String.raw`He initialization in its normal form: mean $0$, standard deviation $\sqrt{2/n_{\text{in}}}$`,
  'he-uniform': String.raw`He initialization in its uniform form: uniform on $[-r, r]$ with $r = \sqrt{6/n_{\text{in}}}$`,
  'xavier-normal': String.raw`Xavier initialization in its normal form: mean $0$, standard deviation $\sqrt{2/(n_{\text{in}} + n_{\text{out}})}$`,
  'xavier-uniform': String.raw`Xavier initialization in its uniform form: uniform on $[-r, r]$ with $r = \sqrt{6/(n_{\text{in}} + n_{\text{out}})}$`,
};
const initSolution: Record<InitKind, string> = {
  'he-normal': `function init(nIn, nOut, r) {
  const s = Math.sqrt(2 / nIn);
  const values = Array.from({ length: nOut * nIn }, () => r.normal(0, s));
  return tensor(values, [nOut, nIn]);
}`,
  'he-uniform': `function init(nIn, nOut, r) {
  const bound = Math.sqrt(6 / nIn);
  const values = Array.from({ length: nOut * nIn }, () => r.uniform(-bound, bound));
  return tensor(values, [nOut, nIn]);
}`,
  'xavier-normal': `function init(nIn, nOut, r) {
  const s = Math.sqrt(2 / (nIn + nOut));
  const values = Array.from({ length: nOut * nIn }, () => r.normal(0, s));
  return tensor(values, [nOut, nIn]);
}`,
  'xavier-uniform': `function init(nIn, nOut, r) {
  const bound = Math.sqrt(6 / (nIn + nOut));
  const values = Array.from({ length: nOut * nIn }, () => r.uniform(-bound, bound));
  return tensor(values, [nOut, nIn]);
}`,
};

const bank: ExerciseBank = {
  id: '06-relu-init',
  title: 'ReLU and initialization',
  exercises: [
    {
      id: 'sigmoid-product',
      version: 1,
      kind: 'numeric',
      title: 'What k sigmoid layers do to a gradient',
      params: (rng) => ({ k: int(rng, 3, 10), scenario: rng.int(2), z: pick(rng, [1, 1.5, 2, 3]) }),
      prompt: ({ k, scenario, z }) =>
        scenario === 0
          ? String.raw`A gradient travels back through $${k}$ sigmoid layers. Leave the weights aside: from each layer it picks up one factor $\operatorname{sigmoid}'(z)$, the slope of the unit it passes through. What is the largest possible value of the product of these $${k}$ slopes, $\operatorname{sigmoid}'\big(z^{(1)}\big) \cdots \operatorname{sigmoid}'\big(z^{(${k})}\big)$? Three significant figures are enough; you may type a number like 1.23e-5.`
          : String.raw`A gradient travels back through $${k}$ sigmoid layers, and on its path every unit has the same pre-activation $z = ${z}$. Leave the weights aside: what is the product of the $${k}$ slopes $\operatorname{sigmoid}'(${z})$? Three significant figures are enough; you may type a number like 1.23e-5.`,
      answer: ({ k, scenario, z }) => (scenario === 0 ? 0.25 ** k : dsigmoid(z) ** k),
      tolerance: { rel: 5e-3, abs: 0 },
      hints: [
        () => String.raw`$\operatorname{sigmoid}'(z) = s(1 - s)$ with $s = \operatorname{sigmoid}(z)$.`,
        ({ scenario, z }) =>
          scenario === 0
            ? String.raw`$s(1 - s) = \tfrac{1}{4} - (s - \tfrac{1}{2})^2$: what is its largest value, and can every factor reach it at once?`
            : String.raw`$\operatorname{sigmoid}(${z}) \approx ${round(sigmoid(z), 4)}$, so one slope is about $${round(dsigmoid(z), 4)}$.`,
      ],
      solution: ({ k, scenario, z }) =>
        scenario === 0
          ? String.raw`Each slope is $s(1 - s) = \tfrac{1}{4} - (s - \tfrac{1}{2})^2 \le \tfrac{1}{4}$, with equality exactly when $z = 0$. The factors are independent of one another, so the product is largest when every unit sits at $z = 0$:

$$
\Big(\tfrac{1}{4}\Big)^{${k}} = 4^{-${k}} \approx ${sci(0.25 ** k)}.
$$

To undo this, each weight matrix would have to stretch the gradient by more than $4$. That is possible: the mean-field analysis of deep random networks (Poole et al. 2016; Schoenholz et al. 2017) shows that weights large enough bring the whole per-layer factor, weights and slopes together, back to about $1$. The price is that such weights push most pre-activations far from $0$, so most units saturate, and the forward map becomes chaotic, sending nearby inputs far apart: a network that keeps its gradient this way starts training from a poor place.`
          : String.raw`One slope is $\operatorname{sigmoid}'(${z}) = s(1 - s)$ with $s = \operatorname{sigmoid}(${z}) \approx ${round(sigmoid(z), 4)}$, so it is about $${round(dsigmoid(z), 4)}$. The product of $${k}$ of them is

$$
${round(dsigmoid(z), 4)}^{${k}} \approx ${sci(dsigmoid(z) ** k)},
$$

compared with $4^{-${k}} \approx ${sci(0.25 ** k)}$ if every unit had been at $z = 0$. Saturated units make the vanishing gradient far worse than the bound.`,
    },
    {
      id: 'init-scale',
      version: 1,
      kind: 'vector',
      title: 'He and Xavier for one layer',
      params: (rng) => ({ nIn: pick(rng, [64, 100, 128, 200, 256, 300, 512, 784]), nOut: pick(rng, [10, 32, 50, 64, 128, 256]) }),
      prompt: ({ nIn, nOut }) =>
        String.raw`A fully connected layer has fan-in $n_{\text{in}} = ${nIn}$ and fan-out $n_{\text{out}} = ${nOut}$, so its weight matrix has shape $${nOut} \times ${nIn}$. Give three numbers, separated by commas, to at least three significant figures: the standard deviation of He initialization in its normal form, the standard deviation of Xavier initialization in its normal form, and the bound $r$ of Xavier initialization in its uniform form, $U(-r, r)$.`,
      answer: ({ nIn, nOut }) => {
        const s = scales(nIn, nOut);
        return [s.heStd, s.xavierStd, s.xavierBound];
      },
      tolerance: { rel: 5e-3, abs: 0 },
      hints: [
        () => String.raw`He: $\operatorname{Var}(w) = 2/n_{\text{in}}$. Xavier: $\operatorname{Var}(w) = 2/(n_{\text{in}} + n_{\text{out}})$. A standard deviation is the square root of a variance.`,
        () => String.raw`A uniform distribution on $[-r, r]$ has variance $r^2/3$, so $r = \sqrt{3\operatorname{Var}(w)}$.`,
      ],
      solution: ({ nIn, nOut }) => {
        const s = scales(nIn, nOut);
        return String.raw`He uses only the fan-in: $\sqrt{2/${nIn}} \approx ${round(s.heStd, 4)}$. Xavier averages fan-in and fan-out: $\sqrt{2/(${nIn} + ${nOut})} = \sqrt{2/${nIn + nOut}} \approx ${round(s.xavierStd, 4)}$. The uniform bound with the same variance is $\sqrt{3} \approx 1.732$ times the standard deviation: $r = \sqrt{6/${nIn + nOut}} \approx ${round(s.xavierBound, 4)}$.

So the answer is $${round(s.heStd, 4)}, ${round(s.xavierStd, 4)}, ${round(s.xavierBound, 4)}$. ${nOut < nIn ? String.raw`Because this layer narrows ($n_{\text{out}} < n_{\text{in}}$), Xavier's standard deviation is larger than $\sqrt{1/n_{\text{in}}}$, and He's is larger still: the ReLU factor 2 outweighs the averaging.` : String.raw`Because this layer does not narrow, Xavier's standard deviation is at most $\sqrt{1/n_{\text{in}}}$, and He's is $\sqrt{2}$ times that.`}`;
      },
    },
    {
      id: 'xavier-relu-depth',
      version: 1,
      kind: 'numeric',
      title: 'Xavier in a deep ReLU network',
      params: (rng) => ({ L: int(rng, 6, 30), n: pick(rng, [64, 100, 128, 256]) }),
      prompt: ({ L, n }) =>
        String.raw`A ReLU network has $${L}$ layers of $${n}$ units each, zero biases, and weights drawn with Xavier's variance, which for equal widths is $\operatorname{Var}(w) = 1/${n}$. Using the variance argument of the chapter, by what factor is the standard deviation of the pre-activations in layer $${L}$ smaller than in layer 1? Give the ratio $\operatorname{std}\big(z^{(${L})}\big) / \operatorname{std}\big(z^{(1)}\big)$, to three significant figures.`,
      answer: ({ L }) => 2 ** (-(L - 1) / 2),
      tolerance: { rel: 5e-3, abs: 0 },
      hints: [
        () => String.raw`For ReLU, $\operatorname{Var}\big(z^{(l)}\big) = \tfrac{1}{2} n_{l-1} \operatorname{Var}(w) \operatorname{Var}\big(z^{(l-1)}\big)$.`,
        ({ n }) => String.raw`With $n \operatorname{Var}(w) = ${n} \cdot \tfrac{1}{${n}} = 1$, each layer multiplies the variance by $\tfrac{1}{2}$. How many such steps lie between layer 1 and the last layer, and what happens to the standard deviation?`,
      ],
      solution: ({ L, n }) =>
        String.raw`Each layer multiplies the variance by $\tfrac{1}{2} \cdot ${n} \cdot \tfrac{1}{${n}} = \tfrac{1}{2}$, so the standard deviation by $1/\sqrt{2}$. From layer 1 to layer $${L}$ there are $${L - 1}$ steps:

$$
\frac{\operatorname{std}\big(z^{(${L})}\big)}{\operatorname{std}\big(z^{(1)}\big)} = \Big(\frac{1}{\sqrt{2}}\Big)^{${L - 1}} = 2^{-${L - 1}/2} \approx ${sci(2 ** (-(L - 1) / 2))}.
$$

The width does not matter, because Xavier already scales the variance by $1/n$. He initialization doubles the variance, which makes the factor exactly $1$ at every layer.`,
    },
    {
      id: 'zero-init',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'Zero, constant and random starts',
      prompt: () =>
        'A network with two hidden layers of 16 tanh units is trained with gradient descent (or Adam) on a classification task. Which of these statements are true? Select every one.',
      choices: () => [
        {
          text: 'If every weight and bias starts at 0, every weight (and every hidden bias) has gradient exactly 0, so only the output bias ever changes.',
          correct: true,
          why: String.raw`All activations are $\tanh(0) = 0$, so the last layer's weight gradients (which multiply by those activations) are 0, and everything sent back through a weight matrix of zeros is 0. Only the output bias moves, and moving it changes none of this.`,
        },
        {
          text: 'If every weight starts at the same nonzero value, say 0.3, the 16 units of each hidden layer stay identical to one another for the whole of training.',
          correct: true,
          why: 'Identical units compute the same outputs and receive the same gradients, so every update keeps them identical: the symmetry is never broken.',
        },
        {
          text: 'Adam escapes that symmetry, because it scales every parameter\'s step separately.',
          correct: false,
          why: 'Adam scales each step by statistics of that parameter\'s own gradients; identical gradients give identical statistics and identical steps.',
        },
        {
          text: 'Random weights with every bias set to 0 also leave the units identical, so the biases must be random too.',
          correct: false,
          why: 'Random weights already make the units differ; each then receives its own gradient, biases included. Zero biases are the usual default.',
        },
        {
          text: 'With ReLU instead of tanh, all-zero weights would work, because ReLU\'s slope is 1.',
          correct: false,
          why: String.raw`ReLU's slope is 1 only for $z > 0$; with zero weights and biases every $z$ is 0, every activation is 0, and the gradients vanish exactly as for tanh.`,
        },
      ],
      hints: [
        () => 'Ask what two units of the same layer compute if they start with the same incoming and outgoing weights, and what gradients they then receive.',
        () => String.raw`For the all-zero case, follow the backward product $\mathbf{g}^{(l-1)} = (W^{(l)})^\top D^{(l)} \mathbf{g}^{(l)}$ with $W^{(l)} = 0$.`,
      ],
      solution: () =>
        String.raw`The first two are true. If two units of a layer have the same incoming weights, bias and outgoing weights, they compute the same output on every input and receive the same gradient, so any optimizer that updates each parameter from its own gradient history (SGD, momentum, Adam) keeps them equal; a constant start gives every unit of a layer that property, so each layer acts like a single unit. With all-zero weights it is worse: every tanh activation is 0, every gradient passed back through a zero matrix is 0, and the last layer's weight gradients are (error) times (activation) = 0; only the output bias moves, and the network outputs a constant. Zero biases are fine once the weights are random, and ReLU does not help, since $\operatorname{ReLU}(0) = 0$ and its slope at 0 is taken as 0.`,
    },
    {
      id: 'dead-or-sparse',
      version: 1,
      kind: 'vector',
      title: 'Dead units or sparsity?',
      params: (rng) => activationMatrix(rng),
      prompt: ({ A }) =>
        String.raw`A batch of $${A.length}$ examples passes through a ReLU layer of $${A[0].length}$ units. Its activations, one row per example and one column per unit, are

$$
A = ${matrix(A)}.
$$

Give two numbers, separated by a comma: the fraction of all activations that are exactly $0$, and the fraction of units that are dead on this batch.`,
      answer: ({ A, dead }) => [zeroShare(A), dead.length / A[0].length],
      tolerance: { abs: 2e-3 },
      hints: [
        ({ A }) => `There are ${A.length * A[0].length} activations in all: count the zeros among them.`,
        () => 'A unit is a column. It is dead on this batch only if its whole column is zero; a column with at least one positive entry belongs to a live unit.',
      ],
      solution: ({ A, dead }) => {
        const zeros = A.flat().filter((v: number) => v === 0).length;
        const total = A.length * A[0].length;
        const cols = dead.map((j: number) => j + 1).join(' and ');
        return String.raw`Counting entries, $${zeros}$ of the $${total}$ activations are $0$, a fraction of $${round(zeros / total, 4)}$. Counting columns, only column${dead.length > 1 ? 's' : ''} ${cols} ${dead.length > 1 ? 'are' : 'is'} zero in every row, so $${dead.length}$ of $${A[0].length}$ units are dead: $${round(dead.length / A[0].length, 4)}$.

The two numbers measure different things. Many zeros spread over the columns are ReLU's ordinary sparsity: each live unit is off for some inputs and on for others. A dead unit is off for every input, so its weights receive no gradient at all. On a batch this small a column of zeros may also be bad luck; before calling a unit dead, check it on a large batch of real inputs.`;
      },
    },
    {
      id: 'flow-goal',
      version: 1,
      kind: 'widget',
      widget: 'GradientFlow',
      widgetProps: { activation: 'relu', init: 'xavier', id: 'exercise-flow' },
      title: 'Keep both signals alive through ten layers',
      prompt: () =>
        'The figure starts with ReLU units and Xavier initialization, which shrinks both signals layer after layer. Choose an activation and an initialization for which the activation spread of layer 10 and the gradient spread of layer 1 are both within a factor of 2 of their values at the other end (layer 1 for activations, layer 10 for gradients). Then check.',
      check: (_p, state) => flowCheck(state),
      hints: [
        () => 'Xavier assumes an activation that keeps all of its input near zero; ReLU keeps only half. Which initialization pays back that half?',
        () => 'For ReLU the variance argument gives Var(w) = 2/n_in. Try it, and then try the other activations with it.',
      ],
      solution: () =>
        String.raw`ReLU with He initialization works: the activation spread stays between about $0.7$ and $0.9$ and the gradient spread between about $0.0047$ and $0.0056$ in every layer, because $\operatorname{Var}(w) = 2/n_{\text{in}}$ exactly pays back the half of the mean square that ReLU discards. Leaky ReLU with He behaves almost identically. Tanh with He also passes over ten layers (its gradient spread grows slowly toward the input, by about $35\%$ in all), while tanh with Xavier does not: its activations drift down from $0.63$ to $0.22$ and its gradient spread falls by a factor of about $2.6$ toward the input. No initialization rescues the sigmoid: its slope of at most $\tfrac{1}{4}$ costs the gradient a factor of about 3 to 4 per layer. Zero and small random initializations fail for every activation.`,
    },
    {
      id: 'write-initializer',
      version: 1,
      kind: 'code',
      title: 'Write an initializer',
      params: (rng) => ({ kind: pick(rng, ['he-normal', 'he-uniform', 'xavier-normal', 'xavier-uniform'] as const) }),
      prompt: ({ kind }) =>
        String.raw`Write ${code('init(nIn, nOut, r)')}, which returns a weight tensor of shape ${code('[nOut, nIn]')} (the engine's layout: one row per unit) drawn from ${initText[kind as InitKind]}. Use the seeded generator ${code('r')}: ${code('r.normal(0, s)')} draws from a normal distribution with standard deviation ${code('s')}, and ${code('r.uniform(-a, a)')} uniformly from $[-a, a]$. The hidden checks look at the shape, the mean and variance, the shape of the distribution, and whether the same seed gives the same weights${kind.startsWith('he') ? ', and then push a batch through a 20-layer ReLU network built with your initializer' : ''}.`,
      starter: () => `// nIn: fan-in, nOut: fan-out, r: a seeded generator.
// Return a tensor of shape [nOut, nIn].
function init(nIn, nOut, r) {
  return zeros([nOut, nIn]);
}

const W = init(300, 100, rng(0));
print(W.shape, stats(W.data));`,
      checkCode: ({ kind }) => `
(() => {
  if (typeof init !== 'function') { __report(0, 'There is no function called init.'); return; }
  const kind = '${kind}';
  const he = kind.startsWith('he');
  const uniform = kind.endsWith('uniform');
  const target = (nIn, nOut) => (he ? 2 / nIn : 2 / (nIn + nOut));
  const problems = [];
  let score = 0;
  try {
    let shapesOk = true;
    for (const [nIn, nOut] of [[300, 200], [50, 400], [7, 3]]) {
      const W = init(nIn, nOut, rng(11));
      if (!W || !Array.isArray(W.shape) || W.shape.length !== 2 || W.shape[0] !== nOut || W.shape[1] !== nIn) {
        shapesOk = false;
        problems.push('for nIn = ' + nIn + ' and nOut = ' + nOut + ' the shape should be [' + nOut + ', ' + nIn + '], not ' + JSON.stringify(W && W.shape));
        break;
      }
    }
    if (shapesOk) score += 0.2;
    if (shapesOk) {
      let momentsOk = true;
      for (const [nIn, nOut] of [[300, 200], [50, 400]]) {
        const W = init(nIn, nOut, rng(12));
        const n = W.data.length;
        let s = 0, ss = 0;
        for (let i = 0; i < n; i++) { s += W.data[i]; ss += W.data[i] * W.data[i]; }
        const mean = s / n, variance = ss / n - mean * mean, want = target(nIn, nOut);
        if (Math.abs(mean) > 5 * Math.sqrt(want / n)) { momentsOk = false; problems.push('the mean should be close to 0, but it is ' + mean.toPrecision(3)); break; }
        if (Math.abs(variance / want - 1) > 0.05) {
          momentsOk = false;
          problems.push('for nIn = ' + nIn + ' and nOut = ' + nOut + ' the variance should be ' + want.toPrecision(3) + ', but it is ' + variance.toPrecision(3));
          break;
        }
      }
      if (momentsOk) score += 0.3;
      const W = init(300, 200, rng(13));
      const n = W.data.length;
      const sd = Math.sqrt(target(300, 200));
      let maxAbs = 0, beyond2 = 0;
      for (let i = 0; i < n; i++) { const v = Math.abs(W.data[i]); maxAbs = Math.max(maxAbs, v); if (v > 2 * sd) beyond2++; }
      const bound = Math.sqrt(3) * sd;
      if (uniform) {
        if (maxAbs <= bound * (1 + 1e-5) && maxAbs >= 0.99 * bound) score += 0.2;
        else problems.push('a uniform draw on [-r, r] should fill the interval up to r = ' + bound.toPrecision(3) + ' and never pass it; the largest |w| was ' + maxAbs.toPrecision(3));
      } else {
        const frac = beyond2 / n;
        if (maxAbs > 1.2 * bound && Math.abs(frac - 0.0455) < 0.006) score += 0.2;
        else problems.push('the values do not look normal: about 4.6% of them should lie more than two standard deviations from 0, but ' + (100 * frac).toFixed(1) + '% do');
      }
      const a = init(40, 30, rng(5)), b = init(40, 30, rng(5)), c = init(40, 30, rng(6));
      let same = true, differ = false;
      for (let i = 0; i < a.data.length; i++) { if (a.data[i] !== b.data[i]) same = false; if (a.data[i] !== c.data[i]) differ = true; }
      if (same && differ) score += 0.1;
      else problems.push(same ? 'different generators should give different weights' : 'the same seed should give the same weights: draw every number from r');
      if (he && momentsOk) {
        let X = randn([200, 100], rng(1));
        const spread = [];
        for (let l = 0; l < 20; l++) {
          X = X.matmul(init(100, 100, rng(100 + l)).T).relu();
          spread.push(stats(X.data).std);
        }
        const ratio = spread[19] / spread[0];
        if (ratio > 0.25 && ratio < 4) score += 0.2;
        else problems.push('in a 20-layer ReLU network the activation spread changed by a factor of ' + ratio.toPrecision(3));
      } else if (!he && momentsOk) {
        score += 0.2;
      }
    }
  } catch (e) {
    problems.push('init threw: ' + (e && e.message ? e.message : String(e)));
  }
  __report(score, problems.length ? 'Still to fix: ' + problems.join('; ') + '.' : 'All checks pass: the right shape, mean, variance and distribution, reproducible from the seed' + (he ? ', and a 20-layer ReLU network built with it keeps its activation spread.' : '.'));
})();`,
      hints: [
        ({ kind }) =>
          kind.startsWith('he')
            ? String.raw`He's variance is $2/n_{\text{in}}$; it does not depend on nOut (but the shape does).`
            : String.raw`Xavier's variance is $2/(n_{\text{in}} + n_{\text{out}})$.`,
        ({ kind }) =>
          kind.endsWith('uniform')
            ? `A uniform draw on [-a, a] has variance a²/3, so a = √(3 · variance). Fill an array of nOut · nIn values with ${code('r.uniform(-a, a)')} and pass it to ${code('tensor(values, [nOut, nIn])')}.`
            : `Fill an array of nOut · nIn values with ${code('r.normal(0, s)')}, where s is the square root of the variance, and pass it to ${code('tensor(values, [nOut, nIn])')}.`,
      ],
      solution: ({ kind }) =>
        String.raw`Compute the scale from the fans, draw $n_{\text{out}} \cdot n_{\text{in}}$ numbers from ${code('r')}, and give them the shape ${code('[nOut, nIn]')}:

${'```'}js
${initSolution[kind as InitKind]}
${'```'}

${kind.endsWith('uniform') ? String.raw`The bound is $\sqrt{3}$ times the standard deviation, because a uniform distribution on $[-a, a]$ has variance $a^2/3$; using the standard deviation itself as the bound would give only a third of the variance.` : String.raw`The standard deviation is the square root of the variance; passing the variance itself as ${code('s')} is a common slip that the variance check catches.`} ${kind.startsWith('he') ? String.raw`With this scale each ReLU layer multiplies the variance of its pre-activations by $\tfrac{1}{2} \cdot n \cdot \tfrac{2}{n} = 1$, so the twenty-layer network in the checks keeps its spread.` : String.raw`For layers of equal width this is $\operatorname{Var}(w) = 1/n$, which keeps a tanh network's signals near their size while they stay near zero.`}`,
    },
    {
      id: 'he-leaky',
      version: 1,
      kind: 'numeric',
      title: 'Think harder: He initialization for leaky ReLU',
      params: (rng) => ({ alpha: pick(rng, [0.1, 0.2, 0.3, 0.5]), nIn: pick(rng, [64, 100, 128, 256, 400, 512]) }),
      prompt: ({ alpha, nIn }) =>
        String.raw`A layer of leaky ReLU units with negative slope $\alpha = ${alpha}$ has fan-in $n_{l-1} = ${nIn}$. Its weights are drawn from a normal distribution with mean $0$. Repeat He's derivation for this activation: what standard deviation keeps the variance of the pre-activations the same from layer to layer? Four significant figures are enough.`,
      answer: ({ alpha, nIn }) => Math.sqrt(2 / ((1 + alpha * alpha) * nIn)),
      tolerance: { rel: 2e-3 },
      hints: [
        () => String.raw`The forward equation is $\operatorname{Var}(z^{(l)}) = n_{l-1}\operatorname{Var}(w)\,\mathbb{E}\big[(a^{(l-1)})^2\big]$. You need $\mathbb{E}[a^2]$ for a leaky ReLU of a symmetric $z$.`,
        ({ alpha }) => String.raw`On the positive half $a = z$; on the negative half $a = ${alpha} z$, so $a^2 = ${round(alpha * alpha, 6)} z^2$. Each half carries half of $\mathbb{E}[z^2]$.`,
      ],
      solution: ({ alpha, nIn }) => {
        const a2 = round(alpha * alpha, 6);
        return String.raw`For symmetric $z$, $\mathbb{E}[a^2] = \tfrac{1}{2}\operatorname{Var}(z) + \tfrac{1}{2}\alpha^2 \operatorname{Var}(z) = \tfrac{1 + \alpha^2}{2}\operatorname{Var}(z)$. The variance is preserved when $n_{l-1}\operatorname{Var}(w)\,\tfrac{1 + \alpha^2}{2} = 1$, that is

$$
\operatorname{Var}(w) = \frac{2}{(1 + \alpha^2)\, n_{l-1}} = \frac{2}{${round(1 + a2, 6)} \cdot ${nIn}}, \qquad \text{standard deviation } ${round(Math.sqrt(2 / ((1 + alpha * alpha) * nIn)), 6)}.
$$

With $\alpha = 0$ this is He's $\sqrt{2/n_{l-1}}$; with $\alpha = 1$ the unit is linear and it becomes $\sqrt{1/n_{l-1}}$. This is the formula He et al. (2015) gave for PReLU, and PyTorch's ${code('kaiming_normal_')} with its ${code('a')} argument.`;
      },
    },
  ],
};

export default bank;
