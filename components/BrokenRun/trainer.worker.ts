// The debugging lab's worker: every case's run and the learning-rate range test train here.
import { serve } from '../trainer/worker.ts';
import { labTask } from './labTask.ts';
import { rangeTask } from './rangeTask.ts';

serve([labTask, rangeTask]);
