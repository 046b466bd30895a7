// Cell code is rewritten so declarations persist across cells, types are stripped, lines are kept.
import { describe, expect, it } from 'vitest';
import { prepare, SCOPE } from './transform.ts';

/** Runs prepared cells one after another in one shared scope, as the worker does. */
async function runAll(...cells: string[]) {
  const scope: Record<string, unknown> = {};
  for (const cell of cells) {
    const { names, body } = prepare(cell);
    for (const n of names) if (!(n in scope)) scope[n] = undefined;
    const fn = new Function('scope', SCOPE, `with (scope) { return (async () => {\n${body}\n})(); }`);
    await fn(scope, scope);
  }
  return scope;
}

describe('prepare', () => {
  it('keeps top-level variables, functions and classes for later cells', async () => {
    const scope = await runAll('const a = 2; let [b, c] = [3, 4];', 'function f(x) { return x * a; }\nclass K { v = 5 }', 'const d = f(b) + c + new K().v;');
    expect(scope.d).toBe(15);
  });

  it('keeps functions whole: comments and line breaks inside them are fine', async () => {
    const scope = await runAll('function f(x) {\n  // a comment\n  return x + 1; // another\n}', 'const y = f(1);');
    expect(scope.y).toBe(2);
  });

  it('strips TypeScript annotations', async () => {
    const scope = await runAll('const x: number = 3;\nconst y = (x as number) * 2;');
    expect(scope.y).toBe(6);
  });

  it('allows top-level await and object destructuring', async () => {
    const scope = await runAll('const { p, q } = await Promise.resolve({ p: 1, q: 2 });');
    expect([scope.p, scope.q]).toEqual([1, 2]);
  });

  it('lets a later cell redeclare a name, as a notebook does', async () => {
    const scope = await runAll('const z = 1;', 'const z = 2;');
    expect(scope.z).toBe(2);
  });

  it('keeps line numbers', () => {
    const { body } = prepare('const a: number = 1;\n\nfunction g() {}\nthrow new Error("x");');
    expect(body.split('\n')[3]).toContain('throw');
  });

  it('reports syntax errors with a line', () => {
    expect(() => prepare('const a = ;')).toThrow(/\(1:\d+\)/);
  });
});
