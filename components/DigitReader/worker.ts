// How the digit reader starts the Web Worker that reads the test digits (the URL is written here for the bundler to find it).
import type { PredictWorker } from './predict.ts';

export const predictWorker = (): PredictWorker =>
  new Worker(new URL('./predict.worker.ts', import.meta.url), { type: 'module', name: 'digit-reader' }) as unknown as PredictWorker;
