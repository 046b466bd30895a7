// The character model's worker: the LSTM trains here while the page draws its samples.
import { serve } from '../trainer/worker.ts';
import { charTask } from './task.ts';

serve([charTask]);
