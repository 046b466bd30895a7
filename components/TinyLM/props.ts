// The props of <TinyLM>, parsed once by TinyLM.svelte (ui/Island.svelte) before its error boundary (a bad prop
// must stop the build, not render as a caught error); TinyLMView.svelte gets them parsed.
import { z } from 'zod';

export const tinyLMProps = z.object({ id: z.string().regex(/^[\w-]+$/).default('tiny-lm') });
