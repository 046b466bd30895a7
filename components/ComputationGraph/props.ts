// The props of <ComputationGraph>, checked by ComputationGraph.svelte before its error boundary (a bad prop must stop the build,
// not render as a caught error) and by ComputationGraphView.svelte, which reads them.
import { z } from 'zod';
import { MAX_EXPRESSION, presets } from './model.svelte.ts';

export const computationGraphProps = z.object({
  preset: z.enum(presets.map((q) => q.name) as [string, ...string[]]).default(presets[0].name),
  expression: z.string().max(MAX_EXPRESSION).optional(),
  id: z.string().regex(/^[\w-]+$/).optional(),
});
