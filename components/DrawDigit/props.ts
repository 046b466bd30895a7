// The props of <DrawDigit>, checked by DrawDigit.svelte before its error boundary (a bad prop must stop the build,
// not render as a caught error) and by DrawDigitView.svelte, which reads them.
import { z } from 'zod';

export const drawDigitProps = z.object({ id: z.string().default('draw-digit') });
