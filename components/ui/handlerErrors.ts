// Errors a widget's event handlers throw. svelte:boundary catches what throws while a widget renders or
// runs its effects, not what its event handlers throw: those reach the window as uncaught errors, and the
// widget carries on half-updated with nothing on screen saying so. While an event the reader caused is
// being dispatched inside a watched element (from its capture phase to the end of that task), an error
// that reaches the window belongs to that element: its catcher gets it, and the browser's own "Uncaught"
// report is cancelled, since the catcher explains it instead.

type Catcher = (error: unknown) => void;

/** The events a reader causes, through which a widget's handlers run. */
const READER_EVENTS = ['click', 'dblclick', 'input', 'change', 'submit', 'keydown', 'keyup', 'pointerdown', 'pointerup', 'wheel', 'drop'] as const;

let current: Catcher | null = null;
let clearing = false;
let listening = false;

function onWindowError(event: ErrorEvent) {
  const catcher = current;
  if (!catcher) return;
  current = null;
  event.preventDefault();
  catcher(event.error ?? new Error(event.message));
}

/**
 * Hands `onerror` every error that `el`'s event handlers (and those it delegates to, such as Svelte's
 * delegated listeners on the document) throw while an event the reader caused inside `el` is being
 * dispatched. Returns the function that stops watching.
 */
export function catchHandlerErrors(el: HTMLElement, onerror: Catcher): () => void {
  if (!listening) {
    listening = true;
    window.addEventListener('error', onWindowError);
  }
  const enter = () => {
    current = onerror;
    if (clearing) return;
    clearing = true;
    // NOTE: cleared on the next task, not in a microtask: microtasks run between the event's listeners,
    // and Svelte's delegated handlers run after this capture listener, when the event reaches the root.
    setTimeout(() => {
      current = null;
      clearing = false;
    }, 0);
  };
  for (const type of READER_EVENTS) el.addEventListener(type, enter, { capture: true, passive: true });
  return () => {
    for (const type of READER_EVENTS) el.removeEventListener(type, enter, { capture: true });
    if (current === onerror) current = null;
  };
}
