// Widget state in the page address: each widget owns one key of the URL fragment (#playground=...),
// holding versioned JSON. A link that is mangled, from another version, or out of range never breaks a
// widget: it falls back to the defaults and says so.
import { z } from 'zod';

export interface Loaded<T> {
  state: T;
  /** Set when the link held state for this widget that could not be used. */
  notice: string | null;
}

/** JSON as URL-safe base64 of its UTF-8 bytes. */
function encode(json: string): string {
  const binary = Array.from(new TextEncoder().encode(json), (b) => String.fromCharCode(b)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The inverse of `encode`; throws on anything that is not base64 of valid UTF-8. */
function decode(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The fragment's key=value pairs. */
function fragment(hash: string): URLSearchParams {
  return new URLSearchParams(hash.replace(/^#/, ''));
}

/** Reads `key` from a URL fragment and validates it against `schema` (which includes the version). */
export function readState<T>(hash: string, key: string, schema: z.ZodType<T>, defaults: T): Loaded<T> {
  const raw = fragment(hash).get(key);
  if (raw === null) return { state: defaults, notice: null };
  try {
    const parsed = schema.safeParse(JSON.parse(decode(raw)));
    if (parsed.success) return { state: parsed.data, notice: null };
  } catch {
    // fall through to the notice
  }
  return { state: defaults, notice: 'The link held settings this figure could not read, so it opened with its defaults.' };
}

/** The fragment with `key` set to the encoded state (other widgets' keys are kept). */
export function withState(hash: string, key: string, state: unknown): string {
  const params = fragment(hash);
  params.set(key, encode(JSON.stringify(state)));
  return `#${params.toString()}`;
}

/** Writes the state into the current address without adding a history entry. */
export function saveState(key: string, state: unknown): void {
  const hash = withState(location.hash, key, state);
  history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
}

/** A link to this page that reopens the widget in `state`. */
export function shareLink(key: string, state: unknown): string {
  return `${location.origin}${location.pathname}${location.search}${withState(location.hash, key, state)}`;
}
