// Small browser facts widgets react to: whether an element is on screen, the reader's motion
// preference, and the current colour theme.

/** Calls `onchange(visible)` as `el` scrolls into and out of view. Returns a cleanup function. */
export function watchVisibility(el: Element, onchange: (visible: boolean) => void): () => void {
  const observer = new IntersectionObserver((entries) => onchange(entries.some((e) => e.isIntersecting)), { threshold: 0.05 });
  observer.observe(el);
  return () => observer.disconnect();
}

/** True when the reader asked the system for reduced motion. */
export const prefersReducedMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The site theme ('light' or 'dark'), kept current as the reader toggles it. */
export class Theme {
  current = $state('light');

  /** Starts watching the root element's data-theme; returns a cleanup function. */
  watch(): () => void {
    const root = document.documentElement;
    const read = () => (this.current = root.dataset.theme ?? 'light');
    read();
    const observer = new MutationObserver(read);
    observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }
}

/** Announces a widget's state to anything listening (exercises check widget goals this way). */
export function emitState(el: Element | undefined, state: unknown): void {
  el?.dispatchEvent(new CustomEvent('widget-state', { detail: state, bubbles: true }));
}

/**
 * Text for a live region (a figure's description) that follows its source at once while the figure is
 * still, but at most every `everyMs` while it animates: a screen reader would otherwise be handed a new
 * sentence every frame. Call `update` from an effect.
 */
export class LiveText {
  text = $state('');
  private at = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private next = '';

  constructor(initial: string) {
    this.text = initial;
  }

  /**
   * Shows `next` now when nothing moves, else at most every `everyMs`: a text held back is shown once its
   * time comes (the newest one), so the last change is never lost while the figure stays still.
   */
  update(next: string, animating: boolean, everyMs = 2000): void {
    this.next = next;
    const wait = everyMs - (performance.now() - this.at);
    if (animating && wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.show();
      }, wait);
      return;
    }
    this.show();
  }

  /** Drops a text still waiting (when the figure leaves the page). */
  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private show(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.at = performance.now();
    if (this.text !== this.next) this.text = this.next;
  }
}
