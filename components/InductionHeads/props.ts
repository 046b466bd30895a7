// The props of <InductionHeads>, parsed once by InductionHeads.svelte (ui/Island.svelte) before its error boundary (a bad prop
// must stop the build, not render as a caught error); InductionHeadsView.svelte gets them parsed.
import { z } from 'zod';
import { TASKS } from './task.ts';

export const inductionHeadsProps = z.object({
  id: z.string().regex(/^[\w-]+$/).default('induction-heads'),
  task: z.enum(TASKS).default('induction'),
  layers: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
  heads: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(2),
});
