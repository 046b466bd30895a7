// For the banks' tests: runs a reader's code followed by a code exercise's hidden checks the way the
// notebook kernel does (the engine as globals, print and table discarded), and returns what the checks
// reported with __report, or null if they reported nothing.
import * as engine from '../../engine/index.ts';

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
