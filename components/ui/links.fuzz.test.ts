// Every widget's share link, fuzzed: the states are found by looking at what each widget's modules export,
// so a new widget is covered the day it lands. A figure on the kit (a FigureState) gets the full treatment
// of linkFuzz.ts; a widget still on shareState.ts (a zod schema it reads with readState) gets random,
// huge, mangled and prototype-polluting fragments. Property: a valid state or the defaults with a notice,
// never a throw, never an invalid state, never a polluted prototype.
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { encodeText, FigureState } from './figureState.ts';
import { fuzzLinks } from './linkFuzz.ts';
import { readState } from './shareState.ts';
import { cases } from '../BrokenRun/cases.ts';
import { caseState } from '../BrokenRun/model.svelte.ts';

const modules = import.meta.glob<Record<string, unknown>>(['../*/*.svelte.ts', '../*/model.ts', '../*/linkState.ts', '!../ui/**'], { eager: true });

const figureStates = Object.entries(modules).flatMap(([path, exports]) =>
  Object.entries(exports)
    .filter((e): e is [string, FigureState<z.ZodObject>] => e[1] instanceof FigureState)
    .map(([name, spec]) => [`${path.slice(3)} ${name}`, spec] as const),
).concat(Object.values(cases).map((c) => [`BrokenRun case ${c.id}`, caseState(c) as unknown as FigureState<z.ZodObject>] as const));
const linkSchemas = Object.entries(modules).flatMap(([path, exports]) =>
  Object.entries(exports)
    .filter((e): e is [string, z.ZodType] => e[0] === 'linkSchema' && e[1] instanceof z.ZodType)
    .map(([name, schema]) => [`${path.slice(3)} ${name}`, schema] as const),
);

describe('every share link', () => {
  it('finds the widgets it fuzzes', () => {
    expect(figureStates.length).toBeGreaterThanOrEqual(12);
    expect(linkSchemas.length).toBeGreaterThanOrEqual(2);
  });

  it.each(figureStates)('%s: any link gives a valid state or a reason', (_name, spec) => {
    fuzzLinks(spec, spec.defaults());
  });

  it.each(linkSchemas)('%s: any fragment gives a valid state or the defaults with a notice', (_name, schema) => {
    const defaults = Symbol('defaults') as unknown;
    const check = (hash: string) => {
      const r = readState(hash, 'w', schema, defaults);
      if (r.state === defaults) return;
      expect(schema.safeParse(r.state).success).toBe(true);
      expect(r.notice).toBeNull();
    };
    // A discriminated union (the Playground's versions) has no one shape: its options' keys, then.
    const shapes = schema instanceof z.ZodObject ? [schema] : schema instanceof z.ZodPipe && schema.in instanceof z.ZodDiscriminatedUnion ? schema.in.options : [];
    const keys = [...new Set(shapes.flatMap((o) => Object.keys((o as z.ZodObject).shape)))];
    const anyValue = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 30 }), fc.boolean(), fc.constant(null), fc.array(fc.double(), { maxLength: 3 }));
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => check(`#w=${s}`)), { numRuns: 200 });
    fc.assert(fc.property(fc.base64String({ maxLength: 300 }), (s) => check(`#w=${s}`)), { numRuns: 200 });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor', 'toString'), anyValue, { maxKeys: 6 }), (o) => check(`#w=${encodeText(JSON.stringify(o))}`)),
      { numRuns: 300 },
    );
    for (const k of ['__proto__', 'constructor', 'prototype']) check(`#w=${encodeText(`{"v":1,"${k}":{"polluted":true}}`)}`);
    check(`#w=${'A'.repeat(1_000_000)}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
