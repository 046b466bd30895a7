// "Save the whole book for offline use": what is left to fetch once the service worker has saved the pages
// (the data sets and the PDF, listed by the build in /offline-files.json), how big it is, and fetching it into
// the cache the service worker serves those files from, with progress. Browser APIs come in as arguments so
// the logic is tested without a browser.

/** One file the service worker keeps only once it was used (or saved here). */
export interface ExtraFile {
  url: string;
  bytes: number;
  /** What it is, in words ("Digit images, 28×28"). */
  what: string;
}

/** The cache name the service worker's runtime route for data sets and the PDF uses (astro.config.mjs). */
export const EXTRAS_CACHE = 'dll-extras';

/** The part of the Cache API used here. */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
}

export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

/** Progress of a save, in bytes over the whole set, and the file being fetched. */
export interface SaveProgress {
  done: number;
  total: number;
  current: string;
}

export type SaveResult = { ok: true; saved: number } | { ok: false; saved: number; message: string };

/** 1234567 -> "1.2 MB"; sizes are decimal (as operating systems show file sizes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown size';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Reads the build's list of extra files; anything malformed is dropped, so a bad list saves less, never throws. */
export function parseFileList(json: unknown): ExtraFile[] {
  const files = (json as { files?: unknown })?.files;
  if (!Array.isArray(files)) return [];
  return files.flatMap((f: unknown): ExtraFile[] => {
    const { url, bytes, what } = (f ?? {}) as Record<string, unknown>;
    const ok = typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') && typeof what === 'string';
    return ok && typeof bytes === 'number' && Number.isFinite(bytes) && bytes >= 0 ? [{ url, bytes, what }] : [];
  });
}

/** The files of `files` that the cache does not hold yet. */
export async function missingFiles(files: ExtraFile[], cache: CacheLike): Promise<ExtraFile[]> {
  const held = await Promise.all(files.map((f) => cache.match(f.url)));
  return files.filter((_, i) => !held[i]);
}

/** Reads a response body to the end, reporting each chunk's size. */
async function readAll(response: Response, onchunk: (bytes: number) => void): Promise<Blob> {
  if (!response.body) {
    const blob = await response.blob();
    onchunk(blob.size);
    return blob;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onchunk(value.byteLength);
  }
  return new Blob(chunks as BlobPart[]);
}

/**
 * Fetches each file and puts it in the cache, one at a time, reporting progress in bytes. Stops at the first
 * failure and says which file and why; what was saved before stays saved, so pressing again resumes.
 */
export async function saveFiles(
  files: ExtraFile[],
  deps: { fetch: FetchLike; cache: CacheLike; onprogress?: (p: SaveProgress) => void; signal?: AbortSignal },
): Promise<SaveResult> {
  const total = files.reduce((s, f) => s + f.bytes, 0);
  let done = 0;
  let saved = 0;
  for (const file of files) {
    const report = () => deps.onprogress?.({ done: Math.min(done, total), total, current: file.what });
    report();
    let response: Response;
    try {
      response = await deps.fetch(file.url, { signal: deps.signal });
    } catch (error) {
      if ((error as { name?: string })?.name === 'AbortError') return { ok: false, saved, message: 'Stopped. What was saved stays saved.' };
      return { ok: false, saved, message: `Could not fetch ${file.what}: the network seems to be down. Try again when you are online.` };
    }
    if (!response.ok) return { ok: false, saved, message: `Could not fetch ${file.what}: the site answered ${response.status}.` };
    try {
      const start = done;
      const blob = await readAll(response, (n) => {
        done += n;
        report();
      });
      done = start + Math.max(file.bytes, blob.size);
      const headers = new Headers(response.headers);
      await deps.cache.put(file.url, new Response(blob, { status: 200, headers }));
    } catch (error) {
      if ((error as { name?: string })?.name === 'AbortError') return { ok: false, saved, message: 'Stopped. What was saved stays saved.' };
      const full = (error as { name?: string })?.name === 'QuotaExceededError';
      const why = full ? "this device's storage for the site is full" : 'the download broke off';
      return { ok: false, saved, message: `Could not save ${file.what}: ${why}.` };
    }
    saved++;
    report();
  }
  return { ok: true, saved };
}
