// The props of <Convolution>, checked by Convolution.svelte before its error boundary (a bad prop must stop the build,
// not render as a caught error) and by ConvolutionView.svelte, which reads them.
import { z } from 'zod';
import { inputNames } from './presets.ts';

export const convolutionProps = z.object({ id: z.string().default('convolution'), input: z.enum(inputNames).optional() });
