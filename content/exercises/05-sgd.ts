// Exercises for chapter 5: the stable learning rate of a quadratic, two momentum steps, what the batch size
// changes, two Adam steps by hand, the Robbins–Monro conditions, momentum in the LossLandscape ravine, and
// an Adam step in code checked against optim.Adam.
import type { CheckResult, ExerciseBank } from '../../lib/exercises/types.ts';
import type { Rng } from '../../engine/random.ts';

const round = (x: number, digits = 6) => Number(x.toFixed(digits));
const code = (s: string) => '`' + s + '`';
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const matrix = (m: number[][]) => String.raw`\begin{pmatrix} ${m.map((r) => r.join(' & ')).join(String.raw` \\ `)} \end{pmatrix}`;
const column = (v: number[]) => matrix(v.map((x) => [x]));
const signed = (v: number) => (v < 0 ? `(${v})` : `${v}`);

/** Two heavy-ball steps (v ← βv + g, θ ← θ − ηv, v₀ = 0) on ½(θ₁² + cθ₂²) from (1, 1). */
export function momentumTwoSteps(c: number, eta: number, beta: number) {
  let theta = [1, 1];
  let v = [0, 0];
  const path: { g: number[]; v: number[]; theta: number[] }[] = [];
  for (let t = 0; t < 2; t++) {
    const g = [theta[0], c * theta[1]];
    v = [beta * v[0] + g[0], beta * v[1] + g[1]];
    theta = [theta[0] - eta * v[0], theta[1] - eta * v[1]];
    path.push({ g, v, theta });
  }
  return path;
}

/** Two Adam steps on one parameter with the given gradients, exactly as optim.Adam computes them. */
export function adamTwoSteps(theta0: number, g1: number, g2: number, lr: number, b1 = 0.9, b2 = 0.999, eps = 1e-8) {
  let theta = theta0;
  let m = 0;
  let v = 0;
  const steps: { m: number; v: number; mHat: number; vHat: number; step: number; theta: number }[] = [];
  [g1, g2].forEach((g, i) => {
    const t = i + 1;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    const mHat = m / (1 - b1 ** t);
    const vHat = v / (1 - b2 ** t);
    const step = (lr * mHat) / (Math.sqrt(vHat) + eps);
    theta -= step;
    steps.push({ m, v, mHat, vHat, step, theta });
  });
  return steps;
}

/** Pythagorean triples (p, q, h): H = [[m + p, q], [q, m − p]] has eigenvalues m ± h. */
const triples = [
  [3, 4, 5],
  [4, 3, 5],
  [6, 8, 10],
  [8, 6, 10],
  [5, 12, 13],
  [12, 5, 13],
] as const;

const bank: ExerciseBank = {
  id: '05-sgd',
  title: 'Stochastic gradient descent and its variants',
  exercises: [
    {
      id: 'stable-rate',
      version: 1,
      kind: 'numeric',
      title: 'The largest stable learning rate',
      params: (rng) => {
        const [p, q, h] = pick(rng, triples);
        const k = 1 + rng.int(4);
        const m = h + k;
        const sign = rng.int(2) === 0 ? 1 : -1;
        return { a: m + p, b: sign * q, c: m - p, lmax: m + h, lmin: k };
      },
      prompt: ({ a, b, c }) =>
        String.raw`Gradient descent with a fixed learning rate $\eta$ minimises $\mathcal{L}(\theta) = \tfrac{1}{2}\theta^\top H \theta$ over $\theta \in \mathbb{R}^2$, with

$$
H = ${matrix([
          [a, b],
          [b, c],
        ])}.
$$

It converges to the minimum from every starting point exactly when $0 < \eta < \eta_{\max}$. What is $\eta_{\max}$? (Four decimals, or a fraction such as 2/7.)`,
      answer: ({ lmax }) => 2 / lmax,
      tolerance: { rel: 2e-3 },
      hints: [
        () => String.raw`Along each eigenvector of $H$, with eigenvalue $\lambda_i$, one step multiplies the error by $1 - \eta\lambda_i$. Every such factor must have size below 1.`,
        ({ a, b, c }) =>
          String.raw`The eigenvalues of a symmetric $2 \times 2$ matrix are $\frac{a + c}{2} \pm \sqrt{\left(\frac{a - c}{2}\right)^2 + b^2}$; here $\frac{a + c}{2} = ${(a + c) / 2}$ and the square root is $\sqrt{${((a - c) / 2) ** 2} + ${b * b}}$.`,
      ],
      solution: ({ a, b, c, lmax, lmin }) =>
        String.raw`The eigenvalues of $H$ are

$$
\lambda = \frac{${a} + ${c}}{2} \pm \sqrt{\left(\frac{${a} - ${c}}{2}\right)^2 + (${b})^2} = ${(a + c) / 2} \pm ${lmax - (a + c) / 2},
$$

so $\lambda_{\max} = ${lmax}$ and $\lambda_{\min} = ${lmin}$. Along the eigenvector of $\lambda_i$, gradient descent multiplies the error by $1 - \eta\lambda_i$ at every step, and the error shrinks from every start only if $|1 - \eta\lambda_i| < 1$ for both eigenvalues, that is $0 < \eta < 2/\lambda_i$. The steep direction decides: $\eta_{\max} = 2/\lambda_{\max} = 2/${lmax} \approx ${round(2 / lmax, 4)}$. The condition number is $\kappa = ${lmax}/${lmin}${lmin === 1 ? '' : ` = ${round(lmax / lmin, 3)}`}$; the best fixed rate, $\eta = 2/(\lambda_{\max} + \lambda_{\min}) = 2/${lmax + lmin}$, shrinks the error by the factor $(\kappa - 1)/(\kappa + 1) \approx ${round((lmax - lmin) / (lmax + lmin), 3)}$ per step.`,
    },
    {
      id: 'momentum-steps',
      version: 1,
      kind: 'vector',
      title: 'Two steps of momentum by hand',
      params: (rng) => ({ c: pick(rng, [4, 5, 10]), eta: pick(rng, [0.05, 0.1]), beta: pick(rng, [0.5, 0.9]) }),
      prompt: ({ c, eta, beta }) =>
        String.raw`Heavy-ball momentum, $\mathbf{v} \leftarrow \beta \mathbf{v} + \nabla_\theta \mathcal{L}$ and then $\theta \leftarrow \theta - \eta \mathbf{v}$, with $\mathbf{v}$ starting at zero, minimises $\mathcal{L}(\theta) = \tfrac{1}{2}(\theta_1^2 + ${c}\,\theta_2^2)$ from $\theta = (1, 1)$, with $\eta = ${eta}$ and $\beta = ${beta}$. What is $\theta$ after two steps? Type the two entries separated by a comma.`,
      answer: ({ c, eta, beta }) => momentumTwoSteps(c, eta, beta)[1].theta.map((x) => round(x, 8)),
      tolerance: { abs: 5e-4 },
      hints: [
        ({ c }) => String.raw`The gradient is $\nabla_\theta \mathcal{L} = (\theta_1, ${c}\,\theta_2)$. In the first step $\mathbf{v}$ is just the gradient at $(1, 1)$.`,
        ({ c, eta, beta }) => {
          const [s1] = momentumTwoSteps(c, eta, beta);
          return String.raw`After the first step $\theta = (${round(s1.theta[0], 6)}, ${round(s1.theta[1], 6)})$. In the second, compute the new gradient there, then $\mathbf{v} = ${beta}\,\mathbf{v} + \nabla_\theta \mathcal{L}$.`;
        },
      ],
      solution: ({ c, eta, beta }) => {
        const [s1, s2] = momentumTwoSteps(c, eta, beta);
        const r = (v: number[]) => v.map((x) => round(x, 6));
        return String.raw`Step 1: the gradient at $(1, 1)$ is $${column(r(s1.g))}$, so $\mathbf{v} = ${column(r(s1.v))}$ and $\theta = ${column([1, 1])} - ${eta} \cdot ${column(r(s1.v))} = ${column(r(s1.theta))}$.

Step 2: the gradient is $${column(r(s2.g))}$, so $\mathbf{v} = ${beta} \cdot ${column(r(s1.v))} + ${column(r(s2.g))} = ${column(r(s2.v))}$ and

$$
\theta = ${column(r(s1.theta))} - ${eta} \cdot ${column(r(s2.v))} = ${column(r(s2.theta))}.
$$

Plain gradient descent from the same point would have moved only $${eta} \cdot ${column(r(s2.g))}$; momentum adds $${eta} \cdot ${beta} \cdot ${column(r(s1.v))}$, the remembered part of the first step, so it moves further in the direction it was already going.`;
      },
    },
    {
      id: 'batch-size',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'What the batch size changes',
      prompt: () =>
        String.raw`You train with minibatch SGD on $N$ examples, drawing each batch at random, and raise the batch size from $B$ to $4B$ (still much smaller than $N$), keeping the learning rate $\eta$ and the number of epochs the same. Which statements are true? Select every one.`,
      choices: () => [
        {
          text: 'The expected value of the minibatch gradient does not change: it is the full-batch gradient either way.',
          correct: true,
          why: 'Each example is equally likely to be in the batch, so the average over the batch is an unbiased estimate for any B.',
        },
        {
          text: String.raw`The variance of the minibatch gradient falls to about a quarter, so its typical error halves.`,
          correct: true,
          why: String.raw`The variance is $\operatorname{tr}\Sigma / B$ (times $(N - B)/(N - 1)$ without replacement, close to 1 here); the typical error is its square root, so it halves.`,
        },
        {
          text: 'An epoch now has a quarter as many parameter updates.',
          correct: true,
          why: String.raw`An epoch is $N/B$ updates; with $4B$ it is $N/(4B)$.`,
        },
        {
          text: 'Training reaches the same loss after the same number of epochs, only with fewer, more accurate steps.',
          correct: false,
          why: 'With the same learning rate, four times fewer updates usually means less progress per epoch; the chapter\'s code cell shows the full-batch run far behind after 20 epochs.',
        },
        {
          text: 'The minibatch gradient now points exactly down the slope of the full training loss.',
          correct: false,
          why: 'Only the full batch (B = N) gives the exact gradient; a larger batch is a less noisy estimate, not an exact one.',
        },
        {
          text: String.raw`$\eta$ must be multiplied by 4, or training diverges.`,
          correct: false,
          why: String.raw`Less noise never makes a stable $\eta$ unstable. Scaling $\eta$ with $B$ is a heuristic for keeping the same progress per epoch, and it fails for large $\eta$: the curvature limit $2/\lambda_{\max}$ does not move.`,
        },
      ],
      hints: [
        () => 'Think of the minibatch gradient as an average of B random draws: what does averaging do to the mean, and what to the spread?',
        () => 'Three of the six statements are true.',
      ],
      solution: () =>
        String.raw`The minibatch gradient $\mathbf{g} = \frac{1}{B}\sum_{i \in \mathcal{B}} \nabla_\theta L_i$ is an average of random draws, so its expected value is the full gradient for every $B$, and its variance is the per-example variance divided by $B$ (times $(N - B)/(N - 1)$ when the batch is drawn without replacement). Four times the batch means a quarter of the variance and half the standard deviation. An epoch always processes all $N$ examples, so it has $N/B$ updates: four times fewer with $4B$. With $\eta$ unchanged, each of those updates is about as long as before, so the run usually makes less progress per epoch. No batch short of $N$ gives the exact gradient, and nothing forces $\eta$ to grow: the stability limit comes from the curvature, not from the noise.`,
    },
    {
      id: 'adam-steps',
      version: 1,
      kind: 'numeric',
      title: 'Two Adam steps by hand',
      params: (rng) => ({
        g1: pick(rng, [2, -2, 0.5, 4, -0.25]),
        g2: pick(rng, [1, -1, 0.5, 3, -2]),
        lr: pick(rng, [0.1, 0.01]),
      }),
      prompt: ({ g1, g2, lr }) =>
        String.raw`Adam, with $\eta = ${lr}$, $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\epsilon = 10^{-8}$ and bias correction, updates a single parameter that starts at $\theta = 1$. The gradient is $g_1 = ${g1}$ at the first step and $g_2 = ${g2}$ at the second. What is $\theta$ after the two steps? Give at least five significant digits.`,
      answer: ({ g1, g2, lr }) => adamTwoSteps(1, g1, g2, lr)[1].theta,
      tolerance: { rel: 2e-5, abs: 2e-6 },
      hints: [
        () => String.raw`After the first step, bias correction gives $\hat{m}_1 = g_1$ and $\hat{v}_1 = g_1^2$, so the first step is $\eta\, g_1 / (|g_1| + \epsilon)$: almost exactly $\eta$, in the direction against the gradient.`,
        ({ g1, g2 }) =>
          String.raw`At the second step $m_2 = 0.9 \cdot 0.1 \cdot (${g1}) + 0.1 \cdot (${g2})$ and $v_2 = 0.999 \cdot 0.001 \cdot (${g1})^2 + 0.001 \cdot (${g2})^2$; divide them by $1 - 0.9^2 = 0.19$ and $1 - 0.999^2 = 0.001999$.`,
      ],
      solution: ({ g1, g2, lr }) => {
        const [s1, s2] = adamTwoSteps(1, g1, g2, lr);
        return String.raw`**Step 1.** $m_1 = 0.1 \cdot ${signed(g1)} = ${round(s1.m, 6)}$ and $v_1 = 0.001 \cdot ${signed(g1)}^2 = ${round(s1.v, 8)}$. Bias correction divides by $1 - 0.9 = 0.1$ and $1 - 0.999 = 0.001$: $\hat{m}_1 = ${round(s1.mHat, 6)}$, $\hat{v}_1 = ${round(s1.vHat, 6)}$. The step is $${lr} \cdot ${round(s1.mHat, 6)} / (${round(Math.sqrt(s1.vHat), 6)} + 10^{-8}) = ${round(s1.step, 6)}$, so $\theta = ${round(s1.theta, 6)}$.

**Step 2.** $m_2 = 0.9 \cdot ${signed(round(s1.m, 6))} + 0.1 \cdot ${signed(g2)} = ${round(s2.m, 6)}$ and $v_2 = 0.999 \cdot ${round(s1.v, 8)} + 0.001 \cdot ${signed(g2)}^2 = ${round(s2.v, 8)}$. Bias correction: $\hat{m}_2 = ${round(s2.m, 6)} / 0.19 = ${round(s2.mHat, 6)}$ and $\hat{v}_2 = ${round(s2.v, 8)} / 0.001999 = ${round(s2.vHat, 6)}$. The step is $${lr} \cdot ${round(s2.mHat, 6)} / ${round(Math.sqrt(s2.vHat), 6)} = ${round(s2.step, 6)}$, so

$$
\theta = ${round(s1.theta, 6)} - ${signed(round(s2.step, 6))} = ${round(s2.theta, 6)}.
$$

Without bias correction the first step would have been $${lr} \cdot 0.1 / \sqrt{0.001} \approx ${round(lr * 3.1623, 4)}$ in size, more than three times too long.`;
      },
    },
    {
      id: 'robbins-monro',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'Schedules that let SGD converge',
      prompt: () =>
        String.raw`The Robbins–Monro conditions ask of a learning-rate schedule $\eta_t$, $t = 1, 2, 3, \dots$, that $\sum_t \eta_t = \infty$ and $\sum_t \eta_t^2 < \infty$. Which of these schedules satisfy both? ($\eta_0 > 0$ is a constant.) Select every one.`,
      choices: () => [
        { text: String.raw`Harmonic decay, $\eta_t = \eta_0 / t$`, correct: true, why: String.raw`The harmonic series diverges; $\sum 1/t^2 = \pi^2/6$ is finite.` },
        { text: String.raw`Power decay, $\eta_t = \eta_0 / t^{0.75}$`, correct: true, why: String.raw`$\sum t^{-p}$ diverges for $p \le 1$ and converges for $p > 1$: here $p = 0.75$ for the sum and $1.5$ for the sum of squares.` },
        { text: String.raw`Constant, $\eta_t = \eta_0$`, correct: false, why: String.raw`$\sum \eta_0^2 = \infty$: the noise never dies down, and SGD keeps hovering around the minimum.` },
        { text: String.raw`Inverse square root, $\eta_t = \eta_0 / \sqrt{t}$`, correct: false, why: String.raw`$\sum \eta_t^2 = \eta_0^2 \sum 1/t = \infty$; the schedule is common in online learning with averaging of the iterates, but it fails this condition.` },
        { text: String.raw`Geometric decay, $\eta_t = \eta_0 \cdot 0.99^t$`, correct: false, why: String.raw`A geometric series has a finite sum, $\sum \eta_t < 100\,\eta_0$: the steps stop before they can cover an arbitrary distance.` },
        { text: String.raw`Inverse square, $\eta_t = \eta_0 / t^2$`, correct: false, why: String.raw`$\sum 1/t^2$ is finite, so the total distance travelled is bounded.` },
      ],
      hints: [
        () => String.raw`Use the $p$-series: $\sum_t t^{-p}$ is finite exactly when $p > 1$. For a schedule $t^{-p}$, the first condition needs $p \le 1$ and the second $2p > 1$.`,
        () => 'Two of the six are right.',
      ],
      solution: () =>
        String.raw`For $\eta_t = \eta_0 t^{-p}$ the first condition, $\sum t^{-p} = \infty$, needs $p \le 1$, and the second, $\sum t^{-2p} < \infty$, needs $p > \tfrac{1}{2}$. So $p = 1$ and $p = 0.75$ qualify, while $p = 0$ (constant), $p = 0.5$ and $p = 2$ do not. A geometric decay $0.99^t$ sums to a finite total, so it fails the first condition: if the minimum is farther away than $\sum_t \eta_t$ times the gradient's size can carry you, you never get there. The first condition lets the iterates travel any distance; the second makes the accumulated noise, whose variance grows like $\sum_t \eta_t^2$, finite.`,
    },
    {
      id: 'ravine-momentum',
      version: 1,
      kind: 'widget',
      widget: 'LossLandscape',
      widgetProps: { surface: 'ravine' },
      title: 'Momentum where plain SGD diverges',
      prompt: () =>
        String.raw`On the ravine $\tfrac{1}{2}(\theta_1^2 + 25\theta_2^2)$, plain gradient descent diverges for every $\eta > 2/25 = 0.08$. Find a learning rate and a momentum $\beta$ for which, in at most 60 steps, the figure reports that SGD **diverged** while momentum reaches a loss **below** $10^{-6}$. Then check.`,
      check: (_p, state): CheckResult => {
        const s = state as {
          surface?: unknown;
          lr?: unknown;
          beta?: unknown;
          steps?: unknown;
          diverged?: Record<string, unknown>;
          finalLoss?: Record<string, unknown>;
        } | null;
        if (!s || typeof s.lr !== 'number' || typeof s.steps !== 'number' || !s.diverged || !s.finalLoss) {
          return { status: 'invalid', score: 0, feedback: 'The figure has not reported its state yet: move a slider and check again.' };
        }
        if (s.surface !== 'ravine') return { status: 'wrong', score: 0, feedback: 'Switch the surface back to the ravine.' };
        if (s.steps > 60) return { status: 'wrong', score: 0, feedback: `The figure runs ${s.steps} steps; the goal allows at most 60.` };
        if (s.diverged.sgd !== true) {
          return {
            status: 'wrong',
            score: 0,
            feedback: `At η = ${s.lr} plain SGD does not diverge within ${s.steps} steps. Raise η above 2/25 = 0.08 (the "too large" preset does), far enough that its divergence is reported.`,
          };
        }
        if (s.diverged.momentum === true) {
          const limit = typeof s.beta === 'number' ? round((2 * (1 + s.beta)) / 25, 4) : null;
          return {
            status: 'wrong',
            score: 0,
            feedback: `Momentum diverged too. With momentum the limit is η < 2(1 + β)/25${limit === null ? '' : ` = ${limit} at β = ${s.beta}`}: raise β or lower η.`,
          };
        }
        const loss = s.finalLoss.momentum;
        if (typeof loss !== 'number') return { status: 'invalid', score: 0, feedback: 'The figure has not reported momentum\'s loss yet.' };
        if (loss < 1e-6) {
          return { status: 'correct', score: 1, feedback: `At η = ${s.lr}, SGD diverges and momentum with β = ${s.beta} reaches ${loss.toExponential(1)}.` };
        }
        return {
          status: 'partial',
          score: 0.5,
          feedback: `Momentum converges but only reaches ${loss.toExponential(1)}: with β = ${s.beta} it ${typeof s.beta === 'number' && s.beta > 0.7 ? 'overshoots and spirals; try a smaller β' : 'is still slow; try a larger β'}.`,
        };
      },
      hints: [
        () => 'Press "too large" first: η = 0.09 makes SGD diverge. Now only β needs changing.',
        () => String.raw`With $\beta = 0.9$ momentum is stable but underdamped: it swings across the ravine for many steps. For a quadratic with condition number $\kappa = 25$, theory suggests $\beta = \big((\sqrt{\kappa} - 1)/(\sqrt{\kappa} + 1)\big)^2 = 4/9 \approx 0.44$.`,
      ],
      solution: () =>
        String.raw`Press "too large" ($\eta = 0.09$): plain SGD diverges after 18 steps, because along $\theta_2$ each step multiplies the error by $1 - 0.09 \cdot 25 = -1.25$. Momentum with the default $\beta = 0.9$ stays stable (its limit is $\eta < 2(1 + \beta)/25 = 0.152$) but swings back and forth, ending near $0.025$. Lower $\beta$ to about $0.5$: momentum then reaches a loss around $10^{-17}$ in 60 steps. Any $\beta$ from about 0.4 to 0.6 works here. For a quadratic whose curvatures lie between $\lambda_{\min}$ and $\lambda_{\max}$, the best heavy-ball settings are $\eta = 4/(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2 = 1/9$ and $\beta = \big((\sqrt{\kappa} - 1)/(\sqrt{\kappa} + 1)\big)^2 = 4/9$, which shrink the error by a factor of about $2/3$ per step, against $12/13$ for the best plain gradient descent.`,
    },
    {
      id: 'adam-code',
      version: 1,
      kind: 'code',
      title: 'An Adam step in code',
      params: (rng) => ({ lr: pick(rng, [0.01, 0.05, 0.1]), beta1: pick(rng, [0.9, 0.8]) }),
      prompt: ({ lr, beta1 }) =>
        String.raw`Write ${code('adamStep(theta, g, state, lr, beta1, beta2, eps)')}, one step of Adam with bias correction. ${code('theta')} and ${code('g')} are arrays of numbers of the same length (the parameters and their gradient); ${code('state')} is ${code('{ m, v, t }')}, where ${code('m')} and ${code('v')} start as arrays of zeros and ${code('t')} as 0. Update ${code('theta')}, ${code('state.m')}, ${code('state.v')} and ${code('state.t')} in place. The hidden checks run your function beside the engine's ${code('optim.Adam')} for 20 steps on random quadratics, with $\eta = ${lr}$, $\beta_1 = ${beta1}$ and other settings, and compare every parameter.`,
      starter: ({ lr, beta1 }) => `// theta, g: arrays of numbers; state: { m, v, t }, where
// m and v start as arrays of zeros and t as 0.
// Update theta, state.m, state.v and state.t in place.
function adamStep(theta, g, state, lr, beta1, beta2, eps) {
  state.t += 1;
  for (let i = 0; i < theta.length; i++) {
    theta[i] -= lr * g[i];
  }
}

// one parameter, gradient 2: Adam's first step is about lr
const th = [1];
const st = { m: [0], v: [0], t: 0 };
adamStep(th, [2], st, ${lr}, ${beta1}, 0.999, 1e-8);
print(th);   // should be close to [${round(1 - lr, 6)}]`,
      checkCode: ({ lr, beta1 }) => `
(() => {
  if (typeof adamStep !== 'function') { __report(0, 'There is no function called adamStep.'); return; }
  const cases = [
    { lr: ${lr}, beta1: ${beta1}, beta2: 0.999, eps: 1e-8, name: 'the default settings' },
    { lr: 0.05, beta1: 0.7, beta2: 0.99, eps: 1e-8, name: 'beta1 = 0.7, beta2 = 0.99' },
    { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 0.5, name: 'a large eps = 0.5' },
  ];
  const r = rng(31);
  let passed = 0;
  const problems = [];
  for (const c of cases) {
    const n = 5;
    const curv = Array.from({ length: n }, () => Math.exp(r.normal(0, 2)));
    const start = Array.from({ length: n }, () => r.normal());
    const p = tensor(start, [n], { requiresGrad: true });
    const k = tensor(curv, [n]);
    const opt = new optim.Adam([p], { lr: c.lr, betas: [c.beta1, c.beta2], eps: c.eps });
    const theta = start.slice();
    const state = { m: new Array(n).fill(0), v: new Array(n).fill(0), t: 0 };
    let worst = 0, firstBad = 0, firstStep = null;
    try {
      for (let t = 1; t <= 20; t++) {
        const engineBefore = Array.from(p.data);
        opt.zeroGrad();
        p.mul(p).mul(k).mul(0.5).sum().backward();
        opt.step();
        const g = theta.map((x, i) => curv[i] * x);
        const before = theta.slice();
        const out = adamStep(theta, g, state, c.lr, c.beta1, c.beta2, c.eps);
        if (Array.isArray(out) && out !== theta && out.length === n) for (let i = 0; i < n; i++) theta[i] = out[i];
        for (let i = 0; i < n; i++) {
          const d = Math.abs(theta[i] - p.data[i]);
          if (!(d <= 2e-4)) {
            worst = Math.max(worst, Number.isFinite(d) ? d : Infinity);
            if (!firstBad) firstBad = t;
            if (t === 1 && (!firstStep || !(d <= firstStep.d))) firstStep = { d, got: before[i] - theta[i], want: engineBefore[i] - p.data[i], g: g[i] };
          }
        }
      }
    } catch (e) {
      problems.push('adamStep threw: ' + (e && e.message ? e.message : String(e)));
      continue;
    }
    if (!firstBad) {
      if (state.t === 20) passed++;
      else problems.push('with ' + c.name + ', state.t should be 20 after 20 steps, not ' + state.t);
      continue;
    }
    if (theta.some((x) => !Number.isFinite(x))) {
      problems.push('with ' + c.name + ' theta became NaN or infinite: increase state.t before computing 1 - beta^t, and divide by sqrt(vhat) + eps');
    } else if (firstBad === 1 && firstStep) {
      const noCorrection = c.lr * (1 - c.beta1) * firstStep.g / (Math.sqrt(1 - c.beta2) * Math.abs(firstStep.g) + c.eps);
      const says = 'with ' + c.name + ' a first step was ' + firstStep.got.toPrecision(4) + ' where optim.Adam took ' + firstStep.want.toPrecision(4);
      if (Math.abs(firstStep.got - noCorrection) < 1e-6 * Math.max(1, Math.abs(noCorrection))) problems.push(says + ': the bias correction is missing');
      else problems.push(says);
    } else {
      problems.push('with ' + c.name + ' your parameters first differ from optim.Adam at step ' + firstBad + ' (by up to ' + worst.toExponential(1) + ')');
    }
  }
  if (problems.length === 0) __report(1, 'Your Adam matches optim.Adam step for step, with bias correction and eps where they belong.');
  else __report(passed / cases.length, 'Still to fix: ' + problems.join('; ') + '.');
})();`,
      hints: [
        () => String.raw`Per entry $i$: $m_i \leftarrow \beta_1 m_i + (1 - \beta_1) g_i$ and $v_i \leftarrow \beta_2 v_i + (1 - \beta_2) g_i^2$. Increase ${code('state.t')} once per call, before the loop.`,
        () => String.raw`Then $\hat{m}_i = m_i / (1 - \beta_1^t)$, $\hat{v}_i = v_i / (1 - \beta_2^t)$, and $\theta_i \leftarrow \theta_i - \eta\, \hat{m}_i / (\sqrt{\hat{v}_i} + \epsilon)$. Note where $\epsilon$ goes: outside the square root.`,
      ],
      solution: () =>
        String.raw`One increment of the step counter, then the two running averages, the bias correction and the update, entry by entry:

${'```'}js
function adamStep(theta, g, state, lr, beta1, beta2, eps) {
  state.t += 1;
  const c1 = 1 - beta1 ** state.t;
  const c2 = 1 - beta2 ** state.t;
  for (let i = 0; i < theta.length; i++) {
    state.m[i] = beta1 * state.m[i] + (1 - beta1) * g[i];
    state.v[i] = beta2 * state.v[i] + (1 - beta2) * g[i] * g[i];
    const mHat = state.m[i] / c1;
    const vHat = state.v[i] / c2;
    theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
  }
}
${'```'}

The usual slips each show up in one of the checks: forgetting the bias correction makes the first step about $(1 - \beta_1)/\sqrt{1 - \beta_2} \approx 3.2$ times too long; putting $\epsilon$ inside the square root changes nothing visible at $\epsilon = 10^{-8}$ but a lot at $\epsilon = 0.5$; hard-coding 0.9 and 0.999 fails the case with other betas.`,
    },
    {
      id: 'heavy-ball-region',
      version: 1,
      kind: 'numeric',
      title: "Think harder: the heavy ball's stability region",
      params: (rng) => ({ lambda: pick(rng, [4, 5, 10, 20, 25, 50]), beta: pick(rng, [0.5, 0.8, 0.9, 0.95]) }),
      prompt: ({ lambda, beta }) =>
        String.raw`Gradient descent with heavy-ball momentum $\beta = ${beta}$ runs on the quadratic $\mathcal{L}(\theta) = \tfrac{1}{2} \cdot ${lambda}\, \theta^2$. The error obeys $c_{t+1} = (1 + \beta - \eta\lambda)\, c_t - \beta\, c_{t-1}$. What is the largest learning rate $\eta$ for which it converges from every start (the supremum of the stable rates)?`,
      answer: ({ lambda, beta }) => (2 * (1 + beta)) / lambda,
      tolerance: { rel: 1e-3 },
      hints: [
        () => String.raw`The recurrence converges when both roots of $r^2 - (1 + \beta - \eta\lambda)\, r + \beta = 0$ have size below $1$. Their product is $\beta < 1$, so the danger is a real root leaving through $r = -1$.`,
        () => String.raw`Put $r = -1$ into the characteristic polynomial: $1 + (1 + \beta - \eta\lambda) + \beta = 0$. Solve for $\eta$.`,
      ],
      solution: ({ lambda, beta }) =>
        String.raw`The characteristic polynomial is $r^2 - (1 + \beta - \eta\lambda)\,r + \beta$. Complex roots have size $\sqrt{\beta} < 1$, so they always converge; real roots stay inside $(-1, 1)$ as long as the polynomial is positive at $r = \pm 1$. At $r = 1$ it is $\eta\lambda > 0$; at $r = -1$ it is $2(1 + \beta) - \eta\lambda$, positive exactly when

$$
\eta < \frac{2(1 + \beta)}{\lambda} = \frac{2 \cdot ${1 + beta}}{${lambda}} = ${round((2 * (1 + beta)) / lambda, 6)}.
$$

Plain gradient descent ($\beta = 0$) needs $\eta < 2/\lambda = ${round(2 / lambda, 6)}$: momentum widens the stable range by the factor $1 + \beta = ${1 + beta}$.`,
    },
  ],
};

export default bank;
