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
