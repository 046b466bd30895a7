// A training figure whose link state is one object, `options` (what the reader picked): its snapshot is
// the options, `apply` takes new ones and starts training over from the settings they make, Reset goes
// back to the options the figure opened with, and it animates while it trains. The model class builds its
// `training` in its constructor and overrides `apply` only for what a change does more.
import type { z } from 'zod';
import type { FigureState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';
import type { TrainingFigure } from './trainingFigure.svelte.ts';

/** T: the state's schema; S, R, F: the training's settings, report and fixed report. */
export abstract class OptionsModel<T extends z.ZodObject, S, R, F = unknown> extends StateModel<T> {
  options: z.output<T> = $state.raw(this.initial);
  abstract readonly training: TrainingFigure<S, R, F>;

  /** `settingsOf`: the training's settings for a state. */
  protected constructor(
    spec: FigureState<T>,
    init: Partial<z.input<T>>,
    protected readonly settingsOf: (state: z.output<T>) => S,
  ) {
    super(spec, init);
  }

  get animating(): boolean {
    return this.training.running;
  }

  override snapshot(): z.output<T> {
    return this.options;
  }

  /** New options: training starts over. */
  override apply(state: z.output<T>): void {
    this.options = state;
    this.training.restart(this.settingsOf(state));
  }

  override reset(): void {
    this.apply(this.initial);
  }
}
