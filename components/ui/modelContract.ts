// For the widgets' tests: what every figure model must do for the kit, checked the same way for each.
// Reset gives the state the figure opened with; every state a link can hold (fuzzed by linkFuzz.ts)
// applies and is described without throwing, and the snapshot after it round-trips through the link.
import { expect } from 'vitest';
import type { z } from 'zod';
import type { FigureModel } from './figure.svelte.ts';
import { fuzzLinks } from './linkFuzz.ts';

export interface ContractOptions<T extends z.ZodObject> {
  /** What Reset returns to (default: the defaults). */
  initial?: z.output<T>;
  /** What every description says. */
  describes?: RegExp;
  /** More checks on the model after each state is applied. */
  then?: (state: z.output<T>) => void;
}

/**
 * Checks `model` against the kit's contract. The model may be changed first (a test's own state): the
 * check ends with Reset, which must bring back `initial`. Each distinct state is applied once.
 */
export function checkModel<T extends z.ZodObject>(model: FigureModel<T>, options: ContractOptions<T> = {}): void {
  const { spec } = model;
  const initial = options.initial ?? spec.defaults();
  const seen = new Set<string>();
  fuzzLinks(spec, initial, (state) => {
    const key = JSON.stringify(state);
    if (seen.has(key)) return;
    seen.add(key);
    model.apply(state);
    const text = model.describe();
    expect(text).toMatch(options.describes ?? /\S/);
    const shown = model.snapshot();
    expect(spec.decode(spec.encode(shown))).toEqual({ ok: true, state: shown });
    options.then?.(state);
  });
  model.reset();
  expect(model.snapshot()).toEqual(initial);
}
