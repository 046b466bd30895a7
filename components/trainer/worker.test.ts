// The worker entries: serve answers each command in order; serveAfter holds the commands that arrive
// before its data is here and answers them, in order, once it is.
import { describe, expect, it, vi } from 'vitest';
import { kernelTask } from './example/kernelTask.ts';
import { loadOnce } from './loadOnce.ts';
import { serveAfter } from './worker.ts';

const settings = { lr: 0.05, batch: 4, images: 16, seed: 3 };

function fakeScope() {
  const posted: { gen: number; epoch?: number; error?: string }[] = [];
  const scope = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    postMessage: (m: unknown) => void posted.push(m as never),
    send: (data: unknown) => scope.onmessage!({ data } as MessageEvent),
  };
  return { scope, posted };
}

describe('serveAfter', () => {
  it('answers nothing until the data is here, then every held command in order', async () => {
    let arrive!: () => void;
    const ready = new Promise<void>((done) => (arrive = done));
    const { scope, posted } = fakeScope();
    serveAfter(ready, [kernelTask], scope);
    scope.send({ type: 'create', gen: 1, task: 'example-kernel', settings });
    scope.send({ type: 'frame', gen: 1, epochs: 3, stop: {} });
    await Promise.resolve();
    expect(posted).toEqual([]);
    arrive();
    await ready;
    await Promise.resolve();
    expect(posted.map((r) => r.gen)).toEqual([1, 1]);
    expect(posted.every((r) => !r.error)).toBe(true);
    // Later commands go straight to the host.
    scope.send({ type: 'frame', gen: 1, epochs: 1, stop: {} });
    expect(posted).toHaveLength(3);
  });

  it('throws the load failure uncaught, so that the page falls back to its own host', async () => {
    vi.useFakeTimers();
    try {
      const { scope } = fakeScope();
      const failed = Promise.reject(new Error('HTTP 404'));
      serveAfter(failed, [kernelTask], scope);
      await failed.catch(() => {});
      await Promise.resolve();
      expect(() => vi.runAllTimers()).toThrow('HTTP 404');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('loadOnce', () => {
  it('fetches once, caches the value, and tries again after a failure', async () => {
    const fetchData = vi.fn(async (base: string) => {
      if (fetchData.mock.calls.length === 1) throw new Error('offline');
      return `data from ${base}`;
    });
    const file = loadOnce(fetchData);
    expect(file.get()).toBeNull();
    await expect(file.load('/book')).rejects.toThrow('offline');
    expect(file.get()).toBeNull();
    expect(await file.load('/book')).toBe('data from /book');
    expect(await file.load('/other')).toBe('data from /book');
    expect(fetchData).toHaveBeenCalledTimes(2);
    file.use('set by a test');
    expect(file.get()).toBe('set by a test');
  });
});
