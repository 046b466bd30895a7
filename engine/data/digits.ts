// The handwritten digits shipped with the site (a subset of MNIST), loaded with fetch in the browser and
// from disk in Node. The file format is described in scripts/build-digits.mjs.

export interface DigitSplit {
  /** n images of size×size pixels, row-major, in [0, 1] (ink is high). */
  images: Float32Array;
  labels: Uint8Array;
  n: number;
}

export interface Digits {
  size: number;
  train: DigitSplit;
  test: DigitSplit;
}

/** Parses a digits file; throws a clear error if it is not one. */
export function parseDigits(bytes: Uint8Array): Digits {
  const bad = (why: string) => new Error(`loadDigits: not a valid digits file (${why})`);
  if (bytes.length < 16) throw bad('too short');
  if (String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== 'DLLD') throw bad('wrong magic');
  if (bytes[4] !== 1) throw bad(`unknown version ${bytes[4]}`);
  const size = bytes[5];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(8, true);
  const nTrain = view.getUint32(12, true);
  if (nTrain > n || bytes.length !== 16 + n + n * size * size) throw bad('length does not match the header');
  const labels = bytes.subarray(16, 16 + n);
  const pixels = bytes.subarray(16 + n);
  const images = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) images[i] = pixels[i] / 255;
  for (let i = 0; i < n; i++) if (labels[i] > 9) throw bad(`label ${labels[i]} at ${i}`);
  const px = size * size;
  const split = (from: number, to: number): DigitSplit => ({
    images: images.subarray(from * px, to * px),
    labels: labels.slice(from, to),
    n: to - from,
  });
  return { size, train: split(0, nTrain), test: split(nTrain, n) };
}

interface FetchLike {
  (url: string): Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
}

/**
 * Loads the digits at 8×8, 14×14 or 28×28. In the browser it fetches `${base}/data/digits-${size}.bin`
 * (base defaults to the site root); in Node it reads `source` or public/data/ under the working directory.
 * `all: true` (28×28 only) loads all 10,000 digits of the set, 8,000 for training and 2,000 for testing,
 * a fifth of each class held out (digits-28-all.bin, about 7.7 MB).
 */
export async function loadDigits(opts: { size?: 8 | 14 | 28; all?: boolean; source?: string; base?: string } = {}): Promise<Digits> {
  const size = opts.size ?? (opts.all ? 28 : 8);
  if (opts.all && size !== 28) throw new Error(`loadDigits: all the digits come at 28×28 only, not ${size}×${size}`);
  const name = opts.all ? 'digits-28-all.bin' : `digits-${size}.bin`;
  const g = globalThis as { fetch?: FetchLike; process?: { versions?: { node?: string } } };
  if (g.process?.versions?.node && !(opts.source ?? '').startsWith('http')) {
    // NOTE: the module name is built at run time so browser bundlers never try to resolve it.
    const fs = (await import(/* @vite-ignore */ ['node', 'fs/promises'].join(':'))) as {
      readFile(p: string): Promise<Uint8Array>;
    };
    const path = opts.source ?? `public/data/${name}`;
    return parseDigits(new Uint8Array(await fs.readFile(path)));
  }
  if (!g.fetch) throw new Error('loadDigits: no fetch available to load the digits');
  const url = opts.source ?? `${opts.base ?? ''}/data/${name}`;
  const res = await g.fetch(url);
  if (!res.ok) throw new Error(`loadDigits: could not load ${url} (HTTP ${res.status})`);
  return parseDigits(new Uint8Array(await res.arrayBuffer()));
}
