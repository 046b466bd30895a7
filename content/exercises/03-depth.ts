// Exercises for chapter 3: what one neuron can compute, the sawtooth depth argument, XOR in the
// playground, reading loss curves, weight decay, and inverted dropout by hand and in code.
import type { CheckResult, ExerciseBank } from '../../lib/exercises/types.ts';
import type { Rng } from '../../engine/random.ts';

const round = (x: number, digits = 6) => Number(x.toFixed(digits));
const code = (s: string) => '`' + s + '`';
const int = (rng: Rng, lo: number, hi: number) => lo + rng.int(hi - lo + 1);
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const column = (v: number[]) => String.raw`\begin{pmatrix} ${v.join(String.raw` \\ `)} \end{pmatrix}`;

const bank: ExerciseBank = {
  id: '03-depth',
  title: 'Going deeper: depth, capacity and overfitting',
  exercises: [
    {
      id: 'linearly-separable',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'What one neuron can compute',
      prompt: () =>
        String.raw`A single neuron with a step activation, $\hat{y} = \operatorname{step}(w_1 x_1 + w_2 x_2 + b)$, reads two bits $x_1, x_2 \in \{0, 1\}$. For which of these functions of the two bits do weights and a bias exist that make it output the right value on all four inputs? Select every one.`,
      choices: () => [
        { text: 'AND: 1 only when both bits are 1.', correct: true, why: String.raw`For example $w_1 = w_2 = 1$, $b = -1.5$.` },
        { text: 'OR: 1 when at least one bit is 1.', correct: true, why: String.raw`For example $w_1 = w_2 = 1$, $b = -0.5$.` },
        { text: 'NAND: 0 only when both bits are 1.', correct: true, why: String.raw`Negate the AND neuron: $w_1 = w_2 = -1$, $b = 1.5$.` },
        { text: 'XOR: 1 when exactly one bit is 1.', correct: false, why: 'The two 1s sit on one diagonal of the square and the two 0s on the other; no line separates the diagonals.' },
        { text: 'XNOR: 1 when both bits are equal.', correct: false, why: 'XNOR is XOR with the classes swapped, so it fails for the same reason.' },
        { text: String.raw`"Copy $x_1$": output $x_1$ and ignore $x_2$.`, correct: true, why: String.raw`$w_1 = 1$, $w_2 = 0$, $b = -0.5$: the boundary is the vertical line $x_1 = 0.5$.` },
      ],
      hints: [
        () => 'Draw the four corners of the unit square and colour them by the function. Can one straight line separate the colours?',
        () => 'Exactly two of the six cannot be drawn with one line. Both have their 1s on a diagonal.',
      ],
      solution: () =>
        String.raw`A step neuron outputs 1 on one side of the line $w_1 x_1 + w_2 x_2 + b = 0$ and 0 on the other, so it computes exactly the functions whose 1s and 0s can be separated by a line. AND, OR, NAND and "copy $x_1$" can (weights are given with each choice). XOR and XNOR cannot: in both, the two corners of one diagonal share a value and the two corners of the other diagonal share the other value. Suppose a line put $(0,1)$ and $(1,0)$ on the positive side: then $w_2 + b > 0$ and $w_1 + b > 0$, so $w_1 + w_2 + 2b > 0$. Putting $(0,0)$ and $(1,1)$ on the other side needs $b \le 0$ and $w_1 + w_2 + b \le 0$, which add up to $w_1 + w_2 + 2b \le 0$, a contradiction. Of the 16 Boolean functions of two bits, these two are the only ones a single neuron cannot compute.`,
    },
    {
      id: 'sawtooth-pieces',
      version: 1,
      kind: 'numeric',
      title: 'Counting pieces of the sawtooth',
      params: (rng) => ({ k: int(rng, 3, 9) }),
      prompt: ({ k }) =>
        String.raw`The tent map $t(x) = 2\operatorname{ReLU}(x) - 4\operatorname{ReLU}(x - 0.5)$ is applied $${k}$ times to $x \in [0, 1]$: $y = t(t(\cdots t(x)))$, a network with $${k}$ layers of two ReLU units each. A network with a single hidden layer of $m$ ReLU units, reading the same scalar $x$, must reproduce $y$ exactly on $[0, 1]$. What is the smallest $m$ for which that is possible?`,
      answer: ({ k }) => 2 ** k - 1,
      tolerance: { abs: 0.5 },
      hints: [
        () => 'Each application of t doubles the number of straight pieces: one tent has 2 pieces, t(t(x)) has 4.',
        () => String.raw`A one-hidden-layer ReLU network on a scalar input bends at most once per unit, so with $m$ units it has at most $m + 1$ straight pieces.`,
      ],
      solution: ({ k }) =>
        String.raw`Composing the tent map $${k}$ times gives $2^{${k}} = ${2 ** k}$ straight pieces. A hidden ReLU unit $\operatorname{ReLU}(w x + b)$ changes slope only at $x = -b/w$, so a sum of $m$ of them has at most $m$ bends and $m + 1$ pieces. It needs $m + 1 \ge ${2 ** k}$, so $m \ge ${2 ** k - 1}$. And $${2 ** k - 1}$ units are enough: one unit per bend, placed at the bend with the change of slope as its output weight, plus the bias for the starting value. The deep network uses $${2 * k}$ units for the same function.`,
    },
    {
      id: 'xor-playground',
      version: 1,
      kind: 'widget',
      widget: 'Playground',
      widgetProps: { dataset: 'xor', hidden: '', id: 'exercise-xor' },
      title: 'XOR with as few units as possible',
      prompt: () =>
        'The playground below starts with no hidden layer and cannot solve XOR. Give it exactly one hidden layer of at most 4 units, train, and reach a test accuracy of at least 95%. Then check.',
      check: (_p, state): CheckResult => {
        const s = state as { dataset?: unknown; hidden?: unknown; testAccuracy?: unknown; diverged?: unknown } | null;
        if (!s || typeof s.testAccuracy !== 'number' || !Array.isArray(s.hidden)) {
          return { status: 'invalid', score: 0, feedback: 'The playground has not reported its state yet: train for a few epochs and check again.' };
        }
        if (s.dataset !== 'xor') return { status: 'wrong', score: 0, feedback: 'Switch the data set back to xor.' };
        if (s.hidden.length !== 1) {
          return { status: 'wrong', score: 0, feedback: `The network has ${s.hidden.length} hidden layers; the goal asks for exactly one.` };
        }
        const units = Number(s.hidden[0]);
        if (!(units <= 4)) return { status: 'wrong', score: 0, feedback: `The hidden layer has ${units} units; use at most 4.` };
        if (s.diverged === true) return { status: 'wrong', score: 0, feedback: 'Training diverged. Lower the learning rate, reset and train again.' };
        const acc = s.testAccuracy;
        if (acc >= 0.95) return { status: 'correct', score: 1, feedback: `${Math.round(acc * 100)}% test accuracy with one hidden layer of ${units} units.` };
        return {
          status: acc >= 0.8 ? 'partial' : 'wrong',
          score: acc >= 0.8 ? 0.5 : 0,
          feedback: `Test accuracy is ${Math.round(acc * 100)}%. Train longer, or reset and try again: some starting points get stuck.`,
        };
      },
      hints: [
        () => 'Two units suffice in principle, but training often gets stuck with two. Four is much more reliable.',
        () => 'If the loss stops falling at a high value, press New weights to start from another random start and train again.',
      ],
      solution: () =>
        'Set one hidden layer of 4 tanh units and train for about 50 epochs with the default learning rate: the boundary bends into a cross, and test accuracy passes 95%. Each hidden unit draws one soft line; the output neuron adds them up so that opposite quadrants end on the same side. With 2 units a solution exists (the chapter built one from threshold units), but gradient descent from a random start often settles on a boundary that gets only three quadrants right, around 75 to 85% accuracy.',
    },
    {
      id: 'diagnose-curves',
      version: 1,
      kind: 'choice',
      title: 'Reading a pair of loss curves',
      params: (rng) => ({ scenario: rng.int(3) }),
      prompt: ({ scenario }) => {
        const curves = [
          'After 200 epochs the training loss is 0.02 and still falling. The validation loss reached its lowest value, 0.31, at epoch 40, and is now 0.55 and rising.',
          'After 200 epochs the training loss is 0.61 and the validation loss 0.63. Both fell a little in the first 20 epochs and have barely moved since.',
          'After 200 epochs the training loss is 0.08 and the validation loss 0.10. Both are still falling slowly.',
        ][scenario];
        return `A network is trained on a classification task. ${curves} What is the best description, and the most sensible next step?`;
      },
      choices: ({ scenario }) => [
        {
          text: 'Overfitting: use the parameters from the best validation epoch (early stopping), and add weight decay or dropout.',
          correct: scenario === 0,
          why: 'A training loss that keeps falling while the validation loss turns upward is the signature of overfitting.',
        },
        {
          text: 'Underfitting: give the network more capacity or train it better (learning rate, more epochs) before thinking about regularisation.',
          correct: scenario === 1,
          why: 'Both losses are high and close together: the model cannot even fit its training data.',
        },
        {
          text: 'Neither: the model fits and carries over to held-out data; training a little longer is reasonable, watching the validation loss.',
          correct: scenario === 2,
          why: 'Both losses are low and close, and still improving.',
        },
        {
          text: 'Evaluate on the test set now and pick whichever setting gives the best test loss.',
          correct: false,
          why: 'Choosing settings by test loss leaks the test set into the model; choices belong to the validation set.',
        },
      ],
      hints: [
        () => 'Look at two things: is the training loss low or high, and is the validation loss close to it or far above it?',
        () => 'A validation loss that rises while the training loss falls means the network is fitting something that does not carry over.',
      ],
      solution: ({ scenario }) =>
        [
          'The training loss is near zero and still falling while the validation loss has risen from 0.31 to 0.55 since epoch 40: the network is learning the noise of its training set. The cheapest fix is to keep the parameters from epoch 40 (early stopping); to do better, retrain with weight decay or dropout and compare validation losses.',
          'Both losses are high (0.61 is not far below the 0.69 of guessing between two classes) and almost equal: the network is not fitting the training data, so there is nothing yet to regularise. Increase capacity (more or wider layers), check the learning rate, and train longer; regularisation would only make this worse.',
          'Both losses are low and close together, and both still improving: there is no sign of overfitting yet. Continue training while watching the validation loss, and keep the best parameters in case it turns upward.',
        ][scenario],
    },
    {
      id: 'weight-decay-step',
      version: 1,
      kind: 'numeric',
      title: 'One step with weight decay',
      params: (rng) => ({
        w: pick(rng, [-2, -1.5, -0.8, 0.6, 1.2, 2.5]),
        g: pick(rng, [-0.4, -0.2, 0.1, 0.3, 0.5]),
        eta: pick(rng, [0.05, 0.1, 0.2]),
        lambda: pick(rng, [0.01, 0.05, 0.1]),
      }),
      prompt: ({ w, g, eta, lambda }) =>
        String.raw`A weight has value $w = ${w}$, and the gradient of the data loss with respect to it is $\partial \mathcal{L} / \partial w = ${g}$. One step of gradient descent on the regularised loss $\mathcal{L} + \frac{\lambda}{2} w^2$ is taken with $\eta = ${eta}$ and $\lambda = ${lambda}$. What is the new value of $w$?`,
      answer: ({ w, g, eta, lambda }) => round(w - eta * (g + lambda * w), 8),
      tolerance: { abs: 1e-6, rel: 1e-5 },
      hints: [
        () => String.raw`The gradient of the regularised loss is $\partial \mathcal{L} / \partial w + \lambda w$.`,
        () => String.raw`Equivalently, $w \leftarrow (1 - \eta\lambda) w - \eta \, \partial \mathcal{L} / \partial w$: shrink first, then take the usual step.`,
      ],
      solution: ({ w, g, eta, lambda }) => {
        const shrink = round(1 - eta * lambda, 8);
        return String.raw`The regularised gradient is $${g} + ${lambda} \cdot (${w}) = ${round(g + lambda * w, 8)}$, so

$$
w \leftarrow ${w} - ${eta} \cdot (${round(g + lambda * w, 8)}) = ${round(w - eta * (g + lambda * w), 8)}.
$$

The same number comes from shrinking first: $(1 - \eta\lambda) w = ${shrink} \cdot (${w}) = ${round(shrink * w, 8)}$, then subtracting $\eta \cdot ${g} = ${round(eta * g, 8)}$.`;
      },
    },
    {
      id: 'dropout-vector',
      version: 1,
      kind: 'vector',
      title: 'Inverted dropout by hand',
      params: (rng) => {
        const p = pick(rng, [0.2, 0.25, 0.5, 0.75]);
        const a = [int(rng, 1, 6) / 2, int(rng, 0, 6) / 2, int(rng, 1, 6) / 2, int(rng, 0, 6) / 2];
        let m = [0, 1, 2, 3].map(() => (rng.next() < 0.5 ? 0 : 1));
        if (m.every((v) => v === 0)) m = [1, 0, 0, 1];
        return { p, a, m };
      },
      prompt: ({ p, a, m }) =>
        String.raw`A hidden layer outputs $\mathbf{a} = ${column(a)}$. During training, inverted dropout with drop probability $p = ${p}$ draws the mask $\mathbf{m} = ${column(m)}$ (1 keeps a unit, 0 drops it). What vector does the next layer receive? Type the four entries separated by commas, with at least three decimals.`,
      answer: ({ p, a, m }) => a.map((v: number, j: number) => round((m[j] * v) / (1 - p), 8)),
      tolerance: { abs: 5e-3 },
      hints: [
        () => String.raw`Dropped units send $0$. Surviving units send $a_j / (1 - p)$.`,
        ({ p }) => String.raw`Here $1/(1 - p) = ${round(1 / (1 - p), 6)}$.`,
      ],
      solution: ({ p, a, m }) => {
        const out = a.map((v: number, j: number) => round((m[j] * v) / (1 - p), 8));
        return String.raw`Each entry is $\tilde{a}_j = m_j a_j / (1 - p)$ with $1/(1 - p) = 1/${round(1 - p, 6)} = ${round(1 / (1 - p), 6)}$, giving $${column(out)}$. The scaling keeps the expected value: averaged over masks, each entry is $(1 - p) \cdot a_j / (1 - p) = a_j$. At test time the layer would pass $\mathbf{a}$ unchanged.`;
      },
    },
    {
      id: 'inverted-dropout',
      version: 1,
      kind: 'code',
      title: 'Inverted dropout in code',
      params: (rng) => ({ p: pick(rng, [0.2, 0.3, 0.5]) }),
      prompt: ({ p }) =>
        String.raw`Write ${code('dropout(values, p, r, training)')}. It takes an array of numbers, the drop probability ${code('p')}, a seeded generator ${code('r')} (use ${code('r.next()')}, uniform in $[0, 1)$), and a flag. In training mode it returns a new array in which each entry is dropped (set to $0$) with probability $p$ and otherwise divided by $1 - p$; in evaluation mode (${code('training')} false) it returns the values unchanged. The hidden checks try $p = ${p}$ and others, and look at the fraction dropped and the mean.`,
      starter: ({ p }) => `// values: array of numbers; p: drop probability;
// r: a generator with r.next() uniform in [0, 1)
function dropout(values, p, r, training) {
  return values.slice();
}

print(dropout([1, 1, 1, 1, 1, 1, 1, 1], ${p}, rng(0), true));
print(dropout([1, 1, 1, 1, 1, 1, 1, 1], ${p}, rng(0), false));`,
      checkCode: ({ p }) => `
(() => {
  if (typeof dropout !== 'function') { __report(0, 'There is no function called dropout.'); return; }
  const n = 20000;
  let score = 0;
  const problems = [];
  try {
    for (const q of [${p}, 0.6, 0.1]) {
      const values = Array.from({ length: n }, (_, i) => 1 + (i % 3));   // 1, 2, 3, 1, 2, 3, ...
      const out = dropout(values, q, rng(7), true);
      if (!out || out.length !== n) { problems.push('the result should have the same length as the input'); continue; }
      let dropped = 0, ok = true, sum = 0, sumIn = 0;
      for (let i = 0; i < n; i++) {
        sum += out[i]; sumIn += values[i];
        if (out[i] === 0) dropped++;
        else if (Math.abs(out[i] - values[i] / (1 - q)) > 1e-9) ok = false;
      }
      const frac = dropped / n;
      if (!ok) problems.push('with p = ' + q + ' a kept entry should equal value / (1 - p)');
      else if (Math.abs(frac - q) > 0.02) problems.push('with p = ' + q + ' the fraction dropped was ' + frac.toFixed(3));
      else if (Math.abs(sum / sumIn - 1) > 0.05) problems.push('with p = ' + q + ' the mean changed by ' + ((sum / sumIn - 1) * 100).toFixed(1) + '%');
      else score += 0.25;
    }
    const same = dropout([1, 2, 3], ${p}, rng(1), false);
    if (Array.isArray(same) && same.length === 3 && same[0] === 1 && same[1] === 2 && same[2] === 3) score += 0.25;
    else problems.push('in evaluation mode the values should come back unchanged');
  } catch (e) {
    problems.push('dropout threw: ' + (e && e.message ? e.message : String(e)));
  }
  __report(score, problems.length ? 'Still to fix: ' + problems.join('; ') + '.' : 'The right fraction is dropped, survivors are scaled by 1/(1 - p), and evaluation mode changes nothing.');
})();`,
      hints: [
        () => `Draw one number per entry: ${code('r.next() < p')} is true with probability p, and then the entry is dropped.`,
        () => `Build the result with ${code('values.map(...)')}, and return ${code('values.slice()')} when not training.`,
      ],
      solution: () =>
        String.raw`One random draw per entry, and the scaling on survivors only:

${'```'}js
function dropout(values, p, r, training) {
  if (!training) return values.slice();
  const scale = 1 / (1 - p);
  return values.map((v) => (r.next() < p ? 0 : v * scale));
}
${'```'}

Each entry survives with probability $1 - p$ and is then multiplied by $1/(1 - p)$, so its expected value is $v$: the mean of the output matches the mean of the input, up to sampling noise. Note the direction of the comparison: ${code('r.next() < p')} drops with probability $p$; writing ${code('r.next() < 1 - p')} would drop with probability $1 - p$, and the fraction check would catch it unless $p = 0.5$.`,
    },
    {
      id: 'interpolation-threshold',
      version: 1,
      kind: 'numeric',
      title: 'Think harder: where the test error peaks',
      params: (rng) => ({ N: pick(rng, [20, 30, 40, 50, 60, 80]), extra: rng.int(2) }),
      prompt: ({ N, extra }) =>
        String.raw`A model predicts $\hat{y} = \sum_{j=1}^{m} v_j \phi_j(\mathbf{x})${extra ? ' + c' : ''}$, where the $\phi_j$ are fixed random ReLU features${extra ? ' and $c$ is a constant term, fitted like the $v_j$' : ''}. Only the output weights are fitted, by least squares, to $N = ${N}$ noisy training points (by the exact fit of smallest size once an exact fit exists). As in chapter 3's double-descent cell, for which number of features $m$ do you expect the test error to peak?`,
      answer: ({ N, extra }) => N - extra,
      tolerance: { abs: 1e-9 },
      hints: [
        () => 'The peak sits at the interpolation threshold: the smallest model that can fit every training point exactly.',
        ({ extra }) =>
          extra
            ? String.raw`Count the fitted numbers: the $m$ weights $v_j$ and the constant $c$. With random features, an exact fit of $N$ points needs as many fitted numbers as points.`
            : String.raw`With random features, $m$ fitted weights can match $N$ targets exactly as soon as $m \ge N$.`,
      ],
      solution: ({ N, extra }) =>
        String.raw`An exact fit of $N$ generic points needs $N$ free numbers, so the threshold is where the number of fitted parameters equals $N$${extra ? String.raw`: $m + 1 = ${N}$, so $m = ${N - 1}$` : String.raw`: $m = ${N}$`}. Just below it the fit is least squares with a nearly singular system; at it, the one exact fit follows every noisy point and swings wildly between them; above it, among many exact fits the smallest is chosen, which is smoother, so the error falls again.`,
    },
  ],
};

export default bank;
