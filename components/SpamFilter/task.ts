// The spam filter's training, as a trainer-service task: logistic regression (one linear unit on the
// bag of words) and a small MLP (one hidden ReLU layer of HIDDEN units) learn from the same minibatches of
// the training messages, each with Adam. One task epoch is spamSchedule's 15 minibatches; both are measured
// on every held-out message every 2 epochs. The report carries the held-out scores (for the matrix and the
// curves) and both models' weights (so the page scores a message the reader types without the worker).
import { binaryCrossEntropy, nn, noGrad, optim, rng as makeRng, tensor, type Rng, type Tensor } from '../../engine/index.ts';
import { Passes, type PassesState } from '../trainer/passes.ts';
import { defineSchedule } from '../trainer/schedule.ts';
import { defineTask } from '../trainer/task.ts';
import { flatWeights, truncateHistory } from '../trainer/weights.ts';
import { wordsOf, type SpamCorpus } from './corpusFile.ts';
import { corpus as loadedCorpus } from './corpus.ts';

export const HIDDEN = 16;
/** Adam on batches of 32 messages, 15 steps an epoch, tested every 2 epochs, for 4 passes over the training messages. */
export const spamSchedule = defineSchedule({ batch: 32, lr: 3e-3, stepsPerEpoch: 15, testEvery: 2, budget: { passes: 4 }, examples: 'messages' });

export type LearnedKind = 'logistic' | 'mlp';
export const learnedKinds: LearnedKind[] = ['logistic', 'mlp'];

export interface SpamSettings {
  seed: number;
}

export interface SpamReport {
  /** Training messages seen by each model so far. */
  seen: number;
  passes: number;
  /** Mean training loss of each task epoch, after `at` messages. */
  loss: { at: number[]; logistic: number[]; mlp: number[] };
  /** Held-out accuracy at threshold 0.5 after `at` messages. */
  accuracy: { at: number[]; logistic: number[]; mlp: number[] };
  /** P(spam) of every held-out message at the last measurement (test order), or null before one. */
  scores: { logistic: Float32Array; mlp: Float32Array } | null;
  /** Every parameter of each model, in parameters() order. */
  weights: { logistic: Float32Array; mlp: Float32Array };
}

/** The bag of words of messages `idx` as a [B, V] tensor of 0s and 1s. */
export function bagOfWords(c: SpamCorpus, idx: ArrayLike<number>): Tensor {
  const V = c.vocab.length;
  const x = new Float32Array(idx.length * V);
  for (let b = 0; b < idx.length; b++) for (const j of wordsOf(c, idx[b])) x[b * V + j] = 1;
  return tensor(x, [idx.length, V]);
}

export function buildModels(V: number, r: Rng): Record<LearnedKind, nn.Sequential> {
  return {
    logistic: new nn.Sequential(new nn.Linear(V, 1, { rng: r.fork(), init: 'zeros' })),
    mlp: new nn.Sequential(new nn.Linear(V, HIDDEN, { rng: r.fork(), init: 'he' }), new nn.ReLU(), new nn.Linear(HIDDEN, 1, { rng: r.fork() })),
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** P(spam) of messages from..to (exclusive), in evaluation mode without gradients. */
export function scoreRange(net: nn.Sequential, c: SpamCorpus, from: number, to: number): Float32Array {
  const out = new Float32Array(to - from);
  net.eval();
  noGrad(() => {
    for (let s = from; s < to; s += 256) {
      const idx = Array.from({ length: Math.min(256, to - s) }, (_, k) => s + k);
      const z = net.forward(bagOfWords(c, idx)).data;
      idx.forEach((i, b) => (out[i - from] = sigmoid(z[b])));
    }
  });
  net.train();
  return out;
}

const accuracyOf = (scores: Float32Array, c: SpamCorpus) => {
  let right = 0;
  for (let k = 0; k < scores.length; k++) if ((scores[k] >= 0.5 ? 1 : 0) === c.labels[c.train + k]) right++;
  return right / scores.length;
};

interface History {
  loss: SpamReport['loss'];
  accuracy: SpamReport['accuracy'];
}
const emptyHistory = (): History => ({ loss: { at: [], logistic: [], mlp: [] }, accuracy: { at: [], logistic: [], mlp: [] } });

/** The two models' run over a corpus (the loaded one unless given, as tests do). */
export function spamRun(s: SpamSettings, given?: SpamCorpus) {
  const c = given ?? loadedCorpus();
  if (!c) throw new Error('The mail corpus has not loaded yet.');
  const r = makeRng(s.seed);
  const models = buildModels(c.vocab.length, r);
  const { batch: B, lr, stepsPerEpoch } = spamSchedule;
  const opts = { logistic: new optim.Adam(models.logistic.parameters(), { lr }), mlp: new optim.Adam(models.mlp.parameters(), { lr }) };
  const N = c.train;
  const batches = new Passes(N, r.fork());
  const labels = Float32Array.from(c.labels.subarray(0, N));
  let history = emptyHistory();
  let last: { epoch: number; scores: NonNullable<SpamReport['scores']> } | null = null;
  const seen = () => batches.seen;

  const run = {
    epoch: 0,
    trainEpoch() {
      const sum = { logistic: 0, mlp: 0 };
      for (let i = 0; i < stepsPerEpoch; i++) {
        const idx = batches.next(B);
        const x = bagOfWords(c, idx);
        const y = Float32Array.from(idx, (k) => labels[k]);
        for (const k of learnedKinds) {
          opts[k].zeroGrad();
          const loss = binaryCrossEntropy(models[k].forward(x), y);
          loss.backward();
          opts[k].step();
          sum[k] += loss.item();
        }
      }
      run.epoch++;
      truncateHistory(history.loss, seen());
      history.loss.at.push(seen());
      history.loss.logistic.push(sum.logistic / stepsPerEpoch);
      history.loss.mlp.push(sum.mlp / stepsPerEpoch);
    },
    measure() {
      const loss = history.loss.mlp.at(-1) ?? Math.log(2);
      if (run.epoch === 0 || !spamSchedule.testsAt(run.epoch) || last?.epoch === run.epoch) return { loss };
      const scores = { logistic: scoreRange(models.logistic, c, N, c.n), mlp: scoreRange(models.mlp, c, N, c.n) };
      last = { epoch: run.epoch, scores };
      truncateHistory(history.accuracy, seen());
      history.accuracy.at.push(seen());
      for (const k of learnedKinds) history.accuracy[k].push(accuracyOf(scores[k], c));
      return { loss };
    },
    parameters: () => [...models.logistic.parameters(), ...models.mlp.parameters()],
    report(): SpamReport {
      const e = last && last.epoch <= run.epoch ? last : null;
      return {
        seen: seen(),
        passes: batches.passes,
        loss: structuredClone(history.loss),
        accuracy: structuredClone(history.accuracy),
        scores: e ? { logistic: e.scores.logistic.slice(), mlp: e.scores.mlp.slice() } : null,
        weights: { logistic: flatWeights(models.logistic), mlp: flatWeights(models.mlp) },
      };
    },
    saveState: () => ({
      logistic: opts.logistic.stateDict(),
      mlp: opts.mlp.stateDict(),
      ...batches.saveState(),
      history: structuredClone(history),
    }),
    loadState(state: unknown) {
      const st = state as PassesState & { logistic: never; mlp: never; history: History };
      opts.logistic.loadStateDict(st.logistic);
      opts.mlp.loadStateDict(st.mlp);
      batches.loadState(st);
      history = structuredClone(st.history);
      if (last && last.epoch > run.epoch) last = null;
    },
  };
  return run;
}

export const spamTask = defineTask<SpamSettings, SpamReport>({ name: 'spam-filter', divergeAbove: 1e3, schedule: spamSchedule, create: (s) => spamRun(s) });
