// The plain figure model: its link state is its own fields, one per key of its schema (`$state` fields,
// whose accessors make each assignment reactive). It gets `snapshot` (each key read off the model),
// `apply` (each key assigned) and `reset` (back to `initial`, the defaults with the figure's props on top)
// without writing them, and overrides only what does more (clamping, recomputing, restarting training).
// Its fields can start from `initial`: `w = $state(this.initial.w)`.
import type { z } from 'zod';
import type { FigureModel } from './figure.svelte.ts';
import type { FigureState } from './figureState.ts';

/** The state's keys, in the schema's order. */
export const keysOf = <T extends z.ZodObject>(spec: FigureState<T>) => Object.keys(spec.schema.shape) as (keyof z.output<T>)[];

export abstract class StateModel<T extends z.ZodObject> implements FigureModel<T> {
  readonly spec: FigureState<T>;
  /** The state the figure opened with, before any link: what Reset returns to. */
  readonly initial: z.output<T>;

  /** `init`: the figure's props that set its opening state; anything else comes from the defaults. */
  protected constructor(spec: FigureState<T>, init: Partial<z.input<T>> = {}) {
    this.spec = spec;
    this.initial = spec.defaults(init);
  }

  // NOTE: `this: … & z.output<T>` makes a call to these methods check that the model has every field of its state.
  snapshot(this: this & z.output<T>): z.output<T> {
    const state = {} as z.output<T>;
    for (const k of keysOf(this.spec)) state[k] = this[k];
    return state;
  }

  apply(this: this & z.output<T>, state: z.output<T>): void {
    const fields: z.output<T> = this;
    for (const k of keysOf(this.spec)) fields[k] = state[k];
  }

  reset(this: this & z.output<T>): void {
    this.apply(this.initial);
  }

  abstract describe(): string;
}
