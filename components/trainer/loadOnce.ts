// A data file loaded once per thread: the page and a trainer's worker each call `load()`, and a task reads
// `get()` synchronously once they have. A failed load is tried again on the next call.
export interface LoadOnce<T> {
  /** The data, if this thread has loaded it. */
  get(): T | null;
  /** Sets the data directly (tests in Node, which read the file from disk). */
  use(value: T): void;
  /** Loads the data once (`base`: the site's base path in the browser). */
  load(base?: string): Promise<T>;
}

export function loadOnce<T>(fetchData: (base: string) => Promise<T>): LoadOnce<T> {
  let cached: T | null = null;
  let loading: Promise<T> | null = null;
  return {
    get: () => cached,
    use: (value) => {
      cached = value;
    },
    load: (base = '') => {
      loading ??= fetchData(base).then(
        (value) => (cached = value),
        (e) => {
          loading = null;
          throw e;
        },
      );
      return loading;
    },
  };
}
