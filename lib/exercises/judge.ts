// Checking one response to one exercise variant, as a pure function of (spec, params, response): the
// reader's page (ExerciseModel) and the teacher's grading page both call this, so a re-check gives the
// verdict the student saw. Code exercises need a runner (the isolated sandbox); without one they cannot be
// checked, and say so.
import { checkChoice, checkNumeric, checkVector } from './check.ts';
import { MAX_RESPONSE_CHARS } from './progress.ts';
import type { CheckResult, ExerciseSpec } from './types.ts';

/** What running a code exercise gave: how the run ended, and what the hidden checks reported. */
export interface CodeRun {
  outcome: 'done' | 'stopped' | 'timeout' | 'crashed';
  report: { score: number; feedback: string } | null;
}

/** Runs the reader's code and then the hidden checks, isolated from the page (the checks see the code's
 * top-level names and report with `__report(score, feedback)`, which the code itself cannot reach). */
export type CodeRunner = (code: string, checks: string) => Promise<CodeRun>;

/** Why a run that did not finish could not be checked, by how it ended. */
const UNFINISHED: Record<Exclude<CodeRun['outcome'], 'done'>, string> = {
  timeout: 'Your code did not finish (an endless loop?), so it could not be checked.',
  stopped: 'Your code was stopped before the checks ran, so it could not be checked. Press Check to run it again.',
  crashed: 'Your code could not be checked: the sandbox that runs it stopped (too much memory?). See the output.',
};

const invalid = (feedback: string): CheckResult => ({ status: 'invalid', score: 0, feedback });

/** The verdict of a finished or unfinished code run. */
export function codeResult(run: CodeRun): CheckResult {
  if (run.outcome !== 'done') return invalid(UNFINISHED[run.outcome] ?? UNFINISHED.crashed);
  const r = run.report;
  if (!r || typeof r.score !== 'number' || !Number.isFinite(r.score)) {
    return invalid('Your code stopped with an error before the checks could run: see the output.');
  }
  const score = Math.min(1, Math.max(0, r.score));
  return { status: score >= 1 ? 'correct' : score > 0 ? 'partial' : 'wrong', score, feedback: String(r.feedback ?? '') };
}

/** The choices of a choice exercise's variant. */
export const choicesOf = (spec: ExerciseSpec, params: unknown) => (spec.kind === 'choice' ? spec.choices(params) : []);

/**
 * Checks `response` (as the exercise's kind stores it: indices for a choice, the typed text for numeric,
 * vector and code, the figure's exported state for a widget goal) against the variant `params`.
 * A response of the wrong shape is "invalid", never a throw.
 */
export async function judgeResponse(spec: ExerciseSpec, params: unknown, response: unknown, runCode?: CodeRunner): Promise<CheckResult> {
  switch (spec.kind) {
    case 'choice': {
      const n = choicesOf(spec, params).length;
      if (!Array.isArray(response) || !response.every((i) => Number.isInteger(i) && i >= 0 && i < n)) return invalid('Choose an answer first.');
      const selected = spec.multiple ? [...new Set(response as number[])] : (response as number[]).slice(0, 1);
      return checkChoice(selected, choicesOf(spec, params).map((c) => c.correct));
    }
    case 'numeric':
      return typeof response === 'string' ? checkNumeric(response, spec.answer(params), spec.tolerance) : invalid('Type a number first.');
    case 'vector':
      return typeof response === 'string' ? checkVector(response, spec.answer(params), spec.tolerance) : invalid('Type the numbers first.');
    case 'widget':
      try {
        return spec.check(params, response);
      } catch {
        return invalid('The figure state handed in could not be read.');
      }
    case 'code': {
      if (typeof response !== 'string') return invalid('There is no code to check.');
      if (response.length > MAX_RESPONSE_CHARS) {
        return invalid(`Your code is ${response.length.toLocaleString('en')} characters long; the checks read at most ${MAX_RESPONSE_CHARS.toLocaleString('en')}.`);
      }
      if (!runCode) return invalid('Code cannot run here, so it could not be checked.');
      return codeResult(await runCode(response, spec.checkCode(params)));
    }
  }
}
