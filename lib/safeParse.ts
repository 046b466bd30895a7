// zod's safeParse, made safe for files a reader or a student hands the book. zod gathers the issues of
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
