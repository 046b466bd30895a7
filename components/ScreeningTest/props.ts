// The props of <ScreeningTest>, parsed once by ScreeningTest.svelte (ui/Island.svelte) before its error boundary (a bad prop
// must stop the build, not render as a caught error); ScreeningTestView.svelte gets them parsed.
import { z } from 'zod';

export const screeningTestProps = z.object({
  id: z.string().regex(/^[\w-]+$/).default('screening'),
  preset: z.enum(['bcsc', 'masai-double', 'masai-ai']).default('bcsc'),
  title: z.string().default('A screening test and its base rate'),
});
