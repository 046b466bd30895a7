// Showing a stream of values at most every so often: the latest value wins, and nothing is lost at the
// end (the last one is shown once its time comes, or at once when asked).

export class Throttle<T> {
  private at = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The value not shown yet. */
  private waiting: T | null = null;

  /** Calls `show` at most every `ms` milliseconds. */
  constructor(
    private readonly ms: number,
    private readonly show: (value: T) => void,
  ) {}

  /** Shows `value` now if `now` or if the last one was shown `ms` ago; else within `ms` of the last one. */
  push(value: T, now: boolean): void {
    this.waiting = value;
    const wait = this.ms - (performance.now() - this.at);
    if (!now && wait > 0) {
      this.timer ??= setTimeout(() => this.waiting && this.push(this.waiting, true), wait);
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.at = performance.now();
    this.waiting = null;
    this.show(value);
  }

  /** Drops a value still waiting (when its figure leaves the page). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
  }
}
