// Text for a live region that does not chatter: the figure kit's live description (figure.svelte.ts).

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
