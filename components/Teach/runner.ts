// Code answers, re-checked on the grading page, in the same isolated sandbox the chapters use (the page's
// kernel: a sandboxed iframe with a worker, a time limit, no access to this page). Each submission starts a
// fresh worker, so nothing one student's code defines reaches the next student's checks. The hidden checks
// run with a reporter captured before the student's code runs, and only the last report counts (the checks
// report last), so `__report(1, 'ok'); __report = () => {}` in an answer does not pass.
import type { CodeRun, CodeRunner } from '../../lib/exercises/judge.ts';
import { kernel } from '../CodeCell/kernel.ts';

let jobs = 0;

/** Wraps an answer and its checks so that the checks see the answer's names but report through a
 * reference the answer cannot replace. */
export function wrapForGrading(code: string, checks: string, nonce = Math.random().toString(36).slice(2)): string {
  // NOTE: the captured name is random per job, so the answer cannot name it to replace it.
  const name = `__gradeReport_${nonce}`;
  return `const ${name} = __report;\n${code}\n;\n((__report) => {\n${checks}\n})(${name});`;
}

export const gradingRunner: CodeRunner = async (code, checks): Promise<CodeRun> => {
  let report: CodeRun['report'] = null;
  const outcome = await kernel.run(`grade-${++jobs}`, wrapForGrading(code, checks), (item) => {
    if (item.kind === 'report') report = { score: item.score, feedback: item.feedback };
  });
  return { outcome, report };
};

/** A fresh worker for the next submission. */
export const freshSandbox = () => kernel.restart();
