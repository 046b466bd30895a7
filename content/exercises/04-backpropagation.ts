// Exercises for chapter 4: a backward pass through one unit by hand, the softmax gradient, a layer's weight
// gradient, fan-out and `+=`, the cost of forward and reverse mode, reading a failed gradient check, the
// cross-entropy built in the ComputationGraph figure, and a linear layer's backward pass in code.
import type { CheckResult, ExerciseBank } from '../../lib/exercises/types.ts';
import { build, variablesOf } from '../../components/ComputationGraph/expression.ts';
import type { Rng } from '../../engine/random.ts';

const round = (x: number, digits = 4) => Number(x.toFixed(digits));
const code = (s: string) => '`' + s + '`';
const int = (rng: Rng, lo: number, hi: number) => lo + rng.int(hi - lo + 1);
/** A signed term "+ 3" / "- 3" for writing sums. */
const term = (v: number) => (v < 0 ? `- ${-v}` : `+ ${v}`);
const matrix = (m: number[][]) => String.raw`\begin{pmatrix} ${m.map((r) => r.join(' & ')).join(String.raw` \\ `)} \end{pmatrix}`;
const column = (v: number[]) => matrix(v.map((x) => [x]));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

type Wrt = 'w1' | 'w2' | 'b' | 'x1';
const wrtTex: Record<Wrt, string> = { w1: 'w_1', w2: 'w_2', b: 'b', x1: 'x_1' };

/** The unit of neuron-backward: z = w1 x1 + w2 x2 + b, a = ReLU(z), L = ½(a − y)². */
function unit(p: { w1: number; w2: number; b: number; x1: number; x2: number; y: number; wrt: Wrt }) {
  const z = p.w1 * p.x1 + p.w2 * p.x2 + p.b;
  const a = Math.max(0, z);
  const dz = (a - p.y) * (z > 0 ? 1 : 0);
  const local = { w1: p.x1, w2: p.x2, b: 1, x1: p.w1 }[p.wrt];
  return { z, a, dz, local, grad: dz * local };
}

/** Softmax of a few logits. */
function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((u, v) => u + v, 0);
  return e.map((v) => v / s);
}

/** The layer of layer-weight-gradient: z = W a + b, ReLU; g = dL/d(output). Returns δ and dL/dW. */
function layer(p: { W: number[][]; b: number[]; a: number[]; g: number[] }) {
  const z = p.W.map((row, j) => row.reduce((s, w, k) => s + w * p.a[k], p.b[j]));
  const delta = z.map((v, j) => (v > 0 ? p.g[j] : 0));
  return { z, delta, dW: delta.map((d) => p.a.map((v) => d * v)) };
}

/** Binary cross-entropy of a logit, in the stable form. */
const bce = (z: number, y: number) => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));

const bank: ExerciseBank = {
  id: '04-backpropagation',
  title: 'Backpropagation',
  exercises: [
    {
      id: 'neuron-backward',
      version: 1,
      kind: 'numeric',
      title: 'A backward pass through one unit',
      params: (rng) => {
        const wrts: Wrt[] = ['w1', 'w2', 'b', 'x1'];
        let p = { w1: 1, w2: 1, b: 0.5, x1: 1, x2: 1, y: 0, wrt: 'w1' as Wrt };
        for (let tries = 0; tries < 200; tries++) {
          const half = () => int(rng, -4, 4) / 2; // -2 .. 2 in steps of 0.5
          const q = { w1: half(), w2: half(), b: half(), x1: int(rng, -2, 2), x2: int(rng, -2, 2), y: int(rng, -1, 3), wrt: wrts[rng.int(4)] };
          const u = unit(q);
          if (u.z > 0 && u.grad !== 0) {
            p = q;
            break;
          }
        }
        return p;
      },
      prompt: ({ w1, w2, b, x1, x2, y, wrt }) =>
        String.raw`A ReLU unit with weights $w_1 = ${w1}$, $w_2 = ${w2}$ and bias $b = ${b}$ reads the input $x_1 = ${x1}$, $x_2 = ${x2}$. Its output $a = \operatorname{ReLU}(w_1 x_1 + w_2 x_2 + b)$ is scored against the target $y = ${y}$ by the loss $L = \tfrac{1}{2}(a - y)^2$. Run the forward pass, then the backward pass, and give $\partial L / \partial ${wrtTex[wrt as Wrt]}$.`,
      answer: (p) => unit(p).grad,
      tolerance: { abs: 1e-6 },
      hints: [
        ({ w1, w2, b, x1, x2 }) => String.raw`Forward: $z = ${w1} \cdot (${x1}) ${term(w2)} \cdot (${x2}) ${term(b)} = ${round(w1 * x1 + w2 * x2 + b)}$, then $a = \operatorname{ReLU}(z)$.`,
        ({ wrt }) =>
          String.raw`Backward: $\partial L / \partial a = a - y$; ReLU passes it on unchanged where $z > 0$; then multiply by the local derivative $\partial z / \partial ${wrtTex[wrt as Wrt]}$, which is ${wrt === 'b' ? '$1$' : wrt === 'x1' ? 'the weight $w_1$' : 'the input that weight multiplies'}.`,
      ],
      solution: (p) => {
        const u = unit(p);
        const v = wrtTex[p.wrt as Wrt];
        return String.raw`Forward: $z = ${p.w1} \cdot (${p.x1}) ${term(p.w2)} \cdot (${p.x2}) ${term(p.b)} = ${round(u.z)}$, so $a = ${round(u.a)}$ and $L = \tfrac{1}{2}(${round(u.a)} - (${p.y}))^2 = ${round(0.5 * (u.a - p.y) ** 2)}$.

Backward: $\partial L / \partial a = a - y = ${round(u.a - p.y)}$. Since $z > 0$, ReLU's local derivative is $1$, so $\partial L / \partial z = ${round(u.dz)}$. Finally $\partial z / \partial ${v} = ${round(u.local)}$, and

$$
\frac{\partial L}{\partial ${v}} = ${round(u.dz)} \cdot ${round(u.local) < 0 ? `(${round(u.local)})` : round(u.local)} = ${round(u.grad)}.
$$

Had $z$ been negative, ReLU's local derivative would be $0$ and every gradient before it would be $0$: the unit would learn nothing from this example.`;
      },
    },
    {
      id: 'softmax-gradient',
      version: 1,
      kind: 'vector',
      title: 'The gradient of softmax cross-entropy',
      params: (rng) => {
        const z = [int(rng, -1, 2), int(rng, -1, 2), int(rng, -1, 2)];
        if (z[0] === z[1] && z[1] === z[2]) z[2] -= 1;
        return { z, c: int(rng, 1, 3) };
      },
      prompt: ({ z, c }) =>
        String.raw`A classifier with three classes outputs the logits $\mathbf{z} = ${column(z)}$, and the correct class is class $${c}$. Its loss is the cross-entropy $L = -\log \operatorname{softmax}(\mathbf{z})_{${c}}$. Give the gradient $\partial L / \partial \mathbf{z}$: three numbers separated by commas, each with at least three decimals.`,
      answer: ({ z, c }) => softmax(z).map((p, k) => p - (k === c - 1 ? 1 : 0)),
      tolerance: { abs: 2e-3 },
      hints: [
        () => String.raw`The gradient is $\hat{\mathbf{y}} - \mathbf{y}$: the softmax probabilities minus the one-hot target.`,
        ({ z }) => {
          const e = z.map((v: number) => Math.exp(v));
          return String.raw`$e^{z_k}$ is $${e.map((v: number) => round(v, 3)).join(', ')}$; divide each by their sum, $${round(e.reduce((s: number, v: number) => s + v, 0), 3)}$, to get the probabilities.`;
        },
      ],
      solution: ({ z, c }) => {
        const p = softmax(z);
        const g = p.map((v, k) => v - (k === c - 1 ? 1 : 0));
        return String.raw`The probabilities are $\hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{z}) \approx ${column(p.map((v) => round(v, 3)))}$, and the one-hot target has its $1$ in position $${c}$. So

$$
\frac{\partial L}{\partial \mathbf{z}} = \hat{\mathbf{y}} - \mathbf{y} \approx ${column(g.map((v) => round(v, 3)))}.
$$

The entries add up to zero: the correct logit is pushed up by $1 - \hat{y}_{${c}}$, and each other logit is pushed down by its own probability.`;
      },
    },
    {
      id: 'layer-weight-gradient',
      version: 1,
      kind: 'vector',
      title: "A layer's weight gradient",
      params: (rng) => {
        let p = { W: [[1, 0, -1], [2, 1, 0]], b: [0, 1], a: [1, 2, 0], g: [1, -2] };
        for (let tries = 0; tries < 200; tries++) {
          const q = {
            W: [0, 1].map(() => [int(rng, -2, 2), int(rng, -2, 2), int(rng, -2, 2)]),
            b: [int(rng, -1, 1), int(rng, -1, 1)],
            a: [int(rng, -1, 2), int(rng, -1, 2), int(rng, -1, 2)],
            g: [int(rng, -2, 2), int(rng, -2, 2)],
          };
          const { delta } = layer(q);
          if (delta.some((d) => d !== 0) && q.a.some((v) => v !== 0)) {
            p = q;
            break;
          }
        }
        return p;
      },
      prompt: ({ W, b, a, g }) =>
        String.raw`A ReLU layer with $n_{l-1} = 3$ inputs and $n_l = 2$ units computes $\mathbf{a}^{(l)} = \operatorname{ReLU}(W^{(l)} \mathbf{a}^{(l-1)} + \mathbf{b}^{(l)})$, with

$$
W^{(l)} = ${matrix(W)}, \quad \mathbf{b}^{(l)} = ${column(b)}, \quad \mathbf{a}^{(l-1)} = ${column(a)}.
$$

The backward pass arrives from the layer above with $\partial L / \partial \mathbf{a}^{(l)} = ${column(g)}$. Give $\partial L / \partial W^{(l)}$, a $2 \times 3$ matrix: type the rows separated by a semicolon, for example ${code('1, 2, 3; 4, 5, 6')}.`,
      answer: (p) => layer(p).dW,
      tolerance: { abs: 1e-9 },
      hints: [
        () => String.raw`First $\mathbf{z}^{(l)} = W^{(l)}\mathbf{a}^{(l-1)} + \mathbf{b}^{(l)}$, then $\boldsymbol{\delta}^{(l)} = \partial L / \partial \mathbf{a}^{(l)} \odot \operatorname{ReLU}'(\mathbf{z}^{(l)})$, where $\operatorname{ReLU}'$ is $1$ for a positive entry and $0$ otherwise.`,
        (p) => {
          const { z, delta } = layer(p);
          return String.raw`$\mathbf{z}^{(l)} = ${column(z)}$, so $\boldsymbol{\delta}^{(l)} = ${column(delta)}$. The weight gradient is the outer product $\boldsymbol{\delta}^{(l)} (\mathbf{a}^{(l-1)})^\top$: row $j$ is $\delta_j$ times the input vector.`;
        },
      ],
      solution: (p) => {
        const { z, delta, dW } = layer(p);
        return String.raw`Forward: $\mathbf{z}^{(l)} = ${column(z)}$. Backward through the ReLU: each entry of $\partial L / \partial \mathbf{a}^{(l)} = ${column(p.g)}$ survives where $z_j > 0$, so $\boldsymbol{\delta}^{(l)} = ${column(delta)}$. Then

$$
\frac{\partial L}{\partial W^{(l)}} = \boldsymbol{\delta}^{(l)} \big(\mathbf{a}^{(l-1)}\big)^\top = ${column(delta)} ${matrix([p.a])} = ${matrix(dW)}.
$$

It has the shape of $W^{(l)}$, $2 \times 3$. A row of zeros belongs to a unit whose pre-activation is not positive, or whose incoming gradient is zero; a column of zeros belongs to an input that is zero. Each weight's gradient is the gradient at the unit it feeds times the activity of the unit it comes from.`;
      },
    },
    {
      id: 'fan-out-bug',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'Assigning instead of adding',
      prompt: () =>
        String.raw`Someone writes their own scalar autograd engine, but in every backward rule they assign, ${code('child.grad = local * out.grad')}, instead of adding with ${code('+=')}. Everything else is right. They run the backward pass on the chapter's two-example loss $L = (w x_1 - y_1)^2 + (w x_2 - y_2)^2$ at $w = 1$, $x_1 = 1$, $y_1 = 2$, $x_2 = 3$, $y_2 = 1$, where the correct $\partial L / \partial w$ is $10$. Which statements are true? Select every one.`,
      choices: () => [
        {
          text: String.raw`The gradients with respect to $x_1$, $y_1$, $x_2$ and $y_2$ are still correct.`,
          correct: true,
          why: 'Each of them is used once, so it receives exactly one contribution, and assigning it gives the same result as adding it to zero.',
        },
        {
          text: String.raw`$\partial L / \partial w$ still comes out as $10$.`,
          correct: false,
          why: String.raw`$w$ feeds two products; the second contribution to arrive overwrites the first.`,
        },
        {
          text: String.raw`$\partial L / \partial w$ comes out as $-2$ or as $12$: the contribution of whichever product the backward pass visits last.`,
          correct: true,
          why: String.raw`The two paths contribute $-2$ (first example) and $12$ (second); with assignment only the last one survives.`,
        },
        {
          text: String.raw`For $q = x \cdot x$, the buggy engine reports $\partial q / \partial x = x$ instead of $2x$.`,
          correct: true,
          why: String.raw`The product rule gives each input the other input, $x$, and both inputs are the same node: the second assignment overwrites the first, leaving $x$ instead of $x + x$.`,
        },
        {
          text: 'A gradient check would not notice the bug, because the forward values are unchanged.',
          correct: false,
          why: String.raw`A gradient check compares with finite differences of the loss, which know nothing of the bug: at $w = 1$ they give $10$, and the engine's $-2$ or $12$ fails the comparison.`,
        },
      ],
      hints: [
        () => 'Which values in the graph are used by more than one operation? Only those can be affected.',
        () => String.raw`In the correct engine, $w$ receives $-2$ from the first example and $12$ from the second. What happens to the first number if the second is assigned on top of it?`,
      ],
      solution: () =>
        String.raw`Assignment is only wrong where a value receives more than one contribution, that is, where it fans out. In this graph only $w$ does: it receives $-2$ through the first example's product and $12$ through the second's, and keeps whichever arrives last instead of their sum $10$. The values used once ($x_1$, $y_1$, $x_2$, $y_2$ and every inner node) are unaffected. A product of a value with itself is fan-out too: $x$ is both inputs of one node, so it should receive $x + x = 2x$ and receives $x$. A gradient check catches both at once, since the finite differences of the loss do not depend on the backward pass; this is why a good test for an autograd engine includes a value used twice.`,
    },
    {
      id: 'cost-of-derivatives',
      version: 1,
      kind: 'choice',
      title: 'Forward or reverse?',
      params: (rng) => ({ scenario: rng.int(2) }),
      prompt: ({ scenario }) =>
        [
          String.raw`You need the gradient of a training loss, a single number, with respect to all $2{,}000{,}000$ parameters of a network: a function from $\mathbb{R}^{2000000}$ to $\mathbb{R}$. Which way of computing the derivatives needs the fewest passes through the computation, and why?`,
          String.raw`You need every partial derivative of a function $g$ from $\mathbb{R}^3$ to $\mathbb{R}^{1000}$ (3 inputs, 1,000 outputs): its whole $1000 \times 3$ Jacobian. Which way of computing the derivatives needs the fewest passes through the computation, and why?`,
        ][scenario],
      choices: ({ scenario }) => [
        {
          text: 'Reverse mode, because it needs one backward pass per output.',
          correct: scenario === 0,
          why: scenario === 0 ? 'One output: one forward and one backward pass give all two million derivatives.' : 'With 1,000 outputs that is 1,000 backward passes.',
        },
        {
          text: 'Forward mode, because it needs one pass per input.',
          correct: scenario === 1,
          why: scenario === 1 ? 'Three inputs: three forward-mode passes give the three columns of the Jacobian.' : 'With two million inputs that is two million passes.',
        },
        {
          text: 'Central finite differences, because they need only forward passes.',
          correct: false,
          why: String.raw`They need two passes per input, more than forward mode, and they are only approximate.`,
        },
        {
          text: 'It makes no difference: every method needs one pass per parameter.',
          correct: false,
          why: 'Reverse mode needs one pass per output, not per input; that difference is the whole point.',
        },
      ],
      hints: [
        () => 'Forward mode gives the derivatives of every output with respect to one input per pass: one column of the Jacobian. Reverse mode gives the derivatives of one output with respect to every input per pass: one row.',
        () => 'Count the columns and the rows of this Jacobian.',
      ],
      solution: ({ scenario }) =>
        scenario === 0
          ? String.raw`The Jacobian of the loss is a single row of $2{,}000{,}000$ entries. Reverse mode produces one row per backward pass, so one forward pass (storing the activations) and one backward pass give every entry, at a cost of a few forward passes. Forward mode produces one column per pass and would need two million passes; central differences would need four million, and would only be approximate. This is why networks are trained with reverse mode.`
          : String.raw`The Jacobian has $1000$ rows and $3$ columns. Forward mode produces one column per pass, so $3$ passes suffice. Reverse mode produces one row per backward pass and would need $1000$ of them. Reverse mode wins for losses because they have one output and many inputs; here the shape is the other way round.`,
    },
    {
      id: 'gradcheck-diagnosis',
      version: 1,
      kind: 'choice',
      title: 'Reading a failed gradient check',
      params: (rng) => ({ scenario: rng.int(3) }),
      prompt: ({ scenario }) =>
        [
          String.raw`You compare a hand-written backward pass with central differences, computing everything in float32 with $h = 10^{-6}$. The relative errors are between $0.05$ and $1$ for almost every parameter, with no pattern across layers. What is the most likely explanation?`,
          String.raw`You compare the gradients of a ReLU network with central differences in float64 with $h = 10^{-6}$. All but three of its 2,000 parameters agree to $10^{-9}$. The three are weights into the same hidden unit, with relative errors between $0.2$ and $0.5$; on one example of the batch, that unit's pre-activation is $3 \times 10^{-7}$. What is the most likely explanation?`,
          String.raw`You compare the gradients of a network with central differences in float64 with $h = 10^{-6}$. Every parameter agrees to $10^{-9}$, except the weights and bias of the one layer whose backward pass you wrote yourself: each of its gradients is exactly twice the numeric estimate. What is the most likely explanation?`,
        ][scenario],
      choices: ({ scenario }) => [
        {
          text: String.raw`Rounding error in the check itself: redo it in float64, or with $h$ near $10^{-2}$ in float32, before suspecting the gradient.`,
          correct: scenario === 0,
          why: String.raw`In float32 each loss carries a rounding error near $10^{-7}$ of its size, and dividing the difference by $2h = 2 \times 10^{-6}$ magnifies it to order $0.1$.`,
        },
        {
          text: String.raw`A kink: an input to a ReLU lies within $h$ of $0$, so the central difference straddles the corner. The gradient is probably right; check at a nearby point.`,
          correct: scenario === 1,
          why: String.raw`A pre-activation of $3 \times 10^{-7}$ is within $h$ of the corner, and only the weights into that unit are affected.`,
        },
        {
          text: 'A bug in a backward rule: the analytic gradient itself is wrong.',
          correct: scenario === 2,
          why: 'An exact, consistent factor confined to one hand-written layer, with everything else agreeing to 1e-9, is a bug, not noise.',
        },
        {
          text: 'Nothing: relative errors of this size are normal for any gradient check.',
          correct: false,
          why: String.raw`In float64 with a sensible $h$ on a smooth function, a correct gradient agrees to about $10^{-7}$ or better.`,
        },
      ],
      hints: [
        () => 'Ask where the errors are: everywhere, at a few isolated parameters, or exactly on one layer?',
        () => String.raw`Rounding error is worst in float32 with small $h$; kinks affect only parameters whose units sit within $h$ of a corner; a bug gives consistent, structured errors.`,
      ],
      solution: ({ scenario }) =>
        [
          String.raw`This is rounding error. A float32 loss is accurate to about $6 \times 10^{-8}$ of its size; the central difference subtracts two such numbers and divides by $2 \times 10^{-6}$, so its error is of order $10^{-1}$ relative to a typical gradient, on every parameter alike. The best $h$ in float32 is near $10^{-2}$ to $10^{-3}$, and even then the check is only good to about $10^{-4}$. Redo it in float64 with $h \approx 10^{-6}$: a correct gradient then agrees to $10^{-7}$ or better.`,
          String.raw`This is a kink. ReLU has a corner at $0$; the unit's pre-activation $3 \times 10^{-7}$ is closer to it than $h = 10^{-6}$, so the two nudged evaluations fall on different sides and the central difference returns a blend of the slopes $0$ and $1$. Only the weights into that unit are affected, exactly the pattern seen. The backward pass is almost certainly right; confirm by checking at another batch or a slightly different point, or by excluding examples with pre-activations within $h$ of zero.`,
          String.raw`This is a bug. Everything else agrees to $10^{-9}$, so the check itself is sound, and the error is an exact factor confined to the layer you wrote: the pattern of a mistake in its backward rule, such as a contribution counted twice, a missing $\tfrac{1}{2}$, or a $1/B$ applied in the wrong place. Look at that rule, and test it alone on a tiny input where you can work the gradient out by hand.`,
        ][scenario],
    },
    {
      id: 'cross-entropy-graph',
      version: 1,
      kind: 'widget',
      widget: 'ComputationGraph',
      widgetProps: { preset: 'sigmoid-loss' },
      title: 'Cross-entropy in the computational graph',
      params: (rng) => ({ z: [-2, -1, 1, 2, 3][rng.int(5)], y: rng.int(2) }),
      prompt: ({ z, y }) =>
        String.raw`In the figure, replace the expression with the binary cross-entropy of a sigmoid unit, written in terms of its logit ${code('z')} and its target ${code('y')}: $L = -\big[y \log \operatorname{sigmoid}(z) + (1 - y)\log(1 - \operatorname{sigmoid}(z))\big]$. Use exactly the variable names ${code('z')} and ${code('y')}, and the functions ${code('log')} and ${code('sigmoid')}. Apply it, set $z = ${z}$ and $y = ${y}$, run the backward pass to the end, then check. Compare the gradient the figure shows at ${code('z')} with $\operatorname{sigmoid}(z) - y$.`,
      check: ({ z, y }, state): CheckResult => {
        const s = state as { expression?: unknown; values?: unknown; step?: unknown; nodes?: unknown } | null;
        if (!s || typeof s.expression !== 'string' || typeof s.values !== 'object' || s.values === null || typeof s.step !== 'number' || typeof s.nodes !== 'number') {
          return { status: 'invalid', score: 0, feedback: 'The figure has not reported its state yet: apply an expression and check again.' };
        }
        let names: string[];
        try {
          names = variablesOf(s.expression);
          build(s.expression, Object.fromEntries(names.map((n) => [n, 0.5])));
        } catch {
          return { status: 'wrong', score: 0, feedback: 'The figure cannot read the expression as typed: fix it (the figure names the problem) and press Apply.' };
        }
        if (names.length !== 2 || !names.includes('z') || !names.includes('y')) {
          return { status: 'wrong', score: 0, feedback: `Use exactly the two variables z and y; the expression uses ${names.length ? names.join(', ') : 'none'}.` };
        }
        const at = (zz: number, yy: number) => build(s.expression as string, { z: zz, y: yy }).root.data;
        const points: [number, number][] = [-2.5, -0.7, 0.4, 1.9].flatMap((zz) => [[zz, 0], [zz, 1]] as [number, number][]);
        const matches = (sign: number) => points.every(([zz, yy]) => Math.abs(at(zz, yy) - sign * bce(zz, yy)) <= 1e-6 * Math.max(1, bce(zz, yy)));
        if (!matches(1)) {
          const fb = matches(-1)
            ? 'Your expression is the cross-entropy with the wrong sign: the logs are negative, so the loss needs the minus in front.'
            : 'Your expression does not equal the binary cross-entropy: at some z it gives a different value for y = 0 or y = 1. Check both terms and the minus sign.';
          return { status: 'wrong', score: 0, feedback: fb };
        }
        const vals = s.values as Record<string, unknown>;
        if (vals.z !== z || vals.y !== y) {
          return { status: 'partial', score: 0.5, feedback: `The expression is right. Now set z = ${z} and y = ${y} in the figure.` };
        }
        if (s.step < s.nodes) {
          return { status: 'partial', score: 0.5, feedback: 'The expression and the values are right. Now run the backward pass to the end (step it, or press Run all).' };
        }
        return {
          status: 'correct',
          score: 1,
          feedback: `The z box shows the gradient sigmoid(${z}) − ${y} ≈ ${round(sigmoid(z) - y, 4)}: the sigmoid's slope and the log's 1/ŷ cancel.`,
        };
      },
      hints: [
        () => String.raw`Type it much as it is written: ${code('-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))')}, then press Apply. The input boxes for ${code('z')} and ${code('y')} appear under the expression.`,
        () => String.raw`Each term is a product of a target factor and a log; the two logs are negative, so the minus in front makes the loss positive.`,
      ],
      solution: ({ z, y }) =>
        String.raw`Enter ${code('-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))')} and press Apply; set $z = ${z}$ and $y = ${y}$; press Run all. The output is $L \approx ${round(bce(z, y), 4)}$, and the ${code('z')} box shows $\partial L / \partial z \approx ${round(sigmoid(z) - y, 4)}$, which is $\operatorname{sigmoid}(${z}) - ${y}$. Along the way the graph shows the cancellation: the ${code('log')} node multiplies its incoming gradient by $1/\hat{y}$ (or $1/(1 - \hat{y})$), and the ${code('sigmoid')} node multiplies by $\hat{y}(1 - \hat{y})$, so the two factors cancel and only the error $\hat{y} - y$ reaches $z$. Because $z$ appears in two ${code('sigmoid')} nodes, its gradient is also a sum of two contributions.`,
    },
    {
      id: 'linear-backward',
      version: 1,
      kind: 'code',
      title: "A linear layer's backward pass",
      prompt: () =>
        String.raw`A linear layer computes $Y = X W^\top + \mathbf{1}\mathbf{b}^\top$ for a batch: ${code('X')} has shape ${code('[B, n_in]')}, ${code('W')} the engine's layout ${code('[n_out, n_in]')}, and ${code('b')} shape ${code('[n_out]')}. Write ${code('linearBackward(X, W, G)')}, which receives the gradient of some loss with respect to the output, ${code('G')} $= \partial L / \partial Y$ of shape ${code('[B, n_out]')}, and returns an object with the three gradients ${code('dX')}, ${code('dW')} and ${code('db')}, tensors with the shapes of ${code('X')}, ${code('W')} and ${code('b')}. Use matrix products, not the engine's ${code('backward()')}. The hidden checks try several shapes and compare every entry with central differences.`,
      starter: () => `// Y = X W^T + b, with X: [B, n_in], W: [n_out, n_in], b: [n_out].
// G = dL/dY: [B, n_out]. Return dX, dW, db with the shapes of X, W, b.
function linearBackward(X, W, G) {
  const dX = zeros(X.shape);
  const dW = zeros(W.shape);
  const db = zeros([W.shape[0]]);
  return { dX, dW, db };
}

const X = tensor([[1, 2], [3, -1]]);
const W = tensor([[0.5, -1], [2, 0], [1, 1]]);
const G = tensor([[1, 0, -1], [0.5, 2, 0]]);
const grads = linearBackward(X, W, G);
print('dX', grads.dX.toArray());
print('dW', grads.dW.toArray());
print('db', grads.db.toArray());`,
      checkCode: () => `
(() => {
  if (typeof linearBackward !== 'function') { __report(0, 'There is no function called linearBackward.'); return; }
  const r = rng(2024);
  const shapes = [[1, 2, 3], [4, 3, 2], [3, 3, 3], [5, 2, 4]];
  const same = (got, want) => Array.isArray(got) && got.length === want.length && got.every((v, k) => v === want[k]);
  const show = (s) => '[' + s.join(', ') + ']';
  let right = 0;
  const problems = [];
  for (const [B, nIn, nOut] of shapes) {
    const x = Array.from(randn([B, nIn], r).data), w = Array.from(randn([nOut, nIn], r).data);
    const bias = Array.from(randn([nOut], r).data), g = Array.from(randn([B, nOut], r).data);
    const loss = (xs, ws, bs) => {
      let s = 0;
      for (let i = 0; i < B; i++) for (let j = 0; j < nOut; j++) {
        let y = bs[j];
        for (let k = 0; k < nIn; k++) y += xs[i * nIn + k] * ws[j * nIn + k];
        s += g[i * nOut + j] * y;
      }
      return s;
    };
    const h = 1e-3;
    const numeric = (which) => {
      const args = [x, w, bias];
      return args[which].map((v, k) => {
        const up = args.slice(), down = args.slice();
        up[which] = args[which].slice(); up[which][k] = v + h;
        down[which] = args[which].slice(); down[which][k] = v - h;
        return (loss(up[0], up[1], up[2]) - loss(down[0], down[1], down[2])) / (2 * h);
      });
    };
    let out;
    try {
      out = linearBackward(tensor(x, [B, nIn]), tensor(w, [nOut, nIn]), tensor(g, [B, nOut]));
    } catch (e) {
      problems.push('linearBackward threw: ' + (e && e.message ? e.message : String(e)));
      continue;
    }
    if (!out || typeof out !== 'object') { problems.push('return an object with dX, dW and db'); continue; }
    const parts = [['dX', 0, [B, nIn]], ['dW', 1, [nOut, nIn]], ['db', 2, [nOut]]];
    let ok = true;
    for (const [name, which, shape] of parts) {
      if (!ok) break;
      let t = out[name];
      try { if (t && !(t instanceof Tensor)) t = tensor(t); } catch (e) { t = null; }
      if (!t || !Array.isArray(t.shape)) { problems.push(name + ' is missing'); ok = false; break; }
      if (!same(t.shape, shape)) {
        let why = '';
        if (name === 'dW' && same(t.shape, [nIn, nOut])) why = ': it is transposed; dW must have the shape of W, [n_out, n_in]';
        else if (name === 'db' && t.shape.length === 2) why = ': b was added to every row, so its gradient is summed over the batch';
        problems.push('with B = ' + B + ', n_in = ' + nIn + ', n_out = ' + nOut + ', ' + name + ' has shape ' + show(t.shape) + ' instead of ' + show(shape) + why);
        ok = false;
        break;
      }
      const want = numeric(which);
      for (let k = 0; k < want.length; k++) {
        if (Math.abs(t.data[k] - want[k]) > 1e-3 * Math.max(1, Math.abs(want[k]))) {
          problems.push('with B = ' + B + ', n_in = ' + nIn + ', n_out = ' + nOut + ', entry ' + k + ' of ' + name + ' is ' + Number(t.data[k]).toFixed(4) + ' where central differences give ' + want[k].toFixed(4));
          ok = false;
          break;
        }
      }
    }
    if (ok) right++;
  }
  __report(right / shapes.length, problems.length ? right + ' of ' + shapes.length + ' shapes right; ' + problems[0] + '.' : 'dX, dW and db match central differences for every shape tried.');
})();`,
      hints: [
        () => String.raw`Work from the shapes. ${code('dX')} must be ${code('[B, n_in]')}, and ${code('G')} is ${code('[B, n_out]')}, ${code('W')} is ${code('[n_out, n_in]')}: which product of the two has that shape?`,
        () => String.raw`${code('dW')} is ${code('[n_out, n_in]')}: ${code('G.T')} is ${code('[n_out, B]')} and ${code('X')} is ${code('[B, n_in]')}. The bias was added to every row of ${code('Y')}, so ${code('db')} sums ${code('G')} over the rows: ${code('G.sum(0)')}.`,
      ],
      solution: () =>
        String.raw`Three lines, one per rule of the chapter, with their shapes:

${'```'}js
function linearBackward(X, W, G) {
  const dX = G.matmul(W);      // [B, n_out] x [n_out, n_in] = [B, n_in]
  const dW = G.T.matmul(X);    // [n_out, B] x [B, n_in] = [n_out, n_in]
  const db = G.sum(0);         // [n_out]: the bias fans out to every row
  return { dX, dW, db };
}
${'```'}

Entry by entry: $Y_{ij} = \sum_k X_{ik} W_{jk} + b_j$, so $\partial L / \partial X_{ik} = \sum_j G_{ij} W_{jk}$ (that is $G W$), $\partial L / \partial W_{jk} = \sum_i G_{ij} X_{ik}$ (that is $G^\top X$, the sum over the batch), and $\partial L / \partial b_j = \sum_i G_{ij}$. Writing ${code('X.T.matmul(G)')} for ${code('dW')} gives the transpose, ${code('[n_in, n_out]')}, and forgetting the sum for ${code('db')} gives a ${code('[B, n_out]')} array; the checks name both mistakes.`,
    },
    {
      id: 'softmax-vjp',
      version: 1,
      kind: 'vector',
      title: "Think harder: softmax's vector–Jacobian product",
      params: (rng) => {
        const triples = [[0.5, 0.3, 0.2], [0.6, 0.3, 0.1], [0.25, 0.25, 0.5], [0.7, 0.2, 0.1], [0.4, 0.4, 0.2]];
        const p = triples[rng.int(triples.length)];
        const v = [int(rng, -3, 3), int(rng, -3, 3), int(rng, -3, 3)];
        if (v[0] === v[1] && v[1] === v[2]) v[2] += 1;
        return { p, v };
      },
      prompt: ({ p, v }) =>
        String.raw`A softmax node outputs $\mathbf{p} = ${column(p)}$, and the gradient arriving at its output is $\bar{\mathbf{v}} = \partial L / \partial \mathbf{p} = ${column(v)}$. Give $\partial L / \partial \mathbf{z}$, the gradient with respect to its three logits, as three numbers separated by commas.`,
      answer: ({ p, v }) => {
        const pv = p.reduce((s: number, pi: number, i: number) => s + pi * v[i], 0);
        return p.map((pi: number, i: number) => round(pi * (v[i] - pv), 10));
      },
      tolerance: { abs: 1e-3 },
      hints: [
        () => String.raw`The Jacobian is $J = \operatorname{diag}(\mathbf{p}) - \mathbf{p}\mathbf{p}^\top$, and $\partial L / \partial \mathbf{z} = J^\top \bar{\mathbf{v}}$.`,
        () => String.raw`Without forming $J$: first compute the weighted average $\mathbf{p}^\top \bar{\mathbf{v}}$, subtract it from every entry of $\bar{\mathbf{v}}$, then multiply entry by entry by $\mathbf{p}$.`,
      ],
      solution: ({ p, v }) => {
        const pv = round(p.reduce((s: number, pi: number, i: number) => s + pi * v[i], 0), 10);
        const out = p.map((pi: number, i: number) => round(pi * (v[i] - pv), 10));
        return String.raw`The weighted average is $\mathbf{p}^\top \bar{\mathbf{v}} = ${p.map((pi: number, i: number) => `${pi} \cdot (${v[i]})`).join(' + ')} = ${pv}$. Then

$$
\frac{\partial L}{\partial \mathbf{z}} = \mathbf{p} \odot \big(\bar{\mathbf{v}} - ${pv}\big) = ${column(out)}.
$$

The entries sum to zero, as they must: adding one constant to every logit leaves the softmax, and so the loss, unchanged.`;
      },
    },
  ],
};

export default bank;
