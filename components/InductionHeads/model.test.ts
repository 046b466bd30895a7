// The InductionHeads model over the trainer service (on the page, as in Node) and the task behind it: the
// sequences are what the chapter describes, a step trains and measures, the description reads the heads,
// new settings start over, and links round-trip.
import { describe, expect, it } from 'vitest';
import { rng } from '../../engine/index.ts';
import { inductionTask } from './inductionTask.ts';
import { checkModel } from '../ui/modelContract.ts';
import { bestHead, InductionModel, inductionState } from './model.svelte.ts';
import { batch, HALF, inductionRun, LENGTH, positionLosses, PERIOD_MAX, PERIOD_MIN, probeSequence, SEP, sequence, inductionSchedule, VOCAB } from './task.ts';

describe('the induction task', () => {
  it('repeats a stretch of 4 to 12 distinct tokens to fill 24 positions, and the targets are the inputs shifted by one', () => {
    const r = rng(5);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const { tokens, period } = sequence(r);
      seen.add(period);
      expect(tokens).toHaveLength(LENGTH + 1);
      expect(new Set(tokens.slice(0, period)).size).toBe(period);
      for (let t = period; t <= LENGTH; t++) expect(tokens[t]).toBe(tokens[t - period]);
      for (const v of tokens) expect(v >= 0 && v < VOCAB).toBe(true);
    }
    expect(Math.min(...seen)).toBe(PERIOD_MIN);
    expect(Math.max(...seen)).toBe(PERIOD_MAX);
    const b = batch(3, rng(1));
    b.ids.forEach((ids, s) => expect(ids.slice(1)).toEqual(b.targets[s].slice(0, -1)));
    expect(probeSequence().period).toBe(7);
  });

  it('copy, reverse and sort: 12 tokens below the separator, the separator, then the answer, predicted from position 12 on', () => {
    const r = rng(2);
    for (const task of ['copy', 'reverse', 'sort'] as const) {
      for (let i = 0; i < 50; i++) {
        const { tokens, period } = sequence(r, task);
        expect(tokens).toHaveLength(LENGTH + 1);
        expect(period).toBe(HALF);
        const x = tokens.slice(0, HALF);
        for (const v of x) expect(v >= 0 && v < SEP).toBe(true);
        expect(tokens[HALF]).toBe(SEP);
        const want = task === 'copy' ? x : task === 'reverse' ? x.slice().reverse() : x.slice().sort((a, b) => a - b);
        expect(tokens.slice(HALF + 1)).toEqual(want);
      }
    }
    // tokens may recur in copy and reverse, so the answer is found by place, not by content alone
    expect(Array.from({ length: 20 }, () => sequence(r, 'copy')).some((s) => new Set(s.tokens.slice(0, HALF)).size < HALF)).toBe(true);
    expect(probeSequence('reverse').tokens).toEqual(sequence(rng(7), 'reverse').tokens);
  });

  it('one head learns to copy: past 95% of the answer within 400 steps, its head on the token to be written', () => {
    const run = inductionRun({ task: 'copy', layers: 1, heads: 1, seed: 1 });
    for (let e = 0; e < 400 / inductionSchedule.stepsPerEpoch; e++) run.trainEpoch();
    run.measure();
    const r = run.report();
    expect(r).toMatchObject({ task: 'copy', layers: 1, heads: 1, width: 32, steps: 400 });
    expect(r.repeatAccuracy.at(-1)).toBeGreaterThanOrEqual(0.95);
    expect(r.induction[0][0]).toBeGreaterThan(0.9);
    // its attention on the probe: each answer position reads the input 12 places back (the separator reads position 0)
    const p = r.patterns[0][0];
    for (let t = HALF; t < LENGTH; t++) expect(p[t * LENGTH + (t - HALF)]).toBeGreaterThan(0.5);
  });

  it('builds three layers at width 64, and refuses what it cannot build', () => {
    const run = inductionTask.create({ task: 'sort', layers: 3, heads: 4, width: 64, seed: 1 });
    run.measure();
    const r = run.report();
    expect(r.patterns).toHaveLength(3);
    expect(r.patterns[2]).toHaveLength(4);
    expect(run.parameters()[0].shape).toEqual([VOCAB, 64]);
    expect(() => inductionTask.create({ layers: 4, heads: 2, seed: 1 })).toThrow(/1, 2 or 3 layers/);
    expect(() => inductionTask.create({ layers: 2, heads: 2, width: 48, seed: 1 })).toThrow(/32 or 64/);
    expect(() => inductionTask.create({ layers: 2, heads: 2, task: 'add' as never, seed: 1 })).toThrow(/copy, reverse and sort/);
  });

  it('the same seed trains to the same numbers, and a loaded run goes on with the same batches', () => {
    const a = inductionRun({ layers: 2, heads: 2, seed: 3 });
    a.trainEpoch();
    a.measure();
    const saved = structuredClone(a.saveState());
    const weights = a.parameters().map((p) => p.data.slice());
    const b = inductionRun({ layers: 2, heads: 2, seed: 3 });
    b.parameters().forEach((p, i) => p.data.set(weights[i]));
    b.loadState(saved);
    a.trainEpoch();
    b.trainEpoch();
    expect(Array.from(b.parameters()[0].data)).toEqual(Array.from(a.parameters()[0].data));
    expect(a.measure()).toEqual(b.measure());
  });

  it('reports every head’s attention on the probe as rows that sum to 1 and ignore the future', () => {
    const run = inductionRun({ layers: 2, heads: 4, seed: 1 });
    run.measure();
    const r = run.report();
    expect(r.patterns).toHaveLength(2);
    expect(r.patterns[1]).toHaveLength(4);
    const p = r.patterns[1][3];
    for (let i = 0; i < LENGTH; i++) {
      let sum = 0;
      for (let j = 0; j < LENGTH; j++) {
        sum += p[i * LENGTH + j];
        if (j > i) expect(p[i * LENGTH + j]).toBe(0);
      }
      expect(sum).toBeCloseTo(1, 5);
    }
    expect(r.repeatLoss[0]).toBeCloseTo(Math.log(VOCAB), 1);
  });

  it('reports the loss at each position of the probe, each the cross-entropy of that position', () => {
    const run = inductionRun({ layers: 2, heads: 2, seed: 1 });
    run.measure();
    const { probeLoss } = run.report();
    expect(probeLoss).toHaveLength(LENGTH);
    // untrained and started near uniform: every position near ln 16
    for (const v of probeLoss) expect(Math.abs(v - Math.log(VOCAB))).toBeLessThan(0.3);
    const logits = new Float32Array(LENGTH * VOCAB);
    logits[3] = 2; // position 0 favours token 3
    const l = positionLosses(logits, [3, ...new Array(LENGTH - 1).fill(0)]);
    expect(l[0]).toBeCloseTo(Math.log(Math.E ** 2 + 15) - 2, 5);
    expect(l[1]).toBeCloseTo(Math.log(VOCAB), 5);
  });
});

describe('InductionModel', () => {
  it('describes the untrained model, then a step of training, and reports what the goal reads', () => {
    const m = new InductionModel();
    expect(m.describe()).toMatch(/^A tiny transformer with 2 layers of 2 heads, not trained yet: its loss on repeated tokens is 2\.77/);
    m.training.stepOnce();
    expect(m.steps).toBe(inductionSchedule.stepsPerEpoch);
    expect(m.describe()).toMatch(/^2 layers of 2 heads, 20 steps: loss on repeated tokens \d\.\d\d \(2\.77 is a uniform guess\), the right token ranked first at \d+% of repeated positions\. In layer 1, head \d puts 0\.\d\d of its weight on the previous token\. In layer 2, head \d puts 0\.\d\d/);
    expect(m.report()).toMatchObject({ layers: 2, heads: 2, steps: 20 });
    expect(typeof m.report().repeatAccuracy).toBe('number');
  });

  it('new layers or heads start training over; reset goes back to the opening settings', () => {
    const m = new InductionModel({ layers: 1 });
    m.training.stepOnce();
    m.setHeads(4);
    expect(m.steps).toBe(0);
    expect(m.latest?.heads).toBe(4);
    m.setLayers(2);
    expect(m.latest?.layers).toBe(2);
    m.setTask('reverse');
    expect(m.latest?.task).toBe('reverse');
    m.setWidth(64);
    expect(m.latest?.width).toBe(64);
    m.reset();
    expect(m.snapshot()).toEqual({ task: 'induction', layers: 1, heads: 2, width: 32, probe: 0 });
  });

  it('another sequence redraws the heat maps and the loss per position from the model as it is, without starting over', () => {
    const m = new InductionModel({ task: 'copy', layers: 1, heads: 1 });
    m.training.stepOnce();
    const before = m.latest!;
    m.anotherSequence();
    expect(m.snapshot().probe).toBe(1);
    const after = m.latest!;
    expect(after.steps).toBe(before.steps);
    expect(after.repeatLoss).toEqual(before.repeatLoss);
    expect(after.probe).not.toEqual(before.probe);
    expect(after.probe).toEqual(probeSequence('copy', 1).tokens.slice(0, LENGTH));
    expect(after.probeLoss).not.toEqual(before.probeLoss);
    // a link with sequence 1 opens on it; a new task keeps the number and draws that task's sequence 1
    const again = new InductionModel();
    again.apply({ ...m.snapshot() });
    expect(again.latest?.probe).toEqual(after.probe);
    again.setTask('induction');
    expect(again.latest?.probe).toEqual(probeSequence('induction', 1).tokens.slice(0, LENGTH));
    expect(() => inductionRun({ layers: 1, heads: 1, seed: 1 }).commands.probe(-1)).toThrow(/numbered/);
  });

  it('names the task and its tokens in its description', () => {
    const m = new InductionModel({ task: 'copy', layers: 1, heads: 1 });
    expect(m.describe()).toMatch(/^A tiny transformer with 1 layer of 1 head on the copy task, not trained yet: its loss on answer tokens is 2\.77/);
    m.training.stepOnce();
    expect(m.describe()).toMatch(/^1 layer of 1 head on the copy task, 20 steps: loss on answer tokens \d\.\d\d .* ranked first at \d+% of answer positions\. In layer 1, head 1 puts 0\.\d\d of its weight on the previous token\. In layer 1, head 1 puts \d\.\d\d on the input token to be written next\..* over the answer\./);
    expect(m.report()).toMatchObject({ task: 'copy', heads: 1, steps: 20 });
    expect(new InductionModel({ width: 64 }).describe()).toMatch(/^A tiny transformer with 2 layers of 2 heads, width 64, not/);
  });

  it('its link holds the task, layers, heads and width only, opens version 1 links, and refuses what the figure cannot build', () => {
    const m = new InductionModel({ heads: 4, task: 'sort', layers: 3, width: 64 });
    const back = inductionState.decode(inductionState.encode(m.snapshot()));
    expect(back.ok && back.state).toEqual({ task: 'sort', layers: 3, heads: 4, width: 64, probe: 0 });
    const old = inductionState.parse({ v: 1, layers: 1, heads: 4 });
    expect(old.ok && old.state).toEqual({ task: 'induction', layers: 1, heads: 4, width: 32, probe: 0 });
    const two = inductionState.parse({ v: 2, task: 'copy', layers: 1, heads: 1, width: 64 });
    expect(two.ok && two.state).toEqual({ task: 'copy', layers: 1, heads: 1, width: 64, probe: 0 });
    expect(inductionState.parse({ v: 3, probe: -1 }).ok).toBe(false);
    expect(inductionState.parse({ v: 1, layers: 3 }).ok).toBe(true);
    expect(inductionState.parse({ v: 3, layers: 4 }).ok).toBe(false);
    expect(inductionState.parse({ v: 3, heads: 3 }).ok).toBe(false);
    expect(inductionState.parse({ v: 3, width: 48 }).ok).toBe(false);
    expect(inductionState.parse({ v: 3, task: 'add' }).ok).toBe(false);
    expect(inductionState.read('%%%', inductionState.defaults()).notice).not.toBeNull();
  });

  it('finds the best head of a layer', () => {
    expect(bestHead([0.1, 0.7, 0.3])).toEqual({ head: 2, score: 0.7 });
    expect(bestHead([])).toBeNull();
  });
  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new InductionModel()));
});
