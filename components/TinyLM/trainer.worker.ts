// The TinyLM figure's worker: the transformer language model trains here while the page samples from it.
import { serve } from '../trainer/worker.ts';
import { tinyLMTask } from './task.ts';

serve([tinyLMTask]);
