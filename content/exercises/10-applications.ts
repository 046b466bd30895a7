// Exercises for chapter 10: a screening test's 2×2 table per 10,000 people, its PPV by Bayes' rule, the
// prevalence at which a positive becomes a coin toss, what ROC and precision-recall curves say, the rates of
// a confusion matrix in code, which splits leak, a threshold goal in the ScreeningTest figure, and one in the
// SpamFilter figure.
import type { CheckResult, ExerciseBank } from '../../lib/exercises/types.ts';
import type { Rng } from '../../engine/random.ts';

const round = (x: number, digits = 6) => Number(x.toFixed(digits));
const code = (s: string) => '`' + s + '`';
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const pct = (x: number, digits = 1) => `${round(100 * x, digits)}\\%`;
const grouped = (n: number) => n.toLocaleString('en-US').replace(/,/g, '{,}');

/** A screening test's counts per `per` people: the ill and the well rounded first, then each split. */
export function tablePer(prevalence: number, sens: number, spec: number, per = 10_000) {
  const ill = Math.round(per * prevalence);
  const well = per - ill;
  const tp = Math.round(ill * sens);
  const fp = Math.round(well * (1 - spec));
  return { tp, fn: ill - tp, fp, tn: well - fp };
}

/** PPV by Bayes' rule: sens·p / (sens·p + (1 − spec)(1 − p)). */
export const ppv = (p: number, sens: number, spec: number) => (sens * p) / (sens * p + (1 - spec) * (1 - p));

/** The prevalence at which PPV = 1/2: sens·p = (1 − spec)(1 − p), so p = (1 − spec) / (sens + 1 − spec). */
export const breakEven = (sens: number, spec: number) => (1 - spec) / (sens + 1 - spec);

/** The figures the screening variants draw from: prevalence per 1,000, sensitivity, specificity. */
const tests = [
  { per1000: 5, sens: 0.87, spec: 0.89 },
  { per1000: 6, sens: 0.8, spec: 0.95 },
  { per1000: 10, sens: 0.9, spec: 0.9 },
  { per1000: 2, sens: 0.95, spec: 0.98 },
  { per1000: 20, sens: 0.75, spec: 0.97 },
] as const;

/** The ScreeningTest goal: at the BCSC prevalence and separation, a threshold with PPV ≥ 10% and sensitivity ≥ 65%. */
export function screeningGoal(state: unknown): CheckResult {
  const s = state as { per1000?: unknown; separation?: unknown; threshold?: unknown; sensitivity?: unknown; ppv?: unknown } | null;
  if (!s || typeof s.per1000 !== 'number' || typeof s.separation !== 'number' || typeof s.sensitivity !== 'number' || typeof s.ppv !== 'number' || typeof s.threshold !== 'number') {
    return { status: 'invalid', score: 0, feedback: 'The figure has not reported its state yet: move a slider and check again.' };
  }
  if (Math.abs(s.per1000 - 5.9) > 0.05 || Math.abs(s.separation - 2.34) > 0.015) {
    return { status: 'wrong', score: 0, feedback: `The prevalence is ${+s.per1000.toPrecision(3)} per 1,000 and the separation ${s.separation.toFixed(2)}: the goal keeps the US figures (5.9 per 1,000, d = 2.34) and moves only the threshold. Press Reset and try again.` };
  }
  const at = `At c = ${s.threshold.toFixed(2)} the PPV is ${(100 * s.ppv).toFixed(1)}% and the sensitivity ${(100 * s.sensitivity).toFixed(1)}%`;
  if (s.ppv >= 0.1 && s.sensitivity >= 0.65) return { status: 'correct', score: 1, feedback: `${at}: one positive in ten is a cancer, and about two cancers in three are still found.` };
  if (s.ppv < 0.1) return { status: 'wrong', score: 0, feedback: `${at}: still too many false alarms. Move the threshold to the right.` };
  return { status: 'partial', score: 0.5, feedback: `${at}: the PPV is high enough, but too many cancers are now missed. Move the threshold back to the left.` };
}

/** The SpamFilter goal: logistic regression, trained, flags at most 2 legitimate held-out messages and catches at least 300 spams. */
export function spamGoal(state: unknown): CheckResult {
  const s = state as { threshold?: unknown; logistic?: { tp?: unknown; fp?: unknown; fn?: unknown; tn?: unknown } | null } | null;
  if (!s || typeof s.threshold !== 'number') return { status: 'invalid', score: 0, feedback: 'The figure has not reported its state yet: move the threshold and check again.' };
  const c = s.logistic;
  if (!c || typeof c.tp !== 'number' || typeof c.fp !== 'number' || typeof c.fn !== 'number' || typeof c.tn !== 'number') {
    return { status: 'invalid', score: 0, feedback: 'Logistic regression has not been measured yet: press Train, let it finish, then check.' };
  }
  const at = `At the threshold ${s.threshold.toFixed(2)} logistic regression flags ${c.fp} of the ${c.fp + c.tn} legitimate messages and catches ${c.tp} of the ${c.tp + c.fn} spams`;
  if (c.fp <= 2 && c.tp >= 300) return { status: 'correct', score: 1, feedback: `${at}: at most 2 hams lost, and most spam still caught.` };
  if (c.fp > 2) return { status: 'wrong', score: 0, feedback: `${at}: too many legitimate messages would be hidden. Raise the threshold.` };
  return { status: 'partial', score: 0.5, feedback: `${at}: few hams are flagged, but too much spam gets through. Lower the threshold a little.` };
}

const bank: ExerciseBank = {
  id: '10-applications',
  title: 'Applications',
  exercises: [
    {
      id: 'confusion-counts',
      version: 1,
      kind: 'vector',
      title: 'A screening test per 10,000 people',
      params: (rng) => pick(rng, tests),
      prompt: ({ per1000, sens, spec }) =>
        String.raw`A disease affects ${per1000} in every $1{,}000$ people screened. The screening test has sensitivity $${pct(sens, 0)}$ and specificity $${pct(spec, 0)}$. Of $10{,}000$ people screened, how many are true positives, false negatives, false positives and true negatives? Give the four counts in that order, separated by commas, each rounded to a whole person.`,
      answer: ({ per1000, sens, spec }) => {
        const c = tablePer(per1000 / 1000, sens, spec);
        return [c.tp, c.fn, c.fp, c.tn];
      },
      tolerance: { abs: 1.01 },
      hints: [
        ({ per1000 }) => String.raw`First split the $10{,}000$ into the ill, $${10 * per1000}$, and the well, $${grouped(10_000 - 10 * per1000)}$.`,
        () => String.raw`Sensitivity splits the ill row into found and missed; specificity splits the well row into cleared and falsely flagged.`,
      ],
      solution: ({ per1000, sens, spec }) => {
        const c = tablePer(per1000 / 1000, sens, spec);
        const ill = c.tp + c.fn;
        const well = c.fp + c.tn;
        return String.raw`$10{,}000 \times ${per1000}/1{,}000 = ${ill}$ people are ill and $${grouped(well)}$ are not.

Of the ill, the test finds $${ill} \times ${sens} \approx ${c.tp}$ (true positives) and misses $${c.fn}$ (false negatives). Of the well, it clears $${grouped(well)} \times ${spec} \approx ${grouped(c.tn)}$ (true negatives) and flags the other $${grouped(c.fp)}$ (false positives).

So the table is $${c.tp}, ${c.fn}, ${grouped(c.fp)}, ${grouped(c.tn)}$: ${c.fp > c.tp ? `the false positives outnumber the true ones ${round(c.fp / c.tp, 1)} to one` : 'the true positives outnumber the false ones'}.`;
      },
    },
    {
      id: 'ppv-bayes',
      version: 1,
      kind: 'numeric',
      title: "The PPV by Bayes' rule",
      params: (rng) => pick(rng, tests),
      prompt: ({ per1000, sens, spec }) =>
        String.raw`A test with sensitivity $${pct(sens, 0)}$ and specificity $${pct(spec, 0)}$ is used where ${per1000} in $1{,}000$ people have the disease. A person tests positive. What is the probability that they have the disease (the PPV)? Give a number between $0$ and $1$, to three significant figures.`,
      answer: ({ per1000, sens, spec }) => ppv(per1000 / 1000, sens, spec),
      tolerance: { rel: 5e-3 },
      hints: [
        () => String.raw`$\text{PPV} = \dfrac{\text{sens}\cdot p}{\text{sens}\cdot p + (1 - \text{spec})(1 - p)}$, with $p$ the prevalence as a fraction.`,
        ({ per1000, sens, spec }) => String.raw`The true positives' share is $${sens} \times ${per1000 / 1000} = ${round((sens * per1000) / 1000, 6)}$; the false positives' share is $${round(1 - spec, 4)} \times ${round(1 - per1000 / 1000, 4)}$.`,
      ],
      solution: ({ per1000, sens, spec }) => {
        const p = per1000 / 1000;
        const a = sens * p;
        const b = (1 - spec) * (1 - p);
        return String.raw`With $p = ${p}$:

$$
\text{PPV} = \frac{${sens} \times ${p}}{${sens} \times ${p} + ${round(1 - spec, 4)} \times ${round(1 - p, 4)}} = \frac{${round(a, 6)}}{${round(a, 6)} + ${round(b, 6)}} \approx ${round(ppv(p, sens, spec), 4)}.
$$

${ppv(p, sens, spec) < 0.5 ? 'Most positives are false: the healthy are so many more than the ill that even a small false-positive rate among them outnumbers the true positives.' : 'More than half the positives are real here, because the test is very specific for this prevalence.'}`;
      },
    },
    {
      id: 'break-even-prevalence',
      version: 1,
      kind: 'numeric',
      title: 'When a positive becomes a coin toss',
      params: (rng) => pick(rng, tests),
      prompt: ({ sens, spec }) =>
        String.raw`A test has sensitivity $${pct(sens, 0)}$ and specificity $${pct(spec, 0)}$. At what prevalence $p$ is a positive result exactly as likely to be right as wrong, that is, the PPV is $1/2$? Give $p$ as a fraction between $0$ and $1$, to three significant figures.`,
      answer: ({ sens, spec }) => breakEven(sens, spec),
      tolerance: { rel: 5e-3 },
      hints: [
        () => String.raw`A PPV of $1/2$ means true positives and false positives are equally common: $\text{sens}\cdot p = (1 - \text{spec})(1 - p)$.`,
        () => String.raw`Collect the terms in $p$: $p\,(\text{sens} + 1 - \text{spec}) = 1 - \text{spec}$.`,
      ],
      solution: ({ sens, spec }) => {
        const p = breakEven(sens, spec);
        return String.raw`Setting the true positives' share equal to the false positives' share, $\text{sens}\cdot p = (1 - \text{spec})(1 - p)$, and solving:

$$
p = \frac{1 - \text{spec}}{\text{sens} + 1 - \text{spec}} = \frac{${round(1 - spec, 4)}}{${sens} + ${round(1 - spec, 4)}} \approx ${round(p, 4)},
$$

about ${round(1000 * p, 1)} in $1{,}000$. Below this prevalence most positives are false; it is why a test that works in a clinic, where many of those tested are ill, can mislead in screening.`;
      },
    },
    {
      id: 'curve-claims',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'What ROC and precision-recall curves say',
      prompt: () => String.raw`A classifier's scores are evaluated on a test set. Which statements are true? Select every one.`,
      choices: () => [
        {
          text: 'The area under the ROC curve is the probability that a randomly chosen positive scores higher than a randomly chosen negative (ties counting one half).',
          correct: true,
          why: 'That is the Mann–Whitney rank statistic; the trapezoid area under the ROC curve equals it exactly.',
        },
        {
          text: 'If positives become ten times rarer but the scores of each class keep their distributions, the ROC curve does not change.',
          correct: true,
          why: 'Each axis is a rate within one class (true positive rate among positives, false positive rate among negatives), so class sizes do not enter.',
        },
        {
          text: 'If positives become ten times rarer, the precision-recall curve does not change either.',
          correct: false,
          why: 'Precision mixes the classes: with fewer positives, each threshold flags the same share of negatives and fewer positives, so precision falls at every recall.',
        },
        {
          text: 'Of two models, the one with the higher AUC has the higher sensitivity at every specificity.',
          correct: false,
          why: 'ROC curves can cross: a higher area can come from a part of the curve you will never use.',
        },
        {
          text: 'When a missed positive costs nine times as much as a false alarm, and the scores are calibrated probabilities, the threshold that minimises expected cost is 0.1.',
          correct: true,
          why: String.raw`The threshold is $C_{FP}/(C_{FP} + C_{FN}) = 1/(1 + 9) = 0.1$.`,
        },
        {
          text: 'A model with 99% accuracy is useful for a condition with 1% prevalence.',
          correct: false,
          why: 'Saying "no" to everyone also scores 99%. Nothing follows until you know its sensitivity and PPV.',
        },
      ],
      hints: [
        () => 'Ask of each rate: is it computed within one class (a row of the confusion matrix) or across both (a column)?',
        () => 'Three of the six are true.',
      ],
      solution: () =>
        String.raw`The first, second and fifth are true. The ROC curve's axes are rates within one class, so a change of prevalence leaves it alone and its area is a ranking probability; precision is a rate within the flagged column, so the precision-recall curve drops when positives become rarer. Areas summarise whole curves, which can cross, so a higher AUC does not mean better at your operating point. With calibrated probabilities, flag when $\hat{y}\,C_{FN} \geq (1 - \hat{y})\,C_{FP}$, that is $\hat{y} \geq C_{FP}/(C_{FP} + C_{FN}) = 0.1$. And 99% accuracy at 1% prevalence is what "always say no" scores.`,
    },
    {
      id: 'rates-code',
      version: 1,
      kind: 'code',
      title: 'Precision, recall and PPV from a confusion matrix',
      params: (rng) => ({ seed: 1 + rng.int(1000) }),
      prompt: () =>
        String.raw`Write ${code('rates(tp, fp, fn, tn)')}, which returns ${code('{ precision, recall, specificity, npv, accuracy }')} for a confusion matrix with ${code('tp')} true positives, ${code('fp')} false positives, ${code('fn')} false negatives and ${code('tn')} true negatives. Precision is the PPV. A rate whose denominator is zero has no value: return ${code('0 / 0')} (not a number) for it, not $0$ or $1$. The hidden checks compare your function with hand-computed tables, try empty rows and columns, and check that PPV from your rates agrees with Bayes' rule.`,
      starter: () => `// Rates from a confusion matrix. Two of these are wrong, and 0/0 is not handled.
function rates(tp, fp, fn, tn) {
  return {
    precision: tp / (tp + fn),
    recall: tp / (tp + fp),
    specificity: tn / (tn + fp),
    npv: tn / (tn + fn),
    accuracy: (tp + tn) / (tp + fp + fn + tn),
  };
}

// 100 e-mails: 40 spam, 30 of them flagged; 60 legitimate, 6 of them flagged.
print(rates(30, 6, 10, 54));`,
      checkCode: ({ seed }) => `
(() => {
  if (typeof rates !== 'function') { __report(0, 'There is no function called rates.'); return; }
  const keys = ['precision', 'recall', 'specificity', 'npv', 'accuracy'];
  const want = (tp, fp, fn, tn) => {
    const q = (a, b) => (b === 0 ? NaN : a / b);
    return { precision: q(tp, tp + fp), recall: q(tp, tp + fn), specificity: q(tn, tn + fp), npv: q(tn, tn + fn), accuracy: q(tp + tn, tp + fp + fn + tn) };
  };
  const same = (a, b) => (Number.isNaN(b) ? Number.isNaN(a) : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
  const r = rng(${seed});
  const cases = [[30, 6, 10, 54], [51, 1103, 8, 8838], [0, 0, 5, 95], [7, 0, 0, 0], [0, 3, 0, 9]];
  for (let i = 0; i < 20; i++) cases.push([r.int(50), r.int(500), r.int(50), r.int(5000)]);
  for (const [tp, fp, fn, tn] of cases) {
    const got = rates(tp, fp, fn, tn);
    if (!got || typeof got !== 'object') { __report(0, 'rates must return an object with precision, recall, specificity, npv and accuracy.'); return; }
    const w = want(tp, fp, fn, tn);
    for (const k of keys) {
      if (typeof got[k] !== 'number') { __report(0, 'rates(' + [tp, fp, fn, tn] + ') has no number called ' + k + '.'); return; }
      if (!same(got[k], w[k])) {
        const zero = Number.isNaN(w[k]);
        const swapped = (k === 'precision' && same(got[k], w.recall)) || (k === 'recall' && same(got[k], w.precision));
        const note = zero ? k + ' has a zero denominator here and should be NaN, not ' + got[k] : swapped ? k + ' is computed as ' + (k === 'precision' ? 'recall' : 'precision') + ': precision divides by everything flagged (TP + FP), recall by every actual positive (TP + FN)' : k + ' is ' + got[k] + ' where the table gives ' + w[k];
        __report(zero ? 0.5 : 0, 'For tp=' + tp + ', fp=' + fp + ', fn=' + fn + ', tn=' + tn + ': ' + note + '.');
        return;
      }
    }
  }
  // Bayes: a population of 100,000 at prevalence 0.006 with sensitivity 0.87, specificity 0.89.
  const ill = 600, well = 99400, tp = 522, fn = ill - tp, tn = 88466, fp = well - tn;
  const bayes = (0.87 * 0.006) / (0.87 * 0.006 + 0.11 * 0.994);
  if (Math.abs(rates(tp, fp, fn, tn).precision - bayes) > 1e-4) { __report(0.5, 'Your precision on the expected screening counts does not agree with Bayes\\' rule.'); return; }
  __report(1, 'Your rates match the hand-computed tables, return NaN where a denominator is zero, and the PPV of the expected screening counts agrees with Bayes\\' rule (' + bayes.toFixed(4) + ').');
})();`,
      hints: [
        () => 'Precision (PPV) looks down the "flagged" column: TP / (TP + FP). Recall (sensitivity) looks along the "actually positive" row: TP / (TP + FN).',
        () => 'A small helper, const q = (a, b) => (b === 0 ? 0 / 0 : a / b), handles every zero denominator at once.',
      ],
      solution: () =>
        String.raw`Precision divides the true positives by everything flagged, recall by every actual positive; the starter had them swapped. A helper returns ${code('0 / 0')}, not a number, for a zero denominator:

${'```'}js
function rates(tp, fp, fn, tn) {
  const q = (a, b) => (b === 0 ? 0 / 0 : a / b);
  return {
    precision: q(tp, tp + fp),
    recall: q(tp, tp + fn),
    specificity: q(tn, tn + fp),
    npv: q(tn, tn + fn),
    accuracy: q(tp + tn, tp + fp + fn + tn),
  };
}
${'```'}

On the e-mail table, precision is $30/36 \approx 0.833$, recall $30/40 = 0.75$, specificity $54/60 = 0.9$, NPV $54/64 \approx 0.844$ and accuracy $0.84$. A classifier that flags nothing has no precision at all, which a result that is not a number says and $0$ or $1$ would hide.`,
    },
    {
      id: 'split-leaks',
      version: 1,
      kind: 'choice',
      multiple: true,
      title: 'Splits that leak',
      prompt: () =>
        String.raw`You are building a classifier that will be used on next year's data. Which of these ways of making the test set let information from training into the test, so that the test score overstates what you will see in use? Select every one.`,
      choices: () => [
        { text: 'Mammograms are split at random by image, and most women have four images (two views of each breast).', correct: true, why: 'The same woman, and often the same lesion, is then in both sets: the model is tested partly on what it memorised.' },
        { text: 'The threshold is chosen to maximise the F1 score on the test set, and the test set F1 is reported.', correct: true, why: 'Choosing anything on the test set makes it part of training; choose on a validation set.' },
        { text: 'E-mails are split at random by message, and many spam campaigns send hundreds of near-identical messages.', correct: true, why: 'Near-duplicates on both sides make the test as easy as the training set. Split by campaign or by time, or remove duplicates.' },
        { text: "The training set is this year's e-mail and the test set next month's, with no message in both.", correct: false, why: 'This split follows the use: the model is tested on data from after its training, as it will be used.' },
        { text: 'The vocabulary of a bag-of-words model is built from the training messages only.', correct: false, why: 'That is the right way; building it from all messages, test included, would be a (mild) leak.' },
      ],
      hints: [
        () => 'Ask of each: could the model, or a choice you made, have seen something of the test examples?',
        () => 'Three of the five leak.',
      ],
      solution: () =>
        String.raw`The first three leak. Splitting images when patients have several, or messages when campaigns send near-copies, puts the same thing on both sides; picking the threshold on the test set tunes to it. Testing on later data than the training data, with a vocabulary built from the training data alone, matches how the model will be used.`,
    },
    {
      id: 'screening-goal',
      version: 1,
      kind: 'widget',
      widget: 'ScreeningTest',
      widgetProps: { id: 'screening-goal' },
      title: 'A threshold for one true cancer in ten recalls',
      prompt: () =>
        String.raw`The figure opens with the US screening figures: 5.9 cancers per $1{,}000$, sensitivity $86.9\%$, PPV $4.4\%$. Keep the prevalence and the separation as they are and move only the threshold $c$ until at least one positive in ten is a cancer (PPV $\geq 10\%$) while the test still finds at least $65\%$ of cancers. Then check. How many cancers per 10,000 did that cost?`,
      check: (_p, state) => screeningGoal(state),
      hints: [
        () => 'Raising the threshold clears more healthy people (specificity up, so PPV up) and misses more cancers (sensitivity down).',
        () => String.raw`The window is narrow: try $c$ between $1.75$ and $1.95$.`,
      ],
      solution: () =>
        String.raw`Move $c$ from $1.22$ to about $1.85$. Specificity rises from $88.9\%$ to about $96.8\%$, so false positives per 10,000 fall from about $1{,}100$ to about $320$, and the PPV passes $10\%$; sensitivity falls from $86.9\%$ to about $69\%$, so about $10$ more of the $59$ cancers per $10{,}000$ are missed. Whether that is worth it is a question of costs, not of the test: it is the kind of trade the Swedish programme, which recalls far fewer women, has made.`,
    },
    {
      id: 'spam-goal',
      version: 1,
      kind: 'widget',
      widget: 'SpamFilter',
      widgetProps: { id: 'spam-goal' },
      title: 'A spam filter that hides almost no real mail',
      prompt: () =>
        String.raw`Press Train and let the filters finish. Then set the threshold on $P(\text{spam})$ so that logistic regression flags at most $2$ of the $822$ legitimate held-out messages while still catching at least $300$ of the $359$ spams. Then check. Where does the MLP stand at the same threshold?`,
      check: (_p, state) => spamGoal(state),
      hints: [
        () => 'Raising the threshold flags fewer messages of both kinds: fewer hams lost, more spam let through.',
        () => String.raw`Look between $0.80$ and $0.90$.`,
      ],
      solution: () =>
        String.raw`From about $0.82$ up, logistic regression flags at most $2$ hams; at $0.82$ it still catches $317$ spams, at $0.90$ about $304$, and above that the catch falls below $300$. The MLP, whose scores spread differently, flags at most $2$ hams from about $0.81$ and still catches about $345$ spams there: at this operating point it is the better filter, although both have the same ROC area, $0.996$.`,
    },
  ],
};

export default bank;
