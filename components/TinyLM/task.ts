// The tiny language model of chapter 9: a decoder-only transformer (the engine's nn.TransformerLM, pre-LN,
// learned positions, causal) trained on first names letter by letter, as chapter 8's character model is, in
// the trainer service's shape: one epoch is 25 Adam steps (tinyLMSchedule) on random windows of the names joined by an end
// mark; a measure reads the loss per letter on held-out names. The figure samples from the weights it reports.
// With `lstm`, chapter 8's character LSTM trains beside it in the same run: the same training names, the same
// windows in the same order (its own generator, seeded as the transformer's), the same held-out windows, and
// as many steps, so the two curves compare like with like.
import { nn, noGrad, optim, rng as makeRng, sampleProbabilities, sample, type Rng, type Tensor } from '../../engine/index.ts';
import { ALPHABET, CharNet, cleanNames, encode, END, splitNames, stream, VOCAB } from '../CharacterModel/charmodel.ts';
import { trainSteps } from '../trainer/engineRun.ts';
import { defineSchedule } from '../trainer/schedule.ts';
import { defineTask } from '../trainer/task.ts';
import { truncateHistory } from '../trainer/weights.ts';

export { ALPHABET, END, VOCAB };
export const DIM = 32;
export const LAYERS = 2;
export const HEADS = 4;
/** Context and training window, in letters (the longest name is 15). */
export const CONTEXT = 16;
/** Adam on batches of 16 windows, 25 steps an epoch, measured after every one, for 1,000 steps at most. */
export const tinyLMSchedule = defineSchedule({ batch: 16, lr: 3e-3, stepsPerEpoch: 25, budget: { steps: 1000 } });
/** The LSTM beside it: chapter 8's CharNet (embedding 16, 64 hidden units, gradients clipped at norm 1), at this rate. */
export const LSTM_LR = 3e-3;
/** Held-out windows of CONTEXT letters the test loss is read on. */
const TEST_WINDOWS = 64;

export interface TinyLMSettings {
  /** Cleaned names (lower-case a–z); every tenth of a seeded shuffle is held out. */
  names: string[];
  seed: number;
  /** Train chapter 8's LSTM beside the transformer, on the same windows. */
  lstm?: boolean;
}

export interface TinyLMReport {
  steps: number;
  at: number[];
  trainLoss: number[];
  testLoss: number[];
  /** The model's parameters, in `parameters()` order (copies), for sampling on the page. */
  weights: Float32Array[];
  /** With `lstm`: its losses at the same steps, and its weights (CharNet's `parameters()` order). */
  lstmTrainLoss?: number[];
  lstmTestLoss?: number[];
  lstmWeights?: Float32Array[];
}

export const buildModel = (r: Rng) => new nn.TransformerLM(VOCAB, { dim: DIM, layers: LAYERS, heads: HEADS, maxLen: CONTEXT, rng: r });

/** The names of the book's data file (public/data/names.json), cleaned. */
export function namesOf(file: { female: string[]; male: string[] }): string[] {
  return cleanNames([...file.female, ...file.male]);
}

/** Loads and cleans the names in the browser (`base`: the site's base path). */
export async function loadNames(base = ''): Promise<string[]> {
  const res = await fetch(`${base}/data/names.json`);
  if (!res.ok) throw new Error(`names.json: HTTP ${res.status}`);
  return namesOf(await res.json());
}

export function tinyLMRun(s: TinyLMSettings) {
  if (!Array.isArray(s.names) || s.names.length < 100) throw new Error('The names have not loaded yet.');
  const { batch, lr, stepsPerEpoch } = tinyLMSchedule;
  const model = buildModel(makeRng(s.seed));
  const opt = new optim.Adam(model.parameters(), { lr });
  const { train, test } = splitNames(s.names, makeRng(s.seed + 1));
  const trainText = stream(train, makeRng(s.seed + 2));
  const testText = stream(test, makeRng(s.seed + 3));
  const data = makeRng(s.seed + 4);
  // The LSTM draws its windows from a generator seeded as `data`: the same windows, in the same order.
  const lstm = s.lstm ? new CharNet({ seed: s.seed, lr: LSTM_LR }) : null;
  const lstmData = makeRng(s.seed + 4);
  const testWindows = testText.subarray(0, TEST_WINDOWS * CONTEXT + 1);
  const testIds: number[][] = [], testNext: number[][] = [];
  for (let w = 0; w < TEST_WINDOWS && (w + 1) * CONTEXT < testText.length; w++) {
    testIds.push(Array.from(testText.subarray(w * CONTEXT, (w + 1) * CONTEXT)));
    testNext.push(Array.from(testText.subarray(w * CONTEXT + 1, (w + 1) * CONTEXT + 1)));
  }
  let steps = 0;
  let lastTrain = Math.log(VOCAB);
  let lastLstm = Math.log(VOCAB);
  const KEYS = ['at', 'trainLoss', 'testLoss', 'lstmTrainLoss', 'lstmTestLoss'] as const;
  type History = Record<(typeof KEYS)[number], number[]>;
  let history: History = { at: [], trainLoss: [], testLoss: [], lstmTrainLoss: [], lstmTestLoss: [] };
  const copy = (h: History = history): History => Object.fromEntries(KEYS.map((k) => [k, h[k].slice()])) as History;
  const reported = () => {
    const { lstmTrainLoss, lstmTestLoss, ...rest } = copy();
    return lstm ? { ...rest, lstmTrainLoss, lstmTestLoss } : rest;
  };
  const run = {
    epoch: 0,
    model,
    trainEpoch() {
      lastTrain = trainSteps(opt, stepsPerEpoch, () => {
        const ids: number[][] = [], next: number[][] = [];
        for (let b = 0; b < batch; b++) {
          const at = data.int(trainText.length - CONTEXT - 1);
          ids.push(Array.from(trainText.subarray(at, at + CONTEXT)));
          next.push(Array.from(trainText.subarray(at + 1, at + CONTEXT + 1)));
        }
        return model.loss(ids, next);
      });
      steps += stepsPerEpoch;
      if (lstm) {
        let l = 0;
        for (let i = 0; i < stepsPerEpoch; i++) l += lstm.trainStep(trainText, lstmData, batch, CONTEXT);
        lastLstm = l / stepsPerEpoch;
      }
      run.epoch++;
    },
    measure() {
      const testLoss = noGrad(() => model.loss(testIds, testNext).item());
      truncateHistory(history, steps);
      history.at.push(steps);
      history.trainLoss.push(run.epoch === 0 ? testLoss : lastTrain);
      history.testLoss.push(testLoss);
      if (lstm) {
        const lstmTest = lstm.evaluate(testWindows, CONTEXT);
        history.lstmTrainLoss.push(run.epoch === 0 ? lstmTest : lastLstm);
        history.lstmTestLoss.push(lstmTest);
      }
      return { loss: history.trainLoss.at(-1)!, testLoss };
    },
    /** Both models' parameters (the service checks them and copies them for Pause). */
    parameters: (): Tensor[] => (lstm ? [...model.parameters(), ...lstm.parameters()] : model.parameters()),
    report: (): TinyLMReport => ({ steps, ...reported(), weights: model.parameters().map((p) => p.data.slice()), ...(lstm ? { lstmWeights: lstm.weights() } : {}) }),
    saveState: () => ({ optimizer: opt.stateDict(), steps, data: data.getState(), history: copy(), lstm: lstm ? { optimizer: lstm.opt.stateDict(), data: lstmData.getState(), steps: lstm.steps } : null }),
    loadState(state: unknown) {
      type Saved = { optimizer: unknown; steps: number; data: ReturnType<Rng['getState']>; history: History; lstm: { optimizer: unknown; data: ReturnType<Rng['getState']>; steps: number } | null };
      const st = state as Saved;
      opt.loadStateDict(st.optimizer as never); // the state its own stateDict wrote
      steps = st.steps;
      data.setState(st.data);
      history = copy(st.history);
      if (lstm && st.lstm) {
        lstm.opt.loadStateDict(st.lstm.optimizer as never);
        lstmData.setState(st.lstm.data);
        lstm.steps = st.lstm.steps;
      }
    },
  };
  return run;
}

export const tinyLMTask = defineTask<TinyLMSettings, TinyLMReport>({ name: 'tiny-lm', schedule: tinyLMSchedule, create: (s) => tinyLMRun(s) });

/** The next-letter probabilities after `prefix` (the end mark first, as every name starts), at `temperature`. */
export function nextProbabilities(model: nn.TransformerLM, prefix: string, temperature: number): number[] {
  const ids = [END, ...encode(prefix)].slice(-CONTEXT);
  return noGrad(() => {
    const logits = model.forward(ids).data;
    return sampleProbabilities(logits.subarray((ids.length - 1) * VOCAB, ids.length * VOCAB), { temperature });
  });
}

/** Names drawn letter by letter after `prefix`, until the end mark (or CONTEXT − 1 letters). */
export function sampleNames(model: nn.TransformerLM, prefix: string, count: number, temperature: number, r: Rng): string[] {
  return Array.from({ length: count }, () => {
    let name = prefix;
    noGrad(() => {
      while (name.length < CONTEXT - 1) {
        const ids = [END, ...encode(name)];
        const logits = model.forward(ids).data.subarray((ids.length - 1) * VOCAB, ids.length * VOCAB);
        const id = sample(logits, { temperature, rng: r });
        if (id === END) break;
        name += ALPHABET[id];
      }
    });
    return name;
  });
}

/** Chapter 8's LSTM on the page with the reported weights (in `into`, one lstmWith made, when given). */
export function lstmWith(weights: Float32Array[], into?: CharNet): CharNet {
  const net = into ?? new CharNet({ seed: 0, lr: LSTM_LR });
  net.load(weights);
  return net;
}

/** The LSTM's next-letter probabilities after `prefix` (read from the end mark), at `temperature`. */
export function lstmProbabilities(net: CharNet, prefix: string, temperature: number): number[] {
  return noGrad(() => sampleProbabilities(lstmRead(net, [END, ...encode(prefix)]).logits.data, { temperature }));
}

/** Names the LSTM draws letter by letter after `prefix`, until the end mark (or CONTEXT − 1 letters). */
export function lstmNames(net: CharNet, prefix: string, count: number, temperature: number, r: Rng): string[] {
  return Array.from({ length: count }, () =>
    noGrad(() => {
      let name = prefix;
      let { logits, state } = lstmRead(net, [END, ...encode(prefix)]);
      while (name.length < CONTEXT - 1) {
        const id = sample(logits.data, { temperature, rng: r });
        if (id === END) break;
        name += ALPHABET[id];
        ({ logits, state } = lstmRead(net, [id], state));
      }
      return name;
    }),
  );
}

/** Runs the LSTM over `ids` from `state` (a fresh one by default): the last step's logits and the state after it. */
function lstmRead(net: CharNet, ids: number[], state?: { h: Tensor; c: Tensor }) {
  const out = net.lstm.forward(net.embed.forward(ids).reshape(1, ids.length, -1), state);
  return { logits: net.head.forward(out.h), state: { h: out.h, c: out.c } };
}

/** A model on the page with the reported weights (in `into`, a model modelWith made, when given: building one costs more than the weights' copy). */
export function modelWith(weights: Float32Array[], into?: nn.TransformerLM): nn.TransformerLM {
  const m = into ?? buildModel(makeRng(0));
  const ps = m.parameters();
  if (weights.length !== ps.length || weights.some((w, i) => w.length !== ps[i].size)) throw new Error('The weights do not fit the model.');
  ps.forEach((p, i) => p.data.set(weights[i]));
  m.eval();
  return m;
}
