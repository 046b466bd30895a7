// The props of <Convolution>, parsed once by Convolution.svelte (ui/Island.svelte) before its error boundary (a bad prop
// must stop the build, not render as a caught error); ConvolutionView.svelte gets them parsed.
import { z } from 'zod';
import { inputNames } from './presets.ts';

export const convolutionProps = z.object({ id: z.string().default('convolution'), input: z.enum(inputNames).optional() });
