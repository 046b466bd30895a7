// The InductionHeads figure's worker: the tiny transformer trains here while the page draws.
import { serve } from '../trainer/worker.ts';
import { inductionTask } from './inductionTask.ts';

serve([inductionTask]);
