// How the lab's figures start their trainer's Web Worker (the URL is written here for the bundler to find it).
import type { WorkerLike } from '../trainer/connection.ts';

export const labWorker = (): WorkerLike =>
  new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'broken-run-trainer' }) as unknown as WorkerLike;
