// The props of <ComputationGraph>, parsed once by ComputationGraph.svelte (ui/Island.svelte) before its error boundary (a bad prop
// must stop the build, not render as a caught error); ComputationGraphView.svelte gets them parsed.
import { z } from 'zod';
import { MAX_EXPRESSION, presets } from './model.svelte.ts';

export const computationGraphProps = z.object({
  preset: z.enum(presets.map((q) => q.name) as [string, ...string[]]).default(presets[0].name),
  expression: z.string().max(MAX_EXPRESSION).optional(),
  id: z.string().regex(/^[\w-]+$/).optional(),
});
