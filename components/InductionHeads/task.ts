// The tiny transformer of chapter 9 and the tasks it learns in the page. The model is attention-only, as
// the small models of Elhage et al. (2021) and Olsson et al. (2022): token embeddings plus learned
// positions, then one to three layers of causal multi-head attention, each added back into the residual
// stream, then a linear readout to the next token's logits (no MLP, no layer norm). The induction task: a
// random stretch of p distinct tokens (p from 4 to 12) repeated to fill 24 positions; once a token has been
// seen, what followed it last time comes next. Where the repeat starts changes from sequence to sequence, so
// no fixed position holds the answer: the model must find the previous occurrence of the current token.
// The other tasks write 12 tokens, a separator, and then the 12 tokens copied, reversed or sorted: there the
// answer's place in the input is fixed (copy, reverse) or depends on the tokens' values (sort).
import { crossEntropy, nn, noGrad, optim, rng as makeRng, type Rng, type Tensor } from '../../engine/index.ts';
import { trainSteps } from '../trainer/engineRun.ts';
import { defineSchedule } from '../trainer/schedule.ts';
import { truncateHistory } from '../trainer/weights.ts';

export const VOCAB = 16;
export const LENGTH = 24;
export const DIM = 32;
/** Adam on batches of 16 sequences, 20 steps an epoch, measured after every one, for 1,500 steps at most. */
export const inductionSchedule = defineSchedule({ batch: 16, lr: 3e-3, stepsPerEpoch: 20, budget: { steps: 1500 } });
export const TEST_SIZE = 64;
export const PERIOD_MIN = 4;
export const PERIOD_MAX = 12;

/** What the model learns to continue. */
export const TASKS = ['induction', 'copy', 'reverse', 'sort'] as const;
export type TaskName = (typeof TASKS)[number];
/** Copy, reverse and sort: this many tokens (drawn from 0 to SEP − 1), then SEP, then the answer. */
export const HALF = 12;
export const SEP = VOCAB - 1;

export interface Sequence {
  /** LENGTH + 1 tokens: the input is the first LENGTH, the targets the last LENGTH. */
  tokens: number[];
  /** The length of the repeated stretch: from position `period` on, every next token is predictable. */
  period: number;
}

/**
 * One sequence of the task, drawn from `r`. For copy, reverse and sort, `period` is HALF: the answer is
 * predicted from position HALF (the separator) on. Copy and reverse draw their tokens independently (a token
 * may recur, so only its place tells which comes next); sort draws distinct ones.
 */
export function sequence(r: Rng, task: TaskName = 'induction'): Sequence {
  if (task === 'induction') {
    const period = PERIOD_MIN + r.int(PERIOD_MAX - PERIOD_MIN + 1);
    // Distinct tokens (the first `period` of a shuffle), so every repeated token has one successor.
    const stretch = r.permutation(VOCAB).slice(0, period);
    return { tokens: Array.from({ length: LENGTH + 1 }, (_, i) => stretch[i % period]), period };
  }
  const x = Array.from({ length: HALF }, () => r.int(SEP));
  const answer = task === 'copy' ? x.slice() : task === 'reverse' ? x.slice().reverse() : x.slice().sort((a, b) => a - b);
  return { tokens: [...x, SEP, ...answer], period: HALF };
}

export interface Batch {
  ids: number[][];
  targets: number[][];
  periods: number[];
}

export function batch(n: number, r: Rng, task: TaskName = 'induction'): Batch {
  const seqs = Array.from({ length: n }, () => sequence(r, task));
  return { ids: seqs.map((s) => s.tokens.slice(0, LENGTH)), targets: seqs.map((s) => s.tokens.slice(1)), periods: seqs.map((s) => s.period) };
}

/** Attention-only decoder: logits = W_U (e + p + Σ_l attention_l(residual)), causal in every layer. */
export class TinyTransformer extends nn.Module {
  embed: nn.Embedding;
  pos: nn.PositionalEmbedding;
  attn: nn.MultiHeadAttention[];
  unembed: nn.Linear;

  constructor(readonly layers: number, readonly heads: number, r: Rng, readonly width = DIM) {
    super();
    this.embed = new nn.Embedding(VOCAB, width, { rng: r });
    this.pos = new nn.PositionalEmbedding(LENGTH, width, { rng: r });
    this.attn = Array.from({ length: layers }, () => new nn.MultiHeadAttention(width, heads, { rng: r }));
    this.unembed = new nn.Linear(width, VOCAB, { rng: r });
    // Small starting weights (N(0, 0.1²)): the model starts near a uniform guess.
    for (const p of this.parameters()) if (p.ndim === 2) for (let i = 0; i < p.size; i++) p.data[i] = r.normal(0, 0.1);
  }

  /** B sequences of LENGTH tokens → logits [B, LENGTH, VOCAB]; each layer's weights stay in `attn[l].attention`. */
  forward(ids: number[][]): Tensor {
    let x = this.embed.forward(ids.flat()).reshape(ids.length, LENGTH, this.width).add(this.pos.forward(LENGTH));
    for (const layer of this.attn) {
      const [y] = layer.forward(x, x, x, { isCausal: true, needWeights: false });
      x = x.add(y);
    }
    return this.unembed.forward(x);
  }

  loss(b: Batch): Tensor {
    return crossEntropy(this.forward(b.ids).reshape(-1, VOCAB), b.targets.flat());
  }
}

export interface Scores {
  /** Mean cross-entropy on the tokens that repeat (positions ≥ period), and on the first occurrences. */
  repeatLoss: number;
  firstLoss: number;
  /** Share of repeated tokens the model ranks first. */
  repeatAccuracy: number;
  /**
   * Per layer and head: mean weight on the previous token, and where the answer is: on the induction task
   * the tokens that followed earlier occurrences of the current one; on the others, over the answer's
   * positions, the input positions that hold the token to be predicted.
   */
  previousToken: number[][];
  induction: number[][];
}

/** The model's scores on a batch (no gradients). */
export function evaluate(model: TinyTransformer, b: Batch, task: TaskName = 'induction'): Scores {
  return noGrad(() => {
    const logits = model.forward(b.ids).data;
    let repeat = 0, first = 0, nr = 0, nf = 0, right = 0;
    for (let s = 0; s < b.ids.length; s++) {
      for (let t = 0; t < LENGTH; t++) {
        const row = logits.subarray((s * LENGTH + t) * VOCAB, (s * LENGTH + t + 1) * VOCAB);
        let m = -Infinity, best = 0;
        row.forEach((v, k) => { if (v > m) [m, best] = [v, k]; });
        let z = 0;
        for (const v of row) z += Math.exp(v - m);
        const loss = Math.log(z) - (row[b.targets[s][t]] - m);
        if (t >= b.periods[s]) {
          repeat += loss; nr++;
          if (best === b.targets[s][t]) right++;
        } else {
          first += loss; nf++;
        }
      }
    }
    const H = model.heads;
    const previousToken = model.attn.map(() => new Array(H).fill(0));
    const induction = model.attn.map(() => new Array(H).fill(0));
    model.attn.forEach((layer, l) => {
      const w = layer.attention!.data;
      let np = 0, ni = 0;
      for (let s = 0; s < b.ids.length; s++) {
        const p = b.periods[s];
        for (let t = 1; t < LENGTH; t++) {
          np++;
          if (t >= p) ni++;
          for (let h = 0; h < H; h++) {
            const at = ((s * H + h) * LENGTH + t) * LENGTH;
            previousToken[l][h] += w[at + t - 1];
            if (t < p) continue;
            // Every earlier occurrence j − 1 of the token at t points to j, the token that followed it.
            if (task === 'induction') for (let j = t - p + 1; j > 0; j -= p) induction[l][h] += w[at + j];
            else for (let j = 0; j < HALF; j++) if (b.ids[s][j] === b.targets[s][t]) induction[l][h] += w[at + j];
          }
        }
      }
      for (let h = 0; h < H; h++) {
        previousToken[l][h] /= np;
        induction[l][h] /= Math.max(1, ni);
      }
    });
    return { repeatLoss: repeat / nr, firstLoss: first / nf, repeatAccuracy: right / nr, previousToken, induction };
  });
}

export interface InductionSettings {
  layers: number;
  heads: number;
  seed: number;
  /** The task (default: induction) and the model's width (default: DIM). */
  task?: TaskName;
  width?: number;
}

export interface InductionReport {
  task: TaskName;
  layers: number;
  heads: number;
  width: number;
  steps: number;
  /** Training steps at each measurement, and the scores there. */
  at: number[];
  repeatLoss: number[];
  firstLoss: number[];
  repeatAccuracy: number[];
  /** The latest per-head scores. */
  previousToken: number[][];
  induction: number[][];
  /** The probe sequence (LENGTH tokens), its period, and every head's weights on it: [layers][heads] of LENGTH × LENGTH. */
  probe: number[];
  probePeriod: number;
  patterns: Float32Array[][];
  /** The cross-entropy of the next-token prediction at each of the probe's LENGTH positions. */
  probeLoss: number[];
}

/** The cross-entropy at each position of one sequence's logits [LENGTH × VOCAB]. */
export function positionLosses(logits: Float32Array, targets: number[]): number[] {
  return targets.map((target, t) => {
    const row = logits.subarray(t * VOCAB, (t + 1) * VOCAB);
    let m = -Infinity;
    for (const v of row) m = Math.max(m, v);
    let z = 0;
    for (const v of row) z += Math.exp(v - m);
    return Math.log(z) - (row[target] - m);
  });
}

/**
 * The probe whose attention the figure draws: number 0, on the induction task, has period 7, so its repeat
 * starts at position 7; the reader's "Another sequence" draws the next numbers, any period.
 */
export function probeSequence(task: TaskName = 'induction', n = 0): Sequence {
  if (n > 0) return sequence(makeRng(7 + 7919 * n), task);
  const r = makeRng(7);
  if (task !== 'induction') return sequence(r, task);
  for (;;) {
    const s = sequence(r);
    if (s.period === 7) return s;
  }
}

/** A training run in the trainer service's shape (components/trainer/task.ts): one epoch is 20 Adam steps (inductionSchedule). */
export function inductionRun(s: InductionSettings) {
  const task = s.task ?? 'induction';
  const width = s.width ?? DIM;
  const init = makeRng(s.seed);
  const model = new TinyTransformer(s.layers, s.heads, init, width);
  const { batch: B, lr, stepsPerEpoch } = inductionSchedule;
  const opt = new optim.Adam(model.parameters(), { lr });
  const data = makeRng(s.seed + 1000);
  const test = batch(TEST_SIZE, makeRng(s.seed + 2000), task);
  let probe = probeSequence(task);
  let probeBatch: Batch = { ids: [probe.tokens.slice(0, LENGTH)], targets: [probe.tokens.slice(1)], periods: [probe.period] };
  let steps = 0;
  let lastLoss = Math.log(VOCAB);
  let history = { at: [] as number[], repeatLoss: [] as number[], firstLoss: [] as number[], repeatAccuracy: [] as number[] };
  let latest: Scores | null = null;
  let patterns: Float32Array[][] = [];
  let probeLoss: number[] = [];
  const copy = () => ({ at: history.at.slice(), repeatLoss: history.repeatLoss.slice(), firstLoss: history.firstLoss.slice(), repeatAccuracy: history.repeatAccuracy.slice() });
  const run = {
    epoch: 0,
    model,
    trainEpoch() {
      lastLoss = trainSteps(opt, stepsPerEpoch, () => model.loss(batch(B, data, task)));
      steps += stepsPerEpoch;
      run.epoch++;
    },
    measure() {
      latest = evaluate(model, test, task);
      truncateHistory(history, steps);
      history.at.push(steps);
      history.repeatLoss.push(latest.repeatLoss);
      history.firstLoss.push(latest.firstLoss);
      history.repeatAccuracy.push(latest.repeatAccuracy);
      probeLoss = positionLosses(noGrad(() => model.forward(probeBatch.ids)).data, probeBatch.targets[0]);
      patterns = model.attn.map((layer) => Array.from({ length: s.heads }, (_, h) => layer.attention!.data.slice(h * LENGTH * LENGTH, (h + 1) * LENGTH * LENGTH)));
      return { loss: run.epoch === 0 ? latest.repeatLoss : lastLoss, testLoss: latest.repeatLoss };
    },
    parameters: () => model.parameters(),
    report: (): InductionReport => ({
      task,
      layers: s.layers,
      heads: s.heads,
      width,
      steps,
      ...copy(),
      previousToken: latest?.previousToken.map((r) => r.slice()) ?? [],
      induction: latest?.induction.map((r) => r.slice()) ?? [],
      probe: probeBatch.ids[0].slice(),
      probePeriod: probe.period,
      patterns: patterns.map((l) => l.map((p) => p.slice())),
      probeLoss: probeLoss.slice(),
    }),
    commands: {
      /** Draws probe number `n` (0 is the first): the heat maps and the loss per position are read on it from now on. */
      probe(n: number) {
        if (!Number.isInteger(n) || n < 0) throw new Error('A probe is numbered 0, 1, 2, …');
        probe = probeSequence(task, n);
        probeBatch = { ids: [probe.tokens.slice(0, LENGTH)], targets: [probe.tokens.slice(1)], periods: [probe.period] };
      },
    },
    saveState: () => ({ optimizer: opt.stateDict(), steps, data: data.getState(), history: copy() }),
    loadState(state: unknown) {
      const st = state as { optimizer: unknown; steps: number; data: ReturnType<Rng['getState']>; history: typeof history };
      opt.loadStateDict(st.optimizer as never); // the state its own stateDict wrote
      steps = st.steps;
      data.setState(st.data);
      history = { at: st.history.at.slice(), repeatLoss: st.history.repeatLoss.slice(), firstLoss: st.history.firstLoss.slice(), repeatAccuracy: st.history.repeatAccuracy.slice() };
    },
  };
  return run;
}
