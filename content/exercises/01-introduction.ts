// Exercises for chapter 1: one of each common kind (choice, numeric, code), on the chapter's ideas.
import type { ExerciseBank } from '../../lib/exercises/types.ts';

const round = (x: number, digits = 6) => Number(x.toFixed(digits));
/** Code in rich text: a Markdown-style code span. */
const code = (s: string) => '`' + s + '`';
/** "w - c" written as a person would for any c: "w + 2" for c = -2, and just "w" for c = 0. */
const minus = (name: string, c: number) => (c === 0 ? name : c < 0 ? `${name} + ${-c}` : `${name} - ${c}`);
/** Parentheses around a sum or a negative number, none around a lone name or positive number: "(w - 1)", "(-2.5)", "w". */
const group = (e: string) => (/^[\w.]+$/.test(e) ? e : `(${e})`);

const bank: ExerciseBank = {
  id: '01-introduction',
  title: 'Introduction: learning a function from examples',
  exercises: [
    {
      id: 'what-is-learned',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'What training chooses',
      prompt: () =>
        String.raw`A network $f(\mathbf{x}; \theta)$ is trained by gradient descent on a data set. Which of the following are part of $\theta$, the numbers that training itself changes? Select every one that is.`,
      choices: () => [
        { text: 'The weights of every layer.', correct: true, why: 'Weights are parameters: every gradient step changes them.' },
        { text: 'The biases of every layer.', correct: true, why: 'Biases are parameters too, updated by the same rule as the weights.' },
        {
          text: String.raw`The learning rate $\eta$.`,
          correct: false,
          why: String.raw`You choose $\eta$ before training; gradient descent uses it but does not change it. Such settings are called hyperparameters.`,
        },
        { text: 'The number of layers and their widths.', correct: false, why: 'The shape of the network is fixed before training starts; training only fills in its numbers.' },
        { text: 'The training examples.', correct: false, why: 'The examples are given; training fits the parameters to them and leaves them unchanged.' },
      ],
      hints: [
        () => String.raw`Look at the update rule $\theta \leftarrow \theta - \eta \nabla_\theta \mathcal{L}$: which numbers appear on the left of the arrow?`,
        () => 'Anything you set before pressing Train, and that stays the same during training, is not a parameter.',
      ],
      solution: () =>
        String.raw`Training changes exactly the numbers inside $\theta$: all weights and all biases. The learning rate, the architecture and the data are chosen or given beforehand and stay fixed while gradient descent runs. The first two are hyperparameters: you tune them by trying several values and comparing results on held-out data, not by gradient descent.`,
    },
    {
      id: 'one-step',
      version: 1,
      kind: 'numeric',
      title: 'One step of gradient descent',
      params: (rng) => {
        const w0 = rng.int(7) - 3 + 0.5; // -2.5 .. 3.5
        const c = rng.int(5) - 2; // -2 .. 2, never equal to w0
        const eta = [0.05, 0.1, 0.2, 0.25][rng.int(4)];
        return { w0, c, eta };
      },
      prompt: ({ w0, c, eta }) =>
        String.raw`A model has one parameter $w$, and its loss is $\mathcal{L}(w) = ${group(minus('w', c))}^2$. Starting from $w = ${w0}$, take one step of gradient descent with learning rate $\eta = ${eta}$. What is the new value of $w$?`,
      answer: ({ w0, c, eta }) => round(w0 - eta * 2 * (w0 - c)),
      tolerance: { abs: 1e-6, rel: 1e-4 },
      hints: [
        ({ c }) => String.raw`The derivative of $(w - c)^2$ with respect to $w$ is $2(w - c)$, here $2${group(minus('w', c))}$.`,
        ({ w0, c }) => String.raw`At $w = ${w0}$ the gradient is $2 \times ${group(minus(String(w0), c))} = ${round(2 * (w0 - c))}$. Now apply $w \leftarrow w - \eta \cdot \text{gradient}$.`,
      ],
      solution: ({ w0, c, eta }) => {
        const g = round(2 * (w0 - c));
        return String.raw`The gradient is $\dfrac{d\mathcal{L}}{dw} = 2${group(minus('w', c))}$, which at $w = ${w0}$ equals $${g}$. The update is

$$
w \leftarrow ${w0} - ${eta} \times (${g}) = ${round(w0 - eta * g)}.
$$

The step moves $w$ toward the minimum at $w = ${c}$: the gradient's sign says which way is downhill, and $\eta$ sets how far to go.`;
      },
    },
    {
      id: 'first-backward',
      version: 1,
      kind: 'code',
      title: 'Your first backward pass',
      prompt: () =>
        String.raw`Write a function ${code('lossAndGrad(w, b, x, t)')} that builds the squared error $L = (w x + b - t)^2$ from ${code('Value')}s, calls ${code('backward()')}, and returns the array ${code('[L, dL/dw, dL/db]')} as plain numbers. Use the engine for the derivatives; do not type the formulas for them yourself.`,
      starter: () => `// Build L = (W·x + B - t)² from W and B, call backward,
// and return [L, dL/dw, dL/db] as numbers.
function lossAndGrad(w, b, x, t) {
  const W = value(w, 'w');
  const B = value(b, 'b');
  return [0, 0, 0];
}

print(lossAndGrad(0.5, -1, 2, 1));`,
      checkCode: () => `
(() => {
  if (typeof lossAndGrad !== 'function') {
    __report(0, 'There is no function called lossAndGrad.');
    return;
  }
  const cases = [[0.5, -1, 2, 1], [-1.5, 0.3, -0.7, 0.2], [2, 0.1, 0.4, -1], [0, 0, 3, 2]];
  let right = 0;
  let feedback = 'All four test cases match.';
  for (const [w, b, x, t] of cases) {
    const e = w * x + b - t;
    const want = [e * e, 2 * e * x, 2 * e];
    let got;
    try {
      got = lossAndGrad(w, b, x, t);
    } catch (err) {
      feedback = 'lossAndGrad threw an error: ' + (err && err.message ? err.message : String(err));
      continue;
    }
    const ok = Array.isArray(got) && got.length === 3 &&
      got.every((v, i) => typeof v === 'number' && Math.abs(v - want[i]) <= 1e-6 * Math.max(1, Math.abs(want[i])));
    if (ok) right++;
    else feedback = 'For w=' + w + ', b=' + b + ', x=' + x + ', t=' + t + ' the expected answer is [' +
      want.map((v) => +v.toFixed(6)).join(', ') + '] but lossAndGrad returned ' + JSON.stringify(got) + '.';
  }
  __report(right / cases.length, feedback);
})();`,
      hints: [
        () => `Chain the operations: ${code('W.mul(x).add(B).sub(t)')} gives the error; ${code('.pow(2)')} squares it.`,
        () => `After ${code('L.backward()')}, the gradients are in ${code('W.grad')} and ${code('B.grad')}; the loss itself is ${code('L.data')}.`,
      ],
      solution: () =>
        String.raw`Build the expression node by node, call ${code('backward()')} on the result, and read the numbers back:

${'```'}js
function lossAndGrad(w, b, x, t) {
  const W = value(w, 'w');
  const B = value(b, 'b');
  const L = W.mul(x).add(B).sub(t).pow(2);
  L.backward();
  return [L.data, W.grad, B.grad];
}
${'```'}

By the chain rule, $\partial L / \partial w = 2(wx + b - t)\,x$ and $\partial L / \partial b = 2(wx + b - t)$: the engine computes exactly these numbers without being told the formulas. Because $W$ and $B$ are created fresh on every call, their gradients start at zero and do not accumulate across calls.`,
    },
  ],
};

export default bank;
