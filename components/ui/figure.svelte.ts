// The figure kit: what every widget does the same way, so that a widget view is controls and drawing only.
// A widget's model implements FigureModel (its state schema, snapshot, apply, reset and live description;
// StateModel in stateModel.ts gives the first four to a model whose fields are its state's keys);
// `useWidget(options, build)`, the first line of every view's script, builds the model from the view's
// parsed props and puts the kit on it with `useFigure(model, { id })`, which does the rest: reads the state
// from the page's link when the figure mounts (a mangled link opens the defaults with a notice), writes it
// back as the reader changes it (coalesced, without adding history entries), Share and Reset, the
// `widget-state` events that exercises read, the live description, whether the figure is on screen, the
// reader's motion preference and the theme; a model that trains has its training run while the figure is on
// screen, and a model that loads data is told when the figure comes near. `<Figure kit={kit} …>` draws the
// frame from it. (ui/oneWay.test.ts checks that every widget view starts this one way.)
import { onMount, untrack } from 'svelte';
import type { z } from 'zod';
import { anchorOf, fragmentGet, fragmentWith, LINK_NOTICE, type FigureState } from './figureState.ts';
import { LiveText } from './browser.svelte.ts';

/** What a widget's model provides to the kit. Reactive: `snapshot()` and `describe()` read `$state`. */
export interface FigureModel<T extends z.ZodObject = z.ZodObject> {
  /** The state's one definition: schema with defaults, version, migrations. */
  readonly spec: FigureState<T>;
  /** The current state, as the link stores it. */
  snapshot(): z.output<T>;
  /** Shows `state` (a valid one: the kit parsed it); false when the model still cannot show it. */
  apply(state: z.output<T>): void | boolean;
  /** Back to the state the figure opened with, before any link. */
  reset(): void;
  /** What the figure shows now, in words. */
  describe(): string;
  /** What exercises read from the `widget-state` event; the snapshot when absent. */
  report?(): unknown;
  /** True while the figure animates (the live description then updates at most every 2 s). */
  readonly animating?: boolean;
  /**
   * A model that trains: the kit connects its training to the figure (it animates while the figure is on
   * screen, as the reader's motion preference allows); null until set up, for a model that loads data first.
   */
  readonly training?: { connect(figure: { readonly visible: boolean; readonly reducedMotion: boolean }): () => void } | null;
  /** Called each time the figure comes near the screen: a model that fetches its data does it the first time (and after a failure). */
  onVisible?(): void;
}

/** How long "Link copied." stays. */
const COPIED_MS = 4000;
/** Writes to the address are coalesced: at most one every this many milliseconds while the reader drags. */
const SAVE_MS = 250;

export class FigureKit<M extends FigureModel = FigureModel> {
  readonly model: M;
  /** The figure's key in the link, and (as `figure-<id>`) its anchor. */
  readonly id: string;
  readonly anchor: string;
  notice: string | null = $state(null);
  /** "Link copied.", or the link to copy by hand when the clipboard refused. */
  copied = $state('');
  /** The figure's element (Figure binds it): events go out from it; visibility is watched on it. */
  el: HTMLElement | undefined = $state();
  /** On screen (within a little of the viewport). Animations pause when false. */
  visible = $state(false);
  reducedMotion = $state(false);
  theme = $state('light');
  /** Set once the link has been read: the figure shows its real opening state. */
  ready = $state(false);
  private live: LiveText;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(model: M, opts: { id: string }) {
    this.model = model;
    this.id = opts.id;
    this.anchor = anchorOf(opts.id);
    this.live = new LiveText(model.describe());
  }

  /** The live description: follows the model, at most every 2 s while it animates. */
  get description(): string {
    return this.live.text;
  }

  /** @internal kept current by useFigure. */
  updateDescription(): void {
    this.live.update(this.model.describe(), !!this.model.animating);
  }

  /** Reads this figure's state from a fragment (the page's `location.hash`). */
  load(hash: string): void {
    const fallback = this.model.snapshot();
    const loaded = this.model.spec.read(fragmentGet(hash, this.id), fallback);
    this.notice = loaded.notice;
    if (loaded.state !== fallback && this.model.apply(loaded.state) === false) this.notice = LINK_NOTICE;
  }

  /**
   * A link to this page that opens at this figure, in its current state, or in `state` (a lesson link
   * that hides controls, a trained network with its weights: states the address does not keep).
   */
  link(state: ReturnType<M['snapshot']> = this.model.snapshot() as ReturnType<M['snapshot']>): string {
    const hash = fragmentWith(location.hash, this.id, this.model.spec.encode(state), this.anchor);
    return `${location.origin}${location.pathname}${location.search}${hash}`;
  }

  /** Copies `link(state)` and says so ("Link copied.", for a while), or shows it to copy by hand. */
  async share(state?: ReturnType<M['snapshot']>): Promise<void> {
    const link = this.link(state);
    clearTimeout(this.copiedTimer);
    try {
      await navigator.clipboard.writeText(link);
      this.copied = 'Link copied.';
      this.copiedTimer = setTimeout(() => (this.copied = ''), COPIED_MS);
    } catch {
      this.copied = `Copy this link: ${link}`;
    }
  }

  reset(): void {
    this.notice = null;
    this.model.reset();
  }

  /** @internal when the figure leaves the page: no timer outlives it. */
  dispose(): void {
    this.live.dispose();
    clearTimeout(this.copiedTimer);
  }
}

/**
 * The kit for one figure. Call it once, at the top level of the widget's script (it registers the
 * figure's effects with the component), and hand the result to `<Figure kit={…}>`.
 */
export function useFigure<M extends FigureModel>(model: M, opts: { id: string }): FigureKit<M> {
  const kit = new FigureKit(model, opts);
  let opened = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: string | null = null;

  const write = () => {
    timer = undefined;
    if (pending === null) return;
    const text = pending === opened ? null : pending;
    pending = null;
    const hash = fragmentWith(location.hash, kit.id, text === null ? null : text);
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  };

  onMount(() => {
    opened = model.spec.encode(model.snapshot());
    kit.load(location.hash);
    kit.ready = true;
    const motion = matchMedia('(prefers-reduced-motion: reduce)');
    const onMotion = () => (kit.reducedMotion = motion.matches);
    onMotion();
    motion.addEventListener('change', onMotion);
    const root = document.documentElement;
    const onTheme = () => (kit.theme = root.dataset.theme ?? 'light');
    onTheme();
    const themes = new MutationObserver(onTheme);
    themes.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
    const flush = () => write();
    addEventListener('pagehide', flush);
    return () => {
      motion.removeEventListener('change', onMotion);
      themes.disconnect();
      removeEventListener('pagehide', flush);
      clearTimeout(timer);
      write();
    };
  });

  // Whether the figure is on screen.
  $effect(() => {
    const el = kit.el;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => (kit.visible = entries.some((e) => e.isIntersecting)), { rootMargin: '100px' });
    observer.observe(el);
    return () => observer.disconnect();
  });

  // The state into the address when the reader changes it (not when the link is read: a mangled link
  // stays in the address, so a reload says so again); the key goes when the state is the opening one.
  let seen: string | null = null;
  $effect(() => {
    const text = model.spec.encode(model.snapshot());
    if (!kit.ready) return;
    if (seen === null || text === seen) {
      seen = text;
      return;
    }
    seen = text;
    pending = text;
    timer ??= setTimeout(write, SAVE_MS);
  });

  $effect(() => kit.updateDescription());
  $effect(() => () => kit.dispose());

  // A model's data, fetched when the figure first comes near; its training, connected once there is one.
  $effect(() => {
    if (kit.visible) untrack(() => model.onVisible?.());
  });
  $effect(() => {
    const training = model.training;
    if (training) return untrack(() => training.connect(kit));
  });

  // What exercises read.
  $effect(() => {
    const detail = model.report ? model.report() : model.snapshot();
    kit.el?.dispatchEvent(new CustomEvent('widget-state', { detail, bubbles: true }));
  });

  return kit;
}

/** A widget's model and the kit on it. */
export interface Widget<M extends FigureModel> {
  model: M;
  kit: FigureKit<M>;
}

/**
 * A widget view's one way from its options (its tag's props, parsed: by its island, `() => options`, or
 * where the widget is its own island by `() => parseProps(schema, props, 'Name')`) to a running figure:
 * `build` makes the model from them, and `useFigure` puts the kit on it, keyed by the options' `id` (or
 * by what `id` makes of them). The options are read once, as the figure starts (a function, so that the
 * view's script reads its props inside it). Call it once, at the top level of the view's script.
 */
export function useWidget<O extends { id: string }, M extends FigureModel>(options: () => O, build: (options: O) => M): Widget<M>;
export function useWidget<O, M extends FigureModel>(options: () => O, build: (options: O) => M, id: (options: O) => string): Widget<M>;
export function useWidget<O, M extends FigureModel>(options: () => O, build: (options: O) => M, id?: (options: O) => string): Widget<M> {
  const opened = untrack(options);
  const model = untrack(() => build(opened));
  return { model, kit: useFigure(model, { id: id ? id(opened) : (opened as { id: string }).id }) };
}
