// Drawing a long list a few items per frame: a list of hundreds of rows drawn at once holds the page for
// longer than a click should wait; drawn a chunk per animation frame, the page answers between chunks. Call
// from a component's setup; `count` restarts at one chunk whenever the list changes.

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
