// The props of <TinyLM>, checked by TinyLM.svelte before its error boundary (a bad prop must stop the build,
// not render as a caught error) and by TinyLMView.svelte, which reads them.
import { z } from 'zod';

export const tinyLMProps = z.object({ id: z.string().regex(/^[\w-]+$/).default('tiny-lm') });
