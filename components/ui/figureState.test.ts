// A figure's state from its one definition: defaults, ranges, options, the link round trip, old versions
// migrated, and every mangled link turned into the defaults with a notice, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { anchorOf, defineState, encodeText, fragmentGet, fragmentWith, LINK_NOTICE, optionsOf, parseProps, rangeOf, sharedAnchor } from './figureState.ts';

const spec = defineState({
  version: 2,
  schema: z.object({
    lr: z.number().min(0).max(10).meta({ step: 0.5 }).default(0.1),
    name: z.enum(['spiral', 'xor']).default('spiral'),
    steps: z.number().int().min(1).max(100).default(10),
  }),
  // Version 1 called the learning rate "rate" and had no steps.
  migrations: { 1: (old) => ({ lr: old.rate, name: old.name }) },
});

describe('defineState', () => {
  it('derives the defaults, with overrides on top, and refuses bad overrides', () => {
    expect(spec.defaults()).toEqual({ lr: 0.1, name: 'spiral', steps: 10 });
    expect(spec.defaults({ name: 'xor' })).toEqual({ lr: 0.1, name: 'xor', steps: 10 });
    expect(() => spec.defaults({ lr: 99 })).toThrow();
  });

  it('derives the controls: a number field’s range and step, an enum field’s options', () => {
    expect(rangeOf(spec.schema.shape.lr)).toEqual({ min: 0, max: 10, step: 0.5 });
    expect(rangeOf(spec.schema.shape.steps)).toEqual({ min: 1, max: 100, step: 1 });
    expect(optionsOf(spec.schema.shape.name)).toEqual(['spiral', 'xor']);
    expect(() => rangeOf(spec.schema.shape.name)).toThrow(/not a number/);
  });

  it('round-trips a state through its link text', () => {
    const state = { lr: 2.5, name: 'xor' as const, steps: 42 };
    expect(spec.decode(spec.encode(state))).toEqual({ ok: true, state });
  });

  it('brings an old version up to date through its migration', () => {
    expect(spec.decode(encodeText(JSON.stringify({ v: 1, rate: 3, name: 'xor' })))).toEqual({ ok: true, state: { lr: 3, name: 'xor', steps: 10 } });
  });

  it.each([
    ['garbage', '%%%not-base64'],
    ['not JSON', btoa('{oops')],
    ['an array', encodeText('[1,2]')],
    ['no version', encodeText('{"lr":1}')],
    ['a newer version', encodeText('{"v":3,"lr":1}')],
    ['out of range', encodeText('{"v":2,"lr":1e9}')],
    ['a bad old version', encodeText('{"v":1,"rate":"fast"}')],
    ['too long', 'A'.repeat(70_000)],
  ])('opens the defaults with a notice for a link that is %s', (_, text) => {
    const fallback = spec.defaults();
    expect(spec.read(text, fallback)).toEqual({ state: fallback, notice: LINK_NOTICE });
  });

  it('opens the defaults without a notice when the link has nothing for the figure', () => {
    const fallback = spec.defaults();
    expect(spec.read(null, fallback)).toEqual({ state: fallback, notice: null });
    expect(spec.read('', fallback)).toEqual({ state: fallback, notice: null });
  });

  it('never throws on any link text or decoded value, and whatever it accepts is a valid state', () => {
    const check = (result: ReturnType<typeof spec.parse>) => {
      if (result.ok) expect(spec.schema.safeParse(result.state).success).toBe(true);
      else expect(result.reason).toMatch(/\w/);
    };
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => check(spec.decode(text))));
    fc.assert(
      fc.property(
        fc.record({ v: fc.oneof(fc.constant(1), fc.constant(2), fc.double(), fc.string()), lr: fc.oneof(fc.double(), fc.string(), fc.constant(null)), rate: fc.anything(), __proto__: fc.anything(), constructor: fc.anything() }, { requiredKeys: [] }),
        (raw) => check(spec.parse(JSON.parse(JSON.stringify(raw)))),
      ),
    );
    fc.assert(fc.property(fc.anything(), (raw) => check(spec.parse(raw))));
  });
});

describe('link fragments', () => {
  it('keeps other figures’ keys, puts the anchor first, and removes a key', () => {
    const hash = fragmentWith('#other=abc', 'pg', 'xyz', anchorOf('pg'));
    expect(hash).toBe('#figure-pg&other=abc&pg=xyz');
    expect(sharedAnchor(hash)).toBe('figure-pg');
    expect(fragmentGet(hash, 'pg')).toBe('xyz');
    expect(fragmentWith(hash, 'pg', null)).toBe('#figure-pg&other=abc');
    expect(fragmentWith('#pg=1', 'pg', null)).toBe('');
    expect(sharedAnchor('#other=abc')).toBeNull();
  });
});

describe('parseProps', () => {
  const props = z.object({ preset: z.enum(['bowl', 'ravine']).default('bowl'), id: z.string().optional() });

  it('fills in the defaults and ignores props left undefined and those Astro passes to every island', () => {
    expect(parseProps(props, { id: 'a', preset: undefined, slot: 'figure', 'data-astro-cid-kraldpp6': true }, 'Landscape')).toEqual({ preset: 'bowl', id: 'a' });
  });

  it('stops the build on an unknown value, listing the allowed ones', () => {
    expect(() => parseProps(props, { preset: 'saddel' }, 'Landscape')).toThrow('<Landscape>: preset="saddel": Invalid option: expected one of "bowl"|"ravine"; allowed: bowl, ravine.');
  });

  it('stops the build on an unknown prop, listing the props it takes', () => {
    expect(() => parseProps(props, { surfce: 'bowl' }, 'Landscape')).toThrow('<Landscape>: unknown prop "surfce"; it takes preset, id.');
  });
});
