// Code answers, re-checked on the grading page, in the same isolated sandbox the chapters use: each
// answer runs as a graded job of its own (runJob: a fresh worker, a time limit, no access to this page),
// so nothing one student's code defines reaches another's checks, and the answer cannot report, replace
// what the checks use, or reach the report function.
import type { CodeRun, CodeRunner } from '../../lib/exercises/judge.ts';
import { runJob } from '../CodeCell/kernel.ts';

export const gradingRunner: CodeRunner = async (code, checks): Promise<CodeRun> => {
  const { outcome, report } = await runJob(code, checks);
  return { outcome, report };
};

/** Every job already starts a fresh worker; nothing to do between submissions. */
export const freshSandbox = () => {};
