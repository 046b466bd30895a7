// One case of the debugging lab as a model the view draws: the broken run on the trainer service, the
// controls the reader may change (each change starts the run over), the diagnosis as a checked multiple
// choice, the goal checked from the run's numbers, the share-link state and the description.
import { z } from 'zod';
import type { LiveRunOptions } from '../trainer/liveRun.svelte.ts';
import { epochs, TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import type { FigureModel } from '../ui/figure.svelte.ts';
import { defineState, type FigureState } from '../ui/figureState.ts';
import { cases, settingsFor, type CaseId, type Choice, type Control, type Fix, type LabCase, type Outcome } from './cases.ts';
import { labTask, type LabFixed, type LabReport, type LabSettings } from './labTask.ts';
import { backwardRules } from './softplus.ts';

export const LR_MIN = 1e-5;
export const LR_MAX = 10;

/** The link's state of one case: the controls' values (the case's broken run gives the defaults). */
export function caseState(c: LabCase) {
  const b = c.broken;
  return defineState({
    version: 1,
    schema: z.object({
      lr: z.number().min(LR_MIN).max(LR_MAX).default(b.lr),
      biasInit: z.number().min(-3).max(1).meta({ step: 0.25 }).default(b.biasInit),
      activation: z.enum(['relu', 'leakyRelu', 'tanh', 'sigmoid', 'softplus']).default(b.activation),
      depth: z.number().int().min(1).max(8).default(b.depth),
      standardize: z.boolean().default(b.standardize),
      zeroGrad: z.boolean().default(b.zeroGrad),
      backward: z.enum(backwardRules).default(b.backward),
      pairLabels: z.boolean().default(b.pairLabels),
      dropLeak: z.boolean().default(b.dropLeak),
      points: z.number().int().min(12).max(240).meta({ step: 12 }).default(b.points),
      l2: z.number().min(0).max(0.01).meta({ step: 0.001 }).default(b.l2),
      logits: z.boolean().default(b.logits),
    }),
  });
}
type CaseSpec = ReturnType<typeof caseState>;

/** The choices in the order shown: rotated by the case's place, so the right one is not always first. */
export function shownChoices(c: LabCase): Choice[] {
  const k = (Object.keys(cases).indexOf(c.id) * 3 + 2) % c.choices.length;
  return [...c.choices.slice(k), ...c.choices.slice(0, k)];
}

const loss = (v: number) => (Number.isNaN(v) ? 'not a number' : !Number.isFinite(v) ? 'infinite' : Math.abs(v) >= 1e4 ? v.toExponential(1) : v.toFixed(3));
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** What the exercise reads: the case, the diagnosis, the run's numbers and whether they meet the goal. */
export interface CaseReport {
  case: CaseId;
  diagnosis: 'right' | 'wrong' | null;
  goalMet: boolean;
  outcome: Outcome;
}

export class DebugCaseModel implements FigureModel<CaseSpec['schema']> {
  readonly case: LabCase;
  readonly spec: FigureState<CaseSpec['schema']>;
  readonly choices: Choice[];
  fix: Fix = $state.raw() as Fix;
  /** The choice selected (its place in `choices`), and the verdict once checked. */
  selected: number | null = $state(null);
  verdict: 'right' | 'wrong' | null = $state(null);
  /** Set once training has paused where the goal was first met (once per run, so Train goes on from there). */
  pausedAtGoal = false;
  /** The gradient check's result is shown once asked for. */
  gradCheckShown = $state(false);
  readonly training: TrainingFigure<LabSettings, LabReport, LabFixed>;

  constructor(id: CaseId, options: LiveRunOptions = {}) {
    this.case = cases[id];
    this.spec = caseState(this.case);
    this.choices = shownChoices(this.case);
    this.fix = this.case.broken;
    this.training = new TrainingFigure(labTask, settingsFor(this.case, this.fix), {
      ...options,
      everyEpoch: true,
      stop: { maxEpochs: this.case.budget },
      divergenceAdvice: 'Change one of the settings below: training starts over with it.',
    });
  }

  get animating(): boolean {
    return this.training.running;
  }

  snapshot() {
    return { ...this.fix };
  }

  /** Takes the case's controls from `state` (the others stay as the case has them) and starts over. */
  apply(state: z.output<CaseSpec['schema']>): void {
    const next = { ...this.case.broken };
    for (const k of this.case.controls) (next as Record<Control, unknown>)[k] = state[k];
    this.fix = next;
    this.gradCheckShown = false;
    this.pausedAtGoal = false;
    this.training.restart(settingsFor(this.case, next));
  }

  reset(): void {
    this.selected = null;
    this.verdict = null;
    this.apply(this.case.broken);
  }

  /** Changes one control: the run starts over with it. */
  set<K extends Control>(key: K, v: Fix[K]): void {
    this.apply({ ...this.fix, [key]: v });
  }

  choose(i: number): void {
    this.selected = i;
    this.verdict = null;
  }

  /** Checks the selected diagnosis. */
  diagnose(): void {
    if (this.selected === null) return;
    this.verdict = this.choices[this.selected].correct ? 'right' : 'wrong';
  }

  /** The run's numbers now, as the goal reads them. */
  readonly outcome: Outcome = $derived.by(() => {
    const { live } = this.training;
    return {
      epoch: live.epoch,
      diverged: live.diverged !== null,
      trainLoss: live.trainLoss,
      testLoss: live.testLoss,
      trainAccuracy: live.shown?.trainAccuracy ?? 0,
      testAccuracy: live.shown?.testAccuracy ?? 0,
      overlap: live.fixed?.overlap ?? 0,
      gradCheckOk: live.fixed?.gradCheck ? live.fixed.gradCheck.ok : null,
      fix: this.fix,
    };
  });
  readonly goalMet = $derived.by(() => this.outcome.epoch > 0 && this.case.met(this.outcome));

  /** Pauses training the first time the goal is met in a run, so the reader sees that epoch; true if it did. */
  pauseAtGoal(): boolean {
    if (!this.goalMet || !this.training.running || this.pausedAtGoal) return false;
    this.pausedAtGoal = true;
    this.training.toggle();
    return true;
  }

  report(): CaseReport {
    return { case: this.case.id, diagnosis: this.verdict, goalMet: this.goalMet, outcome: this.outcome };
  }

  /** The figure in words (without the moving numbers while it trains). */
  describe(): string {
    const { live, running, message } = this.training;
    const head = `${this.case.title}: `;
    if (live.diverged) return head + message;
    if (running) return `${head}training; the numbers are described when it pauses.`;
    if (live.epoch === 0) return `${head}not trained yet. The loss at initialisation is ${loss(live.fixed?.initialLoss ?? NaN)}, against ln ${this.case.base.classes} = ${Math.log(this.case.base.classes).toFixed(3)} for a network that knows nothing.`;
    const o = this.outcome;
    const layers = live.shown?.layers ?? [];
    const grads = layers.map((l) => `${l.name} ${l.gradNorm.toExponential(1)}`).join(', ');
    return (
      `${head}after ${epochs(o.epoch)} of ${this.case.budget}, training loss ${loss(o.trainLoss)}, test loss ${loss(o.testLoss)}, ` +
      `training accuracy ${pct(o.trainAccuracy)}, test accuracy ${pct(o.testAccuracy)}. Gradient norms by layer: ${grads}. ` +
      (this.goalMet ? 'The goal is met.' : 'The goal is not met yet.') +
      (message ? ` ${message}` : '')
    );
  }
}
