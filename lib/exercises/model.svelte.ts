// One exercise as a reader works it, without a DOM: the variant drawn from the reader's seed, the answer
// being written (and the one saved last time), Check with its verdict, hints one at a time, the solution
// reveal, attempts and completion, and whether the last save worked. The Exercise view draws this; code
// exercises run through whatever `runCode` the view hands in (the notebook kernel in the browser).
import { Rng } from '../../engine/random.ts';
import { seedFor } from './check.ts';
import { judgeResponse, type CodeRunner } from './judge.ts';
import { variantSeed } from './progress.ts';
import type { ProgressStore } from './store.svelte.ts';
import type { CheckResult, ExerciseSpec, RichText } from './types.ts';

export type { CodeRun } from './judge.ts';

export interface ExerciseOptions {
  /** "bank/exercise", e.g. "02-neurons/and-gate". */
  id: string;
  spec: ExerciseSpec;
  store: ProgressStore;
  /** Overrides the reader's own variant (teachers' assignments pass one). */
  seed?: string;
  /** Runs the reader's code and then the hidden checks, isolated from the page (the checks see the code's
   * top-level names and report with `__report(score, feedback)`). */
  runCode?: CodeRunner;
}

/** The verdict's word, by status. */
export const VERDICTS: Record<CheckResult['status'], string> = {
  correct: 'Correct',
  partial: 'Partly right',
  wrong: 'Not yet',
  invalid: 'Cannot check',
};

/** "Correct." or "Not yet. Check your working." The verdict, then the feedback, said once each. */
export function verdictText(r: CheckResult): string {
  return r.feedback ? `${VERDICTS[r.status]}. ${r.feedback}` : `${VERDICTS[r.status]}.`;
}

export class ExerciseModel {
  readonly id: string;
  readonly spec: ExerciseSpec;
  /** The seed of the variant shown: the assignment's, else the one the saved answer was given for, else the reader's. */
  readonly seed: string;
  /** This variant's numbers. */
  readonly params: unknown;
  readonly choices: { text: RichText; correct: boolean; why?: RichText }[];

  // The answer being written, by kind.
  text = $state('');
  selected: number[] = $state([]);
  code = $state('');
  widgetState: unknown = $state.raw(null);

  result: CheckResult | null = $state(null);
  /** The choices selected when the result was given (their "why" is shown with it). */
  checkedChoices: number[] = $state([]);
  checking = $state(false);
  hintsShown = $state(0);
  solutionShown = $state(false);
  /** Why the last attempt was not saved, or null. */
  saveProblem: string | null = $state(null);

  private store: ProgressStore;
  private runCode?: CodeRunner;

  constructor({ id, spec, store, seed, runCode }: ExerciseOptions) {
    this.id = id;
    this.spec = spec;
    this.store = store;
    this.runCode = runCode;
    this.seed = seed ?? variantSeed(store.progress, id);
    this.params = spec.params ? spec.params(new Rng(seedFor(id, this.seed))) : undefined;
    this.choices = spec.kind === 'choice' ? spec.choices(this.params) : [];
    if (spec.kind === 'code') this.code = spec.starter(this.params);
    this.restore();
  }

  private get entry() {
    return this.store.progress.exercises[this.id];
  }

  get attempts(): number {
    return this.entry?.attempts ?? 0;
  }

  get completed(): boolean {
    return this.entry?.completed ?? false;
  }

  get prompt(): RichText {
    return this.spec.prompt(this.params);
  }

  get solution(): RichText {
    return this.spec.solution(this.params);
  }

  /** The hints shown so far. */
  get hints(): RichText[] {
    return this.spec.hints.slice(0, this.hintsShown).map((h) => h(this.params));
  }

  get hintsLeft(): number {
    return this.spec.hints.length - this.hintsShown;
  }

  /** The verdict line, or null before the first check. */
  get verdict(): string | null {
    return this.result ? verdictText(this.result) : null;
  }

  /** The "why" of each choice checked, when the result is a real verdict. */
  get reasons(): RichText[] {
    if (!this.result || this.result.status === 'invalid') return [];
    return this.checkedChoices.flatMap((i) => (this.choices[i]?.why ? [this.choices[i].why!] : []));
  }

  showHint(): void {
    this.hintsShown = Math.min(this.hintsShown + 1, this.spec.hints.length);
  }

  revealSolution(shown = true): void {
    this.solutionShown = shown;
  }

  toggleChoice(i: number): void {
    if (this.spec.kind !== 'choice' || i < 0 || i >= this.choices.length) return;
    if (!this.spec.multiple) this.selected = [i];
    else this.selected = this.selected.includes(i) ? this.selected.filter((j) => j !== i) : [...this.selected, i].sort((a, b) => a - b);
  }

  /** Checks the current answer; a readable answer is counted as an attempt and saved with its seed. */
  async check(): Promise<CheckResult | null> {
    if (this.checking) return null;
    this.checking = true;
    let r: CheckResult;
    let response: unknown;
    try {
      [r, response] = await this.judge();
    } finally {
      this.checking = false;
    }
    this.result = r;
    this.checkedChoices = [...this.selected];
    if (r.status !== 'invalid') {
      const saved = this.store.record(this.id, { version: this.spec.version, score: r.score, response, seed: this.seed });
      this.saveProblem = saved.ok ? null : saved.message;
    }
    return r;
  }

  private async judge(): Promise<[CheckResult, unknown]> {
    const response = this.responseNow();
    return [await judgeResponse(this.spec, this.params, response, this.runCode), response];
  }

  /** The answer as it is stored and re-checked: indices, typed text, code or the figure's state. */
  private responseNow(): unknown {
    switch (this.spec.kind) {
      case 'choice':
        return [...this.selected];
      case 'numeric':
      case 'vector':
        return this.text;
      case 'widget':
        return this.widgetState;
      case 'code':
        return this.code;
    }
  }

  /** Puts back the answer saved last time, if it was given to this version of the exercise and this variant. */
  private restore(): void {
    const e = this.entry;
    if (!e || e.version !== this.spec.version || (e.seed ?? this.store.seed) !== this.seed) return;
    const r = e.response;
    switch (this.spec.kind) {
      case 'numeric':
      case 'vector':
        if (typeof r === 'string') this.text = r;
        break;
      case 'code':
        if (typeof r === 'string') this.code = r;
        break;
      case 'choice':
        if (Array.isArray(r) && r.every((i) => Number.isInteger(i) && i >= 0 && i < this.choices.length)) {
          this.selected = this.spec.multiple ? [...new Set(r as number[])].sort((a, b) => a - b) : (r as number[]).slice(0, 1);
        }
        break;
      case 'widget':
        // The figure's own state is not restored from here: it opens as its props and link say.
        break;
    }
  }
}
