// For the widgets' tests: fuzzes a figure's link parse with fast-check. Random link text, huge text,
// random objects with NaN and infinities (as JSON writes them: null), prototype keys and wrong versions,
// and mangled versions of a valid state. Property: the parse returns a valid state or a reason, never
// throws; and a state it returns, handed to the model, never throws either.
import fc from 'fast-check';
import type { z } from 'zod';
import { encodeText, type FigureState } from './figureState.ts';

const protoKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

export function fuzzLinks<T extends z.ZodObject>(spec: FigureState<T>, valid: z.output<T>, use?: (state: z.output<T>) => void): void {
  const check = (text: string) => {
    const parsed = spec.decode(text);
    if (parsed.ok) {
      if (!spec.schema.safeParse(parsed.state).success) throw new Error(`accepted an invalid state: ${text}`);
      use?.(parsed.state);
    } else if (!parsed.reason) throw new Error('refused without a reason');
  };
  const json = (o: unknown) => encodeText(JSON.stringify(o));
  const keys = Object.keys(valid);
  const anyValue = fc.oneof(fc.double(), fc.constant(Number.NaN), fc.constant(Infinity), fc.string({ maxLength: 40 }), fc.boolean(), fc.constant(null), fc.array(fc.double(), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...protoKeys, 'x', 'w'), fc.double(), { maxKeys: 4 }));

  fc.assert(fc.property(fc.string({ maxLength: 400 }), check), { numRuns: 300 });
  fc.assert(fc.property(fc.base64String({ maxLength: 400 }), check), { numRuns: 200 });
  fc.assert(
    fc.property(fc.oneof(fc.constant(spec.version), fc.integer({ min: -3, max: spec.version + 3 }), fc.double(), fc.string()), fc.dictionary(fc.constantFrom(...keys, ...protoKeys), anyValue, { maxKeys: 8 }), (v, fields) =>
      check(json({ ...valid, ...fields, v })),
    ),
    { numRuns: 300 },
  );
  // Each field of a valid state replaced by something else, one at a time.
  fc.assert(fc.property(fc.constantFrom(...keys), anyValue, (k, bad) => check(json({ v: spec.version, ...valid, [k]: bad }))), { numRuns: 200 });
  // Prototype keys as JSON writes them (JSON.parse makes "__proto__" an own key).
  for (const k of protoKeys) check(encodeText(`{"v":${spec.version},"${k}":{"polluted":true}}`));
  check('A'.repeat(1_000_000));
  check(json({ v: spec.version, ...valid, pad: 'x'.repeat(100_000) }));
  if (({} as Record<string, unknown>).polluted !== undefined) throw new Error('a link polluted Object.prototype');
}
