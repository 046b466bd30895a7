// The props of <Positions>, parsed once by Positions.svelte (ui/Island.svelte) before its error boundary (a bad prop
// must stop the build, not render as a caught error); PositionsView.svelte gets them parsed.
import { z } from 'zod';

export const positionsProps = z.object({ id: z.string().regex(/^[\w-]+$/).default('positions') });
