// A shared figure link opens at its figure. The link's fragment starts with the figure's anchor
// (`#figure-bowl&bowl=…`), which the browser cannot scroll to by itself (the whole fragment is not an
// id), so this runs on every page: it scrolls the named figure into view before the figure hydrates, and
// once more after the page has loaded, unless the reader has scrolled meanwhile.
import { sharedAnchor } from './figureState.ts';

export function openAtFigure(): void {
  const id = sharedAnchor(location.hash);
  const el = id ? document.getElementById(id) : null;
  if (!el) return;
  el.scrollIntoView({ block: 'start' });
  const at = scrollY;
  addEventListener('load', () => Math.abs(scrollY - at) < 2 && el.scrollIntoView({ block: 'start' }), { once: true });
}
