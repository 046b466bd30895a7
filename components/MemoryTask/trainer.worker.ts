// The MemoryTask figure's worker: the three nets train here while the page draws.
import { serve } from '../trainer/worker.ts';
import { memoryTask } from './memoryTask.ts';

serve([memoryTask]);
