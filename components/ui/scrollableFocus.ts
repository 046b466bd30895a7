// A display formula wider than the screen scrolls sideways inside its own box (global.css). A box that
// scrolls must be reachable from the keyboard (WCAG 2.1.1; axe's scrollable-region-focusable), so while a
// formula overflows it becomes a named, focusable group, and the arrow keys scroll it. When it fits again
// (a wider window), the attributes this added come off, so formulas that fit stay out of the tab order.

/** Display math as KaTeX's MathML-only output writes it: `<span class="katex"><math display="block">`. */
export const DISPLAY_MATH = ".katex:has(> math[display='block'])";

const LABEL = 'Formula, scrolls sideways';
const MARK = 'data-scroll-focus';

/** The part of an element this module reads and writes (an interface so tests need no DOM). */
export interface ScrollableBox {
  scrollWidth: number;
  clientWidth: number;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

/** Make `el` focusable and named while its content overflows; undo only what this function did. */
export function syncScrollable(el: ScrollableBox): void {
  const overflows = el.scrollWidth > el.clientWidth + 1;
  const marked = el.hasAttribute(MARK);
  if (overflows && !marked) {
    if (el.hasAttribute('tabindex')) return; // someone else made it focusable: leave it to them
    el.setAttribute(MARK, '');
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'group');
    el.setAttribute('aria-label', LABEL);
  } else if (!overflows && marked) {
    for (const name of [MARK, 'tabindex', 'role', 'aria-label']) el.removeAttribute(name);
  }
}

/**
 * Keep every display formula on the page in sync with its width, once it is laid out and whenever it
 * resizes. NOTE: only the observer reads widths, after the browser has laid the page out: reading them at
 * once forced a layout of the whole chapter before its first paint, and of the parts the browser skips
 * while off screen (content-visibility in global.css); a formula in a skipped part is synced when its part
 * is first shown.
 */
export function watchScrollable(selector: string = DISPLAY_MATH): void {
  const observer = sizes();
  if (!observer) return;
  document.querySelectorAll<HTMLElement>(selector).forEach((b) => observer.observe(b));
}

let shared: ResizeObserver | null | undefined;
/** The one observer that syncs every watched formula, made on first use (none where the browser lacks it). */
function sizes(): ResizeObserver | null {
  if (shared === undefined) {
    shared = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => entries.forEach((e) => syncScrollable(e.target as HTMLElement)));
  }
  return shared;
}

/**
 * An attachment (`{@attach scrollableMath}`) for an element whose math arrives after load, as a hydrated
 * exercise's `{@html}` prompt, hints and folded solution do, which `watchScrollable` at load never sees:
 * its display formulas, now and whenever its content is replaced, are synced like the chapter's.
 */
export function scrollableMath(el: HTMLElement): () => void {
  const observer = sizes();
  if (!observer) return () => {};
  const observeAll = () => el.querySelectorAll<HTMLElement>(DISPLAY_MATH).forEach((b) => observer.observe(b));
  observeAll();
  const changes = new MutationObserver(observeAll);
  changes.observe(el, { childList: true, subtree: true });
  return () => {
    changes.disconnect();
    el.querySelectorAll<HTMLElement>(DISPLAY_MATH).forEach((b) => observer.unobserve(b));
  };
}
