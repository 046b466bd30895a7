// A small trained network in a share link: every weight and bias as 32-bit floats (the trainer's own
// numbers, so the receiver's network is the sender's to the bit), little-endian, layer by layer (each
// layer's [out × in] weight matrix, row-major, then its biases), as URL-safe base64, uncompressed (a few
// hundred numbers make a link of a kilobyte or two). The link's schema
// (linkState.ts) checks that the text decodes to exactly as many numbers as the settings' network has,
// all finite; a net with more than MAX_SHARED_PARAMETERS is refused with a message (export it instead).
import type { Parameters } from './parameters.ts';

/** At most this many weights and biases go into a link (about 1,600 characters of it). */
export const MAX_SHARED_PARAMETERS = 300;

/** How many weights and biases a network of these layer sizes has. */
export const parameterCount = (sizes: readonly number[]): number => sizes.slice(1).reduce((n, out, l) => n + out * sizes[l] + out, 0);

/** The parameters as link text. */
export function encodeParameters(p: Parameters): string {
  const n = p.weights.reduce((k, w, l) => k + w.length + p.biases[l].length, 0);
  const all = new Float32Array(n);
  let at = 0;
  p.weights.forEach((w, l) => {
    all.set(w, at);
    at += w.length;
    all.set(p.biases[l], at);
    at += p.biases[l].length;
  });
  const bytes = new Uint8Array(all.buffer);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The numbers in link text, or null when it is not base64url of whole 32-bit floats, all finite. */
export function decodeNumbers(text: string): Float32Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  if (binary.length % 4 !== 0) return null;
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  const values = new Float32Array(bytes.buffer);
  return values.every(Number.isFinite) ? values : null;
}

/** Link text back to the parameters of a network of these layer sizes, or null when it does not fit. */
export function decodeParameters(text: string, sizes: readonly number[]): Parameters | null {
  const values = decodeNumbers(text);
  if (!values || values.length !== parameterCount(sizes)) return null;
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [inp, out] = [sizes[l], sizes[l + 1]];
    weights.push(values.slice(at, at + out * inp));
    at += out * inp;
    biases.push(values.slice(at, at + out));
    at += out;
  }
  return { weights, biases };
}
