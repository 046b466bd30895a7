// The tiny language model of chapter 9: a decoder-only transformer (the engine's nn.TransformerLM, pre-LN,
// learned positions, causal) trained on first names letter by letter, as chapter 8's character model is, in
// the trainer service's shape: one epoch is 25 Adam steps on random windows of the names joined by an end
// mark; a measure reads the loss per letter on held-out names. The figure samples from the weights it reports.
import { nn, noGrad, optim, rng as makeRng, sampleProbabilities, sample, type Rng } from '../../engine/index.ts';
import { ALPHABET, cleanNames, encode, END, splitNames, stream, VOCAB } from '../CharacterModel/charmodel.ts';
import { defineTask } from '../trainer/task.ts';

export { ALPHABET, END, VOCAB };
export const DIM = 32;
export const LAYERS = 2;
export const HEADS = 4;
/** Context and training window, in letters (the longest name is 15). */
export const CONTEXT = 16;
export const BATCH = 16;
export const LR = 3e-3;
export const STEPS_PER_EPOCH = 25;
export const MAX_EPOCHS = 40;
/** Held-out windows of CONTEXT letters the test loss is read on. */
const TEST_WINDOWS = 64;

export interface TinyLMSettings {
  /** Cleaned names (lower-case a–z); every tenth of a seeded shuffle is held out. */
  names: string[];
  seed: number;
}

export interface TinyLMReport {
  steps: number;
  at: number[];
  trainLoss: number[];
  testLoss: number[];
  /** The model's parameters, in `parameters()` order (copies), for sampling on the page. */
  weights: Float32Array[];
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
  const model = buildModel(makeRng(s.seed));
  const opt = new optim.Adam(model.parameters(), { lr: LR });
  const { train, test } = splitNames(s.names, makeRng(s.seed + 1));
  const trainText = stream(train, makeRng(s.seed + 2));
  const testText = stream(test, makeRng(s.seed + 3));
  const data = makeRng(s.seed + 4);
  const testIds: number[][] = [], testNext: number[][] = [];
  for (let w = 0; w < TEST_WINDOWS && (w + 1) * CONTEXT < testText.length; w++) {
    testIds.push(Array.from(testText.subarray(w * CONTEXT, (w + 1) * CONTEXT)));
    testNext.push(Array.from(testText.subarray(w * CONTEXT + 1, (w + 1) * CONTEXT + 1)));
  }
  let steps = 0;
  let lastTrain = Math.log(VOCAB);
  let history = { at: [] as number[], trainLoss: [] as number[], testLoss: [] as number[] };
  const copy = () => ({ at: history.at.slice(), trainLoss: history.trainLoss.slice(), testLoss: history.testLoss.slice() });
  const run = {
    epoch: 0,
    model,
    trainEpoch() {
      let sum = 0;
      for (let i = 0; i < STEPS_PER_EPOCH; i++) {
        const ids: number[][] = [], next: number[][] = [];
        for (let b = 0; b < BATCH; b++) {
          const at = data.int(trainText.length - CONTEXT - 1);
          ids.push(Array.from(trainText.subarray(at, at + CONTEXT)));
          next.push(Array.from(trainText.subarray(at + 1, at + CONTEXT + 1)));
        }
        opt.zeroGrad();
        const loss = model.loss(ids, next);
        loss.backward();
        opt.step();
        sum += loss.item();
        steps++;
      }
      lastTrain = sum / STEPS_PER_EPOCH;
      run.epoch++;
    },
    measure() {
      const testLoss = noGrad(() => model.loss(testIds, testNext).item());
      let keep = history.at.length;
      while (keep > 0 && history.at[keep - 1] >= steps) keep--;
      for (const k of ['at', 'trainLoss', 'testLoss'] as const) history[k].length = keep;
      history.at.push(steps);
      history.trainLoss.push(run.epoch === 0 ? testLoss : lastTrain);
      history.testLoss.push(testLoss);
      return { loss: history.trainLoss.at(-1)!, testLoss };
    },
    parameters: () => model.parameters(),
    report: (): TinyLMReport => ({ steps, ...copy(), weights: model.parameters().map((p) => p.data.slice()) }),
    saveState: () => ({ optimizer: opt.stateDict(), steps, data: data.getState(), history: copy() }),
    loadState(state: unknown) {
      const st = state as { optimizer: unknown; steps: number; data: ReturnType<Rng['getState']>; history: typeof history };
      opt.loadStateDict(st.optimizer as never); // the state its own stateDict wrote
      steps = st.steps;
      data.setState(st.data);
      history = { at: st.history.at.slice(), trainLoss: st.history.trainLoss.slice(), testLoss: st.history.testLoss.slice() };
    },
  };
  return run;
}

export const tinyLMTask = defineTask<TinyLMSettings, TinyLMReport>({ name: 'tiny-lm', create: (s) => tinyLMRun(s) });

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

/** A model on the page with the reported weights. */
export function modelWith(weights: Float32Array[]): nn.TransformerLM {
  const m = buildModel(makeRng(0));
  const ps = m.parameters();
  if (weights.length !== ps.length || weights.some((w, i) => w.length !== ps[i].size)) throw new Error('The weights do not fit the model.');
  ps.forEach((p, i) => p.data.set(weights[i]));
  m.eval();
  return m;
}
