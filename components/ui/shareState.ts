// Widget state in the page address, for the widgets not yet on the figure kit (figure.svelte.ts, which
// new widgets use): each widget owns one key of the URL fragment (#playground=...), holding versioned
// JSON in the kit's encoding. A link that is mangled, from another version, or out of range never breaks
// a widget: it falls back to the defaults and says so.
import type { z } from 'zod';
import { decodeText, encodeText, fragmentGet, fragmentWith, LINK_NOTICE, MAX_LINK_CHARS, type Loaded } from './figureState.ts';

export type { Loaded };

/** Reads `key` from a URL fragment and validates it against `schema` (which includes the version). */
export function readState<T>(hash: string, key: string, schema: z.ZodType<T>, defaults: T): Loaded<T> {
  const raw = fragmentGet(hash, key);
  if (raw === null || raw === '') return { state: defaults, notice: null };
  try {
    const parsed = raw.length <= MAX_LINK_CHARS ? schema.safeParse(JSON.parse(decodeText(raw))) : null;
    if (parsed?.success) return { state: parsed.data, notice: null };
  } catch {
    // fall through to the notice
  }
  return { state: defaults, notice: LINK_NOTICE };
}

/** The fragment with `key` set to the encoded state (other widgets' keys are kept). */
export function withState(hash: string, key: string, state: unknown): string {
  return fragmentWith(hash, key, encodeText(JSON.stringify(state)));
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
