// The props of <Positions>, checked by Positions.svelte before its error boundary (a bad prop must stop the build,
// not render as a caught error) and by PositionsView.svelte, which reads them.
import { z } from 'zod';

export const positionsProps = z.object({ id: z.string().regex(/^[\w-]+$/).default('positions') });
