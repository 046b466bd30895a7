// The Web Worker that trains the Playground, the first network and the overfitting figure (the trainer
// service hosting the MLP task): the page's main thread only draws and answers the reader.
import { serve } from '../trainer/worker.ts';
import { mlpTask } from './mlpTask.ts';

serve([mlpTask]);
