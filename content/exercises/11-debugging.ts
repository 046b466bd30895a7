// Exercises for chapter 11: the loss a network should start from, the floor a double softmax sets, which
// symptom points at which fault, a numerical gradient in code (checked on functions whose gradients are
// known), and the lab itself: each broken run is a figure goal, met once the diagnosis is right and the
// fixed run reaches the case's goal (re-checked here from the run's numbers, not from the figure's verdict).
import type { CheckResult, ExerciseBank, ExerciseSpec } from '../../lib/exercises/types.ts';
import type { Rng } from '../../engine/random.ts';
import { caseIds, cases, doubleSoftmaxFloor, type CaseId, type Outcome } from '../../components/BrokenRun/cases.ts';
import { ruleLabels } from '../../components/BrokenRun/softplus.ts';

const round = (x: number, digits = 6) => Number(x.toFixed(digits));
const code = (s: string) => '`' + s + '`';
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const pct = (v: number) => `${Math.round(v * 100)}%`;

const isNum = (v: unknown): v is number => typeof v === 'number';

/** Reads a lab figure's report: the case, the diagnosis and the run's numbers, or null if it is not one. */
function readCase(state: unknown): { case: CaseId; diagnosis: unknown; outcome: Outcome } | null {
  const s = state as { case?: unknown; diagnosis?: unknown; outcome?: Record<string, unknown> } | null;
  const o = s && typeof s === 'object' ? s.outcome : undefined;
  if (!s || typeof s.case !== 'string' || !(caseIds as readonly string[]).includes(s.case) || !o || typeof o !== 'object') return null;
  if (![o.epoch, o.trainAccuracy, o.testAccuracy, o.overlap].every(isNum) || typeof o.diverged !== 'boolean' || !o.fix || typeof o.fix !== 'object') return null;
  return { case: s.case as CaseId, diagnosis: s.diagnosis, outcome: o as unknown as Outcome };
}

/** A lab case's goal: the diagnosis checked right, and the run's numbers meeting the case's goal. */
export function caseGoal(id: CaseId, state: unknown): CheckResult {
  const r = readCase(state);
  const c = cases[id];
  if (!r || r.case !== id) return { status: 'invalid', score: 0, feedback: 'The figure has not reported a run yet: press Train and check again.' };
  const o = r.outcome;
  const met = o.epoch > 0 && o.epoch <= c.budget && c.met(o);
  const right = r.diagnosis === 'right';
  const where = `After ${o.epoch} epochs the test accuracy is ${pct(o.testAccuracy)}${o.diverged ? ' and the run has diverged' : ''}`;
  if (met && right) return { status: 'correct', score: 1, feedback: `${where}: the goal is met, and the diagnosis is right.` };
  if (met) return { status: 'partial', score: 0.5, feedback: `${where}: the goal is met. Now name the fault in the figure and check the diagnosis: a fix you cannot explain will not carry to the next run.` };
  if (right) return { status: 'partial', score: 0.5, feedback: `The diagnosis is right. ${where}, which does not meet the goal yet: ${c.goal}` };
  return { status: 'wrong', score: 0, feedback: `${where}. Read the symptoms, check a diagnosis in the figure, and change one setting at a time.` };
}

const caseExercise = (id: CaseId, n: number): ExerciseSpec => {
  const c = cases[id];
  const fix = Object.entries(c.solution)
    .map(([k, v]) => `${k} = ${typeof v === 'string' && k === 'backward' ? ruleLabels[v as keyof typeof ruleLabels] : String(v)}`)
    .join(', ');
  return {
    id: `case-${id}`,
    version: 1,
    kind: 'widget',
    widget: 'BrokenRun',
    widgetProps: { fault: id, n },
    title: `Lab case ${n}: ${c.title.toLowerCase()}`,
    prompt: () => `Train the run in the figure, read its symptoms, and check a diagnosis there. Then change the settings until the goal is met (${c.goal.replace(/\.$/, '').replace(/^./, (ch) => ch.toLowerCase())}), and check here.`,
    check: (_p, state) => caseGoal(id, state),
    hints: [
      () => 'Train for a few epochs and read the table before changing anything: which layer\'s gradient is odd, what the data panel says, how the loss at initialisation compares with ln K.',
      () => `Each wrong diagnosis, once checked, says what you would see if it were the fault. The controls to try: ${c.controls.join(', ')}.`,
    ],
    solution: () => `${c.explanation}\n\nOne fix that reaches the goal: set ${fix} and train again.`,
  };
};

const bank: ExerciseBank = {
  id: '11-debugging',
  title: 'Debugging training',
  exercises: [
    {
      id: 'initial-loss',
      version: 1,
      kind: 'numeric',
      title: 'The loss a network should start from',
      params: (rng) => ({ K: pick(rng, [3, 5, 10, 26, 100, 1000]) }),
      prompt: ({ K }) =>
        String.raw`A classifier over $K = ${K}$ balanced classes is trained with the cross-entropy loss. Its last layer starts with small weights, so at initialisation it gives every class about the same probability. What average loss $\mathcal{L}$ should the first batch show? (Three decimals.)`,
      answer: ({ K }) => Math.log(K),
      tolerance: { abs: 2e-3 },
      hints: [
        () => String.raw`Every class gets probability $1/K$, including the right one.`,
        ({ K }) => String.raw`The loss of one example is $-\ln \hat{y}_{\text{right}} = -\ln(1/${K})$.`,
      ],
      solution: ({ K }) =>
        String.raw`With every probability equal to $1/${K}$, each example's loss is $-\ln(1/${K}) = \ln ${K} \approx ${round(Math.log(K), 3)}$, and so is the average. A first loss far above this means the network starts confident and wrong (logits too large: a bad initialisation, unscaled inputs); far below it, the labels may be leaking into the inputs. Karpathy (2019) makes this his first check.`,
    },
    {
      id: 'softmax-floor',
      version: 1,
      kind: 'numeric',
      title: 'The floor a second softmax sets',
      params: (rng) => ({ K: pick(rng, [2, 3, 4, 10]) }),
      prompt: ({ K }) =>
        String.raw`A network over $K = ${K}$ classes ends in a softmax layer, and its outputs $\mathbf{p}$ (probabilities) are passed to a cross-entropy loss that applies its own softmax, $\mathcal{L} = -\ln \operatorname{softmax}(\mathbf{p})_y$. What is the lowest loss this can ever reach, even with a network that outputs $\mathbf{p}$ one-hot on the right class? (Three decimals.)`,
      answer: ({ K }) => doubleSoftmaxFloor(K).loss,
      tolerance: { abs: 2e-3 },
      hints: [
        () => String.raw`The best the network can do is $\mathbf{p} = (1, 0, \dots, 0)$ with the right class first.`,
        ({ K }) => String.raw`Then the loss's softmax gives the right class $e^1 / (e^1 + ${K - 1} e^0)$.`,
      ],
      solution: ({ K }) => {
        const { p, loss } = doubleSoftmaxFloor(K);
        return String.raw`At best $\mathbf{p}$ is one-hot: the loss's softmax then gives the right class $\dfrac{e}{e + ${K - 1}} \approx ${round(p, 4)}$, so

$$
\mathcal{L} \ge -\ln \frac{e}{e + ${K - 1}} \approx ${round(loss, 3)}.
$$

The loss at initialisation is still close to $\ln ${K}$, so that check does not catch this bug; the floor does.`;
      },
    },
    {
      id: 'symptom-to-fault',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'Which symptom points where',
      prompt: () => 'Which of these readings are correct? Select every one.',
      choices: () => [
        { text: 'Gradient norms that fall by a factor of about 10 per layer towards the input, none exactly zero, point at vanishing gradients.', correct: true, why: 'A product of small slopes shrinks the gradient geometrically with depth.' },
        { text: 'A layer whose gradient is exactly 0 while the loss is far from its minimum points at dead ReLU units.', correct: true, why: 'Only a slope of exactly 0 on every input gives exactly 0; small slopes give small numbers.' },
        { text: 'An update-to-weight ratio near 1e-6 with healthy gradients points at a learning rate far too low.', correct: true, why: 'The ratio is η times the gradient over the weight: healthy gradients and a tiny ratio leave only η.' },
        { text: 'A training loss that reaches 0 proves the model and the pipeline are right.', correct: false, why: 'Shuffled labels can be fitted to zero loss too (memorisation); only the test set says anything about generalisation.' },
        { text: 'A test accuracy that matches the training accuracy on noisy data is a sign of a healthy model.', correct: false, why: 'On noisy data a flexible model fits training points better than new ones; identical curves suggest the test set is in the training set.' },
        { text: 'If the loss at initialisation equals ln K, the output layer and the loss are wired correctly.', correct: false, why: 'A softmax before the loss gives ln K at initialisation too; its tell is the floor the loss cannot pass.' },
      ],
      hints: [
        () => 'Ask of each symptom: what else could produce it?',
        () => 'Three of the six are correct.',
      ],
      solution: () =>
        'The first three are correct: geometric shrinking with depth is vanishing, exact zeros are dead units, and a tiny update ratio with healthy gradients leaves only the learning rate. The last three are false: zero training loss is compatible with random labels, matching curves on noisy data suggest leakage, and a double softmax passes the initial-loss check.',
    },
    {
      id: 'numeric-gradient',
      version: 1,
      kind: 'code',
      title: 'A gradient check of your own',
      params: (rng) => ({ seed: 1 + rng.int(1000) }),
      prompt: () =>
        String.raw`Write ${code('numericGradient(f, x)')}: given a function ${code('f')} from an array of numbers to one number, and a point ${code('x')} (an array), return the array of partial derivatives $\partial f / \partial x_i$ estimated by central differences, $\big(f(\mathbf{x} + h\mathbf{e}_i) - f(\mathbf{x} - h\mathbf{e}_i)\big) / 2h$ with $h = 10^{-5}$. Leave ${code('x')} as it was. The hidden checks compare your estimates with exact gradients of several functions, to a relative error of $10^{-6}$.`,
      starter: () => `// f: number[] -> number; x: number[]. Return [df/dx_0, df/dx_1, ...].
function numericGradient(f, x) {
  const h = 1e-5;
  const fx = f(x);
  return x.map((_, i) => {
    const up = x.slice();
    up[i] += h;
    return (f(up) - fx) / h;   // a forward difference: fix this
  });
}

print(numericGradient((v) => v[0] * v[0] + 3 * v[1], [2, 5]));   // about [4, 3]`,
      checkCode: ({ seed }) => `
(() => {
  if (typeof numericGradient !== 'function') { __report(0, 'There is no function called numericGradient.'); return; }
  const r = rng(${seed});
  const fns = [
    { f: (v) => v[0] ** 3 + v[0] * v[1] ** 2, g: (v) => [3 * v[0] ** 2 + v[1] ** 2, 2 * v[0] * v[1]] },
    { f: (v) => Math.exp(v[0]) * Math.sin(v[1]) + v[2] ** 4, g: (v) => [Math.exp(v[0]) * Math.sin(v[1]), Math.exp(v[0]) * Math.cos(v[1]), 4 * v[2] ** 3] },
    { f: (v) => Math.log(1 + Math.exp(v[0])) * v[1], g: (v) => [v[1] / (1 + Math.exp(-v[0])), Math.log(1 + Math.exp(v[0]))] },
  ];
  for (const { f, g } of fns) {
    for (let t = 0; t < 3; t++) {
      const x = Array.from({ length: g([0, 0, 0]).length }, () => r.uniform(-1.5, 1.5));
      const before = x.slice();
      const got = numericGradient(f, x);
      if (!Array.isArray(got) || got.length !== x.length || got.some((v) => typeof v !== 'number' || !Number.isFinite(v))) { __report(0, 'numericGradient must return an array of ' + x.length + ' finite numbers for a point of ' + x.length + ' numbers.'); return; }
      if (x.some((v, i) => v !== before[i])) { __report(0.5, 'The estimates may be right, but x was changed: copy it (x.slice()) before nudging an entry.'); return; }
      const want = g(x);
      for (let i = 0; i < x.length; i++) {
        const err = Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i]));
        if (err > 1e-6) { __report(0, 'At x = [' + x.map((v) => v.toFixed(3)).join(', ') + '] entry ' + i + ' is ' + got[i].toFixed(8) + ' where the exact derivative is ' + want[i].toFixed(8) + ' (relative error ' + err.toExponential(1) + '): a forward difference is only accurate to about h; a central one to about h squared.'); return; }
      }
    }
  }
  __report(1, 'Your central differences match the exact gradients of all three functions to 1e-6 at nine random points, and leave x unchanged.');
})();`,
      hints: [
        () => String.raw`Nudge entry $i$ both ways: $f$ at $\mathbf{x} + h\mathbf{e}_i$ and at $\mathbf{x} - h\mathbf{e}_i$, on copies of ${code('x')}.`,
        () => String.raw`The forward difference's error is about $\tfrac{h}{2} f''$, around $10^{-5}$ here; the central difference's is about $\tfrac{h^2}{6} f'''$, around $10^{-10}$.`,
      ],
      solution: () =>
        String.raw`Central differences, on copies of ${code('x')}:

${'```'}js
function numericGradient(f, x) {
  const h = 1e-5;
  return x.map((_, i) => {
    const up = x.slice(), down = x.slice();
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}
${'```'}

The error of the forward difference is about $\tfrac{h}{2} f''(x)$, too large for a check at $10^{-6}$; the central difference cancels that term and leaves about $\tfrac{h^2}{6} f'''(x)$. This is what the engine's ${code('gradCheck')} does, in float64, for every element of every input.`,
    },
    ...caseIds.map((id, i) => caseExercise(id, i + 1)),
  ],
};

export default bank;
