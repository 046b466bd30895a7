// Long work in pieces, so the page answers between them: drawing a long list a few items per frame (a list
// of hundreds of rows drawn at once holds the page for longer than a click should wait), and yielding to
// the page between chunks of other work.

/**
 * Resolves once the page has had a chance to handle input and paint: `scheduler.yield()` where the browser
 * has it (the rest of the work keeps its place in line), else a MessageChannel message, a task of its own
 * without the 4 ms that nested `setTimeout` calls wait.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A list drawn `perFrame` items per animation frame. Call from a component's setup; `count` restarts at one chunk whenever the list changes. */

export function drawInChunks(list: () => readonly unknown[], perFrame: number): { readonly count: number } {
  let count = $state(perFrame);
  $effect(() => {
    const n = list().length;
    count = perFrame;
    let frame = 0;
    const more = () => {
      count += perFrame;
      if (count < n) frame = requestAnimationFrame(more);
    };
    if (count < n) frame = requestAnimationFrame(more);
    return () => cancelAnimationFrame(frame);
  });
  return {
    get count() {
      return count;
    },
  };
}
