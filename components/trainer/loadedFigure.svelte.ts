// A training figure that needs a data file first (the digits, the mail corpus, the name lists): it loads
// the file once, when the figure first comes near the screen, then sets up its training. The model class
// extends LoadedTrainingModel (a StateModel: its link state is its fields), names its data (`DataSource`)
// and says what to build from it; the figure kit (useFigure) calls its `onVisible` as the figure comes near
// the screen, and connects its training once set up.
import type { z } from 'zod';
import type { FigureState } from '../ui/figureState.ts';
import { siteBase } from '../ui/site.ts';
import { StateModel } from '../ui/stateModel.ts';
import type { WorkerLike } from './connection.ts';
import { TrainingFigure } from './trainingFigure.svelte.ts';

/** What a loaded figure's model is given: where its training runs, and the site's base path for its data file. */
export interface LoadedFigureOptions {
  /** Starts the trainer's worker (without one, as in Node tests, the run stays on the page). */
  worker?: () => WorkerLike;
  /** The site's base path (siteBase() unless given). */
  base?: string;
}

export type LoadStatus = 'waiting' | 'loading' | 'ready' | 'failed';

/** A figure's data: what it is in words, for the failure message ("the digits"), and how it is fetched. */
export interface DataSource<D> {
  what: string;
  /** Fetches the data (`base`: the site's base path); a loadOnce module's `load` fetches it once per page. */
  load(base: string): Promise<D>;
  /** The data, when this page already has it (another figure loaded it): the figure is ready at once. */
  get?(): D | null;
}

/** T: the state's schema; D: the data; S, R, F: the training's settings, report and fixed report; O: the options. */
export abstract class LoadedTrainingModel<T extends z.ZodObject, D, S, R, F = unknown, O extends LoadedFigureOptions = LoadedFigureOptions> extends StateModel<T> {
  status: LoadStatus = $state('waiting');
  /** Why the data could not be loaded, in a sentence for the reader. */
  error = $state('');
  /** Set up once the data is here. */
  training: TrainingFigure<S, R, F> | null = $state.raw(null);
  /** The training's latest report, as drawn. */
  readonly shown: R | null = $derived(this.training?.live.shown ?? null);

  /** `init`: as StateModel's. */
  protected constructor(
    spec: FigureState<T>,
    init: Partial<z.input<T>>,
    private readonly source: DataSource<D>,
    protected readonly options: O,
  ) {
    super(spec, init);
  }

  /** Fetches the data (once per page where the data module caches it). */
  protected fetchData(): Promise<D> {
    return this.source.load(this.options.base ?? siteBase());
  }

  /** Sets up at once when the page already has the data; call it at the end of the constructor. */
  protected readyIfLoaded(): void {
    const d = this.source.get?.();
    if (d) this.ready(d);
  }

  /** Sets up the training from the data in hand; `ready` calls it (tests pass data of their own to `ready`). */
  protected abstract setUp(data: D): void;

  get animating(): boolean {
    return this.training?.running ?? false;
  }

  /** The figure kit calls this as the figure comes near the screen. */
  onVisible(): void {
    void this.load();
  }

  /** Sets up from data in hand. */
  ready(data: D): void {
    this.setUp(data);
    this.status = 'ready';
  }

  /** Loads the data and sets up training; safe to call again (it loads again only after a failure). */
  async load(): Promise<void> {
    if (this.status !== 'waiting' && this.status !== 'failed') return;
    this.status = 'loading';
    try {
      this.ready(await this.fetchData());
    } catch (e) {
      this.status = 'failed';
      const what = this.source.what.charAt(0).toUpperCase() + this.source.what.slice(1);
      this.error = `${what} could not be loaded (${(e as Error).message}). Reload the page to try again.`;
    }
  }
}
