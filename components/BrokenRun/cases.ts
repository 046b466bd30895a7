// The lab's broken runs. Each case is the lab task's settings with one fault planted, the story a colleague
// tells when handing the run over, the controls the reader may change (the fix among them, and one or two
// that do not fix it), the goal the fixed run must reach within a budget of epochs, and the diagnosis as
// a multiple choice whose wrong answers say how to tell their fault apart from this one. Pure data and
// pure functions: the figure, the exercise bank and the tests all read it.
import type { BackwardRule } from './softplus.ts';
import type { LabActivation, LabSettings } from './labTask.ts';

/** The broken runs, in the chapter's order; 'healthy', a run with nothing wrong, is shown first for comparison. */
export const caseIds = [
  'lr-high',
  'lr-low',
  'dead-relu',
  'unscaled-inputs',
  'no-zero-grad',
  'wrong-backward',
  'shuffled-labels',
  'test-leak',
  'deep-sigmoid',
  'tiny-data',
  'double-softmax',
] as const;
export const figureIds = ['healthy', ...caseIds] as const;
export type CaseId = (typeof figureIds)[number];

/** What the reader can change, each mapped onto the lab's settings by `settingsFor`. */
export interface Fix {
  lr: number;
  biasInit: number;
  activation: LabActivation;
  depth: number;
  standardize: boolean;
  zeroGrad: boolean;
  backward: BackwardRule;
  /** Inputs and labels shuffled together (the loader fixed). */
  pairLabels: boolean;
  /** The test points removed from the training set. */
  dropLeak: boolean;
  points: number;
  l2: number;
  /** The loss is given logits (the extra softmax removed). */
  logits: boolean;
}
export type Control = keyof Fix;

/** What a goal is checked against: the run's numbers when the reader checks. */
export interface Outcome {
  epoch: number;
  diverged: boolean;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  overlap: number;
  gradCheckOk: boolean | null;
  fix: Fix;
}

export interface Choice {
  text: string;
  correct: boolean;
  why: string;
}

export interface LabCase {
  id: CaseId;
  title: string;
  /** What you were told about the run. */
  story: string;
  base: LabSettings;
  /** The broken run's values of the controls. */
  broken: Fix;
  controls: Control[];
  /** Epochs the run may train: the broken run and the fixed one alike. */
  budget: number;
  goal: string;
  met(o: Outcome): boolean;
  choices: Choice[];
  /** A change of the controls that fixes it (the worked solution; tests train it to the goal). */
  solution: Partial<Fix>;
  /** The fault in one sentence, and how to tell it from the others (shown once the diagnosis is right). */
  explanation: string;
}

const base: LabSettings = {
  seed: 3,
  dataset: 'spiral',
  classes: 3,
  points: 240,
  testPoints: 120,
  noise: 0.1,
  inputScale: [1, 1],
  standardize: false,
  shuffleLabels: false,
  leak: false,
  hidden: [24, 24],
  activation: 'relu',
  backward: 'sigmoid',
  init: 'he',
  biasInit: 0,
  optimizer: 'adam',
  lr: 0.02,
  batch: 20,
  zeroGrad: true,
  softmaxTwice: false,
  l2: 0,
};

/** The controls' values that reproduce `s` (the case's starting point). */
const fixOf = (s: LabSettings): Fix => ({
  lr: s.lr,
  biasInit: s.biasInit,
  activation: s.activation,
  depth: s.hidden.length,
  standardize: s.standardize,
  zeroGrad: s.zeroGrad,
  backward: s.backward,
  pairLabels: !s.shuffleLabels,
  dropLeak: !s.leak,
  points: s.points,
  l2: s.l2,
  logits: !s.softmaxTwice,
});

/** The settings a case runs with once the reader has set the controls to `fix`. */
export function settingsFor(c: LabCase, fix: Fix): LabSettings {
  const width = c.base.hidden[0];
  return {
    ...c.base,
    lr: fix.lr,
    biasInit: fix.biasInit,
    activation: fix.activation,
    hidden: Array.from({ length: fix.depth }, () => width),
    init: c.base.init === 'wide' ? 'wide' : fix.activation === 'sigmoid' || fix.activation === 'tanh' ? 'xavier' : 'he',
    standardize: fix.standardize,
    zeroGrad: fix.zeroGrad,
    backward: fix.backward,
    shuffleLabels: !fix.pairLabels,
    leak: !fix.dropLeak,
    points: fix.points,
    l2: fix.l2,
    softmaxTwice: !fix.logits,
  };
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
const accuracyGoal = (target: number) => (o: Outcome) => !o.diverged && o.testAccuracy >= target;

/** Distractors shared by several cases, each saying what would tell that fault apart. */
const not = {
  lrHigh: { text: 'The learning rate is far too high.', correct: false, why: 'A step too large makes the loss jump up or become NaN within a few epochs, and the update-to-weight ratio is far above 1e-3.' },
  lrLow: { text: 'The learning rate is far too low.', correct: false, why: 'With a step too small the gradients are healthy but nothing moves: the update-to-weight ratio sits near 1e-6 and the loss falls in a straight, slow line.' },
  dead: { text: 'The ReLU units are dead.', correct: false, why: 'Dead units show as a share near 100% in the dead-units column, and the gradients of the layers below them are exactly 0.' },
  scale: { text: 'The inputs are on very different scales.', correct: false, why: 'The data panel would show one feature with a standard deviation hundreds of times the other, and the loss at initialisation far above ln K.' },
  noZero: { text: 'The gradients are never zeroed between steps.', correct: false, why: 'Accumulating gradients grow with every step: the gradient-norm curve climbs steadily instead of staying level.' },
  backward: { text: 'A custom op has a wrong backward pass.', correct: false, why: 'Only the gradient check can show that, and this network uses no custom op (or its check passes).' },
  shuffled: { text: 'The labels are shuffled against the inputs.', correct: false, why: 'With shuffled labels the training loss falls slowly, and the test accuracy stays at chance however long it trains.' },
  leak: { text: 'Test points leak into the training set.', correct: false, why: 'A leak shows in the data panel as test points that are also training points, and as a test accuracy that tracks the training accuracy exactly.' },
  vanish: { text: 'The gradients vanish through a deep saturating stack.', correct: false, why: 'Vanishing gradients shrink layer by layer: the first layer\'s gradient norm is orders of magnitude below the last layer\'s.' },
  tiny: { text: 'The model overfits a training set that is too small.', correct: false, why: 'Overfitting drives the training loss to almost 0 while the test loss rises, and the test accuracy stays well above chance.' },
  softmax: { text: 'A softmax is applied before a loss that applies its own.', correct: false, why: 'Then the training loss stops at a floor far above 0 even while the predicted probabilities become confident: the loss and the predictions disagree.' },
  model: { text: 'The network is too small for the task.', correct: false, why: 'A small network still learns something quickly; its training loss levels off at a moderate value with healthy gradients, not at ln K with none.' },
};

const make = (c: Omit<LabCase, 'broken'>): LabCase => ({ ...c, broken: fixOf(c.base) });

export const cases: Record<CaseId, LabCase> = {
  healthy: make({
    id: 'healthy',
    solution: {},
    title: 'A healthy run, for comparison',
    story: 'Adam on the three-arm spiral, two hidden layers of 24 ReLU units, He initialisation, inputs in [−1, 1]. Nothing is wrong with this one.',
    base,
    controls: ['lr', 'depth', 'biasInit'],
    budget: 150,
    goal: 'Reach a test accuracy of at least 90% within 150 epochs.',
    met: accuracyGoal(0.9),
    choices: [
      { text: 'Nothing is wrong: this run is healthy.', correct: true, why: 'The loss starts near ln 3, falls steadily, the test loss follows it, and every layer gets a gradient of similar size.' },
      not.lrLow,
      not.tiny,
      not.vanish,
    ],
    explanation: 'A healthy run: the loss at initialisation is near ln 3, the training and test losses fall together, the gradient norms of the three layers are within a factor of a few of each other and stay level, the update-to-weight ratios sit near 10⁻³, and few units are dead. Keep these numbers in mind for the broken runs.',
  }),
  'lr-high': make({
    id: 'lr-high',
    solution: { lr: 0.05 },
    title: 'The loss became NaN',
    story: 'SGD with momentum on the three-arm spiral, leaky ReLU units. "It ran fine on my laptop with a smaller model; now it blows up."',
    base: { ...base, optimizer: 'sgd', activation: 'leakyRelu', lr: 10 },
    controls: ['lr', 'depth', 'l2'],
    budget: 200,
    goal: 'Reach a test accuracy of at least 90% within 200 epochs, without diverging.',
    met: accuracyGoal(0.9),
    choices: [
      { text: 'The learning rate is far too high.', correct: true, why: 'Each step overshoots: the weights grow until the logits overflow, the loss becomes NaN, and the trainer stops.' },
      not.noZero,
      not.scale,
      not.model,
    ],
    explanation: 'η = 10 makes every SGD step overshoot, so the weights and logits grow until they overflow: here the loss is NaN after the first epoch. The tell: divergence within the first epochs, on inputs of normal size (see the data panel) and with a gradient norm that was not climbing steadily beforehand; with a somewhat smaller η you would see the update-to-weight ratio far above 1e-3 before the blow-up. Lower η by a factor of 100 or more; the range test below finds a good value in one run.',
  }),
  'lr-low': make({
    id: 'lr-low',
    solution: { lr: 0.05 },
    title: 'Nothing happens',
    story: 'The same spiral, the same network and optimizer. "The loss goes down, so it works. It is just slow."',
    base: { ...base, optimizer: 'sgd', activation: 'leakyRelu', lr: 3e-4 },
    controls: ['lr', 'depth', 'biasInit'],
    budget: 200,
    goal: 'Reach a test accuracy of at least 90% within 200 epochs.',
    met: accuracyGoal(0.9),
    choices: [
      { text: 'The learning rate is far too low.', correct: true, why: 'The gradients are of normal size, but each step moves the weights by about a millionth of their size.' },
      not.dead,
      not.vanish,
      not.model,
    ],
    explanation: 'η = 3·10⁻⁴ with these gradients moves each weight by about 10⁻⁵ of its size per step, where 10⁻³ is the usual rule of thumb. The tell: gradients of normal size in every layer and no dead units, but an update-to-weight ratio near 10⁻⁵ and a loss that hardly leaves ln 3. Raise η a hundredfold.',
  }),
  'dead-relu': make({
    id: 'dead-relu',
    solution: { biasInit: 0 },
    title: 'Stuck at ln 3 with zero gradients',
    story: 'Adam on the spiral, two ReLU layers. "I started the biases negative so the network would be sparse."',
    base: { ...base, biasInit: -2 },
    controls: ['biasInit', 'lr', 'depth'],
    budget: 150,
    goal: 'Reach a test accuracy of at least 90% within 150 epochs.',
    met: accuracyGoal(0.9),
    choices: [
      { text: 'The ReLU units are dead.', correct: true, why: 'With a bias of −2 hardly any input pushes a unit above zero, so the units output 0 and pass back a gradient of 0.' },
      not.lrLow,
      not.vanish,
      not.softmax,
    ],
    explanation: 'A bias of −2 puts almost every first-layer pre-activation below zero for every input in [−1, 1]², and then all of the second layer\'s: those ReLUs output 0 with slope 0, so the loss sits at ln 3 and the gradients of the hidden layers are exactly 0. The tell: dead units near 100% and gradients of exactly 0, where a low learning rate gives small but non-zero updates. Start the biases at 0 (or use leaky ReLU).',
  }),
  'unscaled-inputs': make({
    id: 'unscaled-inputs',
    solution: { standardize: true },
    title: 'One feature in millimetres',
    story: 'The spiral again, but the second coordinate was recorded in other units: it arrives 100 times larger than the first.',
    base: { ...base, inputScale: [1, 100] },
    controls: ['standardize', 'lr', 'biasInit'],
    budget: 150,
    goal: 'Reach a test accuracy of at least 90% within 150 epochs.',
    met: accuracyGoal(0.9),
    choices: [
      { text: 'The inputs are on very different scales.', correct: true, why: 'The second feature is 100 times the first, so it dominates every pre-activation and the first feature is effectively ignored.' },
      not.lrHigh,
      not.dead,
      not.tiny,
    ],
    explanation: 'The second feature has a standard deviation about 100 times the first\'s, so the first layer\'s sums are dominated by it and the initial loss is far above ln 3. The tell is in the data panel, before any training: the feature statistics and the loss at initialisation. Standardise each feature with the training set\'s mean and standard deviation.',
  }),
  'no-zero-grad': make({
    id: 'no-zero-grad',
    solution: { zeroGrad: true },
    title: 'Gradients that keep growing',
    story: 'A hand-written training loop with SGD and momentum. "I copied the loop from a tutorial and removed a line that looked redundant."',
    base: { ...base, optimizer: 'sgd', activation: 'leakyRelu', lr: 0.05, zeroGrad: false },
    controls: ['zeroGrad', 'lr', 'l2'],
    budget: 200,
    goal: 'Reach a test accuracy of at least 90% within 200 epochs, without diverging.',
    met: accuracyGoal(0.9),
    choices: [
      { text: 'The gradients are never zeroed between steps.', correct: true, why: 'backward() adds into .grad, so without zeroGrad() each step uses the sum of every gradient so far.' },
      not.lrHigh,
      not.scale,
      not.vanish,
    ],
    explanation: 'backward() adds each new gradient to the one already stored (which is what makes a value used twice correct), so a loop without zeroGrad() steps along the running sum of every gradient so far. The tell: the gradient norm grows steadily from the first epoch, even while the loss is still moderate, and a learning rate that works elsewhere diverges here. Lowering η only delays it.',
  }),
  'wrong-backward': make({
    id: 'wrong-backward',
    solution: { backward: 'sigmoid' },
    title: 'A custom activation that does not learn',
    story: 'Two hidden layers of a home-made softplus activation on the circle. "The forward pass matches the formula exactly, I checked."',
    base: { ...base, dataset: 'circle', classes: 2, activation: 'softplus', backward: 'mirrored' },
    controls: ['backward', 'lr', 'depth'],
    budget: 150,
    goal: 'Pass the gradient check and reach a test accuracy of at least 95% within 150 epochs.',
    met: (o) => o.gradCheckOk === true && accuracyGoal(0.95)(o),
    choices: [
      { text: 'A custom op has a wrong backward pass.', correct: true, why: 'The forward pass is right, but its backward multiplies by sigmoid(−x) instead of sigmoid(x): the gradient check fails with an error near 0.5.' },
      not.lrLow,
      not.dead,
      not.model,
    ],
    explanation: 'The forward pass is right and the loss is finite, so nothing on the curves points at the op; the gradients it passes back are simply not the derivative of the loss. The gradient check compares them with finite differences and fails with a relative error near 0.5. The derivative of ln(1 + eˣ) is sigmoid(x).',
  }),
  'shuffled-labels': make({
    id: 'shuffled-labels',
    solution: { pairLabels: true },
    title: 'Learning, slowly, to nowhere',
    story: 'A bigger network, 120 training points. "Training accuracy keeps going up, it just needs more epochs."',
    base: { ...base, points: 120, hidden: [64, 64], lr: 0.01, shuffleLabels: true },
    controls: ['pairLabels', 'points', 'l2'],
    budget: 300,
    goal: 'Reach a test accuracy of at least 85% within 300 epochs.',
    met: accuracyGoal(0.85),
    choices: [
      { text: 'The labels are shuffled against the inputs.', correct: true, why: 'The network can still memorise 120 arbitrary labels, slowly, but nothing it learns carries over to the test set, which stays at chance.' },
      not.tiny,
      not.lrLow,
      not.leak,
    ],
    explanation: 'The loader shuffled the labels separately from the inputs, so the training labels are random. A big enough network memorises them anyway (Zhang et al., 2017), slowly, and the test accuracy stays at chance, 1/3. The tell: training accuracy that creeps up over hundreds of epochs while the test accuracy never leaves chance; predictions that disagree with the picture. Overfitting a small set, by contrast, fits in a few epochs and stays well above chance on the test set.',
  }),
  'test-leak': make({
    id: 'test-leak',
    solution: { dropLeak: true },
    title: 'Too good to be true',
    story: 'A noisy spiral, a big network, 120 training points. "91% on the test set! The training curve and the test curve agree perfectly."',
    base: { ...base, noise: 0.3, points: 120, hidden: [64, 64], leak: true },
    controls: ['dropLeak', 'l2', 'points'],
    budget: 150,
    goal: 'Measure an honest test accuracy: no test point among the training points, trained for at least 100 epochs.',
    met: (o) => !o.diverged && o.overlap === 0 && o.epoch >= 100,
    choices: [
      { text: 'Test points leak into the training set.', correct: true, why: 'Every test point is also a training point, so the test accuracy measures memory, not generalisation.' },
      not.tiny,
      not.shuffled,
      { text: 'Nothing is wrong: the network generalises well.', correct: false, why: 'On noisy data a network this large fits its training points far better than new ones; a test curve that never separates from the training curve is itself the warning.' },
    ],
    explanation: 'All 120 test points are in the training set too, so the network is tested on points it memorised. The tell: a test curve that tracks the training curve exactly on noisy data, and an overlap count above zero in the data panel. Remove the leak and the honest test accuracy falls to about 60%: that number, not 91%, is what the model is worth.',
  }),
  'deep-sigmoid': make({
    id: 'deep-sigmoid',
    solution: { activation: 'relu', depth: 3 },
    title: 'A deep net that will not start',
    story: 'Eight hidden layers of 16 sigmoid units, Xavier initialisation, Adam. "Deeper is better, isn\'t it?"',
    base: { ...base, hidden: Array.from({ length: 8 }, () => 16), activation: 'sigmoid', init: 'xavier' },
    controls: ['activation', 'depth', 'lr'],
    budget: 200,
    goal: 'Reach a test accuracy of at least 90% within 200 epochs.',
    met: accuracyGoal(0.9),
    choices: [
      { text: 'The gradients vanish through a deep saturating stack.', correct: true, why: 'Each sigmoid layer multiplies the gradient by a slope of at most 1/4, so eight of them leave the first layers with a gradient many thousands of times smaller.' },
      not.dead,
      not.lrLow,
      not.softmax,
    ],
    explanation: 'The sigmoid\'s slope is at most 1/4, so each layer shrinks the gradient on its way down: the first layer\'s gradient norm is about five orders of magnitude below the last layer\'s, and the loss stays at ln 3. The tell: gradient norms that fall layer by layer, with no layer exactly 0 (which would be dead ReLUs). Use fewer layers with ReLU units and He initialisation (chapter 6).',
  }),
  'tiny-data': make({
    id: 'tiny-data',
    solution: { points: 200 },
    title: 'Perfect on training, wrong on test',
    story: 'The two moons, a network of two layers of 64 units, and 12 training points. "Training loss is zero. Done."',
    base: { ...base, dataset: 'moons', classes: 2, noise: 0.2, points: 12, hidden: [64, 64] },
    controls: ['points', 'l2', 'depth'],
    budget: 150,
    goal: 'Reach a test accuracy of at least 95% within 150 epochs.',
    met: accuracyGoal(0.95),
    choices: [
      { text: 'The model overfits a training set that is too small.', correct: true, why: 'About 4,500 parameters fit 12 points exactly, in a few epochs; the boundary between them is whatever the fit happened to draw.' },
      not.shuffled,
      not.leak,
      not.lrHigh,
    ],
    explanation: 'Twelve points cannot pin down a boundary for a network with thousands of parameters: the training loss reaches 0 within a few dozen epochs while the test loss rises. The tell: a fit that is fast and perfect, a test accuracy well above chance but well below the training accuracy, and a test loss that climbs. More data is the real fix; L2 helps less.',
  }),
  'double-softmax': make({
    id: 'double-softmax',
    solution: { logits: true },
    title: 'A loss with a floor',
    story: 'The spiral with the usual network. "I added a softmax layer at the end, since the outputs are probabilities."',
    base: { ...base, softmaxTwice: true },
    controls: ['logits', 'lr', 'depth'],
    budget: 150,
    goal: 'Bring the training loss below 0.3 and the test accuracy to at least 90% within 150 epochs.',
    met: (o) => !o.diverged && o.trainLoss < 0.3 && o.testAccuracy >= 0.9,
    choices: [
      { text: 'A softmax is applied before a loss that applies its own.', correct: true, why: 'crossEntropy takes logits and applies a softmax itself; fed probabilities in [0, 1], its own softmax can never become confident, whatever the network outputs.' },
      not.lrLow,
      not.tiny,
      not.vanish,
    ],
    explanation: 'crossEntropy applies its own softmax, so the network\'s softmax squeezes the logits into [0, 1] first and the loss sees nearly equal inputs. The loss at initialisation is close to ln 3, so that check passes; the tell is the floor. The loss\'s own softmax never gives more than e/(e + 2) ≈ 0.58 to any class, so the loss cannot fall below −ln 0.58 ≈ 0.55, even while the network\'s outputs (the predictions shown) reach 0.99: the loss and the predictions disagree. Give the loss the logits.',
  }),
};

/** The largest probability a softmax over K inputs in [0, 1] can give, e/(e + K − 1), and the loss floor it sets. */
export const doubleSoftmaxFloor = (K: number) => {
  const p = Math.E / (Math.E + K - 1);
  return { p, loss: -Math.log(p) };
};

export const caseTitle = (id: CaseId) => cases[id].title;
export { pct };
