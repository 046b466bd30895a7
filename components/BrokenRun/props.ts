// The props of <BrokenRun>, parsed once by BrokenRun.svelte (ui/Island.svelte) before its error boundary (a bad prop
// must stop the build, not render as a caught error); BrokenRunView.svelte gets them parsed.
import { z } from 'zod';
import { figureIds } from './cases.ts';

export const brokenRunProps = z.object({ fault: z.enum(figureIds), id: z.string().optional(), n: z.number().int().min(1).optional() });
