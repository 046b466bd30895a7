// One exercise as a reader works it, without a DOM: the variant drawn from the reader's seed, the answer
// being written (and the one saved last time), Check with its verdict, hints one at a time, the solution
// reveal, attempts and completion, and whether the last save worked. The Exercise view draws this; code
// exercises run through whatever `runCode` the view hands in (the notebook kernel in the browser).
import { Rng } from '../../engine/random.ts';
import { checkChoice, checkNumeric, checkVector, seedFor } from './check.ts';
import { MAX_RESPONSE_CHARS, variantSeed } from './progress.ts';
import type { ProgressStore } from './store.svelte.ts';
import type { CheckResult, ExerciseSpec, RichText } from './types.ts';

/** What running a code exercise gave: how the run ended, and what the hidden checks reported. */
export interface CodeRun {
  outcome: 'done' | 'stopped' | 'timeout' | 'crashed';
  report: { score: number; feedback: string } | null;
}

export interface ExerciseOptions {
  /** "bank/exercise", e.g. "02-neurons/and-gate". */
  id: string;
  spec: ExerciseSpec;
  store: ProgressStore;
  /** Overrides the reader's own variant (teachers' assignments pass one). */
  seed?: string;
  /** Runs the reader's code and then the hidden checks, isolated from the page (the checks see the code's
   * top-level names and report with `__report(score, feedback)`). */
  runCode?: (code: string, checks: string) => Promise<CodeRun>;
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

/** Why a run that did not finish could not be checked, by how it ended. */
const UNFINISHED: Record<Exclude<CodeRun['outcome'], 'done'>, string> = {
  timeout: 'Your code did not finish (an endless loop?), so it could not be checked.',
  stopped: 'Your code was stopped before the checks ran, so it could not be checked. Press Check to run it again.',
  crashed: 'Your code could not be checked: the sandbox that runs it stopped (too much memory?). See the output.',
};

const codeResult = (run: CodeRun): CheckResult => {
  if (run.outcome !== 'done') return { status: 'invalid', score: 0, feedback: UNFINISHED[run.outcome] ?? UNFINISHED.crashed };
  const r = run.report;
  if (!r || typeof r.score !== 'number' || !Number.isFinite(r.score)) {
    return { status: 'invalid', score: 0, feedback: 'Your code stopped with an error before the checks could run: see the output.' };
  }
  const score = Math.min(1, Math.max(0, r.score));
  return { status: score >= 1 ? 'correct' : score > 0 ? 'partial' : 'wrong', score, feedback: String(r.feedback ?? '') };
};

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
  private runCode?: (code: string, checks: string) => Promise<CodeRun>;

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
    const { spec, params } = this;
    switch (spec.kind) {
      case 'choice':
        return [checkChoice(this.selected, this.choices.map((c) => c.correct)), [...this.selected]];
      case 'numeric':
        return [checkNumeric(this.text, spec.answer(params), spec.tolerance), this.text];
      case 'vector':
        return [checkVector(this.text, spec.answer(params), spec.tolerance), this.text];
      case 'widget':
        return [spec.check(params, this.widgetState), this.widgetState];
      case 'code': {
        const source = this.code;
        if (source.length > MAX_RESPONSE_CHARS) {
          return [{ status: 'invalid', score: 0, feedback: `Your code is ${source.length.toLocaleString('en')} characters long; the checks read at most ${MAX_RESPONSE_CHARS.toLocaleString('en')}.` }, source];
        }
        if (!this.runCode) return [{ status: 'invalid', score: 0, feedback: 'Code cannot run here, so it could not be checked.' }, source];
        return [codeResult(await this.runCode(source, spec.checkCode(params))), source];
      }
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
