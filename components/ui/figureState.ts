// A figure's state, defined once: a zod object schema whose fields carry their defaults (and, for
// numbers, the range and step of the control that sets them), a version number, and the migrations that
// bring a link written by an older version up to date. From that one definition come the TypeScript type,
// the defaults, the share-link encoding and its parse (which never throws: a mangled link gives the
// defaults and a notice), and the ranges and options of the figure's controls. DOM-free: it runs in Node.
import { z } from 'zod';

/** What a link's state turned into: the state to show, and a notice when the link could not be used. */
export interface Loaded<T> {
  state: T;
  /** Set when the link held state for this figure that could not be used. */
  notice: string | null;
}

/** Either a state or the reason there is none. */
export type Parsed<T> = { ok: true; state: T } | { ok: false; reason: string };

/** One step up: turns a state of version n (its fields, without `v`) into one of version n + 1. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** Links longer than this are refused before they are decoded (no figure's state comes near it). */
export const MAX_LINK_CHARS = 64_000;

export const LINK_NOTICE = 'The link held settings this figure could not read, so it opened with its defaults.';

const own = (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k);

/** JSON as URL-safe base64 of its UTF-8 bytes. */
export function encodeText(json: string): string {
  const binary = Array.from(new TextEncoder().encode(json), (b) => String.fromCharCode(b)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The inverse of `encodeText`; throws on anything that is not base64 of valid UTF-8. */
export function decodeText(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export class FigureState<T extends z.ZodObject> {
  readonly schema: T;
  readonly version: number;
  private readonly migrations: Record<number, Migration>;

  constructor(spec: { schema: T; version: number; migrations?: Record<number, Migration> }) {
    this.schema = spec.schema;
    this.version = spec.version;
    this.migrations = spec.migrations ?? {};
  }

  /** The defaults, with `overrides` on top; throws if the overrides are not a valid state (a build error). */
  defaults(overrides: Partial<z.input<T>> = {}): z.output<T> {
    return this.schema.parse(overrides) as z.output<T>;
  }

  /** Validates a decoded link object `{ v, ...fields }`, migrating older versions first. */
  parse(raw: unknown): Parsed<z.output<T>> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'the link does not hold an object' };
    const record = raw as Record<string, unknown>;
    const v = own(record, 'v') ? record.v : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return { ok: false, reason: 'the link has no valid version' };
    if (v > this.version) return { ok: false, reason: `the link comes from a newer version (${v}) of this figure` };
    let fields: Record<string, unknown> = {};
    for (const k of Object.keys(record)) if (k !== 'v') fields[k] = record[k];
    for (let from = v; from < this.version; from++) {
      const step = own(this.migrations, from) ? this.migrations[from] : undefined;
      if (!step) return { ok: false, reason: `the link's version ${from} can no longer be read` };
      try {
        fields = step(fields);
      } catch {
        return { ok: false, reason: `the link's version ${from} state could not be brought up to date` };
      }
    }
    const parsed = this.schema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, reason: `${issue.path.join('.') || 'state'}: ${issue.message}` };
    }
    return { ok: true, state: parsed.data as z.output<T> };
  }

  /** The state as link text: URL-safe base64 of `{ v, ...state }`. */
  encode(state: z.output<T>): string {
    return encodeText(JSON.stringify({ v: this.version, ...state }));
  }

  /** Link text back to a state, or the reason it cannot be. Never throws. */
  decode(text: string): Parsed<z.output<T>> {
    if (text.length > MAX_LINK_CHARS) return { ok: false, reason: 'the link is too long' };
    let raw: unknown;
    try {
      raw = JSON.parse(decodeText(text));
    } catch {
      return { ok: false, reason: 'the link is not readable' };
    }
    return this.parse(raw);
  }

  /** A figure's link text (null or empty when the link has none for it) as the state to open. */
  read(text: string | null, fallback: z.output<T>): Loaded<z.output<T>> {
    if (text === null || text === '') return { state: fallback, notice: null };
    const parsed = this.decode(text);
    return parsed.ok ? { state: parsed.state, notice: null } : { state: fallback, notice: LINK_NOTICE };
  }
}

/** The figure anchor a link opens at: an element id, and the fragment key that names it. */
export const anchorOf = (key: string): string => `figure-${key}`;

/** The figure anchor a fragment opens at (its first bare `figure-…` key), or null. */
export function sharedAnchor(hash: string): string | null {
  for (const [k, v] of new URLSearchParams(hash.replace(/^#/, ''))) if (v === '' && /^figure-[\w-]+$/.test(k)) return k;
  return null;
}

/** A fragment's key=value pairs (the part after '#'). */
const fragment = (hash: string) => new URLSearchParams(hash.replace(/^#/, ''));

/** The text a fragment holds under `key`, or null. */
export function fragmentGet(hash: string, key: string): string | null {
  return fragment(hash).get(key);
}

/**
 * The fragment with `key` set to `text` (or removed, for null), other figures' keys kept. With `anchor`,
 * the fragment starts with that figure's anchor (and no other), so the link opens at that figure.
 */
export function fragmentWith(hash: string, key: string, text: string | null, anchor?: string): string {
  const params = fragment(hash);
  if (text === null) params.delete(key);
  else params.set(key, text);
  const anchors = [...params.keys()].filter((k) => k.startsWith('figure-') && params.get(k) === '');
  for (const a of anchors) params.delete(a);
  const rest = params.toString();
  const head = anchor ?? (anchors.length === 1 ? anchors[0] : '');
  const joined = [head, rest].filter(Boolean).join('&');
  return joined ? `#${joined}` : '';
}

/** Defines a figure's state: `defineState({ version: 1, schema: z.object({ w: z.number().min(-5).max(5).meta({ step: 0.1 }).default(1) }) })`. */
export function defineState<T extends z.ZodObject>(spec: { schema: T; version: number; migrations?: Record<number, Migration> }): FigureState<T> {
  return new FigureState(spec);
}

/** The field under any `.default()`, `.optional()` or `.catch()` wrappers. */
function inner(field: z.ZodType): z.ZodType {
  let f: z.ZodType = field;
  for (let i = 0; i < 8 && 'unwrap' in f && typeof (f as { unwrap?: unknown }).unwrap === 'function' && !(f instanceof z.ZodArray); i++) {
    f = (f as unknown as { unwrap(): z.ZodType }).unwrap();
  }
  return f;
}

/** A number field's control range: its min and max, and the step in its `.meta({ step })` (default 1). */
export function rangeOf(field: z.ZodType): { min: number; max: number; step: number } {
  const f = inner(field);
  if (!(f instanceof z.ZodNumber)) throw new Error('rangeOf: not a number field');
  const min = f.minValue;
  const max = f.maxValue;
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) throw new Error('rangeOf: the field needs a finite min and max');
  const step = (z.globalRegistry.get(field)?.step ?? z.globalRegistry.get(f)?.step ?? 1) as number;
  return { min, max, step };
}

/** An enum field's allowed values, in order. */
export function optionsOf<const V extends string>(field: z.ZodType<V>): V[] {
  const f = inner(field);
  if (!(f instanceof z.ZodEnum)) throw new Error('optionsOf: not an enum field');
  return f.options as V[];
}

/** Props that Astro's renderer passes to every island (the slot it fills, its children), and the scoped-style marker (`data-astro-cid-…`) it adds to a tag on a page that has a `<style>`. */
const RENDERER_PROPS = new Set(['slot', 'children']);
const rendererProp = (k: string) => RENDERER_PROPS.has(k) || k.startsWith('$$') || k.startsWith('data-astro-cid-');

/**
 * Checks a widget tag's props against `schema` (fill in the defaults), and throws, naming the widget,
 * the prop and the allowed values, when one is unknown or out of range. Call it where the widget's
 * script starts: during the build (server rendering) the throw stops the build with that message.
 */
export function parseProps<T extends z.ZodObject>(schema: T, props: Record<string, unknown>, widget: string): z.output<T> {
  const given: Record<string, unknown> = {};
  for (const k of Object.keys(props)) if (props[k] !== undefined && !rendererProp(k)) given[k] = props[k];
  const unknown = Object.keys(given).filter((k) => !own(schema.shape, k));
  if (unknown.length) {
    throw new Error(`<${widget}>: unknown prop ${unknown.map((k) => `"${k}"`).join(', ')}; it takes ${Object.keys(schema.shape).join(', ')}.`);
  }
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data as z.output<T>;
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    const field = own(schema.shape, name) ? inner(schema.shape[name] as z.ZodType) : undefined;
    const allowed = field instanceof z.ZodEnum ? `; allowed: ${(field.options as string[]).join(', ')}` : '';
    return `${name}=${JSON.stringify(given[name])}: ${issue.message}${allowed}`;
  });
  throw new Error(`<${widget}>: ${lines.join('; ')}.`);
}
