// Files a reader or a student hands the book. safeParseFile is zod's safeParse made safe for them: zod gathers the issues of
// every child into its parent's list with a spread (`push(...issues)`), so a crafted file with a few hundred
// thousand wrong values (an array of 200,000 numbers where rows were due) overflows the call stack there
// and safeParse throws RangeError instead of returning. This returns a failure with one issue instead.
import { z } from 'zod';

export function safeParseFile<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  try {
    return schema.safeParse(value) as z.ZodSafeParseResult<z.output<S>>;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { success: false, error: new z.ZodError([{ code: 'custom', path: [], message: 'it has far too many wrong values to list them', input: undefined }]) } as z.ZodSafeParseResult<z.output<S>>;
  }
}

/** Where in a file a problem is, for a message ("settings.hidden[0]"). */
export function where(path: PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

export interface FormatFile<S extends z.ZodType> {
  /** The value of the file's "format" field. */
  format: string;
  /** What the file should be, for messages: "a digit network". */
  what: string;
  /** How the file is called in a message about its contents: "file", "model file". */
  called: string;
  maxChars: number;
  /** The file's size as the too-large message says it ("7 MB"). */
  size(chars: number): string;
  schema: S;
}

/**
 * Reads a figure's own file (a saved model, a trained network): it must be at most `maxChars`, JSON, an
 * object whose "format" is `f.format`, and match `f.schema`. Returns the data, or a sentence for the reader
 * saying which of these fails (and, for the schema, where in the file).
 */
export function parseFormatFile<S extends z.ZodType>(text: string, f: FormatFile<S>): { ok: true; data: z.output<S> } | { ok: false; message: string } {
  if (text.length > f.maxChars) return { ok: false, message: `The file is too large to be ${f.what} (${f.size(text.length)}).` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: `The file is not JSON, so it is not ${f.what}.` };
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== f.format) {
    return { ok: false, message: `The file is JSON but not ${f.what} (it lacks "format": "${f.format}").` };
  }
  const parsed = safeParseFile(f.schema, json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `The ${f.called} has a problem at ${where(issue.path) || 'its top level'}: ${issue.message}.` };
  }
  return { ok: true, data: parsed.data };
}
