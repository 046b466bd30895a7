// Exercises for chapter 2: a neuron by hand, its boundary, a logic gate in the Neuron widget, a layer's
// output, the collapse of linear layers and the rank a narrow one leaves, and a dense layer in code.
import type { CheckResult, ExerciseBank } from '../../lib/exercises/types.ts';
import type { Rng } from '../../engine/random.ts';

const round = (x: number, digits = 4) => Number(x.toFixed(digits));
const code = (s: string) => '`' + s + '`';
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
/** A small integer in lo..hi. */
const int = (rng: Rng, lo: number, hi: number) => lo + rng.int(hi - lo + 1);
/** A signed term "+ 3" / "- 3" for writing sums. */
const term = (v: number) => (v < 0 ? `- ${-v}` : `+ ${v}`);
const matrix = (m: number[][]) => String.raw`\begin{pmatrix} ${m.map((r) => r.join(' & ')).join(String.raw` \\ `)} \end{pmatrix}`;
const column = (v: number[]) => matrix(v.map((x) => [x]));

type Act = 'sigmoid' | 'tanh' | 'ReLU';
const activations: Record<Act, (z: number) => number> = { sigmoid, tanh: Math.tanh, ReLU: (z) => Math.max(0, z) };
const actTex: Record<Act, string> = { sigmoid: String.raw`\operatorname{sigmoid}`, tanh: String.raw`\tanh`, ReLU: String.raw`\operatorname{ReLU}` };

const bank: ExerciseBank = {
  id: '02-neurons',
  title: 'Neurons and feedforward networks',
  exercises: [
    {
      id: 'neuron-output',
      version: 1,
      kind: 'numeric',
      title: "A neuron's output by hand",
      params: (rng) => {
        const half = () => int(rng, -4, 4) / 2; // -2 .. 2 in steps of 0.5
        const act = (['sigmoid', 'tanh', 'ReLU'] as Act[])[rng.int(3)];
        return { w1: half(), w2: half(), b: half(), x1: int(rng, -2, 2), x2: int(rng, -2, 2), act };
      },
      prompt: ({ w1, w2, b, x1, x2, act }) =>
        String.raw`A neuron has weights $w_1 = ${w1}$, $w_2 = ${w2}$, bias $b = ${b}$ and activation $${actTex[act as Act]}$. What does it output for the input $x_1 = ${x1}$, $x_2 = ${x2}$? Give three decimals.`,
      answer: ({ w1, w2, b, x1, x2, act }) => activations[act as Act](w1 * x1 + w2 * x2 + b),
      tolerance: { abs: 2e-3 },
      hints: [
        () => String.raw`First compute the pre-activation $z = w_1 x_1 + w_2 x_2 + b$.`,
        ({ w1, w2, b, x1, x2 }) => String.raw`$z = ${w1} \cdot (${x1}) ${term(w2)} \cdot (${x2}) ${term(b)} = ${round(w1 * x1 + w2 * x2 + b)}$. Now apply the activation.`,
      ],
      solution: ({ w1, w2, b, x1, x2, act }) => {
        const z = w1 * x1 + w2 * x2 + b;
        return String.raw`The weighted sum plus bias is $z = ${w1} \cdot (${x1}) ${term(w2)} \cdot (${x2}) ${term(b)} = ${round(z)}$. The output is $${actTex[act as Act]}(${round(z)}) \approx ${round(activations[act as Act](z), 3)}$.${act === 'ReLU' && z <= 0 ? ' A ReLU outputs zero for every non-positive $z$.' : ''}`;
      },
    },
    {
      id: 'boundary-moves',
      version: 1,
      kind: 'choice',
      title: 'Moving a boundary',
      params: (rng) => ({ scenario: rng.int(3), k: int(rng, 2, 5) }),
      prompt: ({ scenario, k }) => {
        const change = [
          String.raw`You multiply $w_1$, $w_2$ and $b$ all by $${k}$.`,
          String.raw`You multiply $w_1$, $w_2$ and $b$ all by $-1$.`,
          String.raw`You change the bias to $b = ${k}$ and leave the weights alone.`,
        ][scenario];
        return String.raw`A sigmoid neuron has $w_1 = 2$, $w_2 = 1$ and $b = -1$, so its decision boundary is the line $2x_1 + x_2 = 1$. ${change} What happens to the boundary and the colours around it?`;
      },
      choices: ({ scenario }) => [
        {
          text: 'The line stays where it is, and the change from one colour to the other across it becomes sharper.',
          correct: scenario === 0,
          why: String.raw`Scaling $\mathbf{w}$ and $b$ by a positive number leaves the set where $z = 0$ unchanged and makes $z$ grow faster away from it.`,
        },
        {
          text: 'The line stays where it is, and the two sides swap colours.',
          correct: scenario === 1,
          why: String.raw`Negating everything negates $z$: the same points have $z = 0$, but every point that had $z > 0$ now has $z < 0$.`,
        },
        {
          text: 'The line moves parallel to itself; its direction does not change.',
          correct: scenario === 2,
          why: String.raw`The direction of the line is set by $\mathbf{w}$, which is unchanged; the bias only slides it along $\mathbf{w}$.`,
        },
        {
          text: 'The line rotates about the origin.',
          correct: false,
          why: String.raw`Rotating the line needs a change in the ratio $w_1 : w_2$, which none of these changes makes.`,
        },
      ],
      hints: [
        () => String.raw`The boundary is the set of points with $z = w_1 x_1 + w_2 x_2 + b = 0$. Does the change alter that set?`,
        () => String.raw`Which side is orange depends on the sign of $z$; how sharp the transition is depends on how fast $z$ grows as you step away from the line, that is on $\lVert \mathbf{w} \rVert$.`,
      ],
      solution: ({ scenario, k }) =>
        [
          String.raw`Multiplying by $${k}$ gives $${k}(2x_1 + x_2 - 1) = 0$, which has the same solutions as before, so the line does not move. But $z$ is now $${k}$ times larger at every point, so the sigmoid reaches values near $0$ and $1$ closer to the line: the same boundary, drawn more sharply.`,
          String.raw`Multiplying by $-1$ gives $-(2x_1 + x_2 - 1) = 0$: the same line. Every $z$ changes sign, so the side that was orange ($z > 0$) is now blue. The weight vector $(-2, -1)$ points the other way, toward the new orange side.`,
          String.raw`The new boundary is $2x_1 + x_2 + ${k} = 0$. Its normal is still $\mathbf{w} = (2, 1)$, so it is parallel to the old line, shifted to distance $${k}/\sqrt{5} \approx ${round(k / Math.sqrt(5), 2)}$ from the origin on the side opposite to $\mathbf{w}$ (the old line was at $1/\sqrt{5} \approx 0.45$ on the side of $\mathbf{w}$).`,
        ][scenario],
    },
    {
      id: 'and-gate',
      version: 1,
      kind: 'widget',
      widget: 'Neuron',
      widgetProps: {},
      title: 'A neuron that computes AND',
      prompt: () =>
        String.raw`Find weights and a bias for which the neuron computes AND on the four corners $(0, 0)$, $(0, 1)$, $(1, 0)$ and $(1, 1)$: only $(1, 1)$ should fall on the side where $z = w_1 x_1 + w_2 x_2 + b > 0$; the other three must have $z < 0$. Set the sliders in the figure, then check.`,
      check: (_p, state): CheckResult => {
        const s = state as { w1?: unknown; w2?: unknown; b?: unknown } | null;
        if (!s || typeof s.w1 !== 'number' || typeof s.w2 !== 'number' || typeof s.b !== 'number' || ![s.w1, s.w2, s.b].every(Number.isFinite)) {
          return { status: 'invalid', score: 0, feedback: 'The figure has not reported its weights yet: move a slider and check again.' };
        }
        const { w1, w2, b } = s as { w1: number; w2: number; b: number };
        const corners: [number, number, boolean][] = [[0, 0, false], [0, 1, false], [1, 0, false], [1, 1, true]];
        const wrong = corners.filter(([x1, x2, on]) => {
          const z = w1 * x1 + w2 * x2 + b;
          return on ? !(z > 0) : !(z < 0);
        });
        if (wrong.length === 0) {
          return { status: 'correct', score: 1, feedback: `With w₁ = ${w1}, w₂ = ${w2}, b = ${b}, only (1, 1) has z > 0.` };
        }
        const list = wrong.map(([x1, x2]) => `(${x1}, ${x2})`).join(', ');
        const score = (4 - wrong.length) / 4;
        return {
          status: score > 0 ? 'partial' : 'wrong',
          score,
          feedback: `${wrong.length === 1 ? 'The corner' : 'The corners'} ${list} ${wrong.length === 1 ? 'is' : 'are'} on the wrong side of the line (or exactly on it). ${4 - wrong.length} of 4 corners are right.`,
        };
      },
      hints: [
        () => String.raw`The line must separate $(1, 1)$ from the other three corners: think of a line crossing the square near the corner $(1, 1)$, such as $x_1 + x_2 = 1.5$.`,
        () => String.raw`A line $x_1 + x_2 = 1.5$ comes from $w_1 = w_2 = 1$ and $b = -1.5$. Check the sign of $z$ at all four corners.`,
      ],
      solution: () =>
        String.raw`Take $w_1 = w_2 = 1$ and $b = -1.5$. Then $z(0,0) = -1.5$, $z(0,1) = z(1,0) = -0.5$ and $z(1,1) = 0.5$: only $(1, 1)$ is on the positive side. Any line that cuts off the corner $(1, 1)$ alone works, for example $w_1 = w_2 = 2$, $b = -3$ (the same line, drawn more sharply), or $w_1 = 1$, $w_2 = 2$, $b = -2.5$. The bias has to be negative enough that one input alone cannot push $z$ above zero, but not so negative that both together cannot.`,
    },
    {
      id: 'layer-output',
      version: 1,
      kind: 'vector',
      title: "A layer's output",
      params: (rng) => {
        const W = [
          [int(rng, -2, 2), int(rng, -2, 2)],
          [int(rng, -2, 2), int(rng, -2, 2)],
        ];
        const b = [int(rng, -2, 2), int(rng, -2, 2)];
        const x = [int(rng, -2, 2), int(rng, -2, 2)];
        return { W, b, x };
      },
      prompt: ({ W, b, x }) =>
        String.raw`A ReLU layer has

$$
W = ${matrix(W)}, \quad \mathbf{b} = ${column(b)}.
$$

Compute its output $\mathbf{a} = \operatorname{ReLU}(W\mathbf{x} + \mathbf{b})$ for $\mathbf{x} = ${column(x)}$. Type the two entries separated by a comma.`,
      answer: ({ W, b, x }) => W.map((row: number[], j: number) => Math.max(0, row[0] * x[0] + row[1] * x[1] + b[j])),
      tolerance: { abs: 1e-9 },
      hints: [
        () => String.raw`Entry $j$ of $W\mathbf{x}$ is row $j$ of $W$ times $\mathbf{x}$: $W_{j1} x_1 + W_{j2} x_2$.`,
        ({ W, b, x }) => {
          const z = W.map((row: number[], j: number) => row[0] * x[0] + row[1] * x[1] + b[j]);
          return String.raw`The pre-activation is $\mathbf{z} = ${column(z)}$. ReLU keeps positive entries and replaces the others with $0$.`;
        },
      ],
      solution: ({ W, b, x }) => {
        const z = W.map((row: number[], j: number) => row[0] * x[0] + row[1] * x[1] + b[j]);
        const a = z.map((v: number) => Math.max(0, v));
        return String.raw`Row by row, $z_1 = ${W[0][0]} \cdot (${x[0]}) ${term(W[0][1])} \cdot (${x[1]}) ${term(b[0])} = ${z[0]}$ and $z_2 = ${W[1][0]} \cdot (${x[0]}) ${term(W[1][1])} \cdot (${x[1]}) ${term(b[1])} = ${z[1]}$. Applying ReLU to each entry gives $\mathbf{a} = ${column(a)}$.`;
      },
    },
    {
      id: 'collapse',
      version: 1,
      kind: 'vector',
      title: 'Two linear layers are one',
      params: (rng) => {
        const W1 = [
          [int(rng, -2, 2), int(rng, -2, 2)],
          [int(rng, -2, 2), int(rng, -2, 2)],
        ];
        const b1 = [int(rng, -2, 2), int(rng, -2, 2)];
        const W2 = [int(rng, -2, 2), int(rng, -2, 2)];
        const b2 = int(rng, -2, 2);
        return { W1, b1, W2, b2 };
      },
      prompt: ({ W1, b1, W2, b2 }) =>
        String.raw`A network has two layers and no activations:

$$
W^{(1)} = ${matrix(W1)}, \quad \mathbf{b}^{(1)} = ${column(b1)}, \quad W^{(2)} = ${matrix([W2])}, \quad b^{(2)} = ${b2}.
$$

It computes the same function as a single neuron $\hat{y} = w_1 x_1 + w_2 x_2 + b$. Give $w_1$, $w_2$ and $b$, in that order, separated by commas.`,
      answer: ({ W1, b1, W2, b2 }) => [
        W2[0] * W1[0][0] + W2[1] * W1[1][0],
        W2[0] * W1[0][1] + W2[1] * W1[1][1],
        W2[0] * b1[0] + W2[1] * b1[1] + b2,
      ],
      tolerance: { abs: 1e-9 },
      hints: [
        () => String.raw`Substitute the first layer into the second: $W^{(2)}(W^{(1)}\mathbf{x} + \mathbf{b}^{(1)}) + b^{(2)} = (W^{(2)}W^{(1)})\mathbf{x} + (W^{(2)}\mathbf{b}^{(1)} + b^{(2)})$.`,
        () => String.raw`$W^{(2)}W^{(1)}$ is a $1 \times 2$ row: its entries are $w_1$ and $w_2$. $W^{(2)}\mathbf{b}^{(1)} + b^{(2)}$ is a single number: $b$.`,
      ],
      solution: ({ W1, b1, W2, b2 }) => {
        const w1 = W2[0] * W1[0][0] + W2[1] * W1[1][0];
        const w2 = W2[0] * W1[0][1] + W2[1] * W1[1][1];
        const b = W2[0] * b1[0] + W2[1] * b1[1] + b2;
        return String.raw`Without activations, $\hat{y} = W^{(2)}(W^{(1)}\mathbf{x} + \mathbf{b}^{(1)}) + b^{(2)} = (W^{(2)}W^{(1)})\mathbf{x} + W^{(2)}\mathbf{b}^{(1)} + b^{(2)}$. Here

$$
W^{(2)}W^{(1)} = ${matrix([W2])} ${matrix(W1)} = ${matrix([[w1, w2]])}, \qquad W^{(2)}\mathbf{b}^{(1)} + b^{(2)} = ${W2[0]} \cdot (${b1[0]}) ${term(W2[1])} \cdot (${b1[1]}) ${term(b2)} = ${b}.
$$

So $w_1 = ${w1}$, $w_2 = ${w2}$ and $b = ${b}$: four weights and three biases collapse to two weights and one bias.`;
      },
    },
    {
      id: 'linear-bottleneck',
      version: 1,
      kind: 'numeric',
      title: 'Think harder: a narrow linear layer',
      params: (rng) => {
        const widths = [int(rng, 3, 6), int(rng, 1, 5), int(rng, 2, 6), int(rng, 3, 6)];
        return { widths };
      },
      prompt: ({ widths }) =>
        String.raw`A network without activations has layers of widths $n_0 = ${widths[0]}$ (the input), $n_1 = ${widths[1]}$, $n_2 = ${widths[2]}$ and $n_3 = ${widths[3]}$ (the output). Its weights are drawn at random, so nothing cancels by accident. The whole network computes one linear map $\mathbf{x} \mapsto W\mathbf{x} + \mathbf{b}$ with $W = W^{(3)} W^{(2)} W^{(1)}$ of shape $${widths[3]} 	imes ${widths[0]}$. What is the rank of $W$, the dimension of the set of outputs $W\mathbf{x}$ it can reach?`,
      answer: ({ widths }) => Math.min(...widths),
      tolerance: { abs: 1e-9 },
      hints: [
        () => String.raw`Every output is $W^{(3)}W^{(2)}$ applied to $\mathbf{a}^{(1)} = W^{(1)}\mathbf{x}$, and $\mathbf{a}^{(1)}$ has only $n_1$ entries: the outputs can span at most $n_1$ dimensions.`,
        () => String.raw`The rank of a product is at most the rank of each factor, and the rank of an $m 	imes n$ matrix is at most $\min(m, n)$. With random weights, the bound is reached.`,
      ],
      solution: ({ widths }) => {
        const r = Math.min(...widths);
        return String.raw`Each layer can pass on at most as many independent directions as it has units, and a product of matrices has rank at most the smallest rank among its factors:

$$
\operatorname{rank} W \le \min(n_0, n_1, n_2, n_3) = \min(${widths.join(', ')}) = ${r}.
$$

With random weights the bound is reached, so the rank is $${r}$. ${r < Math.min(widths[0], widths[3]) ? String.raw`A single $${widths[3]} 	imes ${widths[0]}$ layer could reach rank $${Math.min(widths[0], widths[3])}$: the narrow layer removed functions, so a stack of linear layers can be strictly less expressive than one.` : String.raw`Here no hidden layer is narrower than the input or the output, so the stack reaches every linear map a single $${widths[3]} 	imes ${widths[0]}$ layer can; make $n_1 = 1$ and it could only reach maps of rank one.`}`;
      },
    },
    {
      id: 'dense-layer',
      version: 1,
      kind: 'code',
      title: 'A dense layer for a batch',
      params: (rng) => ({ act: (['tanh', 'relu', 'sigmoid'] as const)[rng.int(3)] }),
      prompt: ({ act }) =>
        String.raw`Write a function ${code('layer(X, W, b)')} that computes the activations of one layer for a whole batch: $A = ${act === 'relu' ? String.raw`\operatorname{ReLU}` : act === 'tanh' ? String.raw`\tanh` : String.raw`\operatorname{sigmoid}`}(X W^\top + \mathbf{1}\mathbf{b}^\top)$. Here ${code('X')} is a tensor of shape ${code('[B, n_in]')}, ${code('W')} has the engine's layout ${code('[n_out, n_in]')}, and ${code('b')} has shape ${code('[n_out]')}. Return a tensor of shape ${code('[B, n_out]')}. The hidden checks try several random shapes.`,
      starter: ({ act }) => `// X: [B, n_in], W: [n_out, n_in] (one row per neuron), b: [n_out]
// Return the ${act} activations, shape [B, n_out].
function layer(X, W, b) {
  return X;
}

const X = tensor([[1, -1], [0, 2]]);
const W = tensor([[0.5, 1], [-1, 0], [2, 2]]);
const b = tensor([0, 0.5, -1]);
print(layer(X, W, b).shape);   // should be [2, 3]`,
      checkCode: ({ act }) => `
(() => {
  if (typeof layer !== 'function') { __report(0, 'There is no function called layer.'); return; }
  const f = { tanh: Math.tanh, relu: (z) => Math.max(0, z), sigmoid: (z) => 1 / (1 + Math.exp(-z)) }['${act}'];
  const r = rng(12345);
  const shapes = [[1, 2, 3], [4, 2, 1], [3, 3, 3], [5, 3, 4], [2, 4, 2]];
  let right = 0;
  let feedback = 'Right for every shape tried.';
  for (const [B, nIn, nOut] of shapes) {
    const X = randn([B, nIn], r), W = randn([nOut, nIn], r), bias = randn([nOut], r);
    let A;
    try { A = layer(X, W, bias); } catch (e) { feedback = 'layer threw: ' + (e && e.message ? e.message : String(e)); continue; }
    if (!A || !Array.isArray(A.shape) || A.shape.length !== 2 || A.shape[0] !== B || A.shape[1] !== nOut) {
      feedback = 'For X of shape [' + B + ', ' + nIn + '] and W of shape [' + nOut + ', ' + nIn + '] the result should have shape [' + B + ', ' + nOut + '], not ' + JSON.stringify(A && A.shape) + '.';
      continue;
    }
    let ok = true;
    for (let i = 0; i < B && ok; i++) for (let j = 0; j < nOut && ok; j++) {
      let z = bias.data[j];
      for (let k = 0; k < nIn; k++) z += X.data[i * nIn + k] * W.data[j * nIn + k];
      if (Math.abs(A.data[i * nOut + j] - f(z)) > 1e-4) {
        ok = false;
        feedback = 'Row ' + i + ', column ' + j + ': expected ' + f(z).toFixed(5) + ', got ' + Number(A.data[i * nOut + j]).toFixed(5) + '. Check the transpose, the bias and the activation.';
      }
    }
    if (ok) right++;
  }
  __report(right / shapes.length, feedback);
})();`,
      hints: [
        () => `X has shape [B, n_in] and W.T has shape [n_in, n_out], so ${code('X.matmul(W.T)')} has shape [B, n_out].`,
        ({ act }) => `Add the bias with ${code('.add(b)')}: broadcasting adds it to every row. Then apply ${code('.' + act + '()')}.`,
      ],
      solution: ({ act }) =>
        String.raw`One line does it; the comments give the shapes:

${'```'}js
// X.matmul(W.T): [B, n_in] x [n_in, n_out] = [B, n_out]
// .add(b): b has shape [n_out] and is broadcast over the B rows
function layer(X, W, b) {
  return X.matmul(W.T).add(b).${act}();
}
${'```'}

Forgetting the transpose gives a shape error whenever $n_\text{out} \ne n_\text{in}$, and silently wrong numbers when the two are equal, which is why the checks include a square case.`,
    },
  ],
};

export default bank;
