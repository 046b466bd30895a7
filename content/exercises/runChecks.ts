// For the banks' tests: runs a reader's code followed by a code exercise's hidden checks the way the
// notebook kernel does (the engine as globals, print and table discarded), and returns what the checks
// reported with __report, or null if they reported nothing; and the rule that feedback never opens with a
// verdict, which the view states itself ("Correct: Correct." was the bug).
import * as engine from '../../engine/index.ts';

/** Feedback that opens with a verdict word ("Correct", "Not yet", "Done", ...). */
export const OPENS_WITH_VERDICT = /^(correct|not yet|not quite|partly right|wrong|done|cannot check)\b/i;

export function runChecks(source: string, checks: string): { score: number; feedback: string } | null {
  let report: { score: number; feedback: string } | null = null;
  const scope: Record<string, unknown> = {
    ...engine,
    print: () => {},
    table: () => {},
    __report: (score: number, feedback: string) => (report = { score, feedback }),
  };
  new Function(...Object.keys(scope), `${source}\n;\n${checks}`)(...Object.values(scope));
  return report;
}
