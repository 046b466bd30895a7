// The props of <DrawDigit>, parsed once by DrawDigit.svelte (ui/Island.svelte) before its error boundary (a bad prop
// must stop the build, not render as a caught error); DrawDigitView.svelte gets them parsed.
import { z } from 'zod';

export const drawDigitProps = z.object({ id: z.string().default('draw-digit') });
