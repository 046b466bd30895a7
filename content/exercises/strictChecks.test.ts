// Graded code jobs compile every exercise's hidden checks in strict mode, with the engine's names and
// the reader's top-level names as parameters (components/CodeCell/runner.worker.ts): each bank's checks
// must compile that way, and no exercise may ask for a function under a name the engine already exports
// (the checks would see the engine's, not the reader's).
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { Rng } from '../../engine/random.ts';
import type { ExerciseBank } from '../../lib/exercises/types.ts';

const modules = import.meta.glob<{ default: ExerciseBank }>(['./[0-9][0-9]-*.ts', '!./*.test.ts'], { eager: true });
const banks = Object.values(modules).map((m) => m.default);
const code = banks.flatMap((b) => b.exercises.filter((e) => e.kind === 'code').map((e) => [`${b.id}/${e.id}`, e] as const));

describe('code exercises under the graded sandbox', () => {
  it.each(code)('%s: the checks compile in strict mode with the engine as parameters', (_id, spec) => {
    if (spec.kind !== 'code') throw new Error('not a code exercise');
    const params = spec.params?.(new Rng(1));
    const checks = spec.checkCode(params);
    const names = ['__report', ...Object.keys(engine), 'print', 'table', 'console', 'plot'];
    expect(() => new Function(...names, `'use strict';\n${checks}`)).not.toThrow();
    for (const [, name] of checks.matchAll(/typeof (\w+) !== 'function'/g)) expect(Object.keys(engine)).not.toContain(name);
  });
});
