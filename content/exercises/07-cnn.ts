// Exercises for chapter 7: a convolution's output size, one output value by hand, the parameters of a
// convolutional layer against a dense one, the receptive field of a stack, what equivariance and pooling
// do, the backward pass of a 1-D convolution in code (checked against finite differences and the engine),
// and goals in the convolution explorer and the digit figure.
import type { CheckResult, ExerciseBank } from '../../lib/exercises/types.ts';
import type { Rng } from '../../engine/random.ts';
import { outputShape } from '../../components/Convolution/convolution.ts';
import { receptiveFields } from '../../components/DigitCNN/nets.ts';

const code = (s: string) => '`' + s + '`';
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const matrix = (m: number[][]) => String.raw`\begin{pmatrix} ${m.map((r) => r.join(' & ')).join(String.raw` \\ `)} \end{pmatrix}`;
const signed = (v: number) => (v < 0 ? `(${v})` : `${v}`);

/** ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1. */
export const outSize = (n: number, k: number, s: number, p: number, d: number) => Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;

/** The parameters of a convolutional layer with bias: C_out·(C_in·k² + 1). */
export const convParams = (cin: number, cout: number, k: number) => cout * (cin * k * k + 1);

/** The Convolution figure's goal: a 3×3 kernel on the digit with a 7×7 output, every cell computed. */
export function explorerGoal(state: unknown): CheckResult {
  const s = state as { input?: unknown; k?: unknown; stride?: unknown; padding?: unknown; dilation?: unknown; at?: unknown } | null;
  if (!s || typeof s !== 'object' || typeof s.k !== 'number' || typeof s.stride !== 'number' || typeof s.padding !== 'number' || typeof s.dilation !== 'number' || typeof s.at !== 'number') {
    return { status: 'invalid', score: 0, feedback: 'The figure has not reported its settings yet: change a setting and check again.' };
  }
  if (s.input !== 'digit') return { status: 'wrong', score: 0, feedback: 'The goal is about the handwritten 7 (14×14): choose it as the input.' };
  if (s.k !== 3) return { status: 'wrong', score: 0, feedback: `The kernel is ${s.k}×${s.k}; the goal asks for 3×3.` };
  const { Ho, Wo } = outputShape({ H: 14, W: 14, k: 3, stride: s.stride, padding: s.padding, dilation: s.dilation });
  const where = `Stride ${s.stride}, padding ${s.padding} and dilation ${s.dilation} give a ${Ho}×${Wo} output`;
  if (Ho !== 7) return { status: 'wrong', score: 0, feedback: `${where}. Use the formula: which stride roughly halves 14, and how much padding makes it exactly 7?` };
  if (s.at < Ho * Wo) return { status: 'partial', score: 0.5, feedback: `${where}, as asked; ${s.at} of its ${Ho * Wo} cells are computed. Press Compute all, or Step to the end.` };
  return { status: 'correct', score: 1, feedback: `${where}: ⌊(14 + 2·${s.padding} − ${s.dilation}·2 − 1)/${s.stride}⌋ + 1 = 7, and all 49 cells are computed.` };
}

/** The DigitCNN goal: the LeNet-shaped CNN at 97% test accuracy or more, ahead of the MLP of the same size. */
export function digitsGoal(state: unknown): CheckResult {
  const s = state as { preset?: unknown; seen?: unknown; accuracy?: { cnn?: unknown; mlp?: unknown } } | null;
  const acc = s && typeof s === 'object' ? s.accuracy : undefined;
  if (!s || typeof s.seen !== 'number' || !acc || typeof acc.cnn !== 'number' || typeof acc.mlp !== 'number') {
    return { status: 'invalid', score: 0, feedback: 'The figure has not measured its nets yet: press Train, wait for the first measurement, and check again.' };
  }
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const where = `After ${s.seen.toLocaleString('en-US')} training images the CNN gets ${pct(acc.cnn)} of the test digits right and the dense network ${pct(acc.mlp)}`;
  if (s.preset !== 'lenet') return { status: 'wrong', score: 0, feedback: `${where}, but with the small CNN: the goal is for the LeNet-shaped one. Choose it and train again.` };
  if (acc.cnn >= 0.97 && acc.cnn > acc.mlp) return { status: 'correct', score: 1, feedback: `${where}: the CNN is ${((acc.cnn - acc.mlp) * 100).toFixed(1)} points ahead with about as many parameters.` };
  if (acc.cnn >= 0.9) return { status: 'partial', score: 0.5, feedback: `${where}. Keep training: the goal is 97%.` };
  return { status: 'wrong', score: 0, feedback: `${where}. Press Train and let it run for a pass or two over the data.` };
}

/** Forward of the chapter's 1-D correlation, for the worked solution's text. */
const corr = (x: number[], w: number[]) => x.slice(0, x.length - w.length + 1).map((_, i) => w.reduce((s, wu, u) => s + wu * x[i + u], 0));

const bank: ExerciseBank = {
  id: '07-cnn',
  title: 'Convolutional networks',
  exercises: [
    {
      id: 'output-size',
      version: 1,
      kind: 'numeric',
      title: 'The size of a feature map',
      params: (rng) => {
        const n = pick(rng, [28, 32, 64, 224]);
        const k = pick(rng, [3, 5, 7]);
        return { n, k, s: pick(rng, [1, 2, 3]), p: pick(rng, [0, 1, 2, 3]), d: pick(rng, [1, 1, 2]) };
      },
      prompt: ({ n, k, s, p, d }) =>
        String.raw`A convolutional layer with a $${k} \times ${k}$ kernel, stride $s = ${s}$, padding $p = ${p}$ and dilation $d = ${d}$ reads a $${n} \times ${n}$ input. How many rows does its output have?`,
      answer: ({ n, k, s, p, d }) => outSize(n, k, s, p, d),
      tolerance: { abs: 0.01 },
      hints: [
        () => String.raw`The output size along an axis is $\lfloor (n + 2p - d(k-1) - 1)/s \rfloor + 1$.`,
        ({ k, d }) => String.raw`The kernel spans $d(k - 1) + 1 = ${d * (k - 1) + 1}$ pixels; count how many steps of $s$ fit in the padded length once it is placed.`,
      ],
      solution: ({ n, k, s, p, d }) =>
        String.raw`$$
\left\lfloor \frac{${n} + 2 \cdot ${p} - ${d} \cdot (${k} - 1) - 1}{${s}} \right\rfloor + 1 = \left\lfloor \frac{${n + 2 * p - d * (k - 1) - 1}}{${s}} \right\rfloor + 1 = ${outSize(n, k, s, p, d)}.
$$

The kernel covers ${d * (k - 1) + 1} pixels of the ${n + 2 * p} in each padded row, so its first position leaves ${n + 2 * p - d * (k - 1) - 1} pixels to move over, in steps of ${s}.`,
    },
    {
      id: 'window-value',
      version: 1,
      kind: 'numeric',
      title: 'One output value by hand',
      params: (rng) => {
        const patch = [0, 1, 2].map(() => [0, 1, 2].map(() => pick(rng, [0, 0, 1, 2, 3])));
        const kernel = pick(rng, [
          [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
          [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
          [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
          [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
        ]);
        return { patch, kernel, b: pick(rng, [0, 0.5, -1]) };
      },
      prompt: ({ patch, kernel, b }) =>
        String.raw`A $3 \times 3$ kernel $${matrix(kernel)}$ with bias $b = ${b}$ lies over the window $${matrix(patch)}$ of an image, as a convolutional layer (a cross-correlation, not flipped) computes it. What is the output value $z$ at this position, before the activation?`,
      answer: ({ patch, kernel, b }) => b + patch.flat().reduce((s: number, x: number, i: number) => s + x * kernel.flat()[i], 0),
      tolerance: { abs: 1e-6 },
      hints: [
        () => 'Multiply each kernel entry by the pixel in the same place of the window, add the nine products, then add the bias.',
        () => 'The kernel is not flipped: its top-left entry multiplies the top-left pixel.',
      ],
      solution: ({ patch, kernel, b }) => {
        const terms = patch.flat().map((x: number, i: number) => `${signed(kernel.flat()[i])} \\cdot ${x}`);
        const z = b + patch.flat().reduce((s: number, x: number, i: number) => s + x * kernel.flat()[i], 0);
        return String.raw`$$
\begin{aligned}
z &= ${signed(b)} + ${terms.slice(0, 3).join(' + ')} \\
&\quad + ${terms.slice(3, 6).join(' + ')} \\
&\quad + ${terms.slice(6).join(' + ')} = ${z}.
\end{aligned}
$$

A flipped kernel (textbook convolution) would pair the top-left pixel with the bottom-right entry and give ${b + patch.flat().reduce((s: number, x: number, i: number) => s + x * kernel.flat()[8 - i], 0)} instead.`;
      },
    },
    {
      id: 'conv-params',
      version: 1,
      kind: 'vector',
      title: 'Parameters: convolutional against dense',
      params: (rng) => ({ cin: pick(rng, [1, 3, 6, 16]), cout: pick(rng, [6, 8, 16, 32]), k: pick(rng, [3, 5]), side: pick(rng, [28, 32]) }),
      prompt: ({ cin, cout, k, side }) =>
        String.raw`A convolutional layer reads an input of $${cin}$ channel${cin === 1 ? '' : 's'} of $${side} \times ${side}$ and has $${cout}$ filters of $${k} \times ${k}$, with same padding and a bias per filter, so its output is $${cout}$ channels of $${side} \times ${side}$. How many parameters does it have? And how many would a dense layer need to map the same flattened input to the same flattened output, with a bias per output? Give the two numbers separated by a comma.`,
      answer: ({ cin, cout, k, side }) => [convParams(cin, cout, k), cin * side * side * cout * side * side + cout * side * side],
      tolerance: { rel: 1e-9 },
      hints: [
        ({ cin, k }) => String.raw`Each filter is a stack of $${cin}$ kernels of $${k} \times ${k}$, plus one bias.`,
        ({ cin, cout, side }) => String.raw`The dense layer has one weight per pair of input value ($${cin} \cdot ${side}^2$ of them) and output value ($${cout} \cdot ${side}^2$), and one bias per output value.`,
      ],
      solution: ({ cin, cout, k, side }) => {
        const dense = cin * side * side * cout * side * side + cout * side * side;
        return String.raw`The convolution: $C_l(C_{l-1}k^2 + 1) = ${cout} \cdot (${cin} \cdot ${k * k} + 1) = ${convParams(cin, cout, k)}$.

The dense layer: $(${cin} \cdot ${side * side}) \cdot (${cout} \cdot ${side * side}) + ${cout} \cdot ${side * side} = ${dense}$, about ${Math.round(dense / convParams(cin, cout, k)).toLocaleString('en-US')} times as many. The convolution can be this small because it looks only at ${k}×${k} neighbourhoods and uses the same weights at every position; the dense layer could learn those constraints only from data.`;
      },
    },
    {
      id: 'receptive-field',
      version: 1,
      kind: 'numeric',
      title: 'How far a unit can see',
      params: (rng) => {
        const layers = pick(rng, [
          [{ k: 3, s: 1 }, { k: 3, s: 1 }, { k: 2, s: 2 }, { k: 3, s: 1 }],
          [{ k: 5, s: 1 }, { k: 2, s: 2 }, { k: 5, s: 1 }, { k: 2, s: 2 }, { k: 3, s: 1 }],
          [{ k: 7, s: 2 }, { k: 3, s: 2 }, { k: 3, s: 1 }],
          [{ k: 3, s: 2 }, { k: 3, s: 2 }, { k: 3, s: 2 }],
        ]);
        return { layers };
      },
      prompt: ({ layers }) =>
        String.raw`A network applies, in order: ${layers.map((l: { k: number; s: number }) => `a $${l.k} \\times ${l.k}$ ${l.k === 2 && l.s === 2 ? 'max-pooling' : 'convolution'} with stride $${l.s}$`).join(', ')}. How many input pixels wide is the receptive field of one unit of the last layer?`,
      answer: ({ layers }) => receptiveFields(layers).at(-1)!.r,
      tolerance: { abs: 0.01 },
      hints: [
        () => String.raw`Start from $r_0 = 1$, $j_0 = 1$ and apply $r_l = r_{l-1} + (k_l - 1)\,j_{l-1}$, $j_l = j_{l-1}\,s_l$ layer by layer.`,
        () => 'Pooling windows count like kernels; what grows fast after a stride is the jump j, the distance between neighbouring units measured in input pixels.',
      ],
      solution: ({ layers }) => {
        const f = receptiveFields(layers);
        const rows = layers.map((l: { k: number; s: number }, i: number) => String.raw`$l = ${i + 1}$ ($k = ${l.k}$, $s = ${l.s}$): $r = ${i === 0 ? 1 : f[i - 1].r} + ${l.k - 1} \cdot ${i === 0 ? 1 : f[i - 1].j} = ${f[i].r}$, $j = ${f[i].j}$.`);
        return `${rows.join('\n\n')}\n\nThe last unit depends on a ${f.at(-1)!.r}×${f.at(-1)!.r} patch of the input (less at the borders, where part of it is padding).`;
      },
    },
    {
      id: 'equivariance',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'Shifts, equivariance and pooling',
      prompt: () => 'Which statements are true? Select every one.',
      choices: () => [
        {
          text: 'Shifting the input of a convolution (stride 1) by one pixel shifts its feature map by one pixel, away from the borders.',
          correct: true,
          why: 'Every position is read with the same kernel, so the same window, moved, gives the same value, moved: translation equivariance.',
        },
        {
          text: 'A 2×2 max-pooling makes its output unchanged by any shift of its input.',
          correct: false,
          why: 'Only by shifts that keep each maximum inside its block; a shift across a block border changes the output, and a one-pixel shift can change which positions are kept.',
        },
        {
          text: 'A CNN classifier can change its prediction when an image moves by one pixel.',
          correct: true,
          why: 'Subsampling by strides and pooling breaks exact equivariance; Azulay and Weiss (2019) found such one-pixel failures in ImageNet networks.',
        },
        {
          text: 'The output of a dense layer on pixels is also shifted when its input is shifted.',
          correct: false,
          why: 'Each unit has its own weight per pixel, so a shifted image meets different weights: nothing about the output moves in step with the input.',
        },
        {
          text: 'Weight sharing means a pattern learned at one position is detected at every other position without more training examples there.',
          correct: true,
          why: 'The same kernel is applied everywhere, so its response to the pattern is the same wherever the pattern is (what later layers do with that response is another matter).',
        },
      ],
      hints: [
        () => 'Equivariance: the output moves with the input. Invariance: the output does not change at all.',
        () => 'Three of the five are true.',
      ],
      solution: () =>
        'True: the first (equivariance from weight sharing), the third (subsampling breaks it, so a one-pixel shift can change the answer) and the fifth (the kernel responds to its pattern anywhere). False: pooling is invariant only to shifts within its blocks, and a dense layer has no relation between its output and a shift of its input.',
    },
    {
      id: 'conv1d-backward',
      version: 1,
      kind: 'code',
      title: 'The backward pass of a 1-D convolution',
      params: (rng) => ({ seed: 1 + rng.int(1000) }),
      prompt: () =>
        String.raw`A 1-D convolution layer (a cross-correlation with stride 1 and no padding) computes $y_i = \sum_{u=0}^{k-1} w_u\, x_{i+u}$ for $i = 0, \dots, n - k$. Write ${code('conv1dBackward(x, w, g)')}: given the input ${code('x')} (length $n$), the kernel ${code('w')} (length $k$) and ${code('g')} $= \partial L / \partial \mathbf{y}$ (length $n - k + 1$), return ${code('{ dx, dw }')}, the arrays $\partial L / \partial \mathbf{x}$ and $\partial L / \partial \mathbf{w}$. The hidden checks compare your function with finite differences and with the engine's ${code('conv2d')} on random sizes.`,
      starter: () => `// y[i] = sum over u of w[u] * x[i + u]; g[i] = dL/dy[i].
function conv1dBackward(x, w, g) {
  const dx = x.map(() => 0), dw = w.map(() => 0);
  for (let i = 0; i < g.length; i++)
    for (let u = 0; u < w.length; u++) {
      dw[u] += g[i] * w[u];     // fix this line
      dx[i + u] += g[i] * x[i + u];   // and this one
    }
  return { dx, dw };
}

print(conv1dBackward([1, 2, 3, 4], [1, -1], [1, 0, 0]));`,
      checkCode: ({ seed }) => `
(() => {
  if (typeof conv1dBackward !== 'function') { __report(0, 'There is no function called conv1dBackward.'); return; }
  const r = rng(${seed});
  const fwd = (x, w) => x.slice(0, x.length - w.length + 1).map((_, i) => w.reduce((s, wu, u) => s + wu * x[i + u], 0));
  const loss = (x, w, g) => fwd(x, w).reduce((s, y, i) => s + y * g[i], 0);
  for (let trial = 0; trial < 6; trial++) {
    const n = 5 + r.int(6), k = 1 + r.int(4);
    const x = Array.from({ length: n }, () => r.normal());
    const w = Array.from({ length: k }, () => r.normal());
    const g = Array.from({ length: n - k + 1 }, () => r.normal());
    const out = conv1dBackward(x.slice(), w.slice(), g.slice());
    if (!out || !Array.isArray(out.dx) || !Array.isArray(out.dw)) { __report(0, 'conv1dBackward must return { dx, dw }, two arrays.'); return; }
    if (out.dx.length !== n || out.dw.length !== k) { __report(0, 'dx must have the length of x (' + n + ') and dw that of w (' + k + '); got ' + out.dx.length + ' and ' + out.dw.length + '.'); return; }
    const e = 1e-6;
    for (let u = 0; u < k; u++) {
      const wp = w.slice(), wm = w.slice(); wp[u] += e; wm[u] -= e;
      const want = (loss(x, wp, g) - loss(x, wm, g)) / (2 * e);
      if (!(Math.abs(out.dw[u] - want) <= 1e-5 * Math.max(1, Math.abs(want)))) { __report(0, 'With n = ' + n + ' and k = ' + k + ', dw[' + u + '] is ' + Number(out.dw[u]).toFixed(5) + ' where finite differences give ' + want.toFixed(5) + ': the kernel gradient pairs g[i] with the input x[i + u] it multiplied.'); return; }
    }
    for (let j = 0; j < n; j++) {
      const xp = x.slice(), xm = x.slice(); xp[j] += e; xm[j] -= e;
      const want = (loss(xp, w, g) - loss(xm, w, g)) / (2 * e);
      if (!(Math.abs(out.dx[j] - want) <= 1e-5 * Math.max(1, Math.abs(want)))) { __report(0.5, 'dw passes the finite-difference check, but with n = ' + n + ' and k = ' + k + ', dx[' + j + '] is ' + Number(out.dx[j]).toFixed(5) + ' where finite differences give ' + want.toFixed(5) + ': each x[i + u] was multiplied by w[u].'); return; }
    }
    if (trial === 0) {
      const X = tensor(x, [1, 1, 1, n], { requiresGrad: true });
      const W = tensor(w, [1, 1, 1, k], { requiresGrad: true });
      conv2d(X, W).mul(tensor(g, [1, 1, 1, n - k + 1])).sum().backward();
      const far = (a, b) => a.some((v, i) => Math.abs(v - b[i]) > 1e-4 * Math.max(1, Math.abs(b[i])));
      if (far(out.dx, Array.from(X.grad.data)) || far(out.dw, Array.from(W.grad.data))) { __report(0.5, 'Finite differences agree, but the engine disagrees: check for reused arrays.'); return; }
    }
  }
  __report(1, 'Your gradients match finite differences on six random sizes and the engine\\'s conv2d backward pass.');
})();`,
      hints: [
        () => String.raw`In the product $w_u\, x_{i+u}$, the gradient reaching it is $g_i$; the gradient of the product with respect to one factor is $g_i$ times the other factor.`,
        () => String.raw`So ${code('dw[u] += g[i] * x[i + u]')}, and the input position ${code('i + u')} collects ${code('g[i] * w[u]')}.`,
      ],
      solution: () =>
        String.raw`Each output $y_i$ is a sum of products $w_u x_{i+u}$. The gradient $g_i$ reaching $y_i$ reaches each product, and the gradient of a product with respect to one factor is the other factor; since every weight and most inputs take part in several products, their gradients add up:

${'```'}js
function conv1dBackward(x, w, g) {
  const dx = x.map(() => 0), dw = w.map(() => 0);
  for (let i = 0; i < g.length; i++)
    for (let u = 0; u < w.length; u++) {
      dw[u] += g[i] * x[i + u];
      dx[i + u] += g[i] * w[u];
    }
  return { dx, dw };
}
${'```'}

Written as formulas, $\partial L/\partial w_u = \sum_i g_i x_{i+u}$ is a cross-correlation of the input with the gradient, and $\partial L/\partial x_j = \sum_u g_{j-u} w_u$ is a full convolution of the gradient with the kernel: the backward pass is two more convolutions. For example, with ${code('x = [1, 2, 3, 4]')} and ${code('w = [1, -1]')} the forward pass gives ${code(`[${corr([1, 2, 3, 4], [1, -1]).join(', ')}]`)}.`,
    },
    {
      id: 'explorer-goal',
      version: 1,
      kind: 'widget',
      widget: 'Convolution',
      widgetProps: { input: 'digit' },
      title: 'Half the size with a 3×3 kernel',
      prompt: () =>
        String.raw`In the figure, keep a $3 \times 3$ kernel and the handwritten 7 ($14 \times 14$), and choose the stride, padding and dilation so that the output is exactly $7 \times 7$. Compute every cell of it, then check.`,
      check: (_p, state) => explorerGoal(state),
      hints: [
        () => String.raw`A stride of $2$ roughly halves the size. Try it first without padding and use the formula to see what is missing.`,
        () => String.raw`$\lfloor (14 + 2p - 2 - 1)/2 \rfloor + 1 = 7$ needs $14 + 2p - 3 \geq 12$.`,
      ],
      solution: () =>
        String.raw`Stride $2$, padding $1$, dilation $1$: $\lfloor (14 + 2 - 2 - 1)/2 \rfloor + 1 = \lfloor 13/2 \rfloor + 1 = 7$. Without padding the kernel has only $11$ pixels to move over and the output is $6 \times 6$. Stride $2$ with padding $2$ also gives $7$ ($\lfloor 15/2 \rfloor + 1$), and so does stride $2$, padding $2$ and dilation $2$ ($\lfloor 13/2 \rfloor + 1$). Then press Compute all.`,
    },
    {
      id: 'digits-goal',
      version: 1,
      kind: 'widget',
      widget: 'DigitCNN',
      title: 'A CNN against a dense network of the same size',
      prompt: () =>
        String.raw`In the figure, train the LeNet-shaped CNN until it gets at least $97\%$ of the $2{,}000$ held-out digits right, and check that it beats the dense network with about the same number of parameters, trained on the same batches. Then check. Which digits does the CNN still confuse?`,
      check: (_p, state) => digitsGoal(state),
      hints: [
        () => 'Press Train and let it run: the nets are measured every 2,000 training images, and the goal reads the last measurement.',
        () => 'One pass over the 8,000 training digits is not enough for 97%: the figure’s run gets there in its fourth pass, and it trains for up to six, lowering the learning rate after each.',
      ],
      solution: () =>
        'Press Train and wait. From the first measurement on, the CNN is ahead of the dense network, and in its fourth pass over the data it passes 97% while the dense network stays several points lower. The CNN has about as many parameters but spends few of them on looking: its convolutions, under 3,000 parameters, apply the same stroke detectors everywhere, where the dense network must learn every stroke at every position. The confusion matrix shows where the remaining mistakes go: a few per cell, mostly between digits whose strokes overlap, such as 4 and 9 or 7 and 2.',
    },
  ],
};

export default bank;
