// The props of <ScreeningTest>, checked by ScreeningTest.svelte before its error boundary (a bad prop must stop the build,
// not render as a caught error) and by ScreeningTestView.svelte, which reads them.
import { z } from 'zod';

export const screeningTestProps = z.object({
  id: z.string().regex(/^[\w-]+$/).default('screening'),
  preset: z.enum(['bcsc', 'masai-double', 'masai-ai']).default('bcsc'),
  title: z.string().default('A screening test and its base rate'),
});
