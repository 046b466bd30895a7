// Exercises for the appendix on the engine's source: a broadcast bias's gradient by hand, the order of
// backward's walk, and two new tensor ops written the way the engine writes its own (a forward loop, a
// backward that adds into the inputs' gradients), each put through the engine's gradient check.
import type { ExerciseBank } from '../../lib/exercises/types.ts';
import type { Rng } from '../../engine/random.ts';

const code = (s: string) => '`' + s + '`';
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const matrix = (m: number[][]) => String.raw`\begin{pmatrix} ${m.map((r) => r.join(' & ')).join(String.raw` \\ `)} \end{pmatrix}`;

/** Column sums of G: the gradient of a bias broadcast over G's rows. */
export const columnSums = (G: number[][]) => G[0].map((_, j) => G.reduce((s, row) => s + row[j], 0));

const bank: ExerciseBank = {
  id: '13-engine',
  title: 'The engine, read through',
  exercises: [
    {
      id: 'bias-gradient',
      version: 1,
      kind: 'vector',
      title: 'The gradient of a broadcast bias',
      params: (rng) => {
        const G = Array.from({ length: pick(rng, [2, 3]) }, () => Array.from({ length: 3 }, () => pick(rng, [-2, -1, 1, 2, 3, 4])));
        return { G };
      },
      prompt: ({ G }) =>
        String.raw`A bias $\mathbf{b}$ of shape $[3]$ is added to a batch $X$ of shape $[${G.length}, 3]$, giving $Z = X + \mathbf{b}$ (the bias added to every row). Backward reaches $Z$ with the gradient $\partial L / \partial Z = ${matrix(G)}$. What is $\partial L / \partial \mathbf{b}$? Give its three entries, separated by commas.`,
      answer: ({ G }) => columnSums(G),
      tolerance: { abs: 1e-9 },
      hints: [
        () => String.raw`$b_j$ is used once in every row: in $z_{1j}$, $z_{2j}$, and so on.`,
        () => String.raw`A value used several times receives the sum of the gradients of its uses: add up each column of $\partial L / \partial Z$.`,
      ],
      solution: ({ G }) =>
        String.raw`Each $b_j$ appears in every row, with $\partial z_{rj} / \partial b_j = 1$, so $\partial L / \partial b_j = \sum_r \partial L / \partial z_{rj}$, the sum of column $j$: $(${columnSums(G).join(', ')})$. This is the ${code('suffix')} layout of ${code('accumulateReduced')}: the bias repeats every 3 entries of the output, and each of its entries collects every third entry of the gradient.`,
    },
    {
      id: 'walk-order',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'Why backward walks in topological order',
      prompt: () => String.raw`For $c = a \cdot b$ and $d = (c + a) \cdot c$, ${code('d.backward()')} visits the inner nodes in reverse topological order. Which statements are true? Select every one.`,
      choices: () => [
        { text: String.raw`$c$ must be visited after both nodes that use it, $c + a$ and $d$, because its gradient is the sum of what they pass back.`, correct: true, why: String.raw`Visiting $c$ earlier would pass on an incomplete $\partial d / \partial c$.` },
        { text: String.raw`After backward, ${code('a.grad')} is the sum of two contributions: through $c$ and directly through $c + a$.`, correct: true, why: String.raw`$a$ has two edges out of it; \`+=\` adds both.` },
        { text: 'The order is found by a depth-first walk with an explicit stack, so a very deep graph cannot overflow the call stack.', correct: true, why: 'A recursive walk would need one stack frame per level of the graph.' },
        { text: 'Any order works, because addition is commutative.', correct: false, why: 'The sum is order-free, but a node may pass on its gradient only once the sum is complete.' },
        { text: String.raw`Leaves such as $a$ and $b$ are visited and call ${code('propagate')} like every node.`, correct: false, why: 'Leaves have no inputs to pass a gradient to; backward leaves them out of its walk and they only receive.' },
      ],
      hints: [() => 'Ask, for each node, when its gradient is complete.', () => 'Three of the five are true.'],
      solution: () =>
        String.raw`The first three are true. A node's gradient is the sum of what every node using it passes back, so it may pass its own gradient on only after all of them: that is what reverse topological order guarantees, and why $a$, used twice, ends with two contributions. The engine finds the order iteratively, with its own stack. Any order would not do, and leaves are not visited: they only receive.`,
    },
    {
      id: 'cube-op',
      version: 1,
      kind: 'code',
      title: 'A new op: the cube, with its backward',
      params: (rng) => ({ seed: 1 + rng.int(1000) }),
      prompt: () =>
        String.raw`An engine op is a forward loop and a backward rule. Write both for the cube, $y = x^3$ elementwise: ${code('cubeForward(x)')} takes the input's numbers (an array) and returns the outputs; ${code('cubeBackward(x, y, g)')} takes the inputs, the outputs and the upstream gradient $g = \partial L / \partial y$ and returns $\partial L / \partial x$, entry by entry. The starter's ${code('makeOp')} turns the two into a tensor op the way the engine's ${code('result')} does (it records the input and adds your gradient into it), so you can try it; the hidden checks build the op the same way and run the engine's ${code('gradCheck')} on it alone, on it used twice, and after a matrix product.`,
      starter: () => `function cubeForward(x) {
  return x.map((v) => v ** 3);
}

function cubeBackward(x, y, g) {
  return g.map((gi, i) => gi * 3 * x[i]);   // not the derivative of x^3: fix this
}

// An op from a forward and a backward, as the engine builds its own.
function makeOp(name, forward, backward) {
  return (a) => {
    const y = Float32Array.from(forward(Array.from(a.data)));
    const out = new Tensor(y, a.shape.slice());
    if (a.requiresGrad) {
      out.requiresGrad = true;
      out.op = name;
      out.inputs = [a];
      out.backwardFn = (o) => {
        const d = backward(Array.from(a.data), Array.from(y), Array.from(o.grad.data));
        const ga = a.gradData();
        for (let i = 0; i < ga.length; i++) ga[i] += d[i];   // added: a may feed other ops too
      };
    }
    return out;
  };
}

const cube = makeOp('cube', cubeForward, cubeBackward);
const x = tensor([1, -2, 0.5], { requiresGrad: true });
cube(x).sum().backward();
print(Array.from(x.grad.data));   // should be 3x^2: [3, 12, 0.75]
print(gradCheck((t) => cube(t), [tensor([0.3, -1.2, 2])], { precision: 'float32' }).ok);`,
      checkCode: ({ seed }) => `
(() => {
  if (typeof cubeForward !== 'function' || typeof cubeBackward !== 'function') { __report(0, 'Write two functions, cubeForward and cubeBackward.'); return; }
  const op = (a) => {
    const y = Float32Array.from(cubeForward(Array.from(a.data)));
    const out = new Tensor(y, a.shape.slice());
    if (a.requiresGrad) {
      out.requiresGrad = true;
      out.op = 'cube';
      out.inputs = [a];
      out.backwardFn = (o) => {
        const d = cubeBackward(Array.from(a.data), Array.from(y), Array.from(o.grad.data));
        const ga = a.gradData();
        for (let i = 0; i < ga.length; i++) ga[i] += d[i];
      };
    }
    return out;
  };
  const x = randn([3, 4], rng(${seed}));
  const fwd = cubeForward(Array.from(x.data));
  if (!fwd || fwd.length !== 12) { __report(0, 'cubeForward must return one number per input.'); return; }
  for (let i = 0; i < 12; i++) if (!(Math.abs(fwd[i] - x.data[i] ** 3) <= 1e-4 * Math.max(1, Math.abs(x.data[i] ** 3)))) { __report(0, 'The forward pass is wrong: at x = ' + x.data[i].toFixed(3) + ' it gives ' + fwd[i] + '.'); return; }
  const bwd = cubeBackward(Array.from(x.data), fwd, new Array(12).fill(1));
  if (!bwd || bwd.length !== 12 || Array.from(bwd).some((v) => typeof v !== 'number' || !Number.isFinite(v))) { __report(0, 'cubeBackward must return one finite number per input.'); return; }
  const opts = { precision: 'float32' };
  const alone = gradCheck((t) => op(t), [x], opts);
  if (!alone.ok) { __report(0.25, 'The forward pass is right, but the gradient check fails (largest relative error ' + alone.maxError.toExponential(1) + '): the derivative of x^3 is 3x^2, times the upstream gradient g.'); return; }
  const twice = gradCheck((t) => op(t).add(op(t)), [x], opts);
  const W = randn([4, 2], rng(${seed} + 1));
  const net = gradCheck((t, w) => op(t.matmul(w)).sum(), [x, W], opts);
  if (!twice.ok || !net.ok) { __report(0.5, 'cube passes alone but not inside a larger graph (errors ' + twice.maxError.toExponential(1) + ', ' + net.maxError.toExponential(1) + '): multiply by the upstream gradient g, not by 1.'); return; }
  __report(1, 'Your cube passes the engine\\'s gradient check alone, used twice, and after a matrix product.');
})();`,
      hints: [
        () => String.raw`$\mathrm{d}(x^3)/\mathrm{d}x = 3x^2$, so entry $i$ of the result is $g_i \cdot 3x_i^2$.`,
        () => String.raw`${code('y')} is there for rules written in terms of the output (as tanh's $1 - y^2$); the cube's is easier in terms of ${code('x')}.`,
      ],
      solution: () =>
        String.raw`The derivative is $3x^2$, times the upstream gradient:

${'```'}js
function cubeForward(x) {
  return x.map((v) => v ** 3);
}

function cubeBackward(x, y, g) {
  return g.map((gi, i) => gi * 3 * x[i] * x[i]);
}
${'```'}

${code('makeOp')} is the engine's pattern in miniature: the output records its input and a backward function, and that function adds (${code('+=')}) into the input's gradient, so an input that feeds two ops receives both shares.`,
    },
    {
      id: 'row-scale-op',
      version: 1,
      kind: 'code',
      title: 'A broadcasting op and its backward',
      params: (rng) => ({ seed: 1 + rng.int(1000) }),
      prompt: () =>
        String.raw`The op ${code('rowScale(x, s)')} multiplies a batch $X$ of shape $[B, n]$ by a vector $\mathbf{s}$ of shape $[n]$ broadcast over the rows: $y_{rj} = x_{rj} s_j$. Write its backward rule, ${code('rowScaleBackward(x, s, g, B, n)')}: given the inputs' numbers (flat arrays, row after row), the upstream gradient ${code('g')} (flat, $B \times n$) and the sizes, return ${code('{ dx, ds }')}, the arrays $\partial L/\partial X$ (flat, $B \times n$) and $\partial L/\partial \mathbf{s}$ (length $n$). The hidden checks build the op from your rule and run the engine's ${code('gradCheck')} on both inputs.`,
      starter: () => `function rowScaleBackward(x, s, g, B, n) {
  const dx = g.map((gi, i) => gi * s[i % n]);
  const ds = s.map((_, j) => g[j] * x[j]);   // only row 0: fix this
  return { dx, ds };
}

const x = [1, 2, 3, 4], s = [10, -1], g = [1, 1, 1, 1];   // B = 2, n = 2, L = sum of Y
print(rowScaleBackward(x, s, g, 2, 2));   // ds should be the column sums of X: [4, 6]`,
      checkCode: ({ seed }) => `
(() => {
  if (typeof rowScaleBackward !== 'function') { __report(0, 'There is no function called rowScaleBackward.'); return; }
  const op = (x, s) => {
    const [B, n] = x.shape;
    const y = new Float32Array(B * n);
    for (let i = 0; i < B * n; i++) y[i] = x.data[i] * s.data[i % n];
    const out = new Tensor(y, [B, n]);
    if (x.requiresGrad || s.requiresGrad) {
      out.requiresGrad = true;
      out.op = 'rowScale';
      out.inputs = [x, s];
      out.backwardFn = (o) => {
        const r = rowScaleBackward(Array.from(x.data), Array.from(s.data), Array.from(o.grad.data), B, n);
        if (x.requiresGrad) { const gx = x.gradData(); for (let i = 0; i < gx.length; i++) gx[i] += r.dx[i]; }
        if (s.requiresGrad) { const gs = s.gradData(); for (let j = 0; j < gs.length; j++) gs[j] += r.ds[j]; }
      };
    }
    return out;
  };
  const r0 = rowScaleBackward([1, 2, 3, 4], [10, -1], [1, 1, 1, 1], 2, 2);
  if (!r0 || !r0.dx || !r0.ds || r0.dx.length !== 4 || r0.ds.length !== 2) { __report(0, 'rowScaleBackward must return { dx, ds } with B·n and n numbers.'); return; }
  const x = randn([5, 3], rng(${seed})), s = randn([3], rng(${seed} + 1));
  const opts = { precision: 'float32' };
  const dx = gradCheck((a) => op(a, tensor(Array.from(s.data), [3])), [x], opts);
  if (!dx.ok) { __report(0, 'The gradient of X fails the check (largest relative error ' + dx.maxError.toExponential(1) + ').'); return; }
  const ds = gradCheck((b) => op(tensor(Array.from(x.data), [5, 3]), b), [s], opts);
  if (!ds.ok) { __report(0.5, 'The gradient of X passes, but that of s does not (error ' + ds.maxError.toExponential(1) + '): s is used in every row, so its gradient is a sum over all of them.'); return; }
  __report(1, 'Your rule passes the engine\\'s gradient check for both inputs, on a batch of 5 rows.');
})();`,
      hints: [
        () => String.raw`$s_j$ is used in every row $r$, so its gradient sums over $r$: $\sum_r g_{rj}\,x_{rj}$.`,
        () => String.raw`Loop over every flat index $i = rn + j$ and add ${code('g[i] * x[i]')} into ${code('ds[i % n]')}.`,
      ],
      solution: () =>
        String.raw`$s_j$ appears in every row, so its gradient is a sum over the rows, as for a broadcast bias:

${'```'}js
function rowScaleBackward(x, s, g, B, n) {
  const dx = g.map((gi, i) => gi * s[i % n]);
  const ds = new Array(n).fill(0);
  for (let i = 0; i < B * n; i++) ds[i % n] += g[i] * x[i];
  return { dx, ds };
}
${'```'}

This is the engine's ${code('mul')} for one layout: its backward calls ${code('accumulateReduced')}, whose ${code('suffix')} case is the loop over ${code('ds')} here.`,
    },
  ],
};

export default bank;
