// The props of <BrokenRun>, checked by BrokenRun.svelte before its error boundary (a bad prop must stop the build,
// not render as a caught error) and by BrokenRunView.svelte, which reads them.
import { z } from 'zod';
import { figureIds } from './cases.ts';

export const brokenRunProps = z.object({ fault: z.enum(figureIds), id: z.string().optional(), n: z.number().int().min(1).optional() });
