import { describe, expect, it } from 'vitest';
import { formatBytes, missingFiles, parseFileList, saveFiles, type CacheLike, type ExtraFile } from './saveBook.ts';

const files: ExtraFile[] = [
  { url: '/data/a.bin', bytes: 1500, what: 'file A' },
  { url: '/data/b.bin', bytes: 2500, what: 'file B' },
];

/** A cache in memory, like the Cache API's. */
function memoryCache(): CacheLike & { held: Map<string, Response> } {
  const held = new Map<string, Response>();
  return {
    held,
    match: async (url) => held.get(url),
    put: async (url, response) => void held.set(url, response),
  };
}

const okFetch = async (url: string) => new Response(new Uint8Array(url.endsWith('a.bin') ? 1500 : 2500));

describe('formatBytes', () => {
  it('reads as file sizes do', () => {
    expect(formatBytes(532)).toBe('532 B');
    expect(formatBytes(45_300)).toBe('45 kB');
    expect(formatBytes(3_534_548)).toBe('3.5 MB');
    expect(formatBytes(Number.NaN)).toBe('unknown size');
  });
});

describe('parseFileList', () => {
  it('keeps well-formed entries and drops the rest', () => {
    const list = parseFileList({
      files: [files[0], { url: 'https://elsewhere.example/x', bytes: 1, what: 'x' }, { url: '//evil/x', bytes: 1, what: 'x' }, { url: '/y', bytes: -1, what: 'y' }, null, 'z'],
    });
    expect(list).toEqual([files[0]]);
  });
  it('gives an empty list for anything that is not a list', () => {
    expect(parseFileList(null)).toEqual([]);
    expect(parseFileList({ files: 'many' })).toEqual([]);
  });
});

describe('saveFiles', () => {
  it('fetches every file into the cache and reports progress up to the total', async () => {
    const cache = memoryCache();
    const seen: number[] = [];
    const result = await saveFiles(files, { fetch: okFetch, cache, onprogress: (p) => seen.push(p.done) });
    expect(result).toEqual({ ok: true, saved: 2 });
    expect([...cache.held.keys()]).toEqual(['/data/a.bin', '/data/b.bin']);
    expect(seen.at(-1)).toBe(4000);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await missingFiles(files, cache)).toEqual([]);
  });

  it('stops at a failed file, says which, and keeps what was saved so the next press resumes', async () => {
    const cache = memoryCache();
    const fetch = async (url: string) => {
      if (url.endsWith('b.bin')) throw new TypeError('Failed to fetch');
      return okFetch(url);
    };
    const result = await saveFiles(files, { fetch, cache });
    expect(result).toEqual({ ok: false, saved: 1, message: expect.stringContaining('Could not fetch file B') });
    expect(await missingFiles(files, cache)).toEqual([files[1]]);
  });

  it('reports an error status and a full cache in words', async () => {
    const notFound = await saveFiles(files, { fetch: async () => new Response('', { status: 404 }), cache: memoryCache() });
    expect(notFound).toEqual({ ok: false, saved: 0, message: 'Could not fetch file A: the site answered 404.' });
    const full: CacheLike = {
      match: async () => undefined,
      put: async () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const result = await saveFiles(files, { fetch: okFetch, cache: full });
    expect(result).toEqual({ ok: false, saved: 0, message: "Could not save file A: this device's storage for the site is full." });
  });

  it('stops when asked', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetch = async (_url: string, init?: { signal?: AbortSignal }) => {
      init?.signal?.throwIfAborted();
      return new Response('');
    };
    const result = await saveFiles(files, { fetch, cache: memoryCache(), signal: controller.signal });
    expect(result).toEqual({ ok: false, saved: 0, message: 'Stopped. What was saved stays saved.' });
  });
});
