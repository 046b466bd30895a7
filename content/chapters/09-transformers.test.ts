// Every number chapter 9's prose quotes is measured here: the code cells are run as the page runs them (the
// engine in scope, their tables captured), the attention figure's model is asked for the weights the prose
// reads off it, and the tiny transformer's runs, trained as the figure trains them seed by seed, are read from
// their recording (fixtures/transformer-runs.json), whose first 100 steps are trained again here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { attend, K, Q0 } from '../../components/AttentionByHand/attention.ts';
import { inductionSchedule, TinyTransformer, VOCAB } from '../../components/InductionHeads/task.ts';
import { INDUCTION_RUNS, recordInductionRun, type InductionRecord } from '../../components/InductionHeads/record.ts';
import { changes, dotsFrom, encoding } from '../../components/Positions/positions.ts';
import { SWAPPED } from '../../components/Positions/model.svelte.ts';
import { proseWords } from '../prose.ts';
import { CharNet, splitNames, stream } from '../../components/CharacterModel/charmodel.ts';
import { buildModel, namesOf, tinyLMSchedule } from '../../components/TinyLM/task.ts';
import { recordTinyLMRun, type TinyLMRecord } from '../../components/TinyLM/record.ts';
import { chapterText } from './chapterText.ts';

const { text, prose, run, says } = chapterText('09-transformers.mdx');
const f2 = (v: number) => v.toFixed(2);
const names = namesOf(JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/names.json'), 'utf8')));
// The runs the prose reads, recorded by the code that trains them in the figure (components/InductionHeads/record.ts
// and components/TinyLM/record.ts) into fixtures/transformer-runs.json (`npm run data:transformer-runs`). The first
// test below trains the first 100 steps of one run of every kind again and requires the same curves, bit for bit:
// a change to the engine or the models that changes training fails it until the file is recorded again.
const recorded = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/transformer-runs.json'), 'utf8')) as { induction: InductionRecord[]; tinyLM: TinyLMRecord };
const REPLAY = 100;
const runOf = (task: string, layers: number, heads: number, seed: number) => {
  const r = recorded.induction.find((x) => (x.settings.task ?? 'induction') === task && x.settings.layers === layers && x.settings.heads === heads && x.settings.seed === seed);
  if (!r) throw new Error(`no recorded run of ${task} with ${layers} layer(s) of ${heads} head(s), seed ${seed}`);
  return r;
};
const last = (v: number[]) => v.at(-1)!;

describe('chapter 9 recorded runs', () => {
  it('are the runs of this code: the first 100 steps of one run of every kind again give the recorded curves, and the budgets are the figures’', () => {
    expect(recorded.induction.map(({ settings, steps }) => ({ settings, steps }))).toEqual(INDUCTION_RUNS);
    expect(runOf('sort', 1, 1, 1).steps).toBe(inductionSchedule.budget.steps);
    expect(recorded.tinyLM.steps).toBe(tinyLMSchedule.budget.steps);
    const kinds = new Map<string, InductionRecord>();
    for (const r of recorded.induction) {
      const kind = `${r.settings.task ?? 'induction'} ${r.settings.layers} ${r.settings.heads}`;
      if (!kinds.has(kind)) kinds.set(kind, r);
    }
    expect(kinds.size).toBe(6);
    for (const [kind, r] of kinds) {
      const live = recordInductionRun(r.settings, REPLAY);
      const n = live.at.length;
      expect(n).toBe(REPLAY / 20 + 1);
      for (const k of ['at', 'repeatLoss', 'firstLoss', 'repeatAccuracy'] as const) expect(live[k], `${kind}, seed ${r.settings.seed}: ${k}`).toEqual(r[k].slice(0, n));
    }
    const lm = recordTinyLMRun({ names, seed: recorded.tinyLM.seed }, REPLAY);
    const n = lm.at.length;
    expect(n).toBe(REPLAY / 25 + 1);
    for (const k of ['at', 'trainLoss', 'testLoss', 'lstmTrainLoss', 'lstmTestLoss'] as const) expect(lm[k], `the tiny language model: ${k}`).toEqual(recorded.tinyLM[k].slice(0, n));
  }, 120_000);
});

describe('chapter 9 numbers', () => {
  it('the attention figure: the scores, scaled scores, weights and output of “sat”, at c = 1, 4 and 8 and with the mask', () => {
    expect(Q0[2]).toEqual([1, 1]);
    says('the keys are $(0, 1)$, $(1, 0)$, $(1, 1)$ and $(2, 1)$');
    expect(K).toEqual([[0, 1], [1, 0], [1, 1], [2, 1]]);
    const s = attend(Q0, { scaled: true, causal: false, gain: 1 });
    expect(s.scores[2]).toEqual([1, 1, 2, 3]);
    says(`they become $${s.scaled[2].slice(0, 3).map(f2).join('$, $')}$ and $${f2(s.scaled[2][3])}$`);
    says(`the weights $${s.weights[2].slice(0, 3).map(f2).join('$, $')}$ and $${f2(s.weights[2][3])}$`);
    says(`= (${s.output[2].map(f2).join(', ')}).`);
    const at4 = attend(Q0, { scaled: true, causal: false, gain: 4 }).weights[2][3];
    says(`at $c = 4$ the weights of "sat" are already $${f2(at4)}$ on "down"`);
    expect(f2(attend(Q0, { scaled: true, causal: false, gain: 8 }).weights[2][3])).toBe('1.00');
    const m = attend(Q0, { scaled: true, causal: true, gain: 1 }).weights;
    expect(m[0]).toEqual([1, 0, 0, 0]);
    says(`its weights become $${f2(m[2][0])}$, $${f2(m[2][1])}$ and $${f2(m[2][2])}$`);
  });

  it('the scale cell: the spread of q·k grows like √d_k, and unscaled scores saturate the softmax', () => {
    const [rows] = run('scale');
    const std = rows.map((r) => r['std of q·k'] as number);
    says(`The measured standard deviations are $${std.slice(0, 3).join('$, $')}$ and $${std[3]}$`);
    const raw = rows.map((r) => r['top weight, raw'] as number);
    says(`averages $${raw[0]}$ at $d_k = 2$ but $${raw[2]}$ at $d_k = 64$`);
    says(`and $${raw[3]}$ at $d_k = 256$`);
    const scaled = rows.map((r) => r['top weight, scaled'] as number);
    says(`it stays at $${f2(Math.min(...scaled))}$ to $${f2(Math.max(...scaled))}$ for every width`);
  });

  it('the permutation cell: equivariant without positions, not with them', () => {
    const [rows] = run('permutation');
    expect(rows[0]['largest difference'] as number).toBeLessThan(1e-6);
    expect(rows[1]['largest difference'] as number).toBeGreaterThan(1e-2);
    says('below $10^{-6}$');
  });

  it('the causal cell: positions after the loss’s position get a gradient of exactly 0', () => {
    const [rows] = run('causal');
    const g = rows.map((r) => r['size of the gradient'] as number);
    expect(g[3]).toBe(0);
    expect(g[4]).toBe(0);
    for (const t of [0, 1, 2]) expect(g[t]).toBeGreaterThan(0);
    says('Positions $3$ and $4$ get a gradient of exactly $0$');
  });

  it('keeps 2,500 to 4,000 prose words, as chapters 7 to 12 are to', () => {
    const n = proseWords(text);
    expect(n).toBeGreaterThanOrEqual(2500);
    expect(n).toBeLessThanOrEqual(4000);
  });

  it('the positions figure: p_s · p_t is d/2 at t = s and depends only on t − s; word order is invisible without positions', () => {
    for (const d of [8, 16, 64]) {
      const pe = encoding(d);
      expect(dotsFrom(pe, 12)[12]).toBeCloseTo(d / 2, 4);
      dotsFrom(pe, 3).slice(3, 20).forEach((v, k) => expect(v).toBeCloseTo(dotsFrom(pe, 20)[20 + k], 4));
    }
    says('It is largest, $d/2$, at $t = s$');
    says('"the man bit the dog" gives every token exactly the output it had in "the dog bit the man", until positions are added');
    expect(changes(SWAPPED, false)).toEqual([0, 0, 0, 0, 0]);
    expect(Math.min(...changes(SWAPPED, true))).toBeGreaterThan(0);
  });

  it('the tiny language model: held-out loss per letter after 1,000 steps, against a uniform guess, the letter frequencies and chapter 8’s LSTM beside it', () => {
    says(`on $${names.length.toLocaleString('en-US').replace(',', '{,}')}$ first names`);
    // As the figure trains them by default: the LSTM beside the transformer, on the same windows (recorded).
    expect(recorded.tinyLM.at.at(-1)).toBe(1000);
    const ours = last(recorded.tinyLM.testLoss);
    const theirs = last(recorded.tinyLM.lstmTestLoss);
    // The letter frequencies of the run's training stream, read on its held-out windows (tinyLMRun's seeds 1 + 1, 1 + 2, 1 + 3).
    const { train, test } = splitNames(names, engine.rng(2));
    const trainText = stream(train, engine.rng(3));
    const testText = stream(test, engine.rng(4));
    const counts = new Array(27).fill(1);
    for (const id of trainText) counts[id]++;
    const total = counts.reduce((a, b) => a + b, 0);
    const window = testText.subarray(0, 64 * 16 + 1);
    let uni = 0;
    for (let i = 1; i < window.length; i++) uni -= Math.log(counts[window[i]] / total);
    uni /= window.length - 1;
    expect(ours).toBeLessThan(uni - 0.3);
    says(`its loss on held-out names is $${f2(ours)}$ per letter, against $${f2(Math.log(27))}$ for a uniform guess and $${f2(uni)}$ for the letter frequencies alone`);
    says(`reaches $${f2(theirs)}$`);
    const count = (ps: { size: number }[]) => ps.reduce((a, p) => a + p.size, 0).toLocaleString('en-US').replace(',', '{,}');
    says(`($${count(new CharNet().parameters())}$ parameters to this model's $${count(buildModel(engine.rng(1)).parameters())}$)`);
  });

  it('the tiny transformer has the parameter count the prose gives', () => {
    const m = new TinyTransformer(2, 2, engine.rng(1));
    const n = m.parameters().reduce((a, p) => a + p.size, 0);
    says(`has $${n.toLocaleString('en-US').replace(',', '{,}')}$ parameters`);
    says(`$${Math.log(VOCAB).toFixed(2)}$, the loss of a uniform guess over $16$ tokens`);
  });

  it('the other tasks, as the figure trains them (seed 1), with one layer of one head: copy and reverse by place, sort stuck', () => {
    const copy = runOf('copy', 1, 1, 1), reverse = runOf('reverse', 1, 1, 1), sort = runOf('sort', 1, 1, 1);
    expect([copy.steps, reverse.steps, sort.steps]).toEqual([400, 400, inductionSchedule.budget.steps]);
    const pct = (r: InductionRecord) => Math.round(last(r.repeatAccuracy) * 100);
    expect(Math.min(pct(copy), pct(reverse))).toBeGreaterThanOrEqual(99);
    says('copies or reverses at least $99\\%$ of the answer tokens within $400$ steps');
    // one line each: the answer position t reads the input place the token comes from
    for (const r of [copy, reverse]) expect(r.induction[0][0]).toBeGreaterThan(0.9);
    says(`one head still gets only $${pct(sort)}\\%$ of the answer right after $${inductionSchedule.budget.steps.toLocaleString('en-US').replace(',', '{,}')}$ steps`);
  });

  it('two layers: the repeated-token loss falls slowly, then drops; the induction head forms; one layer stays stuck', () => {
    const runs = [1, 2, 3, 4].map((seed) => runOf('induction', 2, 2, seed));
    for (const r of runs) expect(r.at).toEqual(Array.from({ length: 51 }, (_, e) => e * 20));
    const below2 = runs.map((r) => r.at[r.repeatLoss.findIndex((v) => v < 2)]);
    const drop = runs.map((r) => {
      const i = r.repeatLoss.findIndex((v) => v < 1);
      let j = i;
      while (r.repeatLoss[j] <= 2) j--;
      return r.at[i] - r.at[j];
    });
    expect(runs[0].repeatLoss[0]).toBeCloseTo(Math.log(VOCAB), 1);
    says(`it took $${Math.min(...below2)}$ to $${Math.max(...below2)}$ steps to get below $2$`);
    says(`at most $${Math.max(...drop)}$ more to fall below $1$`);
    const acc = runs.map((r) => last(r.repeatAccuracy));
    expect(Math.min(...acc)).toBeGreaterThanOrEqual(0.99);
    says('at least $99\\%$ of the repeated positions');
    const best = runs.map((r) => Math.max(...r.induction[1]));
    says(`the best layer-2 head put $${f2(Math.min(...best))}$ to $${f2(Math.max(...best))}$ of its weight`);
    // and a layer-1 head attends to the previous token
    for (const r of runs) expect(Math.max(...r.previousToken[0])).toBeGreaterThan(0.25);
    // on the figure's probe (period 7), the loss per position: high on the first stretch, low on the repeat
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const firstPart = runs.map((r) => mean(r.probeLoss.slice(0, r.probePeriod)));
    const repeatPart = runs.map((r) => mean(r.probeLoss.slice(r.probePeriod)));
    expect(Math.min(...firstPart)).toBeGreaterThan(1.5);
    expect(Math.max(...repeatPart)).toBeLessThan(0.2);
    says(`averages $${f2(Math.min(...firstPart))}$ to $${f2(Math.max(...firstPart))}$ over the first stretch of that sequence and at most $${f2(Math.max(...repeatPart))}$ over its repeat`);

    const one = [1, 2, 3].map((seed) => runOf('induction', 1, 2, seed));
    for (const r of one) expect(r.steps).toBe(1000);
    const loss = one.map((r) => last(r.repeatLoss));
    const oneAcc = one.map((r) => Math.round(last(r.repeatAccuracy) * 100));
    says(`still $${f2(Math.min(...loss))}$ to $${f2(Math.max(...loss))}$`);
    says(`only $${Math.min(...oneAcc)}\\%$ to $${Math.max(...oneAcc)}\\%$ of the time`);
    const four = runOf('induction', 1, 4, 1);
    expect(four.steps).toBe(1000);
    expect(last(four.repeatLoss)).toBeGreaterThan(Math.min(...loss) - 0.1);
  });
});
