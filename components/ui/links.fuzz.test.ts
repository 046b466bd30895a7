// Every widget's share link, fuzzed: the states are found by looking at what each widget's modules export,
// so a new widget is covered the day it lands: every figure is on the kit, and its FigureState gets the full
// treatment of linkFuzz.ts. Property: a valid state or the defaults with a notice, never a throw, never an
// invalid state, never a polluted prototype.
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { FigureState } from './figureState.ts';
import { fuzzLinks } from './linkFuzz.ts';
import { cases } from '../BrokenRun/cases.ts';
import { caseState } from '../BrokenRun/model.svelte.ts';

const modules = import.meta.glob<Record<string, unknown>>(['../*/*.svelte.ts', '../*/model.ts', '../*/linkState.ts', '!../ui/**'], { eager: true });

const figureStates = Object.entries(modules).flatMap(([path, exports]) =>
  Object.entries(exports)
    .filter((e): e is [string, FigureState<z.ZodObject>] => e[1] instanceof FigureState)
    .map(([name, spec]) => [`${path.slice(3)} ${name}`, spec] as const),
).concat(Object.values(cases).map((c) => [`BrokenRun case ${c.id}`, caseState(c) as unknown as FigureState<z.ZodObject>] as const));

describe('every share link', () => {
  it('finds the widgets it fuzzes', () => {
    expect(figureStates.length).toBeGreaterThanOrEqual(12);
  });

  it.each(figureStates)('%s: any link gives a valid state or a reason', (_name, spec) => {
    fuzzLinks(spec, spec.defaults());
  });
});
